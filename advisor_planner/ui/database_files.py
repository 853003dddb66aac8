"""File ▸ New Database… and Open Database…: another database, in a window of its own.

A database belongs to one process (its instance lock is the process's, ``services.session``),
so another file is opened by starting the app again on it (``launch``), never in this one.

A new database is asked whether to protect it with a passphrase. The new process makes the
file, so it asks for the passphrase too, once the file exists (``ui.protection``): this one
cannot make it (its models are bound to its own database), and a passphrase must not travel
to another process on its command line or in its environment. What travels is only the
wish, in ``PROTECT_NEW_ENV``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QProcess, QProcessEnvironment
from PySide6.QtWidgets import QMessageBox, QWidget

from advisor_planner import file_dialogs

#: Set for the new process when its new database is to be protected with a passphrase: it
#: asks for one once it has made the file (``protection_wished``, ``ui.protection``).
PROTECT_NEW_ENV = "ADVISOR_PLANNER_PROTECT_NEW"


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
    protect = False
    if create and not _holds_data(Path(path)):
        answer = ask_protection(parent)
        if answer is None:
            return
        protect = answer
    launch(Path(path), protect=protect)


def _holds_data(path: Path) -> bool:
    # (stat only: the file is never opened here, see file_dialogs)
    try:
        return path.stat().st_size > 0
    except OSError:
        return False


def ask_protection(parent: QWidget) -> bool | None:
    """Whether to protect a new database with a passphrase; None when cancelled."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(QCoreApplication.translate("MainWindow", "New Database"))
    box.setText(
        QCoreApplication.translate("MainWindow", "Protect the new database with a passphrase?")
    )
    box.setInformativeText(
        QCoreApplication.translate(
            "MainWindow",
            "Encrypted, the database and its backups cannot be read without the passphrase or "
            "its recovery key. You can also encrypt it later (File ▸ Encrypt Database…).",
        )
    )
    protect = box.addButton(
        QCoreApplication.translate("MainWindow", "Protect with a Passphrase"),
        QMessageBox.ButtonRole.AcceptRole,
    )
    plain = box.addButton(
        QCoreApplication.translate("MainWindow", "Don't Protect"), QMessageBox.ButtonRole.NoRole
    )
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(protect)
    box.exec()
    clicked = box.clickedButton()
    if clicked is protect:
        return True
    if clicked is plain:
        return False
    return None


def protection_wished() -> bool:
    """Whether this process was started by File ▸ New Database… to protect its new database
    (``PROTECT_NEW_ENV``); the wish is taken out of the environment, so that this app's own
    children do not inherit it."""
    return os.environ.pop(PROTECT_NEW_ENV, "") == "1"


def launch(path: Path, *, protect: bool = False) -> None:
    """Start the app on ``path`` in a process of its own (asking it to protect the new
    database with a passphrase when ``protect``)."""
    process_for(path, protect=protect).startDetached()


def process_for(path: Path, *, protect: bool = False) -> QProcess:
    """The (not started) process of the app on ``path``; ``PROTECT_NEW_ENV`` is set in its
    environment when ``protect``, and never passed on otherwise."""
    process = QProcess()
    process.setProgram(sys.executable)
    process.setArguments(["-m", "advisor_planner", "--db", str(path)])
    environment = QProcessEnvironment.systemEnvironment()
    environment.remove(PROTECT_NEW_ENV)
    if protect:
        environment.insert(PROTECT_NEW_ENV, "1")
    process.setProcessEnvironment(environment)
    return process
