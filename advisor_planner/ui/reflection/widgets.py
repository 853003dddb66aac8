"""Small widget helpers shared by the reflection session's steps."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QWidget


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
