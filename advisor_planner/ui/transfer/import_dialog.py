"""File ▸ Import…: a file in, with a preview first and one-step undo.

The dialog (``ImportDialog``) reads and plans the whole file on a worker
(``interchange.plan_import``, or ``services.archive_read.read``), shows what will be added, merged
and skipped with each reason, and only then writes, on a worker again, in one transaction,
with a progress bar. The import goes on the undo stack as one command: Ctrl+Z takes all of
it back. A CSV first gets a mapping step (``column_mapping``: its headers matched to fields,
correctable); a calendar can add its unknown attendees; an archive into a database with data
asks before merging.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QStandardPaths, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from advisor_planner import file_dialogs
from advisor_planner.interchange import csv_import, csv_table, plan_import
from advisor_planner.services import archive, archive_read, imports
from advisor_planner.services.changes import Change, Changes
from advisor_planner.services.errors import ServiceError, storage_sentence
from advisor_planner.services.imports import ADD, MERGE, SKIP, ImportPlan
from advisor_planner.services.workers import on_worker
from advisor_planner.translation import QT_TRANSLATE_NOOP
from advisor_planner.ui.context import AppContext, RecordCommand
from advisor_planner.ui.i18n import format_count, translate
from advisor_planner.ui.record_form import error_label
from advisor_planner.ui.table import Column, RecordTableModel
from advisor_planner.ui.tasks import ProgressRelay, Task, run_in_background
from advisor_planner.ui.transfer.column_mapping import MappingPage

IMPORT_FILTERS = (
    QT_TRANSLATE_NOOP(
        "ImportDialog", "Files Advisor Planner imports (*.vcf *.vcard *.ics *.csv *.json)"
    ),
    QT_TRANSLATE_NOOP("ImportDialog", "Contacts (*.vcf *.vcard)"),
    QT_TRANSLATE_NOOP("ImportDialog", "Calendars (*.ics)"),
    QT_TRANSLATE_NOOP("ImportDialog", "Spreadsheets (*.csv)"),
    QT_TRANSLATE_NOOP("ImportDialog", "Advisor Planner archives (*.json)"),
    QT_TRANSLATE_NOOP("ImportDialog", "All files (*)"),
)
IMPORTABLE_SUFFIXES = frozenset({".vcf", ".vcard", ".ics", ".csv", ".json"})
#: The preview's words for what happens to each record, and for each kind of record.
ACTION_TEXT = {
    ADD: QT_TRANSLATE_NOOP("ImportDialog", "Add"),
    MERGE: QT_TRANSLATE_NOOP("ImportDialog", "Merge"),
    SKIP: QT_TRANSLATE_NOOP("ImportDialog", "Skip"),
}
KIND_TEXT = {
    "stakeholder": QT_TRANSLATE_NOOP("ImportDialog", "stakeholder"),
    "touchpoint": QT_TRANSLATE_NOOP("ImportDialog", "touchpoint"),
}
#: What "Show" offers: every change, or those of one action.
SHOW_CHOICES = (
    ("", QT_TRANSLATE_NOOP("ImportDialog", "Everything")),
    (ADD, QT_TRANSLATE_NOOP("ImportDialog", "To add")),
    (MERGE, QT_TRANSLATE_NOOP("ImportDialog", "To merge")),
    (SKIP, QT_TRANSLATE_NOOP("ImportDialog", "Skipped")),
)
#: What an archive holds, table by table, as the preview counts it.
ARCHIVE_COUNTS = (
    ("stakeholder", QT_TRANSLATE_NOOP("ImportDialog", "{0} stakeholders")),
    ("touchpoint", QT_TRANSLATE_NOOP("ImportDialog", "{0} touchpoints")),
    ("commitment", QT_TRANSLATE_NOOP("ImportDialog", "{0} commitments")),
    ("reflection", QT_TRANSLATE_NOOP("ImportDialog", "{0} reflections")),
    ("brand_goal", QT_TRANSLATE_NOOP("ImportDialog", "{0} goals")),
    ("initiative", QT_TRANSLATE_NOOP("ImportDialog", "{0} initiatives")),
)
PLAN_CHANGES = Changes.of(Change.STAKEHOLDER, Change.TOUCHPOINT)


# -- work done on a worker (through services.workers.on_worker) ------------------------------


def _read_csv(path: Path) -> Any:
    return csv_table.read_table(path)


def _plan(
    path: Path, add_unknown: bool, mapping: Any, kind: Any, table: Any, date_order: Any = None
) -> ImportPlan:
    if table is not None:
        return csv_import.plan_csv(
            path,
            mapping=mapping,
            kind=kind,
            table=table,
            date_order=date_order,
            add_unknown=add_unknown,
        )
    return plan_import(path, add_unknown=add_unknown)


def _read_archive(path: Path) -> tuple[archive_read.Archive, bool]:
    return archive_read.read(path), archive.is_empty()


def _apply(plan: ImportPlan, progress: Callable[[str, float], None]) -> imports.ImportResult:
    return imports.apply(plan, progress=lambda done, total: progress("write", done / total))


# -- the undo command -------------------------------------------------------------------------


class ImportCommand(RecordCommand):
    """A whole import, already written on a worker: undo takes all of it back, redo writes
    it again."""

    def __init__(
        self,
        context: AppContext,
        text: str,
        *,
        plan: ImportPlan | None = None,
        result: Any,
        archive_path: Path | None = None,
        merge: bool = False,
    ) -> None:
        changes = Changes.everything() if archive_path is not None else PLAN_CHANGES
        super().__init__(context, text, changes)
        self.plan = plan
        self.result = result
        self.archive_path = archive_path
        self.merge = merge
        self.mark_executed()

    def do(self) -> None:
        if self.archive_path is not None:
            self.result = archive.load(self.archive_path, merge=self.merge)
        else:
            assert self.plan is not None
            self.result = imports.apply(self.plan)

    def undo_change(self) -> None:
        if self.archive_path is not None:
            archive.unload(self.result)
        else:
            imports.revert(self.result)


# -- the dialog -------------------------------------------------------------------------------


def _words(text: str) -> str:
    return translate("ImportDialog", text)


def _change_columns() -> list[Column]:
    return [
        Column(
            QT_TRANSLATE_NOOP("Column", "What"), lambda c: _words(ACTION_TEXT[c.action]), width=60
        ),
        Column(
            QT_TRANSLATE_NOOP("Column", "Kind"),
            lambda c: _words(KIND_TEXT[c.kind]) if c.kind in KIND_TEXT else c.kind,
            width=90,
        ),
        Column(QT_TRANSLATE_NOOP("Column", "Record"), lambda c: c.label, width=240),
        Column(QT_TRANSLATE_NOOP("Column", "Where"), lambda c: c.source, width=140),
        Column(QT_TRANSLATE_NOOP("Column", "Why"), lambda c: c.reason),
    ]


class ImportDialog(QDialog):
    """Preview an import, then write it as one undoable step (see the module)."""

    imported = Signal(object)  # the ImportResult or archive LoadResult
    planned = Signal()  # a preview is ready (or the file was refused: see ``refusal``)

    def __init__(self, context: AppContext, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.path = Path(path)
        self.setObjectName("importDialog")
        self.setWindowTitle(self.tr("Import {0}").format(self.path.name))
        self.setMinimumSize(760, 480)
        self.task: Task | None = None
        self.plan: ImportPlan | None = None
        self.archive: archive_read.Archive | None = None
        self.archive_into_empty = True
        self.csv_table: Any = None
        self.refusal = ""
        self.result: Any = None
        self.is_csv = self.path.suffix.lower() == ".csv"
        self.is_archive = self.path.suffix.lower() == ".json"

        self.pages = QStackedWidget(self)
        self.mapping = MappingPage(self)
        self.mapping.changed.connect(self._mapping_changed)
        self.pages.addWidget(self.mapping)
        self.pages.addWidget(self._build_preview())

        self.progress = QProgressBar(self)
        self.progress.setObjectName("importProgress")
        self.progress.hide()
        self.status = QLabel(self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.error = error_label(self)
        self.back_button = QPushButton(self.tr("Back"), self)
        self.back_button.clicked.connect(lambda: self._show_page(self.mapping))
        self.next_button = QPushButton(self.tr("Preview"), self)
        self.next_button.setObjectName("importPreview")
        self.next_button.clicked.connect(self.preview_csv)
        self.import_button = QPushButton(self.tr("Import"), self)
        self.import_button.setObjectName("importApply")
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.start_import)
        self.close_button = QPushButton(self.tr("Cancel"), self)
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.next_button)
        buttons.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        for button in (self.back_button, self.next_button, self.import_button):
            button.hide()
        self._show_page(self.preview)
        self._read()

    def _build_preview(self) -> QWidget:
        self.preview = QWidget(self)
        self.summary = QLabel(self.preview)
        self.summary.setObjectName("importSummary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.show_only = QComboBox(self.preview)
        self.show_only.setObjectName("importShow")
        for data, label in SHOW_CHOICES:
            self.show_only.addItem(_words(label), data)
        self.show_only.currentIndexChanged.connect(self._fill_changes)
        calendar = self.path.suffix.lower() == ".ics"
        self.add_unknown = QCheckBox(
            self.tr("Add attendees who are not yet stakeholders")
            if calendar
            else self.tr("Add the people named who are not yet stakeholders"),
            self.preview,
        )
        self.add_unknown.setObjectName("importAddUnknown")
        self.add_unknown.setToolTip(
            self.tr("Otherwise a meeting with no known attendee is skipped")
            if calendar
            else self.tr("Otherwise they are left out, and a row naming no one you know is skipped")
        )
        self.add_unknown.setVisible(calendar)
        self.add_unknown.toggled.connect(lambda _on: self._read())
        self.merge = QCheckBox(self.tr("Merge it into the data already here"), self.preview)
        self.merge.setObjectName("importMerge")
        self.merge.hide()
        self.merge.toggled.connect(lambda _on: self._update_buttons())
        self.changes = RecordTableModel(_change_columns(), self.preview)
        self.change_view = QTableView(self.preview)
        self.change_view.setObjectName("importChanges")
        self.change_view.setModel(self.changes)
        self.change_view.verticalHeader().hide()
        self.change_view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.change_view.setWordWrap(False)
        header = self.change_view.horizontalHeader()
        header.setStretchLastSection(True)
        for index, column in enumerate(self.changes.columns):
            if column.width:
                self.change_view.setColumnWidth(index, column.width)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        self.show_label = QLabel(self.tr("Show"), self.preview)
        top.addWidget(self.show_label)
        top.addWidget(self.show_only)
        layout = QVBoxLayout(self.preview)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.add_unknown)
        layout.addWidget(self.merge)
        layout.addWidget(self.change_view, 1)
        layout.addStretch(0)  # holds the archive's summary at the top (it has no table)
        return self.preview

    # -- reading and planning ----------------------------------------------------------------

    def _read(self) -> None:
        """Read (and plan) the file on a worker; the preview shows when it is done."""
        reading = self.tr("Reading {0}…")
        if self.is_csv and self.csv_table is None:
            self._run(_read_csv, self.path, on_success=self._csv_read, doing=reading)
        elif self.is_csv:
            self.preview_csv()
        elif self.is_archive:
            self._run(_read_archive, self.path, on_success=self._archive_read, doing=reading)
        else:
            self._run(_plan, self.path, self.add_unknown.isChecked(), None, None, None,
                      on_success=self._planned, doing=reading)  # fmt: skip

    def _run(self, work: Any, *args: Any, on_success: Any, doing: str) -> None:
        """Run ``work(*args)`` on a worker, the status line saying ``doing`` (a translated
        sentence with the file's name as {0}) until it answers."""
        self.error.hide()
        self.status.setText(doing.format(self.path.name))
        self.progress.setRange(0, 0)  # busy until the worker answers
        self.progress.show()
        self._set_busy(True)
        self.task = run_in_background(
            on_worker, work, *args, on_success=on_success, on_error=self._refused,
            name=f"import {self.path.name}",
        )  # fmt: skip

    def _csv_read(self, table: Any) -> None:
        self._idle()
        self.csv_table = table
        self.mapping.set_table(table)
        rows, columns = len(table.rows), len(table.headers)
        rows_text = self.tr("1 row") if rows == 1 else self.tr("{0} rows")
        columns_text = self.tr("1 column") if columns == 1 else self.tr("{0} columns")
        self.status.setText(
            self.tr("{0} with {1}.").format(
                rows_text.format(format_count(rows)), columns_text.format(format_count(columns))
            )
        )
        self._show_page(self.mapping)
        self.planned.emit()

    def _mapping_changed(self) -> None:
        problem = self.mapping.problem_text()
        self.mapping.problem.setText(problem)
        self.mapping.problem.setVisible(bool(problem))
        self._update_buttons()

    def preview_csv(self) -> None:
        if self.mapping.problem_text():
            return
        kind = self.mapping.kind.currentData()
        self.add_unknown.setVisible(kind == "touchpoints")
        self._run(_plan, self.path, self.add_unknown.isChecked(), self.mapping.mapping(),
                  kind, self.csv_table, self.mapping.chosen_date_order(),
                  on_success=self._planned, doing=self.tr("Checking {0}…"))  # fmt: skip

    def _planned(self, plan: ImportPlan) -> None:
        self._idle()
        self.plan = plan
        counts = plan.counts
        text = self.tr(
            "{0} to add, {1} to merge, {2} skipped. Nothing is written until you import."
        ).format(*(format_count(counts[action]) for action in (ADD, MERGE, SKIP)))
        self.summary.setText("\n".join([text, *plan.warnings]))
        self.status.clear()
        self._fill_changes()
        self._show_page(self.preview)
        self.planned.emit()

    def _archive_read(self, answer: tuple[archive_read.Archive, bool]) -> None:
        self._idle()
        self.archive, self.archive_into_empty = answer
        counts = {name: self.archive.count(name) for name in self.archive.tables}
        main = ", ".join(
            _words(label).format(format_count(counts.get(table, 0)))
            for table, label in ARCHIVE_COUNTS
        )
        if self.archive_into_empty:
            text = self.tr(
                "The archive holds {0} ({1} rows in all). This database is empty: everything "
                "is restored as it was."
            )
        else:
            text = self.tr(
                "The archive holds {0} ({1} rows in all). This database already holds data. "
                "Merging adds what is new: people already here (same email or name) and "
                "records already here are not doubled."
            )
        self.summary.setText(text.format(main, format_count(sum(counts.values()))))
        self.merge.setVisible(not self.archive_into_empty)
        for widget in (self.show_label, self.show_only, self.change_view):
            widget.hide()
        self.status.clear()
        self._show_page(self.preview)
        self.planned.emit()

    def _refused(self, error: BaseException) -> None:
        self._idle()
        self.refusal = str(error)
        self.error.setText(self.tr("Nothing was imported. {0}").format(error))
        self.error.show()
        self.status.clear()
        self.planned.emit()

    def _fill_changes(self) -> None:
        if self.plan is None:
            return
        wanted = self.show_only.currentData()
        rows = self.plan.changes if not wanted else self.plan.of(wanted)
        self.changes.set_rows(rows)

    # -- writing -----------------------------------------------------------------------------

    def start_import(self) -> Task | None:
        """Write what the preview shows, on a worker; ``imported`` fires when it is done."""
        if not self.context.writable or not self._can_import():
            return None
        self.relay = ProgressRelay(self)
        self.relay.progressed.connect(self._progressed)
        self.status.setText(self.tr("Importing…"))
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        self.progress.show()
        self._set_busy(True)
        work: Callable[[], object]
        if self.archive is not None:
            work = partial(archive.load, self.path, merge=not self.archive_into_empty)
        else:
            assert self.plan is not None  # _can_import said there is one to write
            work = partial(_apply, self.plan, self.relay.report)
        self.task = run_in_background(
            on_worker, work, on_success=self._written, on_error=self._failed,
            name=f"import {self.path.name}",
        )  # fmt: skip
        return self.task

    def _progressed(self, _stage: str, share: float) -> None:
        self.progress.setValue(int(share * 100))

    def _written(self, result: Any) -> None:
        self._idle()
        self.result = result
        name = self.path.name
        if self.archive is not None:
            text = self.tr("Import archive {0}").format(name)
            command = ImportCommand(self.context, text, result=result, archive_path=self.path,
                                    merge=not self.archive_into_empty)  # fmt: skip
            done = self.tr("{0}: {1} records imported. Ctrl+Z takes the whole import back.")
            done = done.format(name, format_count(result.total_added))
        else:
            text = self.tr("Import {0}").format(name)
            command = ImportCommand(self.context, text, plan=self.plan, result=result)
            counts = (format_count(n) for n in (result.added, result.merged, result.skipped))
            done = self.tr(
                "{0}: {1} added, {2} merged, {3} skipped. Ctrl+Z takes the whole import back."
            ).format(name, *counts)
        self.context.undo_stack.push(command)
        window = self.parent()
        status_bar = getattr(window, "statusBar", None)
        if callable(status_bar):
            status_bar().showMessage(done, 10000)
        self.imported.emit(result)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._idle()
        # A full disk or a read-only file is said as such, not in SQLite's words.
        said = str(error) if isinstance(error, ServiceError) else storage_sentence(error)
        self.error.setText(
            self.tr("Nothing was imported; the database is as it was. {0}").format(said)
        )
        self.error.show()
        self.status.clear()

    # -- state -------------------------------------------------------------------------------

    def _can_import(self) -> bool:
        if self.archive is not None:
            return self.archive_into_empty or self.merge.isChecked()
        if self.plan is None:
            return False
        counts = self.plan.counts
        return counts[ADD] + counts[MERGE] > 0

    def _show_page(self, page: QWidget) -> None:
        self.pages.setCurrentWidget(page)
        self._update_buttons()

    def _update_buttons(self) -> None:
        busy = self.task is not None and not self.task.done
        on_mapping = self.pages.currentWidget() is self.mapping
        self.back_button.setVisible(self.is_csv and not on_mapping and self.plan is not None)
        self.next_button.setVisible(on_mapping)
        self.next_button.setEnabled(not busy and not self.mapping.problem_text())
        self.import_button.setVisible(not on_mapping)
        self.import_button.setEnabled(not busy and not self.refusal and self._can_import())
        if self.archive is not None and not self.archive_into_empty:
            self.import_button.setText(self.tr("Merge"))

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.mapping, self.add_unknown, self.merge, self.show_only):
            widget.setEnabled(not busy)
        self._update_buttons()

    def _idle(self) -> None:
        self.progress.hide()
        self.progress.setRange(0, 100)
        self.task = None
        self._set_busy(False)

    def reject(self) -> None:
        if self.task is not None and not self.task.done:
            return  # a write in progress finishes (or fails) whole; it cannot be cut short
        super().reject()


def choose_import_file(parent: QWidget) -> Path | None:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    path, _ = file_dialogs.open_file_name(
        parent,
        QCoreApplication.translate("ImportDialog", "Import"),
        folder,
        ";;".join(_words(text) for text in IMPORT_FILTERS),
    )
    return Path(path) if path else None
