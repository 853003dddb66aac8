"""File ▸ Export…: everything as a JSON archive, or one list as CSV, written on a worker.

The file type chosen in the save dialog says what is written (``EXPORT_CHOICES``); the
window's status bar says where it went, an error box what went wrong.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QWidget

from advisor_planner import file_dialogs
from advisor_planner.interchange import csv_export
from advisor_planner.services import archive
from advisor_planner.services.workers import on_worker
from advisor_planner.ui.context import AppContext
from advisor_planner.ui.tasks import Task, run_in_background

#: The Export… file types: the filter the user picks says what is written.
EXPORT_CHOICES = {
    "Archive of everything (*.json)": "archive",
    "Stakeholders (*.csv)": "stakeholders",
    "Touchpoints (*.csv)": "touchpoints",
    "Commitments (*.csv)": "commitments",
    "Reflections (*.csv)": "reflections",
    "Brand goals (*.csv)": "goals",
    "Initiatives (*.csv)": "initiatives",
}


def _export(path: Path, what: str) -> str:
    if what == "archive":
        counts = archive.export(path)
        return f"{sum(counts.values()):,} rows"
    return f"{csv_export.export_csv(path, what):,} {what}"


def export_to(context: AppContext, path: Path, what: str, *, parent: QWidget | None = None) -> Task:
    """Write ``what`` ("archive" or a list's name) to ``path`` on a worker; the window's
    status bar says where it went, an error box what went wrong."""

    def written(summary: str) -> None:
        status_bar = getattr(parent, "statusBar", None)
        if callable(status_bar):
            status_bar().showMessage(f"Exported {summary} to {path}", 10000)

    return run_in_background(
        on_worker, _export, Path(path), what, on_success=written,
        on_error=lambda error: context.show_error(f"export to {Path(path).name}", error),
        name=f"export {what}",
    )  # fmt: skip


def choose_export(context: AppContext, parent: QWidget) -> Task | None:
    from advisor_planner.services import clock

    folder = Path(
        QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    )
    name = f"advisor-planner-{clock.today().isoformat()}.json"
    path, chosen = file_dialogs.save_file_name(
        parent, parent.tr("Export"), str(folder / name), ";;".join(EXPORT_CHOICES)
    )
    if not path:
        return None
    what = EXPORT_CHOICES.get(chosen, "archive")
    suffix = ".json" if what == "archive" else ".csv"
    target = Path(path)
    if target.suffix.lower() != suffix:
        target = target.with_suffix(suffix)
    return export_to(context, target, what, parent=parent)
