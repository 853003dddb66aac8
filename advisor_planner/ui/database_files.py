"""File ▸ New Database… and Open Database…: another database, in a window of its own.

A database belongs to one process (its instance lock is the process's, ``services.session``),
so another file is opened by starting the app again on it (``launch``), never in this one.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QProcess
from PySide6.QtWidgets import QWidget

from advisor_planner import file_dialogs


def choose_database(parent: QWidget, current: Path | None, *, create: bool) -> None:
    """Ask for a database (a new one when ``create``) and open it in a new window."""
    folder = str(current.parent) if current else ""
    title = (
        QCoreApplication.translate("MainWindow", "New Database")
        if create
        else QCoreApplication.translate("MainWindow", "Open Database")
    )
    filters = QCoreApplication.translate(
        "MainWindow", "Advisor Planner databases (*.sqlite *.db);;All files (*)"
    )
    if create:
        path, _ = file_dialogs.save_file_name(parent, title, folder, filters)
    else:
        path, _ = file_dialogs.open_file_name(parent, title, folder, filters)
    if not path:
        return
    if current is not None and Path(path).resolve() == current.resolve():
        return
    launch(Path(path))


def launch(path: Path) -> None:
    """Start the app on ``path`` in a process of its own."""
    QProcess.startDetached(sys.executable, ["-m", "advisor_planner", "--db", str(path)])
