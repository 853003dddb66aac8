"""How much a busy worker thread slows painting on the GUI thread, by switch interval.

Run by hand (not collected by pytest)::

    python tests/perf/bench_switch_interval.py

A table of a thousand rows whose model answers ``data`` in Python (as the app's lists do) is
painted ten times with nothing else running, then beside a thread running Python (as a list's
rows or the people's summaries are worked out on a worker), with the default switch interval
(5 ms) and with the app's (``ui.app.GUI_SWITCH_INTERVAL_S``). Every return from Qt into
Python on the GUI thread waits for the lock the worker holds, up to the interval.

Measured (December 2026, 2-core machine; median of 10 paints): alone 10.5 ms; beside a busy
worker 38.5 ms with 5 ms, 25.9 ms with 1 ms, 26.9 ms with 0.2 ms (so 1 ms: shorter gains
nothing and costs the worker more switches).
"""

from __future__ import annotations

import os
import statistics
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt  # noqa: E402
from PySide6.QtWidgets import QApplication, QTableView  # noqa: E402

from advisor_planner.ui.app import GUI_SWITCH_INTERVAL_S  # noqa: E402


class Cells(QAbstractTableModel):
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 1000

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 6

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return f"cell {index.row()} {index.column()}"
        return None


def paint_ms(view: QTableView) -> float:
    times = []
    for _ in range(10):
        started = time.perf_counter()
        view.grab()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> int:
    app = QApplication.instance() or QApplication([])
    model = Cells()
    view = QTableView()
    view.setModel(model)
    view.resize(1400, 860)
    view.show()
    app.processEvents()
    default = sys.getswitchinterval()
    alone = paint_ms(view)
    stop = threading.Event()

    def busy() -> None:
        total = 0
        while not stop.is_set():
            for i in range(10_000):
                total += i * i

    worker = threading.Thread(target=busy)
    worker.start()
    try:
        with_default = paint_ms(view)
        sys.setswitchinterval(GUI_SWITCH_INTERVAL_S)
        with_app = paint_ms(view)
    finally:
        stop.set()
        worker.join()
        sys.setswitchinterval(default)
    print(f"paint alone: {alone:.1f} ms")
    print(f"beside a busy worker, {default * 1000:.0f} ms interval: {with_default:.1f} ms "
          f"= {with_default / alone:.2f} x")  # fmt: skip
    print(f"beside a busy worker, {GUI_SWITCH_INTERVAL_S * 1000:g} ms interval (the app's): "
          f"{with_app:.1f} ms = {with_app / alone:.2f} x")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
