"""The open database behind the window: start-up check, read-only fallback, restore, backups.

The window shows at once; ``DatabaseSession.start_check`` then examines the file on a worker
thread (``services.session.check_and_migrate``: the full check, through a read-only
connection) **before anything opens it for writing**, so a damaged file and its WAL stay byte
for byte as they were until the user chooses a restore.

- First data, before the full check: a quick look (``quick_check``, the schema version: 0.16
  against 0.5 s for the full check on ten years of data) may open the file read-only at once
  (``services.session.open_for_early_reading``); ``early`` then fires and the window shows
  its pages while the full check runs on. Nothing can be written meanwhile (the connection is
  read-only and its gate closed); the full check's verdict follows as below, and the early
  connection is closed. A file that needs a migration, is locked or fails the quick look is
  not read early.
- Healthy (or new): the file is opened for writing, the schema brought up to date (while the
  write gate holds other threads' writes back) and ``ready`` fires; the rotating backups are
  then made in the background, each kept only once its copy passes the full check.
- Damaged (or empty, or cut short, where backups exist): opened read-only, and ``damaged``
  fires with the newest backup that passes its check (or None), so the window can offer it.
  ``restore`` closes the file, puts the backup in its place (the damaged file is kept beside
  it) and runs the check again; a restore that fails leaves the database as it was, open, and
  says why through ``restore_failed``.
- Healthy but not writable here (read-only media, a full disk): opened read-only and
  ``read_only`` fires with the sentence to show. Written by a newer app: ``unusable``.
- Encrypted, and its key not held: the key the OS keychain remembers is tried first (on the
  worker, before anything opens the file); without it nothing is opened and ``locked`` fires,
  so the window can ask for the passphrase (``ui.protection``) and start the check again.

No widget is touched here: the window listens to the signals.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, QThreadPool, Signal

from advisor_planner.services import encryption
from advisor_planner.services import session as service
from advisor_planner.services.errors import storage_sentence
from advisor_planner.services.session import AppDatabase, CheckOutcome, GateState, Verdict
from advisor_planner.ui.tasks import Task, run_in_background

log = logging.getLogger(__name__)


def unlock_and_check(
    path: Path,
    read_only_reason: str = "",
    early: Callable[[AppDatabase], None] | None = None,
) -> CheckOutcome:
    """The start-up work (on a worker): an encrypted database whose key this process does not
    hold is unlocked with the key the OS keychain remembers, if it does; if the quick look
    allows it, the file is opened for early reading and handed to ``early``
    (``services.session.open_for_early_reading``); then the full check. (``is_encrypted``
    reads the file's first bytes: only while nothing has it open.)"""
    if encryption.is_encrypted(path) and not encryption.is_unlocked(path):
        try:
            encryption.unlock_from_keychain(path)
        except Exception as exc:  # noqa: BLE001 - a keychain that fails: ask for the passphrase
            log.warning("the keychain could not be read: %s", exc)
    if early is not None:
        found = service.open_for_early_reading(path, read_only_reason)
        if found is not None:
            early(found)
    return service.check_and_migrate(path, read_only_reason)


@dataclass(slots=True)
class SessionState:
    """Where the session stands; the window reads it to decide what to offer."""

    gate: GateState = GateState.PENDING
    reason: str = ""
    good_backup: Path | None = None
    messages: tuple[str, ...] = field(default_factory=tuple)
    verdict: Verdict | None = None


class DatabaseSession(QObject):
    """Owns the database file for one window. Signals fire on the GUI thread."""

    # The quick look passed and nothing needs migrating: the data can be shown, read-only,
    # while the full check runs (``ready`` or ``damaged``... follows it).
    early = Signal()
    ready = Signal()  # the check passed and the schema is current: writes go through
    _early_found = Signal(int, object)  # from the worker: the run, the early AppDatabase
    damaged = Signal(str, object)  # reason, newest good backup (Path) or None: read-only
    read_only = Signal(str)  # healthy, but cannot be written here (read-only media, full disk)
    unusable = Signal(str)  # healthy but cannot be used (e.g. written by a newer app)
    locked = Signal(str)  # encrypted, and its key is not held: nothing is open
    restore_failed = Signal(str)  # the restore did not happen; the database is as it was
    backup_made = Signal(object)  # Path of a backup the user asked for
    backup_failed = Signal(str)

    def __init__(
        self,
        path: str | Path,
        *,
        pool: QThreadPool | None = None,
        rotate_backups: bool = True,
        read_only_reason: str = "",
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.path = Path(path)
        # Set when the instance lock could not be taken for a reason other than another
        # process (a read-only folder, a full disk): without the lock, never write.
        self.read_only_reason = read_only_reason
        self.db: AppDatabase | None = None
        self.state = SessionState()
        self._pool = pool
        self._rotate = rotate_backups
        self.check_task: Task | None = None
        self.rotation_task: Task | None = None
        self._closed = False
        # Which start_check this is: a restore started while a check was still running
        # starts another, and what the older one reports is then of a file since replaced.
        self._run = 0
        self._early_found.connect(self._on_early)
        # While held (``hold``), what the check found waits here, in order, for ``release``.
        self._held: list[Callable[[], None]] | None = None

    # -- opening and the start-up check ------------------------------------------------------

    def open(self) -> None:
        """Get ready to open the file; nothing touches it until the check has decided how."""
        self._closed = False
        self.state = SessionState()

    def hold(self) -> None:
        """Keep the data the check finds (the early data, the ``ready`` verdict) from the
        window until ``release``, in the order it came: ``ui.app`` holds them while the
        charts' modules load, so that the dashboard does not import them in one long turn of
        its own. Any other verdict (locked, damaged...) releases the hold at once."""
        if self._held is None:
            self._held = []

    def release(self) -> None:
        """Let what was held through, in order (a second call does nothing)."""
        held, self._held = self._held or [], None
        for deliver in held:
            deliver()

    @property
    def held(self) -> int:
        """How many of the check's results are waiting for ``release``."""
        return len(self._held or ())

    def _kept(self, deliver: Callable[[], None]) -> bool:
        """True (and ``deliver`` kept for later) while held."""
        if self._held is None:
            return False
        self._held.append(deliver)
        return True

    def start_check(self) -> Task:
        """Unlock from the keychain, take a quick look (``early`` may follow), examine, open
        and migrate on a worker; ``ready``, ``damaged``, ``read_only``, ``unusable`` or
        ``locked`` follow."""
        self._run += 1
        run = self._run
        self.check_task = run_in_background(
            unlock_and_check,
            self.path,
            self.read_only_reason,
            lambda db: self._early_found.emit(run, db),  # (on the worker: queued to this thread)
            on_success=lambda outcome: self._on_checked(run, outcome),
            on_error=lambda error: self._on_check_error(run, error),
            pool=self._pool,
            name="start-up check",
        )
        return self.check_task

    def _on_early(self, run: int, early: AppDatabase) -> None:
        if self._kept(lambda: self._on_early(run, early)):
            return
        if self._closed or run != self._run:
            early.close()
            return
        self.db = early
        self.early.emit()

    def _on_checked(self, run: int, outcome: CheckOutcome) -> None:
        # Only the data waits for the hold: a locked file's passphrase, a damaged one's
        # restore, are asked for at once (with the early data, if any, delivered first).
        if outcome.ok and self._kept(lambda: self._on_checked(run, outcome)):
            return
        self.release()
        if run != self._run:
            if outcome.db is not None:
                outcome.db.close()
            return
        if self.db is not None and self.db is not outcome.db:
            self.db.close()  # the early reading's connection on this thread (it only read)
            self.db = None
        if self._closed:
            if outcome.db is not None:
                service.close()
            return
        self.db = outcome.db
        verdict = outcome.verdict
        if outcome.ok:
            self.state = SessionState(GateState.OPEN, messages=outcome.messages, verdict=verdict)
            self.ready.emit()
            if self._rotate:
                self.start_rotation()
        elif verdict is Verdict.LOCKED:
            self.state = SessionState(GateState.CLOSED, outcome.sentence, verdict=verdict)
            self.locked.emit(outcome.sentence)
        elif verdict is Verdict.DAMAGED:
            reason = outcome.sentence or self.tr("the integrity check failed")
            self.state = SessionState(
                GateState.CLOSED, reason, outcome.good_backup, outcome.messages, verdict
            )
            self.damaged.emit(reason, outcome.good_backup)
        elif verdict is Verdict.TOO_NEW or self.db is None:
            self.state = SessionState(GateState.CLOSED, outcome.sentence, verdict=verdict)
            self.unusable.emit(outcome.sentence)
        else:
            self.state = SessionState(GateState.CLOSED, outcome.sentence, verdict=verdict)
            self.read_only.emit(outcome.sentence)

    def _on_check_error(self, run: int, error: BaseException) -> None:
        self.release()
        if self._closed or run != self._run:
            return
        sentence = storage_sentence(error, self.path)
        self.state = SessionState(GateState.CLOSED, sentence)
        self.unusable.emit(sentence)

    # -- restoring and backing up ------------------------------------------------------------

    def restore(self, backup: Path) -> Task | None:
        """Replace the damaged file with ``backup`` and check it again (the old file is kept).

        If the restore fails (a full disk, a backup damaged since it was offered), the
        database is left as it was and reopened as it was, and ``restore_failed`` says why.
        """
        self.close()
        failed = service.restore(backup, self.path)
        if failed:
            self.open()
            task = self.start_check()
            self.restore_failed.emit(failed)
            return task
        self.open()
        return self.start_check()

    def start_rotation(self) -> Task:
        """Make today's daily and this week's weekly backup in the background."""
        self.rotation_task = run_in_background(
            service.rotate_backups,
            self.path,
            on_error=lambda exc: log.warning("rotating backups failed: %s", exc),
            pool=self._pool,
            name="rotate backups",
        )
        return self.rotation_task

    def back_up_now(self) -> Task:
        """A backup the user asked for, made in the background; ``backup_made`` follows."""
        return run_in_background(
            service.make_manual_backup,
            self.path,
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
        self.release()  # (what was held sees the session closed, and closes its connections)
        if self.db is not None:
            service.close()  # the bound database: the checked one, if the check ended meanwhile
            self.db.close()  # (the early reading's, when this is it; else closed already)
        self.db = None
