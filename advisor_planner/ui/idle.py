"""The idle lock's clock: ``IdleMonitor.idle`` fires after some time without a key pressed, a
click, a scroll or the mouse moved anywhere in the app, and ``ui.protection`` then locks an
encrypted database (Preferences ▸ Lock after N minutes idle).

Every event of the app passes through its event filter (a Python call each) while it is
armed, so it is armed only while an encrypted database is open with a lock time set: a plain
database, or "never", pays nothing. The minutes are kept on this computer (QSettings, under
``IDLE_LOCK_SETTING``), as the keychain is: who can reach this screen is this computer's
question, not the data's. Tests arm it with an interval in milliseconds and wait on ``idle``.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSettings, Qt, QTimer, Signal

IDLE_LOCK_SETTING = "security/lock_after_idle_minutes"
MAX_IDLE_MINUTES = 24 * 60

#: What counts as someone at the computer.
INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TabletPress,
    }
)


def idle_lock_minutes(settings: QSettings) -> int:
    """The minutes set in Preferences (0: never), whatever the settings file holds."""
    try:
        minutes = int(str(settings.value(IDLE_LOCK_SETTING, 0)))
    except ValueError:
        return 0
    return min(max(minutes, 0), MAX_IDLE_MINUTES)


class IdleMonitor(QObject):
    """A single-shot timer that every input event in the app starts again."""

    idle = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        # (A coarse timer may fire 5 % late, three minutes on an hour; and its remaining time
        # jumps, which the tests read.)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._fire)
        self._filtering = False

    @property
    def armed(self) -> bool:
        return self._filtering

    def interval(self) -> int:
        """Milliseconds without input before ``idle`` (0 while not armed)."""
        return self._timer.interval() if self._filtering else 0

    def remaining(self) -> int:
        """Milliseconds left before ``idle`` if nothing happens (-1 while not armed)."""
        return self._timer.remainingTime() if self._filtering else -1

    def start(self, interval_ms: int) -> None:
        """Fire ``idle`` after ``interval_ms`` without input (0 or less: never)."""
        self.stop()
        app = QCoreApplication.instance()
        if interval_ms <= 0 or app is None:
            return
        app.installEventFilter(self)
        self._filtering = True
        self._timer.start(interval_ms)

    def stop(self) -> None:
        self._timer.stop()
        app = QCoreApplication.instance()
        if self._filtering and app is not None:
            app.removeEventFilter(self)
        self._filtering = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() in INPUT_EVENTS:
            self._timer.start()
        return False

    def _fire(self) -> None:
        self.stop()
        self.idle.emit()
