"""Background tasks: the work runs off the GUI thread; its outcome arrives on the GUI thread."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QThread

from advisor_planner.ui.tasks import Task, run_in_background


def test_result_arrives_on_the_gui_thread(qtbot) -> None:
    gui_thread = QThread.currentThread()
    seen: dict[str, object] = {}

    def work(a: int, *, b: int) -> int:
        seen["worker_is_main"] = threading.current_thread() is threading.main_thread()
        return a + b

    def on_success(result: int) -> None:
        seen["result"] = result
        seen["delivered_on_gui"] = QThread.currentThread() is gui_thread

    task = run_in_background(work, 2, b=3, on_success=on_success)
    with qtbot.waitSignal(task.finished, timeout=5_000):
        pass
    assert seen == {"worker_is_main": False, "result": 5, "delivered_on_gui": True}
    assert task.done and task.result == 5 and task.error is None


def test_an_error_arrives_with_its_traceback(qtbot) -> None:
    def work() -> None:
        raise LookupError("nothing here")

    errors: list[BaseException] = []
    task = Task(work)
    task.failed.connect(errors.append)
    with qtbot.waitSignal(task.failed, timeout=5_000):
        task.start()
    assert isinstance(errors[0], LookupError)
    assert "nothing here" in errors[0].task_traceback
    assert task.done and task.error is errors[0]


@pytest.mark.parametrize("count", [20])
def test_many_tasks_each_report_once(qtbot, count: int) -> None:
    results: list[int] = []
    tasks = [run_in_background(lambda n=n: n * n, on_success=results.append) for n in range(count)]
    qtbot.waitUntil(lambda: all(task.done for task in tasks), timeout=5_000)
    assert sorted(results) == [n * n for n in range(count)]
