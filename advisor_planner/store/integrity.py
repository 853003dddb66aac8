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

from advisor_planner.store.problems import folder_writable


class DamagedDatabaseError(RuntimeError):
    """The file failed its integrity check; it must not be written to."""

    def __init__(self, path: Path, messages: tuple[str, ...], sentence: str = ""):
        self.path = path
        self.messages = messages
        detail = "; ".join(messages[:3])
        super().__init__(sentence or f"{path} failed its integrity check: {detail}")


@dataclass(frozen=True, slots=True)
class CheckResult:
    ok: bool
    messages: tuple[str, ...]
    foreign_key_problems: int = 0


def read_only_uri(path: str | Path) -> str:
    """The URI that opens ``path`` for reading only, on writable and read-only media alike.

    ``mode=ro`` reads the WAL too, but needs to make ``-shm`` beside the file when it is not
    there; on read-only media (a mounted backup disk, a locked-down share) that fails with
    "unable to open database file". There, a file with no WAL holds all of its data, so it is
    opened ``immutable=1``: SQLite reads it without any lock or side file.
    """
    path = Path(path)
    uri = path.resolve().as_uri()
    wal = Path(f"{path}-wal")
    if not folder_writable(path) and not (wal.exists() and wal.stat().st_size > 0):
        return f"{uri}?immutable=1"
    return f"{uri}?mode=ro"


def connect_read_only(path: str | Path, *, check_same_thread: bool = True) -> sqlite3.Connection:
    return sqlite3.connect(read_only_uri(path), uri=True, check_same_thread=check_same_thread)


_connect_read_only = connect_read_only


def _run(path: Path, sql: str) -> list[tuple]:
    con = _connect_read_only(path)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def quick_check(path: str | Path) -> CheckResult:
    """``PRAGMA quick_check``: fast, catches damaged pages; a file that is not SQLite fails."""
    path = Path(path)
    try:
        rows = _run(path, "PRAGMA quick_check")
    except sqlite3.DatabaseError as exc:
        return CheckResult(False, (str(exc),))
    messages = tuple(str(row[0]) for row in rows)
    return CheckResult(messages == ("ok",), messages)


def full_check(path: str | Path) -> CheckResult:
    """``PRAGMA integrity_check`` and ``PRAGMA foreign_key_check`` together."""
    path = Path(path)
    try:
        con = _connect_read_only(path)
        try:
            integrity = [str(row[0]) for row in con.execute("PRAGMA integrity_check")]
            fk_rows = con.execute("PRAGMA foreign_key_check").fetchall()
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        return CheckResult(False, (str(exc),))
    messages = list(integrity)
    for table, rowid, parent, _fk in fk_rows[:20]:
        messages.append(f"{table} row {rowid} points to a missing {parent}")
    ok = integrity == ["ok"] and not fk_rows
    return CheckResult(ok, tuple(messages), foreign_key_problems=len(fk_rows))
