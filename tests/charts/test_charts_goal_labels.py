"""The goal chart's labels: titles wrap into the axis instead of being cut or dropped, and the
"100 %" tick stays, with a larger desktop font (GTK's) as with the default."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFont, QImage, QPainter
from PySide6.QtWidgets import QApplication

from advisor_planner.charts.goals import GoalProgressChart
from advisor_planner.services.insights.goal_series import GoalProgress

TITLES = [
    "Known for keeping every promise to Sales",
    "The one Finance calls first on cloud cost",
    "Trusted voice on security for the board",
]


def _goal(number: int, title: str) -> GoalProgress:
    return GoalProgress(number, title, "NPS", 0, 10, 6, 0.6, 0.5, [])


def _drawn_texts(chart: GoalProgressChart, axis: str) -> list[str]:
    """The tick texts the axis draws (pyqtgraph drops those that do not fit)."""
    chart.ensure_scene()
    item = chart.plot.getAxis(axis)
    image = QImage(10, 10, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        painter.setFont(item.style["tickFont"])
        specs = item.generateDrawSpecs(painter)
    finally:
        painter.end()
    assert specs is not None
    return [text for _rect, _flags, text in specs[2]]


@pytest.fixture(params=[None, 13.0], ids=["default font", "large desktop font"])
def desktop_font(request, qapp):
    before = QApplication.font()
    if request.param:
        font = QFont(before)
        font.setPointSizeF(request.param)
        QApplication.setFont(font)
    yield
    QApplication.setFont(before)


def test_every_goal_title_is_drawn_whole_and_the_100_tick_stays(desktop_font) -> None:
    chart = GoalProgressChart()
    chart.show([_goal(n, title) for n, title in enumerate(TITLES, start=1)])
    chart.ensure_scene()
    chart.to_image(420, 220)  # lays the plot out at a dashboard panel's size
    left = _drawn_texts(chart, "left")
    # Each title drawn, in full, its words wrapped over lines rather than cut with "…".
    assert sorted(" ".join(text.split()) for text in left) == sorted(TITLES)
    assert all(text.count("\n") == 1 for text in left)
    assert "100 %" in _drawn_texts(chart, "bottom")
    chart.release()
