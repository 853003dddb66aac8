"""The touchpoint count per day and channel (``touchpoint_day_count``) that triggers keep as
touchpoints are written: it must equal a GROUP BY over the touchpoints after every kind of
write the app makes (create, bulk create, edit of day or channel, delete to the trash,
restore, undo and redo, a person's deletion, an archive load and unload), after the
migration that adds it to a database with touchpoints, and in an encrypted copy or a
restored backup."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

from advisor_planner.services import archive, encryption, session, stakeholders, touchpoints
from advisor_planner.services import trash as trash_service
from advisor_planner.store import migrations
from advisor_planner.store import models as m
from advisor_planner.store.backup import backup_file
from advisor_planner.store.connection import close_database, open_database
from advisor_planner.store.opening import init_db

Counts = dict[tuple[str, str], int]


def kept(db: object) -> Counts:
    """The counts the triggers kept."""
    rows = m.database.execute_sql(
        "SELECT occurred_on, channel, n FROM touchpoint_day_count"
    ).fetchall()
    assert all(n > 0 for _day, _channel, n in rows), "a count of zero or less was left behind"
    return {(day, channel): n for day, channel, n in rows}


def grouped() -> Counts:
    """The counts read from the touchpoints themselves."""
    rows = m.database.execute_sql(
        "SELECT occurred_on, channel, COUNT(*) FROM touchpoint GROUP BY occurred_on, channel"
    ).fetchall()
    return {(day, channel): n for day, channel, n in rows}


def at(day: int, hour: int = 10) -> datetime:
    return datetime(2026, 3, day, hour, 0)


@pytest.fixture
def people(db):
    return stakeholders.create(name="Ada Lovelace"), stakeholders.create(name="Bea Smith")


def test_counts_follow_every_write_of_a_touchpoint(db, people):
    ada, bea = people
    first = touchpoints.create(stakeholder_ids=[ada.id], occurred_at=at(2), channel="call")
    touchpoints.create(stakeholder_ids=[ada.id, bea.id], occurred_at=at(2, 15), channel="call")
    touchpoints.create_many(
        [
            {"stakeholder_ids": [bea.id], "occurred_at": at(day), "channel": channel}
            for day in (3, 4, 4)
            for channel in ("email", "meeting")
        ]
    )
    assert kept(db) == grouped()
    assert kept(db)[("2026-03-02", "call")] == 2
    assert kept(db)[("2026-03-04", "email")] == 2

    touchpoints.update(touchpoint_id=first.id, occurred_at=at(5))  # another day
    assert kept(db) == grouped()
    touchpoints.update(touchpoint_id=first.id, channel="email")  # another channel
    assert kept(db) == grouped()
    touchpoints.update(touchpoint_id=first.id, subject="Budget")  # neither
    assert kept(db) == grouped()
    assert kept(db)[("2026-03-05", "email")] == 1
    assert kept(db)[("2026-03-02", "call")] == 1

    trashed = touchpoints.delete(touchpoint_id=first.id)
    assert kept(db) == grouped()
    assert ("2026-03-05", "email") not in kept(db)  # emptied counts are removed
    trash_service.restore(entry_id=trashed.entry_id)
    assert kept(db) == grouped()
    assert kept(db)[("2026-03-05", "email")] == 1

    # Undo of a create takes it out of the trash again; redo puts it back from the payload.
    again = touchpoints.delete(touchpoint_id=first.id)
    payload = trash_service.withdraw(entry_id=again.entry_id)
    assert kept(db) == grouped()
    trash_service.put_back(kind="touchpoint", payload=payload)
    assert kept(db) == grouped()

    # Deleting a person leaves their touchpoints with others, and the counts agree either way.
    stakeholders.delete(stakeholder_id=bea.id)
    assert kept(db) == grouped()
    trash_service.restore(entry_id=trash_service.list_entries()[0].entry_id)
    assert kept(db) == grouped()
    assert sum(kept(db).values()) == m.Touchpoint.select().count() == 8


def test_an_archive_load_and_unload_keep_the_counts(db, people, tmp_path):
    ada, bea = people
    for day in (2, 3, 3):
        touchpoints.create(stakeholder_ids=[ada.id, bea.id], occurred_at=at(day), channel="call")
    archive.export(tmp_path / "all.json")
    close_database()
    other = init_db(tmp_path / "fresh.sqlite")
    loaded = archive.load(tmp_path / "all.json")
    assert kept(other) == grouped() == {("2026-03-02", "call"): 1, ("2026-03-03", "call"): 2}
    archive.unload(loaded)
    assert kept(other) == grouped() == {}


def test_the_migration_counts_the_touchpoints_already_there(tmp_path):
    path = tmp_path / "old.sqlite"
    db = open_database(path)
    try:
        migrations.migrate(db, target=1)
        ada = stakeholders.create(name="Ada Lovelace")
        for day, channel in ((2, "call"), (2, "call"), (3, "email")):
            touchpoints.create(stakeholder_ids=[ada.id], occurred_at=at(day), channel=channel)
        assert not db.table_exists("touchpoint_day_count")
        assert 2 in migrations.migrate(db)
        assert kept(db) == grouped() == {("2026-03-02", "call"): 2, ("2026-03-03", "email"): 1}
        touchpoints.create(stakeholder_ids=[ada.id], occurred_at=at(3), channel="email")
        assert kept(db)[("2026-03-03", "email")] == 2
    finally:
        close_database()


def _add_and_compare(path: Path) -> None:
    with session.opened(path, writing="test"):
        ada = stakeholders.list_all()[0]
        touchpoints.create(stakeholder_ids=[ada.id], occurred_at=at(9), channel="call")
        assert kept(m.database) == grouped()
        assert kept(m.database)[("2026-03-09", "call")] == 1


def test_an_encrypted_copy_and_a_backup_keep_the_triggers(db, db_path, people, tmp_path):
    ada, _bea = people
    touchpoints.create(stakeholder_ids=[ada.id], occurred_at=at(2), channel="call")
    close_database()
    copy = backup_file(db_path, tmp_path / "copy.sqlite")
    _add_and_compare(copy)
    with session.locked(db_path, "encrypt"):
        encryption.encrypt(db_path, "my words")
    try:
        _add_and_compare(db_path)
    finally:
        encryption.lock(db_path)


def test_the_latest_schema_has_the_triggers(db, db_path):
    # A later step that rebuilds the touchpoint or commitment table drops its triggers with
    # it; this fails until that step installs them again (``migrations.install_...``).
    con = sqlite3.connect(db_path)
    try:
        names = {
            row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        }
    finally:
        con.close()
    assert names == {
        "touchpoint_day_count_insert",
        "touchpoint_day_count_update",
        "touchpoint_day_count_delete",
        "commitment_day_delta_insert",
        "commitment_day_delta_update",
        "commitment_day_delta_delete",
        "last_contact_insert",
        "last_contact_update",
        "last_contact_delete",
    }
