"""The start-up check decides before anything writes, and the app and ``check`` agree.

- A damaged file with an uncheckpointed WAL stays byte for byte as it was, WAL included (the
  app used to open it read-write first, and closing that connection checkpointed the WAL into
  the damaged file).
- Damage in an index, which ``quick_check`` passes, is damage to the app, to ``check`` and to
  every backup (the app used to write to it and back it up as good).
- An empty file where backups exist is damage, not a new database.
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
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


@pytest.fixture
def index_damaged_with_wal(tmp_path: Path) -> Path:
    """Index damage only the full check finds, with rows still only in the WAL."""
    source = tmp_path / "source.sqlite"
    _filled(source)
    path = tmp_path / "index-wal.sqlite"
    _with_uncheckpointed_wal(source, path, _flip_an_index_byte)
    assert quick_check(path).ok and not full_check(path).ok
    return path


def test_damage_found_after_the_first_data_shows_ends_damaged_with_nothing_written(
    qtbot, launch, index_damaged_with_wal: Path, hold_full_check
) -> None:
    from advisor_planner.store import models
    from advisor_planner.store.connection import ReadOnlyDatabaseError

    path = index_damaged_with_wal
    wal = Path(f"{path}-wal")
    before = (path.read_bytes(), wal.read_bytes())
    release = hold_full_check()
    win, session = launch(path, rotate=True)
    with qtbot.waitSignal(session.early, timeout=20_000):
        ui_app.start(win, session)  # the quick look passes: the data is shown, read-only
    assert win.workspace is not None
    with pytest.raises(ReadOnlyDatabaseError):
        models.Setting.create(key="early", value="1")
    with qtbot.waitSignal(session.damaged, timeout=20_000):
        release.set()
    # The damaged state, as a file the quick look refuses gets it: no data, a banner, no writes.
    assert win.workspace is None
    assert "missing from index" in session.state.reason
    assert "read-only" in win.banner.message.text()
    assert not win.backup_action.isEnabled()
    with pytest.raises(ReadOnlyDatabaseError):
        models.Setting.create(key="late", value="1")
    session.close()
    assert wal.exists(), "closing checkpointed and removed the WAL"
    assert (path.read_bytes(), wal.read_bytes()) == before
    assert not backup.list_backups(path), "a backup of the damaged file was made"


#: The app, its full check held for a minute, saying when its first data is on screen.
EARLY_THEN_KILLED = """
import sys, time
from advisor_planner.store import opening

real_check = opening.full_check


def held(path):
    time.sleep(60)
    return real_check(path)


opening.full_check = held
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

app = QApplication(sys.argv[:1])


def watch():
    from advisor_planner.ui.main_window import MainWindow

    win = next((w for w in app.topLevelWidgets() if isinstance(w, MainWindow)), None)
    if win is not None and win.workspace is not None:
        print("early data;", win.statusBar().currentMessage(), flush=True)
    else:
        QTimer.singleShot(10, watch)


QTimer.singleShot(0, watch)
from advisor_planner.ui.app import run_app

run_app(sys.argv[1])
"""


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX SIGKILL")
def test_sigkill_while_the_first_data_shows_changes_nothing(qtbot, launch, tmp_path: Path) -> None:
    source = tmp_path / "source.sqlite"
    _filled(source)
    path = tmp_path / "killed.sqlite"
    _with_uncheckpointed_wal(source, path, lambda _path: None)
    wal = Path(f"{path}-wal")
    before = (path.read_bytes(), wal.read_bytes())
    env = dict(os.environ)
    root = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [root, env.get("PYTHONPATH", "")]))
    child = subprocess.Popen(
        [sys.executable, "-c", EARLY_THEN_KILLED, str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    try:
        line = child.stdout.readline().decode()
        if not line.startswith("early data;"):
            _out, err = child.communicate(timeout=30)
            raise AssertionError(
                f"the app ended (exit {child.returncode}) without showing early data: "
                + err.decode()
            )
        assert "Checking the database" in line
        child.send_signal(signal.SIGKILL)
        child.communicate(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
        child.communicate()  # (closes its pipes, whatever happened)
    assert child.returncode == -signal.SIGKILL
    assert (path.read_bytes(), wal.read_bytes()) == before
    # The next start finds the file sound (the dead process's lock is stale) and writes.
    win, session = launch(path)
    with qtbot.waitSignal(session.ready, timeout=20_000):
        ui_app.start(win, session)
    assert session.db.execute_sql("SELECT count(*) FROM filler").fetchone()[0] == 2001
    session.close()
    assert full_check(path).ok
