"""The Commitments section: every promise, to whom and by when, and whether it was kept.

A filter (all, open, due this week, overdue, kept, late, broken) picks the rows from
``services.commitments.list_filtered`` and is remembered between runs. The selected
commitments are closed as kept, late or broken (or reopened) with one click or shortcut;
closing records today's date, and each click is one undoable command.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QWidget

from advisor_planner.domain.enums import CommitmentStatus
from advisor_planner.services import clock, commitments, stakeholders
from advisor_planner.translation import QT_TRANSLATE_NOOP
from advisor_planner.ui.commands import CallCommand
from advisor_planner.ui.context import AppContext
from advisor_planner.ui.fields import ChoiceEditor, DateEditor, PeopleEditor, TextEditor
from advisor_planner.ui.i18n import choice_label, count_of, format_count, format_date, translate
from advisor_planner.ui.list_page import RecordListPage
from advisor_planner.ui.record_apis import COMMITMENT
from advisor_planner.ui.record_form import FieldSpec, RecordDialog
from advisor_planner.ui.table import Column, Tone

FILTER_SETTING = "lists/commitments/filter"
DEFAULT_FILTER = "open"

# The page's texts kept in tables below are marked for translation in its own context.
PAGE = "CommitmentsPage"

# (services filter, label); the order of the control.
FILTERS: tuple[tuple[str, str], ...] = (
    ("all", QT_TRANSLATE_NOOP("CommitmentsPage", "All")),
    ("open", QT_TRANSLATE_NOOP("CommitmentsPage", "Open")),
    ("due_this_week", QT_TRANSLATE_NOOP("CommitmentsPage", "Due this week")),
    ("overdue", QT_TRANSLATE_NOOP("CommitmentsPage", "Overdue")),
    ("kept", QT_TRANSLATE_NOOP("CommitmentsPage", "Kept")),
    ("late", QT_TRANSLATE_NOOP("CommitmentsPage", "Late")),
    ("broken", QT_TRANSLATE_NOOP("CommitmentsPage", "Broken")),
)

# What the table says when a filter matches nothing but there are commitments.
NONE_MATCH = {
    "all": QT_TRANSLATE_NOOP("CommitmentsPage", "No commitments yet."),
    "open": QT_TRANSLATE_NOOP("CommitmentsPage", "No open commitments: every promise is closed."),
    "due_this_week": QT_TRANSLATE_NOOP("CommitmentsPage", "Nothing is due this week."),
    "overdue": QT_TRANSLATE_NOOP("CommitmentsPage", "Nothing is overdue."),
    "kept": QT_TRANSLATE_NOOP("CommitmentsPage", "No commitment is marked kept yet."),
    "late": QT_TRANSLATE_NOOP("CommitmentsPage", "No commitment is marked late."),
    "broken": QT_TRANSLATE_NOOP("CommitmentsPage", "No commitment is marked broken."),
}


@dataclass(frozen=True, slots=True)
class MarkAction:
    """A button that gives the selected commitments a status. The texts are source text in
    the ``CommitmentsPage`` context; ``one`` and ``many`` name the undo step."""

    status: str
    label: str
    shortcut: str
    tip: str
    one: str  # "Mark commitment kept"
    many: str  # "Mark {0} commitments kept"


MARK_ACTIONS = (
    MarkAction(
        CommitmentStatus.KEPT.value,
        QT_TRANSLATE_NOOP("CommitmentsPage", "Kept"),
        "Ctrl+K",
        QT_TRANSLATE_NOOP("CommitmentsPage", "Mark the selected commitments kept"),
        QT_TRANSLATE_NOOP("CommitmentsPage", "Mark commitment kept"),
        QT_TRANSLATE_NOOP("CommitmentsPage", "Mark {0} commitments kept"),
    ),
    MarkAction(
        CommitmentStatus.LATE.value,
        QT_TRANSLATE_NOOP("CommitmentsPage", "Late"),
        "Ctrl+Shift+L",
        QT_TRANSLATE_NOOP("CommitmentsPage", "Mark the selected commitments late"),
        QT_TRANSLATE_NOOP("CommitmentsPage", "Mark commitment late"),
        QT_TRANSLATE_NOOP("CommitmentsPage", "Mark {0} commitments late"),
    ),
    MarkAction(
        CommitmentStatus.BROKEN.value,
        QT_TRANSLATE_NOOP("CommitmentsPage", "Broken"),
        "Ctrl+Shift+B",
        QT_TRANSLATE_NOOP("CommitmentsPage", "Mark the selected commitments broken"),
        QT_TRANSLATE_NOOP("CommitmentsPage", "Mark commitment broken"),
        QT_TRANSLATE_NOOP("CommitmentsPage", "Mark {0} commitments broken"),
    ),
    MarkAction(
        CommitmentStatus.OPEN.value,
        QT_TRANSLATE_NOOP("CommitmentsPage", "Reopen"),
        "Ctrl+Shift+O",
        QT_TRANSLATE_NOOP("CommitmentsPage", "Reopen the selected commitments"),
        QT_TRANSLATE_NOOP("CommitmentsPage", "Reopen commitment"),
        QT_TRANSLATE_NOOP("CommitmentsPage", "Reopen {0} commitments"),
    ),
)
_MARKS = {action.status: action for action in MARK_ACTIONS}


@dataclass(frozen=True, slots=True)
class CommitmentRow:
    """A commitment as the list shows it: with the person's name and the day it was read."""

    id: int
    record: commitments.Commitment
    to_whom: str
    today: date

    @property
    def days_overdue(self) -> int | None:
        """Days past due for an open commitment (negative: days left); None if not open."""
        c = self.record
        if c.status != CommitmentStatus.OPEN.value or c.due_on is None:
            return None
        return (self.today - c.due_on).days


def timing_text(days_overdue: int | None) -> str:
    """ "3 days overdue", "due today", "due in 2 days": where an open commitment stands."""
    if days_overdue is None:
        return ""
    if days_overdue > 1:
        return QCoreApplication.translate("CommitmentsPage", "{0} days overdue").format(
            format_count(days_overdue)
        )
    if days_overdue == 1:
        return QCoreApplication.translate("CommitmentsPage", "1 day overdue")
    if days_overdue == 0:
        return QCoreApplication.translate("CommitmentsPage", "due today")
    if days_overdue == -1:
        return QCoreApplication.translate("CommitmentsPage", "due tomorrow")
    return QCoreApplication.translate("CommitmentsPage", "due in {0} days").format(
        format_count(-days_overdue)
    )


def status_label(status: str) -> str:
    try:
        return choice_label(CommitmentStatus(status))
    except ValueError:
        return status


def status_tone(status: str) -> Tone | None:
    """Broken warns most, late less; the status's word says which beside the colour."""
    if status == CommitmentStatus.BROKEN.value:
        return Tone.ALERT
    if status == CommitmentStatus.LATE.value:
        return Tone.WARN
    return None


def _timing_sort(row: CommitmentRow) -> tuple[int, int]:
    # Open ones by how overdue (most first when descending); closed ones after.
    days = row.days_overdue
    return (0, days) if days is not None else (1, 0)


def _due_sort(row: CommitmentRow) -> tuple[int, int]:
    due = row.record.due_on
    return (0, due.toordinal()) if due is not None else (1, 0)


def _due_tooltip(row: CommitmentRow) -> str:
    due = row.record.due_on
    if due is None:
        return QCoreApplication.translate("CommitmentsPage", "No due date")
    timing = timing_text(row.days_overdue)
    if timing:
        return QCoreApplication.translate("CommitmentsPage", "Due {0}: {1}").format(
            format_date(due), timing
        )
    return QCoreApplication.translate("CommitmentsPage", "Due {0}").format(format_date(due))


COLUMNS = [
    Column(
        QT_TRANSLATE_NOOP("Column", "What I promised"),
        lambda r: r.record.text,
        width=300,
        stretch=True,
    ),
    Column(QT_TRANSLATE_NOOP("Column", "To whom"), lambda r: r.to_whom, width=150),
    Column(QT_TRANSLATE_NOOP("Column", "Made on"), lambda r: r.record.made_on, width=95),
    Column(
        QT_TRANSLATE_NOOP("Column", "Due on"),
        lambda r: r.record.due_on,
        width=95,
        sort=_due_sort,
        tooltip=_due_tooltip,
    ),
    Column(
        QT_TRANSLATE_NOOP("Column", "Timing"),
        lambda r: r.days_overdue,
        text=timing_text,
        sort=_timing_sort,
        width=120,
        tooltip=_due_tooltip,
        tone=lambda r: Tone.ALERT if (r.days_overdue or 0) > 0 else None,
        keep=True,
    ),
    Column(
        QT_TRANSLATE_NOOP("Column", "Status"),
        lambda r: r.record.status,
        text=status_label,
        width=90,
        tone=lambda r: status_tone(r.record.status),
        keep=True,
    ),
    Column(QT_TRANSLATE_NOOP("Column", "Closed on"), lambda r: r.record.closed_on, width=95),
]
DUE_COLUMN = 3


def load_rows(which: str) -> list[CommitmentRow]:
    today = clock.today()
    names = stakeholders.names(include_archived=True)
    return [
        CommitmentRow(c.id, c, names.get(c.stakeholder_id, "?"), today)
        for c in commitments.list_filtered(which=which, today=today)
    ]


def _people_for(record: commitments.Commitment | None) -> dict[int, str]:
    """The people a commitment can be made to: everyone current, plus its own person even if
    they have been archived since (so editing it does not drop them)."""
    names = stakeholders.names()
    if record is not None and record.stakeholder_id not in names:
        everyone = stakeholders.names(include_archived=True)
        if record.stakeholder_id in everyone:
            names[record.stakeholder_id] = everyone[record.stakeholder_id]
    return names


def commitment_fields(names: dict[int, str]) -> list[FieldSpec]:
    statuses = [(s.value, choice_label(s)) for s in CommitmentStatus]
    return [
        FieldSpec(
            "text",
            QT_TRANSLATE_NOOP("Field", "What I promised"),
            lambda p: TextEditor(
                placeholder=QCoreApplication.translate("Field", "Send the revised forecast"),
                parent=p,
            ),
        ),
        FieldSpec(
            "stakeholder_id",
            QT_TRANSLATE_NOOP("Field", "To whom"),
            lambda p: PeopleEditor(names, single=True, parent=p),
            QT_TRANSLATE_NOOP("Field", "Type part of a name and press Enter"),
        ),
        FieldSpec("made_on", QT_TRANSLATE_NOOP("Field", "Made on"), lambda p: DateEditor(parent=p)),
        FieldSpec(
            "due_on",
            QT_TRANSLATE_NOOP("Field", "Due on"),
            lambda p: DateEditor(optional=True, parent=p),
            QT_TRANSLATE_NOOP(
                "Field", "Tick to set a due date; it cannot be before the day the promise was made"
            ),
        ),
        FieldSpec(
            "status",
            QT_TRANSLATE_NOOP("Field", "Status"),
            lambda p: ChoiceEditor(statuses, parent=p),
        ),
        FieldSpec(
            "closed_on",
            QT_TRANSLATE_NOOP("Field", "Closed on"),
            lambda p: DateEditor(optional=True, parent=p),
            QT_TRANSLATE_NOOP("Field", "The day it was kept, late or broken; today if left empty"),
        ),
    ]


def commitment_dialog(
    context: AppContext,
    record: commitments.Commitment | None = None,
    *,
    stakeholder_id: int | None = None,
    parent: QWidget | None = None,
) -> RecordDialog:
    """The form for a new commitment (to ``stakeholder_id`` if given) or for ``record``."""
    initial: dict[str, object] = {}
    if record is None:
        initial = {"made_on": clock.today(), "status": CommitmentStatus.OPEN.value}
        if stakeholder_id is not None:
            initial["stakeholder_id"] = stakeholder_id
    return RecordDialog(
        context,
        COMMITMENT,
        commitment_fields(_people_for(record)),
        record=record,
        initial=initial,
        parent=parent,
    )


def mark_command(
    context: AppContext, rows: list[commitments.Commitment], status: str
) -> CallCommand | None:
    """One undoable command that sets ``status`` on ``rows`` (those not already in it).

    Closing records today's date (the same day again on redo); undo puts back each one's
    previous status and closed-on date exactly.
    """
    targets = [c for c in rows if c.status != status]
    if not targets:
        return None
    before = {c.id: (c.status, c.closed_on) for c in targets}
    on = clock.today()
    action = _MARKS[status]
    if len(targets) == 1:
        text = translate(PAGE, action.one)
    else:
        text = translate(PAGE, action.many).format(format_count(len(targets)))

    def do() -> None:
        for commitment_id in before:
            commitments.set_status(commitment_id=commitment_id, status=status, on=on)

    def undo() -> None:
        for commitment_id, (old_status, old_closed) in before.items():
            commitments.update(commitment_id=commitment_id, status=old_status, closed_on=old_closed)

    return CallCommand(context, text, COMMITMENT.changes, do, undo)


class CommitmentsPage(RecordListPage):
    """The list with its filter and the one-click Kept / Late / Broken / Reopen buttons."""

    def __init__(self, context: AppContext, empty_page: QWidget | None) -> None:
        self._which = _saved_filter(context)
        self._has_any = False
        super().__init__(
            context,
            key="commitments",
            columns=COLUMNS,
            load=self._load_rows,
            kinds=COMMITMENT.changes.kinds,
            empty_page=empty_page,
            api=COMMITMENT,
            new_label=self.tr("New commitment…"),
            search_placeholder=self.tr("Search promises and people (Ctrl+F)"),
            list_name=self.tr("Commitments list"),
        )
        self.last_dialog: RecordDialog | None = None

        self.filter = QComboBox(self)
        self.filter.setObjectName("commitmentsFilter")
        self.filter.setAccessibleName(self.tr("Show"))
        for value, label in FILTERS:
            self.filter.addItem(translate(PAGE, label), value)
        self.filter.setCurrentIndex(max(self.filter.findData(self._which), 0))
        self.filter.currentIndexChanged.connect(self._filter_changed)
        show_label = QLabel(self.tr("&Show"), self)
        show_label.setBuddy(self.filter)

        self.mark_buttons: dict[str, QPushButton] = {}
        actions = QHBoxLayout()
        actions.addWidget(show_label)
        actions.addWidget(self.filter)
        actions.addStretch(1)
        mark_label = QLabel(self.tr("Mark selected:"), self)
        actions.addWidget(mark_label)
        for action in MARK_ACTIONS:
            button = QPushButton(translate(PAGE, action.label), self)
            button.setObjectName(f"commitments{action.label}")
            keys = QKeySequence(action.shortcut)
            shown = keys.toString(QKeySequence.SequenceFormat.NativeText)
            button.setToolTip(self.tr("{0} ({1})").format(translate(PAGE, action.tip), shown))
            button.clicked.connect(lambda _=False, s=action.status: self.mark_selected(s))
            shortcut = QShortcut(keys, self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda s=action.status: self.mark_selected(s))
            if action.status == CommitmentStatus.OPEN.value:
                actions.addSpacing(12)
            actions.addWidget(button)
            self.mark_buttons[action.status] = button
        self.main_layout.insertLayout(1, actions)

        self.none_label = QLabel(self)
        self.none_label.setObjectName("commitmentsNoneMatch")
        self.none_label.setTextFormat(Qt.TextFormat.PlainText)
        self.none_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.none_label.setWordWrap(True)
        self.stack.addWidget(self.none_label)

        if not context.settings.contains("lists/commitments/header"):
            self.table.sortByColumn(DUE_COLUMN, Qt.SortOrder.AscendingOrder)
        self._update_buttons()

    # -- data --------------------------------------------------------------------------------
    def _load_rows(self) -> list[CommitmentRow]:
        rows, has_any = self.load_work()()
        self.take_extra(has_any)
        return list(rows)

    def load_work(self) -> Callable[[], tuple[list[CommitmentRow], bool]]:
        """The filter's rows, and whether there are any commitments at all (read on the
        worker)."""
        which = self._which

        def work() -> tuple[list[CommitmentRow], bool]:
            rows = load_rows(which)
            return rows, bool(rows) or commitments.any_exist()

        return work

    def take_extra(self, extra: Any) -> None:
        self._has_any = bool(extra)

    @property
    def which(self) -> str:
        return self._which

    def set_filter(self, which: str) -> None:
        """Show ``which`` (one of the services' filters), as if picked in the control."""
        self.filter.setCurrentIndex(self.filter.findData(which))

    def _filter_changed(self, _index: int) -> None:
        self._which = self.filter.currentData() or DEFAULT_FILTER
        self.context.settings.setValue(FILTER_SETTING, self._which)
        self.refresh()

    def _show_count(self) -> None:
        super()._show_count()
        if self.model.rowCount() == 0 and self._has_any:
            # Commitments exist, none of them in this filter: say so, not "no commitments yet".
            self.none_label.setText(translate(PAGE, NONE_MATCH.get(self._which, "")))
            self.stack.setCurrentWidget(self.none_label)
            self.count_label.setText(count_of("commitments", 0))

    def _update_buttons(self, *_: object) -> None:
        super()._update_buttons()
        if not hasattr(self, "mark_buttons"):
            return
        rows = self.table.selected_rows()
        writable = self.context.writable
        for status, button in self.mark_buttons.items():
            button.setEnabled(writable and any(r.record.status != status for r in rows))

    # -- actions -----------------------------------------------------------------------------
    def mark_selected(self, status: str) -> bool:
        """Give the selected commitments ``status``; one click, one undoable command."""
        if not self.context.writable:
            return False
        command = mark_command(self.context, [r.record for r in self.table.selected_rows()], status)
        if command is None:
            return False
        return self.context.run(command)

    def open_editor(self, row: CommitmentRow | None) -> None:
        record = commitments.get(commitment_id=row.id) if row is not None else None
        dialog = commitment_dialog(self.context, record, parent=self)
        self.last_dialog = dialog
        dialog.open()


def _saved_filter(context: AppContext) -> str:
    value = context.settings.value(FILTER_SETTING, DEFAULT_FILTER)
    return value if value in commitments.FILTERS else DEFAULT_FILTER


def build_page(context: AppContext, empty_page: QWidget) -> QWidget:
    return CommitmentsPage(context, empty_page)
