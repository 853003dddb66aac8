"""The recovery key, shown once after a database is encrypted: its eight groups of four, with
Copy and Save as PDF….

The key is never stored by the app (only the database key wrapped under it, beside the
database), so this dialog is the one chance to keep it. The PDF is a single plain page,
written with ``QPdfWriter`` through a temporary file moved into place (``atomic``): a page
the person prints or files away from the computer.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, QStandardPaths, Qt
from PySide6.QtGui import (
    QFont,
    QFontDatabase,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
)
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from advisor_planner import atomic, file_dialogs
from advisor_planner.services import clock
from advisor_planner.ui.i18n import format_date
from advisor_planner.ui.unlock import heading_label, secondary_label

GROUPS_PER_ROW = 4


def key_groups(recovery_key: str) -> list[str]:
    """``ABCD-EFGH-…`` as its groups."""
    return [group for group in recovery_key.split("-") if group]


def _fixed_font(scale: float) -> QFont:
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setPointSizeF(max(font.pointSizeF(), 10.0) * scale)
    font.setWeight(QFont.Weight.DemiBold)
    return font


def write_recovery_pdf(path: Path, recovery_key: str, database: Path) -> Path:
    """One A4 page holding the recovery key of ``database``, at ``path``."""
    title = QCoreApplication.translate("RecoveryKeyDialog", "Advisor Planner recovery key")
    facts = [
        QCoreApplication.translate("RecoveryKeyDialog", "Database: {0}").format(database),
        QCoreApplication.translate("RecoveryKeyDialog", "Made on {0}").format(
            format_date(clock.today())
        ),
    ]
    advice = QCoreApplication.translate(
        "RecoveryKeyDialog",
        "This key opens the database if its passphrase is forgotten. Keep this page somewhere "
        "safe, away from the computer: whoever has it and a copy of the database can read "
        "every note in it.",
    )
    groups = key_groups(recovery_key)
    rows = [
        "  ".join(groups[i : i + GROUPS_PER_ROW]) for i in range(0, len(groups), GROUPS_PER_ROW)
    ]
    with atomic.replacing(path) as temporary:
        writer = QPdfWriter(str(temporary))
        writer.setTitle(title)
        writer.setCreator("Advisor Planner")
        writer.setPageLayout(
            QPageLayout(
                QPageSize(QPageSize.PageSizeId.A4),
                QPageLayout.Orientation.Portrait,
                QMarginsF(20, 20, 20, 20),
                QPageLayout.Unit.Millimeter,
            )
        )
        painter = QPainter(writer)
        try:
            width = writer.width()
            y = 0.0

            def block(text: str, font: QFont, gap: float) -> None:
                nonlocal y
                painter.setFont(font)
                flags = Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap
                bounds = painter.boundingRect(QRectF(0, y, width, 10_000), flags, text)
                painter.drawText(bounds, flags, text)
                y = bounds.bottom() + gap

            heading = QFont()
            heading.setPointSizeF(18)
            heading.setWeight(QFont.Weight.DemiBold)
            body = QFont()
            body.setPointSizeF(11)
            block(title, heading, writer.resolution() * 0.25)
            for fact in facts:
                block(fact, body, writer.resolution() * 0.05)
            y += writer.resolution() * 0.3
            for row in rows:
                block(row, _pdf_key_font(), 0)
            y += writer.resolution() * 0.3
            block(advice, body, 0)
        finally:
            painter.end()
    return path


def _pdf_key_font() -> QFont:
    font = QFont("monospace")
    font.setStyleHint(QFont.StyleHint.Monospace)
    font.setPointSizeF(20)
    font.setWeight(QFont.Weight.DemiBold)
    return font


class RecoveryKeyDialog(QDialog):
    """Shows ``recovery_key`` once, with Copy and Save as PDF…."""

    def __init__(self, recovery_key: str, database: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recoveryKeyDialog")
        self.setWindowTitle(self.tr("Recovery Key"))
        self.recovery_key = recovery_key
        self.database = database
        self.saved_to: Path | None = None
        heading = heading_label(self.tr("Keep this recovery key safe"), self)
        intro = secondary_label(
            self.tr(
                "It opens “{0}” if the passphrase is forgotten, and it is shown only this "
                "once: copy it, save it as a PDF or write it down, and keep it away from this "
                "computer."
            ).format(database.name),
            self,
        )
        grid = QGridLayout()
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(10)
        self.groups: list[QLabel] = []
        for index, group in enumerate(key_groups(recovery_key)):
            label = QLabel(group, self)
            label.setObjectName("recoveryGroup")
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setFont(_fixed_font(1.6))
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            grid.addWidget(label, index // GROUPS_PER_ROW, index % GROUPS_PER_ROW)
            self.groups.append(label)
        keys = QWidget(self)
        keys.setObjectName("recoveryKey")
        keys.setLayout(grid)
        self.status = secondary_label("", self)
        self.status.setObjectName("recoveryKeyStatus")
        buttons = QDialogButtonBox(self)
        self.copy_button = QPushButton(self.tr("Copy"), self)
        self.copy_button.setObjectName("copyButton")
        self.pdf_button = QPushButton(self.tr("Save as PDF…"), self)
        self.pdf_button.setObjectName("savePdfButton")
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.pdf_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.done_button = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.done_button.setText(self.tr("Done"))
        self.done_button.setObjectName("doneButton")
        self.copy_button.clicked.connect(self.copy)
        self.pdf_button.clicked.connect(self.save_pdf)
        buttons.rejected.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addSpacing(8)
        layout.addWidget(keys)
        layout.addSpacing(8)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.recovery_key)
        self.status.setText(self.tr("Copied. Paste it somewhere safe, away from this computer."))

    def save_pdf(self) -> Path | None:
        """Ask where, then write the page (``write_recovery_pdf``); the path, or None."""
        folder = Path(
            QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        )
        name = self.tr("{0} recovery key.pdf").format(self.database.stem)
        chosen, _ = file_dialogs.save_file_name(
            self, self.tr("Save the Recovery Key"), str(folder / name), self.tr("PDF (*.pdf)")
        )
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() != ".pdf":
            path = path.with_suffix(".pdf")
        try:
            write_recovery_pdf(path, self.recovery_key, self.database)
        except OSError as exc:
            self.status.setText(self.tr("It could not be saved: {0}").format(exc))
            return None
        self.saved_to = path
        self.status.setText(self.tr("Saved to {0}.").format(path))
        return path
