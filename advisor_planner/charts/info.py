"""The ⓘ button: what a chart or a panel shows and how its figures are worked out.

Its text is a few sentences and a formula. Shown as one ``white-space: pre`` line, it made a
tooltip about 1,220 px wide that covered the sidebar; Qt's own wrapping of rich text picks a
narrow column instead (~260 px, a dozen short lines). ``reading_tooltip`` sets the width a
page of text is read at: the text's own width up to about 70 characters (a classic measure),
wrapped inside it, the line breaks written kept.

The button takes focus from the keyboard (Tab) and then shows a clear ring: an auto-raised
tool button draws no focus frame in Fusion, so a keyboard user could not see where Tab went.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFont, QFontMetrics, QIcon, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QToolButton, QToolTip, QWidget

from advisor_planner.resources import icon_path

#: The widest a tooltip of prose grows, in average characters of its font.
READING_CHARS = 70


def reading_tooltip(text: str, font: QFont | None = None) -> str:
    """Plain ``text`` as a tooltip (or What's This) that wraps at a reading width: escaped, its
    line breaks kept, no wider than ``READING_CHARS`` characters of ``font`` (the tooltip's)."""
    metrics = QFontMetrics(font or QToolTip.font())
    longest = max((metrics.horizontalAdvance(line) for line in text.splitlines()), default=0)
    width = min(longest + metrics.averageCharWidth(), metrics.averageCharWidth() * READING_CHARS)
    # Qt's rich text honours a table's width where a paragraph has no max-width.
    return (
        f"<table width='{width}' cellspacing='0' cellpadding='0'><tr>"
        f"<td style='white-space:pre-wrap'>{html.escape(text)}</td></tr></table>"
    )


class InfoButton(QToolButton):
    """An ⓘ whose tooltip explains; Tab reaches it, and focused it wears a ring."""

    def __init__(self, text: str, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setText("ⓘ")
        self.setIcon(QIcon(str(icon_path("info"))))
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        self.setAutoRaise(True)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setAccessibleName(accessible_name)
        self.set_info(text)

    def set_info(self, text: str) -> None:
        """Explain ``text`` (plain text, line breaks kept) in the tooltip and to screen readers."""
        self.info = text
        self.setToolTip(reading_tooltip(text))
        self.setAccessibleDescription(text)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        if not self.hasFocus():
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(self.palette().color(QPalette.ColorRole.Highlight), 2)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(1, 1, -1, -1), 4, 4)
        painter.end()
