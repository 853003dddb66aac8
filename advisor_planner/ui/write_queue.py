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
from typing import Protocol

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QThreadPool, Signal, Slot
from PySide6.QtGui import QUndoStack

from advisor_planner.services.changes import Changes
from advisor_planner.services.workers import on_worker


# What the queue needs of ``ui.context``'s AppContext and RecordCommand (which import this
# module: these keep the two free of a cycle).
class _Events(Protocol):
    def announce(self, changes: Changes) -> None: ...


class _Context(Protocol):
    @property
    def undo_stack(self) -> QUndoStack: ...
    @property
    def events(self) -> _Events: ...

    def show_write_error(self, action: str, error: BaseException) -> None: ...


class _Command(Protocol):
    changes: Changes
    skip_next_write: bool

    def text(self) -> str: ...


@dataclass
class _Write:
    command: _Command
    work: Callable[[], None]
    undoing: bool  # an undo (else a redo): how the stack walks back if it fails
    index_after: int  # the stack's index once Qt has moved it for this step
    text: str  # the command's name, for the error (a push may delete the command meanwhile)
    done: bool = False


class WriteQueue(QObject):
    """The undo stack's writes of one ``AppContext``, made one at a time on a worker.

    The worker reports back through this object's own signal (queued to the GUI thread), not
    a ``ui.tasks.Task`` per write: ``finish`` delivers a result the moment it is sent, and a
    task let go of then could be freed by the worker, still holding it, off its thread.
    """

    _outcome = Signal(object, object)  # (the write, the error it raised or None)

    def __init__(self, context: _Context, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._pending: deque[_Write] = deque()
        self._running: _Write | None = None
        self._outcome.connect(self._finished)
        app = QCoreApplication.instance()
        if app is not None:  # (quitting a moment after Ctrl+Z: what is queued is written)
            app.aboutToQuit.connect(self.finish)

    @property
    def busy(self) -> bool:
        """A write is under way or waiting."""
        return self._running is not None

    def submit(self, command: _Command, work: Callable[[], None], *, undoing: bool) -> None:
        """Queue ``work`` (``command``'s undo or redo), called from within the stack's move."""
        stack = self._context.undo_stack
        after = stack.index() - 1 if undoing else stack.index() + 1
        self._pending.append(_Write(command, work, undoing, after, command.text()))
        if self._running is None:
            self._start_next()

    def _start_next(self) -> None:
        if not self._pending:
            self._running = None
            return
        write = self._running = self._pending.popleft()
        outcome = self._outcome

        def work() -> None:  # on the worker
            try:
                on_worker(write.work)
            except Exception as exc:  # noqa: BLE001 - every failure is shown, as run's are
                outcome.emit(write, exc)
            else:
                outcome.emit(write, None)

        QThreadPool.globalInstance().start(work)

    @Slot(object, object)
    def _finished(self, write: _Write, error: BaseException | None) -> None:
        if error is None:
            self._written(write)
        else:
            self._failed(write, error)

    def _written(self, write: _Write) -> None:
        write.done = True
        self._start_next()
        self._context.events.announce(write.command.changes)

    def _failed(self, write: _Write, error: BaseException) -> None:
        write.done = True
        dropped = [write, *self._pending]
        self._pending.clear()
        self._running = None
        self._walk_back(dropped)
        self._context.show_write_error(write.text, error)

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
            running = self._running
            while not running.done:
                time.sleep(0.001)
                # (the worker's outcome is a queued call to this object: delivered here)
                QCoreApplication.sendPostedEvents(self, QEvent.Type.MetaCall)
