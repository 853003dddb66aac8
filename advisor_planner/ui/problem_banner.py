"""The strip across the top of the window when the database cannot be written to: what went
wrong, and a button to restore the backup on offer.

Made only when a problem is first shown (``MainWindow.banner``), so a healthy start does not
import it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStyle,
    QWidget,
)


class ProblemBanner(QFrame):
    """A strip across the top of the window saying the database cannot be written to.

    It carries its own light amber background with dark text (as a message bar does), so it
    reads the same on light and dark palettes.
    """

    restore_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("problemBanner")
        self.setAccessibleName(self.tr("Database problem"))
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor("#fdf1cf"))
        palette.setColor(QPalette.ColorRole.WindowText, QColor("#3d2f00"))
        self.setPalette(palette)
        self.setFrameShape(QFrame.Shape.NoFrame)

        icon = QLabel(self)
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        icon.setPixmap(warning.pixmap(QSize(22, 22)))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)

        self.message = QLabel(self)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

        self.restore_button = QPushButton(self)
        self.restore_button.setObjectName("restoreBackupButton")
        self.restore_button.clicked.connect(self.restore_clicked)
        self.restore_button.hide()

        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 10)
        layout.setSpacing(12)
        layout.addWidget(icon)
        layout.addWidget(self.message, 1)
        layout.addWidget(self.restore_button, 0, Qt.AlignmentFlag.AlignVCenter)


def backup_date(backup: Path) -> str:
    """When a backup was made, for a button label (from the file's modification time): its
    month named in the user's language (03 Dec 2026 14:05)."""
    try:
        made = QDateTime.fromSecsSinceEpoch(int(backup.stat().st_mtime))
    except OSError:
        return backup.name
    return QLocale().toString(made, "dd MMM yyyy HH:mm")


def damage_message(*, empty: bool, backup: bool) -> str:
    """What the banner says of a damaged file: what is wrong, and whether a backup can take
    its place (one whole paragraph each, for the translator; in the main window's context,
    where they were first written)."""
    if empty and backup:
        return QCoreApplication.translate(
            "MainWindow",
            "This database file is empty although backups of it exist: it was cut short. "
            "It is open read-only, so nothing is written over it. You can restore the "
            "newest backup that passes the check.",
        )
    if empty:
        return QCoreApplication.translate(
            "MainWindow",
            "This database file is empty although backups of it exist: it was cut short. "
            "It is open read-only, so nothing is written over it. No backup that passes "
            "the check was found.",
        )
    if backup:
        return QCoreApplication.translate(
            "MainWindow",
            "This database failed its integrity check and is open read-only, so nothing "
            "can be changed or lost. You can restore the newest backup that passes the "
            "check.",
        )
    return QCoreApplication.translate(
        "MainWindow",
        "This database failed its integrity check and is open read-only, so nothing "
        "can be changed or lost. No backup that passes the check was found.",
    )
