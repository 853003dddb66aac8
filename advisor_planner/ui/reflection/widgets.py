"""What the reflection session's steps share: the page each step is, and plain labels.

A step's page says what it holds to save (``values``), whether any of its text is over the
services' limit (``too_long``, which also shows the message under the box) and which widget
the keyboard starts on (``first_focus``); the session asks only these, so a step can change
its widgets without the session knowing.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QLabel, QPlainTextEdit, QScrollArea, QVBoxLayout, QWidget

from advisor_planner.services import reflections
from advisor_planner.services import validation as v


def plain_label(text: str, parent: QWidget, *, bold: bool = False, wrap: bool = True) -> QLabel:
    """A plain-text label (the text may be the user's own, so never guessed as rich text)."""
    widget = QLabel(text, parent)
    widget.setTextFormat(Qt.TextFormat.PlainText)
    widget.setWordWrap(wrap)
    if bold:
        font = QFont(widget.font())
        font.setBold(True)
        widget.setFont(font)
    return widget


class StepPage(QWidget):
    """One step of the session; by default it holds nothing to save."""

    def values(self, record: reflections.Reflection | None) -> dict[str, Any]:
        """What this step holds, as ``reflections.save_week`` takes it, over ``record``."""
        return {}

    def too_long(self) -> bool:
        """Say where text is over the limit (keeping it in its box); True if anywhere."""
        return False

    def first_focus(self) -> QWidget | None:
        return None

    def _scrolled(self, inner: QWidget) -> None:
        """Show ``inner`` in a frameless scroll area filling the page."""
        area = QScrollArea(self)
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setWidget(inner)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(area)

    def _over_limit(self, box: QPlainTextEdit, message: QLabel) -> bool:
        """Show or hide ``message`` for ``box``'s length; True if it is over the limit."""
        limit = v.MAX_LONG_TEXT
        length = len(box.toPlainText())
        if length <= limit:
            message.hide()
            return False
        message.setText(
            self.tr("{0:,} characters; the limit is {1:,}. Shorten it to move on.").format(
                length, limit
            )
        )
        message.show()
        return True
