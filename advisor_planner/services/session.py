"""Opening a database for the app, without Qt: lock, start-up check, migrations, read-only
state, backups, restore and closing. ``ui.startup.DatabaseSession`` runs these on worker
threads and turns their outcomes into signals; no module above ``services`` needs ``store``
for them.

The order matters (see ``check_and_migrate``): the file is examined through a read-only
connection, the same full check as ``advisor-planner check``, before anything opens it for
writing, so a damaged file and its WAL stay byte for byte as they were.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from peewee import DatabaseError

from advisor_planner.store import backup as store_backup
from advisor_planner.store import problems
from advisor_planner.store.connection import (
    AppDatabase,
    GateState,
    ReadOnlyDatabaseError,
    close_database,
    open_database,
)
from advisor_planner.store.lock import DatabaseInUseError, InstanceLock, acquire_instance_lock
from advisor_planner.store.opening import Examination, Verdict, examine
from advisor_planner.translation import translate

__all__ = [
    "AppDatabase",
    "BadBackupError",
    "CheckOutcome",
    "DatabaseInUseError",
    "GateState",
    "InstanceLock",
    "ReadOnlyDatabaseError",
    "Verdict",
    "backup_folder",
    "check_and_migrate",
    "close",
    "make_manual_backup",
    "restore",
    "rotate_backups",
    "take_lock",
]

log = logging.getLogger(__name__)

BadBackupError = store_backup.BadBackupError
backup_folder = store_backup.backup_dir
rotate_backups = store_backup.rotate_backups


@dataclass(frozen=True, slots=True)
class CheckOutcome:
    """What the start-up worker found (built on the worker, read on the GUI thread)."""

    verdict: Verdict
    db: AppDatabase | None = None
    sentence: str = ""  # what to tell the user when the file is not writable
    messages: tuple[str, ...] = ()
    applied_migrations: tuple[int, ...] = ()
    good_backup: Path | None = None

    @property
    def ok(self) -> bool:
        return self.verdict.writable


def _open_read_only(path: Path) -> AppDatabase | None:
    try:
        return open_database(path, read_only=True)
    except (DatabaseError, OSError) as exc:
        log.warning("could not open %s read-only: %s", path, exc)
        return None


def check_and_migrate(path: Path, read_only_reason: str = "") -> CheckOutcome:
    """The start-up work, run on a worker thread.

    ``examine`` reads the file through its own read-only connection. Only when it is healthy
    (or new) is the file opened for writing; ``migrate`` then runs on this thread's own peewee
    connection, through the gate's bypass, while every other thread's writes still wait; the
    gate opens only once the schema is current.
    """
    from advisor_planner.store import migrations

    if not read_only_reason:  # (we hold the instance lock)
        try:
            store_backup.sweep_leftovers(path)
        except OSError as exc:
            log.warning("could not sweep leftovers beside %s: %s", path, exc)
    found = examine(path, known_schema=migrations.SCHEMA_VERSION)
    if found.verdict.writable and read_only_reason:
        found = Examination(Verdict.READ_ONLY, read_only_reason)
    if not found.verdict.writable:
        db = _open_read_only(path) if path.exists() and path.stat().st_size else None
        return CheckOutcome(
            found.verdict, db, found.sentence, found.messages, good_backup=found.good_backup
        )
    try:
        db = open_database(path, gate=GateState.PENDING)
    except (DatabaseError, OSError) as exc:
        problem = problems.classify(exc, path)
        verdict = (
            Verdict.DISK_FULL
            if problem.kind is problems.ProblemKind.DISK_FULL
            else (Verdict.READ_ONLY)
        )
        return CheckOutcome(verdict, _open_read_only(path), problem.sentence, (str(exc),))
    try:
        with db.gate_bypass():
            applied = migrations.migrate(db)
    except Exception as exc:  # noqa: BLE001 - reported to the user, the gate closes
        if isinstance(exc, migrations.SchemaTooNewError):
            verdict, sentence = Verdict.TOO_NEW, str(exc)
        else:
            problem = problems.classify(exc, path)
            full = problem.kind is problems.ProblemKind.DISK_FULL
            verdict, sentence = (Verdict.DISK_FULL if full else Verdict.READ_ONLY), problem.sentence
        db.set_gate(GateState.CLOSED, sentence)
        return CheckOutcome(verdict, db, sentence, (str(exc),))
    finally:
        db.close()  # this worker thread's connection only; the GUI thread opens its own
    db.set_gate(GateState.OPEN)
    return CheckOutcome(found.verdict, db, applied_migrations=tuple(applied))


def take_lock(db_path: Path) -> tuple[InstanceLock | None, str]:
    """The instance lock of ``db_path`` and "", or None and why the app must only read (a
    read-only folder, a full disk: not another window). Raises ``DatabaseInUseError`` when
    another process holds it."""
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
        return acquire_instance_lock(db_path), ""
    except DatabaseInUseError:
        raise
    except OSError as exc:
        return None, problems.classify(exc, db_path).sentence


def make_manual_backup(db_path: Path) -> Path:
    """A backup the user asked for, in the database's backup folder."""
    return store_backup.make_backup(db_path, label="manual")


def restore(backup: Path, db_path: Path) -> str:
    """Put ``backup`` in place of the (closed) database; "" when done, else the sentence
    saying why not (the database is then as it was)."""
    try:
        store_backup.restore_backup(backup, db_path)
    except store_backup.BadBackupError as exc:
        return translate("Storage", "The backup could not be restored: {0}").format(exc)
    except Exception as exc:  # noqa: BLE001 - any failure: said, and nothing changed
        log.warning("restore from %s failed: %s", backup, exc)
        why = problems.classify(exc, db_path).sentence
        return translate("Storage", "The backup could not be restored: {0}").format(why)
    return ""


def close() -> None:
    """Close the app's database (this thread's connection, after a checkpoint)."""
    close_database()
