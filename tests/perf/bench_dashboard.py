"""Dashboard benchmark: the charts a laptop shows, drawn, against a bare window with one
pyqtgraph plot.

Run by hand (not collected by pytest)::

    python tests/perf/bench_dashboard.py PATH_TO_DB [--huge PATH_TO_3X_DB] [--runs 7]

Two measurements, in one run:

1. **Start-up.** Each run is a fresh process, timed from just before the launcher starts it
   (``ADVISOR_PLANNER_LAUNCH_TS``) until its window has painted:
   - **viewport drawn** (the goal's figure): ``advisor-planner --db COPY --exit-when-drawn
     --window-size 1400x860`` quits once every chart on screen (four of the eight, and the
     attention panel) has painted its data: the start-up check, the migrations, the queries,
     the pyqtgraph import and the drawing all included. The charts below the fold are built
     after that (``ui.dashboard.board``), so they are not in it;
   - **all eight charts drawn**: the same in a 1400 × 2000 window, tall enough that every
     chart is on screen (the figure issue 4 measured);
   - **charts alone**, the floor under that: the eight charts alone in a bare 1400 × 2000
     window, drawn from series loaded and pickled before the run (no database, peewee,
     start-up check or main window; only pyqtgraph, the charts and drawing);
   - the baseline, **bare chart window**: a bare 1400 × 2000 ``QMainWindow`` holding one
     ``pyqtgraph.PlotWidget`` with a line of 52 points, quitting on its first painted frame.
   All kinds run alternately, so drift in the machine's load hits each alike; the medians are
   compared. Goal: viewport drawn ≤ 1.3 × the bare chart window.
2. **Refresh.** In this process: the dashboard (1400 × 2000) on a copy of the database, a
   touchpoint logged through ``services`` (no promise made), the change announced as the
   quick log announces it, and the time until the charts it touches are loaded and
   repainted. Goal: under 100 ms.

With ``--huge`` (a database with 3 × the data) every figure is printed for both databases side
by side with its growth (goal: ≤ 1.5 ×). Each database is copied to a temporary folder first,
one copy per kind of run, so the file given is never opened; settings go there too. The app's
bytecode is compiled first, as ``pip install`` compiles it (``perf_support``). The script
exits non-zero when a goal is missed; its last line reads
``viewport drawn: A ms, bare chart window: B ms = R x`` (for the 1 × database).

It also prints, for the period "all" (ten years), each period chart's redraw (shown and
painted in a ``ChartView``) beside the floor, a bare ``pyqtgraph.PlotWidget`` drawing the same
points in the same process (``measure_period_floor``).

Issue 18, part 3, measured again (December 2026, the first data read before the full check,
the charts drawn one a turn and kept as pictures; same 2-core machine, load 2-4 then 4-8):

- Before this round's dashboard work, 5 runs: bare chart window 710 ms; viewport drawn 1540
  ms (2.17 x), 3 x: 1530 (2.15 x); all eight 1.97 x, 3 x 3.10 x; charts alone 1.46 x, 3 x
  1.60 x; refresh after a logged touchpoint 202 ms, 3 x 259 ms. After it, under twice the
  load (the bare window 1658 ms): viewport 2.01 x, 3 x 2.17 x (growth 1.08); all eight
  2.56 x and 2.68 x; charts alone 1.04 x and 0.82 x; refresh 254 and 312 ms. The same within
  the noise: the viewport's ratio is not set by the charts' paint.
- What is between, traced in one launch at 1400 x 860 on the large demo (ms since launch,
  a quieter moment): PySide6 imported 156; the app's modules 318; the window built and
  exposed 491; pyqtgraph and the charts imported on the GUI thread 505-928 (the early read
  had found the file on its worker meanwhile, but its answer waits for the GUI thread); the
  pages up and the load started 947; the board 963; the four views on screen built
  1000-1134 (72-90 ms); the parts in 1109-1165 (the load ~190 ms, beside the views); four
  charts and the attention panel filled 1164-1242 (56 ms); viewport drawn 1257. The bare
  window is the interpreter, PySide6, pyqtgraph's import and one plot: 600-700 ms quiet.
  So the app adds about 0.8-0.9 x the bare window, all of it Python holding the interpreter
  lock on one thread at a time: its modules (~160 ms), the window and pages (~170), the
  load's Python (~190) and the charts (~150-190 against the bare plot's ~30).
- Overlapping them does not help: importing pyqtgraph after the early read instead of
  beside it (tried in ``ui.app``, not kept) let the load and the import run together, and
  they shared the lock: the load took 0.9-1.2 s instead of 0.5, the viewport drawn 5.2 and
  4.8 s against 3.2 and 4.4 in alternate traced launches (load 5-8). 1.3 x would leave
  ~200 ms for everything the app adds; it is out of reach without a second process.
- The redraw of a period chart against the floor (period all, large demo, load 4-6): the
  weekly bars 39 ms against a bare plot's 9 (ten years of ~3,600 bars; ours adds the
  legend, date ticks, the 523 hover targets and the bars' outlines), follow-through 14
  against 6.5, the trust index 11 against 13.

What it said with the charts built lazily (December 2026, on a 2-core machine shared by ~9
busy workers, load average 6–11: the bare chart window took 0.74–5 s instead of ~0.6 s, so
only ratios from one run mean anything, and even they wander; the large demo and one with 3 ×
everything, 3,000 people and 300,000 touchpoints):

- Viewport drawn: 1.64–2.74 × the bare chart window at 1 × (three runs of 1–5 launches each),
  3.45–5.88 × at 3 ×. Goal 1.3: missed.
- What holds it: the start-up's full check. The dashboard's data is read once the check has
  passed (``services.session.check_and_migrate``), and the check is now ``integrity_check``
  plus ``foreign_key_check`` (it was ``quick_check`` when the figures below were taken): on
  the same load it took 1.5–4.2 s on the large demo and 3.9–10 s on the 3 × one, against
  0.2–0.8 s and 0.5–1.8 s for ``quick_check``. It grows with the file, so the viewport grows
  2.1–2.4 × when the data triples. Traced in one process (1 ×, alternately): from the check's
  end to the viewport drawn 444–648 ms at 1400 × 860, to all eight charts drawn 723–784 ms at
  1400 × 2000; the lazy board takes a third off what follows the check. Meeting 1.3 needs the
  first screen's series read before the check finishes (through a read-only connection,
  nothing written until it passes), which is the start-up's design, not the dashboard's.
- Charts alone (all eight, no app): 0.87–1.31 × the bare window at 1 ×, 1.63 × at 3 × (the
  stakeholder map draws three times the people).
- Refresh after a logged touchpoint: 124–397 ms at 1 ×, 315–1046 ms at 3 × under that load
  (73–120 ms on a quieter machine before); it reloads people_status, proportional to people.
- After the first frame the board builds the four charts below the fold, a view on one turn
  and its series on the next: 24–130 ms a turn under load 10 (the stakeholder map's ~1,000
  points are the largest); before, all eight were built and filled before the first frame.

After the counts kept by triggers, the prepared activity and the lighter charts (December
2026, same machine and load; before = the code without them, on the v1 demo; after = on a
copy already at schema v2, so no run pays the one-time migration), two pairs of runs:

- Viewport drawn: 2.95 → 2.39 × and 2.15 → 2.64 × the bare window (the bare window itself
  took 0.73–1.3 s from run to run); all eight charts drawn 4.47 → 2.76 × and 2.38 → 2.62 ×;
  charts alone 1.74 → 1.47 × and 1.32 → 1.36 ×. Refresh after a logged touchpoint 138 → 181
  and 147 → 141 ms. Within the noise: what stands between the viewport and the goal is
  still the start-up's full check before the first query (see above), not the charts.
- The GUI thread's share, measured in one process per tree, median of 9 (``show`` of the
  series, then a paint at 480 × 230): with the period "all", touchpoints per week 48–51 →
  17–27 ms to show and 32–38 → 25–31 ms to paint; trust index 16–28 → 6, follow-through
  13–20 → 6–8, calendar 13–20 → 7 ms to show. The stakeholder map (963 people) 23–34 →
  14–23 ms to show.

What the figures said before the charts were built lazily (December 2026, large demo; the
machine's speed wandered by a third between runs, so read the ratios, not the times):

- The bare chart window: 530–740 ms (median), nearly all of it importing PySide6 and
  pyqtgraph, a fifth of that pyqtgraph's 600 Qt enums being made.
- The dashboard: 930–1270 ms, so R ≈ 1.6–1.8 (it was 2.0–2.6 before the charts drew into
  ``charts.plot.ChartPlot`` instead of pyqtgraph's ``PlotItem``, and without compiled bytecode
  every run compiled the app's modules from source).
- Where the rest goes, traced in one start (ms from launch): window on screen at ~300; the
  start-up check (peewee's import, ``quick_check``, migrations) until ~550; pyqtgraph,
  imported beside it on a worker thread, until ~650; the eight charts built by ~750; the
  series, loaded on a worker since the check finished, arrive and are drawn by ~900.
- Why 1.3 stays out of reach: nearly all of it holds Python's GIL, so two cores do not add up
  to two. The dashboard's process used 1.6–2.3 s of CPU to the bare window's 0.85; 1.3 × the
  bare window would leave about 180 ms for the app's modules and window (~80), peewee and the
  check (~120), building the charts (~70), the loads' Python part (~150) and drawing (~100).
  Serving the first frame from a picture saved last time would meet it but would not be the
  charts drawn; loading the series in a second process would hide only the loads.
- The refresh after a logged touchpoint: 73–120 ms (median), under 100 ms when the machine
  was quiet.
- The floor (a later session): the eight charts alone, from saved series in a bare window,
  take 1.44 × the bare chart window, while the whole dashboard took 1.84–1.89 ×. So the
  charts themselves are past 1.3 before the app adds anything: after pyqtgraph's import,
  building the eight views (~28 ms), drawing their series into them (~41 ms) and their first
  paint (~72 ms, over half of it the sixteen axes) cost about 140 ms against the bare
  window's ~30. Meeting the goal needs charts that cost half as much to build and paint, not
  a faster start-up around them.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from perf_support import (
    LAUNCH_ENV,
    REPO,
    add_database_arguments,
    child_environment,
    compile_app,
    databases,
    time_launch,
)

SIZE = (1400, 2000)  # every chart on screen
VIEWPORT = (1400, 860)  # a laptop: three or four charts on screen

BARE_CHART_WINDOW = f"""
import os, sys, time
launched = float(os.environ["{LAUNCH_ENV}"])
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
import pyqtgraph as pg

app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setWindowTitle("bare chart")
window.resize({SIZE[0]}, {SIZE[1]})


class Plot(pg.PlotWidget):
    done = False

    def paintEvent(self, event):
        super().paintEvent(event)
        if not self.done:
            self.done = True
            QTimer.singleShot(0, report)


def report():
    print(f"chart-drawn-after {{time.time() - launched:.4f}}", flush=True)
    app.quit()


plot = Plot()
plot.plot(list(range(52)), [50 + (k % 7) for k in range(52)], pen=pg.mkPen("#0072B2", width=2))
window.setCentralWidget(plot)
window.show()
sys.exit(app.exec())
"""


#: The floor under the dashboard's figure: the same eight charts, alone in a bare window of
#: the same size, drawn from series loaded and saved (pickled) before the run, so that no
#: database, peewee, start-up check or main window is in it; only what drawing them costs.
CHARTS_ALONE_WINDOW = f"""
import os, pickle, sys, time
launched = float(os.environ["{LAUNCH_ENV}"])
from PySide6.QtWidgets import QApplication, QGridLayout, QMainWindow, QWidget
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize({SIZE[0]}, {SIZE[1]})
central = QWidget()
grid = QGridLayout(central)
window.setCentralWidget(central)
window.show()
from advisor_planner.charts import goals, heatmap, scatter, time_series
from advisor_planner.charts.palette import ChartPalette
from advisor_planner.charts.view import ChartView
series = pickle.loads(open(sys.argv[1], "rb").read())
palette = ChartPalette.from_palette(window.palette())
charts = {{
    "trust_index": time_series.TrustIndexChart, "follow_through": time_series.FollowThroughChart,
    "activity": time_series.TouchpointsPerWeekChart, "calendar": heatmap.ActivityHeatmapChart,
    "people": scatter.StakeholderMapChart, "perception": scatter.WarmthCompetenceChart,
    "goals": goals.GoalProgressChart, "outcomes": scatter.TrustOutcomesChart,
}}
waiting = set(charts)


def drawn(part):
    waiting.discard(part)
    if not waiting:
        print(f"charts-drawn-after {{time.time() - launched:.4f}}", flush=True)
        app.quit()


for index, (part, chart_class) in enumerate(charts.items()):
    view = ChartView(chart_class(palette), central)
    grid.addWidget(view, index // 2, index % 2)
    view.drawn.connect(lambda part=part: drawn(part))
    view.set_series(series[part])
sys.exit(app.exec())
"""


def save_series(db: Path, target: Path) -> None:
    """The dashboard's series for the last 12 months, loaded from ``db`` and pickled."""
    import pickle

    sys.path.insert(0, str(REPO))
    from advisor_planner.services import dashboard
    from advisor_planner.store.connection import close_database
    from advisor_planner.store.opening import init_db

    init_db(db, backup_before_migrate=False)
    try:
        series = dashboard.load(parts=dashboard.PARTS, period=dashboard.period_for("12m"))
    finally:
        close_database()
    target.write_bytes(pickle.dumps(series))


def measure_refresh(db: Path, runs: int) -> list[float]:
    """Milliseconds from a logged touchpoint's change signal to the dashboard redrawn."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(REPO))
    from datetime import datetime

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from advisor_planner.services import stakeholders, touchpoints
    from advisor_planner.services.changes import Change, Changes
    from advisor_planner.store.connection import close_database
    from advisor_planner.store.opening import init_db
    from advisor_planner.ui.context import AppContext
    from advisor_planner.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    init_db(db, backup_before_migrate=False)
    settings = QSettings(str(db.with_suffix(".ini")), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings)
    window.resize(*SIZE)
    window.show()
    window.set_ready()
    window.select_section("dashboard")
    page = window.page("dashboard")
    context: AppContext = window.workspace.context

    def wait(condition, timeout: float = 60.0) -> None:
        deadline = time.perf_counter() + timeout
        while not condition():
            app.processEvents()
            if time.perf_counter() > deadline:
                raise RuntimeError("the dashboard did not finish")
            time.sleep(0.0005)

    board = page.build_board()
    # (The board builds and draws a chart a turn: wait until all are.)
    wait(lambda: board.complete and not board.drawing)
    wait(lambda: all(not v.drawn_pending and v.has_data for v in board.views.values()))
    person = next(iter(stakeholders.names()))
    timings = []
    for _ in range(runs):
        touchpoints.log(
            occurred_at=datetime.now().astimezone(),
            stakeholder_ids=[person],
            channel="call",
            purpose="listen",
            listening=4,
        )
        loads: list[int] = []
        page.loaded.connect(lambda loads=loads: loads.append(1))
        start = time.perf_counter()
        # as the quick log announces one
        context.events.announce(Changes.of(Change.TOUCHPOINT, Change.STAKEHOLDER))
        wait(lambda loads=loads: bool(loads))
        wait(lambda: not any(v.drawn_pending for v in board.views.values()))
        timings.append((time.perf_counter() - start) * 1000)
        page.loaded.disconnect()
    window.close()
    close_database()
    return timings


#: The charts a change of period redraws, beside the floor each is measured against.
FLOOR_PARTS = ("activity", "follow_through", "trust_index")


def measure_period_floor(db: Path, runs: int) -> dict[str, tuple[float, float]]:
    """Milliseconds (median of ``runs``) to redraw each of ``FLOOR_PARTS`` for the period "all"
    (ten years), its series shown and painted in a ``ChartView`` of 680 x 300, beside the
    floor: a bare ``pyqtgraph.PlotWidget`` of the same size drawing the same points (the
    weekly bars as one ``BarGraphItem`` a channel, a line as one ``PlotDataItem``) and
    painting them, in the same process. Each redraw follows one of the period "3m", so it
    draws afresh."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(REPO))
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    import pyqtgraph as pg

    from advisor_planner.charts.catalog import dashboard_charts
    from advisor_planner.charts.palette import ChartPalette
    from advisor_planner.charts.view import ChartView
    from advisor_planner.services import dashboard
    from advisor_planner.store.connection import close_database
    from advisor_planner.store.opening import init_db

    init_db(db, backup_before_migrate=False)
    try:
        periods = {
            choice: dashboard.load(parts=FLOOR_PARTS, period=dashboard.period_for(choice))
            for choice in ("all", "3m")
        }
    finally:
        close_database()

    class BarePlot(pg.PlotWidget):  # type: ignore[misc]
        painted = False

        def paintEvent(self, event):  # noqa: N802, ANN001, ANN202 - Qt override
            super().paintEvent(event)
            self.painted = True

    def settle(done) -> float:  # noqa: ANN001
        while not done():
            app.processEvents()
        return time.perf_counter()

    figures = {}
    for part in FLOOR_PARTS:
        series, other = periods["all"][part], periods["3m"][part]
        view = ChartView(dashboard_charts()[part](ChartPalette.from_palette(app.palette())))
        bare = BarePlot(background=None)
        ours, floor = [], []
        for widget in (view, bare):
            widget.resize(680, 300)
            widget.show()
        for _ in range(runs):
            view.set_series(other)
            settle(lambda view=view: not view.drawn_pending)
            started = time.perf_counter()
            view.set_series(series)
            ours.append(settle(lambda view=view: not view.drawn_pending) - started)
            bare.getPlotItem().clear()
            settle(lambda: True)
            bare.painted = False
            started = time.perf_counter()
            for item in _bare_items(part, series, pg):
                bare.addItem(item)
            floor.append(settle(lambda bare=bare: bare.painted) - started)
        figures[part] = (median_ms(ours), median_ms(floor))
        view.close()
        bare.close()
    return figures


def _bare_items(part: str, series: Any, pg: Any) -> list[Any]:
    """The same points as the dashboard's chart of ``part`` draws, as bare pyqtgraph items."""
    import numpy as np

    from advisor_planner.charts.base import day_x

    if part == "activity":
        weeks, counts = series.per_week()
        starts = np.array([day_x(monday) for monday in weeks])
        heights = np.array(list(counts.values()))
        tops = np.cumsum(heights, axis=0)
        gap = 0.12 * 7 * 86400
        return [
            pg.BarGraphItem(
                x0=(starts + gap)[row > 0], x1=(starts + 7 * 86400 - gap)[row > 0],
                y0=(top - row)[row > 0], y1=top[row > 0], brush=pg.intColor(k),
            )
            for k, (row, top) in enumerate(zip(heights, tops, strict=True))
        ]  # fmt: skip
    values = series.rates if part == "follow_through" else series.values
    x = [day_x(week) for week in series.week_ends]
    y = [float("nan") if v is None else v for v in values]
    return [pg.PlotDataItem(x, y, pen=pg.mkPen("#0072B2", width=2.5), connect="finite")]


def app_command(db: Path, size: tuple[int, int]) -> list[str]:
    """The app on ``db`` in a window of ``size``, quitting once every chart on screen is drawn."""
    return [
        sys.executable, "-m", "advisor_planner", "--db", str(db), "--exit-when-drawn",
        "--window-size", f"{size[0]}x{size[1]}",
    ]  # fmt: skip


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_database_arguments(parser, "db")
    parser.add_argument("--runs", type=int, default=7, help="runs of each kind (default 7)")
    args = parser.parse_args(argv)
    given = databases(parser, args.db, args.huge)

    compile_app()  # as installed (see perf_support)
    with tempfile.TemporaryDirectory(prefix="bench-dashboard-") as scratch_name:
        scratch = Path(scratch_name)
        env = child_environment(scratch)
        bare_cmd = [sys.executable, "-c", BARE_CHART_WINDOW]
        # Per size of data: the viewport at 1400 x 860, all eight charts on a tall window, and
        # the eight charts alone from saved series (each kind on its own copy of the database).
        commands: dict[tuple[str, str], tuple[list[str], str]] = {}
        for size, path in given.items():
            copies = {kind: scratch / f"{size}-{kind}.sqlite" for kind in ("view", "all", "ser")}
            for copy in copies.values():
                shutil.copy2(path, copy)
            saved = scratch / f"{size}-series.pickle"
            save_series(copies["ser"], saved)
            commands[size, "viewport"] = (app_command(copies["view"], VIEWPORT), "dashboard-")
            commands[size, "all"] = (app_command(copies["all"], SIZE), "dashboard-")
            commands[size, "alone"] = (
                [sys.executable, "-c", CHARTS_ALONE_WINDOW, str(saved)],
                "charts-",
            )
        # One untimed run of each warms the OS file cache, as a second launch would be.
        time_launch(bare_cmd, env, "chart-drawn-after ")
        for command, marker in commands.values():
            time_launch(command, env, marker + "drawn-after ")
        bare: list[float] = []
        timed: dict[tuple[str, str], list[float]] = {key: [] for key in commands}
        for _ in range(args.runs):  # alternately, so drift in the machine's load hits all
            bare.append(time_launch(bare_cmd, env, "chart-drawn-after "))
            for key, (command, marker) in commands.items():
                timed[key].append(time_launch(command, env, marker + "drawn-after "))
        refresh = {}
        for size, path in given.items():
            copy = scratch / f"{size}-refresh.sqlite"
            shutil.copy2(path, copy)
            refresh[size] = statistics.median(measure_refresh(copy, max(5, args.runs)))
        floors = {}
        for size, path in given.items():
            copy = scratch / f"{size}-floor.sqlite"
            shutil.copy2(path, copy)
            floors[size] = measure_period_floor(copy, max(5, args.runs))
    return report(given, args.runs, env, bare, timed, refresh, floors)


def report(
    given: dict[str, Path],
    runs: int,
    env: dict[str, str],
    bare: list[float],
    timed: dict[tuple[str, str], list[float]],
    refresh: dict[str, float],
    floors: dict[str, dict[str, tuple[float, float]]],
) -> int:
    """Print the figures, each size of data side by side; return 1 when a goal is missed."""
    for size, path in given.items():
        print(f"database {size}: {path} ({path.stat().st_size / 1e6:.1f} MB)")
    print(
        f"{runs} runs each; platform {env.get('QT_QPA_PLATFORM') or 'native'}; viewport "
        f"{VIEWPORT[0]}x{VIEWPORT[1]}, all charts and the bare window {SIZE[0]}x{SIZE[1]}"
    )
    bare_ms = median_ms(bare)
    print(f"{'bare chart window':<36}{bare_ms:>9.1f} ms (min {min(bare) * 1000:.1f})")
    sizes = list(given)
    print(
        f"{'median ms (x the bare window)':<36}"
        + "".join(f"{s:>16}" for s in sizes)
        + (f"{'growth':>9}" if len(sizes) > 1 else "")
    )
    missed = []
    rows = [
        ("viewport drawn (1400 x 860)", "viewport"),
        ("all eight charts drawn", "all"),
        ("charts alone (no app, no database)", "alone"),
    ]
    for label, kind in rows:
        values = [median_ms(timed[size, kind]) for size in sizes]
        line = f"{label:<36}" + "".join(f"{v:>8.0f} ({v / bare_ms:.2f}x)" for v in values)
        if len(values) > 1:
            line += f"{values[-1] / values[0]:>9.2f}"
            if kind == "viewport" and values[-1] / values[0] > 1.5:
                missed.append("viewport grows over 1.5 x")
        print(line)
    line = f"{'refresh after a logged touchpoint':<36}" + "".join(
        f"{refresh[s]:>8.1f}{'':>8}" for s in sizes
    )
    if len(sizes) > 1:
        line += f"{refresh[sizes[-1]] / refresh[sizes[0]]:>9.2f}"
    print(line + "   (target < 100 ms)")
    print("redrawn for the period all, ms: the chart (shown and painted), bare pyqtgraph, ratio")
    for part in FLOOR_PARTS:
        print(
            f"  {part:<34}"
            + "".join(
                f"{floors[s][part][0]:>8.1f}{floors[s][part][1]:>7.1f} "
                f"({floors[s][part][0] / floors[s][part][1]:.1f}x)"
                for s in sizes
            )
        )
    for size in sizes:
        ratio = median_ms(timed[size, "viewport"]) / bare_ms
        if ratio > 1.3:
            missed.append(f"viewport {size}: {ratio:.2f} x the bare window")
        if refresh[size] >= 100:
            missed.append(f"refresh {size}: {refresh[size]:.0f} ms")
    for goal in missed:
        print(f"MISSED: {goal}")
    for size in reversed(sizes):  # the 1 x figure last
        viewport_ms = median_ms(timed[size, "viewport"])
        print(
            ("" if size == "1x" else f"({size}) ")
            + f"viewport drawn: {viewport_ms:.0f} ms, bare chart window: {bare_ms:.0f} ms = "
            f"{viewport_ms / bare_ms:.2f} x"
        )
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
