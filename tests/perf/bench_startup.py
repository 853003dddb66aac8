"""Start-up benchmark: our main window against a bare PySide6 ``QMainWindow``, side by side.

Run by hand (not collected by pytest)::

    python tests/perf/bench_startup.py PATH_TO_DB [--huge PATH_TO_3X_DB] [--runs 7]

Each run is a fresh process. The launcher passes ``time.time()`` taken just before it starts
the child in ``ADVISOR_PLANNER_LAUNCH_TS``; the child prints the time from then to what it
waits for, and quits. Two figures for the app, both at its first window size (1120 × 740):

- **window shown**: its first exposed and painted frame (``--exit-when-shown``), against the
  bare window's. Target: at most 1.5 × the bare window.
- **window with its first data**: what a user sees, the dashboard's charts on screen drawn
  from the database (``--exit-when-drawn``): the quick look at the file (``quick_check``),
  the pyqtgraph import, the queries and the drawing all included; the full check runs beside
  them (``ui.startup``). Printed against the same bare window; its goal is bench_dashboard's
  (the viewport within 1.3 × a bare chart window).
- **database ready to write**: from the same runs, when the full check has passed and the
  file is open for writing (what the first data waited for until December 2026).
- **longest turn of the event loop**: from the same runs, the longest the GUI thread went
  without answering between the first frame and the data drawn (a 1 ms heartbeat in
  ``ui.app._ExitWhenDrawn``): the window cannot be moved or repainted meanwhile.

All kinds run alternately, so drift in the machine's load hits each alike. With ``--huge``
every figure is printed for both databases side by side, with its growth (goal: ≤ 1.5 ×).
Each run opens its own copy of the database in a temporary folder (settings and backups go
there too), so the file given is never opened; it is checked and migrated as the app does.
The script exits non-zero when a goal is missed.

What it said (December 2026, a 2-core machine shared by ~9 busy workers, load average 6–10,
3–5 runs; the large demo and one with 3 × everything):

- Window shown: 0.92–2.40 × the bare window at 1 ×, 1.03–2.00 × at 3 × (the quieter run gave
  the low figures; nothing before the first frame reads the data, so it does not grow).
- Window with its first data: 3.8–5.8 s at 1 × (6–10 × the bare window), 11.6–12.0 s at 3 ×
  (19–20 ×), growing 2–3 × with the data. Nearly all of it is the start-up's full integrity
  check, which the first data waits for (see bench_dashboard); under this load it alone took
  1.5–4.2 s on the large demo.
- Later that day (quieter, load 1–4, 3 runs each, two rounds alternating the old and the new
  code), once the first data no longer waited for the full check: window with its first data
  1450–1584 → 963–1486 ms at 1 × (10.0–10.7 → 6.9–8.0 × the bare window) and 3068–3430 →
  1534–1969 ms at 3 × (21.6–22.6 → 10.6–11.0 ×), growing 2.1–2.2 → 1.3–1.6 × with the data;
  database ready to write 1273–1726 ms at 1 ×, 3398–4483 ms at 3 × (the full check, now
  beside the drawing, grows with the file: 0.5 s against 2.0 s alone).
- Issue 18, once pyqtgraph loads in short turns (``ui.chart_preload``: numpy on a thread,
  PySide's classes a few per turn, then pyqtgraph's package in one turn of its own, 70-100 ms
  quiet) and the first data waits for it: longest turn of the event loop, first frame to
  data, 1073 → 363 ms at 1 × and 834 → 166 ms at 3 × (5 runs each, load 3-4, the old code's
  run just before). Run alternately, old and new code, 6 runs each (load ~4): 1336 → 226 ms
  at 1 ×, 646 → 367 ms at 3 ×; first data 2.32 → 1.92 s at 1 ×, 1.72 → 2.15 s at 3 × (the
  data now waits for the preload, which under that load took 0.8 s of GUI time in its short
  turns). On a quiet machine the whole import was one turn of 330-380 ms; what is left is
  pyqtgraph's package (it imports all of itself at once).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from perf_support import (
    LAUNCH_ENV,
    add_database_arguments,
    child_environment,
    compile_app,
    databases,
    time_launch,
)

#: The window size of every run: the app's own first size (``main_window._DEFAULT_SIZE``).
WINDOW = "1120x740"

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
window.resize(1120, 740)  # WINDOW


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


def time_data_launch(command: list[str], env: dict[str, str]) -> dict[str, float]:
    """From launching the app with ``--exit-when-drawn``: seconds to its first data drawn
    (``data``) and to its database ready to write (``ready``), and the longest turn of its
    event loop between its first frame and then, in seconds (``turn``; ``ui.app._ExitWhenDrawn``
    prints them)."""
    env = dict(env, **{LAUNCH_ENV: repr(time.time())})
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    found = dict(
        (line.split()[0], float(line.split()[1]))
        for line in result.stdout.splitlines()
        if line.endswith(tuple("0123456789")) and len(line.split()) == 2
    )
    try:
        return {
            "data": found["dashboard-drawn-after"],
            "ready": found["database-ready-after"],
            "turn": found["longest-turn-ms"] / 1000,
        }
    except KeyError:
        raise RuntimeError(
            f"{command[:3]} printed {sorted(found)} (exit {result.returncode}):\n"
            f"{result.stderr[-2000:]}"
        ) from None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_database_arguments(parser, "db")
    parser.add_argument("--runs", type=int, default=7, help="runs of each kind (default 7)")
    args = parser.parse_args(argv)
    given = databases(parser, args.db, args.huge)

    compile_app()  # as installed (see perf_support)
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as scratch_name:
        scratch = Path(scratch_name)
        env = child_environment(scratch)
        bare_cmd = [sys.executable, "-c", BARE_WINDOW]
        commands: dict[tuple[str, str], tuple[list[str], str]] = {}
        for size, path in given.items():
            for kind, flag, marker in (
                ("shown", "--exit-when-shown", "window-exposed-after "),
                ("data", "--exit-when-drawn", "dashboard-drawn-after "),
            ):
                copy = scratch / f"{size}-{kind}.sqlite"  # never the file given
                shutil.copy2(path, copy)
                command = [sys.executable, "-m", "advisor_planner", "--db", str(copy), flag]
                commands[size, kind] = (command + ["--window-size", WINDOW], marker)
        # One untimed run of each warms the OS file cache, as a second launch would be.
        time_launch(bare_cmd, env, "window-exposed-after ")
        for (_size, kind), (command, marker) in commands.items():
            time_data_launch(command, env) if kind == "data" else time_launch(command, env, marker)
        bare: list[float] = []
        timed: dict[tuple[str, str], list[float]] = {(s, k): [] for s in given for k in KINDS}
        for _ in range(args.runs):  # alternately, so drift in the machine's load hits all
            bare.append(time_launch(bare_cmd, env, "window-exposed-after "))
            for (size, kind), (command, marker) in commands.items():
                if kind == "data":
                    for what, seconds in time_data_launch(command, env).items():
                        timed[size, what].append(seconds)
                else:
                    timed[size, kind].append(time_launch(command, env, marker))
    return report(given, args.runs, env, bare, timed)


KINDS = ("shown", "data", "ready", "turn")


def report(
    given: dict[str, Path],
    runs: int,
    env: dict[str, str],
    bare: list[float],
    timed: dict[tuple[str, str], list[float]],
) -> int:
    """Print the figures, each size of data side by side; return 1 when a goal is missed."""
    for size, path in given.items():
        print(f"database {size}: {path} ({path.stat().st_size / 1e6:.1f} MB)")
    print(f"{runs} runs each; platform {env.get('QT_QPA_PLATFORM') or 'native'}; {WINDOW}")
    bare_ms = statistics.median(bare) * 1000
    print(f"{'bare QMainWindow':<34}{bare_ms:>9.1f} ms (min {min(bare) * 1000:.1f})")
    sizes = list(given)
    growth = f"{'growth':>9}" if len(sizes) > 1 else ""
    print(f"{'median ms (x the bare window)':<34}" + "".join(f"{s:>16}" for s in sizes) + growth)
    missed = []
    notes = {
        "data": "   (the charts on screen drawn)",
        "ready": "   (the full check passed: writes open)",
        "turn": "   (the GUI thread busy, first frame to data)",
    }
    for label, kind, goal in (
        ("window shown", "shown", 1.5),
        ("window with its first data", "data", None),
        ("database ready to write", "ready", None),
        ("longest turn of the event loop", "turn", None),
    ):
        values = [statistics.median(timed[size, kind]) * 1000 for size in sizes]
        line = f"{label:<34}" + "".join(f"{v:>8.0f} ({v / bare_ms:.2f}x)" for v in values)
        if len(values) > 1:
            line += f"{values[-1] / values[0]:>9.2f}"
            # (not the check: it reads the whole file)
            if values[-1] / values[0] > 1.5 and kind in ("shown", "data"):
                missed.append(f"{label} grows {values[-1] / values[0]:.2f} x")
        print(line + (f"   (target <= {goal} x)" if goal else notes[kind]))
        for size, value in zip(sizes, values, strict=True):
            if goal and value / bare_ms > goal:
                missed.append(f"{label} {size}: {value / bare_ms:.2f} x")
    for goal_missed in missed:
        print(f"MISSED: {goal_missed}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
