"""``refresh_people``: an earlier ``people_status`` brought up to date for the people a change
touched equals everyone's read again, whatever the change (a touchpoint, a promise kept or
broken, a person archived, deleted or added)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from advisor_planner import demo, translation
from advisor_planner.services import commitments, stakeholders, touchpoints
from advisor_planner.services.insights import relationships
from advisor_planner.services.insights.relationships import people_status, refresh_people
from advisor_planner.store import models as m
from advisor_planner.store.connection import open_database
from advisor_planner.store.migrations import migrate

TODAY = date(2026, 3, 20)


@pytest.fixture
def seeded(db, pin_today) -> list[int]:
    pin_today(TODAY)
    demo.generate(size="small", seed=5, today=TODAY)
    return [
        sid for (sid,) in m.Stakeholder.select(m.Stakeholder.id).order_by(m.Stakeholder.id).tuples()
    ]


def _change_five_people(ids: list[int]) -> set[int]:
    """A touchpoint, a promise kept late, one archived, one deleted, one added; whose."""
    logged, promised, archived, deleted = ids[0], ids[1], ids[2], ids[3]
    touchpoints.log(
        occurred_at=datetime.combine(TODAY, time(10)).astimezone(),
        stakeholder_ids=[logged],
        listening=5,
        sentiment=2,
        reciprocity="gave",
    )
    promise = commitments.create(
        text="Send the numbers", stakeholder_id=promised,
        made_on=TODAY - timedelta(days=20), due_on=TODAY - timedelta(days=10),
    )  # fmt: skip
    commitments.update(commitment_id=promise.id, status="kept", closed_on=TODAY - timedelta(days=2))
    stakeholders.update(stakeholder_id=archived, archived=True)
    stakeholders.delete(stakeholder_id=deleted)
    added = stakeholders.create(name="Nia New", cadence_days=14).id
    return {logged, promised, archived, deleted, added}


@pytest.mark.parametrize("include_archived", [False, True])
def test_refreshing_the_touched_people_equals_a_full_recompute(seeded, include_archived) -> None:
    before = people_status(today=TODAY, include_archived=include_archived)
    touched = _change_five_people(seeded)
    after = refresh_people(before, touched, today=TODAY, include_archived=include_archived)
    full = people_status(today=TODAY, include_archived=include_archived)
    assert after == full
    assert after != before, "the changes must show for the comparison to mean anything"


def test_people_left_out_keep_their_earlier_summary(seeded) -> None:
    before = people_status(today=TODAY)
    other = seeded[6]
    touchpoints.log(
        occurred_at=datetime.combine(TODAY, time(11)).astimezone(), stakeholder_ids=[other]
    )
    assert refresh_people(before, set(), today=TODAY) == before
    unchanged = refresh_people(before, {seeded[7]}, today=TODAY)
    assert [p for p in unchanged if p.id == other] == [p for p in before if p.id == other]
    fresh = refresh_people(before, {other}, today=TODAY)
    assert fresh == people_status(today=TODAY)


def test_reading_again_reuses_the_summaries_of_people_nothing_changed_for(seeded) -> None:
    """The health arithmetic is worked out again only for people whose rows changed: a second
    reading gives the very same objects, except for the person just logged."""
    first = people_status(today=TODAY)
    again = people_status(today=TODAY)
    assert all(a is b for a, b in zip(first, again, strict=True))
    logged = seeded[4]
    touchpoints.log(
        occurred_at=datetime.combine(TODAY, time(9)).astimezone(),
        stakeholder_ids=[logged],
        listening=1,
        sentiment=-2,
    )
    after = people_status(today=TODAY)
    changed = [b.id for a, b in zip(first, after, strict=True) if a is not b]
    assert changed == [logged]
    relationships.forget_summaries()
    assert after == people_status(today=TODAY)
    assert after != first


def test_a_reading_in_another_language_is_not_taken_from_the_earlier_one(seeded) -> None:
    english = people_status(today=TODAY)
    translation.use(lambda context, text: f"<{text}>")
    try:
        other = people_status(today=TODAY)
    finally:
        translation.use(None)
    assert [p.cadence.label for p in other] == [f"<{p.cadence.label}>" for p in english]


def test_two_databases_read_in_turn_each_reuse_their_own_summaries(seeded, tmp_path) -> None:
    """The same ids in another database (read in turn, as the store benchmark reads its 1 x
    and 3 x copies) neither replace this one's summaries nor are taken for them."""
    here = m.database.obj
    first = people_status(today=TODAY)
    other = open_database(tmp_path / "other.sqlite", bind=False)
    try:
        m.database.initialize(other)
        migrate(other, backup=False)
        demo.generate(size="small", seed=6, today=TODAY)
        theirs = people_status(today=TODAY)
        m.database.initialize(here)
        again = people_status(today=TODAY)
        m.database.initialize(other)
        theirs_again = people_status(today=TODAY)
    finally:
        m.database.initialize(here)
        other.close()
    assert {p.id for p in theirs} & {p.id for p in first}, "the ids must overlap to mean anything"
    assert theirs != first
    assert all(a is b for a, b in zip(first, again, strict=True))
    assert all(a is b for a, b in zip(theirs, theirs_again, strict=True))


def test_people_with_the_same_last_contact_and_cadence_share_one_cadence_status(seeded) -> None:
    relationships.forget_summaries()
    people = people_status(today=TODAY)
    by_pair: dict[tuple[object, object], list[object]] = {}
    for person in people:
        by_pair.setdefault((person.last_contact, person.cadence.cadence_days), []).append(
            person.cadence
        )
    shared = [statuses for statuses in by_pair.values() if len(statuses) > 1]
    assert shared, "the demo must have two people with the same pair"
    assert all(status is statuses[0] for statuses in shared for status in statuses)
