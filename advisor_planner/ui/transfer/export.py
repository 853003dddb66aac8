"""File ▸ Export…: everything as a JSON archive, or one list as CSV, written on a worker.

The file type chosen in the save dialog says what is written (``EXPORT_CHOICES``); the
window's status bar says where it went, an error box what went wrong. From an encrypted
database the save dialog says, in one line, that the file written is not encrypted.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths, Qt
from PySide6.QtWidgets import QFileDialog, QGridLayout, QLabel, QWidget

from advisor_planner import file_dialogs
from advisor_planner.interchange import csv_export
from advisor_planner.services import archive, encryption
from advisor_planner.services.workers import on_worker
from advisor_planner.translation import QT_TRANSLATE_NOOP
from advisor_planner.ui.context import AppContext
from advisor_planner.ui.i18n import format_count, translate
from advisor_planner.ui.tasks import Task, run_in_background

#: The Export… file types: the filter the user picks says what is written.
EXPORT_CHOICES = {
    QT_TRANSLATE_NOOP("Export", "Archive of everything (*.json)"): "archive",
    QT_TRANSLATE_NOOP("Export", "Stakeholders (*.csv)"): "stakeholders",
    QT_TRANSLATE_NOOP("Export", "Touchpoints (*.csv)"): "touchpoints",
    QT_TRANSLATE_NOOP("Export", "Commitments (*.csv)"): "commitments",
    QT_TRANSLATE_NOOP("Export", "Reflections (*.csv)"): "reflections",
    QT_TRANSLATE_NOOP("Export", "Brand goals (*.csv)"): "goals",
    QT_TRANSLATE_NOOP("Export", "Initiatives (*.csv)"): "initiatives",
}
#: What the status bar says once each is written: how many, and where.
EXPORTED = {
    "archive": QT_TRANSLATE_NOOP("Export", "Exported {0} rows to {1}"),
    "stakeholders": QT_TRANSLATE_NOOP("Export", "Exported {0} stakeholders to {1}"),
    "touchpoints": QT_TRANSLATE_NOOP("Export", "Exported {0} touchpoints to {1}"),
    "commitments": QT_TRANSLATE_NOOP("Export", "Exported {0} commitments to {1}"),
    "reflections": QT_TRANSLATE_NOOP("Export", "Exported {0} reflections to {1}"),
    "goals": QT_TRANSLATE_NOOP("Export", "Exported {0} goals to {1}"),
    "initiatives": QT_TRANSLATE_NOOP("Export", "Exported {0} initiatives to {1}"),
}


def _export(path: Path, what: str) -> int:
    """Write ``what`` to ``path`` (on a worker); how many rows were written."""
    if what == "archive":
        return sum(archive.export(path).values())
    return csv_export.export_csv(path, what)


def export_to(context: AppContext, path: Path, what: str, *, parent: QWidget | None = None) -> Task:
    """Write ``what`` ("archive" or a list's name) to ``path`` on a worker; the window's
    status bar says where it went, an error box what went wrong."""

    def written(count: int) -> None:
        status_bar = getattr(parent, "statusBar", None)
        if callable(status_bar):
            said = translate("Export", EXPORTED[what]).format(format_count(count), path)
            status_bar().showMessage(said, 10000)

    failed = QCoreApplication.translate("Export", "Export to {0}").format(Path(path).name)
    return run_in_background(
        on_worker, _export, Path(path), what, on_success=written,
        on_error=lambda error: context.show_error(failed, error),
        name=f"export {what}",
    )  # fmt: skip


def _save_file_name(
    parent: QWidget, title: str, start: str, filters: str, *, note: str = ""
) -> tuple[str, str]:
    """``file_dialogs.save_file_name``, with ``note`` as a line under the file type (for an
    export from an encrypted database: its output is plain); on Windows, whose native dialog
    takes no widget, the note goes in the title."""
    if not note:
        return file_dialogs.save_file_name(parent, title, start, filters)
    dialog = file_dialogs.SafeFileDialog(parent, title, start, filters, saving=True)
    grid = dialog.layout()
    if isinstance(grid, QGridLayout) and dialog.testOption(QFileDialog.Option.DontUseNativeDialog):
        label = QLabel(note, dialog)
        label.setObjectName("plainOutputNote")
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        grid.addWidget(label, grid.rowCount(), 0, 1, grid.columnCount())
    else:
        dialog.setWindowTitle(f"{title} — {note}")
    try:
        if dialog.exec() != QFileDialog.DialogCode.Accepted or not dialog.selectedFiles():
            return "", ""
        return dialog.selectedFiles()[0], dialog.selectedNameFilter()
    finally:
        dialog.deleteLater()


def choose_export(context: AppContext, parent: QWidget) -> Task | None:
    from advisor_planner.services import clock

    folder = Path(
        QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    )
    name = f"advisor-planner-{clock.today().isoformat()}.json"
    choices = {translate("Export", shown): what for shown, what in EXPORT_CHOICES.items()}
    path, chosen = _save_file_name(
        parent,
        QCoreApplication.translate("Export", "Export"),
        str(folder / name),
        ";;".join(choices),
        note=QCoreApplication.translate(
            "Export", "The exported file is not encrypted: anyone who can read it can read it all."
        )
        if encryption.open_database_encrypted()
        else "",
    )
    if not path:
        return None
    what = choices.get(chosen, "archive")
    suffix = ".json" if what == "archive" else ".csv"
    target = Path(path)
    if target.suffix.lower() != suffix:
        target = target.with_suffix(suffix)
    return export_to(context, target, what, parent=parent)
