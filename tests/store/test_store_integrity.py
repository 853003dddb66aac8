"""Health checks: good files pass; damaged pages and non-SQLite files fail; nothing is written."""

from __future__ import annotations

import hashlib
import random
import sqlite3

import pytest

from advisor_planner.store import models as m
from advisor_planner.store.connection import close_database
from advisor_planner.store.integrity import DamagedDatabaseError, full_check, quick_check
from advisor_planner.store.opening import init_db

ROWS = 3000


def _fill(rows: int = ROWS) -> None:
    people = [
        {"name": f"Person {n:05d}", "notes": f"notes about person {n} " * 8} for n in range(rows)
    ]
    with m.database.atomic():
        for start in range(0, rows, 500):
            m.Stakeholder.insert_many(people[start : start + 500]).execute()


def _damage_middle_pages(path) -> None:
    """Overwrite a run of whole pages in the middle of the file with random bytes."""
    data = bytearray(path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    pages = len(data) // page_size
    assert pages > 20, "the test database should span many pages"
    rng = random.Random(1234)
    first = pages // 2 - 3
    for page in range(first, first + 6):
        start = page * page_size
        data[start : start + page_size] = bytes(rng.randrange(256) for _ in range(page_size))
    path.write_bytes(bytes(data))


def _sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_good_database_passes_both_checks(db, db_path):
    _fill()
    close_database()
    quick = quick_check(db_path)
    full = full_check(db_path)
    assert quick.ok and quick.messages == ("ok",)
    assert full.ok and full.messages == ("ok",)
    assert full.foreign_key_problems == 0


def test_checks_pass_on_a_live_wal_database(db, db_path):
    _fill(200)
    # Rows still in the WAL: the read-only check connection sees them and passes.
    assert quick_check(db_path).ok
    assert full_check(db_path).ok


def test_damaged_pages_fail_both_checks(db, db_path):
    _fill()
    close_database()
    _damage_middle_pages(db_path)
    quick = quick_check(db_path)
    full = full_check(db_path)
    assert not quick.ok
    assert not full.ok
    assert quick.messages and quick.messages != ("ok",)
    assert full.messages and full.messages != ("ok",)


def test_init_db_refuses_a_damaged_file_without_writing(db, db_path):
    _fill()
    close_database()
    _damage_middle_pages(db_path)
    before = _sha(db_path)
    with pytest.raises(DamagedDatabaseError) as caught:
        init_db(db_path)
    assert caught.value.path == db_path
    assert caught.value.messages
    assert _sha(db_path) == before
    wal = db_path.with_name(db_path.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0


@pytest.mark.parametrize(
    "content",
    [b"this is a plain text file, not SQLite\n" * 200, bytes(range(256)) * 64],
    ids=["text", "binary"],
)
def test_non_sqlite_file_fails_both_checks(tmp_path, content):
    path = tmp_path / "not-a-db.sqlite"
    path.write_bytes(content)
    quick = quick_check(path)
    full = full_check(path)
    assert not quick.ok
    assert not full.ok
    assert "not a database" in quick.messages[0]
    assert path.read_bytes() == content
    with pytest.raises(DamagedDatabaseError):
        init_db(path)
    close_database()
    assert path.read_bytes() == content


def test_full_check_reports_dangling_foreign_keys(db, db_path):
    ada = m.Stakeholder.create(name="Ada")
    m.TrustCheck.create(
        stakeholder=ada.id,
        checked_on="2026-01-01",
        credibility=5,
        reliability=5,
        intimacy=5,
        self_orientation=5,
    )
    close_database()
    con = sqlite3.connect(db_path)  # foreign keys off: a row can be orphaned
    try:
        con.execute("DELETE FROM stakeholder")
        con.commit()
    finally:
        con.close()
    assert quick_check(db_path).ok  # pages are fine
    full = full_check(db_path)
    assert not full.ok
    assert full.foreign_key_problems == 1
    assert full.messages == ("ok", "trust_check row 1 points to a missing stakeholder")
