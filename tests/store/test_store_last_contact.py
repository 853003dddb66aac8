"""Each person's last contact (``stakeholder_last_contact``), kept by triggers as touchpoints'
links are written: it must equal a GROUP BY over the links after every kind of write the app
makes (create, bulk create, edit of the day or the people, delete to the trash, restore, undo
and redo, a person's deletion and restore, an archive load and unload), after the migration
that adds it to a database with touchpoints, and in an encrypted copy or a restored backup."""

from __future__ import annotations

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

Days = dict[int, str]


def kept() -> Days:
    """The last contacts the triggers kept."""
    rows = m.database.execute_sql(
        "SELECT stakeholder_id, occurred_on FROM stakeholder_last_contact"
    ).fetchall()
    return dict(rows)


def grouped() -> Days:
    """The last contacts read from the links themselves."""
    rows = m.database.execute_sql(
        "SELECT stakeholder_id, MAX(occurred_on) FROM touchpoint_stakeholder "
        "GROUP BY stakeholder_id"
    ).fetchall()
    return dict(rows)


def at(day: int, hour: int = 10) -> datetime:
    return datetime(2026, 3, day, hour, 0)


@pytest.fixture
def people(db):
    return stakeholders.create(name="Ada Lovelace"), stakeholders.create(name="Bea Smith")


def test_last_contacts_follow_every_write_of_a_touchpoint(db, people) -> None:
    ada, bea = people
    first = touchpoints.create(stakeholder_ids=[ada.id], occurred_at=at(9))
    touchpoints.create(stakeholder_ids=[ada.id, bea.id], occurred_at=at(2))
    touchpoints.create_many(
        [{"stakeholder_ids": [bea.id], "occurred_at": at(day)} for day in (3, 4, 4)]
    )
    assert kept() == grouped() == {ada.id: "2026-03-09", bea.id: "2026-03-04"}

    touchpoints.update(touchpoint_id=first.id, occurred_at=at(1))  # earlier: Ada's latest goes
    assert kept() == grouped()
    assert kept()[ada.id] == "2026-03-02"
    touchpoints.update(touchpoint_id=first.id, occurred_at=at(8))  # later again
    touchpoints.update(touchpoint_id=first.id, stakeholder_ids=[bea.id])  # someone else's
    assert kept() == grouped() == {ada.id: "2026-03-02", bea.id: "2026-03-08"}

    trashed = touchpoints.delete(touchpoint_id=first.id)
    assert kept() == grouped() == {ada.id: "2026-03-02", bea.id: "2026-03-04"}
    trash_service.restore(entry_id=trashed.entry_id)
    assert kept() == grouped()
    assert kept()[bea.id] == "2026-03-08"

    # Undo of a create takes it out of the trash again; redo puts it back from the payload.
    again = touchpoints.delete(touchpoint_id=first.id)
    payload = trash_service.withdraw(entry_id=again.entry_id)
    assert kept() == grouped()
    trash_service.put_back(kind="touchpoint", payload=payload)
    assert kept() == grouped()

    # A person's deletion takes their links (and row) with them; their restore brings both.
    stakeholders.delete(stakeholder_id=bea.id)
    assert kept() == grouped() == {ada.id: "2026-03-02"}
    trash_service.restore(entry_id=trash_service.list_entries()[0].entry_id)
    assert kept() == grouped()
    assert kept()[bea.id] == "2026-03-08"

    # The last link of a person gone: no row, as the GROUP BY has none.
    for (touchpoint_id,) in m.Touchpoint.select(m.Touchpoint.id).tuples():
        touchpoints.delete(touchpoint_id=touchpoint_id)
    assert kept() == grouped() == {}


def test_an_archive_load_and_unload_keep_the_last_contacts(db, people, tmp_path) -> None:
    ada, bea = people
    for day in (2, 5, 3):
        touchpoints.create(stakeholder_ids=[ada.id, bea.id], occurred_at=at(day))
    touchpoints.create(stakeholder_ids=[bea.id], occurred_at=at(7))
    archive.export(tmp_path / "all.json")
    close_database()
    init_db(tmp_path / "fresh.sqlite")
    loaded = archive.load(tmp_path / "all.json")
    assert kept() == grouped()
    assert sorted(kept().values()) == ["2026-03-05", "2026-03-07"]
    archive.unload(loaded)
    assert kept() == grouped() == {}


def test_the_migration_fills_the_last_contacts_already_there(tmp_path) -> None:
    path = tmp_path / "old.sqlite"
    db = open_database(path)
    try:
        migrations.migrate(db, target=2)
        ada = stakeholders.create(name="Ada Lovelace")
        stakeholders.create(name="Never Met")
        for day in (2, 6, 3):
            touchpoints.create(stakeholder_ids=[ada.id], occurred_at=at(day))
        assert not db.table_exists("stakeholder_last_contact")
        assert migrations.migrate(db, backup=False) == [3]
        assert kept() == grouped() == {ada.id: "2026-03-06"}
        touchpoints.create(stakeholder_ids=[ada.id], occurred_at=at(8))
        assert kept()[ada.id] == "2026-03-08"
    finally:
        close_database()


def _add_and_compare(path: Path) -> None:
    with session.opened(path, writing="test"):
        ada = stakeholders.list_all()[0]
        touchpoints.create(stakeholder_ids=[ada.id], occurred_at=at(9))
        assert kept() == grouped()
        assert kept()[ada.id] == "2026-03-09"


def test_an_encrypted_copy_and_a_backup_keep_the_triggers(db, db_path, people, tmp_path) -> None:
    ada, _bea = people
    touchpoints.create(stakeholder_ids=[ada.id], occurred_at=at(2))
    close_database()
    copy = backup_file(db_path, tmp_path / "copy.sqlite")
    _add_and_compare(copy)
    with session.locked(db_path, "encrypt"):
        encryption.encrypt(db_path, "my words")
    try:
        _add_and_compare(db_path)
    finally:
        encryption.lock(db_path)


def test_the_last_contacts_are_left_out_of_archives_and_the_trash(db) -> None:
    # Derived data: never exported or put in the trash, only kept by the triggers.
    assert m.LastContact not in m.ALL_MODELS
