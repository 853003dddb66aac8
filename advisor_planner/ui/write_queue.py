"""Undo and redo written on a worker, one after another, in the order they were asked for.

An undo's write waits for the disk (undoing a quick log: 40 ms on the large demo, on the GUI
thread before). ``WriteQueue`` runs each undo or redo of a ``RecordCommand`` on a worker: the
undo stack moves at once (the Edit menu and the status bar follow the key), and the views are
told of the change when its write is made. A second Ctrl+Z pressed before the first's write is
made waits in the queue: one write at a time, so they never interleave and always go in order.

A write that fails is shown, the writes queued behind it are dropped (they were asked for on
the data the failed one would have left), and the stack walks back to where the data is, so
the failed step can be tried again. A change made at once (``AppContext.run``), closing the
database and quitting first ``finish`` what is queued.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject

from advisor_planner.services.errors import ReadOnlyDatabaseError, ServiceError, storage_sentence
from advisor_planner.services.workers import on_worker
from advisor_planner.ui.tasks import Task, run_in_background

if TYPE_CHECKING:
    from advisor_planner.ui.context import AppContext, RecordCommand


@dataclass
class _Write:
    command: RecordCommand
    work: Callable[[], None]
    undoing: bool  # an undo (else a redo): how the stack walks back if it fails
    index_after: int  # the stack's index once Qt has moved it for this step
    text: str  # the command's name, for the error (a push may delete the command meanwhile)
    done: bool = False


class WriteQueue(QObject):
    """The undo stack's writes of one ``AppContext``, made one at a time on a worker."""

    def __init__(self, context: AppContext) -> None:
        super().__init__(context)
        self._context = context
        self._pending: deque[_Write] = deque()
        self._running: _Write | None = None
        self._task: Task | None = None
        app = QCoreApplication.instance()
        if app is not None:  # (quitting a moment after Ctrl+Z: what is queued is written)
            app.aboutToQuit.connect(self.finish)

    @property
    def busy(self) -> bool:
        """A write is under way or waiting."""
        return self._running is not None

    def submit(self, command: RecordCommand, work: Callable[[], None], *, undoing: bool) -> None:
        """Queue ``work`` (``command``'s undo or redo), called from within the stack's move."""
        stack = self._context.undo_stack
        after = stack.index() - 1 if undoing else stack.index() + 1
        self._pending.append(_Write(command, work, undoing, after, command.text()))
        if self._running is None:
            self._start_next()

    def _start_next(self) -> None:
        if not self._pending:
            self._running, self._task = None, None
            return
        write = self._running = self._pending.popleft()
        self._task = run_in_background(
            on_worker,
            write.work,
            on_success=lambda _none: self._written(write),
            on_error=lambda error: self._failed(write, error),
            name="undo" if write.undoing else "redo",
        )

    def _written(self, write: _Write) -> None:
        write.done = True
        self._start_next()
        self._context.events.announce(write.command.changes)

    def _failed(self, write: _Write, error: BaseException) -> None:
        write.done = True
        dropped = [write, *self._pending]
        self._pending.clear()
        self._running, self._task = None, None
        self._walk_back(dropped)
        if not isinstance(error, ServiceError | ReadOnlyDatabaseError | OSError):
            from advisor_planner.ui.context import StorageProblem

            error = StorageProblem(storage_sentence(error))  # (as AppContext.run words it)
        self._context.show_error(write.text, error)

    def _walk_back(self, dropped: list[_Write]) -> None:
        """Move the stack back over the steps whose writes were not made, writing nothing."""
        stack = self._context.undo_stack
        if stack.index() != dropped[-1].index_after:  # (a change pushed since: start afresh)
            stack.clear()
            return
        stack.setProperty("walkingBack", True)  # (the status bar has nothing to say of it)
        try:
            for write in reversed(dropped):
                write.command.skip_next_write = True
                if write.undoing:
                    stack.redo()
                else:
                    stack.undo()
        finally:
            stack.setProperty("walkingBack", False)

    def finish(self) -> None:
        """Wait here until every queued write is made (or has failed and been shown)."""
        while self._running is not None:
            task = self._task
            running = self._running
            while not running.done:
                time.sleep(0.001)
                # (the worker's outcome is a queued call to the task: delivered here)
                QCoreApplication.sendPostedEvents(task)
