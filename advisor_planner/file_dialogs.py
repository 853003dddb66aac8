"""File dialogs that never open the files they list: the only way the app asks for a path.

Qt's file dialog (and GTK's, which Qt uses as the "native" one on a GNOME desktop) runs in
this process and, to pick an icon and a type name for each entry, reads the first bytes of
the files it lists (``QMimeDatabase``'s content sniffing). Listing the folder that holds the
database therefore opened and closed the database file, and closing any descriptor of a file
releases every POSIX lock this process holds on it: SQLite's locks were gone (``/proc/locks``:
2 before, 0 after), and a backup in another process then deleted the WAL under the app.

So every dialog here is Qt's own widget dialog with ``NameOnlyIconProvider``, which decides
icon and type from the name alone and never opens a file. Windows is left to its native
dialog: its locks are not POSIX locks, and a second descriptor cannot release them.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QFileInfo
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QFileDialog, QFileIconProvider, QWidget


class NameOnlyIconProvider(QFileIconProvider):
    """Icons and type names from what a name and ``stat`` say, never from file content."""

    # (PySide's stubs declare icon() as two overloads; one method serves both.)
    def icon(self, what: QFileIconProvider.IconType | QFileInfo) -> QIcon:
        if isinstance(what, QFileInfo):
            kind = (
                QFileIconProvider.IconType.Folder
                if what.isDir()
                else QFileIconProvider.IconType.File
            )
            return super().icon(kind)
        return super().icon(what)

    def type(self, info: QFileInfo) -> str:
        if info.isDir():
            return QCoreApplication.translate("NameOnlyIconProvider", "Folder")
        suffix = info.suffix()
        if suffix:
            return QCoreApplication.translate("NameOnlyIconProvider", "{0} file").format(
                suffix.upper()
            )
        return QCoreApplication.translate("NameOnlyIconProvider", "File")


class SafeFileDialog(QFileDialog):
    """Qt's own file dialog, listing with ``NameOnlyIconProvider`` (not on Windows)."""

    def __init__(
        self, parent: QWidget | None, title: str, start: str, filters: str, *, saving: bool
    ) -> None:
        super().__init__(parent, title, start, filters)
        self.setAcceptMode(
            QFileDialog.AcceptMode.AcceptSave if saving else QFileDialog.AcceptMode.AcceptOpen
        )
        if not saving:
            self.setFileMode(QFileDialog.FileMode.ExistingFile)
        # The dialog does not own its provider: this attribute keeps it alive with it.
        self.icons = NameOnlyIconProvider()
        if sys.platform != "win32":
            self.setOption(QFileDialog.Option.DontUseNativeDialog, True)
            self.setOption(QFileDialog.Option.DontUseCustomDirectoryIcons, True)
            self.setIconProvider(self.icons)


def open_file_name(parent: QWidget | None, title: str, start: str, filters: str) -> tuple[str, str]:
    """Like ``QFileDialog.getOpenFileName``: (the chosen path or "", the chosen filter)."""
    return _run(SafeFileDialog(parent, title, start, filters, saving=False))


def save_file_name(parent: QWidget | None, title: str, start: str, filters: str) -> tuple[str, str]:
    """Like ``QFileDialog.getSaveFileName``: (the chosen path or "", the chosen filter)."""
    return _run(SafeFileDialog(parent, title, start, filters, saving=True))


def _run(dialog: QFileDialog) -> tuple[str, str]:
    try:
        if dialog.exec() != QFileDialog.DialogCode.Accepted or not dialog.selectedFiles():
            return "", ""
        return dialog.selectedFiles()[0], dialog.selectedNameFilter()
    finally:
        dialog.deleteLater()
