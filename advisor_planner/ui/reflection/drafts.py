"""The weekly reflection's saves, written on a worker one at a time, the latest values last.

Moving on to the next step saved the step on the GUI thread, and a commit waits for the disk
(5-15 ms on the large demo, far more on a slow or busy disk). ``DraftWriter`` hands each save
to a worker: the session moves on at once. A save asked for while one is written waits, and
only the latest values wait (each save holds every step's values, so the later one holds all
the earlier one would have written). A write starts once the turn that asked for it is over:
the worker's Python shares the interpreter lock with the GUI thread, and started at once it
made the next step's page slower to build (14 -> 21 ms for the ratings step on the large
demo). Closing the window waits for what is under way (``wait``), so nothing typed is lost.
"""

from __future__ import annotations

import functools
import time
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal

from advisor_planner.services import reflections
from advisor_planner.services.workers import on_worker
from advisor_planner.ui.tasks import Task, run_in_background


class DraftWriter(QObject):
    """The saves of one week's reflection, made on a worker in the order asked for."""

    written = Signal(object)  # the reflection as saved
    failed = Signal(object)  # the error the write raised (what was queued behind it is dropped)

    def __init__(self, week: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.week = week
        self.latest: dict[str, Any] | None = None  # the values last asked to be written
        self.failed_last = False  # the last write failed (and nothing was written since)
        self._running: Task | None = None
        self._queued: dict[str, Any] | None = None
        self._later = QTimer(self)  # the next write, once this turn is over (module docstring)
        self._later.setSingleShot(True)
        self._later.setInterval(0)
        self._later.timeout.connect(self._start_queued)

    @property
    def busy(self) -> bool:
        """A write is under way or waiting."""
        return self._running is not None or self._later.isActive()

    def write(self, values: dict[str, Any]) -> None:
        """Save ``values`` (``reflections.save_week``'s fields) after what is under way."""
        self.latest = self._queued = values
        if self._running is None:
            self._later.start()

    def _start_queued(self) -> None:
        self._later.stop()
        queued, self._queued = self._queued, None
        if queued is not None:
            self._start(queued)

    def _start(self, values: dict[str, Any]) -> None:
        self.failed_last = False
        save = functools.partial(reflections.save_week, week=self.week, **values)
        self._running = run_in_background(
            on_worker, save, on_success=self._done, on_error=self._failed, name="save reflection"
        )

    def _done(self, record: reflections.Reflection) -> None:
        self._running = None
        self._start_queued()
        self.written.emit(record)

    def _failed(self, error: BaseException) -> None:
        self._running = None
        self._queued = None  # (asked for on what the failed one would have left)
        self._later.stop()
        self.latest = None
        self.failed_last = True
        self.failed.emit(error)

    def wait(self) -> None:
        """Wait here until every write asked for is made (or has failed)."""
        if self._running is None:
            self._start_queued()
        while self._running is not None:
            running = self._running
            time.sleep(0.001)
            # (the worker's outcome is a queued call to its task: delivered here)
            QCoreApplication.sendPostedEvents(running, QEvent.Type.MetaCall)
