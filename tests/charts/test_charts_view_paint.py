"""A chart on screen paints as often as its picture changes, not more: a page of charts shown
again (the dashboard, after another section) painted each chart two or three times in one
turn of the event loop."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, QRectF
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QLabel, QStackedWidget

from advisor_planner.charts.reflection import SelfRatingsChart
from advisor_planner.charts.time_series import TrustIndexChart
from advisor_planner.charts.view import ChartView
from advisor_planner.services.insights.trust_series import TrustIndexSeries
from advisor_planner.services.reflections import RATING_FIELDS, WeekRatings


class _Paints(QObject):
    """Counts the paint events of the plot's viewport."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def _series() -> TrustIndexSeries:
    weeks = [date(2026, 1, 4) + timedelta(weeks=k) for k in range(20)]
    return TrustIndexSeries(
        week_ends=weeks, values=[50.0 + k % 7 for k in range(20)], change=3.0, key_stakeholders=4
    )


def _shown_chart(qtbot) -> tuple[QStackedWidget, ChartView, QLabel]:
    stack = QStackedWidget()
    qtbot.addWidget(stack)
    view = ChartView(TrustIndexChart())
    other = QLabel("another section")
    stack.addWidget(view)
    stack.addWidget(other)
    stack.resize(600, 300)
    stack.show()
    qtbot.waitExposed(stack)
    view.set_series(_series())
    qtbot.waitUntil(lambda: not view.drawn_pending)
    return stack, view, other


def test_a_chart_shown_again_paints_its_plot_once(qtbot) -> None:
    stack, view, other = _shown_chart(qtbot)
    paints = _Paints()
    view.view.viewport().installEventFilter(paints)
    for _ in range(3):
        stack.setCurrentWidget(other)
        qtbot.wait(30)
        paints.count = 0
        stack.setCurrentWidget(view)
        qtbot.wait(60)
        assert paints.count == 1


class _CountingItem(pg.GraphicsObject):
    """A small item in the plot that counts how often it is painted."""

    def __init__(self) -> None:
        super().__init__()
        self.paints = 0

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt override
        return QRectF(0, 0, 1, 1)

    def paint(self, painter: QPainter, *args: object) -> None:
        self.paints += 1


def _item_in_the_middle(view: ChartView) -> tuple[_CountingItem, tuple, tuple]:
    """A counting item added in the middle of the plot (so painted), and the plot's ranges."""
    item = _CountingItem()
    view.chart.plot.addItem(item, ignoreBounds=True)
    (x0, x1), (y0, y1) = view.chart.plot.vb.viewRange()
    item.setPos((x0 + x1) / 2, (y0 + y1) / 2)
    return item, (x0, x1), (y0, y1)


def test_a_chart_shown_again_shows_the_picture_it_kept(qtbot) -> None:
    stack, view, other = _shown_chart(qtbot)
    item, _x, _y = _item_in_the_middle(view)
    qtbot.wait(60)
    assert item.paints >= 1
    before = view.view.viewport().grab().toImage()
    painted = item.paints
    stack.setCurrentWidget(other)
    qtbot.wait(30)
    stack.setCurrentWidget(view)
    qtbot.wait(60)
    assert item.paints == painted  # the items were not painted again
    assert view.view.viewport().grab().toImage() == before
    # A new series is drawn, not the picture kept.
    view.set_series(replace(_series(), values=[80.0 - k for k in range(20)]))
    qtbot.waitUntil(lambda: not view.drawn_pending)
    assert view.view.viewport().grab().toImage() != before


def _count_drawings(view: ChartView) -> list[int]:
    """Counts the times the view draws its scene into the picture it keeps (the costly part
    of a paint: a paint from the kept picture is a copy)."""
    drawings: list[int] = []
    plot_view = view.view
    draw = plot_view._draw_picture

    def counted(ratio: float):  # noqa: ANN202 - the view's own method, counted
        drawings.append(1)
        return draw(ratio)

    plot_view._draw_picture = counted
    return drawings


def _ratings(weeks: int, shift: int) -> list[WeekRatings]:
    start = date(2025, 1, 6)
    result = []
    for k in range(weeks):
        year, week, _ = (start + timedelta(weeks=k)).isocalendar()
        ratings = {field: 1 + (k + n + shift) % 5 for n, field in enumerate(RATING_FIELDS)}
        result.append(WeekRatings(f"{year}-W{week:02d}", ratings, 1 + (k + shift) % 5))
    return result


def test_a_new_series_is_drawn_into_the_picture_once(qtbot) -> None:
    """The scene tells of its changes a turn later: those made as the view boxes settled
    their ranges for the paint were taken for new ones, and each new series of the
    self-ratings was drawn twice (on ten years of weeks: 15-20 ms each time)."""
    view = ChartView(SelfRatingsChart())
    qtbot.addWidget(view)
    view.resize(700, 260)
    view.show()
    qtbot.waitExposed(view)
    drawings = _count_drawings(view)
    for shift in range(3):
        drawings.clear()
        view.set_series(_ratings(60, shift))
        qtbot.waitUntil(lambda: not view.drawn_pending)
        qtbot.wait(80)
        assert len(drawings) == 1, shift


def test_a_change_after_the_picture_is_drawn_again(qtbot) -> None:
    """A change made after the picture was drawn is painted."""
    _stack, view, _other = _shown_chart(qtbot)
    item, (x0, x1), (y0, y1) = _item_in_the_middle(view)
    qtbot.wait(60)
    painted = item.paints
    assert painted >= 1
    item.setPos((x0 + x1) / 3, (y0 + y1) / 3)
    qtbot.waitUntil(lambda: item.paints > painted)


def test_a_change_just_after_a_paint_is_drawn_too(qtbot) -> None:
    """The notice taken as the paint's own is the first one before the event loop's next
    pass, and only if the paint made one: a change right after a paint is drawn."""
    _stack, view, _other = _shown_chart(qtbot)
    item, (x0, x1), (y0, y1) = _item_in_the_middle(view)
    qtbot.wait(60)
    view.view.forget_picture()
    view.view.viewport().repaint()  # (the scene drawn anew into the picture)
    painted = item.paints
    item.setPos((x0 + x1) / 3, (y0 + y1) / 3)
    qtbot.waitUntil(lambda: item.paints > painted)
