"""Opening a database, without Qt, for the app and the command line alike: lock, start-up
check, migrations, read-only state, backups, restore and closing. No module above
``services`` needs ``store`` for them, so this is the one place a new way of opening a file
(issue 16's passphrases) is added for both.

- The app: ``ui.startup.DatabaseSession`` runs ``take_lock``, ``open_for_early_reading``,
  ``check_and_migrate``, ``make_manual_backup``, ``restore`` and ``close`` on worker threads
  and turns their outcomes into signals.
- A command: ``opened(path, writing=...)`` opens the file for the block and closes it;
  ``locked`` holds the lock without opening it (``restore``). A refusal is ``CannotOpen``,
  one sentence. ``check`` prints ``examine`` (the app's own start-up examination) and
  ``table_counts``; ``backup`` and ``restore`` use ``back_up``, ``newest_good_backup`` and
  ``restore_from``, which raise where the app's ``restore`` returns a sentence.

The order matters (see ``check_and_migrate``): the file is examined through a read-only
connection, the same full check as ``advisor-planner check``, before anything opens it for
writing, so a damaged file and its WAL stay byte for byte as they were.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from peewee import DatabaseError

from advisor_planner.store import backup as store_backup
from advisor_planner.store import cipher, migrations, problems
from advisor_planner.store import encryption as store_encryption
from advisor_planner.store.connection import (
    AppDatabase,
    GateState,
    ReadOnlyDatabaseError,
    close_database,
    open_database,
)
from advisor_planner.store.integrity import DamagedDatabaseError, connect_read_only
from advisor_planner.store.lock import DatabaseInUseError, InstanceLock, acquire_instance_lock
from advisor_planner.store.opening import Examination, Verdict, examine, init_db, looks_sound
from advisor_planner.translation import translate

__all__ = [
    "AppDatabase",
    "BadBackupError",
    "CannotOpen",
    "CheckOutcome",
    "DatabaseInUseError",
    "Examination",
    "FILE_ERRORS",
    "GateState",
    "InstanceLock",
    "ReadOnlyDatabaseError",
    "Verdict",
    "back_up",
    "backup_folder",
    "check_and_migrate",
    "close",
    "examine",
    "locked",
    "make_manual_backup",
    "newest_good_backup",
    "open_for_early_reading",
    "opened",
    "restore",
    "restore_from",
    "rotate_backups",
    "table_counts",
    "take_lock",
]

log = logging.getLogger(__name__)

BadBackupError = store_backup.BadBackupError
#: What copying or restoring a database file raises: sqlite3's errors, SQLCipher's (separate
#: classes, for an encrypted file) and ``OSError``.
FILE_ERRORS: tuple[type[Exception], ...] = (*cipher.ERRORS, OSError)
backup_folder = store_backup.backup_dir
newest_good_backup = store_backup.newest_good_backup
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


def open_for_early_reading(path: Path, read_only_reason: str = "") -> AppDatabase | None:
    """The file opened read-only (and bound to the models) when ``looks_sound`` says its data
    can be shown before ``check_and_migrate`` has run the full check; else None, and nothing
    is open. Run on a worker thread, before ``check_and_migrate``.

    Its write gate is closed, saying the check still runs: nothing can be written through it,
    and SQLite itself refuses (the connection is read-only, so it never checkpoints the WAL
    either). A file that needs a migration, or that this process may not write (no instance
    lock: ``read_only_reason``), is not read early: it waits for the full examination, as
    before.
    """
    if read_only_reason:
        return None
    try:
        store_backup.sweep_leftovers(path)
    except OSError as exc:
        log.warning("could not sweep leftovers beside %s: %s", path, exc)
    if not looks_sound(path, schema=migrations.SCHEMA_VERSION):
        return None
    db = _open_read_only(path)
    if db is not None:
        db.set_gate(
            GateState.CLOSED,
            translate("Storage", "The database check is still running; try again."),
        )
        db.close()  # this worker thread's connection only; each reader opens its own
    return db


def check_and_migrate(path: Path, read_only_reason: str = "") -> CheckOutcome:
    """The start-up work, run on a worker thread.

    ``examine`` reads the file through its own read-only connection. Only when it is healthy
    (or new) is the file opened for writing; ``migrate`` then runs on this thread's own peewee
    connection, through the gate's bypass, while every other thread's writes still wait; the
    gate opens only once the schema is current.
    """
    if not read_only_reason:  # (we hold the instance lock)
        try:
            store_backup.sweep_leftovers(path)
        except OSError as exc:
            log.warning("could not sweep leftovers beside %s: %s", path, exc)
    found = examine(path, known_schema=migrations.SCHEMA_VERSION)
    if found.verdict.writable and read_only_reason:
        found = Examination(Verdict.READ_ONLY, read_only_reason)
    if found.verdict is Verdict.LOCKED:
        # Encrypted and its key not held: nothing opens the file until it is unlocked (a
        # connection left open would be released by the header read that unlocking does).
        return CheckOutcome(found.verdict, None, found.sentence)
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


def table_counts(path: Path) -> list[tuple[str, int]]:
    """Row counts of every table, by name, through a read-only connection (``check`` prints
    them once ``examine`` has found the file healthy)."""
    con = connect_read_only(path)
    try:
        names = [
            row[0]
            for row in con.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        quoted = ['"' + name.replace('"', '""') + '"' for name in names]
        return [
            (name, con.execute(f"SELECT count(*) FROM {q}").fetchone()[0])
            for name, q in zip(names, quoted, strict=True)
        ]
    finally:
        con.close()


def make_manual_backup(db_path: Path) -> Path:
    """A backup the user asked for, in the database's backup folder."""
    return store_backup.make_backup(db_path, label="manual")


def back_up(db_path: Path, to: Path | None = None) -> Path:
    """A copy of the database at ``to``, else a manual backup in its backup folder; read
    through a read-only connection (safe beside the running app), kept only once it passes
    the full check. Raises ``BadBackupError`` (the copy failed the check), ``sqlite3.Error``
    or ``OSError``.

    An encrypted database's copy at ``to`` gets a copy of its key file beside it
    (``<to>.keys``): without it the copy would open only as long as the database keeps the
    same key file, and not at all once its encryption is removed."""
    if to is None:
        return make_manual_backup(db_path)
    made = store_backup.backup_file(db_path, to)
    try:
        store_encryption.copy_key_file(db_path, made)
    except BaseException:
        made.unlink(missing_ok=True)  # (a copy nothing opens is no backup)
        raise
    return made


def restore_from(backup: Path, db_path: Path) -> Path:
    """Put ``backup`` in place of the (closed) database, keeping the file it replaces aside;
    returns where. Raises ``BadBackupError`` (the backup fails the check), ``sqlite3.Error``
    or ``OSError``; the database is then as it was."""
    return store_backup.restore_backup(backup, db_path)


def restore(backup: Path, db_path: Path) -> str:
    """Put ``backup`` in place of the (closed) database; "" when done, else the sentence
    saying why not (the database is then as it was)."""
    try:
        restore_from(backup, db_path)
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


class CannotOpen(Exception):
    """A command cannot open or lock the database: the message is one sentence (who holds
    it, why it is damaged). ``usage`` is True when nothing was attempted because there is no
    file to read (the command line's usage error, exit status 2)."""

    def __init__(self, sentence: str, *, usage: bool = False) -> None:
        super().__init__(sentence)
        self.usage = usage


def _lock(path: Path, purpose: str) -> InstanceLock:
    """The instance lock of ``path`` for a command that writes, or ``CannotOpen`` saying who
    holds it (or why it cannot be made: a read-only folder, a full disk)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return acquire_instance_lock(path, purpose=purpose)
    except DatabaseInUseError as exc:
        raise CannotOpen(str(exc)) from None
    except OSError as exc:
        raise CannotOpen(problems.classify(exc, path).sentence) from None


@contextmanager
def locked(path: Path, purpose: str) -> Iterator[None]:
    """Hold the instance lock of ``path`` for the block, without opening the file (``restore``
    replaces it); ``CannotOpen`` while another process holds it."""
    held = _lock(path, purpose)
    try:
        yield
    finally:
        held.release()


@contextmanager
def opened(path: Path, *, writing: str | None = None, lock_held: bool = False) -> Iterator[None]:
    """The database at ``path``, open for the block and closed when it ends, for a command.

    A command that writes names what it is doing (``writing="import"``, which the lock tells
    whoever else tries): the instance lock is held for the block, left-overs of an interrupted
    backup are swept, and the file is created or migrated (backed up first). While the app or
    another writing command holds the lock this refuses with one line naming it, rather than
    write beside it: the design allows one writer per file. ``lock_held``: the caller holds
    the lock already (``locked``), around more than the open file (unlocking an encrypted
    file before it is opened, encrypting it once it is closed), and it is not taken again.

    A command that only reads gets a read-only connection, which never checkpoints or deletes
    the WAL, so it is safe beside a running app and works on read-only media. A missing,
    damaged or too-new file is refused (as the app and ``check`` would call it); a file older
    than this app is brought up to date first, unless another process holds it.
    """
    held = _lock(path, writing) if writing and not lock_held else None
    try:
        if writing:
            _open_for_writing(path)
        else:
            _open_for_reading(path)
        try:
            yield
        finally:
            close_database()
    finally:
        if held is not None:
            held.release()


def _open_for_writing(path: Path) -> None:
    """Open ``path`` (the lock held), created or migrated; ``CannotOpen`` if it cannot be."""
    try:
        store_backup.sweep_leftovers(path)
        init_db(path, backup_before_migrate=True)
    except (
        DamagedDatabaseError,
        migrations.SchemaTooNewError,
        problems.StorageError,
        cipher.LockedDatabaseError,
    ) as exc:
        raise CannotOpen(str(exc)) from None


def _open_for_reading(path: Path) -> None:
    """Open ``path`` read-only, after the same examination as the app's start-up."""
    if not path.is_file():
        raise CannotOpen(f"no database at {path}", usage=True)
    found = examine(path, known_schema=migrations.SCHEMA_VERSION)
    if found.verdict in (Verdict.DAMAGED, Verdict.TOO_NEW, Verdict.LOCKED):
        raise CannotOpen(found.sentence)
    if found.verdict is Verdict.NEW or found.schema_version < migrations.SCHEMA_VERSION:
        with locked(path, "update"):
            _open_for_writing(path)
            close_database()
    open_database(path, read_only=True)
