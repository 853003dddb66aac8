"""File ▸ Export Progress Report… (Ctrl+P): choose the period, sections and audience, then
write the PDF off the GUI thread with a progress bar and a Cancel button.

The report is gathered on a worker (``reports.data.gather``), its charts recorded on the GUI
thread (``reports.charts``: pyqtgraph items live there), and the PDF written on a worker again
(``reports.pdf``), which writes a temporary file beside the target and moves it into place. A
cancelled or failed export leaves no file behind and never replaces a good one.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QStandardPaths, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from advisor_planner import file_dialogs
from advisor_planner.reports.data import (
    SECTIONS,
    Cancelled,
    ReportData,
    ReportOptions,
    default_paper,
    gather,
    to_date,
)
from advisor_planner.services import clock, encryption
from advisor_planner.services.errors import ValidationError, storage_sentence
from advisor_planner.services.workers import on_worker
from advisor_planner.translation import QT_TRANSLATE_NOOP
from advisor_planner.ui.context import AppContext
from advisor_planner.ui.fields import python_date
from advisor_planner.ui.i18n import REPORT, format_count, translate
from advisor_planner.ui.record_form import error_label
from advisor_planner.ui.tasks import ProgressRelay, Task, run_in_background

if TYPE_CHECKING:  # (the charts and the PDF writer are imported when a report is made)
    from advisor_planner.charts.base import Chart
    from advisor_planner.reports.pdf import Block

PERIODS = {
    "week": QT_TRANSLATE_NOOP("ReportDialog", "This week"),
    "month": QT_TRANSLATE_NOOP("ReportDialog", "This month"),
    "quarter": QT_TRANSLATE_NOOP("ReportDialog", "This quarter"),
    "year": QT_TRANSLATE_NOOP("ReportDialog", "This year"),
    "custom": QT_TRANSLATE_NOOP("ReportDialog", "Custom…"),
}
#: What the status line says at each stage ``reports.data.gather`` and ``reports.pdf`` report.
STAGES = {
    "trust": QT_TRANSLATE_NOOP("ReportDialog", "Gathering the trust…"),
    "touchpoints": QT_TRANSLATE_NOOP("ReportDialog", "Gathering the touchpoints…"),
    "follow-through": QT_TRANSLATE_NOOP("ReportDialog", "Gathering the follow-through…"),
    "people": QT_TRANSLATE_NOOP("ReportDialog", "Gathering the people…"),
    "headlines": QT_TRANSLATE_NOOP("ReportDialog", "Gathering the headlines…"),
    "stakeholders": QT_TRANSLATE_NOOP("ReportDialog", "Gathering the stakeholders…"),
    "initiatives": QT_TRANSLATE_NOOP("ReportDialog", "Gathering the initiatives…"),
    "private notes": QT_TRANSLATE_NOOP("ReportDialog", "Gathering the private notes…"),
    # (Everything is gathered: the charts are drawn next.)
    "gathered": QT_TRANSLATE_NOOP("ReportDialog", "Drawing the charts…"),
    "charts": QT_TRANSLATE_NOOP("ReportDialog", "Drawing the charts…"),
    "pages": QT_TRANSLATE_NOOP("ReportDialog", "Writing the pages…"),
}


def _write(
    data: ReportData,
    blocks: list[Block],
    path: Path,
    progress: Callable[[str, float], None],
    cancelled: Callable[[], bool],
) -> int:
    from advisor_planner.reports.pdf import write_pdf

    return on_worker(write_pdf, data, blocks, path, progress=progress, cancelled=cancelled)


def _gather(
    options: ReportOptions,
    progress: Callable[[str, float], None],
    cancelled: Callable[[], bool],
) -> ReportData:
    return on_worker(gather, options, progress=progress, cancelled=cancelled)


class ReportDialog(QDialog):
    exported = Signal(object)  # the Path written, or the error (Cancelled when cancelled)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("reportDialog")
        self.setWindowTitle(self.tr("Export Progress Report"))
        self._cancel = threading.Event()
        self.task: Task | None = None
        self.path: Path | None = None
        self.pages = 0
        self._prepared: dict[str, Chart] | None = None  # the charts made while gathering

        self._build_period()
        sections = self._build_sections()
        audience_row = self._build_audience()
        self._build_paper()
        form = QFormLayout()
        form.addRow(self.tr("Period"), self.period)
        form.addRow("", self.dates)
        form.addRow(self.tr("Sections"), sections)
        form.addRow(self.tr("Audience"), audience_row)
        form.addRow("", self.private)
        form.addRow(self.tr("Paper"), self.paper)
        form.addRow("", self.open_after)

        buttons = self._build_progress_and_buttons()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        if encryption.open_database_encrypted():
            self.plain_note = QLabel(
                self.tr("The PDF is not encrypted: anyone who can read the file can read it."),
                self,
            )
            self.plain_note.setObjectName("plainOutputNote")
            self.plain_note.setTextFormat(Qt.TextFormat.PlainText)
            self.plain_note.setWordWrap(True)
            layout.addWidget(self.plain_note)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self._period_changed()

    def _build_period(self) -> None:
        """The period chooser, and the two dates shown for a custom period."""
        self.period = QComboBox(self)
        self.period.setObjectName("reportPeriod")
        for value, label in PERIODS.items():
            self.period.addItem(translate("ReportDialog", label), value)
        self.period.setCurrentIndex(self.period.findData("quarter"))
        today = clock.today()
        self.start = QDateEdit(self)
        self.end = QDateEdit(self)
        for edit, day in ((self.start, date(today.year, 1, 1)), (self.end, today)):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("d MMM yyyy")
            edit.setDate(QDate(day.year, day.month, day.day))
        dates = QHBoxLayout()
        dates.addWidget(self.start)
        dates.addWidget(QLabel("–", self))
        dates.addWidget(self.end)
        self.dates = QWidget(self)
        self.dates.setLayout(dates)
        self.period.currentIndexChanged.connect(self._period_changed)

    def _build_sections(self) -> QGridLayout:
        """One check box per section of the report, in two columns, all checked."""
        self.section_boxes: dict[str, QCheckBox] = {}
        sections = QGridLayout()
        for index, (key, title) in enumerate(SECTIONS.items()):
            box = QCheckBox(translate(REPORT, title), self)
            box.setObjectName(f"section_{key}")
            box.setChecked(True)
            self.section_boxes[key] = box
            sections.addWidget(box, index // 2, index % 2)
        return sections

    def _build_audience(self) -> QHBoxLayout:
        """Who the report is for, and what it shows them: private notes (a row of its own,
        ``self.private``) and self-ratings, left out by default for a mentor."""
        self.private = QCheckBox(self.tr("Include private notes"), self)
        self.private.setObjectName("includePrivate")
        self.private.setToolTip(
            self.tr("Touchpoint notes, reflection text, feedback and stakeholder notes")
        )
        self.for_me = QRadioButton(self.tr("For me"), self)
        self.for_mentor = QRadioButton(self.tr("For my mentor"), self)
        self.for_mentor.setObjectName("audienceMentor")
        self.for_me.setChecked(True)
        audience = QButtonGroup(self)
        audience.addButton(self.for_me)
        audience.addButton(self.for_mentor)
        self.ratings = QCheckBox(self.tr("Include self-ratings"), self)
        self.ratings.setObjectName("includeRatings")
        self.ratings.setChecked(True)
        self.for_mentor.toggled.connect(lambda mentor: self.ratings.setChecked(not mentor))
        audience_row = QHBoxLayout()
        for widget in (self.for_me, self.for_mentor, self.ratings):
            audience_row.addWidget(widget)
        audience_row.addStretch(1)
        return audience_row

    def _build_paper(self) -> None:
        """The paper size (this machine's by default) and whether to open the PDF once written."""
        self.paper = QComboBox(self)
        self.paper.setObjectName("reportPaper")
        self.paper.addItem(self.tr("A4"), "a4")
        self.paper.addItem(self.tr("Letter"), "letter")
        self.paper.setCurrentIndex(self.paper.findData(default_paper()))
        self.open_after = QCheckBox(self.tr("Open the report when it is written"), self)
        self.open_after.setChecked(True)

    def _build_progress_and_buttons(self) -> QHBoxLayout:
        """The progress bar, status and error lines (hidden until an export), and the buttons."""
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 100)
        self.progress.hide()
        self.status = QLabel(self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.error = error_label(self)
        self.export_button = QPushButton(self.tr("Export…"), self)
        self.export_button.setObjectName("reportExport")
        self.export_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("Close"), self)
        self.export_button.clicked.connect(self.choose_and_export)
        self.cancel_button.clicked.connect(self.cancel_or_close)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.export_button)
        return buttons

    # -- options -----------------------------------------------------------------------------
    def _period_changed(self, *_: Any) -> None:
        self.dates.setVisible(self.period.currentData() == "custom")

    def options(self) -> ReportOptions:
        choice = self.period.currentData()
        if choice == "custom":
            start, end = python_date(self.start.date()), python_date(self.end.date())
        else:
            start, end = to_date(choice)
        return ReportOptions(
            start=start,
            end=end,
            sections=frozenset(k for k, box in self.section_boxes.items() if box.isChecked()),
            include_private=self.private.isChecked(),
            audience="mentor" if self.for_mentor.isChecked() else "me",
            include_ratings=self.ratings.isChecked(),
            paper=self.paper.currentData(),
        )

    # -- exporting ---------------------------------------------------------------------------
    def choose_and_export(self) -> None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        name = f"trust-progress-{clock.today().isoformat()}.pdf"
        path, _ = file_dialogs.save_file_name(
            self, self.tr("Save the progress report"), str(Path(folder) / name),
            self.tr("PDF documents (*.pdf)"),
        )  # fmt: skip
        if path:
            self.export_to(Path(path if path.lower().endswith(".pdf") else path + ".pdf"))

    def export_to(self, path: Path) -> Task | None:
        """Start writing the report to ``path``; ``exported`` says how it ended."""
        self.error.hide()
        try:
            options = self.options()
        except ValidationError as exc:
            self._show_error(str(exc))
            return None
        if not path.parent.is_dir():
            self._show_error(self.tr("The folder {0} does not exist.").format(path.parent))
            return None
        self.path = path
        self._cancel.clear()
        self._busy(True)
        self.relay = ProgressRelay(self)
        self.relay.progressed.connect(self._progressed)
        self.task = run_in_background(
            _gather,
            options,
            self.relay.report,
            self._cancel.is_set,
            on_success=self._gathered,
            on_error=self._failed,
            name="gather the report",
        )
        from advisor_planner.reports.charts import prepare_charts

        # Build the plots here while the worker gathers (pyqtgraph items live on this thread).
        self._prepared = prepare_charts(options)
        return self.task

    def _gathered(self, data: ReportData) -> None:
        from advisor_planner.reports.build import build_blocks
        from advisor_planner.reports.charts import record_charts
        from advisor_planner.reports.pdf import content_width

        if self._cancel.is_set():
            self._failed(Cancelled())
            return
        self._progressed("charts", 0.87)
        try:
            charts = record_charts(data, content_width(data.options.paper), self._prepared)
            self._prepared = None
            blocks = build_blocks(data, charts)
        except Exception as exc:  # noqa: BLE001 - shown in the dialog
            self._failed(exc)
            return
        assert self.path is not None
        self.task = run_in_background(
            _write,
            data,
            blocks,
            self.path,
            self.relay.report,
            self._cancel.is_set,
            on_success=self._written,
            on_error=self._failed,
            name="write the report",
        )

    def _written(self, pages: int) -> None:
        self._busy(False)
        self.pages = pages
        self.progress.setValue(100)
        self.status.setText(
            self.tr("Saved {0} ({1} pages).").format(self.path, format_count(pages))
        )
        self.exported.emit(self.path)
        if self.open_after.isChecked() and self.path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.path)))

    def _failed(self, error: BaseException) -> None:
        from advisor_planner.reports.charts import release_charts

        release_charts(self._prepared)
        self._prepared = None
        self._busy(False)
        if isinstance(error, Cancelled):
            self.status.setText(self.tr("Cancelled; no file was written."))
        else:
            said = storage_sentence(error, self.path) if isinstance(error, OSError) else error
            self._show_error(self.tr("The report could not be written: {0}").format(said))
        self.exported.emit(error)

    def _progressed(self, stage: str, share: float) -> None:
        self.progress.setValue(int(share * 100))
        said = STAGES.get(stage)
        self.status.setText(translate("ReportDialog", said) if said else self.tr("Gathering…"))

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def _busy(self, busy: bool) -> None:
        self.progress.setVisible(busy or self.progress.value() > 0)
        if busy:
            self.progress.setValue(0)
        self.export_button.setEnabled(not busy)
        self.cancel_button.setText(self.tr("Cancel") if busy else self.tr("Close"))
        for widget in (self.period, self.dates, self.private, self.paper):
            widget.setEnabled(not busy)

    def cancel_or_close(self) -> None:
        if self.task is not None and not self.task.done:
            self._cancel.set()
            self.status.setText(self.tr("Cancelling…"))
        else:
            self.reject()

    def reject(self) -> None:
        if self.task is not None and not self.task.done:
            self._cancel.set()  # stop the work; the dialog closes when asked again
            return
        super().reject()
