"""Encrypting a database and its backups, unlocking it with either secret, changing the
passphrase, decrypting it, and finishing a change a crash interrupted (real SQLCipher)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from advisor_planner.services import stakeholders
from advisor_planner.store import backup, cipher, encryption, keys
from advisor_planner.store.connection import close_database
from advisor_planner.store.encryption import EncryptionError, State
from advisor_planner.store.integrity import full_check
from advisor_planner.store.opening import init_db

FAST = keys.Argon2Parameters(time_cost=1, memory_kib=8192, parallelism=1)
NAMES = [f"Planted Person {n}" for n in range(30)]


@pytest.fixture
def plain(db_path: Path) -> Iterator[Path]:
    """A plain database with people (some still in its WAL) and a backup, closed."""
    init_db(db_path)
    for name in NAMES[:20]:
        stakeholders.create(name=name, notes="a private note about the merger")
    backup.make_backup(db_path, label="manual")
    for name in NAMES[20:]:
        stakeholders.create(name=name)
    close_database()
    yield db_path
    close_database()
    cipher.forget(db_path, backups=backup.backup_dir(db_path))


def _people(path: Path) -> list[str]:
    init_db(path)
    try:
        return sorted(person.name for person in stakeholders.list_all())
    finally:
        close_database()


def _readable(path: Path) -> bool:
    data = path.read_bytes()
    return cipher.PLAIN_HEADER in data or b"Planted Person" in data or b"merger" in data


def test_encrypting_leaves_nothing_readable_and_every_row(plain: Path) -> None:
    recovery = encryption.encrypt(plain, "my passphrase", parameters=FAST)
    assert encryption.state(plain) is State.ENCRYPTED
    assert keys.key_file_path(plain).exists()
    assert not _readable(plain)
    copies = backup.list_backups(plain)
    assert copies and not any(_readable(copy) for copy in copies)
    assert all(full_check(copy).ok for copy in copies)
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(plain).execute("SELECT * FROM sqlite_master").fetchall()
    assert _people(plain) == sorted(NAMES)  # (unlocked by encrypt, in this process)
    assert len(recovery) == 39


def test_either_secret_unlocks_in_a_fresh_process_state(plain: Path) -> None:
    recovery = encryption.encrypt(plain, "my passphrase", parameters=FAST)
    for way in ({"passphrase": "my passphrase"}, {"recovery_key": recovery}):
        cipher.forget(plain, backups=backup.backup_dir(plain))
        with pytest.raises(cipher.LockedDatabaseError, match="is encrypted: unlock it"):
            _people(plain)  # without the key nothing opens
        encryption.unlock(plain, **way)
        assert _people(plain) == sorted(NAMES)


def test_wrong_secrets_and_wrong_files_get_one_sentence_and_change_nothing(
    plain: Path, tmp_path: Path
) -> None:
    with pytest.raises(EncryptionError, match="is not encrypted; no passphrase is needed"):
        encryption.unlock(plain, passphrase="anything")
    recovery = encryption.encrypt(plain, "my passphrase", parameters=FAST)
    before = plain.read_bytes()
    with pytest.raises(keys.WrongSecretError, match="That passphrase is not the one"):
        encryption.unlock(plain, passphrase="My passphrase")
    with pytest.raises(keys.WrongSecretError, match="That recovery key is not the one"):
        encryption.unlock(plain, recovery_key=keys.new_recovery_key())
    with pytest.raises(EncryptionError, match="is encrypted: give its passphrase"):
        encryption.unlock(plain)
    with pytest.raises(EncryptionError, match="is already encrypted"):
        encryption.encrypt(plain, "again", parameters=FAST)
    # Another database's key file beside this one:
    other = tmp_path / "other.sqlite"
    init_db(other)
    close_database()
    encryption.encrypt(other, "my passphrase", parameters=FAST)
    os.replace(keys.key_file_path(other), keys.key_file_path(plain))
    with pytest.raises(EncryptionError, match="belongs to another database"):
        encryption.unlock(plain, passphrase="my passphrase")
    assert plain.read_bytes() == before
    assert recovery


def test_changing_the_passphrase_keeps_the_database_and_the_recovery_key(plain: Path) -> None:
    recovery = encryption.encrypt(plain, "old words", parameters=FAST)
    key = encryption.unlock(plain, passphrase="old words")
    before = plain.read_bytes()
    encryption.change_passphrase(plain, key, "new words")
    assert plain.read_bytes() == before  # rewrapped, not re-encrypted
    with pytest.raises(keys.WrongSecretError):
        encryption.unlock(plain, passphrase="old words")
    assert encryption.unlock(plain, passphrase="new words") == key
    assert encryption.unlock(plain, recovery_key=recovery) == key


def test_decrypting_gives_back_a_plain_database_and_plain_backups(plain: Path) -> None:
    encryption.encrypt(plain, "my passphrase", parameters=FAST)
    key = encryption.unlock(plain, passphrase="my passphrase")
    encryption.decrypt(plain, key)
    assert encryption.state(plain) is State.PLAIN
    assert not keys.key_file_path(plain).exists()
    assert all(encryption.state(copy) is State.PLAIN for copy in backup.list_backups(plain))
    assert _people(plain) == sorted(NAMES)


def test_an_interrupted_encryption_is_finished_or_undone(plain: Path) -> None:
    # Killed after the pending key file was written, before the copy replaced the file:
    pending = encryption._pending(plain)
    _, _, key_file = keys.new_key_file("x", parameters=FAST)
    keys.write_key_file(pending, key_file)
    encryption.recover(plain)
    assert not pending.exists() and not keys.key_file_path(plain).exists()
    assert _people(plain) == sorted(NAMES)
    # Killed after the copy was put in place, before the key file was renamed:
    encryption.encrypt(plain, "my passphrase", parameters=FAST)
    os.replace(keys.key_file_path(plain), pending)
    cipher.forget(plain, backups=backup.backup_dir(plain))
    encryption.unlock(plain, passphrase="my passphrase")  # recovers first
    assert keys.key_file_path(plain).exists() and not pending.exists()
    assert _people(plain) == sorted(NAMES)


HOLDER = """
import sys
from advisor_planner.store.lock import acquire_instance_lock

lock = acquire_instance_lock(sys.argv[1], purpose="encrypt")
print("held", flush=True)
sys.stdin.readline()
"""


def test_a_change_another_process_is_making_is_left_alone(plain: Path) -> None:
    """A command that only reads (``check`` beside the app) recovers before it opens the file;
    while the process holding the lock is encrypting, its pending key file is no leftover."""
    pending = encryption._pending(plain)
    _, _, key_file = keys.new_key_file("x", parameters=FAST)
    keys.write_key_file(pending, key_file)
    root = str(Path(__file__).resolve().parents[2])
    env = dict(
        os.environ, PYTHONPATH=os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")]))
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(plain)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env=env,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        encryption.recover(plain)
        assert pending.exists()
        assert encryption.state(plain) is State.PLAIN
    finally:
        holder.communicate("\n", timeout=30)
    encryption.recover(plain)  # the holder is gone: what it left is a leftover
    assert not pending.exists()


def test_unlocking_encrypts_the_backups_an_interrupted_change_left_plain(plain: Path) -> None:
    """Killed in the middle of its backups, an encrypt (database first) or a decrypt
    (database last) leaves plain backups beside an encrypted database, and its temporary
    copy: the next unlock encrypts the one and removes the other."""
    encryption.encrypt(plain, "my passphrase", parameters=FAST)
    key = encryption.unlock(plain, passphrase="my passphrase")
    copy = backup.list_backups(plain)[0]
    encryption._put_in_place(encryption._converted(copy, key, None), copy)
    leftover = backup.backup_dir(plain) / f".{copy.name}.999999999.x1y2z3.part"
    shutil.copyfile(copy, leftover)  # a killed writer's plain temporary copy
    assert encryption.state(copy) is State.PLAIN
    cipher.forget(plain, backups=backup.backup_dir(plain))
    encryption.unlock(plain, passphrase="my passphrase")
    assert encryption.state(copy) is State.ENCRYPTED and full_check(copy).ok
    assert not leftover.exists()
    assert not any(_readable(path) for path in backup.backup_dir(plain).iterdir())


def test_a_lost_key_file_is_put_back_from_its_spare_in_the_backup_folder(plain: Path) -> None:
    recovery = encryption.encrypt(plain, "old words", parameters=FAST)
    spare = encryption.spare_key_file(plain)
    assert spare.parent == backup.backup_dir(plain) and spare.exists()
    key = encryption.unlock(plain, passphrase="old words")
    encryption.change_passphrase(plain, key, "new words")
    keys.key_file_path(plain).unlink()  # lost beside the database
    cipher.forget(plain, backups=backup.backup_dir(plain))
    assert encryption.unlock(plain, passphrase="new words") == key  # the spare was rewrapped
    assert keys.key_file_path(plain).exists()
    keys.key_file_path(plain).unlink()
    assert encryption.unlock(plain, recovery_key=recovery) == key
    encryption.decrypt(plain, key)
    assert not spare.exists() and not keys.key_file_path(plain).exists()
    assert _people(plain) == sorted(NAMES)


def test_a_file_a_restore_set_aside_is_encrypted_and_decrypted_with_the_rest(
    plain: Path,
) -> None:
    aside = backup.restore_backup(backup.list_backups(plain)[0], plain)
    assert aside.name.startswith(f"{plain.name}.replaced-") and _readable(aside)
    assert encryption.kept_copies(plain)[-1] == aside
    encryption.encrypt(plain, "my passphrase", parameters=FAST)
    assert not _readable(aside)
    key = encryption.unlock(plain, passphrase="my passphrase")
    encryption.decrypt(plain, key)
    assert encryption.state(aside) is State.PLAIN
    assert _people(aside) == sorted(NAMES)  # the set-aside file held all thirty


@pytest.mark.parametrize("loss", ["deleted", "emptied"])
def test_a_lost_encrypted_database_is_locked_then_offers_its_backups(
    plain: Path, loss: str
) -> None:
    """A start-up on an encrypted database whose file is gone must not make a new, plain, empty
    one beside its encrypted backups (and then sweep the key file away as a decryption's
    leftover): it is locked, and once unlocked it is damaged, with its newest good backup."""
    from advisor_planner.store.opening import Verdict, examine

    encryption.encrypt(plain, "my passphrase", parameters=FAST)
    cipher.forget(plain, backups=backup.backup_dir(plain))
    if loss == "deleted":
        plain.unlink()
    else:
        plain.write_bytes(b"")
    found = examine(plain)
    assert found.verdict is Verdict.LOCKED, found
    encryption.unlock(plain, passphrase="my passphrase")
    found = examine(plain)
    assert found.verdict is Verdict.DAMAGED, found
    assert found.good_backup is not None
    assert "backup" in found.sentence
