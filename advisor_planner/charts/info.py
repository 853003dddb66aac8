"""The ⓘ button: what a chart or a panel shows and how its figures are worked out; and the
header's headline, elided where it meets the controls beside it.

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

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QIcon, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QLabel, QSizePolicy, QToolButton, QToolTip, QWidget

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


class ElidingLabel(QLabel):
    """A one-line plain label that ends in "…" when it has less room than its text, rather
    than being cut mid-letter under the control beside it (a chart's headline next to its
    measure picker at 150 % scaling). ``text()`` stays the whole text; the caller's tooltip
    shows it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(0, super().minimumSizeHint().height())

    def shown_text(self) -> str:
        """The text as drawn at the label's width (elided when it does not fit)."""
        room = self.contentsRect().width()
        return self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, room)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        painter.drawText(self.contentsRect(), int(self.alignment()), self.shown_text())
        painter.end()
