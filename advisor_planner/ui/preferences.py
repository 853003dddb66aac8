"""Preferences that travel with the data: the leader's name and when the reflection is due;
and one kept on this computer: the idle lock.

The first are kept in the database (``services.settings``), so a leader's reminder follows
their file from one laptop to the next. "Lock after N minutes idle" is kept in QSettings with
the window's layout (``ui.idle``): how soon an unattended screen locks is this computer's
question, and it only applies to an encrypted database.
"""

from __future__ import annotations

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from advisor_planner.domain.reminder import parse_time
from advisor_planner.services import encryption, settings
from advisor_planner.services.errors import ServiceError
from advisor_planner.services.validation import MAX_SHORT_TEXT
from advisor_planner.translation import QT_TRANSLATE_NOOP
from advisor_planner.ui.context import AppContext
from advisor_planner.ui.i18n import translate
from advisor_planner.ui.idle import IDLE_LOCK_SETTING, MAX_IDLE_MINUTES, idle_lock_minutes
from advisor_planner.ui.record_form import error_label
from advisor_planner.ui.unlock import secondary_label

#: The weekday choices, Monday first: ISO weekdays 1–7, as services.settings keeps them.
WEEKDAYS = (
    QT_TRANSLATE_NOOP("PreferencesDialog", "Monday"),
    QT_TRANSLATE_NOOP("PreferencesDialog", "Tuesday"),
    QT_TRANSLATE_NOOP("PreferencesDialog", "Wednesday"),
    QT_TRANSLATE_NOOP("PreferencesDialog", "Thursday"),
    QT_TRANSLATE_NOOP("PreferencesDialog", "Friday"),
    QT_TRANSLATE_NOOP("PreferencesDialog", "Saturday"),
    QT_TRANSLATE_NOOP("PreferencesDialog", "Sunday"),
)


class PreferencesDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("preferencesDialog")
        self.setWindowTitle(self.tr("Preferences"))
        self.name = QLineEdit(self)
        self.name.setObjectName("leaderName")
        self.name.setMaxLength(MAX_SHORT_TEXT)
        self.name.setPlaceholderText(self.tr("Your name, as the progress report shows it"))
        self.name.setText(settings.get("leader_name"))
        self.weekday = QComboBox(self)
        self.weekday.setObjectName("reflectionWeekday")
        for number, day in enumerate(WEEKDAYS, start=1):
            self.weekday.addItem(translate("PreferencesDialog", day), number)
        saved_day = self.weekday.findData(settings.get("reflection_weekday"))
        self.weekday.setCurrentIndex(max(0, saved_day))
        self.time = QTimeEdit(self)
        self.time.setObjectName("reflectionTime")
        self.time.setDisplayFormat("HH:mm")
        try:
            at = parse_time(settings.get("reflection_time"))
        except ValueError:
            at = parse_time("16:00")
        self.time.setTime(QTime(at.hour, at.minute))
        self.idle_lock = QSpinBox(self)
        self.idle_lock.setObjectName("idleLockMinutes")
        self.idle_lock.setRange(0, MAX_IDLE_MINUTES)
        self.idle_lock.setSuffix(self.tr(" minutes idle"))
        self.idle_lock.setSpecialValueText(self.tr("Never"))
        self.idle_lock.setValue(idle_lock_minutes(context.settings))
        self.idle_lock.setToolTip(
            self.tr(
                "After this long without use, an encrypted database is closed, its data "
                "hidden, and its passphrase asked for again (0: never)"
            )
        )
        idle_note = secondary_label(
            self.tr("Kept on this computer; it applies to encrypted databases only.")
            if encryption.open_database_encrypted()
            else self.tr(
                "Kept on this computer; it applies to encrypted databases only, and this one "
                "is not encrypted (File ▸ Encrypt Database…)."
            ),
            self,
        )
        idle_note.setObjectName("idleLockNote")
        form = QFormLayout()
        form.addRow(self.tr("Your name"), self.name)
        form.addRow(self.tr("Weekly reflection on"), self.weekday)
        form.addRow(self.tr("at"), self.time)
        form.addRow(self.tr("Lock after"), self.idle_lock)
        form.addRow("", idle_note)
        self.error = error_label(self)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setEnabled(context.writable)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def save(self) -> bool:
        values = {
            "leader_name": self.name.text().strip(),
            "reflection_weekday": int(self.weekday.currentData()),
            "reflection_time": self.time.time().toString("HH:mm"),
        }
        try:
            settings.set_values(values)
        except (ServiceError, Exception) as exc:  # noqa: BLE001 - shown; the dialog stays open
            self.error.setText(str(exc) or type(exc).__name__)
            self.error.show()
            return False
        self.context.settings.setValue(IDLE_LOCK_SETTING, self.idle_lock.value())
        self.context.preferences_saved.emit()
        self.accept()
        return True
