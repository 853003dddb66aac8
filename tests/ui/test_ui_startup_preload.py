"""Start-up: pyqtgraph and the charts load in short turns, and the first data waits for them.

``ui.chart_preload`` imports numpy on a thread and the rest on the GUI thread a little per
turn; ``run_app`` holds the check's results (``DatabaseSession.hold``) until it is done, so
that the dashboard never imports them in one long turn of its own.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from advisor_planner.ui import chart_preload

REPO = Path(__file__).resolve().parents[2]


def test_a_held_session_keeps_the_early_data_and_the_verdict_in_order(
    qtbot, launch, plain_db: Path, hold_full_check
) -> None:
    win, session = launch(plain_db)
    heard: list[str] = []
    session.early.connect(lambda: heard.append("early"))
    session.ready.connect(lambda: heard.append("ready"))
    release_check = hold_full_check()
    session.open()
    session.hold()
    session.start_check()
    qtbot.waitUntil(lambda: session.held == 1, timeout=10_000)  # the first look's data
    assert heard == [] and win.workspace is None
    release_check.set()
    qtbot.waitUntil(lambda: session.held == 2, timeout=10_000)  # the full check's verdict
    assert heard == [] and not session.writable
    session.release()
    assert heard == ["early", "ready"]
    assert session.held == 0 and session.writable and win.workspace is not None
    session.release()  # (a second release does nothing)
    assert heard == ["early", "ready"]


def test_a_locked_database_asks_for_its_passphrase_through_the_hold(
    qtbot, launch, encrypted_db: tuple[Path, str], monkeypatch
) -> None:
    """Only the data waits: the unlock dialog is not held back behind the charts' modules."""
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)  # (no keychain to ask)
    _win, session = launch(encrypted_db[0])
    session.open()
    session.hold()
    with qtbot.waitSignal(session.locked, timeout=10_000):
        session.start_check()
    assert session.held == 0


def test_closing_a_held_session_closes_what_it_held(
    qtbot, launch, plain_db: Path, hold_full_check
) -> None:
    _win, session = launch(plain_db)
    heard: list[str] = []
    session.early.connect(lambda: heard.append("early"))
    release_check = hold_full_check()
    session.open()
    session.hold()
    session.start_check()
    qtbot.waitUntil(lambda: session.held == 1, timeout=10_000)
    release_check.set()
    session.close()
    assert heard == [] and session.held == 0 and session.db is None


#: A fresh interpreter (nothing of pyqtgraph or numpy loaded yet) running the preload alone:
#: which thread imported which module, and how many turns the event loop made meanwhile.
PRELOAD_ALONE = """
import sys, threading
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

imported_on = {}


class Recorder:  # (finds nothing: only notes which thread asked first)
    def find_spec(self, name, path=None, target=None):
        imported_on.setdefault(name, threading.current_thread().name)
        return None


sys.meta_path.insert(0, Recorder())
app = QApplication(sys.argv[:1])
from advisor_planner.ui.chart_preload import ChartPreload, GUI_MODULES

turns = []
beat = QTimer()
beat.timeout.connect(lambda: turns.append(1))
preload = ChartPreload()
preload.finished.connect(app.quit)
beat.start(0)
preload.start()
app.exec()
preload.wait()
print("numpy", imported_on.get("numpy"))
print("pyqtgraph", imported_on.get("pyqtgraph"))
print("missing", [m for m in GUI_MODULES if m not in sys.modules])
print("turns", len(turns))
print("longest", round(preload.longest_turn_s * 1000), "gui", round(preload.gui_time_s * 1000))
"""


def test_the_preload_imports_numpy_on_a_thread_and_the_rest_in_many_short_turns() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    result = subprocess.run(
        [sys.executable, "-c", PRELOAD_ALONE],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
    )
    assert result.returncode == 0, result.stderr
    lines = dict(line.split(" ", 1) for line in result.stdout.splitlines())
    assert lines["numpy"] == "import numpy"  # the thread's name
    assert lines["pyqtgraph"] == "MainThread"  # (Shiboken's types: the GUI thread only)
    assert lines["missing"] == "[]"
    # Made in one go it was one turn; a little at a time, the loop turns between the pieces.
    assert int(lines["turns"]) >= 20, result.stdout


def test_a_preload_that_fails_still_finishes(qtbot, tmp_path: Path, monkeypatch) -> None:
    """A module that raises on import (a broken install): the preload says so in the log
    and finishes, so the data it held back is shown (the dashboard's own import will say
    what is wrong)."""
    (tmp_path / "broken_for_preload.py").write_text("raise RuntimeError('broken')\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(chart_preload, "GUI_MODULES", ("broken_for_preload",))
    preload = chart_preload.ChartPreload()
    with qtbot.waitSignal(preload.finished, timeout=20_000):
        preload.start()
    preload.wait()
    assert preload.done


@pytest.mark.slow
def test_run_app_shows_the_first_data_after_the_preload(tmp_path: Path) -> None:
    """The app as a user starts it, on the dashboard, to its charts drawn: the preload ran
    and was done before (``_ExitWhenDrawn`` prints it with the longest turn it saw)."""
    from advisor_planner.services import stakeholders
    from advisor_planner.store.connection import close_database
    from advisor_planner.store.opening import init_db

    db_path = tmp_path / "app.sqlite"
    init_db(db_path)
    stakeholders.create(name="Ada Preload")
    close_database()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    for name in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME"):
        env[name] = str(tmp_path / name.lower())
    result = subprocess.run(
        [sys.executable, "-m", "advisor_planner", "--db", str(db_path), "--exit-when-drawn"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
    )
    assert result.returncode == 0, result.stderr
    found = dict(line.split(" ", 1) for line in result.stdout.splitlines() if " " in line)
    assert {"window-exposed-after", "dashboard-drawn-after", "database-ready-after"} <= set(found)
    assert found["preload-done"] == "1"
    assert float(found["longest-turn-ms"]) > 0
