"""The small pieces a person's page is built of: its translation context, plain-text labels,
the fact panels of its header and the colour of a warning."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from advisor_planner.ui.colours import blend
from advisor_planner.ui.record_form import error_colour

#: The translation context of the page's texts that are not in a class of their own: tables
#: marked ``QT_TRANSLATE_NOOP("StakeholderPage", …)`` and the module-level functions' sentences.
PAGE = "StakeholderPage"


def plain_label(parent: QWidget, *, wrap: bool = False, selectable: bool = False) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class Fact(QFrame):
    """A small panel: a caption, a value in larger type, and a line of detail."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.caption = plain_label(self)
        self.caption.setText(caption.upper())
        font = self.caption.font()
        font.setPointSizeF(font.pointSizeF() * 0.8)
        font.setBold(True)
        self.caption.setFont(font)
        self.value = plain_label(self, wrap=True)
        font = self.value.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        self.value.setFont(font)
        self.detail = plain_label(self, wrap=True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(2)
        layout.addWidget(self.caption)
        layout.addWidget(self.value)
        layout.addWidget(self.detail)
        layout.addStretch(1)
        self._warn = False
        self._coloured = False  # recoloured at least once

    def show_fact(
        self, value: str, detail: str = "", tooltip: str = "", *, warn: bool = False
    ) -> None:
        self.value.setText(value)
        # The detail's line stays, empty or not: hidden while the next person loaded and
        # shown when their facts came, it cost the page a relayout each way.
        self.detail.setText(detail)
        self.setToolTip(tooltip)
        if warn != self._warn or not self._coloured:
            self._warn = warn
            self.recolour()  # (three palettes set, each a style update: only when it changes)

    def recolour(self) -> None:
        self._coloured = True
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.Text)
        base = palette.color(QPalette.ColorRole.Base)
        muted = blend(text, base, 0.4)
        for label, colour in (
            (self.caption, muted),
            (self.detail, muted),
            (self.value, error_colour(palette) if self._warn else text),
        ):
            own = label.palette()
            own.setColor(QPalette.ColorRole.WindowText, colour)
            label.setPalette(own)
