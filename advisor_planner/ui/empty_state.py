"""The sections of the window and the page each shows while it holds nothing.

A ``Section`` names one entry of the navigation (its key and title) and its empty state: a
heading, what the section will hold and the first thing to do. ``EmptyStatePage`` shows that
until the database is ready, and afterwards wherever a section has nothing to show yet.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from advisor_planner.ui.colours import blend
from advisor_planner.ui.icons import load_icon


class Section:
    """One entry of the navigation and the page it shows.

    (A plain class rather than a dataclass: importing ``dataclasses`` costs start-up time.)
    """

    __slots__ = ("key", "title", "heading", "description", "first_step")

    def __init__(
        self, key: str, title: str, heading: str, description: str, first_step: str
    ) -> None:
        self.key = key
        self.title = title
        self.heading = heading
        self.description = description
        self.first_step = first_step

    def __repr__(self) -> str:
        return f"Section({self.key!r})"


class EmptyStatePage(QWidget):
    """A section with nothing in it yet: an icon, what it will hold and the first thing to do."""

    def __init__(self, section: Section, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.section = section
        self.setObjectName(f"page_{section.key}")
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.Base)

        icon = QLabel(self)
        icon.setPixmap(load_icon(section.key).pixmap(QSize(56, 56)))
        icon.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        icon.setAccessibleName(section.title)

        self.heading = self._label(section.heading, scale=1.6, weight=QFont.Weight.DemiBold)
        self.description = self._label(section.description, secondary=True)
        self.first_step = self._label(section.first_step)

        hint = QFrame(self)
        hint.setObjectName("firstStep")
        hint.setAutoFillBackground(True)
        hint.setBackgroundRole(QPalette.ColorRole.Window)
        hint_palette = hint.palette()
        hint_palette.setColor(
            QPalette.ColorRole.Window,
            blend(
                hint_palette.color(QPalette.ColorRole.Base),
                hint_palette.color(QPalette.ColorRole.Highlight),
                0.08,
            ),
        )
        hint.setPalette(hint_palette)
        hint_layout = QVBoxLayout(hint)
        hint_layout.setContentsMargins(16, 12, 16, 12)
        hint_caption = self._label(self.tr("First step"), weight=QFont.Weight.DemiBold)
        hint_layout.addWidget(hint_caption)
        hint_layout.addWidget(self.first_step)

        column = QVBoxLayout()
        column.setSpacing(12)
        column.addWidget(icon)
        column.addSpacing(4)
        column.addWidget(self.heading)
        column.addWidget(self.description)
        column.addSpacing(8)
        column.addWidget(hint)

        holder = QWidget(self)
        holder.setLayout(column)
        holder.setMaximumWidth(560)
        holder.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(holder, 100)
        row.addStretch(1)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(32, 32, 32, 32)
        outer.addStretch(2)
        outer.addLayout(row)
        outer.addStretch(3)

    def _label(
        self,
        text: str,
        *,
        scale: float = 1.0,
        weight: QFont.Weight | None = None,
        secondary: bool = False,
    ) -> QLabel:
        label = QLabel(text, self)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if scale != 1.0 or weight is not None:
            font = QFont(label.font())
            if scale != 1.0:
                font.setPointSizeF(font.pointSizeF() * scale)
            if weight is not None:
                font.setWeight(weight)
            label.setFont(font)
        if secondary:
            palette = label.palette()
            text_colour = palette.color(QPalette.ColorRole.WindowText)
            muted = blend(text_colour, palette.color(QPalette.ColorRole.Base), 0.3)
            palette.setColor(QPalette.ColorRole.WindowText, muted)
            label.setPalette(palette)
        return label
