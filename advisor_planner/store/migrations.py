"""The schema-version ladder.

``STEPS[n]`` brings a database from version ``n - 1`` to ``n``. Each step runs in its own
transaction inside peewee's ``migration_context()`` (which turns foreign keys off for the
duration, so a table rebuild cannot cascade-delete rows), after a backup made with SQLite's
backup API. A database newer than this app is refused rather than guessed at.
"""

from __future__ import annotations

from collections.abc import Callable

from peewee import Database
from playhouse.migrate import SchemaMigrator

from advisor_planner.store.backup import make_backup
from advisor_planner.store.connection import database_path
from advisor_planner.store.models import ALL_MODELS, SchemaVersion
from advisor_planner.translation import translate


class SchemaTooNewError(RuntimeError):
    """The file was written by a newer version of the app."""


def _v1_initial_schema(db: Database, migrator: SchemaMigrator) -> None:
    db.create_tables(ALL_MODELS)


STEPS: dict[int, Callable[[Database, SchemaMigrator], None]] = {
    1: _v1_initial_schema,
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
