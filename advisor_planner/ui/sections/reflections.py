"""The Reflections section: one reflection per week, newest first, and its editor.

The search box looks through everything a reflection says (wins, what was hard, lessons,
next week's focus and the guided answers), not only the columns on screen: the last column
holds all of that text on one line. The guided weekly session is built elsewhere (issue 5);
this is the plain list and form.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from advisor_planner.services import clock, reflections, stakeholders
from advisor_planner.services.errors import ValidationError
from advisor_planner.ui.context import AppContext
from advisor_planner.ui.fields import (
    CheckEditor,
    ChoiceEditor,
    LongTextEditor,
    PeopleEditor,
    TextEditor,
    rating_choices,
)
from advisor_planner.ui.list_page import RecordListPage
from advisor_planner.ui.record_apis import REFLECTION
from advisor_planner.ui.record_form import FieldSpec, RecordDialog
from advisor_planner.ui.table import Column, first_line

RATING_ANCHORS = {
    1: "rarely",
    2: "occasionally",
    3: "sometimes",
    4: "often",
    5: "consistently",
}
ENERGY_MEANINGS = {
    1: "drained",
    2: "low",
    3: "steady",
    4: "good",
    5: "full of energy",
}
# (field, label, what a high rating means)
RATINGS = (
    ("self_awareness", "Self-awareness", "I noticed my moods and how they affected others"),
    ("self_regulation", "Self-regulation", "I paused before reacting and kept my word"),
    ("motivation", "Motivation", "I worked towards what matters, not only what was urgent"),
    ("empathy", "Empathy", "I understood how others saw things before I answered"),
    ("social_skill", "Social skill", "I built rapport and moved people towards common ground"),
)
# (field, label) of the written parts, in the order a reflection is written.
TEXTS = (
    ("wins", "Wins"),
    ("hard", "What was hard"),
    ("not_present", "Where I was not present"),
    ("difficult_conversations", "Difficult conversations"),
    ("lessons", "Lessons"),
    ("focus_note", "Next week's focus"),
)
WEEK_COLUMN = 0


def ratings_average(record: reflections.Reflection) -> float | None:
    scores = [getattr(record, name) for name, _label, _meaning in RATINGS]
    given = [score for score in scores if score is not None]
    return sum(given) / len(given) if given else None


def all_text(record: reflections.Reflection) -> str:
    """Everything the reflection says, on one line, for the search and the last column."""
    parts = [getattr(record, name).strip() for name, _label in TEXTS]
    try:
        answers = json.loads(record.answers or "{}")
    except ValueError:
        answers = {}
    if isinstance(answers, dict):
        parts.extend(str(text).strip() for text in answers.values())
    return " · ".join(" ".join(part.split()) for part in parts if part)


def full_text_tooltip(record: reflections.Reflection) -> str:
    """The written parts under their headings (the table model shows it as plain text)."""
    return "\n\n".join(
        f"{label}:\n{text.strip()}"
        for name, label in TEXTS
        if (text := getattr(record, name)).strip()
    )


COLUMNS = [
    Column("Week", lambda r: r.week, width=90),
    Column("Completed", lambda r: r.completed_at is not None, width=85),
    Column(
        "Wins",
        lambda r: first_line(r.wins),
        width=260,
        tooltip=lambda r: r.wins.strip(),
    ),
    Column("Energy", lambda r: r.energy, numeric=True, width=60),
    Column(
        "Self-rating",
        ratings_average,
        numeric=True,
        width=85,
        tooltip=lambda r: "Average of the five self-ratings (1 — rarely … 5 — consistently)",
    ),
    Column("Everything written", all_text, tooltip=full_text_tooltip),
]


class CompletedEditor(CheckEditor):
    """Whether the week's reflection is finished; its value is the moment (naive UTC, as the
    store keeps it) it was marked so, kept as it was while the box stays ticked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("This reflection is finished", parent)
        self._moment: datetime | None = None

    def value(self) -> datetime | None:
        if not self.box.isChecked():
            return None
        if self._moment is None:
            self._moment = datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)
        return self._moment

    def set_value(self, value: Any) -> None:
        self._moment = value if isinstance(value, datetime) else None
        self.box.setChecked(value is not None)


def _long(parent: QWidget, placeholder: str = "") -> LongTextEditor:
    editor = LongTextEditor(placeholder=placeholder, parent=parent)
    editor.edit.setMinimumHeight(48)
    editor.edit.setMaximumHeight(90)
    return editor


def _people_for(record: reflections.Reflection | None) -> dict[int, str]:
    """Everyone current, plus anyone the reflection names who has been archived since."""
    names = stakeholders.names()
    if record is not None and any(i not in names for i in record.focus_stakeholder_ids):
        everyone = stakeholders.names(include_archived=True)
        names |= {i: everyone[i] for i in record.focus_stakeholder_ids if i in everyone}
    return names


def reflection_fields(names: dict[int, str]) -> list[FieldSpec]:
    fields = [
        FieldSpec(
            "week",
            "Week",
            lambda p: TextEditor(placeholder="2026-W47", parent=p),
            "The ISO week: the year, W and the week number, like 2026-W47. "
            "A week that has not started yet cannot be reflected on.",
        ),
        FieldSpec("wins", "Wins", lambda p: _long(p, "What went well, and why")),
        FieldSpec("hard", "What was hard", lambda p: _long(p)),
        FieldSpec(
            "not_present",
            "Where I was not present",
            lambda p: _long(p, "Meetings where my mind was elsewhere"),
        ),
        FieldSpec("difficult_conversations", "Difficult conversations", lambda p: _long(p)),
        FieldSpec("lessons", "Lessons", lambda p: _long(p)),
        FieldSpec("focus_note", "Next week's focus", lambda p: _long(p)),
        FieldSpec(
            "focus_stakeholder_ids",
            "Focus on (people)",
            lambda p: PeopleEditor(names, parent=p),
            "The people to give most attention next week: type part of a name, then Enter",
        ),
    ]
    for name, label, meaning in RATINGS:
        fields.append(
            FieldSpec(
                name,
                label,
                lambda p: ChoiceEditor(rating_choices(RATING_ANCHORS), optional=True, parent=p),
                f"5 — consistently: {meaning}",
            )
        )
    fields.append(
        FieldSpec(
            "energy",
            "Energy",
            lambda p: ChoiceEditor(rating_choices(ENERGY_MEANINGS), optional=True, parent=p),
            "How much energy I had this week",
        )
    )
    fields.append(FieldSpec("completed_at", "Finished", lambda p: CompletedEditor(parent=p)))
    return fields


class ReflectionDialog(RecordDialog):
    """The reflection form; it also refuses a week that already has a reflection."""

    def validate(self) -> bool:
        if not super().validate():
            return False
        try:
            existing = reflections.for_week(week=self.values()["week"])
        except ValidationError:
            return True  # the services' own check passed above; nothing more to say
        if existing is not None and (self.record is None or existing.id != self.record.id):
            label = self.errors["week"]
            label.setText(
                self.tr("{0} already has a reflection; open it from the list to edit it.").format(
                    existing.week
                )
            )
            label.show()
            self.save_button.setEnabled(False)
            return False
        return True


def reflection_dialog(
    context: AppContext,
    record: reflections.Reflection | None = None,
    *,
    week: str | None = None,
    parent: QWidget | None = None,
) -> ReflectionDialog:
    initial: dict[str, Any] = {}
    if record is None:
        initial["week"] = week or clock.iso_week(clock.today())
    title = ""
    if record is not None:
        title = f"Reflection for {record.week}"
    return ReflectionDialog(
        context,
        REFLECTION,
        reflection_fields(_people_for(record)),
        record=record,
        initial=initial,
        title=title,
        parent=parent,
    )


class ReflectionsPage(RecordListPage):
    def __init__(self, context: AppContext, empty_page: QWidget | None) -> None:
        super().__init__(
            context,
            key="reflections",
            columns=COLUMNS,
            load=reflections.list_all,
            kinds=(REFLECTION.kind,),
            empty_page=empty_page,
            api=REFLECTION,
            new_label=self.tr("New reflection…"),
            search_placeholder=self.tr("Search everything written (Ctrl+F)"),
        )
        self.last_dialog: ReflectionDialog | None = None
        if not context.settings.contains("lists/reflections/header"):
            self.table.sortByColumn(WEEK_COLUMN, Qt.SortOrder.DescendingOrder)

    def open_editor(self, row: reflections.Reflection | None) -> None:
        record = reflections.get(reflection_id=row.id) if row is not None else None
        dialog = reflection_dialog(self.context, record, parent=self)
        self.last_dialog = dialog
        dialog.open()


def build_page(context: AppContext, empty_page: QWidget) -> QWidget:
    return ReflectionsPage(context, empty_page)
