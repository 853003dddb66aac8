"""The report's charts, recorded as ``QPicture``s by the same chart classes as the app.

Recording needs the GUI thread (pyqtgraph items live in a graphics scene); playing the pictures
back into the PDF does not, so the export dialog records here and writes on a worker thread.
A picture keeps every drawing command, text included, so the charts stay vectors in the PDF.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSizeF
from PySide6.QtGui import QPainter, QPicture

from advisor_planner.charts.palette import ChartPalette
from advisor_planner.reports.data import ReportData


@dataclass(frozen=True, slots=True)
class RecordedChart:
    title: str
    headline: str
    picture: QPicture | None  # None: too little data; ``missing`` says what to add
    size: tuple[float, float]
    missing: str = ""


def _chart_classes() -> dict:
    from advisor_planner.charts.goals import GoalProgressChart
    from advisor_planner.charts.heatmap import ActivityHeatmapChart
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

    return {
        "trust_index": TrustIndexChart,
        "people": StakeholderMapChart,
        "perception": WarmthCompetenceChart,
        "activity": TouchpointsPerWeekChart,
        "follow_through": FollowThroughChart,
        "calendar": ActivityHeatmapChart,
        "goals": GoalProgressChart,
        "habit": ReflectionHabitChart,
        "ratings": SelfRatingsChart,
        "outcomes": TrustOutcomesChart,
    }


def chart_sizes(data: ReportData, width: float) -> dict[str, tuple[float, float]]:
    """Which charts the report's sections need, at what size (in 96-dpi pixels)."""
    sections = data.options.sections
    half = (width - 12) / 2
    sizes: dict[str, tuple[float, float]] = {}
    if "trust_index" in sections:
        sizes["trust_index"] = (width, 250)
    if "stakeholders" in sections:
        sizes["people"] = (half, 270)
        sizes["perception"] = (half, 270)
    if "activity" in sections:
        sizes["activity"] = (width, 250)
        sizes["follow_through"] = (width, 210)
        sizes["calendar"] = (width, 170)
    if "goals" in sections:
        sizes["goals"] = (width, min(420, 90 + 26 * max(1, len(data.goals))))
    if "reflections" in sections:
        sizes["habit"] = (width, 200)
        if data.options.show_ratings:
            sizes["ratings"] = (width, 210)
    if "initiatives" in sections:
        sizes["outcomes"] = (width, 260)
    return sizes


def record_charts(data: ReportData, width: float) -> dict[str, RecordedChart]:
    """Draw each chart the report needs on white paper and record it (GUI thread only)."""
    classes = _chart_classes()
    palette = ChartPalette.light()
    recorded = {}
    for key, (w, h) in chart_sizes(data, width).items():
        chart = classes[key](palette)
        chart.ensure_scene(QSizeF(w, h))
        chart.show(data.series[key])
        if chart.empty_text:
            recorded[key] = RecordedChart(chart.title, "", None, (w, h), chart.empty_text)
            continue
        picture = QPicture()
        painter = QPainter(picture)
        try:
            chart.paint(painter, QRectF(0, 0, w, h), size=QSizeF(w, h))
        finally:
            painter.end()
        recorded[key] = RecordedChart(chart.title, chart.headline, picture, (w, h))
    return recorded
