"""The schema-version ladder: every step from nothing, idempotent, newer schemas refused."""

from __future__ import annotations

import sqlite3

import pytest

from advisor_planner.services import stakeholders
from advisor_planner.store import migrations
from advisor_planner.store import models as m
from advisor_planner.store.backup import backup_dir
from advisor_planner.store.connection import close_database, open_database
from advisor_planner.store.migrations import SchemaTooNewError, current_version, migrate
from advisor_planner.store.opening import init_db

EXPECTED_TABLES = {model._meta.table_name for model in m.ALL_MODELS}


def _tables(path) -> set[str]:
    con = sqlite3.connect(path)
    try:
        rows = con.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
        ).fetchall()
    finally:
        con.close()
    return {row[0] for row in rows}


def test_fresh_file_migrates_to_the_latest_with_every_table(tmp_path):
    path = tmp_path / "new.sqlite"
    db = open_database(path)
    try:
        assert current_version(db) == 0
        assert migrate(db) == [1, 2, 3]
        assert current_version(db) == 3
        assert migrations.SCHEMA_VERSION == 3
        assert [row.version for row in m.SchemaVersion.select()] == [1, 2, 3]
    finally:
        close_database()
    assert _tables(path) >= EXPECTED_TABLES | {"touchpoint_day_count"}
    # A brand-new file has nothing to protect, so no pre-migration backup is made.
    assert not backup_dir(path).exists()


def test_records_use_autoincrement_so_ids_are_never_reused(db, db_path):
    con = sqlite3.connect(db_path)
    try:
        sql = con.execute(
            "SELECT sql FROM sqlite_master WHERE type='table' AND name='stakeholder'"
        ).fetchone()[0]
    finally:
        con.close()
    assert "AUTOINCREMENT" in sql.upper()


def test_second_migrate_does_nothing(db, db_path):
    stakeholders.create(name="Ada")
    assert migrate(db) == []
    assert m.SchemaVersion.select().count() == 3
    assert stakeholders.count() == 1
    assert not backup_dir(db_path).exists()


def test_init_db_twice_is_idempotent(tmp_path):
    path = tmp_path / "twice.sqlite"
    init_db(path)
    stakeholders.create(name="Ada")
    close_database()
    db = init_db(path)
    try:
        assert current_version(db) == 3
        assert m.SchemaVersion.select().count() == 3
        assert [s.name for s in stakeholders.list_all()] == ["Ada"]
    finally:
        close_database()


def test_newer_schema_is_refused(db, db_path):
    m.SchemaVersion.create(version=99)
    close_database()
    with pytest.raises(SchemaTooNewError, match="99"):
        init_db(db_path)
    close_database()
    # Refusing wrote nothing: the version rows are as they were.
    con = sqlite3.connect(db_path)
    try:
        versions = [row[0] for row in con.execute("SELECT version FROM schema_version")]
    finally:
        con.close()
    assert sorted(versions) == [1, 2, 3, 99]


NEXT = migrations.SCHEMA_VERSION + 1  # a step after the latest, for the tests below


def _next_add_column(db, migrator):
    from peewee import TextField
    from playhouse.migrate import migrate as run

    run(migrator.add_column("stakeholder", "nickname", TextField(default="")))


def test_a_later_step_backs_up_first_and_records_its_version(db, db_path, monkeypatch):
    stakeholders.create(name="Ada")
    monkeypatch.setitem(migrations.STEPS, NEXT, _next_add_column)
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", NEXT)
    assert migrate(db, target=NEXT) == [NEXT]
    assert current_version(db) == NEXT
    columns = {c.name for c in db.get_columns("stakeholder")}
    assert "nickname" in columns
    # The backup was taken before the step: version 1, without the new column, with the data.
    backups = sorted(backup_dir(db_path).glob(f"pre-v{NEXT}-*.sqlite"))
    assert len(backups) == 1
    con = sqlite3.connect(backups[0])
    try:
        assert con.execute("SELECT MAX(version) FROM schema_version").fetchone()[0] == NEXT - 1
        assert con.execute("SELECT name FROM stakeholder").fetchall() == [("Ada",)]
        backup_columns = {row[1] for row in con.execute("PRAGMA table_info(stakeholder)")}
    finally:
        con.close()
    assert "nickname" not in backup_columns


def test_a_failing_step_rolls_back_and_keeps_the_version(db, monkeypatch):
    stakeholders.create(name="Ada")

    def broken_step(db_, migrator):
        db_.execute_sql("CREATE TABLE half_done (id INTEGER)")
        raise RuntimeError("step failed")

    monkeypatch.setitem(migrations.STEPS, NEXT, broken_step)
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", NEXT)
    with pytest.raises(RuntimeError, match="step failed"):
        migrate(db, target=NEXT, backup=False)
    assert current_version(db) == NEXT - 1
    assert not db.table_exists("half_done")
    assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    assert stakeholders.count() == 1
