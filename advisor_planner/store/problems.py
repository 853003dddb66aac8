"""What went wrong with a file, in one plain sentence: full disk, read-only, damage, locks.

SQLite and the OS report storage trouble in their own words ("database or disk is full",
"attempt to write a readonly database", "unable to open database file", errno 28). The app,
the command line and the start-up check each need to tell the user which of a few things it
is, because each asks for something different: free some space, open it elsewhere, restore a
backup, close the other window. ``classify`` sorts an exception into a ``Problem``; its
``sentence`` is what the user reads, in their language (``advisor_planner.translation``,
context "Storage"; English below the UI).
"""

from __future__ import annotations

import errno
import os
import shutil
from dataclasses import dataclass
from enum import Enum, IntEnum
from pathlib import Path

from advisor_planner.translation import translate


class Code(IntEnum):
    """SQLite's primary result codes (sqlite.org/rescode.html). Python has them as
    ``sqlite3.SQLITE_*`` only from 3.11, and the app runs on 3.10 too."""

    PERM = 3
    BUSY = 5
    LOCKED = 6
    NOMEM = 7
    READONLY = 8
    IOERR = 10
    CORRUPT = 11
    FULL = 13
    CANTOPEN = 14
    NOTADB = 26


def sqlite_code(exc: BaseException) -> int | None:
    """SQLite's primary result code of ``exc`` or of the sqlite3 error peewee wrapped in it
    (None before Python 3.11, which does not carry it: then the message tells)."""
    seen: BaseException | None = exc
    for _ in range(4):
        if seen is None:
            return None
        code = getattr(seen, "sqlite_errorcode", None)
        if isinstance(code, int):
            return code & 0xFF
        seen = seen.__cause__ or seen.__context__
    return None


class ProblemKind(Enum):
    DISK_FULL = "disk full"
    READ_ONLY = "read-only"
    PERMISSION = "permission denied"
    LOCKED = "locked"
    DAMAGED = "damaged"
    NOT_A_DATABASE = "not a database"
    MISSING = "missing"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Problem:
    kind: ProblemKind
    sentence: str


class StorageError(RuntimeError):
    """The file cannot be written here (read-only media, a full disk); ``problem`` says why."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(problem.sentence)


def human_size(n: int) -> str:
    if n < 1024:
        return translate("Storage", "{0} bytes").format(n)
    size = n / 1024
    if size < 1024:
        return translate("Storage", "{0:.0f} KB").format(size)
    size /= 1024
    if size < 1024:
        return translate("Storage", "{0:.0f} MB").format(size)
    return translate("Storage", "{0:.0f} GB").format(size / 1024)


def free_bytes(path: Path) -> int | None:
    """Free space on the disk holding ``path`` (its nearest existing folder), or None."""
    folder = Path(path)
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return None


def folder_writable(path: Path) -> bool:
    """Whether new files can be made beside ``path`` (SQLite needs that for -wal and -shm)."""
    folder = Path(path).parent
    return os.access(folder, os.W_OK | os.X_OK)


def disk_full(path: Path, *, opened_read_only: bool = False) -> Problem:
    """A full disk; ``opened_read_only``: said when the file was opened for reading only
    because of it, rather than a write failing."""
    free = free_bytes(path)
    folder = Path(path).parent
    if opened_read_only and free is not None:
        sentence = translate(
            "Storage",
            "The disk holding {0} is full ({1} free); opened for reading only until there is room.",
        ).format(folder, human_size(free))
    elif opened_read_only:
        sentence = translate(
            "Storage", "The disk holding {0} is full; opened for reading only until there is room."
        ).format(folder)
    elif free is not None:
        sentence = translate(
            "Storage", "The disk holding {0} is full ({1} free); free some space and try again."
        ).format(folder, human_size(free))
    else:
        sentence = translate(
            "Storage", "The disk holding {0} is full; free some space and try again."
        ).format(folder)
    return Problem(ProblemKind.DISK_FULL, sentence)


def read_only(path: Path) -> Problem:
    return Problem(
        ProblemKind.READ_ONLY,
        translate("Storage", "The folder {0} is read-only; opened for reading only.").format(
            Path(path).parent
        ),
    )


_FULL_WORDS = ("disk is full", "database or disk is full", "no space left")
_READ_ONLY_WORDS = ("readonly database", "read-only file system", "read-only")
_DAMAGE_WORDS = ("malformed", "corrupt", "disk image")
_NOT_DB_WORDS = ("file is not a database", "not a database")


def classify(exc: BaseException, path: Path) -> Problem:
    """The kind of ``exc`` (an ``OSError`` or an SQLite/peewee error) and its sentence.

    The first error is the one worth telling: SQLite's "cannot rollback - no transaction is
    active" that follows a full disk is reported by whoever saw the disk fill, not here.
    """
    path = Path(path)
    text = str(exc).lower()
    number = getattr(exc, "errno", None)
    primary = sqlite_code(exc)
    if number == errno.ENOSPC or number == errno.EDQUOT or primary == Code.FULL:
        return disk_full(path)
    if any(word in text for word in _FULL_WORDS):
        return disk_full(path)
    if number == errno.EROFS or primary == Code.READONLY:
        return read_only(path)
    if number in (errno.EACCES, errno.EPERM) or primary == Code.PERM:
        return Problem(
            ProblemKind.PERMISSION,
            translate(
                "Storage", "Permission denied for {0}; check who owns it and its folder."
            ).format(path),
        )
    if any(word in text for word in _READ_ONLY_WORDS):
        return read_only(path)
    if primary in (Code.BUSY, Code.LOCKED) or "database is locked" in text:
        return Problem(
            ProblemKind.LOCKED,
            translate("Storage", "{0} is busy in another program; try again in a moment.").format(
                path
            ),
        )
    if primary == Code.NOTADB or any(word in text for word in _NOT_DB_WORDS):
        return Problem(
            ProblemKind.NOT_A_DATABASE,
            translate("Storage", "{0} is not an Advisor Planner database.").format(path),
        )
    if primary == Code.CORRUPT or any(word in text for word in _DAMAGE_WORDS):
        return Problem(
            ProblemKind.DAMAGED, translate("Storage", "{0} is damaged: {1}").format(path, exc)
        )
    if number == errno.ENOENT or isinstance(exc, FileNotFoundError):
        return Problem(
            ProblemKind.MISSING, translate("Storage", "There is no file at {0}.").format(path)
        )
    if primary == Code.CANTOPEN:
        # SQLite says "unable to open database file" for a folder it cannot write -wal into.
        if not folder_writable(path):
            return read_only(path)
        return Problem(
            ProblemKind.OTHER,
            translate("Storage", "{0} could not be opened: {1}").format(path, exc),
        )
    return Problem(ProblemKind.OTHER, f"{path}: {exc}")
