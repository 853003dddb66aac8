"""Step 3 of the weekly reflection: self-ratings, 1–5 with labelled anchors.

Goleman's five components of emotional intelligence, and energy; the anchors come from
``resources/reflection/prompts.json`` (``services.prompts``). A digit key sets the rating of
the row with the focus, and Tab moves on to the next row.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QRadioButton, QVBoxLayout, QWidget

from advisor_planner.services import prompts, reflections
from advisor_planner.translation import QT_TRANSLATE_NOOP
from advisor_planner.ui.reflection.widgets import StepPage, plain_label

# (field, label, what a 5 means), Goleman's components of emotional intelligence; the texts
# are source text the page translates.
EI_RATINGS = (
    (
        "self_awareness",
        QT_TRANSLATE_NOOP("RatingsPage", "Self-awareness"),
        QT_TRANSLATE_NOOP("RatingsPage", "I noticed my moods and how they affected others"),
    ),
    (
        "self_regulation",
        QT_TRANSLATE_NOOP("RatingsPage", "Self-regulation"),
        QT_TRANSLATE_NOOP("RatingsPage", "I paused before reacting and kept my word"),
    ),
    (
        "motivation",
        QT_TRANSLATE_NOOP("RatingsPage", "Motivation"),
        QT_TRANSLATE_NOOP("RatingsPage", "I worked towards what matters, not only what was urgent"),
    ),
    (
        "empathy",
        QT_TRANSLATE_NOOP("RatingsPage", "Empathy"),
        QT_TRANSLATE_NOOP("RatingsPage", "I understood how others saw things before I answered"),
    ),
    (
        "social_skill",
        QT_TRANSLATE_NOOP("RatingsPage", "Social skill"),
        QT_TRANSLATE_NOOP("RatingsPage", "I built rapport and moved people towards common ground"),
    ),
)


class RatingRow(QWidget):
    """One 1–5 rating as a row of labelled choices; the digit keys 1–5 pick one."""

    changed = Signal()

    def __init__(
        self, label: str, meaning: str, anchors: dict[int, str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: dict[int, QRadioButton] = {}
        row = QHBoxLayout()
        row.setSpacing(14)
        for score, anchor in anchors.items():
            button = QRadioButton(f"{score} {anchor}", self)
            button.installEventFilter(self)
            self.group.addButton(button, score)
            self.buttons[score] = button
            row.addWidget(button)
        row.addStretch(1)
        self.group.idClicked.connect(lambda _id: self.changed.emit())
        title = plain_label(label, self, bold=True, wrap=False)
        hint = plain_label(meaning, self)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 4, 0, 4)
        column.setSpacing(2)
        column.addWidget(title)
        column.addWidget(hint)
        column.addLayout(row)
        self.setAccessibleName(label)
        self.setFocusProxy(self.buttons[min(self.buttons)])

    def value(self) -> int | None:
        score = self.group.checkedId()
        return score if score > 0 else None

    def set_value(self, score: int | None) -> None:
        if score in self.buttons:
            self.buttons[score].setChecked(True)
            self.setFocusProxy(self.buttons[score])
        else:
            self.group.setExclusive(False)
            for button in self.buttons.values():
                button.setChecked(False)
            self.group.setExclusive(True)

    def eventFilter(self, watched: Any, event: Any) -> bool:  # noqa: N802 - Qt override
        if isinstance(event, QKeyEvent) and event.type() == QKeyEvent.Type.KeyPress:
            text = event.text()
            if text.isdigit() and int(text) in self.buttons:
                button = self.buttons[int(text)]
                button.setChecked(True)
                button.setFocus(Qt.FocusReason.ShortcutFocusReason)
                self.changed.emit()
                return True
        return super().eventFilter(watched, event)


class RatingsPage(StepPage):
    """The six rating rows, by field name in ``ratings``."""

    def __init__(
        self,
        prompt_set: prompts.PromptSet,
        record: reflections.Reflection | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        inner = QWidget()
        column = QVBoxLayout(inner)
        column.addWidget(
            plain_label(
                self.tr(
                    "How did you show up this week? 1 is rarely, 5 is consistently. Tab moves "
                    "between the rows; a digit picks a rating."
                ),
                inner,
            )
        )
        self.ratings: dict[str, RatingRow] = {}
        rows = [(field, self.tr(label), self.tr(meaning)) for field, label, meaning in EI_RATINGS]
        rows.append(("energy", self.tr("Energy"), self.tr("How much energy I had this week")))
        for field, label, meaning in rows:
            row = RatingRow(
                label,
                meaning,
                prompt_set.energy_anchors if field == "energy" else prompt_set.anchors,
                inner,
            )
            row.setObjectName(f"rating_{field}")
            row.set_value(getattr(record, field) if record else None)
            self.ratings[field] = row
            column.addWidget(row)
        column.addStretch(1)
        self._scrolled(inner)

    def values(self, record: reflections.Reflection | None) -> dict[str, Any]:
        return {field: row.value() for field, row in self.ratings.items()}

    def first_focus(self) -> QWidget | None:
        return next(iter(self.ratings.values()), None)
