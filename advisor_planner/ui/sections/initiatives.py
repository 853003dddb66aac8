"""The Initiatives section: the work I lead, its sponsor and people, and how it turned out.

The list sets each initiative's outcome measures (user satisfaction, on time, on budget,
defects, adoption) side by side, so they can later be read against the trust of the people
involved; the editor holds those measures, the sponsor and the stakeholders involved.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import QWidget

from advisor_planner.domain.enums import InitiativeStatus
from advisor_planner.services import initiatives, stakeholders
from advisor_planner.services.changes import Change
from advisor_planner.services.errors import NotFoundError
from advisor_planner.translation import QT_TRANSLATE_NOOP
from advisor_planner.ui.context import AppContext
from advisor_planner.ui.fields import (
    ChoiceEditor,
    DateEditor,
    LongTextEditor,
    PeopleEditor,
    TextEditor,
)
from advisor_planner.ui.i18n import choice_label, translate
from advisor_planner.ui.list_page import RecordListPage
from advisor_planner.ui.record_apis import INITIATIVE
from advisor_planner.ui.record_form import FieldSpec, RecordDialog
from advisor_planner.ui.sections.goal_editor import (
    ParsedNumberEditor,
    metric_text,
    people_names,
)
from advisor_planner.ui.table import Column, display

# The labels of "yes", "no" and "not known", as source text the editor translates.
TRI_STATE_CHOICES: list[tuple[bool | None, str]] = [
    (None, QT_TRANSLATE_NOOP("TriStateEditor", "Unknown")),
    (True, QT_TRANSLATE_NOOP("TriStateEditor", "Yes")),
    (False, QT_TRANSLATE_NOOP("TriStateEditor", "No")),
]


def status_choices() -> list[tuple[str, str]]:
    return [(status.value, choice_label(status)) for status in InitiativeStatus]


class TriStateEditor(ChoiceEditor):
    """Yes, no or not known (yet): for "on time" and "on budget"."""

    def __init__(
        self,
        choices: Sequence[tuple[bool | None, str]] = TRI_STATE_CHOICES,
        *,
        parent: QWidget | None = None,
    ) -> None:
        shown = [(value, translate("TriStateEditor", label)) for value, label in choices]
        super().__init__(shown, parent=parent)
        self._values = [value for value, _label in choices]

    def value(self) -> bool | None:
        return self._values[self.combo.currentIndex()] if self.combo.currentIndex() >= 0 else None

    def set_value(self, value: Any) -> None:
        # By position, not QComboBox.findData: None, True and False must never be confused
        # with each other (or with 0 and 1).
        for position, known in enumerate(self._values):
            if known is value or (known is not None and value is not None and known == value):
                self.combo.setCurrentIndex(position)
                return
        self.combo.setCurrentIndex(0)


# -- the list ---------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class InitiativeRow:
    """An initiative as the list shows it, with its sponsor's name."""

    id: int
    record: initiatives.Initiative
    sponsor: str
    people: tuple[str, ...]


def load_rows() -> list[InitiativeRow]:
    names = stakeholders.names(include_archived=True)
    return [
        InitiativeRow(
            item.id,
            item,
            names.get(item.sponsor_id, "") if item.sponsor_id else "",
            tuple(names[sid] for sid in item.stakeholder_ids if sid in names),
        )
        for item in initiatives.list_all()
    ]


def _yes_no(value: bool | None) -> str:
    return "" if value is None else display(value)


def _tri_sort(value: bool | None) -> int:
    return -1 if value is None else int(value)


def _number_or_none(value: float | None) -> float:
    return -1.0 if value is None else float(value)


def _satisfaction(value: float | None) -> str:
    return "" if value is None else f"{metric_text(value)} / 5"


def _adoption(value: float | None) -> str:
    return "" if value is None else f"{metric_text(value)} %"


COLUMNS = [
    Column(QT_TRANSLATE_NOOP("Column", "Name"), lambda r: r.record.name, width=220, stretch=True),
    Column(
        QT_TRANSLATE_NOOP("Column", "Business unit"), lambda r: r.record.business_unit, width=120
    ),
    Column(QT_TRANSLATE_NOOP("Column", "Sponsor"), lambda r: r.sponsor, width=140),
    Column(
        QT_TRANSLATE_NOOP("Column", "Status"),
        lambda r: choice_label(InitiativeStatus(r.record.status)),
        width=80,
    ),
    Column(QT_TRANSLATE_NOOP("Column", "Start"), lambda r: r.record.start_on, width=90),
    Column(QT_TRANSLATE_NOOP("Column", "End"), lambda r: r.record.end_on, width=90),
    Column(
        QT_TRANSLATE_NOOP("Column", "Satisfaction"),
        lambda r: r.record.user_satisfaction,
        text=_satisfaction,
        numeric=True,
        sort=lambda r: _number_or_none(r.record.user_satisfaction),
        tooltip=lambda r: translate("InitiativeListPage", "User satisfaction, 1 to 5"),
        width=85,
    ),
    Column(
        QT_TRANSLATE_NOOP("Column", "On time"),
        lambda r: r.record.on_time,
        text=_yes_no,
        sort=lambda r: _tri_sort(r.record.on_time),
        width=65,
    ),
    Column(
        QT_TRANSLATE_NOOP("Column", "On budget"),
        lambda r: r.record.on_budget,
        text=_yes_no,
        sort=lambda r: _tri_sort(r.record.on_budget),
        width=75,
    ),
    Column(
        QT_TRANSLATE_NOOP("Column", "Defects"),
        lambda r: r.record.defect_count,
        text=metric_text,
        numeric=True,
        sort=lambda r: _number_or_none(r.record.defect_count),
        width=65,
    ),
    Column(
        QT_TRANSLATE_NOOP("Column", "Adoption"),
        lambda r: r.record.adoption,
        text=_adoption,
        numeric=True,
        sort=lambda r: _number_or_none(r.record.adoption),
        width=75,
    ),
    Column(QT_TRANSLATE_NOOP("Column", "Stakeholders involved"), lambda r: r.people),
]


def initiative_fields(names: dict[int, str]) -> list[FieldSpec]:
    return [
        FieldSpec(
            "name",
            QT_TRANSLATE_NOOP("Field", "Name"),
            lambda p: TextEditor(placeholder=translate("Field", "Cloud cost programme"), parent=p),
        ),
        FieldSpec(
            "business_unit",
            QT_TRANSLATE_NOOP("Field", "Business unit"),
            lambda p: TextEditor(parent=p),
        ),
        FieldSpec(
            "sponsor_id",
            QT_TRANSLATE_NOOP("Field", "Sponsor"),
            lambda p: PeopleEditor(names, single=True, parent=p),
            QT_TRANSLATE_NOOP("Field", "Type part of a name and press Enter"),
        ),
        FieldSpec(
            "stakeholder_ids",
            QT_TRANSLATE_NOOP("Field", "Stakeholders involved"),
            lambda p: PeopleEditor(names, parent=p),
            QT_TRANSLATE_NOOP(
                "Field", "Type part of a name and press Enter; add as many as you like"
            ),
        ),
        FieldSpec(
            "start_on",
            QT_TRANSLATE_NOOP("Field", "Start"),
            lambda p: DateEditor(optional=True, parent=p),
        ),
        FieldSpec(
            "end_on",
            QT_TRANSLATE_NOOP("Field", "End"),
            lambda p: DateEditor(optional=True, parent=p),
        ),
        FieldSpec(
            "status",
            QT_TRANSLATE_NOOP("Field", "Status"),
            lambda p: ChoiceEditor(status_choices(), parent=p),
        ),
        FieldSpec(
            "user_satisfaction",
            QT_TRANSLATE_NOOP("Field", "User satisfaction (1–5)"),
            lambda p: ParsedNumberEditor(
                placeholder=translate("Field", "1 to 5; empty if not known"), parent=p
            ),
        ),
        FieldSpec(
            "on_time", QT_TRANSLATE_NOOP("Field", "On time"), lambda p: TriStateEditor(parent=p)
        ),
        FieldSpec(
            "on_budget", QT_TRANSLATE_NOOP("Field", "On budget"), lambda p: TriStateEditor(parent=p)
        ),
        FieldSpec(
            "defect_count",
            QT_TRANSLATE_NOOP("Field", "Defects"),
            lambda p: ParsedNumberEditor(
                placeholder=translate("Field", "a whole number"), parent=p
            ),
        ),
        FieldSpec(
            "change_order_amount",
            QT_TRANSLATE_NOOP("Field", "Change orders (amount)"),
            lambda p: ParsedNumberEditor(placeholder="0", parent=p),
            QT_TRANSLATE_NOOP("Field", "The total of change orders, in your currency"),
        ),
        FieldSpec(
            "adoption",
            QT_TRANSLATE_NOOP("Field", "Adoption (%)"),
            lambda p: ParsedNumberEditor(placeholder=translate("Field", "0 to 100"), parent=p),
            QT_TRANSLATE_NOOP("Field", "The share of intended users who use it, 0 to 100"),
        ),
        FieldSpec("notes", QT_TRANSLATE_NOOP("Field", "Notes"), lambda p: LongTextEditor(parent=p)),
    ]


def initiative_dialog(
    context: AppContext,
    record: initiatives.Initiative | None = None,
    *,
    parent: QWidget | None = None,
) -> RecordDialog:
    keep: list[int] = []
    if record is not None:
        keep = [*record.stakeholder_ids, *([record.sponsor_id] if record.sponsor_id else [])]
    dialog = RecordDialog(
        context, INITIATIVE, initiative_fields(people_names(keep)), record=record, parent=parent
    )
    dialog.setMinimumWidth(640)
    return dialog


class InitiativeListPage(RecordListPage):
    def __init__(self, context: AppContext, empty_page: QWidget | None) -> None:
        super().__init__(
            context,
            key="initiatives",
            columns=COLUMNS,
            load=load_rows,
            kinds=(Change.INITIATIVE, Change.STAKEHOLDER),
            empty_page=empty_page,
            api=INITIATIVE,
            new_label=self.tr("New initiative…"),
            search_placeholder=self.tr("Search names, units, sponsors (Ctrl+F)"),
            list_name=self.tr("Initiatives list"),
        )
        self.last_dialog: RecordDialog | None = None

    def open_editor(self, row: InitiativeRow | None) -> RecordDialog | None:
        record = None
        if row is not None:
            try:
                record = initiatives.get(initiative_id=row.id)
            except NotFoundError:  # deleted elsewhere since the list was loaded
                self.refresh()
                return None
        if self.last_dialog is not None and not self.last_dialog.isVisible():
            self.last_dialog.deleteLater()
        dialog = initiative_dialog(self.context, record, parent=self)
        dialog.accepted.connect(lambda: self._select_saved(dialog))
        dialog.open()
        self.last_dialog = dialog
        return dialog

    def _select_saved(self, dialog: RecordDialog) -> None:
        if dialog.saved is not None:
            self.refresh()
            self.select_when_loaded(dialog.saved.id)


def build_page(context: AppContext, empty_page: QWidget) -> QWidget:
    return InitiativeListPage(context, empty_page)
