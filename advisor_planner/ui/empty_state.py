"""The sections of the window and the page each shows while it holds nothing.

A ``Section`` names one entry of the navigation (its key and title) and its empty state: a
heading, what the section will hold and the first thing to do. ``EmptyStatePage`` shows that
until the database is ready, and afterwards wherever a section has nothing to show yet.

``SECTIONS`` is a data table (its length is its content): the window's sections in
navigation order, their words marked for translation and translated by ``window_sections``
when a window is built.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from advisor_planner.translation import QT_TRANSLATE_NOOP
from advisor_planner.ui.colours import blend
from advisor_planner.ui.i18n import translate
from advisor_planner.ui.icons import load_icon


class Section:
    """One entry of the navigation and the page it shows.

    (A plain class rather than a dataclass: importing ``dataclasses`` costs start-up time.)
    """

    __slots__ = ("key", "title", "heading", "description", "first_step", "hint_caption")

    def __init__(
        self,
        key: str,
        title: str,
        heading: str,
        description: str,
        first_step: str,
        hint_caption: str = QT_TRANSLATE_NOOP("MainWindow", "First step"),
    ) -> None:
        self.key = key
        self.title = title
        self.heading = heading
        self.description = description
        self.first_step = first_step
        #: The caption over ``first_step``: "First step" where there is something to start,
        #: another where an empty section is the good state (an empty trash has no step).
        self.hint_caption = hint_caption

    def __repr__(self) -> str:
        return f"Section({self.key!r})"


#: The window's sections in navigation order (Ctrl+1 … Ctrl+8), in the source language:
#: ``window_sections`` translates them (in the main window's context, where they are shown).
SECTIONS: tuple[Section, ...] = (
    Section(
        "dashboard",
        QT_TRANSLATE_NOOP("MainWindow", "Dashboard"),
        QT_TRANSLATE_NOOP("MainWindow", "Your week at a glance"),
        QT_TRANSLATE_NOOP(
            "MainWindow",
            "The dashboard will bring together your trust index, the people due for "
            "contact, commitments due this week and the strength of your weekly "
            "reflection habit.",
        ),
        QT_TRANSLATE_NOOP(
            "MainWindow",
            "Add the stakeholders who matter most (Ctrl+2); the dashboard fills in as "
            "you log touchpoints and commitments.",
        ),
    ),
    Section(
        "stakeholders",
        QT_TRANSLATE_NOOP("MainWindow", "Stakeholders"),
        QT_TRANSLATE_NOOP("MainWindow", "No stakeholders yet"),
        QT_TRANSLATE_NOOP(
            "MainWindow",
            "Stakeholders are the people whose trust you are building: their power and "
            "interest, how engaged they are now and where you want them, and how often "
            "you mean to meet.",
        ),
        QT_TRANSLATE_NOOP(
            "MainWindow",
            "Start with your manager and the two or three leaders you most need to influence.",
        ),
    ),
    Section(
        "touchpoints",
        QT_TRANSLATE_NOOP("MainWindow", "Touchpoints"),
        QT_TRANSLATE_NOOP("MainWindow", "No touchpoints yet"),
        QT_TRANSLATE_NOOP(
            "MainWindow",
            "Touchpoints record every meeting, call and conversation: who was there, "
            "why you met, how well you listened and how it felt.",
        ),
        QT_TRANSLATE_NOOP(
            "MainWindow",
            "Right after your next conversation, log it here. It takes less than fifteen seconds.",
        ),
    ),
    Section(
        "commitments",
        QT_TRANSLATE_NOOP("MainWindow", "Commitments"),
        QT_TRANSLATE_NOOP("MainWindow", "No commitments yet"),
        QT_TRANSLATE_NOOP(
            "MainWindow",
            "Commitments are the promises you make, to whom and by when, and whether "
            "you kept them. Your reliability is measured from these.",
        ),
        QT_TRANSLATE_NOOP(
            "MainWindow", "The next time you promise something, record it here with a due date."
        ),
    ),
    Section(
        "goals",
        QT_TRANSLATE_NOOP("MainWindow", "Goals"),
        QT_TRANSLATE_NOOP("MainWindow", "No goals yet"),
        QT_TRANSLATE_NOOP(
            "MainWindow",
            "Brand goals describe the reputation you want to build and with whom, "
            "each with a metric, a baseline, a target and dated progress.",
        ),
        QT_TRANSLATE_NOOP(
            "MainWindow",
            "Write one goal for this quarter: what you want to be known for, and by whom.",
        ),
    ),
    Section(
        "reflections",
        QT_TRANSLATE_NOOP("MainWindow", "Reflections"),
        QT_TRANSLATE_NOOP("MainWindow", "No reflections yet"),
        QT_TRANSLATE_NOOP(
            "MainWindow",
            "A short reflection each week: wins, what was hard, lessons learned and "
            "next week's focus, with a self-rating to track how you are growing.",
        ),
        QT_TRANSLATE_NOOP(
            "MainWindow", "Set aside twenty minutes on Friday for your first weekly reflection."
        ),
    ),
    Section(
        "initiatives",
        QT_TRANSLATE_NOOP("MainWindow", "Initiatives"),
        QT_TRANSLATE_NOOP("MainWindow", "No initiatives yet"),
        QT_TRANSLATE_NOOP(
            "MainWindow",
            "Initiatives are the projects you lead or support, with their sponsor, "
            "stakeholders and outcomes: satisfaction, on time, on budget and adoption.",
        ),
        QT_TRANSLATE_NOOP(
            "MainWindow", "Add the initiative you are working on now, together with its sponsor."
        ),
    ),
    Section(
        "trash",
        QT_TRANSLATE_NOOP("MainWindow", "Trash"),
        QT_TRANSLATE_NOOP("MainWindow", "The trash is empty"),
        QT_TRANSLATE_NOOP(
            "MainWindow",
            "Deleted records wait here, with everything deleted along with them, until "
            "you restore them or empty the trash.",
        ),
        QT_TRANSLATE_NOOP(
            "MainWindow",
            "Deleted something a moment ago? Edit ▸ Undo (Ctrl+Z) brings it straight back.",
        ),
        QT_TRANSLATE_NOOP("MainWindow", "Good to know"),
    ),
)


def window_sections() -> tuple[Section, ...]:
    """``SECTIONS`` in the user's language."""
    return tuple(
        Section(
            s.key,
            translate("MainWindow", s.title),
            translate("MainWindow", s.heading),
            translate("MainWindow", s.description),
            translate("MainWindow", s.first_step),
            translate("MainWindow", s.hint_caption),
        )
        for s in SECTIONS
    )


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
        hint_caption = self._label(section.hint_caption, weight=QFont.Weight.DemiBold)
        hint_caption.setObjectName("hintCaption")
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
