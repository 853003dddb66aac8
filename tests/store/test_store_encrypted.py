"""An encrypted database at rest: nothing of it readable without the key, everything the
store does with a plain file done with an encrypted one (SQLCipher, real files)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from advisor_planner.services import stakeholders
from advisor_planner.store import backup, cipher, keys
from advisor_planner.store.connection import close_database
from advisor_planner.store.integrity import full_check
from advisor_planner.store.opening import Verdict, examine, init_db

PLANTED = ("Zenobia Quartermaine", "Fears the SAP migration will slip")


@pytest.fixture
def key(db_path: Path) -> Iterator[bytes]:
    key, _recovery, _file = keys.new_key_file(
        "passphrase", parameters=keys.Argon2Parameters(1, 8192, 1)
    )
    cipher.unlock(db_path, key, backups=backup.backup_dir(db_path))
    yield key
    cipher.forget(db_path, backups=backup.backup_dir(db_path))


@pytest.fixture
def encrypted(db_path: Path, key: bytes) -> Iterator[Path]:
    """An encrypted database holding the planted name and note, some of it still in the WAL."""
    init_db(db_path)
    for n in range(40):
        stakeholders.create(name=f"{PLANTED[0]} {n}", notes=PLANTED[1])
    yield db_path
    close_database()


def _raw(path: Path) -> bytes:
    return path.read_bytes() if path.exists() else b""


def _readable_text_in(data: bytes) -> bool:
    return any(text.encode() in data for text in PLANTED) or cipher.PLAIN_HEADER in data


def test_nothing_is_readable_in_the_file_or_its_wal(encrypted: Path) -> None:
    wal = Path(f"{encrypted}-wal")
    assert wal.stat().st_size > 0  # the test reads the WAL while it holds data
    for path in (encrypted, wal):
        assert not _readable_text_in(_raw(path)), path
    with pytest.raises(sqlite3.DatabaseError, match="not a database"):
        sqlite3.connect(encrypted).execute("SELECT count(*) FROM sqlite_master").fetchone()


def test_the_check_and_the_start_up_examination_pass_with_the_key(encrypted: Path) -> None:
    close_database()  # (checkpointed: the file holds everything)
    assert not _readable_text_in(_raw(encrypted))
    assert full_check(encrypted).ok
    assert examine(encrypted).verdict is Verdict.HEALTHY


def test_backups_are_encrypted_with_the_same_key(encrypted: Path, tmp_path: Path) -> None:
    rotating = backup.make_backup(encrypted, label="manual")
    elsewhere = backup.backup_file(encrypted, tmp_path / "usb" / "copy.sqlite")
    for copy in (rotating, elsewhere):
        assert not _readable_text_in(_raw(copy)), copy
        assert full_check(copy).ok
    assert backup.newest_good_backup(encrypted) == rotating


def test_a_wrong_key_reads_nothing_and_says_so(encrypted: Path) -> None:
    close_database()
    wrong = bytes(32)
    connection = cipher.connect(str(encrypted), path=encrypted, key=wrong)
    try:
        with pytest.raises(cipher.DATABASE_ERRORS) as caught:
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        assert cipher.is_wrong_key(caught.value)
    finally:
        connection.close()


def test_sqlcipher_says_nothing_on_stderr_for_a_wrong_key(encrypted: Path, capfd) -> None:
    close_database()
    connection = cipher.connect(str(encrypted), path=encrypted, key=bytes(32))
    with pytest.raises(cipher.DATABASE_ERRORS):
        connection.execute("SELECT 1 FROM sqlite_master").fetchone()
    connection.close()
    assert capfd.readouterr().err == ""


def test_damage_to_an_encrypted_file_is_damage_and_its_backup_is_offered(
    encrypted: Path,
) -> None:
    for n in range(200):
        stakeholders.create(name=f"Filler {n}", notes="x" * 400)
    saved = backup.make_backup(encrypted, label="daily")
    close_database()
    page = 4096  # SQLCipher's page size (its header, unlike SQLite's, is not readable)
    pages = encrypted.stat().st_size // page
    with encrypted.open("r+b") as handle:
        for number in range(pages // 2, pages // 2 + 4):
            handle.seek(number * page)
            handle.write(bytes((number * 37 + i * 11) % 251 for i in range(page)))
    found = examine(encrypted)
    assert found.verdict is Verdict.DAMAGED, found
    assert found.good_backup == saved
