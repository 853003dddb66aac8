"""The goal editor: a brand goal's form, with its checkpoints and milestones beside it.

The form holds the goal itself (audience, dates, metric) and, beside it, its progress
checkpoints and milestones. Those are records of their own, saved (undoably) the moment they
are added, changed or removed; for a goal not saved yet, adding the first one saves the goal
first, which the dialog says in so many words.

The initiatives' form shares its helpers: metric numbers as people write them and type them
(``metric_text``, ``ParsedNumberEditor``) and the people a picker offers (``people_names``).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from advisor_planner.domain.enums import GoalStatus, TrustFactor
from advisor_planner.services import goals, stakeholders
from advisor_planner.services.changes import Change, Changes
from advisor_planner.services.errors import NotFoundError, ValidationError
from advisor_planner.services.insights import goal_series
from advisor_planner.translation import QT_TRANSLATE_NOOP
from advisor_planner.ui.commands import CreateRecord, DeleteRecords, RecordApi
from advisor_planner.ui.context import AppContext
from advisor_planner.ui.fields import (
    ChoiceEditor,
    DateEditor,
    LineEditor,
    LongTextEditor,
    PeopleEditor,
    TextEditor,
    shown_number,
)
from advisor_planner.ui.i18n import choice_label, format_date, format_number, translate
from advisor_planner.ui.record_apis import CHECKPOINT, GOAL, MILESTONE
from advisor_planner.ui.record_form import FieldSpec, RecordDialog, error_label
from advisor_planner.ui.table import Column, RecordTableModel


def status_choices() -> list[tuple[str, str]]:
    return [(status.value, choice_label(status)) for status in GoalStatus]


def trust_factor_choices() -> list[tuple[str, str]]:
    return [(factor.value, choice_label(factor)) for factor in TrustFactor]


def _checkpoint_label(checkpoint: goals.Checkpoint) -> str:
    day = checkpoint.recorded_on
    assert day is not None  # services give every stored checkpoint its day (today by default)
    return QCoreApplication.translate("GoalDialog", "{0} on {1}").format(
        metric_text(checkpoint.value), format_date(day)
    )


# The services label of a checkpoint already says "checkpoint"; without it undo reads
# "Undo add checkpoint 42 on 2024-05-01" rather than "... checkpoint checkpoint 42 ...".
CHECKPOINT_API: RecordApi = dataclasses.replace(CHECKPOINT, label=_checkpoint_label)
MILESTONE_API: RecordApi = MILESTONE


def metric_text(value: float | None) -> str:
    """A metric value as people write it: 40, 12.5, 1,250 (no trailing zeros), with the
    locale's digit grouping and decimal mark."""
    if value is None:
        return ""
    if not math.isfinite(value):
        return str(value)
    if float(value).is_integer():
        return format_number(value)
    return format_number(value, 2).rstrip("0").rstrip(QLocale().decimalPoint())


class ParsedNumberEditor(LineEditor):
    """A number field whose value is the number when the text is one (so an unchanged form
    compares equal to the record it shows), else the text, for ``services`` to explain.

    Outside the C locale the number is shown and read with the locale's decimal mark (12,5),
    and the plain form (12.5) is still understood."""

    def value(self) -> float | str | None:
        text = self.edit.text().strip()
        if not text:
            return None
        locale = QLocale()
        if locale.language() != QLocale.Language.C:
            number, ok = locale.toDouble(text)
            if ok:
                return number
        try:
            return float(text)
        except ValueError:
            return text

    def set_value(self, value: Any) -> None:
        locale = QLocale()
        if isinstance(value, float) and locale.language() != QLocale.Language.C:
            value = locale.toString(value, "g", 15)
        super().set_value(shown_number(value))


def people_names(keep: Iterable[int] = ()) -> dict[int, str]:
    """Everyone a picker offers, plus anyone already chosen who has since been archived (so
    editing a record does not silently drop them)."""
    names = stakeholders.names()
    missing = [sid for sid in keep if sid not in names]
    if missing:
        everyone = stakeholders.names(include_archived=True)
        names.update({sid: everyone[sid] for sid in missing if sid in everyone})
    return names


# -- the editor -------------------------------------------------------------------------------
def goal_fields(names: dict[int, str]) -> list[FieldSpec]:
    return [
        FieldSpec(
            "title",
            QT_TRANSLATE_NOOP("Field", "Title"),
            lambda p: TextEditor(
                placeholder=translate("Field", "The advisor Finance calls first on cloud cost"),
                parent=p,
            ),
        ),
        FieldSpec(
            "statement",
            QT_TRANSLATE_NOOP("Field", "Statement"),
            lambda p: LongTextEditor(
                placeholder=translate("Field", "What I want to be known for, and by whom"),
                parent=p,
            ),
        ),
        FieldSpec(
            "trust_factor",
            QT_TRANSLATE_NOOP("Field", "Trust factor"),
            lambda p: ChoiceEditor(trust_factor_choices(), optional=True, parent=p),
            QT_TRANSLATE_NOOP(
                "Field", "The part of the trust equation (or warmth / competence) this goal builds"
            ),
        ),
        FieldSpec(
            "audience_ids",
            QT_TRANSLATE_NOOP("Field", "Audience"),
            lambda p: PeopleEditor(names, parent=p),
            QT_TRANSLATE_NOOP("Field", "The people whose view of me this goal is about"),
        ),
        FieldSpec("start_on", QT_TRANSLATE_NOOP("Field", "Start"), lambda p: DateEditor(parent=p)),
        FieldSpec(
            "target_on",
            QT_TRANSLATE_NOOP("Field", "Target date"),
            lambda p: DateEditor(optional=True, parent=p),
            QT_TRANSLATE_NOOP("Field", "Tick to set a date by which the goal should be reached"),
        ),
        FieldSpec(
            "status",
            QT_TRANSLATE_NOOP("Field", "Status"),
            lambda p: ChoiceEditor(status_choices(), parent=p),
        ),
        FieldSpec(
            "metric",
            QT_TRANSLATE_NOOP("Field", "Metric"),
            lambda p: TextEditor(
                placeholder=translate("Field", "Finance requests routed to me per month"),
                parent=p,
            ),
        ),
        FieldSpec(
            "baseline",
            QT_TRANSLATE_NOOP("Field", "Baseline"),
            lambda p: ParsedNumberEditor(placeholder=translate("Field", "e.g. 2"), parent=p),
        ),
        FieldSpec(
            "target",
            QT_TRANSLATE_NOOP("Field", "Target"),
            lambda p: ParsedNumberEditor(placeholder=translate("Field", "e.g. 10"), parent=p),
        ),
    ]


def checkpoint_fields() -> list[FieldSpec]:
    return [
        FieldSpec(
            "recorded_on", QT_TRANSLATE_NOOP("Field", "Date"), lambda p: DateEditor(parent=p)
        ),
        FieldSpec(
            "value",
            QT_TRANSLATE_NOOP("Field", "Value"),
            lambda p: ParsedNumberEditor(placeholder=translate("Field", "e.g. 6"), parent=p),
        ),
        FieldSpec(
            "note",
            QT_TRANSLATE_NOOP("Field", "Note"),
            lambda p: TextEditor(
                placeholder=translate("Field", "Where the number came from"),
                parent=p,
            ),
        ),
    ]


def milestone_fields() -> list[FieldSpec]:
    return [
        FieldSpec(
            "title",
            QT_TRANSLATE_NOOP("Field", "Title"),
            lambda p: TextEditor(
                placeholder=translate("Field", "Cost review with the CFO"),
                parent=p,
            ),
        ),
        FieldSpec(
            "due_on",
            QT_TRANSLATE_NOOP("Field", "Due"),
            lambda p: DateEditor(optional=True, parent=p),
        ),
        FieldSpec(
            "done_on",
            QT_TRANSLATE_NOOP("Field", "Done on"),
            lambda p: DateEditor(optional=True, parent=p),
            QT_TRANSLATE_NOOP("Field", "Tick when the milestone is reached"),
        ),
    ]


CHECKPOINT_COLUMNS = [
    Column(QT_TRANSLATE_NOOP("Column", "Date"), lambda c: c.recorded_on, width=95),
    Column(
        QT_TRANSLATE_NOOP("Column", "Value"),
        lambda c: c.value,
        text=metric_text,
        numeric=True,
        width=70,
    ),
    Column(QT_TRANSLATE_NOOP("Column", "Note"), lambda c: " ".join(c.note.split())),
]
MILESTONE_COLUMNS = [
    Column(QT_TRANSLATE_NOOP("Column", "Milestone"), lambda ms: ms.title, width=200),
    Column(QT_TRANSLATE_NOOP("Column", "Due"), lambda ms: ms.due_on, width=95),
    Column(QT_TRANSLATE_NOOP("Column", "Done on"), lambda ms: ms.done_on),
]


class SubRecordList(QWidget):
    """A small table of one goal's checkpoints or milestones with Add, Edit and Remove.

    Each change is its own undoable command; ``goal_id`` asks the dialog for the goal's id
    (saving a new goal first) and returns None when that cannot be done yet.
    """

    def __init__(
        self,
        context: AppContext,
        *,
        title: str,
        api: RecordApi,
        columns: Sequence[Column],
        fields: Callable[[], list[FieldSpec]],
        load: Callable[[int], list[Any]],
        goal_id: Callable[[], int | None],
        name: str,
        new_initial: Mapping[str, Any] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.api = api
        self._fields = fields
        self._load = load
        self._goal_id = goal_id
        self._new_initial = dict(new_initial or {})
        self._current_goal: int | None = None
        self.last_dialog: RecordDialog | None = None
        self.setObjectName(name)

        heading = QLabel(title, self)
        heading.setTextFormat(Qt.TextFormat.PlainText)
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        self.model = RecordTableModel(columns, self)
        self.table = self._build_table(columns, name=name, title=title)
        self._build_buttons(name=name, noun=api.noun)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)

        buttons = QHBoxLayout()
        buttons.addWidget(heading, 1)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        self._update_buttons()

    def _build_table(self, columns: Sequence[Column], *, name: str, title: str) -> QTableView:
        table = QTableView(self)
        table.setObjectName(f"{name}Table")
        table.setAccessibleName(title)
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
        table.horizontalHeader().setStretchLastSection(True)
        table.horizontalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        )
        for column, spec in enumerate(columns):
            if spec.width:
                table.setColumnWidth(column, spec.width)
        table.setMinimumHeight(110)
        table.doubleClicked.connect(lambda _index: self.edit_current())
        return table

    def _build_buttons(self, *, name: str, noun: str) -> None:
        """Add, Edit and Remove, named for the record (e.g. "Add checkpoint")."""
        self.add_button = QPushButton(self.tr("Add…"), self)
        self.add_button.setObjectName(f"{name}Add")
        self.edit_button = QPushButton(self.tr("Edit…"), self)
        self.edit_button.setObjectName(f"{name}Edit")
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.remove_button.setObjectName(f"{name}Remove")
        for button, what in (
            (self.add_button, self.tr("Add {0}")),
            (self.edit_button, self.tr("Edit {0}")),
            (self.remove_button, self.tr("Remove {0}")),
        ):
            button.setAccessibleName(what.format(noun))
            button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit_current)
        self.remove_button.clicked.connect(self.remove_selected)

    def show_goal(self, goal_id: int | None) -> None:
        self._current_goal = goal_id
        self.refresh()

    def refresh(self) -> None:
        rows: list[Any] = []
        if self._current_goal is not None:
            rows = self._load(self._current_goal)
        self.model.set_rows(rows)
        self._update_buttons()

    def _update_buttons(self, *_: object) -> None:
        has = bool(self.table.selectionModel().selectedRows())
        self.add_button.setEnabled(self.context.writable)
        self.edit_button.setEnabled(has and self.context.writable)
        self.remove_button.setEnabled(has and self.context.writable)

    def selected(self) -> list[Any]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.row_at(row) for row in rows]

    def add(self) -> RecordDialog | None:
        goal_id = self._goal_id()
        if goal_id is None:
            return None
        return self._open(None, goal_id)

    def edit_current(self) -> RecordDialog | None:
        index = self.table.currentIndex()
        if not index.isValid() or self._current_goal is None:
            return None
        return self._open(self.model.row_at(index.row()), self._current_goal)

    def _open(self, record: Any | None, goal_id: int) -> RecordDialog:
        if self.last_dialog is not None and not self.last_dialog.isVisible():
            self.last_dialog.deleteLater()
        title = (self.tr("Edit {0}") if record else self.tr("New {0}")).format(self.api.noun)
        dialog = RecordDialog(
            self.context,
            self.api,
            self._fields(),
            record=record,
            initial=None if record else self._new_initial,
            title=title,
            parent=self,
        )
        if record is None:
            dialog.set_hidden(goal_id=goal_id)
        dialog.open()
        self.last_dialog = dialog
        return dialog

    def remove_selected(self) -> None:
        rows = self.selected()
        if rows:
            self.context.run(DeleteRecords(self.context, self.api, [row.id for row in rows]))


class GoalDialog(RecordDialog):
    """A brand goal's form, with its checkpoints and milestones beside it."""

    record: goals.BrandGoal | None

    def __init__(
        self,
        context: AppContext,
        record: goals.BrandGoal | None = None,
        *,
        parent: QWidget | None = None,
    ) -> None:
        names = people_names(record.audience_ids if record else ())
        super().__init__(context, GOAL, goal_fields(names), record=record, parent=parent)
        self.setMinimumWidth(980)
        self.editors["statement"].setMaximumHeight(110)

        self.checkpoints = SubRecordList(
            context,
            title=self.tr("Progress checkpoints"),
            api=CHECKPOINT_API,
            columns=CHECKPOINT_COLUMNS,
            fields=checkpoint_fields,
            load=lambda goal_id: goals.checkpoints(goal_id=goal_id),
            goal_id=self.ensure_saved,
            name="checkpoints",
            new_initial={"value": None},  # typed each time: no 0 to save by mistake
            parent=self,
        )
        self.milestones = SubRecordList(
            context,
            title=self.tr("Milestones"),
            api=MILESTONE_API,
            columns=MILESTONE_COLUMNS,
            fields=milestone_fields,
            load=lambda goal_id: goals.milestones(goal_id=goal_id),
            goal_id=self.ensure_saved,
            name="milestones",
            parent=self,
        )
        # The path chart imports pyqtgraph: with the dialog, not with the Goals section.
        from advisor_planner.charts.goals import GoalPathChart
        from advisor_planner.charts.palette import ChartPalette
        from advisor_planner.charts.view import ChartView

        palette = ChartPalette.from_palette(self.palette())
        self.path_chart = ChartView(GoalPathChart(palette), self, minimum_height=230)
        self.sub_note = QLabel(self)
        self.sub_note.setObjectName("subRecordNote")
        self.sub_note.setTextFormat(Qt.TextFormat.PlainText)
        self.sub_note.setWordWrap(True)
        self.sub_error = error_label(self)
        self.sub_error.setObjectName("subRecordError")

        side = QWidget(self)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.sub_note)
        side_layout.addWidget(self.sub_error)
        side_layout.addWidget(self.path_chart, 3)
        side_layout.addWidget(self.checkpoints, 3)
        side_layout.addWidget(self.milestones, 2)

        # Put the form (the first item of RecordDialog's layout) and the lists side by side.
        outer = self.main_layout
        form = self.form_layout
        outer.removeItem(form)
        form.setParent(None)
        form_column = QVBoxLayout()
        form_column.addLayout(form)
        form_column.addStretch(1)
        row = QHBoxLayout()
        row.addLayout(form_column, 5)
        row.addSpacing(12)
        row.addWidget(side, 4)
        outer.insertLayout(0, row, 1)

        context.events.changed.connect(self._on_changed)
        self._show_state()

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(Change.CHECKPOINT, Change.MILESTONE, Change.GOAL):
            self._show_state()

    def _show_state(self) -> None:
        goal_id = self.record.id if self.record is not None else None
        if goal_id is not None:
            try:
                goals.get(goal_id=goal_id)
            except NotFoundError:  # deleted (or its creation undone) while open
                goal_id = None
        if self.record is None:
            text = self.tr(
                "Checkpoints and milestones are saved as soon as you add them. Adding the "
                "first one saves this goal too."
            )
        elif goal_id is None:
            text = self.tr("This goal is no longer in the database (it was deleted).")
        else:
            text = self.tr(
                "Checkpoints and milestones are saved as soon as you add, edit or remove "
                "them; Ctrl+Z takes each change back."
            )
        self.sub_note.setText(text)
        self.checkpoints.show_goal(goal_id)
        self.milestones.show_goal(goal_id)
        path = goal_series.goal_trajectory(goal_id=goal_id) if goal_id is not None else None
        self.path_chart.setVisible(path is not None)
        if path is not None:
            self.path_chart.set_series(path)

    def ensure_saved(self) -> int | None:
        """The goal's id, saving a new goal first; None (with the reason shown) if the goal
        cannot be saved yet."""
        self.sub_error.hide()
        if self.record is not None:
            return self.record.id
        try:
            self.api.validate(self.full_values())
        except ValidationError as exc:
            self._show_all = True  # say which field stops it, beside that field
            self.validate()
            self.sub_error.setText(
                self.tr(
                    "The goal is saved before its first checkpoint or milestone, and it "
                    "cannot be saved yet. {0}"
                ).format(exc)
            )
            self.sub_error.show()
            return None
        command = CreateRecord(self.context, self.api, self.hidden_values() | self.values())
        if not self.context.run(command):
            return None
        self.record = command.result
        self.saved = command.result
        self._initial = self.values()
        self.setWindowTitle(self.tr("Edit {0}").format(self.api.noun))
        self._show_state()
        return self.record.id
