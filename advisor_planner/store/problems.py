"""What went wrong with a file, in one plain sentence: full disk, read-only, damage, locks.

SQLite and the OS report storage trouble in their own words ("database or disk is full",
"attempt to write a readonly database", "unable to open database file", errno 28). The app,
the command line and the start-up check each need to tell the user which of a few things it
is, because each asks for something different: free some space, open it elsewhere, restore a
backup, close the other window. ``classify`` sorts an exception into a ``Problem``; its
``sentence`` is what the user reads.
"""

from __future__ import annotations

import errno
import os
import shutil
from dataclasses import dataclass
from enum import Enum, IntEnum
from pathlib import Path


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
    size = float(n)
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{int(size)} {unit}" if unit == "bytes" else f"{size:.0f} {unit}"
        size /= 1024
    return f"{n} bytes"  # pragma: no cover - the loop always returns


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


def disk_full(path: Path) -> Problem:
    free = free_bytes(path)
    amount = f" ({human_size(free)} free)" if free is not None else ""
    return Problem(
        ProblemKind.DISK_FULL,
        f"The disk holding {Path(path).parent} is full{amount}; free some space and try again.",
    )


def read_only(path: Path) -> Problem:
    return Problem(
        ProblemKind.READ_ONLY,
        f"The folder {Path(path).parent} is read-only; opened for reading only.",
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
            f"Permission denied for {path}; check who owns it and its folder.",
        )
    if any(word in text for word in _READ_ONLY_WORDS):
        return read_only(path)
    if primary in (Code.BUSY, Code.LOCKED) or "database is locked" in text:
        return Problem(
            ProblemKind.LOCKED,
            f"{path} is busy in another program; try again in a moment.",
        )
    if primary == Code.NOTADB or any(word in text for word in _NOT_DB_WORDS):
        return Problem(ProblemKind.NOT_A_DATABASE, f"{path} is not an Advisor Planner database.")
    if primary == Code.CORRUPT or any(word in text for word in _DAMAGE_WORDS):
        return Problem(ProblemKind.DAMAGED, f"{path} is damaged: {exc}")
    if number == errno.ENOENT or isinstance(exc, FileNotFoundError):
        return Problem(ProblemKind.MISSING, f"There is no file at {path}.")
    if primary == Code.CANTOPEN:
        # SQLite says "unable to open database file" for a folder it cannot write -wal into.
        if not folder_writable(path):
            return read_only(path)
        return Problem(ProblemKind.OTHER, f"{path} could not be opened: {exc}")
    return Problem(ProblemKind.OTHER, f"{path}: {exc}")
