"""The schema-version ladder.

``STEPS[n]`` brings a database from version ``n - 1`` to ``n``. Each step runs in its own
transaction inside peewee's ``migration_context()`` (which turns foreign keys off for the
duration, so a table rebuild cannot cascade-delete rows), after a backup made with SQLite's
backup API. A database newer than this app is refused rather than guessed at.

v2 adds what triggers keep as rows are written, for the dashboard: the touchpoint count per
day and channel (``install_activity_counts``) and the follow-through's changes per day
(``install_follow_through_changes``). SQLite drops a table's triggers with the table, so a
later step that rebuilds ``touchpoint``, ``commitment`` or (since v3) ``touchpoint_stakeholder``
(playhouse's column changes do) must call these again; a test checks the latest schema has
them.

v3 keeps each person's last contact as links are written (``install_last_contacts``), and
widens three indexes so that the dashboard's per-person reads are answered from the index
alone (``covering``): each person's promises judged in the health window, their latest trust
quotient, and their latest warmth and competence.
"""

from __future__ import annotations

from collections.abc import Callable

from peewee import Database
from playhouse.migrate import SchemaMigrator

from advisor_planner.store.backup import make_backup
from advisor_planner.store.connection import database_path
from advisor_planner.store.models import (
    ALL_MODELS,
    COUNTED_WINDOW_DAYS,
    Commitment,
    CommitmentDayDelta,
    LastContact,
    SchemaVersion,
    TouchpointDayCount,
    TrustCheck,
)
from advisor_planner.translation import translate


class SchemaTooNewError(RuntimeError):
    """The file was written by a newer version of the app."""


def _v1_initial_schema(db: Database, migrator: SchemaMigrator) -> None:
    db.create_tables(ALL_MODELS)


#: The triggers that keep ``touchpoint_day_count`` equal to a GROUP BY over the touchpoints: a
#: count is added to on insert, taken from on delete (and removed at zero, so the table holds
#: only days that had touchpoints, as the GROUP BY does), and moved when an edit changes the
#: day or channel. They fire for every write, whichever code makes it: the services, the
#: trash's restore, an archive load, a bulk import, the demo writer.
_COUNT_ADD = (
    "INSERT INTO touchpoint_day_count (occurred_on, channel, n) "
    "VALUES (NEW.occurred_on, NEW.channel, 1) "
    "ON CONFLICT (occurred_on, channel) DO UPDATE SET n = n + 1;"
)
_COUNT_TAKE = (
    "DELETE FROM touchpoint_day_count "
    "WHERE occurred_on = OLD.occurred_on AND channel = OLD.channel AND n <= 1; "
    "UPDATE touchpoint_day_count SET n = n - 1 "
    "WHERE occurred_on = OLD.occurred_on AND channel = OLD.channel;"
)
_COUNT_TRIGGERS = {
    "touchpoint_day_count_insert": f"AFTER INSERT ON touchpoint BEGIN {_COUNT_ADD} END",
    "touchpoint_day_count_delete": f"AFTER DELETE ON touchpoint BEGIN {_COUNT_TAKE} END",
    "touchpoint_day_count_update": (
        "AFTER UPDATE OF occurred_on, channel ON touchpoint "
        "WHEN OLD.occurred_on IS NOT NEW.occurred_on OR OLD.channel IS NOT NEW.channel "
        f"BEGIN {_COUNT_TAKE} {_COUNT_ADD} END"
    ),
}


def _run(db: Database, sql: str) -> None:
    db.execute_sql(sql)  # type: ignore[no-untyped-call]  # peewee: untyped


def install_activity_counts(db: Database) -> None:
    """Create ``touchpoint_day_count`` (if missing) and its triggers, and count the
    touchpoints there are now. Safe to run again: the counts are made afresh."""
    db.create_tables([TouchpointDayCount], safe=True)
    for name, body in _COUNT_TRIGGERS.items():
        _run(db, f"DROP TRIGGER IF EXISTS {name}")
        _run(db, f"CREATE TRIGGER {name} {body}")
    _run(db, "DELETE FROM touchpoint_day_count")
    _run(
        db,
        "INSERT INTO touchpoint_day_count (occurred_on, channel, n) "
        "SELECT occurred_on, channel, COUNT(*) FROM touchpoint GROUP BY occurred_on, channel",
    )


def _follow_through_changes(row: str, sign: int, source: str = "") -> str:
    """The statement adding (``sign`` 1) or taking away (-1) the changes the promise ``row``
    (NEW or OLD in a trigger; with ``source``, a FROM clause, the rows it names) makes to the
    rolling follow-through, as ``rolling_reliability`` counts them:

    - closed kept, late or broken on day c: counted from c to c + window (kept if kept by its
      due day), so +1 on c and -1 the day after c + window;
    - with a due day u: missed from u + 1 while still open, to u + window at the latest (for
      one closed since, the day before it closed), where the interval is not empty.
    """
    w = COUNTED_WINDOW_DAYS
    closed = f"{row}.closed_on IS NOT NULL AND {row}.status IN ('kept', 'late', 'broken')"
    on_time = (
        f"({row}.status = 'kept' AND ({row}.due_on IS NULL OR {row}.closed_on <= {row}.due_on))"
    )
    last = (
        f"(CASE WHEN {row}.closed_on IS NOT NULL AND {row}.status != 'open' "
        f"THEN min(date({row}.due_on, '+{w} days'), date({row}.closed_on, '-1 day')) "
        f"ELSE date({row}.due_on, '+{w} days') END)"
    )
    # Open, or closed on a day (a closed one without its day counts nowhere).
    due = (
        f"{row}.due_on IS NOT NULL AND ({row}.status = 'open' OR ({row}.closed_on IS NOT NULL "
        f"AND {row}.status IN ('kept', 'late', 'broken', 'renegotiated', 'cancelled'))) "
        f"AND date({row}.due_on, '+1 day') <= {last}"
    )
    return (
        "INSERT INTO commitment_day_delta (day, kept, missed) "
        "SELECT day, SUM(kept), SUM(missed) FROM ("
        f"SELECT {row}.closed_on AS day, {sign} * {on_time} AS kept, "
        f"{sign} * (1 - {on_time}) AS missed{source} WHERE {closed} "
        f"UNION ALL SELECT date({row}.closed_on, '+{w + 1} days'), {-sign} * {on_time}, "
        f"{-sign} * (1 - {on_time}){source} WHERE {closed} "
        f"UNION ALL SELECT date({row}.due_on, '+1 day'), 0, {sign}{source} WHERE {due} "
        f"UNION ALL SELECT date({last}, '+1 day'), 0, {-sign}{source} WHERE {due}"
        ") WHERE true GROUP BY day "
        "ON CONFLICT (day) DO UPDATE SET kept = kept + excluded.kept, "
        "missed = missed + excluded.missed;"
    )


_CHANGE_TRIGGERS = {
    "commitment_day_delta_insert": (
        f"AFTER INSERT ON commitment BEGIN {_follow_through_changes('NEW', 1)} END"
    ),
    "commitment_day_delta_delete": (
        f"AFTER DELETE ON commitment BEGIN {_follow_through_changes('OLD', -1)} END"
    ),
    "commitment_day_delta_update": (
        "AFTER UPDATE OF status, due_on, closed_on ON commitment "
        f"BEGIN {_follow_through_changes('OLD', -1)} {_follow_through_changes('NEW', 1)} END"
    ),
}


def install_follow_through_changes(db: Database) -> None:
    """Create ``commitment_day_delta`` (if missing) and its triggers, and add up the
    promises there are now (each one's changes, through the insert trigger's own SQL). Safe
    to run again. Also the index that finds promises whose days are out of order (due or
    closed before made), which the series must read from their rows instead."""
    db.create_tables([CommitmentDayDelta], safe=True)
    for name in _CHANGE_TRIGGERS:
        _run(db, f"DROP TRIGGER IF EXISTS {name}")
    _run(db, "DELETE FROM commitment_day_delta")
    # The triggers' own statement, over every promise at once.
    _run(db, _follow_through_changes("c", 1, source=" FROM commitment AS c"))
    for name, body in _CHANGE_TRIGGERS.items():
        _run(db, f"CREATE TRIGGER {name} {body}")
    _run(
        db,
        "CREATE INDEX IF NOT EXISTS commitment_days_out_of_order ON commitment (id) "
        "WHERE due_on < made_on OR closed_on < made_on",
    )


def _v2_counts(db: Database, migrator: SchemaMigrator) -> None:
    install_activity_counts(db)
    install_follow_through_changes(db)


#: The triggers that keep ``stakeholder_last_contact`` equal to each person's MAX(occurred_on)
#: over their links: a link raises its person's day, and taking one away (or moving it) reads
#: that person's latest again when it held the latest day, or removes the row when it was
#: their last link. Cascades (a touchpoint or person deleted) fire them too.
_LAST_ADD = (
    "INSERT INTO stakeholder_last_contact (stakeholder_id, occurred_on) "
    "VALUES (NEW.stakeholder_id, NEW.occurred_on) ON CONFLICT (stakeholder_id) "
    "DO UPDATE SET occurred_on = max(occurred_on, excluded.occurred_on);"
)
_LAST_TAKE = (
    "DELETE FROM stakeholder_last_contact WHERE stakeholder_id = OLD.stakeholder_id "
    "AND NOT EXISTS (SELECT 1 FROM touchpoint_stakeholder "
    "WHERE stakeholder_id = OLD.stakeholder_id); "
    "UPDATE stakeholder_last_contact SET occurred_on = (SELECT MAX(occurred_on) "
    "FROM touchpoint_stakeholder WHERE stakeholder_id = OLD.stakeholder_id) "
    "WHERE stakeholder_id = OLD.stakeholder_id AND occurred_on = OLD.occurred_on;"
)
_LAST_TRIGGERS = {
    "last_contact_insert": f"AFTER INSERT ON touchpoint_stakeholder BEGIN {_LAST_ADD} END",
    "last_contact_delete": f"AFTER DELETE ON touchpoint_stakeholder BEGIN {_LAST_TAKE} END",
    "last_contact_update": (
        "AFTER UPDATE OF occurred_on, stakeholder_id ON touchpoint_stakeholder "
        "WHEN OLD.occurred_on IS NOT NEW.occurred_on "
        "OR OLD.stakeholder_id IS NOT NEW.stakeholder_id "
        f"BEGIN {_LAST_TAKE} {_LAST_ADD} END"
    ),
}


def install_last_contacts(db: Database) -> None:
    """Create ``stakeholder_last_contact`` (if missing) and its triggers, and fill it from the
    links there are now. Safe to run again."""
    db.create_tables([LastContact], safe=True)
    for name, body in _LAST_TRIGGERS.items():
        _run(db, f"DROP TRIGGER IF EXISTS {name}")
        _run(db, f"CREATE TRIGGER {name} {body}")
    _run(db, "DELETE FROM stakeholder_last_contact")
    _run(
        db,
        "INSERT INTO stakeholder_last_contact (stakeholder_id, occurred_on) "
        "SELECT stakeholder_id, MAX(occurred_on) FROM touchpoint_stakeholder "
        "GROUP BY stakeholder_id",
    )


#: The indexes v3 replaces with wider ones (the models declare those).
_NARROWER_INDEXES = (
    "trust_check_stakeholder_id_checked_on",
    "commitment_status_due_on_made_on_closed_on",
    "commitment_status_closed_on_due_on_made_on",
)


def _v3_per_person(db: Database, migrator: SchemaMigrator) -> None:
    install_last_contacts(db)
    for name in _NARROWER_INDEXES:
        _run(db, f"DROP INDEX IF EXISTS {name}")
    # The tables are there: this makes only their indexes that are missing, the wider ones.
    db.create_tables([TrustCheck, Commitment], safe=True)
    # The planner's statistics, where a file has them, are out of date for the new indexes.
    if db.table_exists("sqlite_stat1"):
        _run(db, "ANALYZE trust_check")
        _run(db, "ANALYZE commitment")


STEPS: dict[int, Callable[[Database, SchemaMigrator], None]] = {
    1: _v1_initial_schema,
    2: _v2_counts,
    3: _v3_per_person,
}
SCHEMA_VERSION = max(STEPS)


def current_version(db: Database) -> int:
    if not db.table_exists(SchemaVersion._meta.table_name):
        return 0
    row = SchemaVersion.select(SchemaVersion.version).order_by(SchemaVersion.version.desc()).first()
    return row.version if row else 0


def migrate(db: Database, *, backup: bool = True, target: int = SCHEMA_VERSION) -> list[int]:
    """Apply every step between the database's version and ``target``; return those applied."""
    version = current_version(db)
    if version > SCHEMA_VERSION:
        raise SchemaTooNewError(
            translate(
                "Storage",
                "This database has schema version {0}; this app knows up to {1}. Update Advisor"
                " Planner to open it.",
            ).format(version, SCHEMA_VERSION)
        )
    applied: list[int] = []
    if version >= target:
        return applied
    if backup and version > 0:
        make_backup(database_path(db), label=f"pre-v{target}")
    migrator = SchemaMigrator.from_database(db)
    for step in range(version + 1, target + 1):
        with migrator.migration_context():
            STEPS[step](db, migrator)
            SchemaVersion.create(version=step)
        applied.append(step)
    return applied
