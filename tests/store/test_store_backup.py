"""Backups through SQLite's backup API: private, checked, rotated, restorable."""

from __future__ import annotations

import os
import sqlite3
import stat
from datetime import date, datetime, timedelta

import pytest

from advisor_planner.services import stakeholders
from advisor_planner.store.backup import (
    backup_dir,
    backup_file,
    list_backups,
    make_backup,
    newest_good_backup,
    restore_backup,
    rotate_backups,
)
from advisor_planner.store.connection import close_database
from advisor_planner.store.integrity import full_check, quick_check
from advisor_planner.store.opening import init_db


def _names(path) -> list[str]:
    con = sqlite3.connect(path)
    try:
        return [row[0] for row in con.execute("SELECT name FROM stakeholder ORDER BY id")]
    finally:
        con.close()


def _mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def _journal_mode(path) -> str:
    con = sqlite3.connect(path)
    try:
        return con.execute("PRAGMA journal_mode").fetchone()[0]
    finally:
        con.close()


def test_make_backup_of_a_live_database_holds_its_data(db, db_path):
    stakeholders.create(name="Ada")
    stakeholders.create(name="Bea")
    # The rows may still sit in the WAL; the backup API copies them all the same.
    path = make_backup(db_path, label="manual", now=datetime(2026, 3, 1, 9, 30, 5))
    assert path == backup_dir(db_path) / "manual-20260301-093005.sqlite"
    assert path.parent == db_path.with_name("test.sqlite.backups")
    assert quick_check(path).ok
    assert full_check(path).ok
    assert _names(path) == ["Ada", "Bea"]
    assert _mode(path) == 0o600
    # A single self-contained file, not a WAL database needing its -wal beside it.
    assert _journal_mode(path) == "delete"
    assert not path.with_name(path.name + "-wal").exists()
    # No temporary file is left behind.
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]


def test_backup_file_accepts_an_open_connection(db, db_path, tmp_path):
    stakeholders.create(name="Ada")
    con = sqlite3.connect(db_path)
    try:
        out = backup_file(con, tmp_path / "copies" / "copy.sqlite")
    finally:
        con.close()
    assert out == tmp_path / "copies" / "copy.sqlite"
    assert quick_check(out).ok
    assert _names(out) == ["Ada"]
    assert _mode(out) == 0o600


def test_backup_file_replaces_an_existing_destination(db, db_path, tmp_path):
    target = tmp_path / "copy.sqlite"
    target.write_bytes(b"old junk that is not a database")
    stakeholders.create(name="Ada")
    backup_file(db_path, target)
    assert _names(target) == ["Ada"]


def test_rotation_keeps_seven_daily_and_four_weekly_over_forty_days(db, db_path):
    stakeholders.create(name="Ada")
    start = date(2026, 1, 5)  # a Monday, ISO week 2026-W02
    made_total = 0
    for offset in range(40):
        day = start + timedelta(days=offset)
        result = rotate_backups(db_path, now=datetime(day.year, day.month, day.day, 12))
        made_total += len(result.made)
        # Running it again the same day makes nothing new.
        assert rotate_backups(db_path, now=datetime(day.year, day.month, day.day, 18)).made == ()
    last = start + timedelta(days=39)  # 2026-02-13, a Friday of week 2026-W07
    assert last == date(2026, 2, 13)
    folder = backup_dir(db_path)
    daily = sorted(p.name for p in folder.glob("daily-*.sqlite"))
    weekly = sorted(p.name for p in folder.glob("weekly-*.sqlite"))
    assert daily == [f"daily-2026-02-{d:02d}.sqlite" for d in range(7, 14)]
    # 40 days from Monday W02 touch weeks W02..W07 (six weeks); the last four stay.
    assert weekly == [f"weekly-2026-W{w:02d}.sqlite" for w in (4, 5, 6, 7)]
    # One daily per day plus one weekly per week (the first run of each week).
    assert made_total == 40 + 6
    for path in folder.iterdir():
        assert _mode(path) == 0o600
        assert _names(path) == ["Ada"]


def test_rotation_reports_what_it_removed(db, db_path):
    folder = backup_dir(db_path)
    for day in range(1, 9):  # eight days in one ISO week and the next
        rotate_backups(db_path, now=datetime(2026, 6, day, 8))
    result = rotate_backups(db_path, now=datetime(2026, 6, 9, 8))
    assert [p.name for p in result.made] == ["daily-2026-06-09.sqlite"]
    assert [p.name for p in result.removed] == ["daily-2026-06-02.sqlite"]
    assert len(list(folder.glob("daily-*.sqlite"))) == 7


def test_newest_good_backup_skips_a_corrupted_one(db, db_path):
    stakeholders.create(name="Ada")
    older = make_backup(db_path, label="manual", now=datetime(2026, 3, 1, 9, 0, 0))
    newer = make_backup(db_path, label="manual", now=datetime(2026, 3, 2, 9, 0, 0))
    os.utime(older, (1_000_000, 1_000_000))
    os.utime(newer, (2_000_000, 2_000_000))
    assert list_backups(db_path) == [newer, older]
    assert newest_good_backup(db_path) == newer
    newer.write_bytes(b"\x00garbage" * 1000)
    os.utime(newer, (2_000_000, 2_000_000))
    assert not quick_check(newer).ok
    assert newest_good_backup(db_path) == older


def test_newest_good_backup_is_none_without_backups(db, db_path):
    assert list_backups(db_path) == []
    assert newest_good_backup(db_path) is None


def test_restore_backup_moves_the_old_file_aside(db, db_path):
    stakeholders.create(name="Ada")
    backup = make_backup(db_path, label="manual", now=datetime(2026, 3, 1, 9, 0, 0))
    stakeholders.create(name="Bea")
    close_database()
    aside = restore_backup(backup, db_path)
    assert aside.name.startswith("test.sqlite.replaced-")
    assert _names(aside) == ["Ada", "Bea"]
    assert _names(db_path) == ["Ada"]
    assert _mode(db_path) == 0o600
    assert not db_path.with_name("test.sqlite-wal").exists()
    assert not db_path.with_name(".test.sqlite.restoring").exists()
    # The restored file opens, checks and migrates like any other.
    init_db(db_path)
    try:
        assert [s.name for s in stakeholders.list_all()] == ["Ada"]
        # The restored file is back in WAL mode once the app opens it.
        assert _journal_mode(db_path) == "wal"
    finally:
        close_database()


def test_a_replaced_file_is_synced_before_its_rename_and_its_folder_after(tmp_path, monkeypatch):
    """A power cut leaves the old file or the new one: the data reaches the disk before the
    rename that names it, and the rename itself is made durable."""
    import os

    from advisor_planner import atomic

    synced: list[str] = []
    real_fsync = os.fsync

    def recording_fsync(fd: int) -> None:
        synced.append(os.readlink(f"/proc/self/fd/{fd}"))
        real_fsync(fd)

    if not os.path.exists("/proc/self/fd"):
        pytest.skip("names descriptors through /proc")
    monkeypatch.setattr(os, "fsync", recording_fsync)
    target = tmp_path / "out.txt"
    target.write_text("old")
    replaced: list[str] = []
    real_replace = os.replace
    monkeypatch.setattr(
        os, "replace", lambda a, b: (replaced.append(str(a)), real_replace(a, b))[1]
    )
    atomic.write_text(target, lambda out: out.write("new"))
    assert target.read_text() == "new"
    assert synced[0] == replaced[0], "the temporary file was not synced before its rename"
    assert synced[-1] == str(tmp_path), "the folder was not synced after the rename"


def test_leftovers_of_a_killed_writer_are_swept_and_a_live_ones_kept(db, db_path):
    import os
    import subprocess
    import sys

    from advisor_planner.store.backup import sweep_leftovers

    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    dead_pid = int(gone.stdout)
    folder = backup_dir(db_path)
    folder.mkdir(exist_ok=True)
    dead = folder / f".daily-2026-12-01.sqlite.{dead_pid}.abc123.part"
    dead.write_bytes(b"x" * 1000)
    beside = db_path.with_name(f".copy.sqlite.{dead_pid}.zz.part")
    beside.write_bytes(b"x")
    # A copy being encrypted is a SQLite database while it is written: its journal too.
    journal = db_path.with_name(f".{db_path.name}.{dead_pid}.yy.part-journal")
    journal.write_bytes(b"j")
    live = folder / f".daily-2026-12-02.sqlite.{os.getpid()}.def456.part"
    live.write_bytes(b"y")
    staged = db_path.with_name(f".{db_path.name}.restoring")
    staged.write_bytes(b"z")
    removed = set(sweep_leftovers(db_path))
    assert removed == {dead, beside, staged, journal}
    assert live.exists()
