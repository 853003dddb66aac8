"""The open database behind the window: start-up check, read-only fallback, restore, backups.

The window shows at once; ``DatabaseSession.start_check`` then runs ``quick_check`` and the
migrations on a worker thread while the database's write gate holds writes back.

- When the check passes, the gate opens, the schema is brought up to date and ``ready`` fires;
  the rotating backups are then made in the background.
- When it fails, the gate stays closed, the file is reopened read-only and ``damaged`` fires
  with the newest backup that passes its own check (or None), so the window can offer it.
  ``restore`` closes the file, puts the backup in its place (the damaged file is kept beside
  it) and runs the check again.

No widget is touched here: the window listens to the signals.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from peewee import DatabaseError
from PySide6.QtCore import QObject, QThreadPool, Signal

from advisor_planner.store import backup as store_backup
from advisor_planner.store import integrity
from advisor_planner.store.connection import (
    AppDatabase,
    GateState,
    close_database,
    open_database,
)
from advisor_planner.ui.tasks import Task, run_in_background

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class CheckOutcome:
    """What the start-up worker found (built on the worker, read on the GUI thread)."""

    ok: bool
    messages: tuple[str, ...] = ()
    applied_migrations: tuple[int, ...] = ()
    good_backup: Path | None = None
    error: str = ""  # a failure other than damage (e.g. a schema newer than this app)


@dataclass(slots=True)
class SessionState:
    """Where the session stands; the window reads it to decide what to offer."""

    gate: GateState = GateState.PENDING
    reason: str = ""
    good_backup: Path | None = None
    messages: tuple[str, ...] = field(default_factory=tuple)


def check_and_migrate(db: AppDatabase | None, path: Path) -> CheckOutcome:
    """The start-up work, run on a worker thread.

    ``quick_check`` opens its own read-only connection. When it passes, ``migrate`` runs on
    this thread's own peewee connection, through the gate's bypass, while every other thread's
    writes still wait; the gate opens only once the schema is current.
    """
    from advisor_planner.store import migrations

    result = integrity.quick_check(path) if db is not None else None
    if result is None or not result.ok:
        messages = result.messages if result is not None else ("The file could not be opened.",)
        return CheckOutcome(False, messages, good_backup=store_backup.newest_good_backup(path))
    assert db is not None
    try:
        with db.gate_bypass():
            applied = migrations.migrate(db)
    except Exception as exc:  # noqa: BLE001 - reported to the user, the gate closes
        db.set_gate(GateState.CLOSED, str(exc))
        return CheckOutcome(True, result.messages, error=str(exc))
    finally:
        db.close()  # this worker thread's connection only; the GUI thread keeps its own
    db.set_gate(GateState.OPEN)
    return CheckOutcome(True, result.messages, applied_migrations=tuple(applied))


class DatabaseSession(QObject):
    """Owns the database file for one window. Signals fire on the GUI thread."""

    ready = Signal()  # the check passed and the schema is current: writes go through
    damaged = Signal(str, object)  # reason, newest good backup (Path) or None: read-only
    unusable = Signal(str)  # healthy but cannot be used (e.g. written by a newer app)
    backup_made = Signal(object)  # Path of a backup the user asked for
    backup_failed = Signal(str)

    def __init__(
        self,
        path: str | Path,
        *,
        pool: QThreadPool | None = None,
        rotate_backups: bool = True,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.path = Path(path)
        self.db: AppDatabase | None = None
        self.state = SessionState()
        self._pool = pool
        self._rotate = rotate_backups
        self.check_task: Task | None = None
        self.rotation_task: Task | None = None
        self._closed = False

    # -- opening and the start-up check ------------------------------------------------------

    def open(self) -> None:
        """Open the file with writes held until the check passes (cheap: no check yet)."""
        try:
            self.db = open_database(self.path, gate=GateState.PENDING)
        except DatabaseError as exc:
            # Not even the header reads; the check below reports it as damaged.
            log.warning("could not open %s: %s", self.path, exc)
            self.db = None
        self._closed = False
        self.state = SessionState()

    def start_check(self) -> Task:
        """Run the check and migrations on a worker; ``ready``/``damaged`` follow."""
        self.check_task = run_in_background(
            check_and_migrate,
            self.db,
            self.path,
            on_success=self._on_checked,
            on_error=self._on_check_error,
            pool=self._pool,
            name="start-up check",
        )
        return self.check_task

    def _on_checked(self, outcome: CheckOutcome) -> None:
        if self._closed:
            return
        if outcome.ok and not outcome.error:
            self.state = SessionState(GateState.OPEN, messages=outcome.messages)
            self.ready.emit()
            if self._rotate:
                self.start_rotation()
        elif outcome.ok:
            self.state = SessionState(GateState.CLOSED, outcome.error)
            self.unusable.emit(outcome.error)
        else:
            self._fall_back_to_read_only(outcome)

    def _on_check_error(self, error: BaseException) -> None:
        if self._closed:
            return
        if self.db is not None:
            self.db.set_gate(GateState.CLOSED, str(error))
        self.state = SessionState(GateState.CLOSED, str(error))
        self.unusable.emit(str(error))

    def _fall_back_to_read_only(self, outcome: CheckOutcome) -> None:
        reason = "; ".join(outcome.messages[:3]) or "the integrity check failed"
        if self.db is not None:
            self.db.set_gate(GateState.CLOSED, f"The database failed its check: {reason}")
        close_database()
        try:
            self.db = open_database(self.path, read_only=True)
        except (DatabaseError, FileNotFoundError) as exc:
            log.warning("could not reopen %s read-only: %s", self.path, exc)
            self.db = None
        self.state = SessionState(GateState.CLOSED, reason, outcome.good_backup, outcome.messages)
        self.damaged.emit(reason, outcome.good_backup)

    # -- restoring and backing up ------------------------------------------------------------

    def restore(self, backup: Path) -> Task:
        """Replace the damaged file with ``backup`` and check it again (the old file is kept)."""
        self.close()
        store_backup.restore_backup(backup, self.path)
        self.open()
        return self.start_check()

    def start_rotation(self) -> Task:
        """Make today's daily and this week's weekly backup in the background."""
        self.rotation_task = run_in_background(
            store_backup.rotate_backups,
            self.path,
            on_error=lambda exc: log.warning("rotating backups failed: %s", exc),
            pool=self._pool,
            name="rotate backups",
        )
        return self.rotation_task

    def back_up_now(self) -> Task:
        """A backup the user asked for, made in the background; ``backup_made`` follows."""
        return run_in_background(
            store_backup.make_backup,
            self.path,
            label="manual",
            on_success=self.backup_made.emit,
            on_error=lambda exc: self.backup_failed.emit(str(exc)),
            pool=self._pool,
            name="back up now",
        )

    @property
    def writable(self) -> bool:
        return self.state.gate is GateState.OPEN

    # -- closing -----------------------------------------------------------------------------

    def close(self) -> None:
        """Wait for background work on this database, then close it."""
        self._closed = True
        (self._pool or QThreadPool.globalInstance()).waitForDone()
        if self.db is not None:
            close_database()
        self.db = None
