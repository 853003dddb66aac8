"""The follow-through series read from the day-by-day changes that triggers keep as promises
are written (``commitment_day_delta``) equals the one worked out from every promise's row
(``domain.reliability.rolling_reliability``), after each kind of write the app makes: made,
closed kept on time, late, broken, renegotiated or cancelled, reopened, its due day moved,
deleted to the trash and restored, deleted with its person or its touchpoint."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from advisor_planner.services import commitments, stakeholders, touchpoints
from advisor_planner.services import trash as trash_service
from advisor_planner.services.insights import promise_series
from advisor_planner.store import models as m

TODAY = date(2026, 3, 20)
D = date


@pytest.fixture
def today(pin_today) -> date:
    return pin_today(TODAY)


def both(start: date, end: date, today: date = TODAY) -> tuple[object, object]:
    """The series as the dashboard reads it (from the counts) and from the promises' rows."""
    counted = promise_series.follow_through(start=start, end=end, today=today)
    from_rows = promise_series.follow_through(start=start, end=end, today=today, from_rows=True)
    return counted, from_rows


def agree() -> None:
    periods = [
        (TODAY - timedelta(days=90), TODAY),
        (TODAY - timedelta(days=365), TODAY),
        (D(2025, 1, 1), D(2025, 6, 30)),  # a custom range that ended before today
        (TODAY - timedelta(days=20), TODAY + timedelta(days=30)),
    ]
    for start, end in periods:
        counted, from_rows = both(start, end)
        assert counted == from_rows, (start, end)


def test_the_counted_series_follows_every_write_of_a_promise(db, today):
    ada = stakeholders.create(name="Ada Lovelace")
    bea = stakeholders.create(name="Bea Smith")
    made = []
    for index in range(24):
        made_on = TODAY - timedelta(days=300 - 11 * index)
        made.append(
            commitments.create(
                text=f"Promise {index}",
                stakeholder_id=(ada, bea)[index % 2].id,
                made_on=made_on,
                due_on=None if index % 7 == 3 else made_on + timedelta(days=5 + index % 13),
            )
        )
    agree()
    series, _rows = both(TODAY - timedelta(days=365), TODAY)
    assert any(series.considered) and series.overdue_now > 0  # (the test says something)
    assert not promise_series._days_out_of_order()  # (the counts were read)

    # Closed each way, on time, late and early, with and without a due day.
    for index, status in enumerate(["kept", "late", "broken", "renegotiated", "cancelled"] * 3):
        promise = made[index]
        closed_on = promise.made_on + timedelta(days=(3, 9, 20)[index % 3])
        commitments.update(commitment_id=promise.id, status=status, closed_on=closed_on)
        agree()
    commitments.update(commitment_id=made[0].id, status="open", closed_on=None)  # reopened
    agree()
    commitments.update(commitment_id=made[1].id, due_on=made[1].made_on + timedelta(days=40))
    agree()
    commitments.update(commitment_id=made[2].id, closed_on=made[2].made_on + timedelta(days=1))
    agree()

    trashed = commitments.delete(commitment_id=made[3].id)
    agree()
    trash_service.restore(entry_id=trashed.entry_id)
    agree()
    stakeholders.delete(stakeholder_id=bea.id)  # her promises go with her
    agree()
    trash_service.restore(entry_id=trash_service.list_entries()[0].entry_id)
    agree()


def test_promises_made_in_a_touchpoint_go_and_come_back_with_it(db, today):
    ada = stakeholders.create(name="Ada Lovelace")
    logged = touchpoints.create(
        stakeholder_ids=[ada.id], occurred_at=datetime(2026, 3, 2, 10), channel="call"
    )
    for days in (1, 4, 30):
        commitments.create(
            text="Send it", stakeholder_id=ada.id, touchpoint_id=logged.id,
            made_on=D(2026, 3, 2), due_on=D(2026, 3, 2) + timedelta(days=days),
        )  # fmt: skip
    agree()
    trashed = touchpoints.delete(touchpoint_id=logged.id)
    assert m.Commitment.select().count() == 0
    agree()
    trash_service.restore(entry_id=trashed.entry_id)
    assert m.Commitment.select().count() == 3
    agree()


def test_promises_with_days_out_of_order_are_read_from_their_rows(db, today):
    # The services refuse a due or closing day before the day a promise was made; written
    # past them (an old file, a hand edit), such a promise makes the series read the rows,
    # whose "made by the last week" rule the day-by-day counts cannot follow.
    ada = stakeholders.create(name="Ada Lovelace")
    odd = commitments.create(
        text="Odd", stakeholder_id=ada.id, made_on=D(2026, 3, 1), due_on=D(2026, 3, 5)
    )
    m.Commitment.update(made_on=D(2026, 3, 18)).where(m.Commitment.id == odd.id).execute()
    counted, from_rows = both(D(2026, 1, 1), D(2026, 3, 15))
    assert counted == from_rows
    assert counted.overdue_now == 0  # made after the period's last week: not counted


def test_the_migration_adds_up_the_promises_already_there(tmp_path, today):
    from advisor_planner.store import migrations
    from advisor_planner.store.connection import close_database, open_database

    db = open_database(tmp_path / "old.sqlite")
    try:
        migrations.migrate(db, target=1)
        ada = stakeholders.create(name="Ada Lovelace")
        for index, status in enumerate(["open", "kept", "late", "broken", "cancelled", "open"]):
            made_on = TODAY - timedelta(days=100 - 13 * index)
            commitments.create(
                text="Promise", stakeholder_id=ada.id, made_on=made_on, status=status,
                due_on=made_on + timedelta(days=10),
                closed_on=None if status == "open" else made_on + timedelta(days=4 * index),
            )  # fmt: skip
        migrations.migrate(db)
        assert m.CommitmentDayDelta.select().count() > 0
        agree()
    finally:
        close_database()


def test_an_archive_load_and_unload_keep_the_changes(db, today, tmp_path):
    from advisor_planner.services import archive
    from advisor_planner.store.connection import close_database
    from advisor_planner.store.opening import init_db

    ada = stakeholders.create(name="Ada Lovelace")
    for index, status in enumerate(["open", "kept", "late", "broken", "open"]):
        made_on = TODAY - timedelta(days=80 - 15 * index)
        commitments.create(
            text="Promise", stakeholder_id=ada.id, made_on=made_on, status=status,
            due_on=made_on + timedelta(days=7),
            closed_on=None if status == "open" else made_on + timedelta(days=3 * index),
        )  # fmt: skip
    archive.export(tmp_path / "all.json")
    close_database()
    init_db(tmp_path / "fresh.sqlite")
    loaded = archive.load(tmp_path / "all.json")
    assert m.CommitmentDayDelta.select().count() > 0
    agree()
    archive.unload(loaded)
    assert m.Commitment.select().count() == 0
    agree()
    assert both(TODAY - timedelta(days=365), TODAY)[0].considered[-1] == 0
