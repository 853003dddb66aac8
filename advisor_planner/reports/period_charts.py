"""Two of the app's charts as the printed report draws them: the touchpoint calendar over the
report's own period (the dashboard's shows the year to its end), and the brand-goal bars with
each goal's name wrapped in full (the dashboard's cuts names to fit its narrower axis).

Imported only when charts are made (``reports.charts``): it brings pyqtgraph.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont

from advisor_planner.charts.base import month_name, short_date
from advisor_planner.charts.goals import GoalProgressChart
from advisor_planner.charts.heatmap import ActivityHeatmapChart
from advisor_planner.reports import lines
from advisor_planner.services.insights.activity_series import Activity
from advisor_planner.services.insights.goal_series import GoalProgress

#: Room for a goal's name beside its bar in the report (the dashboard's chart has 160 px).
GOAL_NAME_WIDTH = 200
GOAL_NAME_LINES = 3  # at most; a longer name ends in "…" on its third line


def tick_font() -> QFont:
    """The charts' axis font (``charts.base.Chart._style_axes``), without ligatures: a goal's
    name in the PDF reads "first", not "ﬁrst", when searched or copied."""
    font = QFont()
    font.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
    for tag in ("liga", "clig"):
        font.setFeature(QFont.Tag(tag), 0)
    return font


def wrapped_name(name: str) -> str:
    """A goal's name wrapped to lines that fit beside its bar, ``GOAL_NAME_LINES`` at most."""
    font = tick_font()
    found = lines.lines(font, GOAL_NAME_WIDTH - 12, name)
    parts = [name[line.start : line.start + line.length].strip() for line in found]
    if len(parts) > GOAL_NAME_LINES:
        parts = [*parts[: GOAL_NAME_LINES - 1], parts[GOAL_NAME_LINES - 1].rstrip(".,;:") + "…"]
    return "\n".join(parts)


def goals_height(goals: list[GoalProgress]) -> float:
    """The goal chart's height: a row per goal, tall enough for its name's lines."""
    most = max((wrapped_name(goal.title).count("\n") + 1 for goal in goals), default=1)
    row = max(26.0, 14.0 * most + 6)
    return min(560.0, 90 + row * max(1, len(goals)))


class PeriodCalendarChart(ActivityHeatmapChart):
    """The calendar of the report's period: "12 of 64 days", not a year's "171 of 375"."""

    def first_day(self, series: Activity) -> date:
        return series.start

    def draw(self, series: Activity) -> None:
        super().draw(series)
        start, end = series.start, series.end
        if self.empty_text is not None:
            self.empty_text = QCoreApplication.translate(
                "Chart",
                "No touchpoints from {0} to {1}. Log conversations with Ctrl+L and they fill "
                "this calendar day by day.",
            ).format(short_date(start), short_date(end))
            return
        # Count the period's days only, not those of its first and last weeks outside it.
        per_day = series.per_day()
        days = (end - start).days + 1
        active = sum(1 for day, count in per_day.items() if count and start <= day <= end)
        self.headline = QCoreApplication.translate("Chart", "{0} of {1} days").format(active, days)
        self.summary = QCoreApplication.translate(
            "Chart", "Touchpoints on {0} of the {1} days from {2} to {3}, {4} in all"
        ).format(active, days, short_date(start), short_date(end), series.total)
        self.set_x_ticks(_month_ticks(start, end))


def _month_ticks(start: date, end: date) -> list[tuple[float, str]]:
    """Each month named over the first week column whose Sunday is in it, the period's first
    month too (the year-long calendar leaves its first out, a part-month at its left edge);
    a first name only a column before the next is left out, as the two would overlap."""
    monday = start - timedelta(days=start.weekday())
    ticks: list[tuple[float, str]] = []
    seen: set[tuple[int, int]] = set()
    for column in range((end - monday).days // 7 + 1):
        sunday = monday + timedelta(days=7 * column + 6)
        if (sunday.year, sunday.month) not in seen:
            seen.add((sunday.year, sunday.month))
            ticks.append((column + 0.5, month_name(sunday.month)))
    if len(ticks) > 1 and ticks[1][0] - ticks[0][0] < 2:
        ticks = ticks[1:]
    return ticks


class WrappedGoalsChart(GoalProgressChart):
    """The goal bars with each goal's name in full, wrapped over up to three lines."""

    left_axis_width = GOAL_NAME_WIDTH

    def draw(self, goals: list[GoalProgress]) -> None:
        super().draw(goals)
        if self.empty_text is None:
            rows = list(reversed(goals))  # as the chart draws them, the first goal on top
            self.plot.getAxis("left").setStyle(tickFont=tick_font())
            self.set_y_ticks([(y, wrapped_name(goal.title)) for y, goal in enumerate(rows)])
