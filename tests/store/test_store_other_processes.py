"""The database under other processes: no save is lost when the app's own process has dropped
SQLite's locks, a command-line writer never writes beside the app, and two writers the design
allows never fail each other with "database is locked".

The app here is a real child process (``APP``) running the app's own start-up
(``ui.startup.DatabaseSession`` behind the instance lock) and saving through the services, so
it can be killed with SIGKILL like a crashed app.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from datetime import date, timedelta
from pathlib import Path

import pytest

from advisor_planner.services import stakeholders, touchpoints
from advisor_planner.store.connection import close_database
from advisor_planner.store.models import database
from advisor_planner.store.opening import init_db

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX SIGKILL")

REPO = Path(__file__).resolve().parents[2]

APP = r"""
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from pathlib import Path
from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import QApplication
from advisor_planner.services import stakeholders, touchpoints
from advisor_planner.store.lock import acquire_instance_lock
from advisor_planner.ui.startup import DatabaseSession

path = Path(sys.argv[1])
app = QApplication([])
lock = acquire_instance_lock(path)
session = DatabaseSession(path, rotate_backups=False)
loop = QEventLoop()
session.ready.connect(loop.quit)
session.unusable.connect(lambda message: (print("unusable", message, flush=True), loop.quit()))
session.open()
session.start_check()
loop.exec()
person = stakeholders.create(name="Dana Whitfield").id
print("ready", flush=True)
for line in sys.stdin:
    command = line.strip()
    if command == "save":
        made = touchpoints.create(stakeholder_ids=[person], subject="saved", listening=4)
        print(made.id, flush=True)
    elif command == "poke":
        # What Qt's file dialog did: open and close the database file in this process.
        os.close(os.open(path, os.O_RDONLY))
        print("poked", flush=True)
"""


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "advisor_planner", *args],
        cwd=REPO,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _posix_locks(pid: int, path: Path) -> int:
    """How many POSIX locks process ``pid`` holds on the database file."""
    inode = os.stat(path).st_ino
    count = 0
    with open("/proc/locks") as locks:
        for line in locks:
            fields = line.split()
            if "->" in fields or fields[1:2] != ["POSIX"] or fields[4:5] != [str(pid)]:
                continue
            count += int(fields[5].rsplit(":", 1)[1]) == inode
    return count


class AppProcess:
    def __init__(self, path: Path) -> None:
        self.child = subprocess.Popen(
            [sys.executable, "-c", APP, str(path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=_env(),
        )
        first = self.child.stdout.readline()
        if first != "ready\n":
            self.kill()
            raise AssertionError(first + self.child.stderr.read())

    def ask(self, command: str) -> str:
        self.child.stdin.write(command + "\n")
        self.child.stdin.flush()
        return self.child.stdout.readline().strip()

    def save(self) -> int:
        return int(self.ask("save"))

    def kill(self) -> None:
        if self.child.poll() is None:
            self.child.send_signal(signal.SIGKILL)
        self.child.communicate(timeout=30)


def _touchpoint_ids(path: Path) -> set[int]:
    con = sqlite3.connect(path)
    try:
        return {row[0] for row in con.execute("SELECT id FROM touchpoint")}
    finally:
        con.close()


@pytest.mark.slow
def test_saves_survive_a_lost_lock_then_backup_and_report_in_other_processes(tmp_path):
    """The issue's end-to-end case: the app's locks are released by an open/close in its own
    process, ``backup`` and ``report`` then run beside it, and every later save survives a
    SIGKILL (they used to go into a WAL the backup had deleted)."""
    path = tmp_path / "advisor.sqlite"
    app = AppProcess(path)
    try:
        saved = [app.save() for _ in range(5)]
        if Path("/proc/locks").exists():
            assert _posix_locks(app.child.pid, path) > 0
            assert app.ask("poke") == "poked"
            assert _posix_locks(app.child.pid, path) == 0, "the open/close kept SQLite's locks"
        else:
            assert app.ask("poke") == "poked"
        backup = _cli("backup", "--db", str(path), "--to", str(tmp_path / "copy.sqlite"))
        assert backup.returncode == 0, backup.stderr
        report = _cli("report", "--db", str(path), "--out", str(tmp_path / "r.pdf"))
        assert report.returncode == 0, report.stderr
        assert Path(f"{path}-wal").exists(), "a command deleted the app's WAL"
        saved += [app.save() for _ in range(5)]
    finally:
        app.kill()
    assert set(saved) <= _touchpoint_ids(path)
    check = _cli("check", "--db", str(path))
    assert check.returncode == 0, check.stdout + check.stderr


@pytest.mark.slow
@pytest.mark.parametrize(
    "command",
    [
        ["demo", "--size", "small"],
        ["import", "CONTACTS"],
        ["restore", "--latest"],
    ],
)
def test_commands_that_write_refuse_while_the_app_has_the_database(tmp_path, command):
    path = tmp_path / "advisor.sqlite"
    contacts = tmp_path / "people.vcf"
    contacts.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Ito\r\nEND:VCARD\r\n")
    app = AppProcess(path)
    try:
        app.save()
        size = path.stat().st_size
        args = [str(contacts) if part == "CONTACTS" else part for part in command]
        result = _cli(args[0], "--db", str(path), *args[1:])
        assert result.returncode == 1
        line = result.stderr.strip()
        assert "\n" not in line
        assert f"already open in Advisor Planner (pid {app.child.pid}); close it first" in line
        assert path.stat().st_size == size
        app.save()  # the app goes on as before
    finally:
        app.kill()
    assert not any(row for row in _names(path) if row == "Ana Ito")


def _names(path: Path) -> list[str]:
    con = sqlite3.connect(path)
    try:
        return [row[0] for row in con.execute("SELECT name FROM stakeholder")]
    finally:
        con.close()


@pytest.mark.slow
def test_two_writers_never_fail_each_other_with_database_is_locked(tmp_path):
    """Write transactions begin IMMEDIATE, so a save waits out another process's import
    instead of failing at once with SQLITE_BUSY."""
    path = tmp_path / "advisor.sqlite"
    init_db(path)
    close_database()
    cards = tmp_path / "contacts.vcf"
    cards.write_text(
        "".join(
            f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person {n:04d}\r\n"
            f"EMAIL:person{n:04d}@example.com\r\nEND:VCARD\r\n"
            for n in range(3000)
        )
    )
    importer = (
        "import sys\n"
        "from advisor_planner.interchange import plan_import\n"
        "from advisor_planner.services import imports\n"
        "from advisor_planner.store.opening import init_db\n"
        "init_db(sys.argv[1])\n"
        "for n in range(3):\n"
        "    plan = plan_import(sys.argv[2] if n == 0 else sys.argv[3], add_unknown=False,\n"
        "                       until=None)\n"
        "    imports.apply(plan)\n"
        "print('imported', flush=True)\n"
    )
    # Three imports: the contacts, then the same file again as merges, then the same again.
    child = subprocess.Popen(
        [sys.executable, "-c", importer, str(path), str(cards), str(cards), str(cards)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(),
    )
    init_db(path)
    failures: list[str] = []
    saved = 0
    try:
        person = stakeholders.create(name="Kim Osei").id
        while saved < 500 or child.poll() is None:
            try:
                with database.atomic():
                    # Read first, then write: the deferred BEGIN that could not wait.
                    stakeholders.get(stakeholder_id=person)
                    touchpoints.create(stakeholder_ids=[person], subject="beside", listening=3)
                saved += 1
            except Exception as exc:  # noqa: BLE001 - every failure is the finding
                failures.append(str(exc))
            if saved > 5000 or len(failures) > 50:
                break
            time.sleep(0.002)  # a very busy user; a loop with no pause would starve the import
        out, err = child.communicate(timeout=120)
    finally:
        close_database()
        if child.poll() is None:
            child.kill()
            child.communicate()
    assert child.returncode == 0, err
    assert "imported" in out
    assert failures == []
    assert saved >= 500


def test_no_in_process_path_opens_the_database_files(qtbot, tmp_path, monkeypatch):
    """An audit hook sees every ``open`` made from Python: with the app's session open, its
    backups, rotation, check, imports, exports, report and a file dialog on the database's
    folder never open the database, its WAL or its shared memory (SQLite's own opens are in C
    and are not seen)."""
    from PySide6.QtWidgets import QApplication

    from advisor_planner.file_dialogs import SafeFileDialog
    from advisor_planner.interchange import plan_import
    from advisor_planner.interchange.csv_export import export_csv
    from advisor_planner.reports import export as export_report
    from advisor_planner.reports.data import ReportOptions
    from advisor_planner.services import archive
    from advisor_planner.store import backup, integrity
    from advisor_planner.ui.startup import DatabaseSession

    path = tmp_path / "advisor.sqlite"
    guarded = {str(Path(f"{path}{suffix}").resolve()) for suffix in ("", "-wal", "-shm")}
    seen: list[str] = []
    _AUDIT.append((guarded, seen))
    session = DatabaseSession(path, rotate_backups=False)
    try:
        with qtbot.waitSignal(session.ready, timeout=20_000):
            session.open()
            session.start_check()
        stakeholders.create(name="Lee Park")
        with qtbot.waitSignal(session.backup_made, timeout=20_000):
            session.back_up_now()
        session.start_rotation()
        qtbot.waitUntil(lambda: any(backup.backup_dir(path).glob("daily-*")), timeout=20_000)
        assert integrity.full_check(path).ok
        cards = tmp_path / "more.vcf"
        cards.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Sam Roy\r\nEND:VCARD\r\n")
        plan_import(cards, add_unknown=False, until=None)
        archive.export(tmp_path / "all.json")
        export_csv(tmp_path / "people.csv", "stakeholders")
        today = date.today()
        export_report(
            ReportOptions(start=today - timedelta(days=90), end=today), tmp_path / "r.pdf"
        )
        dialog = SafeFileDialog(None, "Import", str(tmp_path), "All files (*)", saving=False)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(lambda: dialog.findChildren(object) != [], timeout=5_000)
        for _ in range(20):
            QApplication.processEvents()
            qtbot.wait(50)
        dialog.grab()
        dialog.close()
    finally:
        session.close()
        _AUDIT.remove((guarded, seen))
    assert seen == [], "\n\n".join(seen)


@pytest.mark.parametrize("suffix", ["", "-wal"])
def test_importing_the_database_itself_is_refused_without_opening_it(db, db_path, suffix):
    from advisor_planner.interchange import plan_import
    from advisor_planner.services import archive_read
    from advisor_planner.services.errors import FileRefused

    stakeholders.create(name="Noor Haddad")  # so that a -wal exists
    target = Path(f"{db_path}{suffix}")
    # Renamed copies would be read by their suffix; the database itself never is.
    guarded = {str(target.resolve())}
    seen: list[str] = []
    _AUDIT.append((guarded, seen))
    try:
        with pytest.raises(FileRefused, match="is the database itself"):
            plan_import(target)
        with pytest.raises(FileRefused, match="is the database itself"):
            archive_read.read(target)
    finally:
        _AUDIT.remove((guarded, seen))
    assert seen == []


_AUDIT: list[tuple[set[str], list[str]]] = []


def _audit(event: str, args: tuple) -> None:
    if event != "open" or not _AUDIT or not args or not isinstance(args[0], (str, Path)):
        return
    try:
        opened = str(Path(args[0]).resolve())
    except (OSError, ValueError):
        return
    for guarded, seen in _AUDIT:
        # (Creating a file that does not exist yet cannot release a lock held on it.)
        if opened in guarded and os.path.exists(opened):
            import traceback

            stack = "".join(traceback.format_stack(limit=8))
            seen.append(f"{opened} ({threading.current_thread().name})\n{stack}")


sys.addaudithook(_audit)
