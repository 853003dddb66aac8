"""Health checks of a database file: the same full check at start-up, in ``check`` and on
every backup.

The checks open their own read-only connection (``connect_read_only``), so they can run on any
thread and never write: not the database, not its WAL (a read-only connection never
checkpoints). ``full_check`` is ``integrity_check`` plus ``foreign_key_check``: start-up used to
run only ``quick_check``, which passes a damaged index that ``check`` then reported, so the app
wrote to (and backed up) files that ``check`` called damaged. It costs about 0.5 s on ten
years of data, on a worker thread. ``quick_check`` stays for callers that only need to know
the pages read.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from advisor_planner.store import cipher
from advisor_planner.store.problems import Code, folder_writable, free_bytes, sqlite_code
from advisor_planner.translation import translate

#: Below this much free space a read makes no ``-shm`` (see ``read_only_uri``).
LOW_SPACE_BYTES = 64 * 1024


class DamagedDatabaseError(RuntimeError):
    """The file failed its integrity check; it must not be written to."""

    def __init__(self, path: Path, messages: tuple[str, ...], sentence: str = ""):
        self.path = path
        self.messages = messages
        detail = "; ".join(messages[:3])
        super().__init__(
            sentence
            or translate("Storage", "{0} failed its integrity check: {1}").format(path, detail)
        )


@dataclass(frozen=True, slots=True)
class CheckResult:
    ok: bool
    messages: tuple[str, ...]
    foreign_key_problems: int = 0

    def problems(self) -> list[str]:
        """Each problem found, one line each (SQLite puts several in one row, under a
        "*** in database main ***" heading)."""
        found = []
        for message in self.messages:
            for line in message.splitlines():
                line = line.strip()
                if line and line != "ok" and not line.startswith("***"):
                    found.append(line)
        return found

    def summary(self) -> str:
        """The first problem, and how many more: one line for a person."""
        found = self.problems()
        if not found:
            return translate("Storage", "the check failed") if not self.ok else "ok"
        first = found[0].rstrip(".")  # SQLite's own words
        if len(found) == 1:
            return first
        return translate("Storage", "{0} (and {1} more)").format(first, len(found) - 1)


def read_only_uri(path: str | Path) -> str:
    """The URI that opens ``path`` for reading only, on writable and read-only media alike.

    ``mode=ro`` reads the WAL too, but needs to make ``-shm`` beside the file when it is not
    there; on read-only media (a mounted backup disk, a locked-down share) that fails with
    "unable to open database file". There, a file with no WAL holds all of its data, so it is
    opened ``immutable=1``: SQLite reads it without any lock or side file.
    The same holds on a nearly full disk: ``-shm`` takes 32 KB, and with less than that free
    SQLite fails the read with a disk I/O error, which is not damage.
    """
    path = Path(path)
    uri = path.resolve().as_uri()
    wal = Path(f"{path}-wal")
    if not (wal.exists() and wal.stat().st_size > 0):
        free = free_bytes(path)
        if not folder_writable(path) or (free is not None and free < LOW_SPACE_BYTES):
            return f"{uri}?immutable=1"
    return f"{uri}?mode=ro"


def connect_read_only(path: str | Path, *, check_same_thread: bool = True) -> sqlite3.Connection:
    """A connection that only reads ``path`` (keyed, when the file is encrypted)."""
    return cipher.connect(
        read_only_uri(path), path=path, uri=True, check_same_thread=check_same_thread
    )


def _run(path: Path, sql: str) -> list[tuple[Any, ...]]:
    con = connect_read_only(path)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


#: SQLite's primary result codes that say the check could not run (a full disk, no room for
#: the ``-shm`` a read needs, permissions, locks), as against what it found in the file.
_COULD_NOT_CHECK = {
    Code.IOERR,
    Code.FULL,
    Code.CANTOPEN,
    Code.READONLY,
    Code.PERM,
    Code.BUSY,
    Code.LOCKED,
    Code.NOMEM,
}
#: The same, by SQLite's words, for Python 3.10, whose errors carry no code.
_COULD_NOT_CHECK_WORDS = (
    "disk i/o error",
    "disk is full",
    "unable to open",
    "readonly",
    "locked",
    "out of memory",
    "access permission",
)


def _found_in_the_file(exc: Exception) -> bool:
    """Whether ``exc`` is damage found in the file, rather than a check that could not run
    (those are raised: a full disk is not damage, and must not be called damage)."""
    code = sqlite_code(exc)
    if code is not None:
        return code not in _COULD_NOT_CHECK
    text = str(exc).lower()
    return not any(words in text for words in _COULD_NOT_CHECK_WORDS)


def quick_check(path: str | Path) -> CheckResult:
    """``PRAGMA quick_check``: fast, catches damaged pages; a file that is not SQLite fails.
    Raises ``sqlite3.Error`` when the check could not run (see ``_found_in_the_file``)."""
    path = Path(path)
    try:
        rows = _run(path, "PRAGMA quick_check")
    except cipher.DATABASE_ERRORS as exc:
        if not _found_in_the_file(exc):
            raise
        return CheckResult(False, (str(exc),))
    messages = tuple(str(row[0]) for row in rows)
    return CheckResult(messages == ("ok",), messages)


def full_check(path: str | Path) -> CheckResult:
    """``PRAGMA integrity_check`` and ``PRAGMA foreign_key_check`` together. Raises
    ``sqlite3.Error`` when the check could not run (a full disk, say), which is not damage."""
    path = Path(path)
    try:
        con = connect_read_only(path)
        try:
            integrity = [str(row[0]) for row in con.execute("PRAGMA integrity_check")]
            fk_rows = con.execute("PRAGMA foreign_key_check").fetchall()
        finally:
            con.close()
    except cipher.DATABASE_ERRORS as exc:
        if not _found_in_the_file(exc):
            raise
        return CheckResult(False, (str(exc),))
    messages = list(integrity)
    for table, rowid, parent, _fk in fk_rows[:20]:
        messages.append(
            translate("Storage", "{0} row {1} points to a missing {2}").format(table, rowid, parent)
        )
    ok = integrity == ["ok"] and not fk_rows
    return CheckResult(ok, tuple(messages), foreign_key_problems=len(fk_rows))
