"""Start-up benchmark: our main window against a bare PySide6 ``QMainWindow``, side by side.

Run by hand (not collected by pytest)::

    python tests/perf/bench_startup.py PATH_TO_DB [--runs 7]

Each run is a fresh process. The launcher passes ``time.time()`` taken just before it starts
the child in ``ADVISOR_PLANNER_LAUNCH_TS``; the child prints the time from then to its window's
first exposed and painted frame, and quits. The median of each kind is printed with the ratio
(target: at most 1.5). Both kinds run alternately so drift in the machine's load hits both.

Without a display the runs use ``QT_QPA_PLATFORM=offscreen``. Settings and the database's
backups go to a temporary folder, so the user's files are untouched; the database itself is
opened (and checked and migrated in the background) exactly as the app does.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

from perf_support import child_environment, compile_app, time_launch

# The bare window: the same measurement as ``advisor_planner.ui.app._QuitWhenExposed``.
BARE_WINDOW = """
import os, sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QWindow
from PySide6.QtWidgets import QApplication, QMainWindow

launched = float(os.environ["ADVISOR_PLANNER_LAUNCH_TS"])
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setWindowTitle("bare")
window.resize(1120, 740)


class Probe(QObject):
    done = False

    def eventFilter(self, watched, event):
        if (not self.done and event.type() == QEvent.Type.Expose
                and isinstance(watched, QWindow) and watched.isExposed()):
            self.done = True
            QTimer.singleShot(0, self.report)
        return False

    def report(self):
        print(f"window-exposed-after {time.time() - launched:.4f}", flush=True)
        app.quit()


window.winId()
probe = Probe()
window.windowHandle().installEventFilter(probe)
window.show()
sys.exit(app.exec())
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("db", type=Path, help="the database to open (e.g. a large demo)")
    parser.add_argument("--runs", type=int, default=7, help="runs of each kind (default 7)")
    args = parser.parse_args(argv)
    if not args.db.is_file():
        parser.error(f"no database at {args.db}")

    compile_app()  # as installed (see perf_support)
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as scratch_name:
        scratch = Path(scratch_name)
        env = child_environment(scratch)
        bare_cmd = [sys.executable, "-c", BARE_WINDOW]
        app_cmd = [
            sys.executable,
            "-m",
            "advisor_planner",
            "--db",
            str(args.db.resolve()),
            "--exit-when-shown",
        ]
        # One untimed run of each warms the OS file cache, as a second launch would be.
        time_launch(bare_cmd, env, "window-exposed-after ")
        time_launch(app_cmd, env, "window-exposed-after ")
        bare: list[float] = []
        ours: list[float] = []
        for _ in range(args.runs):
            bare.append(time_launch(bare_cmd, env, "window-exposed-after "))
            ours.append(time_launch(app_cmd, env, "window-exposed-after "))

    bare_median = statistics.median(bare)
    ours_median = statistics.median(ours)
    ratio = ours_median / bare_median
    size_mb = args.db.stat().st_size / 1e6
    print(
        f"database: {args.db} ({size_mb:.1f} MB); {args.runs} runs each; platform "
        f"{env.get('QT_QPA_PLATFORM') or 'native'}"
    )
    print(
        f"bare QMainWindow   median {bare_median * 1000:7.1f} ms  "
        f"(min {min(bare) * 1000:.1f}, max {max(bare) * 1000:.1f})"
    )
    print(
        f"Advisor Planner    median {ours_median * 1000:7.1f} ms  "
        f"(min {min(ours) * 1000:.1f}, max {max(ours) * 1000:.1f})"
    )
    verdict = "ok" if ratio <= 1.5 else "OVER TARGET"
    print(f"ratio of medians {ratio:.2f} (target <= 1.50): {verdict}")
    # The fastest runs are the least disturbed by other load on the machine.
    print(f"ratio of fastest runs {min(ours) / min(bare):.2f}")
    return 0 if ratio <= 1.5 else 1


if __name__ == "__main__":
    sys.exit(main())
