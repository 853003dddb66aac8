"""What the insights series share: raw rows read through peewee, dates read raw, week ends.

The series read tuples straight from the driver rather than model instances (several times
faster over thousands of rows); these helpers build, cache and decode those reads.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Hashable
from datetime import date, timedelta
from typing import Any

from advisor_planner.services import clock
from advisor_planner.store import models as m

# (C + R + I) / S in SQL. The cast matters: peewee would otherwise read the result through the
# first column's converter and truncate it to an integer.
QUOTIENT = (
    ((m.TrustCheck.credibility + m.TrustCheck.reliability + m.TrustCheck.intimacy) * 1.0)
    / m.TrustCheck.self_orientation
).cast("REAL")


def query_rows(query: Any) -> list[tuple]:
    """Run a peewee query and return the driver's raw rows.

    The SQL is still built by peewee (portable); skipping peewee's per-row conversion makes
    reading thousands of rows several times faster. Dates then arrive as ISO text on SQLite
    and as ``date`` on PostgreSQL; ``as_date`` accepts both.
    """
    return m.database.execute(query).fetchall()


@functools.lru_cache(maxsize=64)
def _compiled(key: Hashable, database_type: type, build: Callable[[], Any]) -> tuple[str, tuple]:
    sql, params = build().sql()
    return sql, tuple(params)


def cached_rows(key: Hashable, build: Callable[[], Any]) -> list[tuple]:
    """Like ``query_rows`` for a query whose SQL and parameters never change: compiled once.

    peewee takes a quarter of a millisecond to build a query; for the dashboard's smallest
    queries that is longer than SQLite takes to answer them. ``key`` names the query and
    every value that shapes it.
    """
    sql, params = _compiled(key, type(m.database.obj), build)
    return m.database.execute_sql(sql, params).fetchall()


_from_iso = date.fromisoformat


def as_date(value: Any) -> date | None:
    """A DATE read raw: ISO text on SQLite (peewee stores ``YYYY-MM-DD``), ``date`` elsewhere."""
    if value.__class__ is str:
        return _from_iso(value)
    return value


def week_ends(start: date, end: date) -> list[date]:
    """The Sundays that close each ISO week from the one holding ``start`` to the one holding
    ``end``."""
    first = clock.week_start(start) + timedelta(days=6)
    last = clock.week_start(end) + timedelta(days=6)
    return [first + timedelta(days=7 * k) for k in range((last - first).days // 7 + 1)]
