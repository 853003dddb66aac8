"""A goal's checkpoints and milestones as the goal window edits them: held with the form.

Adding, editing or removing a checkpoint or milestone changes only the window's lists; the
goal's Save writes the goal and every one of those changes as one undoable step
(``SaveGoal``), and Cancel discards them all with the form (see ``goal_editor``). A list knows
the records it was loaded with, so what Save must do is the difference: rows with a negative
id are new, rows whose fields differ are edits, loaded ids no longer listed are removals.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from functools import partial
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from advisor_planner.services.changes import Change, Changes
from advisor_planner.ui.commands import CreateRecord, DeleteRecords, RecordApi, UpdateRecord
from advisor_planner.ui.context import AppContext, RecordCommand
from advisor_planner.ui.record_form import FieldSpec, RecordDialog
from advisor_planner.ui.table import Column, RecordTableModel

#: What saving a goal with its checkpoints and milestones may change.
GOAL_CHANGES = Changes.of(Change.GOAL, Change.CHECKPOINT, Change.MILESTONE)

#: Fields a record carries that the form neither shows nor compares.
_BOOKKEEPING = ("id", "goal_id", "created_at", "updated_at")


class StagedRecordDialog(RecordDialog):
    """A checkpoint's or milestone's form whose OK keeps the values for the goal's Save:
    ``saved`` is the cleaned values (``api.validate`` checks the record's own fields)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.save_button.setText(self.tr("OK"))
        self.save_button.setToolTip(self.tr("Keep it in the goal's form; the goal's Save saves it"))

    def save(self) -> None:
        self._show_all = True
        if not self.validate():
            return
        self.saved = self.api.validate(self.full_values())
        self._initial = self.values()
        self.accept()


class StagedList(QWidget):
    """A small table of one goal's checkpoints or milestones with Add, Edit and Remove,
    changed here and saved with the goal."""

    changed = Signal()

    def __init__(
        self,
        context: AppContext,
        *,
        title: str,
        api: RecordApi,
        blank: Any,
        columns: Sequence[Column],
        fields: Callable[[], list[FieldSpec]],
        order: Callable[[Any], Any],
        name: str,
        rows_shown: int,
        new_initial: Mapping[str, Any] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.api = api
        self._blank = blank  # an empty record of the kind: new rows are copies of it
        self._fields = fields
        self._order = order
        self._new_initial = dict(new_initial or {})
        self._loaded: dict[int, Any] = {}
        self._next_new_id = -1
        self.rows: list[Any] = []
        self.last_dialog: StagedRecordDialog | None = None
        self.setObjectName(name)
        heading = QLabel(title, self)
        heading.setTextFormat(Qt.TextFormat.PlainText)
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        self.model = RecordTableModel(columns, self)
        self.table = self._build_table(columns, name=name, title=title, rows_shown=rows_shown)
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

    def _build_table(
        self, columns: Sequence[Column], *, name: str, title: str, rows_shown: int
    ) -> QTableView:
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
        row_height = table.fontMetrics().height() + 8
        table.verticalHeader().setDefaultSectionSize(row_height)
        table.horizontalHeader().setStretchLastSection(True)
        table.horizontalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        )
        for column, spec in enumerate(columns):
            if spec.width:
                table.setColumnWidth(column, spec.width)
        # Tall enough for ``rows_shown`` rows under the header (it was a fixed 110 px, which
        # showed three or four), in the font's own units so it holds at 150 % too.
        header = table.horizontalHeader().sizeHint().height()
        table.setMinimumHeight(header + rows_shown * row_height + 2 * table.frameWidth())
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

    # -- the rows --------------------------------------------------------------------------
    def load(self, records: Sequence[Any]) -> None:
        """Show ``records`` as saved: nothing to save until they are changed here."""
        self._loaded = {record.id: record for record in records}
        self._set_rows(list(records))

    def _set_rows(self, rows: list[Any]) -> None:
        self.rows = sorted(rows, key=lambda row: (self._order(row), row.id > 0, abs(row.id)))
        self.model.set_rows(self.rows)
        self._update_buttons()
        self.changed.emit()

    def _values(self, record: Any) -> dict[str, Any]:
        return {
            f.name: getattr(record, f.name)
            for f in dataclasses.fields(record)
            if f.name not in _BOOKKEEPING
        }

    def added(self) -> list[dict[str, Any]]:
        return [self._values(row) for row in self.rows if row.id < 0]

    def edited(self) -> list[tuple[int, dict[str, Any]]]:
        edits = []
        for row in self.rows:
            if row.id > 0:
                before, after = self._values(self._loaded[row.id]), self._values(row)
                changes = {k: value for k, value in after.items() if before[k] != value}
                if changes:
                    edits.append((row.id, changes))
        return edits

    def removed(self) -> list[int]:
        listed = {row.id for row in self.rows}
        return [record_id for record_id in self._loaded if record_id not in listed]

    def is_dirty(self) -> bool:
        return bool(self.added() or self.edited() or self.removed())

    def steps(self, goal_id: int) -> list[Callable[[], RecordCommand]]:
        """The commands that save this list's changes to goal ``goal_id``, made when run."""
        makers: list[Callable[[], RecordCommand]] = []
        for record_id, changes in self.edited():
            makers.append(partial(UpdateRecord, self.context, self.api, record_id, changes))
        removed = self.removed()
        if removed:
            makers.append(partial(DeleteRecords, self.context, self.api, removed))
        for values in self.added():
            fields = {"goal_id": goal_id, **values}
            makers.append(partial(CreateRecord, self.context, self.api, fields))
        return makers

    # -- the buttons -----------------------------------------------------------------------
    def _update_buttons(self, *_: object) -> None:
        has = bool(self.table.selectionModel().selectedRows())
        self.add_button.setEnabled(self.context.writable)
        self.edit_button.setEnabled(has and self.context.writable)
        self.remove_button.setEnabled(has and self.context.writable)

    def selected(self) -> list[Any]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.row_at(row) for row in rows]

    def add(self) -> StagedRecordDialog:
        return self._open(None)

    def edit_current(self) -> StagedRecordDialog | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self._open(self.model.row_at(index.row()))

    def _open(self, record: Any | None) -> StagedRecordDialog:
        if self.last_dialog is not None and not self.last_dialog.isVisible():
            self.last_dialog.deleteLater()
        title = (self.tr("Edit {0}") if record else self.tr("New {0}")).format(self.api.noun)
        dialog = StagedRecordDialog(
            self.context,
            self.api,
            self._fields(),
            record=record,
            initial=None if record else self._new_initial,
            title=title,
            parent=self,
        )
        dialog.accepted.connect(lambda: self._keep(record, dialog.saved))
        dialog.open()
        self.last_dialog = dialog
        return dialog

    def _keep(self, record: Any | None, values: Mapping[str, Any]) -> None:
        if record is None:
            row = dataclasses.replace(self._blank, id=self._next_new_id, **values)
            self._next_new_id -= 1
            self._set_rows([*self.rows, row])
        else:
            row = dataclasses.replace(record, **values)
            self._set_rows([row if r.id == record.id else r for r in self.rows])

    def remove_selected(self) -> None:
        gone = {row.id for row in self.selected()}
        if gone:
            self._set_rows([row for row in self.rows if row.id not in gone])


class SaveGoal(RecordCommand):
    """A goal and the changes to its checkpoints and milestones, as one undoable step.

    The steps are made as they run (a new goal's checkpoints need its id). If one fails, the
    steps done are taken back before the error goes on, so the database is as it was and the
    window, still open, keeps everything typed.
    """

    def __init__(
        self,
        context: AppContext,
        text: str,
        *,
        goal_step: Callable[[], RecordCommand | None],
        goal_id: int | None,
        lists: Sequence[StagedList],
    ) -> None:
        super().__init__(context, text, GOAL_CHANGES)
        self._goal_step = goal_step
        self._goal_id = goal_id
        self._lists = list(lists)
        self._steps: list[RecordCommand] | None = None
        self.result: Any = None

    def do(self) -> None:
        if self._steps is not None:  # a redo: the same steps, under the same ids
            for step in self._steps:
                step.do()
            return
        done: list[RecordCommand] = []
        try:
            goal_id = self._goal_id
            goal = self._goal_step()
            if goal is not None:
                goal.do()
                done.append(goal)
                self.result = getattr(goal, "result", None)
                goal_id = goal_id if goal_id is not None else getattr(goal, "record_id", None)
            assert goal_id is not None  # a new goal's step always creates it
            makers = [make for part in self._lists for make in part.steps(goal_id)]
            for make in makers:
                step = make()
                step.do()
                done.append(step)
        except Exception:
            for step in reversed(done):
                step.undo_change()
            raise
        self._steps = done
        if len(done) == 1:
            self.setText(done[0].text())  # one change: named as itself ("Add checkpoint …")

    def undo_change(self) -> None:
        for step in reversed(self._steps or []):
            step.undo_change()
