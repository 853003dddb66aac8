"""Deciding how a database file may be opened, before anything writes to it.

``examine`` looks at the file only through read-only SQLite connections (and ``stat``), so it
changes nothing: not the file, not its WAL. Its ``Verdict`` says what the app and the command
line may do next:

- ``NEW``: no file yet (or an empty one, where no backups exist): create it.
- ``HEALTHY``: passes the full check (the same ``integrity.full_check`` as ``check``).
- ``DAMAGED``: fails it, or is empty or cut short while backups exist beside it (a zero-length
  file used to be taken for a new database, and its backups overwritten with empty ones).
  Open read-only and offer ``good_backup``.
- ``READ_ONLY``: healthy, on read-only media or in a folder we cannot write: read only.
- ``DISK_FULL``: healthy, but the disk has no room for the WAL: read only, said plainly (a
  full disk used to be reported as a failed integrity check).
- ``TOO_NEW``: written by a newer version of the app: read only.

``init_db`` examines, opens and migrates in one call, for the command line and tests.
``looks_sound`` is the quick look before ``examine``: whether the file's data may be *read*
(never written) while the full check still runs.

Nothing here opens the database file with anything but SQLite: a plain ``open``/``close`` in
this process would release SQLite's POSIX locks (see ``store.lock``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from advisor_planner.store import cipher, keys, migrations, problems
from advisor_planner.store.backup import list_backups, newest_good_backup
from advisor_planner.store.connection import AppDatabase, open_database
from advisor_planner.store.encryption import lost_but_encrypted
from advisor_planner.store.integrity import (
    DamagedDatabaseError,
    connect_read_only,
    full_check,
    quick_check,
)
from advisor_planner.store.models import SchemaVersion
from advisor_planner.translation import translate

#: Below this much free space a healthy database opens read-only: the WAL of one ordinary
#: save needs a few pages, an import or a migration far more, and SQLite reports a full disk
#: mid-transaction only after the work is done.
MIN_FREE_BYTES = 1024 * 1024


#: What a look at a file that may be damaged, locked or gone can raise (SQLite's errors,
#: SQLCipher's, the file system's).
LOOK_ERRORS: tuple[type[Exception], ...] = (*cipher.ERRORS, OSError)


class Verdict(Enum):
    NEW = "new"
    HEALTHY = "healthy"
    DAMAGED = "damaged"
    READ_ONLY = "read-only"
    DISK_FULL = "disk full"
    TOO_NEW = "too new"
    LOCKED = "locked"  # encrypted, and its key is not held: unlock it first

    @property
    def writable(self) -> bool:
        return self in (Verdict.NEW, Verdict.HEALTHY)


@dataclass(frozen=True, slots=True)
class Examination:
    verdict: Verdict
    sentence: str = ""  # what to tell the user ("" when there is nothing to say)
    messages: tuple[str, ...] = field(default_factory=tuple)  # the check's own findings
    good_backup: Path | None = None  # DAMAGED: the newest backup that passes the check
    schema_version: int = 0


def schema_version(path: Path) -> int:
    """The schema version a healthy file records (0 for none), read read-only."""
    table = SchemaVersion._meta.table_name
    con = connect_read_only(path)
    try:
        has_table = con.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
        ).fetchone()
        if not has_table:
            return 0
        row = con.execute(f'SELECT max(version) FROM "{table}"').fetchone()
        return int(row[0] or 0)
    finally:
        con.close()


def _damaged(path: Path, why: str, messages: tuple[str, ...]) -> Examination:
    """``why`` is one whole sentence; a second says whether a backup can stand in."""
    backup = newest_good_backup(path)
    advice = (
        translate("Storage", "A backup that passes the check can be restored.")
        if backup is not None
        else translate("Storage", "No backup that passes the check was found.")
    )
    return Examination(Verdict.DAMAGED, f"{why} {advice}", messages, good_backup=backup)


def _lost_encrypted(path: Path) -> Examination:
    """An encrypted database whose file is gone (deleted, or emptied) while its key file or
    the key file's spare remains: never a new, plain, empty file beside its encrypted backups.
    Locked until its key is held (checked against the backups: ``encryption.unlock``); then
    damaged, with its newest good backup to restore."""
    if cipher.key_for(path) is None:
        return Examination(
            Verdict.LOCKED,
            translate(
                "Storage",
                "{0} is missing, but it was encrypted and its backups remain: unlock it with "
                "its passphrase or recovery key to restore one.",
            ).format(path),
        )
    return _damaged(
        path,
        translate("Storage", "{0} is missing or empty, but encrypted backups of it exist.").format(
            path
        ),
        ("missing file",),
    )


def examine(path: str | Path, *, known_schema: int | None = None) -> Examination:
    """How ``path`` may be opened (see the module docstring); writes nothing.

    ``known_schema`` is the newest schema this app knows (``migrations.SCHEMA_VERSION``):
    a file with a newer one is ``TOO_NEW``.
    """
    path = Path(path)
    gone = not path.exists() or path.stat().st_size == 0
    if gone and lost_but_encrypted(path):
        return _lost_encrypted(path)
    if not path.exists():
        if not problems.folder_writable(path) and path.parent.exists():
            return Examination(Verdict.READ_ONLY, problems.read_only(path).sentence)
        return Examination(Verdict.NEW)
    size = path.stat().st_size
    full_before = _nearly_full(path) and _disk_full_sentence(path)
    if size == 0:
        if list_backups(path):
            return _damaged(
                path,
                translate("Storage", "{0} is empty (0 bytes), but backups of it exist.").format(
                    path
                ),
                ("empty file",),
            )
        return Examination(Verdict.NEW)
    if keys.key_file_path(path).exists() and cipher.key_for(path) is None:
        return Examination(
            Verdict.LOCKED,
            translate(
                "Storage", "{0} is encrypted: unlock it with its passphrase or recovery key."
            ).format(path),
        )
    try:
        result = full_check(path)
    except cipher.ERRORS as exc:  # the check could not run: a full disk, read-only media
        problem = problems.classify(exc, path)
        if problem.kind is problems.ProblemKind.DISK_FULL or full_before:
            sentence = full_before or _disk_full_sentence(path)
            return Examination(Verdict.DISK_FULL, sentence, (str(exc),))
        return Examination(Verdict.READ_ONLY, problem.sentence, (str(exc),))
    if not result.ok:
        first = result.summary()
        if "not a database" in first:
            return _damaged(
                path,
                translate(
                    "Storage",
                    "{0} is not an Advisor Planner database (or its first page is damaged).",
                ).format(path),
                result.messages,
            )
        if "unable to open" in first and not problems.folder_writable(path):
            return Examination(Verdict.READ_ONLY, problems.read_only(path).sentence)
        why = translate("Storage", "{0} failed its integrity check: {1}.").format(path, first)
        return _damaged(path, why, result.messages)
    version = schema_version(path)
    if known_schema is not None and version > known_schema:
        return Examination(
            Verdict.TOO_NEW,
            translate(
                "Storage",
                "This database has schema version {0}; this app knows up to {1}. Update Advisor"
                " Planner to change it; opened for reading only.",
            ).format(version, known_schema),
            schema_version=version,
        )
    if not problems.folder_writable(path):
        return Examination(
            Verdict.READ_ONLY, problems.read_only(path).sentence, schema_version=version
        )
    if full_before:
        return Examination(Verdict.DISK_FULL, full_before, schema_version=version)
    return Examination(Verdict.HEALTHY, schema_version=version)


def looks_sound(path: str | Path, *, schema: int) -> bool:
    """Whether ``path`` may be *read* before ``examine`` has run its full check: a file that
    is there, its key held when encrypted, passes ``quick_check`` (every page is readable and
    well formed) and records exactly schema version ``schema`` (nothing to migrate), in a
    folder that can be written, on a disk with room. Reads only, writes nothing; any doubt is
    False (the full examination then decides, as it always does).

    The app shows its first data through a read-only connection once this holds, while the
    full check (about 3 times the quick one: 0.5 against 0.16 s on ten years of data) runs on;
    nothing opens the file for writing until that has passed. What the quick check misses
    (a damaged index, a broken reference) leaves the pages readable, so the data shown from
    such a file is what it holds; the full check then calls it damaged.
    """
    path = Path(path)
    try:
        if not path.is_file() or path.stat().st_size == 0:
            return False
        if keys.key_file_path(path).exists() and cipher.key_for(path) is None:
            return False
        if not problems.folder_writable(path) or _nearly_full(path):
            return False
        return quick_check(path).ok and schema_version(path) == schema
    except LOOK_ERRORS:
        return False


def _nearly_full(path: Path) -> bool:
    free = problems.free_bytes(path)
    return free is not None and free < MIN_FREE_BYTES


def _disk_full_sentence(path: Path) -> str:
    return problems.disk_full(path, opened_read_only=True).sentence


def init_db(path: str | os.PathLike[str], *, backup_before_migrate: bool = True) -> AppDatabase:
    """Open ``path`` for writing and bring its schema up to date, once ``examine`` has found it
    healthy (or new) through a read-only connection; nothing is written otherwise.

    Raises ``integrity.DamagedDatabaseError`` (damaged, or empty where backups exist),
    ``migrations.SchemaTooNewError``, or ``problems.StorageError`` (read-only media, a full
    disk). Callers that may run beside the app take its instance lock first (``store.lock``).
    """
    path = Path(path)
    found = examine(path, known_schema=migrations.SCHEMA_VERSION)
    verdict = found.verdict
    if verdict is Verdict.DAMAGED:
        raise DamagedDatabaseError(path, found.messages, found.sentence)
    if verdict is Verdict.TOO_NEW:
        raise migrations.SchemaTooNewError(found.sentence)
    if verdict is Verdict.LOCKED:
        raise cipher.LockedDatabaseError(found.sentence)
    if not verdict.writable:
        kind = (
            problems.ProblemKind.DISK_FULL
            if verdict is Verdict.DISK_FULL
            else problems.ProblemKind.READ_ONLY
        )
        raise problems.StorageError(problems.Problem(kind, found.sentence))
    db = open_database(path)
    migrations.migrate(db, backup=backup_before_migrate)
    return db
