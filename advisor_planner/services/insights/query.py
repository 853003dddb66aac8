"""What the insights series share: raw rows read through peewee, dates read raw, week ends.

The series read tuples straight from the driver rather than model instances (several times
faster over thousands of rows); these helpers build, cache and decode those reads.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from datetime import date, timedelta
from typing import Any

from peewee import BaseQuery

from advisor_planner.services import clock
from advisor_planner.store import models as m

# (C + R + I) / S in SQL. The cast matters: peewee would otherwise read the result through the
# first column's converter and truncate it to an integer.
QUOTIENT = (
    ((m.TrustCheck.credibility + m.TrustCheck.reliability + m.TrustCheck.intimacy) * 1.0)
    / m.TrustCheck.self_orientation
).cast("REAL")


#: One row as the driver returns it: a tuple of plain values, typed by the query's columns.
Row = tuple[Any, ...]


def query_rows(query: BaseQuery) -> list[Row]:
    """Run a peewee query and return the driver's raw rows.

    The SQL is still built by peewee (portable); skipping peewee's per-row conversion makes
    reading thousands of rows several times faster. Dates then arrive as ISO text on SQLite
    and as ``date`` on PostgreSQL; ``as_date`` accepts both.
    """
    rows: list[Row] = m.database.execute(query).fetchall()
    return rows


#: The SQL and parameters of the queries ``cached_rows`` ran, by key and dialect, newest last.
_COMPILED: dict[tuple[Hashable, str], tuple[str, Row]] = {}
_COMPILED_LIMIT = 64
_COMPILING = threading.Lock()


def cached_rows(key: Hashable, build: Callable[[], BaseQuery]) -> list[Row]:
    """Like ``query_rows`` for a query whose SQL and parameters ``key`` decides: compiled once.

    peewee takes a quarter of a millisecond to build a query; for the dashboard's smallest
    queries that is longer than SQLite takes to answer them. ``key`` names the query and
    every value that shapes it (``build`` may be a new closure each time: it is not part of
    the key).
    """
    # The SQL differs from one kind of database to another: compiled once for each.
    found_key = (key, type(m.database.obj).__qualname__)
    compiled = _COMPILED.get(found_key)
    if compiled is None:
        sql, params = build().sql()
        compiled = (sql, tuple(params))
        with _COMPILING:  # workers may compile at once: one at a time drops the oldest
            if len(_COMPILED) >= _COMPILED_LIMIT:
                _COMPILED.pop(next(iter(_COMPILED)), None)
            _COMPILED[found_key] = compiled
    rows: list[Row] = m.database.execute_sql(*compiled).fetchall()
    return rows


_from_iso = date.fromisoformat


def as_date(value: str | date) -> date:
    """A DATE read raw: ISO text on SQLite (peewee stores ``YYYY-MM-DD``), ``date`` elsewhere."""
    if isinstance(value, str):
        return _from_iso(value)
    return value


def as_optional_date(value: str | date | None) -> date | None:
    """``as_date`` for a column that may be NULL."""
    return None if value is None else as_date(value)


def week_ends(start: date, end: date) -> list[date]:
    """The Sundays that close each ISO week from the one holding ``start`` to the one holding
    ``end``."""
    first = clock.week_start(start) + timedelta(days=6)
    last = clock.week_start(end) + timedelta(days=6)
    return [first + timedelta(days=7 * k) for k in range((last - first).days // 7 + 1)]
