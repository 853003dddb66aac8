"""The ⓘ of a chart: its explanation wraps at a reading width instead of one line across the
window, and a keyboard user sees where Tab put the focus."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QFontMetrics, QImage, QPalette
from PySide6.QtWidgets import QApplication, QToolTip, QWidget

from advisor_planner.charts.info import READING_CHARS
from advisor_planner.charts.time_series import TrustIndexChart
from advisor_planner.charts.view import ChartView


def _shown_tooltip(qtbot, text: str, widget: QWidget) -> QWidget:
    QToolTip.showText(widget.mapToGlobal(QPoint(2, 2)), text, widget)

    def label() -> QWidget | None:
        found = [w for w in QApplication.topLevelWidgets() if w.objectName() == "qtooltip_label"]
        return next((w for w in found if w.isVisible()), None)

    qtbot.waitUntil(lambda: label() is not None)
    shown = label()
    assert shown is not None
    return shown


def test_the_explanation_wraps_at_a_reading_width(qtbot) -> None:
    view = ChartView(TrustIndexChart())
    qtbot.addWidget(view)
    view.resize(900, 400)
    view.show()
    qtbot.waitExposed(view)
    tip = _shown_tooltip(qtbot, view.info_button.toolTip(), view.info_button)
    metrics = QFontMetrics(QToolTip.font())
    longest = max(metrics.horizontalAdvance(line) for line in view.chart.shown_info.splitlines())
    assert longest > metrics.averageCharWidth() * READING_CHARS  # one line would be too wide
    assert tip.width() <= metrics.averageCharWidth() * READING_CHARS + 40  # ~70 characters
    assert tip.height() > 3 * metrics.height()  # so it wrapped, the words all there
    assert view.info_button.accessibleDescription() == view.chart.shown_info
    QToolTip.hideText()


def _highlighted(image: QImage, colour: QColor) -> int:
    return sum(
        1
        for x in range(image.width())
        for y in range(image.height())
        if image.pixelColor(x, y).rgb() == colour.rgb()
    )


def test_tab_onto_the_info_button_shows_a_focus_ring(qtbot) -> None:
    host = QWidget()
    view = ChartView(TrustIndexChart(), host)
    qtbot.addWidget(host)
    host.resize(700, 400)
    view.resize(700, 400)
    host.show()
    qtbot.waitExposed(host)
    button = view.info_button
    highlight = button.palette().color(QPalette.ColorRole.Highlight)
    assert button.focusPolicy() & Qt.FocusPolicy.TabFocus
    before = _highlighted(button.grab().toImage(), highlight)
    button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(button.hasFocus)
    after = _highlighted(button.grab().toImage(), highlight)
    assert before == 0 and after > 2 * (button.width() + button.height())


def test_a_long_headline_ends_in_an_ellipsis_before_the_controls(qtbot) -> None:
    from PySide6.QtWidgets import QComboBox

    picker = QComboBox()
    picker.addItem("User satisfaction (1–5)")
    view = ChartView(TrustIndexChart(), controls=(picker,))
    qtbot.addWidget(view)
    view.resize(420, 300)
    view.show()
    qtbot.waitExposed(view)
    whole = "r = 0.43 across 5 initiatives, 3 of them late and 2 over budget"
    view.chart.headline = whole
    view._sync()
    label = view.headline_label
    qtbot.waitUntil(lambda: label.geometry().right() < picker.geometry().left())
    assert label.text() == whole  # the whole, for the tooltip and screen readers
    shown = label.shown_text()
    assert shown.endswith("…") and shown[:-1] in whole
    assert label.fontMetrics().horizontalAdvance(shown) <= label.contentsRect().width()
    assert "5 initiatives" in label.toolTip()
