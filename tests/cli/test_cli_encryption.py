"""Encrypting, decrypting and changing the passphrase on the command line, in real processes
on real files, and opening the result with ``--passphrase-file``, ``--recovery-key-file``,
the keychain or the terminal; each bad secret said in one sentence, with nothing written.
(Every other command on an encrypted database: ``test_cli_encrypted_commands.py``.)"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from encryption_support import (
    BAD_INPUT,
    NEW_PASSPHRASE,
    PASSPHRASE,
    PEOPLE,
    PLAIN_HEADER,
    PLANTED,
    REPO,
    Encrypted,
    another_databases_key_file,
    child_env,
    one_line,
    plant,
    recovery_key_in,
    refused,
    run_cli,
    run_on_terminal,
    snapshot,
    stakeholders_in,
    write_secret,
)

from advisor_planner.services import encryption
from advisor_planner.services.session import backup_folder


def test_encrypt_prints_the_recovery_key_once_and_check_opens_with_either_secret(
    plain: Path, tmp_path: Path
) -> None:
    secret = write_secret(tmp_path / "secrets" / "passphrase.txt", PASSPHRASE)
    result = run_cli("encrypt", "--db", plain, "--passphrase-file", secret)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    recovery = recovery_key_in(result.stdout)
    assert result.stdout.count(recovery) == 1
    assert "Keep the recovery key safe" in result.stdout
    assert f"Keep {plain}.keys beside the database" in result.stdout
    assert len(recovery) == 39 and recovery.count("-") == 7

    by_passphrase = run_cli("check", "--db", plain, "--passphrase-file", secret)
    assert by_passphrase.returncode == 0, by_passphrase.stderr
    assert "Encrypted: yes" in by_passphrase.stdout
    assert "Status: healthy" in by_passphrase.stdout
    assert stakeholders_in(by_passphrase.stdout) == PEOPLE
    # However the recovery key is written down: lower case, no dashes, O for 0.
    typed = recovery.lower().replace("-", " ").replace("0", "o")
    recovery_file = write_secret(tmp_path / "secrets" / "recovery.txt", typed)
    by_recovery = run_cli("check", "--db", plain, "--recovery-key-file", recovery_file)
    assert by_recovery.returncode == 0, by_recovery.stderr
    assert stakeholders_in(by_recovery.stdout) == PEOPLE


@pytest.mark.parametrize("case", sorted(BAD_INPUT))
def test_bad_input_is_one_sentence_and_writes_nothing(encrypted: Encrypted, case: str) -> None:
    refused(encrypted, "check", case)


def test_sqlcipher_says_nothing_on_stderr_for_a_wrong_key(encrypted: Encrypted) -> None:
    """Another database's key file unwraps a key, which SQLCipher then tries on the file:
    SQLCipher's own "hmac check failed" must not reach the terminal."""
    another_databases_key_file(encrypted)
    result = run_cli("check", "--db", encrypted.db, "--passphrase-file", encrypted.passphrase_file)
    assert result.returncode == 1
    assert one_line(result.stderr) == (
        f"advisor-planner check: The key file beside {encrypted.db} belongs to another "
        "database (or the database is damaged)."
    )


def test_change_passphrase_then_the_old_one_fails_and_the_recovery_key_still_opens(
    encrypted: Encrypted, tmp_path: Path
) -> None:
    new = write_secret(tmp_path / "secrets" / "new.txt", NEW_PASSPHRASE)
    db_before = encrypted.db.read_bytes()
    changed = run_cli(
        "change-passphrase",
        "--db",
        encrypted.db,
        "--passphrase-file",
        encrypted.passphrase_file,
        "--new-passphrase-file",
        new,
    )
    assert changed.returncode == 0, changed.stderr
    assert "the recovery key is unchanged" in changed.stdout
    assert encrypted.db.read_bytes() == db_before  # rewrapped, not re-encrypted
    old = run_cli("check", "--db", encrypted.db, "--passphrase-file", encrypted.passphrase_file)
    assert old.returncode == 1
    assert "That passphrase is not the one" in one_line(old.stderr)
    recovery = ["--recovery-key-file", encrypted.recovery_key_file]
    for secret in (["--passphrase-file", new], recovery):
        opened = run_cli("check", "--db", encrypted.db, *secret)
        assert opened.returncode == 0, opened.stderr


def test_decrypt_gives_back_plain_files(encrypted: Encrypted) -> None:
    result = run_cli(
        "decrypt", "--db", encrypted.db, "--recovery-key-file", encrypted.recovery_key_file
    )
    assert result.returncode == 0, result.stderr
    assert not encryption.key_file(encrypted.db).exists()
    for path in (encrypted.db, *backup_folder(encrypted.db).iterdir()):
        assert path.read_bytes().startswith(PLAIN_HEADER), path
    con = sqlite3.connect(f"file:{encrypted.db}?mode=ro", uri=True)
    names = [row[0] for row in con.execute("SELECT name FROM stakeholder")]
    con.close()
    assert len(names) == PEOPLE and f"{PLANTED[0]} 0" in names
    checked = run_cli("check", "--db", encrypted.db)
    assert checked.returncode == 0 and "Encrypted" not in checked.stdout


@pytest.mark.parametrize("command", ["encrypt", "decrypt", "change-passphrase"])
def test_the_encryption_commands_refuse_while_the_app_holds_the_database(
    encrypted: Encrypted, tmp_path: Path, command: str
) -> None:
    from advisor_planner.services.session import locked

    db = plant(tmp_path / "plain" / "p.sqlite") if command == "encrypt" else encrypted.db
    new = write_secret(tmp_path / "secrets" / "new.txt", NEW_PASSPHRASE)
    secrets = {
        "encrypt": ["--passphrase-file", new],
        "decrypt": ["--passphrase-file", encrypted.passphrase_file],
        "change-passphrase": [
            "--passphrase-file",
            encrypted.passphrase_file,
            "--new-passphrase-file",
            new,
        ],
    }[command]
    before = snapshot(db.parent)
    with locked(db, "app"):
        result = run_cli(command, "--db", db, *secrets)
    assert result.returncode == 1
    assert f"already open in Advisor Planner (pid {os.getpid()}); close it first" in one_line(
        result.stderr
    )
    assert snapshot(db.parent) == before


def test_encrypt_refuses_what_it_cannot_encrypt(encrypted: Encrypted, tmp_path: Path) -> None:
    secret = encrypted.passphrase_file
    again = run_cli("encrypt", "--db", encrypted.db, "--passphrase-file", secret)
    assert again.returncode == 1
    assert one_line(again.stderr).endswith(f"{encrypted.db} is already encrypted")
    missing = run_cli("encrypt", "--db", tmp_path / "none.sqlite", "--passphrase-file", secret)
    assert missing.returncode == 2 and "no database at" in one_line(missing.stderr)
    not_a_database = tmp_path / "notes.sqlite"
    not_a_database.write_text("name,email\nAna,ana@example.com\n" * 20)
    refused = run_cli("encrypt", "--db", not_a_database, "--passphrase-file", secret)
    assert refused.returncode == 1
    assert "not an Advisor Planner database" in one_line(refused.stderr)
    assert not encryption.key_file(not_a_database).exists()


def test_encrypt_without_a_terminal_or_a_passphrase_file_exits_2(plain: Path) -> None:
    before = snapshot(plain.parent)
    result = run_cli("encrypt", "--db", plain)
    assert result.returncode == 2
    assert "give the new passphrase with --passphrase-file FILE" in one_line(result.stderr)
    assert snapshot(plain.parent) == before


def test_encrypt_asks_twice_on_a_terminal_and_refuses_two_different_answers(plain: Path) -> None:
    before = snapshot(plain.parent)
    differ = run_on_terminal(
        ["encrypt", "--db", plain], [("New passphrase:", "one"), ("again:", "two")]
    )
    assert differ.returncode == 2, differ.stderr
    assert "the two passphrases differ; nothing was done" in differ.stderr
    assert snapshot(plain.parent) == before
    same = run_on_terminal(
        ["encrypt", "--db", plain], [("New passphrase:", PASSPHRASE), ("again:", PASSPHRASE)]
    )
    assert same.returncode == 0, same.stderr
    recovery = recovery_key_in(same.stdout)
    asked = run_on_terminal(["check", "--db", plain], [("Passphrase for", PASSPHRASE)])
    assert asked.returncode == 0, asked.stderr
    assert "Status: healthy" in asked.stdout
    by_recovery = run_on_terminal(
        ["check", "--db", plain], [("Passphrase for", ""), ("Recovery key:", recovery)]
    )
    assert by_recovery.returncode == 0, by_recovery.stderr
    wrong = run_on_terminal(["check", "--db", plain], [("Passphrase for", "not it")])
    assert wrong.returncode == 1
    assert "That passphrase is not the one" in wrong.stderr


def test_a_key_remembered_in_the_keychain_opens_without_a_secret(encrypted: Encrypted) -> None:
    reason = encryption.keychain_status()
    if reason:
        pytest.skip(f"no keychain to remember keys in: {reason}")
    remember = (
        "import sys\n"
        "from pathlib import Path\n"
        "from advisor_planner.services import encryption\n"
        "path = Path(sys.argv[1])\n"
        "encryption.unlock(path, passphrase=sys.argv[2])\n"
        "encryption.remember(path)\n"
    )
    subprocess.run(
        [sys.executable, "-c", remember, str(encrypted.db), PASSPHRASE],
        cwd=REPO,
        env=child_env(),
        check=True,
    )
    try:
        result = run_cli("check", "--db", encrypted.db)
        assert result.returncode == 0, result.stderr
        assert "Encrypted: yes" in result.stdout
        # Taking the protection off wants the secret itself, not the keychain's key.
        decrypt = run_cli("decrypt", "--db", encrypted.db)
        assert decrypt.returncode == 2
        assert "there is no terminal to ask on" in one_line(decrypt.stderr)
    finally:
        encryption.forget_remembered(encrypted.db)
