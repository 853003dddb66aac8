"""The report's charts, recorded as ``QPicture``s by the same chart classes as the app.

Recording needs the GUI thread (pyqtgraph items live in a graphics scene); playing the pictures
back into the PDF does not, so the export dialog records here and writes on a worker thread.
A picture keeps every drawing command, text included, so the charts stay vectors in the PDF.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, QSizeF
from PySide6.QtGui import QFont, QPainter, QPicture

from advisor_planner.charts.palette import ChartPalette
from advisor_planner.reports import lines
from advisor_planner.reports.data import ReportData, ReportOptions
from advisor_planner.services.insights.goal_series import GoalProgress

if TYPE_CHECKING:  # (the chart classes bring pyqtgraph, imported only when charts are made)
    from advisor_planner.charts.base import Chart


@dataclass(frozen=True, slots=True)
class RecordedChart:
    title: str
    headline: str
    picture: QPicture | None  # None: too little data; ``missing`` says what to add
    size: tuple[float, float]
    missing: str = ""


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


def _chart_classes() -> dict[str, type[Chart]]:
    from advisor_planner.charts.reflection import ReflectionHabitChart, SelfRatingsChart
    from advisor_planner.charts.scatter import (
        StakeholderMapChart,
        TrustOutcomesChart,
        WarmthCompetenceChart,
    )
    from advisor_planner.charts.time_series import (
        FollowThroughChart,
        TouchpointsPerWeekChart,
        TrustIndexChart,
    )
    from advisor_planner.reports.period_charts import PeriodCalendarChart, WrappedGoalsChart

    return {
        "trust_index": TrustIndexChart,
        "people": StakeholderMapChart,
        "perception": WarmthCompetenceChart,
        "activity": TouchpointsPerWeekChart,
        "follow_through": FollowThroughChart,
        "calendar": PeriodCalendarChart,
        "goals": WrappedGoalsChart,
        "habit": ReflectionHabitChart,
        "ratings": SelfRatingsChart,
        "outcomes": TrustOutcomesChart,
    }


def chart_keys(options: ReportOptions) -> list[str]:
    """Which charts a report with ``options`` draws, in order."""
    sections = options.sections
    keys = []
    for section, charts in (
        ("trust_index", ["trust_index"]),
        ("stakeholders", ["people", "perception"]),
        ("activity", ["activity", "follow_through", "calendar"]),
        ("goals", ["goals"]),
        ("reflections", ["habit", "ratings"] if options.show_ratings else ["habit"]),
        ("initiatives", ["outcomes"]),
    ):
        if section in sections:
            keys += charts
    return keys


def chart_sizes(data: ReportData, width: float) -> dict[str, tuple[float, float]]:
    """The size of each chart the report draws (in 96-dpi pixels)."""
    half = (width - 12) / 2
    heights = {
        "trust_index": (width, 250),
        "people": (half, 270),
        "perception": (half, 270),
        "activity": (width, 250),
        "follow_through": (width, 210),
        "calendar": (width, 170),
        "goals": (width, goals_height(data.goals)),
        "habit": (width, 200),
        "ratings": (width, 210),
        "outcomes": (width, 260),
    }
    return {key: heights[key] for key in chart_keys(data.options)}


def prepare_charts(options: ReportOptions) -> dict[str, Chart]:
    """The report's chart objects, made before the data is in (GUI thread): building
    pyqtgraph plots is the slow part, and it can overlap the gathering."""
    classes = _chart_classes()
    palette = ChartPalette.light()
    prepared: dict[str, Chart] = {}
    for key in chart_keys(options):
        chart = classes[key](palette)
        chart.ensure_scene(QSizeF(640, 300))
        prepared[key] = chart
    return prepared


def record_charts(
    data: ReportData, width: float, prepared: dict[str, Chart] | None = None
) -> dict[str, RecordedChart]:
    """Draw each chart the report needs on white paper and record it (GUI thread only)."""
    prepared = prepared if prepared is not None else prepare_charts(data.options)
    recorded: dict[str, RecordedChart] = {}
    try:
        for key, (w, h) in chart_sizes(data, width).items():
            chart = prepared[key]
            chart.ensure_scene(QSizeF(w, h))
            chart.show(data.series.for_chart(key))
            if chart.empty_text:
                recorded[key] = RecordedChart(chart.shown_title, "", None, (w, h), chart.empty_text)
                continue
            picture = QPicture()
            painter = QPainter(picture)
            try:
                chart.paint(painter, QRectF(0, 0, w, h), size=QSizeF(w, h))
            finally:
                painter.end()
            recorded[key] = RecordedChart(chart.shown_title, chart.headline, picture, (w, h))
    finally:
        release_charts(prepared)
    return recorded


def release_charts(prepared: dict[str, Chart] | None) -> None:
    """Delete the prepared charts' Qt objects now, on the GUI thread (see ``Chart.release``)."""
    for chart in (prepared or {}).values():
        chart.release()
