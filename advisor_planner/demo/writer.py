"""Bulk writing for the demo: multi-row inserts fast enough for the large set.

The large set (about 300,000 rows) is written in one transaction with multi-row
``INSERT ... VALUES (...), (...)`` statements whose head (table and column names) peewee
builds, values pre-formatted the way peewee stores them, through ``database.execute_sql`` so
the write gate still applies. peewee's own ``insert_many`` builds a query tree per value and
took 7–11 s for the touchpoints alone on a 2-core machine; this takes under a second.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from advisor_planner.store import models as m
from advisor_planner.store.connection import AppDatabase

Row = tuple[object, ...]


def _sql_value(value: object) -> object:
    if isinstance(value, datetime):
        return value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    return value


class Writer:
    """Multi-row inserts: peewee names the table and columns, the values go in as parameters."""

    MAX_PARAMS = 9000  # well under SQLite's limit of 32,766 variables per statement
    MAX_ROWS = 800

    def __init__(self, db: AppDatabase):
        self.db = db

    def insert(self, model: type[m.BaseModel], columns: Sequence[str], rows: Sequence[Row]) -> int:
        if not rows:
            return 0
        fields = [model._meta.fields[name] for name in columns]
        sample = tuple(_sql_value(v) for v in rows[0])
        head = model.insert_many([sample], fields=fields).sql()[0].split(" VALUES ")[0]
        group = "(" + ", ".join([self.db.param] * len(columns)) + ")"
        per_statement = max(1, min(self.MAX_ROWS, self.MAX_PARAMS // len(columns)))
        full_sql = None
        for start in range(0, len(rows), per_statement):
            batch = rows[start : start + per_statement]
            if len(batch) == per_statement and full_sql is not None:
                sql = full_sql
            else:
                sql = f"{head} VALUES {', '.join([group] * len(batch))}"
                if len(batch) == per_statement:
                    full_sql = sql
            self.db.execute_sql(sql, [value for row in batch for value in row])
        return len(rows)
