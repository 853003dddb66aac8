"""The report's charts, recorded as ``QPicture``s by the same chart classes as the app.

Recording needs the GUI thread (pyqtgraph items live in a graphics scene); playing the pictures
back into the PDF does not, so the export dialog records here and writes on a worker thread.
A picture keeps every drawing command, text included, so the charts stay vectors in the PDF.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, QSizeF
from PySide6.QtGui import QPainter, QPicture

from advisor_planner.charts.palette import ChartPalette
from advisor_planner.reports.data import ReportData, ReportOptions

if TYPE_CHECKING:  # (the chart classes bring pyqtgraph, imported only when charts are made)
    from advisor_planner.charts.base import Chart


@dataclass(frozen=True, slots=True)
class RecordedChart:
    title: str
    headline: str
    picture: QPicture | None  # None: too little data; ``missing`` says what to add
    size: tuple[float, float]
    missing: str = ""


def _chart_classes() -> dict[str, type[Chart]]:
    """The dashboard's charts, the calendar and goal bars as the report draws them (its
    period; names wrapped in full), and the reflection's charts."""
    from advisor_planner.charts.catalog import dashboard_charts
    from advisor_planner.charts.reflection import ReflectionHabitChart, SelfRatingsChart
    from advisor_planner.reports.period_charts import PeriodCalendarChart, WrappedGoalsChart

    return {
        **dashboard_charts(),
        "calendar": PeriodCalendarChart,
        "goals": WrappedGoalsChart,
        "habit": ReflectionHabitChart,
        "ratings": SelfRatingsChart,
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
    from advisor_planner.reports.period_charts import goals_height

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
