"""What the reflection session's steps share: the page each step is, and plain labels.

A step's page says what it holds to save (``values``), whether any of its text is over the
services' limit (``too_long``, which also shows the message under the box) and which widget
the keyboard starts on (``first_focus``); the session asks only these, so a step can change
its widgets without the session knowing. ``cadence_text`` words a person's cadence status.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QLabel, QPlainTextEdit, QScrollArea, QVBoxLayout, QWidget

from advisor_planner.domain.cadence import CadenceStatus
from advisor_planner.services import reflections
from advisor_planner.services import validation as v
from advisor_planner.ui.i18n import format_count


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


def cadence_text(status: CadenceStatus) -> str:
    """Where a person stands against their cadence ("3 days overdue", "never contacted"), in
    the user's language; the same words as ``domain.cadence``'s English ``label``."""
    days = status.days_until_due
    if days is None:
        if status.overdue:
            return QCoreApplication.translate("Cadence", "never contacted")
        return QCoreApplication.translate("Cadence", "no cadence set")
    if days == 0:
        return QCoreApplication.translate("Cadence", "due today")
    if days == 1:
        return QCoreApplication.translate("Cadence", "due tomorrow")
    if days > 1:
        return QCoreApplication.translate("Cadence", "due in {0} days").format(format_count(days))
    if days == -1:
        return QCoreApplication.translate("Cadence", "1 day overdue")
    return QCoreApplication.translate("Cadence", "{0} days overdue").format(format_count(-days))


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
            self.tr("{0} characters; the limit is {1}. Shorten it to move on.").format(
                format_count(length), format_count(limit)
            )
        )
        message.show()
        return True
