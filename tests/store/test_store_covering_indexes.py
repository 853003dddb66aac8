"""Schema v3's wider indexes: the dashboard's per-person reads (each person's promises judged
in the health window, latest trust quotient, latest warmth and competence) are answered from
an index alone, on a new file and on one migrated from v2, with the same answers."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from advisor_planner import demo
from advisor_planner.services.insights import outcome_series, relationships, trust_series
from advisor_planner.store import migrations
from advisor_planner.store import models as m
from advisor_planner.store.connection import close_database, open_database

TODAY = date(2026, 3, 20)

#: v2's narrower indexes, as a file made by that version has them.
V2_INDEXES = {
    "trust_check_stakeholder_id_checked_on": "trust_check (stakeholder_id, checked_on)",
    "commitment_status_due_on_made_on_closed_on": "commitment (status, due_on, made_on, closed_on)",
    "commitment_status_closed_on_due_on_made_on": "commitment (status, closed_on, due_on, made_on)",
}


def _indexes(path: Path) -> dict[str, str]:
    con = sqlite3.connect(path)
    try:
        rows = con.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index'").fetchall()
    finally:
        con.close()
    return {name: sql for name, sql in rows}


def _plans(run: Callable[[], object]) -> list[str]:
    """The query plan of every statement ``run`` makes, one line per step."""
    statements: list[str] = []
    connection = m.database.connection()
    connection.set_trace_callback(statements.append)
    try:
        run()
    finally:
        connection.set_trace_callback(None)
    return [
        row[3]
        for sql in statements
        if sql.lstrip().upper().startswith("SELECT")
        for row in connection.execute(f"EXPLAIN QUERY PLAN {sql}")
    ]


READS: dict[str, Callable[[], object]] = {
    "promises judged by person": lambda: relationships.reliability_by_person(
        date(2025, 12, 20), TODAY
    ),
    "latest warmth and competence": trust_series.warmth_competence,
    "latest quotient at an initiative's end": outcome_series.trust_vs_outcomes,
}


@pytest.mark.parametrize("name", list(READS))
def test_each_per_person_read_searches_a_covering_index(db, pin_today, name) -> None:
    pin_today(TODAY)
    demo.generate(size="small", seed=3, today=TODAY)
    steps = [step for step in _plans(READS[name]) if _searches_promises_or_checks(step)]
    assert steps, "the plan must search promises or trust checks by an index"
    assert all("COVERING INDEX" in step for step in steps), steps


def _searches_promises_or_checks(step: str) -> bool:
    # peewee names its tables t1, t2, ...: the index searched tells whose rows they are.
    words = step.split()
    return (
        words[0] == "SEARCH"
        and "INDEX" in words
        and words[words.index("INDEX") + 1].startswith(("commitment_", "trust_check_"))
    )


def test_a_v2_file_gets_the_wider_indexes_and_keeps_its_answers(tmp_path) -> None:
    path, fresh = tmp_path / "old.sqlite", tmp_path / "new.sqlite"
    db = open_database(fresh)
    migrations.migrate(db)
    close_database()
    db = open_database(path)
    try:
        migrations.migrate(db, target=2)
        # As v2 made them: the narrower indexes in place of the wider ones.
        for name in _indexes(path):
            if name.startswith(("trust_check_stakeholder_id_checked_on", "commitment_status_")):
                db.execute_sql(f"DROP INDEX {name}")
        for name, columns in V2_INDEXES.items():
            db.execute_sql(f"CREATE INDEX {name} ON {columns}")
        demo.generate(size="small", seed=3, today=TODAY)
        before = {name: read() for name, read in READS.items()}
        assert migrations.migrate(db, backup=False) == [3]
        assert {name: read() for name, read in READS.items()} == before
        assert before["latest warmth and competence"], "the demo must have rated checks"
    finally:
        close_database()
    assert _indexes(path) == _indexes(fresh)
    assert not V2_INDEXES.keys() & _indexes(path).keys()
