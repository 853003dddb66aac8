"""Storage trouble, for real: a full disk, read-only media, restores that cannot fit, locks.

Every scenario runs on real files: databases on small ``tmpfs`` mounts (filled with a filler
file, or remounted read-only), the window and its ``DatabaseSession`` offscreen through
pytest-qt, and the command line in child processes. Nothing about the database is mocked;
only the dialogs a person would answer are (``QMessageBox.question``, ``show_already_open``).

Mounting needs root; without it the tmpfs tests are skipped, saying so.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from advisor_planner.__main__ import main
from advisor_planner.store import models
from advisor_planner.store.backup import backup_dir, list_backups, make_backup
from advisor_planner.store.connection import (
    GateState,
    ReadOnlyDatabaseError,
    close_database,
)
from advisor_planner.store.integrity import full_check, quick_check
from advisor_planner.store.lock import acquire_instance_lock, lock_path
from advisor_planner.store.opening import Verdict, examine, init_db
from advisor_planner.store.problems import human_size
from advisor_planner.ui import app as ui_app
from advisor_planner.ui import startup
from advisor_planner.ui.main_window import MainWindow

REPO = Path(__file__).resolve().parents[2]
PAGE = 4096  # tmpfs counts space in pages

HOLDER = """
import sys
from advisor_planner.store.lock import acquire_instance_lock
lock = acquire_instance_lock(sys.argv[1])
print("locked", flush=True)
sys.stdin.read()
"""

WRITE_AND_WAIT = """
import sys
from advisor_planner.services import stakeholders
from advisor_planner.store.opening import init_db
init_db(sys.argv[1])
stakeholders.create(name="Only in the WAL")
print("written", flush=True)
sys.stdin.read()
"""

# -- fixtures and helpers --------------------------------------------------------------------


def remount_read_only(point: Path) -> None:
    result = subprocess.run(
        ["mount", "-o", "remount,ro", str(point)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, f"remount read-only failed: {result.stderr}"


def free_bytes(folder: Path) -> int:
    return shutil.disk_usage(folder).free


def fill(point: Path, *, leave: int = 0) -> None:
    """Fill the mount with a filler file until exactly ``leave`` bytes (whole pages) are free."""
    assert leave % PAGE == 0
    extra = free_bytes(point) - leave
    assert extra >= 0, f"only {free_bytes(point)} bytes free, wanted {leave} left"
    with (point / "filler.bin").open("ab") as out:
        out.write(b"\0" * extra)
    assert free_bytes(point) == leave


def healthy_database(path: Path, names: Sequence[str] = ("Ada", "Bea")) -> Path:
    """A migrated database holding ``names`` as stakeholders, closed cleanly (no -wal)."""
    from advisor_planner.services import stakeholders

    init_db(path, backup_before_migrate=False)
    try:
        for name in names:
            stakeholders.create(name=name)
    finally:
        close_database()
    assert not Path(f"{path}-wal").exists()
    return path


def stakeholder_names(path: Path) -> list[str]:
    """The stakeholders in ``path`` (with its -wal, if any), read without changing anything."""
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return [row[0] for row in con.execute("SELECT name FROM stakeholder ORDER BY id")]
    finally:
        con.close()


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return env


def cli(*args: str | Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """``python -m advisor_planner <args>`` in a child process."""
    return subprocess.run(
        [sys.executable, "-m", "advisor_planner", *map(str, args)],
        cwd=REPO,
        env=child_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def leftovers(folder: Path) -> list[str]:
    """Temporary files a write or restore left in ``folder``."""
    return sorted(
        entry.name
        for entry in folder.iterdir()
        if entry.name.endswith(".part") or ".restoring" in entry.name
    )


def set_aside(path: Path) -> list[Path]:
    """The files restores set aside in place of ``path`` (not their -wal or -shm)."""
    return sorted(
        p
        for p in path.parent.glob(f"{path.name}.replaced-*")
        if not p.name.endswith(("-wal", "-shm"))
    )


OUTCOMES = ("ready", "damaged", "read_only", "unusable")


def start_and_wait(qtbot, win: MainWindow, session: startup.DatabaseSession, expected: str) -> None:
    """Start the window and its check; the first outcome must be ``expected`` (a failing
    test says which other signal came, and with what, rather than time out)."""
    seen: list[tuple[str, tuple]] = []
    for name in OUTCOMES:
        getattr(session, name).connect(lambda *args, name=name: seen.append((name, args)))
    ui_app.start(win, session)
    qtbot.waitUntil(lambda: bool(seen), timeout=20_000)
    assert seen[0][0] == expected, f"expected {expected}, got {seen[0]}"


@pytest.fixture
def dead_pid() -> int:
    """The PID of a process that has exited."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


@pytest.fixture
def lock_holder() -> Iterator[Callable[[Path], subprocess.Popen]]:
    """``lock_holder(db)`` starts a child process holding ``db``'s instance lock."""
    children: list[subprocess.Popen] = []

    def hold(path: Path) -> subprocess.Popen:
        child = subprocess.Popen(
            [sys.executable, "-c", HOLDER, str(path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=child_env(),
        )
        children.append(child)
        assert child.stdout.readline() == b"locked\n", child.stderr.read().decode()
        return child

    yield hold
    for child in children:
        child.kill()
        child.communicate(timeout=30)


# -- 1. a full disk is not damage --------------------------------------------------------------

# 12 KB is less than the 32 KB ``-shm`` a read-only connection makes beside a WAL database:
# SQLite then fails the check itself with a disk I/O error, which once read as damage.
FREE_AMOUNTS = [
    pytest.param(12 * 1024, id="12KB"),
    pytest.param(48 * 1024, id="48KB"),
]


@pytest.mark.parametrize("free", FREE_AMOUNTS)
def test_examine_calls_a_healthy_file_on_a_full_disk_disk_full(tmpfs, free: int) -> None:
    """A healthy database on a disk with almost no room left is DISK_FULL, not damaged, and
    the sentence names the folder, says "full" and how much is free."""
    point = tmpfs("2m")
    path = healthy_database(point / "planner.sqlite")
    fill(point, leave=free)

    found = examine(path)

    assert found.verdict is Verdict.DISK_FULL, found.sentence
    # The amount is what is free now (SQLite's -shm of the read-only check may take some).
    assert found.sentence == (
        f"The disk holding {point} is full ({human_size(free_bytes(point))} free); "
        "opened for reading only until there is room."
    )
    assert re.search(r"is full \(\d+ KB free\)", found.sentence)


@pytest.mark.parametrize("free", FREE_AMOUNTS)
def test_app_opens_a_full_disk_read_only_and_changes_nothing(
    qtbot, launch, tmpfs, free: int
) -> None:
    """The window on a healthy database on a full disk: ``read_only`` (never ``damaged``), a
    banner saying the disk is full, and the file byte for byte as it was after closing."""
    point = tmpfs("2m")
    path = healthy_database(point / "planner.sqlite")
    before = path.read_bytes()
    fill(point, leave=free)
    win, session = launch(path)

    start_and_wait(qtbot, win, session, "read_only")

    assert session.state.verdict is Verdict.DISK_FULL
    text = win.banner.message.text()
    assert win.banner_visible
    assert f"The disk holding {point} is full" in text
    assert "integrity check" not in text
    assert not win.banner.restore_button.isVisible()
    assert session.db is not None and session.db.gate_state is GateState.CLOSED
    assert win.workspace is not None and not win.workspace.context.writable
    with pytest.raises(ReadOnlyDatabaseError):
        models.Setting.create(key="x", value="1")
    session.close()
    assert path.read_bytes() == before


@pytest.mark.parametrize("free", FREE_AMOUNTS)
def test_check_on_a_full_disk_says_healthy(tmpfs, free: int) -> None:
    """``check`` on a healthy database on a full disk exits 0 and says it is healthy."""
    point = tmpfs("2m")
    path = healthy_database(point / "planner.sqlite")
    fill(point, leave=free)

    result = cli("check", "--db", path)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "Status: healthy" in result.stdout
    assert "DAMAGED" not in result.stdout
    assert "full" in result.stdout


# -- 2. a restore that cannot fit --------------------------------------------------------------


def test_restore_on_a_nearly_full_disk_fails_and_leaves_the_file_as_it_was(
    qtbot, launch, tmpfs, make_damaged, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Accepting the offered restore when the staged copy cannot fit: ``restore_failed``
    says the disk is full, ``damaged`` follows, the status bar moves on, the damaged file is
    unchanged and no temporary file is left."""
    point = tmpfs("8m")
    path = make_damaged(point / "planner.sqlite", backup_first=True)
    backup_size = list_backups(path)[0].stat().st_size
    fill(point, leave=128 * 1024)  # room for the -shm of a read-only open, not for a copy
    assert free_bytes(point) < backup_size
    before = path.read_bytes()

    win, session = launch(path)
    start_and_wait(qtbot, win, session, "damaged")
    assert win.offered_backup is not None and win.banner.restore_button.isVisible()
    monkeypatch.setattr(
        QMessageBox, "question", lambda *args, **kwargs: QMessageBox.StandardButton.Yes
    )
    failures: list[str] = []
    session.restore_failed.connect(failures.append)
    with qtbot.waitSignals([session.restore_failed, session.damaged], timeout=20_000):
        qtbot.mouseClick(win.banner.restore_button, Qt.MouseButton.LeftButton)

    assert len(failures) == 1
    assert "could not be restored" in failures[0]
    assert f"The disk holding {point} is full" in failures[0]
    status = win.statusBar().currentMessage()
    assert status != "Restoring the backup…"
    assert "full" in status
    assert win.banner_visible and "full" in win.banner.message.text()
    assert win.banner.restore_button.isVisible()  # it can be tried again once there is room
    assert session.state.verdict is Verdict.DAMAGED
    session.close()
    assert path.read_bytes() == before
    assert set_aside(path) == []
    assert leftovers(point) == []
    assert leftovers(backup_dir(path)) == []


# -- 3. read-only media ------------------------------------------------------------------------


@pytest.fixture
def read_only_database(tmpfs) -> Path:
    """A healthy database with two stakeholders, closed cleanly, on a tmpfs remounted ro."""
    point = tmpfs("4m")
    path = healthy_database(point / "planner.sqlite", ("Ada", "Bea"))
    remount_read_only(point)
    return path


def test_examine_on_read_only_media(read_only_database: Path) -> None:
    """A healthy database on read-only media is READ_ONLY, and the sentence says so."""
    path = read_only_database
    found = examine(path)
    assert found.verdict is Verdict.READ_ONLY
    assert found.sentence == f"The folder {path.parent} is read-only; opened for reading only."


def test_app_shows_read_only_media_read_only(qtbot, launch, read_only_database: Path) -> None:
    """The window on read-only media: ``read_only``, the workspace installed with its data
    shown, and nothing writable."""
    path = read_only_database
    win, session = launch(path)
    start_and_wait(qtbot, win, session, "read_only")

    assert session.state.verdict is Verdict.READ_ONLY
    assert win.workspace is not None and win.workspace.context.writable is False
    assert "read-only" in win.banner.message.text()
    assert not win.backup_action.isEnabled()
    win.select_section("stakeholders")
    page = win.stack.currentWidget().list_page
    qtbot.waitUntil(lambda: len(page.model.rows) == 2, timeout=10_000)
    assert sorted(row.record.name for row in page.model.rows) == ["Ada", "Bea"]
    assert not page.new_button.isEnabled()
    with pytest.raises(ReadOnlyDatabaseError):
        models.Setting.create(key="x", value="1")


def test_check_on_read_only_media(read_only_database: Path) -> None:
    """``check`` on read-only media exits 0, healthy, and notes the folder is read-only."""
    result = cli("check", "--db", read_only_database)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Status: healthy" in result.stdout
    assert "read-only" in result.stdout


def test_export_from_read_only_media(read_only_database: Path, tmp_path: Path) -> None:
    """``export --out elsewhere.json`` reads a database on read-only media."""
    out = tmp_path / "elsewhere" / "export.json"
    out.parent.mkdir()
    result = cli("export", "--db", read_only_database, "--out", out)
    assert result.returncode == 0, result.stdout + result.stderr
    assert out.is_file() and "Ada" in out.read_text(encoding="utf-8")


def test_report_from_read_only_media(read_only_database: Path, tmp_path: Path) -> None:
    """``report --out elsewhere.pdf`` reads a database on read-only media."""
    out = tmp_path / "elsewhere" / "report.pdf"
    out.parent.mkdir()
    result = cli("report", "--db", read_only_database, "--out", out)
    assert result.returncode == 0, result.stdout + result.stderr
    assert out.read_bytes().startswith(b"%PDF")


def test_examine_reads_the_schema_version_of_a_healthy_file(tmp_path: Path) -> None:
    """``examine`` reports the schema version the file records (at 0, ``export`` and
    ``report`` would try to update the file, and fail on read-only media)."""
    from advisor_planner.store.migrations import SCHEMA_VERSION

    path = healthy_database(tmp_path / "planner.sqlite")
    found = examine(path, known_schema=SCHEMA_VERSION)
    assert found.verdict is Verdict.HEALTHY
    assert found.schema_version == SCHEMA_VERSION


# -- 4. a lock that cannot be written is not another window ----------------------------------


def _run_app_recording(path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[int, list[str]]:
    """``run_app(path, exit_when_shown=True)``, recording what ``show_already_open`` is told;
    the window it made is closed afterwards."""
    told: list[str] = []
    monkeypatch.setattr(ui_app, "show_already_open", told.append)
    before = set(QApplication.topLevelWidgets())
    app = QApplication.instance()
    try:
        code = ui_app.run_app(path, exit_when_shown=True)
    finally:
        # Quitting leaves a second Quit event posted after exec returns; delivered later, it
        # would end every event loop of the tests that follow (pytest-qt's waits included).
        QApplication.removePostedEvents(app, QEvent.Type.Quit)
        QApplication.processEvents()  # the check's result, for a session already closed
        for widget in set(QApplication.topLevelWidgets()) - before:
            if isinstance(widget, MainWindow):
                widget.close()
                widget.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QApplication.removePostedEvents(app, QEvent.Type.Quit)
    return code, told


def test_run_app_in_a_read_only_folder_is_not_already_open(
    qapp, read_only_database: Path, monkeypatch: pytest.MonkeyPatch, capfd
) -> None:
    """``run_app`` on read-only media cannot make its lock file, and says nothing about the
    database being open elsewhere."""
    before = read_only_database.read_bytes()
    code, told = _run_app_recording(read_only_database, monkeypatch)
    assert told == []
    assert code == 0
    assert "already open" not in capfd.readouterr().err
    assert read_only_database.read_bytes() == before
    with pytest.raises(OSError):  # the premise: no lock can be taken here
        acquire_instance_lock(read_only_database)


def test_run_app_on_a_full_disk_is_not_already_open(
    qapp, tmpfs, monkeypatch: pytest.MonkeyPatch, capfd
) -> None:
    """``run_app`` on a disk with no byte free (no lock file yet) says nothing about the
    database being open elsewhere."""
    point = tmpfs("2m")
    path = healthy_database(point / "planner.sqlite")
    assert not lock_path(path).exists()
    fill(point, leave=0)
    before = path.read_bytes()
    code, told = _run_app_recording(path, monkeypatch)
    assert told == []
    assert code == 0
    assert "already open" not in capfd.readouterr().err
    assert path.read_bytes() == before
    with pytest.raises(OSError):  # the premise: no lock can be taken here
        acquire_instance_lock(path)


# -- 5. backups on a full disk, leftovers, the folder's mode ---------------------------------


def test_backup_to_a_full_disk_fails_in_one_line_and_leaves_nothing(db_path: Path, tmpfs) -> None:
    """``backup --to`` a file on a full disk exits 1 with one line saying the disk is full,
    and leaves no temporary file there."""
    healthy_database(db_path)
    point = tmpfs("1m")
    fill(point, leave=0)
    target = point / "copy.sqlite"

    result = cli("backup", "--db", db_path, "--to", target)

    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("advisor-planner: backup failed: ")
    assert f"The disk holding {point} is full" in lines[0]
    assert sorted(p.name for p in point.iterdir()) == ["filler.bin"]


def test_next_backup_sweeps_a_dead_writers_leftover(db_path: Path, dead_pid: int) -> None:
    """A ``.NAME.PID.xxx.part`` left by a writer that is gone is removed by the next backup;
    one of a running process stays; the folder ends up 0700 even if it was not."""
    healthy_database(db_path)
    folder = backup_dir(db_path)
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    stale = folder / f".manual-20260101-090000.sqlite.{dead_pid}.k3j9x_q1.part"
    stale.write_bytes(b"half a backup")
    running = folder / f".manual-20260101-090001.sqlite.{os.getpid()}.a8d2l0zz.part"
    running.write_bytes(b"still being written")

    result = cli("backup", "--db", db_path)

    assert result.returncode == 0, result.stderr
    made = Path(result.stdout.strip())
    assert made.parent == folder and quick_check(made).ok
    assert not stale.exists()
    assert running.exists()
    assert folder.stat().st_mode & 0o777 == 0o700


def test_a_new_backup_folder_is_private(db_path: Path) -> None:
    """The first backup makes its folder with mode 0700."""
    healthy_database(db_path)
    result = cli("backup", "--db", db_path)
    assert result.returncode == 0, result.stderr
    assert backup_dir(db_path).stat().st_mode & 0o777 == 0o700
    assert leftovers(backup_dir(db_path)) == []


# -- 6. restore from the command line -----------------------------------------------------------


def test_restore_latest_and_from_a_file(db_path: Path, tmp_path: Path) -> None:
    """``restore --latest`` puts the newest backup back and ``restore --from`` a named one;
    each keeps the file it replaced, with its data, beside the database."""
    healthy_database(db_path, ("Ada",))
    assert cli("backup", "--db", db_path).returncode == 0
    healthy_database(db_path, ("Bea",))  # after the backup

    latest = cli("restore", "--db", db_path, "--latest")

    assert latest.returncode == 0, latest.stderr
    backup = list_backups(db_path)[0]
    lines = latest.stdout.strip().splitlines()
    assert lines[0] == f"Restored {db_path} from {backup}."
    (first_aside,) = set_aside(db_path)
    assert lines[1] == f"The file it replaced is kept at {first_aside}."
    assert stakeholder_names(db_path) == ["Ada"]
    assert stakeholder_names(first_aside) == ["Ada", "Bea"]

    named = tmp_path / "kept" / "by-hand.sqlite"
    healthy_database(db_path, ("Cyd",))
    assert cli("backup", "--db", db_path, "--to", named).returncode == 0
    healthy_database(db_path, ("Dee",))

    chosen = cli("restore", "--db", db_path, "--from", named)

    assert chosen.returncode == 0, chosen.stderr
    assert chosen.stdout.splitlines()[0] == f"Restored {db_path} from {named}."
    assert stakeholder_names(db_path) == ["Ada", "Cyd"]
    second_aside = next(p for p in set_aside(db_path) if p != first_aside)
    assert stakeholder_names(second_aside) == ["Ada", "Cyd", "Dee"]
    assert stakeholder_names(first_aside) == ["Ada", "Bea"]
    assert cli("check", "--db", db_path).returncode == 0
    assert leftovers(db_path.parent) == []


def _mark(path: Path, label: str) -> None:
    con = sqlite3.connect(path)
    with con:
        con.execute("CREATE TABLE IF NOT EXISTS marker (label TEXT)")
        con.execute("INSERT INTO marker VALUES (?)", (label,))
    con.close()


def _marks(path: Path) -> list[str]:
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return [row[0] for row in con.execute("SELECT label FROM marker")]
    finally:
        con.close()


def test_two_restores_in_one_second_keep_both_replaced_files(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two restores within the same second set aside two files under two names; neither
    is overwritten."""
    healthy_database(db_path, ("Ada",))
    backup = make_backup(db_path, label="manual")
    for _attempt in range(3):
        for old in set_aside(db_path):
            old.unlink()
        time.sleep(1.02 - time.time() % 1)  # just after a second begins
        started = int(time.time())
        _mark(db_path, "first")
        assert main(["restore", "--db", str(db_path), "--from", str(backup)]) == 0
        _mark(db_path, "second")
        assert main(["restore", "--db", str(db_path), "--from", str(backup)]) == 0
        if int(time.time()) == started:
            break
    else:
        pytest.fail("two restores never fitted in one second")
    capsys.readouterr()

    asides = set_aside(db_path)
    assert len(asides) == 2, asides
    first, second = sorted(asides, key=lambda p: len(p.name))
    assert second.name == f"{first.name}-2"
    assert _marks(first) == ["first"]
    assert _marks(second) == ["second"]
    assert stakeholder_names(db_path) == ["Ada"]


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX SIGKILL")
def test_the_replaced_file_keeps_what_was_only_in_its_wal(db_path: Path) -> None:
    """A database whose newest row is only in its -wal (its app was killed) is set aside
    with that -wal: the row can still be read there, and is not in the restored file."""
    healthy_database(db_path, ("Ada",))
    assert cli("backup", "--db", db_path).returncode == 0
    child = subprocess.Popen(
        [sys.executable, "-c", WRITE_AND_WAIT, str(db_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=child_env(),
    )
    try:
        assert child.stdout.readline() == b"written\n", child.stderr.read().decode()
        child.send_signal(signal.SIGKILL)
        child.communicate(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.communicate()
    wal = Path(f"{db_path}-wal")
    assert wal.exists() and wal.stat().st_size > 0

    result = cli("restore", "--db", db_path, "--latest")

    assert result.returncode == 0, result.stderr
    (aside,) = set_aside(db_path)
    assert not wal.exists()  # moved aside with its file, not left for the restored one
    assert Path(f"{aside}-wal").stat().st_size > 0
    assert stakeholder_names(aside) == ["Ada", "Only in the WAL"]
    assert stakeholder_names(db_path) == ["Ada"]


def test_restore_is_refused_while_another_process_holds_the_database(
    db_path: Path, lock_holder
) -> None:
    """``restore`` while another process holds the instance lock: exit 1, one line naming
    the holder and the lock file, and the database untouched."""
    healthy_database(db_path, ("Ada",))
    assert cli("backup", "--db", db_path).returncode == 0
    healthy_database(db_path, ("Bea",))
    before = db_path.read_bytes()
    holder = lock_holder(db_path)

    result = cli("restore", "--db", db_path, "--latest")

    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.strip().splitlines() == [
        f"advisor-planner: {db_path} is already open in Advisor Planner (pid {holder.pid}); "
        f"close it first (lock file: {lock_path(db_path)})"
    ]
    assert db_path.read_bytes() == before
    assert set_aside(db_path) == []
    assert leftovers(db_path.parent) == []


def test_restore_from_a_damaged_backup_is_refused(
    db_path: Path, tmp_path: Path, damage_pages
) -> None:
    """``restore --from`` a backup that fails its check: refused, and nothing changes."""
    healthy_database(db_path, [f"Person {n}" for n in range(300)])
    bad = tmp_path / "bad-backup.sqlite"
    assert cli("backup", "--db", db_path, "--to", bad).returncode == 0
    damage_pages(bad)
    assert not full_check(bad).ok
    healthy_database(db_path, ("Later",))
    before = db_path.read_bytes()
    folder_before = sorted(p.name for p in db_path.parent.iterdir())

    result = cli("restore", "--db", db_path, "--from", bad)

    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("advisor-planner: not restored: ")
    assert "failed its integrity check" in lines[0]
    assert db_path.read_bytes() == before
    assert sorted(p.name for p in db_path.parent.iterdir()) == folder_before
    assert set_aside(db_path) == []


def test_a_save_that_fills_the_disk_says_so_in_a_sentence(tmpfs, qtbot) -> None:
    """A write that fails because the disk filled up while the app was open is told as "The
    disk holding … is full", not as SQLite's "database or disk is full"; nothing is kept."""
    from advisor_planner.services import stakeholders
    from advisor_planner.ui.context import AppContext, RecordCommand

    point = tmpfs("2m")
    path = healthy_database(point / "planner.sqlite")
    init_db(path)
    try:
        before = [s.name for s in stakeholders.list_all()]
        fill(point, leave=0)
        context = AppContext(
            settings=QSettings(str(point.parent / "s.ini"), QSettings.Format.IniFormat)
        )
        told: list[str] = []
        context.show_error = lambda action, error: told.append(str(error))

        class AddSomeone(RecordCommand):
            def do(self) -> None:
                for n in range(20):
                    stakeholders.create(name=f"Wren Adair {n}", notes="n" * 19_000)

            def undo_change(self) -> None:  # pragma: no cover - never pushed
                pass

        assert not context.run(AddSomeone(context, "Add stakeholder", ["stakeholder"]))
        assert len(told) == 1
        assert told[0].startswith(f"The disk holding {point} is full"), told[0]
        (point / "filler.bin").unlink()
        assert [s.name for s in stakeholders.list_all()] == before
    finally:
        close_database()


# -- 7. a file written on a full disk is whole or not there --------------------------------------


@pytest.fixture
def demo_database(tmp_path: Path) -> Path:
    path = tmp_path / "demo.sqlite"
    assert main(["demo", "--db", str(path), "--size", "small"]) == 0
    return path


@pytest.mark.parametrize(
    ("command", "name"),
    [
        (["report"], "old.pdf"),
        (["export"], "old.json"),
        (["export", "--what", "touchpoints"], "old.csv"),
        (["backup"], "old.sqlite"),
    ],
)
def test_a_file_that_does_not_fit_leaves_the_old_one_and_says_so(
    tmpfs, demo_database: Path, capsys, command, name
) -> None:
    """On a nearly full disk, a report, export or backup that does not fit is not written:
    the good file already there is left as it was, no temporary file is left beside it, and
    one line says the disk is full (a report used to be replaced by a truncated one while
    the command printed its page count and exited 0)."""
    point = tmpfs("256k")
    old = point / name
    old.write_bytes(b"the good old file " * 50)
    before = old.read_bytes()
    fill(point, leave=4 * PAGE)
    target = ["--to", str(old)] if command == ["backup"] else ["--out", str(old)]
    code = main([command[0], "--db", str(demo_database), *target, *command[1:]])
    assert code == 1
    err = capsys.readouterr().err.strip()
    assert "\n" not in err
    assert f"The disk holding {point} is full" in err, err
    assert old.read_bytes() == before
    assert sorted(p.name for p in point.iterdir()) == sorted(["filler.bin", name])


def test_a_chart_png_that_does_not_fit_is_not_saved(tmpfs, qtbot) -> None:
    from advisor_planner.charts.time_series import TrustIndexChart
    from advisor_planner.charts.view import ChartView

    point = tmpfs("256k")
    old = point / "chart.png"
    old.write_bytes(b"an old chart")
    fill(point, leave=PAGE)
    view = ChartView(TrustIndexChart())
    qtbot.addWidget(view)
    view.resize(900, 600)
    assert view.save_png(old) is False
    assert old.read_bytes() == b"an old chart"
    assert sorted(p.name for p in point.iterdir()) == ["chart.png", "filler.bin"]
