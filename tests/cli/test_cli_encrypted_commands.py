"""Every command that opens a database, on an encrypted one, in real processes on real files:
``check``, ``backup``, ``restore``, ``report``, ``import``, ``export`` and ``demo`` unlock it
first and refuse a bad secret alike; nothing of it is readable without one (the file, its
WAL, every backup); ``report`` and ``export`` say their output is plain."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest
from encryption_support import (
    COMMANDS,
    EVERY_COMMAND,
    PASSPHRASE,
    PEOPLE,
    PLAIN_HEADER,
    PLANTED,
    REPO,
    Encrypted,
    child_env,
    one_line,
    plant,
    recovery_key_in,
    refused,
    run_cli,
    snapshot,
    stakeholders_in,
    unreadable,
    write_secret,
)

from advisor_planner.services.session import backup_folder


def test_nothing_of_an_encrypted_database_is_readable(encrypted: Encrypted, tmp_path: Path) -> None:
    """The file, its WAL (left by a writer killed with it open) and every backup: the one
    made before encrypting, one made after, and one made elsewhere with --to."""
    db, secret = encrypted.db, encrypted.passphrase_file
    assert run_cli("backup", "--db", db, "--passphrase-file", secret).returncode == 0
    elsewhere = tmp_path / "usb" / "copy.sqlite"
    made = run_cli("backup", "--db", db, "--passphrase-file", secret, "--to", elsewhere)
    assert made.returncode == 0, made.stderr
    assert "Note: the copy is encrypted with the database's key" in made.stdout
    writer = (
        "import os, signal, sys\n"
        "from pathlib import Path\n"
        "from advisor_planner.services import encryption, session, stakeholders\n"
        "path = Path(sys.argv[1])\n"
        "encryption.unlock(path, passphrase=sys.argv[2])\n"
        "with session.opened(path, writing='test'):\n"
        "    for n in range(20):\n"
        "        stakeholders.create(name=f'{sys.argv[3]} {n}', notes=sys.argv[4])\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    killed = subprocess.run(
        [sys.executable, "-c", writer, str(db), PASSPHRASE, PLANTED[0], PLANTED[2]],
        cwd=REPO,
        env=child_env(),
        capture_output=True,
        check=False,
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    wal = Path(f"{db}-wal")
    assert wal.stat().st_size > 0
    backups = sorted(backup_folder(db).glob("*.sqlite"))
    assert len(backups) == 2
    assert (backup_folder(db) / f"{db.name}.keys").exists()  # the key file's spare
    for path in (db, wal, *backups, elsewhere):
        unreadable(path)
    # The secret still opens it all, the WAL's rows included.
    checked = run_cli("check", "--db", db, "--passphrase-file", secret)
    assert checked.returncode == 0, checked.stderr
    assert stakeholders_in(checked.stdout) == PEOPLE + 20


@pytest.mark.parametrize("case", EVERY_COMMAND)
@pytest.mark.parametrize("command", sorted(set(COMMANDS) - {"check"}))
def test_every_command_refuses_bad_input_alike(
    encrypted: Encrypted, command: str, case: str
) -> None:
    refused(encrypted, command, case)


@pytest.mark.parametrize("command", ["check", "backup", "export", "import", "decrypt"])
def test_a_plain_database_given_a_passphrase_isrefused(
    plain: Path, tmp_path: Path, command: str
) -> None:
    secret = write_secret(tmp_path / "secrets" / "passphrase.txt", PASSPHRASE)
    (tmp_path / "people.vcf").write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A B\r\nEND:VCARD\r\n")
    args = {"export": ["--out", tmp_path / "all.json"], "import": [tmp_path / "people.vcf"]}
    before = snapshot(plain.parent)
    result = run_cli(command, "--db", plain, *args.get(command, []), "--passphrase-file", secret)
    assert result.returncode == 2
    line = one_line(result.stderr)
    assert line == f"advisor-planner {command}: {plain} is not encrypted; no passphrase is needed"
    assert snapshot(plain.parent) == before
    assert not (tmp_path / "all.json").exists()


def test_backup_and_restore_work_on_an_encrypted_database(
    encrypted: Encrypted, tmp_path: Path
) -> None:
    db, unlock = encrypted.db, ["--passphrase-file", encrypted.passphrase_file]
    made = run_cli("backup", "--db", db, *unlock)
    assert made.returncode == 0, made.stderr
    assert made.stdout.splitlines() == [str(backup_folder(db) / Path(made.stdout.strip()).name)]
    restored = run_cli("restore", "--db", db, "--latest", *unlock)
    assert restored.returncode == 0, restored.stderr
    assert f"Restored {db} from {made.stdout.strip()}." in restored.stdout
    copy = tmp_path / "usb" / "copy.sqlite"
    assert run_cli("backup", "--db", db, "--to", copy, *unlock).returncode == 0
    from_copy = run_cli("restore", "--db", db, "--from", copy, *unlock)
    assert from_copy.returncode == 0, from_copy.stderr
    checked = run_cli("check", "--db", db, *unlock)
    assert checked.returncode == 0 and stakeholders_in(checked.stdout) == PEOPLE
    unreadable(db)


def test_restore_refuses_to_put_a_plain_backup_in_an_encrypted_database(
    encrypted: Encrypted, tmp_path: Path
) -> None:
    old = plant(tmp_path / "old" / "planner.sqlite")
    before = snapshot(encrypted.folder)
    result = run_cli(
        "restore",
        "--db",
        encrypted.db,
        "--from",
        old,
        "--passphrase-file",
        encrypted.passphrase_file,
    )
    assert result.returncode == 1
    assert one_line(result.stderr) == (
        f"advisor-planner: not restored: {old} is not encrypted and {encrypted.db} is; "
        "decrypt the database first to put a plain backup in its place"
    )
    assert snapshot(encrypted.folder) == before


def test_export_import_and_report_work_and_say_their_output_is_plain(
    encrypted: Encrypted, tmp_path: Path
) -> None:
    db, unlock = encrypted.db, ["--recovery-key-file", encrypted.recovery_key_file]
    archive, table, pdf = tmp_path / "all.json", tmp_path / "people.csv", tmp_path / "r.pdf"
    for out in (archive, table):
        result = run_cli("export", "--db", db, "--out", out, *unlock)
        assert result.returncode == 0, result.stderr
        assert result.stdout.splitlines()[-1] == (
            f"Note: {out} is not encrypted, unlike the database; keep it somewhere private, "
            "or delete it when done."
        )
        assert PLANTED[0].encode() in out.read_bytes()
    report = run_cli("report", "--db", db, "--out", pdf, *unlock)
    assert report.returncode == 0, report.stderr
    assert report.stdout.splitlines()[0].startswith(f"{pdf} (")
    assert report.stdout.splitlines()[-1].startswith(f"Note: {pdf} is not encrypted")
    card = tmp_path / "people.vcf"
    card.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ines Moreau\r\nEND:VCARD\r\n")
    imported = run_cli("import", "--db", db, card, *unlock)
    assert imported.returncode == 0, imported.stderr
    assert "1 added" in imported.stdout
    merged = run_cli("import", "--db", db, archive, "--merge", *unlock)
    assert merged.returncode == 0, merged.stderr
    checked = run_cli("check", "--db", db, *unlock)
    assert stakeholders_in(checked.stdout) == PEOPLE + 1
    unreadable(db)


def test_plain_exports_say_nothing_more(plain: Path, tmp_path: Path) -> None:
    result = run_cli("export", "--db", plain, "--out", tmp_path / "all.json")
    assert result.returncode == 0, result.stderr
    assert "Note:" not in result.stdout


def test_demo_with_a_passphrase_file_is_encrypted(tmp_path: Path) -> None:
    db = tmp_path / "demo" / "demo.sqlite"
    secret = write_secret(tmp_path / "secrets" / "passphrase.txt", PASSPHRASE)
    result = run_cli("demo", "--db", db, "--size", "small", "--passphrase-file", secret)
    assert result.returncode == 0, result.stderr
    assert "Wrote small sample data" in result.stdout
    recovery_key_in(result.stdout)
    assert not db.read_bytes().startswith(PLAIN_HEADER)
    assert not Path(f"{db}-wal").exists() or not Path(f"{db}-wal").stat().st_size
    checked = run_cli("check", "--db", db, "--passphrase-file", secret)
    assert checked.returncode == 0, checked.stderr
    assert "Encrypted: yes" in checked.stdout


def test_a_copy_made_elsewhere_carries_its_key_file_and_opens_after_decrypt(
    encrypted: Encrypted, tmp_path: Path
) -> None:
    """``backup --to`` writes the key file beside the copy (it holds nothing readable without
    a secret), so the copy still opens with today's passphrase once the database itself has
    been decrypted and its own key file is gone."""
    db, secret = encrypted.db, encrypted.passphrase_file
    elsewhere = tmp_path / "usb" / "copy.sqlite"
    made = run_cli("backup", "--db", db, "--passphrase-file", secret, "--to", elsewhere)
    assert made.returncode == 0, made.stderr
    assert (tmp_path / "usb" / "copy.sqlite.keys").is_file()
    assert f"its key file is beside it ({elsewhere}.keys)" in " ".join(made.stdout.split())
    decrypted = run_cli("decrypt", "--db", db, "--passphrase-file", secret)
    assert decrypted.returncode == 0, decrypted.stderr
    assert not Path(f"{db}.keys").exists()
    unreadable(elsewhere)
    checked = run_cli("check", "--db", elsewhere, "--passphrase-file", secret)
    assert checked.returncode == 0, checked.stderr
    assert stakeholders_in(checked.stdout) == PEOPLE


@pytest.mark.parametrize(
    "loss", ["file deleted", "file emptied", "first page damaged", "key file lost too"]
)
def test_restore_brings_back_an_encrypted_database_that_is_lost_or_damaged(
    encrypted: Encrypted, loss: str
) -> None:
    """Unlocking checks the key against the database; when the database is gone or its first
    page is damaged (which SQLCipher cannot tell from a wrong key), the key is checked
    against its backups instead, so ``restore`` can put the newest good one back."""
    db, secret = encrypted.db, encrypted.passphrase_file
    made = run_cli("backup", "--db", db, "--passphrase-file", secret)
    assert made.returncode == 0, made.stderr
    if loss == "file emptied":
        db.write_bytes(b"")
    elif loss == "first page damaged":
        with db.open("r+b") as handle:
            handle.write(b"\x5a" * 4096)
    else:
        db.unlink()
    if loss == "key file lost too":
        Path(f"{db}.keys").unlink()  # (its spare in the backup folder remains)
    if loss == "first page damaged":
        checked = run_cli("check", "--db", db, "--passphrase-file", secret)
        assert checked.returncode != 0
        assert "first page is damaged" in checked.stdout
        assert "advisor-planner restore --latest" in checked.stdout
    wrong = write_secret(encrypted.passphrase_file.with_name("wrong.txt"), "not the passphrase")
    refused_restore = run_cli("restore", "--db", db, "--latest", "--passphrase-file", wrong)
    assert refused_restore.returncode != 0
    assert "passphrase" in one_line(refused_restore.stderr).lower()
    restored = run_cli("restore", "--db", db, "--latest", "--passphrase-file", secret)
    assert restored.returncode == 0, restored.stderr
    assert Path(f"{db}.keys").is_file()
    checked = run_cli("check", "--db", db, "--passphrase-file", secret)
    assert checked.returncode == 0, checked.stderr
    assert stakeholders_in(checked.stdout) == PEOPLE
    unreadable(db)


@pytest.mark.parametrize("command", ["check", "export", "import", "backup"])
def test_commands_on_a_lost_encrypted_database_point_to_restore(
    encrypted: Encrypted, tmp_path: Path, command: str
) -> None:
    """Not "no database" nor a new plain file beside the encrypted backups: one line that
    says what happened and the command that brings it back."""
    db, secret = encrypted.db, encrypted.passphrase_file
    assert run_cli("backup", "--db", db, "--passphrase-file", secret).returncode == 0
    db.write_bytes(b"")
    extra = {
        "export": ["--out", str(tmp_path / "all.json")],
        "import": [str(_contacts(tmp_path))],
    }.get(command, [])
    result = run_cli(command, "--db", db, "--passphrase-file", secret, *extra)
    assert result.returncode == 1, result.stderr
    line = one_line(result.stderr)
    assert "is missing or empty, but it was encrypted" in line
    assert "advisor-planner restore --latest" in line
    assert db.read_bytes() == b""


def _contacts(folder: Path) -> Path:
    path = folder / "people.vcf"
    path.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ines Moreau\r\nEND:VCARD\r\n")
    return path
