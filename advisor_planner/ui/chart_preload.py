"""Loading pyqtgraph and the dashboard's charts at start-up in short turns of the GUI thread.

Imported in one go, pyqtgraph and the charts held the GUI thread 330-380 ms after the first
frame (on a quiet 2-core machine; more under load), while the first data was on its way. The
import is three kinds of work, each done where it is safe and cheap:

- **numpy and the standard library modules pyqtgraph pulls in** hold no Qt object: they are
  imported on a thread of their own (``PLAIN_MODULES``), beside the GUI thread.
- **PySide's own types**: PySide makes each class of ``QtCore``, ``QtGui`` and ``QtWidgets``
  the first time it is asked for, and pyqtgraph asks for all of them at once
  (``pyqtgraph.Qt._copy_attrs``), making Shiboken types. That must stay on the GUI thread:
  done on a thread while the GUI thread used PySide, it crashed the app (SIGSEGV) in about one
  start in ten. So the GUI thread asks for them itself, a few at a time, each turn of its
  event loop stopping after ``SLICE_S``.
- **pyqtgraph's and the charts' own modules** (Qt subclasses, made on the GUI thread too),
  then the dashboard page's: imported once the two above are done, one module per turn where
  they can be separated (pyqtgraph's package imports all of itself at once: 70-100 ms).

``ui.app`` holds the first data back until this is done (``DatabaseSession.hold``), at most
``ui.app.PRELOAD_HOLD_LIMIT_MS``.

Everything is best-effort: if the dashboard needs its charts before the preload is through,
its own import does the rest (waiting, if need be, for the thread's module to finish).
"""

from __future__ import annotations

import importlib
import logging
import threading
import time
from collections.abc import Iterator

from PySide6.QtCore import QObject, QTimer, Signal

log = logging.getLogger(__name__)

#: Imported on a thread: nothing here makes a Qt object. numpy is most of it; the rest are
#: the standard library's larger modules that pyqtgraph imports (``python -X importtime``).
PLAIN_MODULES = (
    "numpy",
    "xml.etree.ElementTree",
    "pickle",
    "multiprocessing.connection",
    "subprocess",
    "ctypes",
    "cProfile",
    "pydoc",
    "statistics",
    "importlib.resources",
    "sysconfig",
)

#: PySide's modules whose every class pyqtgraph asks for, made here a few per turn.
QT_MODULES = ("PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets")

#: Then imported one per turn on the GUI thread: the Qt modules pyqtgraph loads besides, then
#: pyqtgraph (its package imports all of itself at once) and the dashboard's charts.
GUI_MODULES = (
    "PySide6.QtSvg",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtTest",
    "pyqtgraph",
    "advisor_planner.charts.palette",
    "advisor_planner.charts.base",
    "advisor_planner.charts.view",
    "advisor_planner.charts.time_series",
    "advisor_planner.charts.scatter",
    "advisor_planner.charts.heatmap",
    "advisor_planner.charts.goals",
    "advisor_planner.charts.catalog",
    # The dashboard's page, its services first (each module after those it imports, so that
    # each turn runs one module's own code: together 40-100 ms).
    "advisor_planner.services.commitments",
    "advisor_planner.services.feedback",
    "advisor_planner.services.goals",
    "advisor_planner.services.reflections",
    "advisor_planner.services.stakeholders",
    "advisor_planner.services.touchpoints",
    "advisor_planner.services.trust_checks",
    "advisor_planner.services.evidence",
    "advisor_planner.services.insights.goal_series",
    "advisor_planner.services.dashboard",
    "advisor_planner.ui.stakeholder.facts",
    "advisor_planner.ui.dashboard.attention",
    "advisor_planner.ui.dashboard.panels",
    "advisor_planner.ui.dashboard.board",
    "advisor_planner.ui.sections.dashboard",
)

#: How long one turn of the GUI thread may spend on the preload before it lets the event loop
#: run (a frame at 60 Hz is 16 ms; paint and input need the rest).
SLICE_S = 0.004

#: How often the GUI thread looks whether the thread's imports are done, once it waits for them.
WAIT_MS = 5


def _import_quietly(name: str) -> None:
    try:
        importlib.import_module(name)
    except ImportError:  # (one missing here, pyqtgraph's own import says what it lacks)
        pass


class ChartPreload(QObject):
    """Imports pyqtgraph and the charts as described above; ``finished`` fires once done.

    ``longest_turn_s`` and ``gui_time_s`` say what it cost the GUI thread (the start-up
    benchmark prints them)."""

    finished = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.longest_turn_s = 0.0
        self.gui_time_s = 0.0
        self.done = False
        self._plain_done = threading.Event()
        self._steps = self._gui_steps()
        self._thread = threading.Thread(target=self._import_plain, name="import numpy")

    def start(self) -> None:
        """Start the thread and the first GUI turn (call it after the window's first frame)."""
        self._thread.start()
        QTimer.singleShot(0, self._turn)

    def wait(self, timeout_s: float | None = None) -> None:
        """Wait for the thread's imports (the app does at exit: a module half imported when
        the interpreter shuts down is not worth the risk)."""
        if self._thread.is_alive():
            self._thread.join(timeout_s)

    def _import_plain(self) -> None:  # on the thread
        try:
            for name in PLAIN_MODULES:
                _import_quietly(name)
        except Exception:  # noqa: BLE001 - the GUI thread's import will say it again
            log.exception("preloading %s failed", name)
        finally:
            self._plain_done.set()

    def _gui_steps(self) -> Iterator[bool]:
        """Each step is one small unit of work; it yields True to wait for the thread."""
        for module_name in QT_MODULES:
            module = importlib.import_module(module_name)
            for name in dir(module):
                getattr(module, name)  # (PySide makes the class on first access)
                yield False
        while not self._plain_done.is_set():
            yield True
        for module_name in GUI_MODULES:
            _import_quietly(module_name)
            yield False

    def _turn(self) -> None:
        started = time.perf_counter()
        waiting = False
        try:
            while time.perf_counter() - started < SLICE_S:
                waiting = next(self._steps)
                if waiting:
                    break
        except StopIteration:
            self.done = True
        except Exception:  # noqa: BLE001 - a preload that fails must not hold the data back
            log.exception("preloading the charts failed; the dashboard imports them itself")
            self.done = True
        spent = time.perf_counter() - started
        self.gui_time_s += spent
        self.longest_turn_s = max(self.longest_turn_s, spent)
        if self.done:
            self.finished.emit()
        else:
            QTimer.singleShot(WAIT_MS if waiting else 0, self._turn)
