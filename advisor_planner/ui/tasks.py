"""Run a callable off the GUI thread and hear its outcome back on the GUI thread.

``run_in_background(fn, *args)`` puts ``fn`` on a ``QThreadPool`` and returns a ``Task`` whose
signals fire on the GUI thread: ``succeeded(result)`` or ``failed(error)``, then ``finished()``.
The callable must not touch any widget; it hands back a value and lets the GUI thread act on
it. Tests wait on the signals with ``qtbot.waitSignal(task.finished)``.

A ``Task`` keeps itself alive until it has finished, so callers need not hold on to it.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal, Slot

_running: set[Task] = set()


class Task(QObject):
    """One background job. Create it on the GUI thread; its public signals fire there."""

    succeeded = Signal(object)  # the callable's return value
    failed = Signal(object)  # the exception it raised (with ``task_traceback`` set on it)
    finished = Signal()  # after either of the above

    # Emitted from the worker; the receiving slots are methods of this QObject, which lives on
    # the GUI thread, so Qt queues them there whatever thread emitted.
    _result_ready = Signal(object)
    _error_raised = Signal(object)

    def __init__(
        self,
        fn: Callable[..., Any],
        *args: Any,
        name: str = "",
        parent: QObject | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(parent)
        self._fn = fn
        self._args = args
        self._kwargs = kwargs
        self.name = name or getattr(fn, "__name__", "task")
        self.result: Any = None
        self.error: BaseException | None = None
        self.done = False
        self._result_ready.connect(self._deliver_result)
        self._error_raised.connect(self._deliver_error)

    def start(self, pool: QThreadPool | None = None) -> Task:
        """Queue the job on ``pool`` (the global pool by default) and return self."""
        _running.add(self)
        (pool or QThreadPool.globalInstance()).start(self._work)
        return self

    def _work(self) -> None:  # runs on a worker thread
        try:
            result = self._fn(*self._args, **self._kwargs)
        except BaseException as exc:  # noqa: BLE001 - every failure goes to one error path
            # The worker's traceback travels with the exception to the GUI thread's handler;
            # exceptions have no such attribute in their type (add_note is 3.11+).
            exc.task_traceback = traceback.format_exc()  # type: ignore[attr-defined]
            self._error_raised.emit(exc)
        else:
            self._result_ready.emit(result)

    @Slot(object)
    def _deliver_result(self, result: object) -> None:
        self.result = result
        self.done = True
        _running.discard(self)
        self.succeeded.emit(result)
        self.finished.emit()

    @Slot(object)
    def _deliver_error(self, error: BaseException) -> None:
        self.error = error
        self.done = True
        _running.discard(self)
        self.failed.emit(error)
        self.finished.emit()


def run_in_background(
    fn: Callable[..., Any],
    *args: Any,
    on_success: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    pool: QThreadPool | None = None,
    name: str = "",
    **kwargs: Any,
) -> Task:
    """Start ``fn(*args, **kwargs)`` on a worker thread; return its ``Task``.

    ``on_success`` and ``on_error`` are called on the GUI thread with the result or exception.
    """
    task = Task(fn, *args, name=name, **kwargs)
    if on_success is not None:
        task.succeeded.connect(on_success)
    if on_error is not None:
        task.failed.connect(on_error)
    return task.start(pool)


def wait_for_background_tasks(pool: QThreadPool | None = None, msecs: int = -1) -> bool:
    """Block until the pool's workers are idle (at shutdown, and in tests)."""
    return (pool or QThreadPool.globalInstance()).waitForDone(msecs)


class ProgressRelay(QObject):
    """Carries a worker's progress reports to the GUI thread: pass ``report`` to the work as
    its ``progress(stage, share)`` callback and listen to ``progressed``."""

    progressed = Signal(str, float)
    _reported = Signal(str, float)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._reported.connect(self._deliver)

    def report(self, stage: str, share: float) -> None:  # on any thread
        self._reported.emit(stage, share)

    @Slot(str, float)
    def _deliver(self, stage: str, share: float) -> None:
        self.progressed.emit(stage, share)
