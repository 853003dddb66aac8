"""The Stakeholders section: everyone whose trust I am building, and each person's page.

The list shows power, interest, engagement now → desired, the cadence status and relationship
health (each person's summary from ``services.insights.relationships``, as on their page and
the dashboard); a double-click (or Enter) opens the person's page, and Edit opens the profile
form.

The list's and the form's fixed texts are source text marked for translation: column titles
in the ``Column`` context, field labels and hints in ``Field``, and the rest (what each power
and interest rating means, the contact tooltip) in the list page's own context, ``PAGE``.
Engagement and internal/external show through ``i18n.choice_label``; the cadence status is
the domain's own sentence, shown as given.

The list keeps the summaries it showed last: after a change that names its people (a quick
log), only theirs are read again (``relationships.refresh_people``), since reading everyone's
held the GUI thread 35–100 ms on 1,000 people each time the list came back into view.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QCheckBox, QStackedWidget, QWidget

from advisor_planner.domain import cadence
from advisor_planner.domain.enums import Engagement, StakeholderKind
from advisor_planner.services import clock, stakeholders
from advisor_planner.services.changes import Change, ChangedPeople, Changes
from advisor_planner.services.insights.relationships import (
    PersonStatus,
    people_status,
    refresh_people,
)
from advisor_planner.translation import QT_TRANSLATE_NOOP
from advisor_planner.ui.context import AppContext
from advisor_planner.ui.fields import (
    CheckEditor,
    ChoiceEditor,
    LineEditor,
    LongTextEditor,
    NumberEditor,
    TextEditor,
    rating_choices,
)
from advisor_planner.ui.i18n import choice_label, format_date, translate
from advisor_planner.ui.list_page import RecordListPage
from advisor_planner.ui.record_apis import STAKEHOLDER
from advisor_planner.ui.record_form import FieldSpec, RecordDialog
from advisor_planner.ui.stakeholder.facts import health_text, health_tooltip
from advisor_planner.ui.table import Column, Tone

# The texts of this module that are not column titles or field labels are marked in the list
# page's context.
PAGE = "StakeholderListPage"

# What each rating means, as source text translated when the form is built.
POWER_MEANINGS = {
    1: QT_TRANSLATE_NOOP("StakeholderListPage", "little say in my work"),
    2: QT_TRANSLATE_NOOP("StakeholderListPage", "some influence"),
    3: QT_TRANSLATE_NOOP("StakeholderListPage", "shapes decisions"),
    4: QT_TRANSLATE_NOOP("StakeholderListPage", "decides for a unit"),
    5: QT_TRANSLATE_NOOP("StakeholderListPage", "decides for the business"),
}
INTEREST_MEANINGS = {
    1: QT_TRANSLATE_NOOP("StakeholderListPage", "barely affected"),
    2: QT_TRANSLATE_NOOP("StakeholderListPage", "occasionally affected"),
    3: QT_TRANSLATE_NOOP("StakeholderListPage", "affected"),
    4: QT_TRANSLATE_NOOP("StakeholderListPage", "closely affected"),
    5: QT_TRANSLATE_NOOP("StakeholderListPage", "depends on it"),
}


def _meanings(meanings: dict[int, str]) -> list[tuple[int, str]]:
    return rating_choices({score: translate(PAGE, meaning) for score, meaning in meanings.items()})


def _choices(enum: type[Engagement] | type[StakeholderKind]) -> list[tuple[str, str]]:
    return [(member.value, choice_label(member)) for member in enum]


@dataclass(frozen=True, slots=True)
class StakeholderRow:
    """A stakeholder as the list shows them, with their summary (contact status, health)."""

    id: int
    record: stakeholders.Stakeholder
    summary: PersonStatus

    @property
    def last_contact(self) -> date | None:
        return self.summary.last_contact

    @property
    def status(self) -> cadence.CadenceStatus:
        return self.summary.cadence

    @property
    def engagement(self) -> str:
        """ "Neutral → Supportive": where they stand, and where I want them if elsewhere."""
        current = Engagement(self.record.engagement_current)
        desired = Engagement(self.record.engagement_desired)
        if current == desired:
            return choice_label(current)
        return QCoreApplication.translate("StakeholderListPage", "{0} → {1}").format(
            choice_label(current), choice_label(desired)
        )


def load_rows(
    *, include_archived: bool = False, statuses: Sequence[PersonStatus] | None = None
) -> list[StakeholderRow]:
    """The list's rows; ``statuses``: everyone's summaries, if already read."""
    if statuses is None:
        statuses = people_status(include_archived=include_archived)
    summaries = {p.id: p for p in statuses}
    return [
        StakeholderRow(s.id, s, summaries[s.id])
        for s in stakeholders.list_all(include_archived=include_archived)
        if s.id in summaries  # added by another program between the two reads: next time
    ]


def _contact_tooltip(row: StakeholderRow) -> str:
    if row.last_contact is None:
        return QCoreApplication.translate("StakeholderListPage", "Last contact never")
    return QCoreApplication.translate("StakeholderListPage", "Last contact {0}").format(
        format_date(row.last_contact)
    )


def _status_sort(row: StakeholderRow) -> int:
    # Most overdue first when sorted ascending; no cadence last.
    if row.status.days_until_due is None:
        return -10_000 if row.status.overdue else 10_000
    return row.status.days_until_due


COLUMNS = [
    Column(QT_TRANSLATE_NOOP("Column", "Name"), lambda r: r.record.name, width=160, stretch=True),
    Column(QT_TRANSLATE_NOOP("Column", "Title"), lambda r: r.record.title, width=140),
    Column(QT_TRANSLATE_NOOP("Column", "Organisation"), lambda r: r.record.organisation, width=115),
    Column(
        QT_TRANSLATE_NOOP("Column", "Business unit"), lambda r: r.record.business_unit, width=110
    ),
    Column(QT_TRANSLATE_NOOP("Column", "Power"), lambda r: r.record.power, numeric=True, width=55),
    Column(
        QT_TRANSLATE_NOOP("Column", "Interest"), lambda r: r.record.interest, numeric=True, width=65
    ),
    Column(QT_TRANSLATE_NOOP("Column", "Engagement"), lambda r: r.engagement, width=160),
    Column(
        QT_TRANSLATE_NOOP("Column", "Contact"),
        lambda r: r,
        text=lambda r: r.status.label,  # the domain's sentence, in the user's language
        sort=_status_sort,
        width=130,
        tooltip=_contact_tooltip,
        tone=lambda r: Tone.ALERT if r.status.overdue else None,
        keep=True,
    ),
    Column(
        QT_TRANSLATE_NOOP("Column", "Health"),
        lambda r: r.summary.health,
        text=health_text,
        numeric=True,
        width=60,
        tooltip=lambda r: health_tooltip(r.summary),
    ),
    Column(QT_TRANSLATE_NOOP("Column", "Tags"), lambda r: r.record.tags),
]


def stakeholder_fields() -> list[FieldSpec]:
    return [
        FieldSpec(
            "name",
            QT_TRANSLATE_NOOP("Field", "Name"),
            lambda p: TextEditor(
                placeholder=QCoreApplication.translate("Field", "Ada Lovelace"), parent=p
            ),
        ),
        FieldSpec(
            "title",
            QT_TRANSLATE_NOOP("Field", "Title"),
            lambda p: TextEditor(placeholder=QCoreApplication.translate("Field", "CFO"), parent=p),
        ),
        FieldSpec(
            "organisation",
            QT_TRANSLATE_NOOP("Field", "Organisation"),
            lambda p: TextEditor(parent=p),
        ),
        FieldSpec(
            "business_unit",
            QT_TRANSLATE_NOOP("Field", "Business unit"),
            lambda p: TextEditor(parent=p),
        ),
        FieldSpec(
            "kind",
            QT_TRANSLATE_NOOP("Field", "Internal or external"),
            lambda p: ChoiceEditor(_choices(StakeholderKind), parent=p),
        ),
        FieldSpec("email", QT_TRANSLATE_NOOP("Field", "Email"), lambda p: TextEditor(parent=p)),
        FieldSpec("phone", QT_TRANSLATE_NOOP("Field", "Phone"), lambda p: TextEditor(parent=p)),
        FieldSpec(
            "power",
            QT_TRANSLATE_NOOP("Field", "Power"),
            lambda p: ChoiceEditor(_meanings(POWER_MEANINGS), parent=p),
            QT_TRANSLATE_NOOP("Field", "How much they can shape what happens to my agenda"),
        ),
        FieldSpec(
            "interest",
            QT_TRANSLATE_NOOP("Field", "Interest"),
            lambda p: ChoiceEditor(_meanings(INTEREST_MEANINGS), parent=p),
            QT_TRANSLATE_NOOP("Field", "How much my work affects them"),
        ),
        FieldSpec(
            "engagement_current",
            QT_TRANSLATE_NOOP("Field", "Engagement now"),
            lambda p: ChoiceEditor(_choices(Engagement), parent=p),
        ),
        FieldSpec(
            "engagement_desired",
            QT_TRANSLATE_NOOP("Field", "Engagement wanted"),
            lambda p: ChoiceEditor(_choices(Engagement), parent=p),
        ),
        FieldSpec(
            "cadence_days",
            QT_TRANSLATE_NOOP("Field", "Keep in touch every (days)"),
            lambda p: NumberEditor(placeholder="14", parent=p),
            QT_TRANSLATE_NOOP("Field", "Leave empty for no cadence"),
        ),
        FieldSpec(
            "tags",
            QT_TRANSLATE_NOOP("Field", "Tags"),
            lambda p: _TagsEditor(
                placeholder=QCoreApplication.translate("Field", "finance, board"), parent=p
            ),
            QT_TRANSLATE_NOOP("Field", "Separate tags with commas"),
        ),
        FieldSpec(
            "notes",
            QT_TRANSLATE_NOOP("Field", "Notes (private)"),
            lambda p: LongTextEditor(parent=p),
        ),
        FieldSpec(
            "archived",
            QT_TRANSLATE_NOOP("Field", "Archived"),
            lambda p: CheckEditor(QCoreApplication.translate("Field", "Hide from lists"), parent=p),
        ),
    ]


class _TagsEditor(LineEditor):
    def value(self) -> tuple[str, ...]:
        return tuple(t.strip() for t in self.edit.text().split(",") if t.strip())

    def set_value(self, value: Any) -> None:
        self.edit.setText(", ".join(value or ()))


def stakeholder_dialog(
    context: AppContext,
    record: stakeholders.Stakeholder | None = None,
    parent: QWidget | None = None,
) -> RecordDialog:
    return RecordDialog(context, STAKEHOLDER, stakeholder_fields(), record=record, parent=parent)


class StakeholderListPage(RecordListPage):
    def __init__(
        self, context: AppContext, empty_page: QWidget, open_person: Callable[[int], object]
    ) -> None:
        super().__init__(
            context,
            key="stakeholders",
            columns=COLUMNS,
            load=self._load_rows,  # (``load_work`` reads them on the worker)
            kinds=(Change.STAKEHOLDER, Change.TOUCHPOINT),
            empty_page=empty_page,
            api=STAKEHOLDER,
            new_label=self.tr("New stakeholder…"),
            search_placeholder=self.tr("Search names, titles, units, tags (Ctrl+F)"),
            list_name=self.tr("Stakeholders list"),
        )
        self._open_person = open_person
        self.show_archived = QCheckBox(self.tr("Show archived"), self)
        self.show_archived.toggled.connect(lambda _checked: self.refresh())
        self.toolbar.insertWidget(1, self.show_archived)
        self.open_button = self.edit_button
        self.edit_button.setText(self.tr("Edit…"))
        self.table.activated_row.disconnect()
        self.table.activated_row.connect(lambda row: self._open_person(row.id))

    # The summaries shown last (with the day and archived choice they were read for), and
    # whose records have changed since.
    _statuses: tuple[date, bool, list[PersonStatus]] | None = None
    _changed_people: ChangedPeople | None = None

    def _on_changed(self, changes: Changes) -> None:
        # (A promise kept or broken moves a person's health too, though the list shows none.)
        if changes.touches(Change.STAKEHOLDER, Change.TOUCHPOINT, Change.COMMITMENT):
            if self._changed_people is None:
                self._changed_people = ChangedPeople()
            self._changed_people.note(changes)
        super()._on_changed(changes)

    def _load_rows(self) -> list[StakeholderRow]:
        rows, statuses = self.load_work()()
        self.take_extra(statuses)
        return list(rows)

    def load_work(self) -> Callable[[], tuple[list[StakeholderRow], Any]]:
        """Everyone's rows, read on the worker: only the changed people's summaries where
        the list holds everyone else's (and no earlier load is still under way, whose
        changes would be lost with it)."""
        archived = getattr(self, "show_archived", None)
        include_archived = bool(archived and archived.isChecked())
        today = clock.today()
        if self._changed_people is None:
            self._changed_people = ChangedPeople()
        shown, changed = self._statuses, self._changed_people.to_read()
        self._changed_people.read_all()
        if (
            shown is not None
            and changed is not None
            and not self.loading
            and shown[:2] == (today, include_archived)
        ):
            kept = shown[2]

            def read() -> list[PersonStatus]:
                return refresh_people(kept, changed, today=today, include_archived=include_archived)
        else:

            def read() -> list[PersonStatus]:
                return people_status(today=today, include_archived=include_archived)

        def work() -> tuple[list[StakeholderRow], Any]:
            statuses = read()
            rows = load_rows(include_archived=include_archived, statuses=statuses)
            return rows, (today, include_archived, statuses)

        return work

    def take_extra(self, extra: Any) -> None:
        self._statuses = extra

    def _load_failed(self, error: BaseException) -> None:
        # The changes noted for this load went with it: the next one reads everyone's.
        self._statuses = None
        super()._load_failed(error)

    def open_editor(self, row: StakeholderRow | None) -> None:
        dialog = stakeholder_dialog(
            context=self.context, record=row.record if row else None, parent=self
        )
        dialog.open()
        self.last_dialog = dialog


class StakeholdersSection(QStackedWidget):
    """The list, and in its place a person's page while one is open."""

    def __init__(self, context: AppContext, empty_page: QWidget) -> None:
        super().__init__()
        self.context = context
        self.setObjectName("page_stakeholders")
        self.list_page = StakeholderListPage(context, empty_page, self.open_person)
        self.addWidget(self.list_page)
        self.person_page: QWidget | None = None
        back = QShortcut(QKeySequence(QKeySequence.StandardKey.Back), self)
        back.activated.connect(self.show_list)

    def open_person(self, stakeholder_id: int) -> None:
        from advisor_planner.ui.stakeholder.page import StakeholderPage

        if isinstance(self.person_page, StakeholderPage):  # (built once: see its show_person)
            self.person_page.show_person(stakeholder_id)
            self.setCurrentWidget(self.person_page)
            return
        page = StakeholderPage(self.context, stakeholder_id, self)
        page.back_requested.connect(self.show_list)
        page.edit_requested.connect(self._edit_person)
        self.person_page = page
        self.addWidget(page)
        self.setCurrentWidget(page)

    def _edit_person(self, stakeholder_id: int) -> None:
        dialog = stakeholder_dialog(
            self.context, stakeholders.get(stakeholder_id=stakeholder_id), parent=self
        )
        dialog.open()
        self.last_dialog = dialog

    def show_list(self) -> None:
        self.setCurrentWidget(self.list_page)
        self.list_page.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_search(self) -> None:
        # (Not ``show_list``: the table would take the focus on the way, and each change of
        # its focus repaints all of it, 10-20 ms on the large demo.)
        self.setCurrentWidget(self.list_page)
        self.list_page.focus_search()


def build_page(context: AppContext, empty_page: QWidget) -> QWidget:
    return StakeholdersSection(context, empty_page)
