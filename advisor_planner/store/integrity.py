"""Health checks of a database file: ``quick_check`` at start, the full check on demand.

The checks open their own read-only connection, so they can run on any thread and never write.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path


class DamagedDatabaseError(RuntimeError):
    """The file failed its integrity check; it must not be written to."""

    def __init__(self, path: Path, messages: tuple[str, ...]):
        self.path = path
        self.messages = messages
        detail = "; ".join(messages[:3])
        super().__init__(f"{path} failed its integrity check: {detail}")


@dataclass(frozen=True, slots=True)
class CheckResult:
    ok: bool
    messages: tuple[str, ...]
    foreign_key_problems: int = 0


def _connect_read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


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
