"""Touchpoints through the services: moments in UTC, local days, quick log, the paged list."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from advisor_planner.services import (
    NotFoundError,
    ValidationError,
    commitments,
    stakeholders,
    touchpoints,
)
from advisor_planner.services import trash as trash_service
from advisor_planner.store import models as m

UTC = timezone.utc
EDT = timezone(timedelta(hours=-4))  # New York from 8 March 2026
EST = timezone(timedelta(hours=-5))  # New York before that


@pytest.fixture
def people(db, today, new_york):
    return (
        stakeholders.create(name="Ada Lovelace"),
        stakeholders.create(name="Bea Smith"),
        stakeholders.create(name="Carl Jones"),
    )


def _link_days(touchpoint_id: int) -> dict[int, date]:
    link = m.TouchpointStakeholder
    return {
        row.stakeholder_id: row.occurred_on
        for row in link.select().where(link.touchpoint == touchpoint_id)
    }


def test_round_trip_of_an_aware_moment(people):
    ada, bea, _ = people
    moment = datetime(2026, 3, 11, 2, 30, tzinfo=UTC)  # 22:30 on the 10th in New York
    made = touchpoints.create(
        stakeholder_ids=[bea.id, ada.id],
        occurred_at=moment,
        subject="Budget",
        channel="call",
        purpose="decide",
        stage="frame",
        listening=4,
        sentiment=-1,
        reciprocity="mutual",
        initiated_by="them",
        notes="Went well.",
    )
    assert made.occurred_at == moment
    assert made.occurred_at.tzinfo is UTC
    assert made.occurred_on == date(2026, 3, 10)  # the New York day, not the UTC one
    assert made.has_time is True
    assert made.stakeholder_ids == (bea.id, ada.id)  # the order given is kept
    assert touchpoints.get(touchpoint_id=made.id) == made
    # Stored as naive UTC.
    row = m.Touchpoint.get_by_id(made.id)
    assert row.occurred_at == datetime(2026, 3, 11, 2, 30)
    assert _link_days(made.id) == {ada.id: date(2026, 3, 10), bea.id: date(2026, 3, 10)}


def test_moments_in_other_zones_and_naive_local_times(people):
    ada, _, _ = people
    in_tokyo = datetime(2026, 3, 11, 9, 0, tzinfo=timezone(timedelta(hours=9)))
    made = touchpoints.create(stakeholder_ids=[ada.id], occurred_at=in_tokyo)
    assert made.occurred_at == datetime(2026, 3, 11, 0, 0, tzinfo=UTC)
    assert made.occurred_on == date(2026, 3, 10)  # 20:00 EDT on the 10th
    naive = touchpoints.create(stakeholder_ids=[ada.id], occurred_at=datetime(2026, 2, 3, 23, 15))
    # Naive means New York wall-clock time (EST in February).
    assert naive.occurred_at == datetime(2026, 2, 4, 4, 15, tzinfo=UTC)
    assert naive.occurred_on == date(2026, 2, 3)


def test_date_only_touchpoints_start_at_local_midnight(people):
    ada, _, _ = people
    summer = touchpoints.create(stakeholder_ids=[ada.id], occurred_on=date(2026, 3, 9))
    assert summer.has_time is False
    assert summer.occurred_on == date(2026, 3, 9)
    assert summer.occurred_at == datetime(2026, 3, 9, 0, 0, tzinfo=EDT)
    winter = touchpoints.create(stakeholder_ids=[ada.id], occurred_on="2026-02-09")
    assert winter.occurred_at == datetime(2026, 2, 9, 5, 0, tzinfo=UTC)
    # has_time=False with a moment keeps only its local day.
    evening = touchpoints.create(
        stakeholder_ids=[ada.id],
        occurred_at=datetime(2026, 3, 12, 1, 0, tzinfo=UTC),  # 21:00 on the 11th in New York
        has_time=False,
    )
    assert evening.has_time is False
    assert evening.occurred_on == date(2026, 3, 11)
    assert evening.occurred_at == datetime(2026, 3, 11, 4, 0, tzinfo=UTC)


def test_link_days_follow_an_update_of_the_moment(people):
    ada, bea, _ = people
    made = touchpoints.create(
        stakeholder_ids=[ada.id, bea.id], occurred_at=datetime(2026, 3, 10, 15, tzinfo=UTC)
    )
    assert _link_days(made.id) == {ada.id: date(2026, 3, 10), bea.id: date(2026, 3, 10)}
    moved = touchpoints.update(
        touchpoint_id=made.id, occurred_at=datetime(2026, 3, 14, 3, 0, tzinfo=UTC)
    )
    assert moved.occurred_on == date(2026, 3, 13)  # 23:00 EDT on the 13th
    assert _link_days(made.id) == {ada.id: date(2026, 3, 13), bea.id: date(2026, 3, 13)}
    assert touchpoints.last_contact_by_stakeholder() == {
        ada.id: date(2026, 3, 13),
        bea.id: date(2026, 3, 13),
    }
    # An unrelated change keeps the day; changing the people keeps it on the new links.
    touchpoints.update(touchpoint_id=made.id, subject="Moved", stakeholder_ids=[bea.id])
    assert _link_days(made.id) == {bea.id: date(2026, 3, 13)}


def test_a_new_day_alone_moves_the_touchpoint(people):
    ada, _, _ = people
    timed = touchpoints.create(
        stakeholder_ids=[ada.id], occurred_at=datetime(2026, 3, 10, 14, 15, tzinfo=EDT)
    )
    moved = touchpoints.update(touchpoint_id=timed.id, occurred_on=date(2026, 3, 12))
    assert moved.occurred_on == date(2026, 3, 12)
    assert moved.has_time is True
    assert moved.occurred_at == datetime(2026, 3, 12, 14, 15, tzinfo=EDT)  # same local time
    assert _link_days(timed.id) == {ada.id: date(2026, 3, 12)}
    all_day = touchpoints.create(stakeholder_ids=[ada.id], occurred_on=date(2026, 3, 2))
    moved = touchpoints.update(touchpoint_id=all_day.id, occurred_on="2026-03-03")
    assert (moved.occurred_on, moved.has_time) == (date(2026, 3, 3), False)
    assert moved.occurred_at == datetime(2026, 3, 3, 5, 0, tzinfo=UTC)  # EST midnight


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"stakeholder_ids": []}, "stakeholder_ids"),
        ({"stakeholder_ids": [999]}, "stakeholder_ids"),
        ({"stakeholder_ids": ["Ada"]}, "stakeholder_ids"),
        ({"stakeholder_ids": "1"}, "stakeholder_ids"),
        ({"channel": "pigeon"}, "channel"),
        ({"purpose": "gossip"}, "purpose"),
        ({"stage": "win"}, "stage"),
        ({"listening": 0}, "listening"),
        ({"listening": 6}, "listening"),
        ({"sentiment": 3}, "sentiment"),
        ({"sentiment": -3}, "sentiment"),
        ({"reciprocity": "took"}, "reciprocity"),
        ({"initiated_by": "nobody"}, "initiated_by"),
        ({"occurred_at": "2026-03-10 09:00"}, "occurred_at"),
        ({"occurred_at": datetime(2027, 3, 22, 9, tzinfo=UTC)}, "occurred_at"),
        ({"occurred_on": "10/03/2026", "occurred_at": None}, "occurred_on"),
        ({"has_time": "yes"}, "has_time"),
        ({"subject": "x" * 301}, "subject"),
        ({"notes": "x" * 100_000}, "notes"),
        ({"weather": "rain"}, "weather"),
    ],
)
def test_touchpoint_validation(people, changes, field):
    ada = people[0]
    fields = {
        "stakeholder_ids": [ada.id],
        "occurred_at": datetime(2026, 3, 10, 9, tzinfo=UTC),
        **changes,
    }
    with pytest.raises(ValidationError) as caught:
        touchpoints.create(**fields)
    assert caught.value.field == field
    assert m.Touchpoint.select().count() == 0
    assert m.TouchpointStakeholder.select().count() == 0


def test_external_uid_must_be_unique(people):
    ada = people[0]
    touchpoints.create(stakeholder_ids=[ada.id], occurred_on=date(2026, 3, 1), external_uid="u1")
    with pytest.raises(ValidationError) as caught:
        touchpoints.create(
            stakeholder_ids=[ada.id], occurred_on=date(2026, 3, 2), external_uid="u1"
        )
    assert caught.value.field == "external_uid"
    assert m.Touchpoint.select().count() == 1
    assert m.TouchpointStakeholder.select().count() == 1


def test_log_writes_the_touchpoint_and_its_commitments(people, today):
    ada, bea, _ = people
    logged = touchpoints.log(
        stakeholder_ids=[ada.id, bea.id],
        occurred_at=datetime(2026, 3, 17, 13, 0, tzinfo=UTC),
        channel="meeting",
        purpose="decide",
        commitments_made=[
            {"text": "Send the deck", "due_on": date(2026, 3, 20)},
            {"text": "Intro to Carl", "stakeholder_id": bea.id},
        ],
    )
    tp = logged.touchpoint
    assert tp.occurred_on == date(2026, 3, 17)
    deck, intro = logged.commitments
    assert (deck.text, deck.stakeholder_id, deck.touchpoint_id) == ("Send the deck", ada.id, tp.id)
    assert (deck.made_on, deck.due_on, deck.status) == (
        date(2026, 3, 17),
        date(2026, 3, 20),
        "open",
    )
    assert (intro.stakeholder_id, intro.due_on, intro.made_on) == (bea.id, None, date(2026, 3, 17))
    assert commitments.get(commitment_id=deck.id) == deck


@pytest.mark.parametrize(
    ("second", "field"),
    [
        ({"text": "Follow up", "due_on": date(2026, 3, 16)}, "commitment 2 due_on"),
        ({"text": ""}, "commitment 2 text"),
        ({"text": "Follow up", "stakeholder_id": 999}, "commitment 2 stakeholder_id"),
        ({"text": "Follow up", "due_on": "soon"}, "commitment 2 due_on"),
    ],
)
def test_log_with_a_bad_commitment_writes_nothing(people, second, field):
    ada = people[0]
    with pytest.raises(ValidationError) as caught:
        touchpoints.log(
            stakeholder_ids=[ada.id],
            occurred_at=datetime(2026, 3, 17, 13, 0, tzinfo=UTC),
            commitments_made=[{"text": "Send the deck"}, second],
        )
    assert caught.value.field == field
    assert m.Touchpoint.select().count() == 0
    assert m.TouchpointStakeholder.select().count() == 0
    assert m.Commitment.select().count() == 0


def test_delete_takes_the_commitments_made_in_it_and_restore_returns_them(people):
    ada = people[0]
    logged = touchpoints.log(
        stakeholder_ids=[ada.id],
        occurred_on=date(2026, 3, 16),
        commitments_made=[{"text": "Send the deck"}],
    )
    tp = logged.touchpoint
    item = touchpoints.delete(touchpoint_id=tp.id)
    assert item.label == "touchpoint on 2026-03-16"
    with pytest.raises(NotFoundError):
        touchpoints.get(touchpoint_id=tp.id)
    assert m.Commitment.select().count() == 0
    trash_service.restore(entry_id=item.entry_id)
    assert touchpoints.get(touchpoint_id=tp.id) == tp
    assert commitments.get(commitment_id=logged.commitments[0].id) == logged.commitments[0]


def test_page_is_newest_first_with_names_and_search(people):
    ada, bea, carl = people
    first = touchpoints.create(
        stakeholder_ids=[ada.id],
        occurred_at=datetime(2026, 3, 2, 15, tzinfo=UTC),
        subject="Kick-off",
    )
    second = touchpoints.create(
        stakeholder_ids=[bea.id, carl.id],
        occurred_at=datetime(2026, 3, 9, 15, tzinfo=UTC),
        notes="Talked about the kick-off plan",
    )
    third = touchpoints.create(stakeholder_ids=[carl.id], occurred_on=date(2026, 3, 16))
    same_time = touchpoints.create(
        stakeholder_ids=[ada.id, bea.id], occurred_at=datetime(2026, 3, 9, 15, tzinfo=UTC)
    )
    rows = touchpoints.page()
    assert [r.id for r in rows] == [third.id, same_time.id, second.id, first.id]
    assert rows[0].people == "Carl Jones"
    assert rows[0].has_time is False
    assert rows[2].people == "Bea Smith, Carl Jones"
    assert rows[3].occurred_at == datetime(2026, 3, 2, 15, tzinfo=UTC)
    assert (rows[3].subject, rows[3].channel, rows[3].purpose) == (
        "Kick-off",
        "one_on_one",
        "listen",
    )
    assert touchpoints.count() == 4
    assert [r.id for r in touchpoints.page(offset=1, limit=2)] == [same_time.id, second.id]
    # Search looks at people's names, the subject and the notes.
    assert [r.id for r in touchpoints.page(search="smith")] == [same_time.id, second.id]
    assert touchpoints.count(search="smith") == 2
    assert [r.id for r in touchpoints.page(search="kick-off")] == [second.id, first.id]
    assert touchpoints.count(search="nobody") == 0
    assert [r.id for r in touchpoints.page(stakeholder_id=carl.id)] == [third.id, second.id]
    assert touchpoints.count(stakeholder_id=ada.id, search="kick") == 1


def test_between_uses_the_local_day(people):
    ada, bea, _ = people
    late_sunday = touchpoints.create(
        stakeholder_ids=[ada.id], occurred_at=datetime(2026, 3, 16, 2, 0, tzinfo=UTC)
    )  # 22:00 EDT on Sunday the 15th
    monday = touchpoints.create(stakeholder_ids=[bea.id], occurred_on=date(2026, 3, 16))
    week_11 = touchpoints.between(start=date(2026, 3, 9), end=date(2026, 3, 15))
    assert [t.id for t in week_11] == [late_sunday.id]
    week_12 = touchpoints.between(start=date(2026, 3, 16), end=date(2026, 3, 22))
    assert [t.id for t in week_12] == [monday.id]
    assert [
        t.id
        for t in touchpoints.between(
            start=date(2026, 3, 1), end=date(2026, 3, 31), stakeholder_id=bea.id
        )
    ] == [monday.id]


def test_people_known_to_exist_are_not_asked_for(db) -> None:
    """A form checking as the user types names people it has read: no query for them, and a
    person it does not know of is still looked for (and refused when not there)."""
    from advisor_planner.services.records import known_to_exist

    ada = stakeholders.create(name="Ada Lovelace").id
    statements: list[str] = []
    db.connection().set_trace_callback(statements.append)
    try:
        with known_to_exist(stakeholders.KIND, [ada]):
            touchpoints.KIND.validate({"stakeholder_ids": (ada,)})
        assert statements == []
        with known_to_exist(stakeholders.KIND, [ada]), pytest.raises(ValidationError):
            touchpoints.KIND.validate({"stakeholder_ids": (ada, ada + 1)})
        assert statements  # (the one it did not know was looked for)
    finally:
        db.connection().set_trace_callback(None)
