"""Error sentences stay readable on a dark theme as on a light one (WCAG's 4.5:1)."""

from __future__ import annotations

from contrast import contrast_ratio
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QWidget

from advisor_planner.ui.record_form import error_label


def test_an_error_label_is_readable_on_light_and_dark_windows(qtbot) -> None:
    for window in ("#ffffff", "#efefef", "#2b2b2b", "#1e1e1e"):
        parent = QWidget()
        qtbot.addWidget(parent)
        palette = parent.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor(window))
        parent.setPalette(palette)
        label = error_label(parent)
        text = label.palette().color(QPalette.ColorRole.WindowText)
        assert contrast_ratio(text, QColor(window)) >= 4.5, window
