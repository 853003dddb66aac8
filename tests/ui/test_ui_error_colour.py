"""Error sentences stay readable on a dark theme as on a light one (WCAG's 4.5:1)."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QWidget

from advisor_planner.ui.record_form import error_label


def _luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def _contrast(a: QColor, b: QColor) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_an_error_label_is_readable_on_light_and_dark_windows(qtbot) -> None:
    for window in ("#ffffff", "#efefef", "#2b2b2b", "#1e1e1e"):
        parent = QWidget()
        qtbot.addWidget(parent)
        palette = parent.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor(window))
        parent.setPalette(palette)
        label = error_label(parent)
        text = label.palette().color(QPalette.ColorRole.WindowText)
        assert _contrast(text, QColor(window)) >= 4.5, window
