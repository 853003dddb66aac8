"""The start-up check decides before anything writes, and the app and ``check`` agree.

- A damaged file with an uncheckpointed WAL stays byte for byte as it was, WAL included (the
  app used to open it read-write first, and closing that connection checkpointed the WAL into
  the damaged file).
- Damage in an index, which ``quick_check`` passes, is damage to the app, to ``check`` and to
  every backup (the app used to write to it and back it up as good).
- An empty file where backups exist is damage, not a new database.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from advisor_planner.__main__ import main
from advisor_planner.store import backup
from advisor_planner.store.connection import close_database
from advisor_planner.store.integrity import full_check, quick_check
from advisor_planner.store.opening import Verdict, examine, init_db
from advisor_planner.ui import app as ui_app


def _filled(path: Path) -> None:
    init_db(path)
    close_database()
    con = sqlite3.connect(path)
    with con:
        con.execute("CREATE TABLE filler (id INTEGER PRIMARY KEY, body TEXT NOT NULL)")
        con.execute("CREATE INDEX filler_body ON filler (body)")
        con.executemany(
            "INSERT INTO filler (body) VALUES (?)", [(f"body-{i:05d}",) for i in range(2000)]
        )
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()


def _flip_an_index_byte(path: Path) -> None:
    """Change one key in a leaf page of ``filler_body`` so that it still sorts in place:
    ``quick_check`` passes, ``integrity_check`` finds the row missing from the index."""
    data = bytearray(path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    start = 0
    while True:
        at = data.find(b"body-00500", start)
        assert at >= 0, "no index leaf holds the key"
        page = at // page_size
        header = page * page_size + (100 if page == 0 else 0)
        if data[header] == 0x0A:  # a leaf page of an index b-tree
            break
        start = at + 1
    data[at + len(b"body-00500") - 1] = ord("1")
    path.write_bytes(bytes(data))


@pytest.fixture
def index_damaged(tmp_path: Path) -> Path:
    path = tmp_path / "index.sqlite"
    _filled(path)
    _flip_an_index_byte(path)
    assert quick_check(path).ok and not full_check(path).ok
    return path


def _with_uncheckpointed_wal(
    source: Path, target: Path, damage_pages: Callable[[Path], None]
) -> None:
    """``target`` (and ``target-wal``): ``source`` with rows still only in its WAL, as after a
    crash, and pages of the main file overwritten with garbage."""
    con = sqlite3.connect(source, isolation_level=None)
    con.execute("PRAGMA wal_autocheckpoint=0")
    con.execute("INSERT INTO filler (body) VALUES ('only in the WAL')")
    shutil.copyfile(source, target)
    shutil.copyfile(f"{source}-wal", f"{target}-wal")
    con.close()
    damage_pages(target)


def test_a_damaged_file_and_its_wal_stay_byte_for_byte(
    qtbot, launch, tmp_path: Path, damage_pages
) -> None:
    source = tmp_path / "source.sqlite"
    _filled(source)
    path = tmp_path / "damaged.sqlite"
    _with_uncheckpointed_wal(source, path, damage_pages)
    wal = Path(f"{path}-wal")
    before = (path.read_bytes(), wal.read_bytes())
    assert len(before[1]) > 0
    win, session = launch(path)
    with qtbot.waitSignal(session.damaged, timeout=20_000):
        ui_app.start(win, session)
    assert "read-only" in win.banner.message.text()
    session.close()
    assert wal.exists(), "closing checkpointed and removed the WAL"
    assert (path.read_bytes(), wal.read_bytes()) == before


def test_index_damage_is_damage_to_the_app_and_to_check(
    qtbot, launch, index_damaged: Path, capsys
) -> None:
    before = index_damaged.read_bytes()
    win, session = launch(index_damaged, rotate=True)
    with qtbot.waitSignal(session.damaged, timeout=20_000):
        ui_app.start(win, session)
    assert "missing from index" in session.state.reason
    assert not session.writable
    session.close()
    assert index_damaged.read_bytes() == before
    assert not backup.list_backups(index_damaged), "a backup of the damaged file was made"
    assert main(["check", "--db", str(index_damaged)]) == 1
    assert "DAMAGED" in capsys.readouterr().out


def test_a_backup_of_a_damaged_file_is_refused(index_damaged: Path, tmp_path: Path) -> None:
    target = tmp_path / "copy.sqlite"
    with pytest.raises(backup.BadBackupError, match="missing from index"):
        backup.backup_file(index_damaged, target)
    assert not target.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    assert main(["backup", "--db", str(index_damaged), "--to", str(target)]) == 1
    assert not target.exists()


def test_only_backups_that_pass_the_full_check_count_as_good(
    index_damaged: Path, tmp_path: Path
) -> None:
    good = tmp_path / "good.sqlite"
    _filled(good)
    older = backup.make_backup(good, label="daily")
    folder = backup.backup_dir(good)
    newer = folder / "daily-29991231-000000.sqlite"
    shutil.copyfile(index_damaged, newer)  # a newer backup with index damage
    assert quick_check(newer).ok
    assert backup.newest_good_backup(good) == older


def test_an_empty_file_with_backups_is_damage_not_a_new_database(
    qtbot, launch, tmp_path: Path, capsys
) -> None:
    path = tmp_path / "emptied.sqlite"
    _filled(path)
    made = backup.make_backup(path, label="daily")
    made_bytes = made.read_bytes()
    path.write_bytes(b"")
    assert examine(path).verdict is Verdict.DAMAGED
    win, session = launch(path, rotate=True)
    with qtbot.waitSignal(session.damaged, timeout=20_000) as signal:
        ui_app.start(win, session)
    assert signal.args[1] == made
    assert "empty" in win.banner.message.text()
    assert win.banner.restore_button.isVisible()
    session.close()
    assert path.stat().st_size == 0, "a schema was written into the emptied file"
    assert made.read_bytes() == made_bytes and backup.list_backups(path) == [made]
    assert main(["check", "--db", str(path)]) == 1
    assert "is empty" in capsys.readouterr().out


def test_an_empty_file_without_backups_is_a_new_database(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite"
    path.write_bytes(b"")
    assert examine(path).verdict is Verdict.NEW
    init_db(path)
    close_database()
    assert full_check(path).ok


def test_a_newer_schema_is_told_before_anything_writes(tmp_path: Path) -> None:
    path = tmp_path / "newer.sqlite"
    _filled(path)
    con = sqlite3.connect(path)
    with con:
        con.execute(
            "INSERT INTO schema_version (version, created_at, updated_at) "
            "VALUES (99, '2026-12-01', '2026-12-01')"
        )
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    found = examine(path, known_schema=1)
    assert found.verdict is Verdict.TOO_NEW
    assert "schema version 99" in found.sentence
