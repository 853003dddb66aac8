"""The weekly reflection's reminder: a quiet banner (and a tray message) when it is time.

``ReflectionReminder.check()`` asks ``domain.reminder.reminder_due`` whether this week's
moment (the weekday and time in Preferences, Friday 16:00 by default) has come with the week's
reflection not done. It checks when the app starts (so a leader who opens it on Saturday is
still offered Friday's session) and once a minute while it runs. The banner offers to start
and can be put off for the rest of the week; a tray message says the same once a week where
the desktop has a system tray. The clock is passed in (``now``), so tests set it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSystemTrayIcon, QWidget

from advisor_planner.domain.reminder import parse_time, reminder_due
from advisor_planner.services import clock, reflections, settings
from advisor_planner.ui.context import AppContext

CHECK_EVERY_MS = 60_000
_DISMISSED = "reminder/dismissed_week"
_TRAY_SHOWN = "reminder/tray_week"


class ReminderBanner(QFrame):
    """ "It is time for this week's reflection", with Start and Not this week."""

    start_clicked = Signal()
    dismiss_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reflectionReminder")
        self.setAccessibleName(self.tr("Reflection reminder"))
        self.setAutoFillBackground(True)
        palette = self.palette()
        # A pale blue strip with dark text, the same on light and dark themes (as a message bar).
        palette.setColor(QPalette.ColorRole.Window, QColor("#e3effa"))
        palette.setColor(QPalette.ColorRole.WindowText, QColor("#10314f"))
        self.setPalette(palette)
        self.message = QLabel(self)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.start_button = QPushButton(self.tr("Start reflection"), self)
        self.start_button.setObjectName("reminderStart")
        self.start_button.setToolTip(self.tr("Open this week's reflection (Ctrl+R)"))
        self.later_button = QPushButton(self.tr("Not this week"), self)
        self.later_button.setObjectName("reminderLater")
        self.later_button.setFlat(True)
        self.start_button.clicked.connect(self.start_clicked)
        self.later_button.clicked.connect(self.dismiss_clicked)
        row = QHBoxLayout(self)
        row.setContentsMargins(16, 8, 16, 8)
        row.addWidget(self.message, 1)
        row.addWidget(self.later_button)
        row.addWidget(self.start_button)


class ReflectionReminder(QObject):
    """Shows the banner when the reflection is due; see the module's docstring."""

    start_requested = Signal()
    due_changed = Signal(bool)

    def __init__(
        self,
        context: AppContext,
        window: QWidget,
        *,
        now: Callable[[], datetime] | None = None,
        tray: bool = True,
    ) -> None:
        super().__init__(window)
        self.context = context
        self.window = window
        self.now = now or datetime.now
        self.banner: ReminderBanner | None = None
        self.tray: QSystemTrayIcon | None = None
        self._use_tray = tray
        self.due = False
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def stop(self) -> None:
        """Stop checking and take the banner and the tray icon away (the database closes)."""
        self.timer.stop()
        if self.banner is not None:
            self.banner.hide()
            self.banner.deleteLater()
            self.banner = None
        if self.tray is not None:
            self.tray.hide()
        self.deleteLater()

    def _settings(self) -> tuple[int, time]:
        weekday = settings.get("reflection_weekday")
        try:
            at = parse_time(settings.get("reflection_time"))
        except ValueError:
            at = parse_time("16:00")
        return weekday, at

    def check(self) -> bool:
        """Show or hide the banner for the moment ``now``; return whether it is shown."""
        now = self.now()
        week = clock.iso_week(now.date())
        weekday, at = self._settings()
        done = week in reflections.completed_weeks()
        dismissed = self.context.settings.value(_DISMISSED) == week
        due = reminder_due(now, weekday=weekday, at=at, done_this_week=done) and not dismissed
        if due:
            self._show(week)
        elif self.banner is not None:
            self.banner.hide()
        if due != self.due:
            self.due = due
            self.due_changed.emit(due)
        return due

    def _show(self, week: str) -> None:
        if self.banner is None:
            self.banner = ReminderBanner(self.window)
            self.banner.start_clicked.connect(self._start)
            self.banner.dismiss_clicked.connect(self.dismiss)
            add = getattr(self.window, "add_notice", None)
            if callable(add):
                add(self.banner)
        self.banner.message.setText(
            self.tr(
                "It is time for this week's reflection ({0}): 20 minutes with the week's "
                "evidence, then next week's focus."
            ).format(week)
        )
        self.banner.show()
        self._tray_message(week)

    def _start(self) -> None:
        if self.banner is not None:
            self.banner.hide()
        self.start_requested.emit()

    def dismiss(self) -> None:
        """Put the reminder off until next week."""
        self.context.settings.setValue(_DISMISSED, clock.iso_week(self.now().date()))
        self.check()

    def _tray_message(self, week: str) -> None:
        if not self._use_tray or self.context.settings.value(_TRAY_SHOWN) == week:
            return
        if not QSystemTrayIcon.isSystemTrayAvailable():
            return
        if self.tray is None:
            self.tray = QSystemTrayIcon(self.window.windowIcon(), self)
            self.tray.messageClicked.connect(self._start)
            self.tray.activated.connect(lambda _reason: self._start())
        self.tray.show()
        self.tray.showMessage(
            self.tr("Weekly reflection"),
            self.tr("It is time for this week's reflection."),
            QSystemTrayIcon.MessageIcon.Information,
        )
        self.context.settings.setValue(_TRAY_SHOWN, week)
