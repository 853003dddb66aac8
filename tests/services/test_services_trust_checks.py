"""Trust checks and feedback through the services."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from advisor_planner.services import (
    NotFoundError,
    ValidationError,
    feedback,
    stakeholders,
    trust_checks,
)
from advisor_planner.services import trash as trash_service
from advisor_planner.store import models as m


@pytest.fixture
def ada(db, today):
    return stakeholders.create(name="Ada")


def test_trust_check_round_trip(ada, today):
    made = trust_checks.create(
        stakeholder_id=ada.id,
        checked_on="2026-03-01",
        credibility=8,
        reliability=6,
        intimacy=4,
        self_orientation=3,
        warmth=7,
        competence=9,
        source="their_feedback",
        note="After the budget review.",
    )
    assert made.checked_on == date(2026, 3, 1)
    assert made.quotient == pytest.approx(18 / 3)
    assert trust_checks.get(trust_check_id=made.id) == made
    changed = trust_checks.update(trust_check_id=made.id, self_orientation=6)
    assert changed.quotient == pytest.approx(3.0)
    assert changed.warmth == 7
    item = trust_checks.delete(trust_check_id=made.id)
    assert item.label == "trust check on 2026-03-01"
    with pytest.raises(NotFoundError):
        trust_checks.get(trust_check_id=made.id)
    trash_service.restore(entry_id=item.entry_id)
    assert trust_checks.get(trust_check_id=made.id) == changed


def test_trust_check_defaults_to_today_and_fives(ada, today):
    made = trust_checks.create(stakeholder_id=ada.id)
    assert made.checked_on == today
    assert (made.credibility, made.reliability, made.intimacy, made.self_orientation) == (
        5,
        5,
        5,
        5,
    )
    assert made.quotient == 3.0
    assert made.source == "my_estimate"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"credibility": 0}, "credibility"),
        ({"reliability": 11}, "reliability"),
        ({"intimacy": 2.5}, "intimacy"),
        ({"self_orientation": None}, "self_orientation"),
        ({"warmth": 12}, "warmth"),
        ({"competence": -1}, "competence"),
        ({"source": "gossip"}, "source"),
        ({"checked_on": "yesterday"}, "checked_on"),
        ({"checked_on": date(2026, 3, 21)}, "checked_on"),  # tomorrow: in the future
        ({"note": "x" * 100_000}, "note"),
        ({"stakeholder_id": 999}, "stakeholder_id"),
        ({"stakeholder_id": "Ada"}, "stakeholder_id"),
        ({"mood": "good"}, "mood"),
    ],
)
def test_trust_check_validation(ada, changes, field):
    with pytest.raises(ValidationError) as caught:
        trust_checks.create(**{"stakeholder_id": ada.id, **changes})
    assert caught.value.field == field
    assert m.TrustCheck.select().count() == 0


def test_future_trust_check_message(ada, today):
    with pytest.raises(ValidationError, match="cannot be in the future"):
        trust_checks.create(stakeholder_id=ada.id, checked_on=today + timedelta(days=1))


def test_trust_check_lists(ada, today):
    bea = stakeholders.create(name="Bea")
    late = trust_checks.create(stakeholder_id=ada.id, checked_on=date(2026, 3, 10))
    early = trust_checks.create(stakeholder_id=ada.id, checked_on=date(2026, 1, 10))
    other = trust_checks.create(stakeholder_id=bea.id, checked_on=date(2026, 2, 10))
    assert [c.id for c in trust_checks.for_stakeholder(stakeholder_id=ada.id)] == [
        early.id,
        late.id,
    ]
    assert [c.id for c in trust_checks.between(start=date(2026, 1, 10), end=date(2026, 2, 10))] == [
        early.id,
        other.id,
    ]


def test_feedback_round_trip(ada, today):
    made = feedback.create(
        stakeholder_id=ada.id, received_on=date(2026, 3, 2), text="Very clear.", aspect="warmth"
    )
    assert feedback.get(feedback_id=made.id) == made
    changed = feedback.update(feedback_id=made.id, aspect="competence")
    assert changed.aspect == "competence"
    assert changed.text == "Very clear."
    item = feedback.delete(feedback_id=made.id)
    assert item.label == "feedback on 2026-03-02"
    assert feedback.for_stakeholder(stakeholder_id=ada.id) == []
    trash_service.restore(entry_id=item.entry_id)
    assert feedback.for_stakeholder(stakeholder_id=ada.id) == [changed]


def test_feedback_defaults_and_ordering(ada, today):
    older = feedback.create(stakeholder_id=ada.id, received_on="2026-01-05", text="Good start.")
    newer = feedback.create(stakeholder_id=ada.id, text="Thanks.")
    assert newer.received_on == today
    assert newer.aspect == "both"
    assert [f.id for f in feedback.for_stakeholder(stakeholder_id=ada.id)] == [newer.id, older.id]
    assert [f.id for f in feedback.between(start=date(2026, 1, 1), end=today)] == [
        older.id,
        newer.id,
    ]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"text": ""}, "text"),
        ({"text": "x" * 100_000}, "text"),
        ({"aspect": "charm"}, "aspect"),
        ({"received_on": date(2026, 3, 21)}, "received_on"),
        ({"stakeholder_id": 77}, "stakeholder_id"),
    ],
)
def test_feedback_validation(ada, changes, field):
    with pytest.raises(ValidationError) as caught:
        feedback.create(**{"stakeholder_id": ada.id, "text": "Fine.", **changes})
    assert caught.value.field == field
    assert m.Feedback.select().count() == 0


@pytest.mark.parametrize(
    ("create", "field"),
    [
        (lambda ada: trust_checks.create(stakeholder_id=ada.id, checked_on=date(226, 3, 1)),
         "checked_on"),
        (lambda ada: feedback.create(stakeholder_id=ada.id, text="Thanks",
                                     received_on="3026-03-01"), "received_on"),
    ],
)  # fmt: skip
def test_a_mistyped_year_is_refused_with_the_years_a_date_may_take(ada, create, field) -> None:
    with pytest.raises(ValidationError) as refused:
        create(ada)
    assert refused.value.field == field
    assert refused.value.problem.endswith("a date must be from 1900 to 2200")
