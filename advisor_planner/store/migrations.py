"""The schema-version ladder.

``STEPS[n]`` brings a database from version ``n - 1`` to ``n``. Each step runs in its own
transaction inside peewee's ``migration_context()`` (which turns foreign keys off for the
duration, so a table rebuild cannot cascade-delete rows), after a backup made with SQLite's
backup API. A database newer than this app is refused rather than guessed at.

v2 adds the touchpoint count per day and channel that triggers keep
(``install_activity_counts``). SQLite drops a table's triggers with the table, so a later step
that rebuilds ``touchpoint`` (playhouse's column changes do) must call it again; a test checks
the latest schema has them.
"""

from __future__ import annotations

from collections.abc import Callable

from peewee import Database
from playhouse.migrate import SchemaMigrator

from advisor_planner.store.backup import make_backup
from advisor_planner.store.connection import database_path
from advisor_planner.store.models import ALL_MODELS, SchemaVersion, TouchpointDayCount
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


def _v2_activity_counts(db: Database, migrator: SchemaMigrator) -> None:
    install_activity_counts(db)


STEPS: dict[int, Callable[[Database, SchemaMigrator], None]] = {
    1: _v1_initial_schema,
    2: _v2_activity_counts,
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
