"""Opening the database file: the one place a connection is made.

``open_database`` is the single door to the data; an encrypted file is keyed on every
connection through ``store.cipher``. It creates the file with mode 0600, sets the pragmas that
keep data safe, and binds the models. ``store.opening.init_db`` examines, opens and migrates in
one call, for the command line and tests; the app runs the same steps off the GUI thread (see
``ui.startup``) and holds writes behind the database's write gate until they pass.
"""

from __future__ import annotations

import os
import re
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Any

from peewee import Database, SqliteDatabase

from advisor_planner.store import cipher
from advisor_planner.store.integrity import read_only_uri
from advisor_planner.store.models import database
from advisor_planner.translation import translate

PRAGMAS: Sequence[tuple[str, object]] = (
    ("journal_mode", "wal"),
    ("synchronous", "full"),
    ("foreign_keys", 1),
    ("busy_timeout", 5000),
    ("cache_size", -16_000),  # 16 MB
)
FILE_MODE = 0o600

_WRITE_SQL = re.compile(r"^\s*(insert|update|delete|replace|create|drop|alter)\b", re.IGNORECASE)


class ReadOnlyDatabaseError(RuntimeError):
    """A write was attempted on a database that failed its check or was opened read-only."""


class GateState(Enum):
    PENDING = "pending"  # the integrity check has not finished: writes wait
    OPEN = "open"  # healthy: writes go through
    CLOSED = "closed"  # failed its check or read-only: writes are refused


class AppDatabase(SqliteDatabase):
    """A ``SqliteDatabase`` with a write gate.

    Until the start-up check has passed, writes wait (up to ``gate_timeout`` seconds); once it
    has failed they raise ``ReadOnlyDatabaseError``, so a damaged file is never written to.
    """

    gate_timeout = 30.0

    def __init__(self, *args: Any, read_only: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.read_only = read_only
        self._gate_state = GateState.OPEN
        self._gate_changed = threading.Condition()
        self._bypass = threading.local()
        self.gate_reason = ""

    @property
    def gate_state(self) -> GateState:
        return self._gate_state

    def set_gate(self, state: GateState, reason: str = "") -> None:
        with self._gate_changed:
            self._gate_state = state
            self.gate_reason = reason
            self._gate_changed.notify_all()

    @contextmanager
    def gate_bypass(self) -> Iterator[None]:
        """Let this thread write while the gate is pending: the start-up worker migrates the
        schema after ``quick_check`` has passed and before the gate opens for everyone else."""
        self._bypass.active = True
        try:
            yield
        finally:
            self._bypass.active = False

    def _wait_for_gate(self) -> None:
        with self._gate_changed:
            if not self._gate_changed.wait_for(
                lambda: self._gate_state is not GateState.PENDING, timeout=self.gate_timeout
            ):
                raise ReadOnlyDatabaseError(
                    translate("Storage", "The database check is still running; try again.")
                )
            if self._gate_state is GateState.CLOSED:
                raise ReadOnlyDatabaseError(
                    self.gate_reason or translate("Storage", "The database is read-only.")
                )

    def _connect(self) -> sqlite3.Connection:
        """peewee's own ``_connect``, but through ``store.cipher``: keyed when the file is
        encrypted (the key must be the first statement, before the pragmas)."""
        connection = cipher.connect(
            self.database,
            path=database_path(self),
            timeout=self._timeout,  # type: ignore[attr-defined]  # peewee's, untyped
            isolation_level=None,
            **self.connect_params,
        )
        try:
            self._add_conn_hooks(connection)  # type: ignore[attr-defined]  # peewee's, untyped
        except Exception:
            connection.close()
            raise
        return connection

    def _rolled_back_already(self) -> bool:
        """After SQLITE_FULL, an I/O error and a few others, SQLite rolls the transaction back
        itself; peewee's ROLLBACK then fails with "cannot rollback - no transaction is active",
        and that second error used to replace the first (a full disk was reported as that)."""
        conn = self._state.conn  # type: ignore[attr-defined]  # peewee's per-thread state
        return conn is not None and not conn.in_transaction

    def rollback(self) -> None:
        if self._rolled_back_already():
            return
        super().rollback()

    def execute_sql(self, sql: str, params: Any = None, *args: Any, **kwargs: Any) -> Any:
        if sql.startswith("ROLLBACK TO SAVEPOINT") and self._rolled_back_already():
            return self.cursor()  # type: ignore[no-untyped-call]  # peewee: untyped
        if (
            self._gate_state is not GateState.OPEN
            and _WRITE_SQL.match(sql)
            and not getattr(self._bypass, "active", False)
        ):
            self._wait_for_gate()
        return super().execute_sql(sql, params, *args, **kwargs)  # type: ignore[no-untyped-call]  # peewee: untyped


def create_private_file(path: Path) -> None:
    """Create ``path`` empty with mode 0600 unless it exists (SQLite gives -wal/-shm the same)."""
    if path.exists():
        return  # never open an existing database file outside SQLite (see store.lock)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, FILE_MODE)
    except FileExistsError:
        return
    os.close(fd)


def open_database(
    path: str | os.PathLike[str],
    *,
    read_only: bool = False,
    gate: GateState = GateState.OPEN,
    bind: bool = True,
) -> AppDatabase:
    """Open (creating if needed) the SQLite database at ``path`` and bind the models to it.

    ``read_only`` opens the file so that SQLite itself refuses writes (and never checkpoints
    or deletes the WAL; on read-only media, ``immutable``: see ``integrity.read_only_uri``);
    ``gate`` sets the write gate's first state (``PENDING`` while a check runs).
    """
    path = Path(path)
    if read_only:
        if not path.exists():
            raise FileNotFoundError(path)
        db = AppDatabase(
            read_only_uri(path),
            uri=True,
            pragmas=[("foreign_keys", 1), ("busy_timeout", 5000)],
            check_same_thread=False,
            read_only=True,
        )
        gate = GateState.CLOSED
    else:
        create_private_file(path)
        # Every transaction begins IMMEDIATE: it takes the write lock at once, waiting out
        # busy_timeout while another process holds it. A deferred BEGIN that reads and then
        # writes cannot wait: if another writer committed meanwhile, SQLite fails it at once
        # with SQLITE_BUSY ("database is locked"), which is how app saves failed while an
        # import ran in another process. (A read-only connection keeps the deferred kind.)
        db = AppDatabase(
            str(path), pragmas=list(PRAGMAS), check_same_thread=False, lock_type="IMMEDIATE"
        )
    db.set_gate(
        gate, translate("Storage", "The database was opened read-only.") if read_only else ""
    )
    db.connect()
    if bind:
        database.initialize(db)
    return db


def database_path(db: Database) -> Path:
    """The file behind an open database (without any ``file:`` URI decoration)."""
    name = db.database
    if name.startswith("file:"):
        from urllib.parse import unquote, urlparse

        return Path(unquote(urlparse(name.split("?", 1)[0]).path))
    return Path(name)


def close_database() -> None:
    """Close the bound database, checkpointing the WAL so the file stands on its own."""
    db = database.obj
    if db is None or db.is_closed():
        return
    try:
        if db.gate_state is GateState.OPEN:
            # Refresh the planner's statistics where they have drifted (cheap; SQLite's advice
            # for long-lived connections), then fold the WAL back into the file.
            db.execute_sql("PRAGMA optimize")
            db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.close()


#: SQLite virtual-machine instructions between two looks at ``cancelled`` (about 1 ms of a
#: scan on a 2-core laptop): a stale search stops within a millisecond or two of being
#: overtaken, and the look (which takes Python's GIL) is rare enough not to slow the GUI
#: thread beside it.
INTERRUPT_CHECK_INSTRUCTIONS = 100_000


class Interrupted(Exception):
    """A query ``interruptible`` was running was cancelled before it finished."""


@contextmanager
def interruptible(cancelled: Callable[[], bool]) -> Iterator[None]:
    """Run this thread's queries so that they stop (raising ``Interrupted``) as soon as
    ``cancelled()`` turns true: a search overtaken by the next keystroke gives way to it."""
    db = database.obj
    if db is None:
        raise RuntimeError("No database is open.")
    if cancelled():
        raise Interrupted
    connection = db.connection()
    connection.set_progress_handler(lambda: 1 if cancelled() else 0, INTERRUPT_CHECK_INSTRUCTIONS)
    try:
        yield
    except Exception as exc:
        # sqlite3's, SQLCipher's or peewee's wrapping of either (peewee wraps what it executes,
        # not the rows fetched after): each says "interrupted".
        if "interrupted" in str(exc) and cancelled():
            raise Interrupted from None
        raise
    finally:
        connection.set_progress_handler(None, 0)
