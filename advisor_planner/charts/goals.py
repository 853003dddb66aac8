"""Brand goals: how far each active goal's metric has moved towards its target, set against
how much of the goal's time has gone (the dashboard); and one goal's checkpoints on their
path to the target (the goal's own window)."""

from __future__ import annotations

from datetime import date, timedelta

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics

from advisor_planner.charts.base import (
    Chart,
    Hit,
    RecordLink,
    day_x,
    short_date,
    tick_font,
)
from advisor_planner.charts.palette import ChartPalette
from advisor_planner.domain import goal_progress as goal_rules
from advisor_planner.services import clock
from advisor_planner.services.insights.goal_series import GoalProgress, on_track_tally
from advisor_planner.translation import QT_TRANSLATE_NOOP

#: The x axis runs to this multiple of the longest bar (100 % at least).
X_ROOM = 1.15
#: Lines a goal's title may take on the axis, by how many goals share the chart's height.
TITLE_LINES = ((6, 2),)  # up to 6 goals: 2 lines each; more: 1
#: The title axis's width in average characters of its font (160 px at least): it grows with
#: a larger desktop font instead of leaving the titles less room.
TITLE_AXIS_CHARS = 26


def wrap_title(title: str, metrics: QFontMetrics, width: int, max_lines: int) -> str:
    """``title`` in lines no wider than ``width`` pixels of ``metrics``' font, at most
    ``max_lines`` of them (the last elided with "…" if the title needs more; the tooltip and
    the goal's window have it whole).

    pyqtgraph draws no tick label wider than its axis: cut to a count of characters, a title
    still outgrew the axis in a larger desktop font (GTK's) and vanished.
    """
    lines: list[str] = []
    current = ""
    for word in title.split():
        trial = f"{current} {word}" if current else word
        if current and metrics.horizontalAdvance(trial) > width:
            lines.append(current)
            current = word
        else:
            current = trial
    lines.append(current)
    if len(lines) > max_lines:
        lines = [*lines[: max_lines - 1], " ".join(lines[max_lines - 1 :])]
    elide = Qt.TextElideMode.ElideRight
    return "\n".join(metrics.elidedText(line, elide, width) for line in lines)


def _format(value: float | None) -> str:
    if value is None:
        return "?"
    return f"{value:g}" if abs(value) >= 1 or value == 0 else f"{value:.2g}"


def on_track(goal: GoalProgress) -> bool | None:
    """``domain.goal_progress.on_track`` for one goal's progress."""
    return goal_rules.on_track(goal.progress, goal.time_elapsed)


class GoalProgressChart(Chart):
    title = QT_TRANSLATE_NOOP("Chart", "Brand-goal progress")
    info = QT_TRANSLATE_NOOP(
        "Chart",
        "Each active brand goal: the bar is how far its metric has moved from baseline to "
        "target at the latest checkpoint, (latest − baseline) / (target − baseline); the "
        "tick is how much of the time from its start to its target date has gone. A bar "
        "short of its tick is behind (by more than 5 points).\n\nClick a goal to open it.",
    )
    left_axis_width = 160  # goal titles, wrapped to it (``wrap_title``); see __init__

    def __init__(self, palette: ChartPalette | None = None) -> None:
        metrics = QFontMetrics(tick_font())
        # (At least the class's width: a subclass, such as the report's, may want more.)
        self.left_axis_width = max(
            type(self).left_axis_width, metrics.averageCharWidth() * TITLE_AXIS_CHARS
        )
        super().__init__(palette)

    def draw(self, goals: list[GoalProgress]) -> None:
        if not goals:
            self.empty_text = QCoreApplication.translate(
                "Chart",
                "No active brand goals. Name the advisor you want to be known as (\u201cthe one "
                "Finance calls first on cloud cost\u201d) in Goals, with a metric, a baseline and "
                "a target, and record checkpoints as it moves.",
            )
            return
        plot = self.plot
        rows = list(reversed(goals))  # the first goal at the top
        highest = self._draw_rows(rows)
        self.hits.reverse()  # top first, as they read and as the keyboard steps through them
        # Room right of the last tick for half its label: pyqtgraph drops a tick label that
        # reaches past the plot's edge, and "100 %" vanished at 1.04.
        plot.setXRange(0, min(highest, 200) * X_ROOM, padding=0)
        plot.setYRange(-0.6, len(rows) - 0.4, padding=0)
        self._label_rows(rows)
        self.set_x_ticks([(v, f"{v} %") for v in (0, 25, 50, 75, 100, 150, 200) if v <= highest])
        plot.showGrid(x=True, y=False, alpha=0.25)
        ahead, judged = on_track_tally(goals)
        self.headline = (
            QCoreApplication.translate("Chart", "{0} of {1} on track").format(ahead, judged)
            if judged
            else QCoreApplication.translate("Chart", "{0} active").format(len(goals))
        )
        self.summary = QCoreApplication.translate(
            "Chart", "{0} active brand goals, {1} of {2} measured on track"
        ).format(len(goals), ahead, judged)
        palette = self.palette
        self.legend(
            [
                (palette.hue("blue"), QCoreApplication.translate("Chart", "on track")),
                (palette.hue("orange"), QCoreApplication.translate("Chart", "behind")),
                (palette.foreground, QCoreApplication.translate("Chart", "time gone")),
            ]
        )

    def _label_rows(self, rows: list[GoalProgress]) -> None:
        """Each goal's title beside its row, wrapped to the axis in the axis's own font."""
        left = self.plot.getAxis("left")
        metrics = QFontMetrics(left.style["tickFont"] or QFont())
        lines = next((n for most, n in TITLE_LINES if len(rows) <= most), 1)
        width = self.left_axis_width - metrics.averageCharWidth() - 4  # the tick's gap
        self.set_y_ticks(
            [(y, wrap_title(goal.title, metrics, width, lines)) for y, goal in enumerate(rows)]
        )

    def _draw_rows(self, rows: list[GoalProgress]) -> float:
        """A bar (progress, coloured by whether it is on track) and a tick (time gone) on each
        row, bottom up; returns the longest bar in percent, 100 at least."""
        palette = self.palette
        plot = self.plot
        blue, orange, grey = palette.hue("blue"), palette.hue("orange"), palette.hue("grey")
        plot.addItem(
            pg.InfiniteLine(100, angle=90, pen=self.pen(palette.muted, 1, Qt.PenStyle.DashLine))
        )
        highest = 100.0
        # One item for all the bars and one for all the ticks: cheaper than one per goal.
        bar_ends: list[float] = []
        bar_rows: list[int] = []
        bar_colours: list[QColor] = []
        ticks_x: list[float] = []
        ticks_y: list[float] = []
        for y, goal in enumerate(rows):
            state = on_track(goal)
            progress = None if goal.progress is None else goal.progress * 100
            if progress is not None:
                shown = max(0.0, progress)
                highest = max(highest, shown)
                bar_ends.append(shown)
                bar_rows.append(y)
                bar_colours.append(grey if state is None else blue if state else orange)
            else:
                self.text(
                    QCoreApplication.translate("Chart", "no checkpoint yet"),
                    1,
                    y,
                    colour=palette.muted,
                    anchor=(0, 0.5),
                )
            if goal.time_elapsed is not None:
                elapsed = goal.time_elapsed * 100
                ticks_x += [elapsed, elapsed]
                ticks_y += [y - 0.42, y + 0.42]
            self.hits.append(_goal_hit(goal, y, progress, state))
        if bar_ends:
            plot.addItem(
                pg.BarGraphItem(
                    x0=[0] * len(bar_ends),
                    x1=bar_ends,
                    y0=[y - 0.3 for y in bar_rows],
                    y1=[y + 0.3 for y in bar_rows],
                    brushes=self.brushes(bar_colours),
                    pen=None,
                )
            )
        if ticks_x:
            plot.addItem(
                pg.PlotDataItem(
                    ticks_x, ticks_y, connect="pairs", pen=self.pen(palette.foreground, 2)
                )
            )
        return highest


def _goal_hit(goal: GoalProgress, y: int, progress: float | None, state: bool | None) -> Hit:
    """A goal's row: its figures as the tooltip, the whole row's width clickable."""
    lines = [goal.title]
    if goal.metric:
        lines.append(
            QCoreApplication.translate("Chart", "{0}: {1} now (baseline {2} → target {3})").format(
                goal.metric, _format(goal.latest), _format(goal.baseline), _format(goal.target)
            )
        )
    if progress is not None:
        lines.append(QCoreApplication.translate("Chart", "{0:.0f} % of the way").format(progress))
    if goal.time_elapsed is not None:
        lines.append(
            QCoreApplication.translate("Chart", "{0:.0f} % of the time gone").format(
                goal.time_elapsed * 100
            )
        )
    if state is not None:
        lines.append(
            QCoreApplication.translate("Chart", "on track")
            if state
            else QCoreApplication.translate("Chart", "behind")
        )
    width = max(progress or 0, goal.time_elapsed * 100 if goal.time_elapsed else 0, 8)
    return Hit(
        width / 2,
        y,
        "\n".join(lines),
        RecordLink("brand goal", goal.goal_id),
        box=(0, y - 0.45, width, y + 0.45),
    )


class GoalPathChart(Chart):
    """One goal's checkpoints over time, beside the straight path from its baseline at the
    start to its target on the target date (the pace that arrives on time)."""

    title = QT_TRANSLATE_NOOP("Chart", "Path to the target")
    info = QT_TRANSLATE_NOOP(
        "Chart",
        "Each checkpoint of this goal's metric, by the day it was recorded. The dashed line is "
        "the steady path from the baseline on the start date to the target on the target "
        "date: a checkpoint on the target's side of it is ahead of that pace. The dotted line "
        "marks today; progress is (latest − baseline) / (target − baseline).",
    )

    def draw(self, goal: GoalProgress) -> None:
        if not goal.checkpoints:
            metric = goal.metric or QCoreApplication.translate("Chart", "the metric")
            self.empty_text = QCoreApplication.translate(
                "Chart",
                "No checkpoints yet. Record one each time you measure {0}, and this chart "
                "draws its path to the target.",
            ).format(metric)
            return
        palette = self.palette
        plot = self.plot
        blue, muted = palette.hue("blue"), palette.muted
        days = [day for day, _value in goal.checkpoints]
        values = [value for _day, value in goal.checkpoints]
        first = min([*days, *filter(None, [goal.start_on])])
        last = max([*days, *filter(None, [goal.target_on])])
        if last <= first:
            last = first + timedelta(days=7)
        levels = [*values, *(v for v in (goal.baseline, goal.target) if v is not None)]
        if goal.target is not None:
            plot.addItem(
                pg.InfiniteLine(goal.target, angle=0, pen=self.pen(muted, 1, Qt.PenStyle.DashLine))
            )
            target = QCoreApplication.translate("Chart", "target {0}").format(_format(goal.target))
            self.text(target, day_x(first), goal.target, anchor=(0.0, 1.0))
        start_on, target_on, baseline = goal.start_on, goal.target_on, goal.baseline
        if (
            start_on is not None
            and target_on is not None
            and baseline is not None
            and goal.target is not None
        ):
            plot.addItem(
                pg.PlotDataItem(
                    [day_x(start_on), day_x(target_on)],
                    [baseline, goal.target],
                    pen=self.pen(palette.hue("grey"), 1.5, Qt.PenStyle.DashLine),
                )
            )
        today = clock.today()
        if first <= today <= last:
            plot.addItem(
                pg.InfiniteLine(day_x(today), angle=90, pen=self.pen(muted, 1, Qt.PenStyle.DotLine))
            )
        xs = [day_x(day) for day in days]
        plot.addItem(
            pg.PlotDataItem(
                xs, values, pen=self.pen(blue, 2), symbol="o", symbolSize=7, symbolBrush=blue,
                symbolPen=pg.mkPen(palette.background, width=1),
            )
        )  # fmt: skip
        for day, value, x in zip(days, values, xs, strict=True):
            self.hits.append(Hit(x, value, _checkpoint_tip(goal, day, value)))
        self.set_date_range(first, last)
        low, high = min(levels), max(levels)
        room = (high - low) * 0.12 or max(abs(high) * 0.1, 1.0)
        plot.setYRange(low - room, high + room, padding=0)
        plot.showGrid(x=False, y=True, alpha=0.25)
        self._describe(goal, days, values)
        self.legend(
            [
                (blue, QCoreApplication.translate("Chart", "checkpoints"), Qt.PenStyle.SolidLine),
                (
                    palette.hue("grey"),
                    QCoreApplication.translate("Chart", "steady path to the target"),
                    Qt.PenStyle.DashLine,
                ),
            ]
        )

    def _describe(self, goal: GoalProgress, days: list[date], values: list[float]) -> None:
        """The headline and summary: the latest checkpoint, and how far along it is."""
        latest = values[-1]
        if goal.progress is not None:
            self.headline = QCoreApplication.translate(
                "Chart", "{0} now · {1:.0f} % of the way"
            ).format(_format(latest), goal.progress * 100)
        else:
            self.headline = QCoreApplication.translate("Chart", "{0} now").format(_format(latest))
        self.summary = QCoreApplication.translate(
            "Chart", "{0} checkpoints from {1} to {2}; the latest, {3}"
        ).format(len(values), short_date(days[0]), short_date(days[-1]), _format(latest))


def _checkpoint_tip(goal: GoalProgress, day: date, value: float) -> str:
    """A checkpoint's point: its day, the metric's value and how far along the way it is."""
    metric = goal.metric or QCoreApplication.translate("Chart", "Value")
    lines = [
        short_date(day),
        QCoreApplication.translate("Chart", "{0}: {1}").format(metric, _format(value)),
    ]
    share = goal_rules.share_of_the_way(goal.baseline, goal.target, value)
    if share is not None:
        lines.append(
            QCoreApplication.translate("Chart", "{0:.0f} % of the way").format(share * 100)
        )
    return "\n".join(lines)
