"""Commitments through the services: status changes and every filter of the Commitments view."""

from __future__ import annotations

from datetime import date

import pytest

from advisor_planner.services import (
    NotFoundError,
    ValidationError,
    commitments,
    stakeholders,
)
from advisor_planner.services import trash as trash_service
from advisor_planner.store import models as m

MADE = date(2026, 3, 1)


@pytest.fixture
def ada(db, today):
    return stakeholders.create(name="Ada")


@pytest.fixture
def book(ada, today):
    """Ten promises; today is Friday 2026-03-20, its week runs 16–22 March."""
    bea = stakeholders.create(name="Bea")

    def make(name, status="open", due=None, closed=None, who=ada.id):
        return commitments.create(
            text=name, stakeholder_id=who, made_on=MADE, due_on=due, status=status, closed_on=closed
        )

    return {
        "c1": make("c1", due=date(2026, 3, 10)),  # open, overdue
        "c2": make("c2", due=date(2026, 3, 18)),  # open, this week, overdue
        "c3": make("c3", due=date(2026, 3, 22)),  # open, this week, not yet due
        "c4": make("c4"),  # open, no due date
        "c5": make("c5", "kept", date(2026, 3, 5), date(2026, 3, 4)),
        "c6": make("c6", "late", date(2026, 3, 5), date(2026, 3, 8)),
        "c7": make("c7", "broken", date(2026, 3, 6), date(2026, 3, 12)),
        "c8": make("c8", "cancelled", date(2026, 3, 25), date(2026, 3, 14)),
        "c9": make("c9", due=date(2026, 3, 30), who=bea.id),
        "c10": make("c10", "renegotiated", date(2026, 3, 19), date(2026, 3, 15)),
        "bea": bea,
    }


def _names(records) -> list[str]:
    return [r.text for r in records]


def test_round_trip(ada, today):
    made = commitments.create(
        text="  Send the cost model ", stakeholder_id=ada.id, made_on="2026-03-02", due_on=today
    )
    assert made.text == "Send the cost model"
    assert (made.made_on, made.due_on, made.status, made.closed_on) == (
        date(2026, 3, 2),
        today,
        "open",
        None,
    )
    assert commitments.get(commitment_id=made.id) == made
    changed = commitments.update(commitment_id=made.id, due_on=date(2026, 3, 27))
    assert changed.due_on == date(2026, 3, 27)
    item = commitments.delete(commitment_id=made.id)
    assert item.label == "Send the cost model"
    with pytest.raises(NotFoundError):
        commitments.get(commitment_id=made.id)
    trash_service.restore(entry_id=item.entry_id)
    assert commitments.get(commitment_id=made.id) == changed


def test_defaults_and_closing_rules(ada, today):
    plain = commitments.create(text="Call back", stakeholder_id=ada.id)
    assert plain.made_on == today
    assert plain.status == "open"
    # Closing without a day closes today; an open one never keeps a closed day.
    kept = commitments.create(text="Done", stakeholder_id=ada.id, made_on=MADE, status="kept")
    assert kept.closed_on == today
    reopened = commitments.create(
        text="Open", stakeholder_id=ada.id, made_on=MADE, closed_on=date(2026, 3, 5)
    )
    assert reopened.closed_on is None


def test_set_status_closes_and_reopens(book, today):
    c1 = book["c1"]
    kept = commitments.set_status(commitment_id=c1.id, status="kept")
    assert (kept.status, kept.closed_on) == ("kept", today)
    late = commitments.set_status(commitment_id=c1.id, status="late", on=date(2026, 3, 12))
    assert (late.status, late.closed_on) == ("late", date(2026, 3, 12))
    reopened = commitments.set_status(commitment_id=c1.id, status="open")
    assert (reopened.status, reopened.closed_on) == ("open", None)
    assert reopened.is_overdue(today)
    assert not reopened.is_overdue(date(2026, 3, 10))


def test_set_status_refusals(book):
    c1 = book["c1"]
    with pytest.raises(ValidationError) as caught:
        commitments.set_status(commitment_id=c1.id, status="done")
    assert caught.value.field == "status"
    with pytest.raises(ValidationError) as caught:
        commitments.set_status(commitment_id=c1.id, status="kept", on=date(2026, 2, 27))
    assert caught.value.field == "closed_on"
    assert commitments.get(commitment_id=c1.id) == c1
    with pytest.raises(NotFoundError):
        commitments.set_status(commitment_id=404, status="kept")


@pytest.mark.parametrize(
    ("which", "expected"),
    [
        ("all", ["c5", "c6", "c7", "c1", "c2", "c10", "c3", "c8", "c9", "c4"]),
        ("open", ["c1", "c2", "c3", "c9", "c4"]),
        ("due_this_week", ["c2", "c3"]),
        ("overdue", ["c1", "c2"]),
        ("kept", ["c5"]),
        ("late", ["c6"]),
        ("broken", ["c7"]),
    ],
)
def test_every_filter(book, which, expected):
    assert _names(commitments.list_filtered(which=which)) == expected


def test_filters_take_today_and_a_person(book):
    assert _names(commitments.list_filtered(which="overdue", today=date(2026, 3, 11))) == ["c1"]
    assert _names(commitments.list_filtered(which="due_this_week", today=date(2026, 3, 31))) == [
        "c9"
    ]
    bea = book["bea"]
    assert _names(commitments.list_filtered(which="open", stakeholder_id=bea.id)) == ["c9"]
    assert _names(commitments.for_stakeholder(stakeholder_id=bea.id)) == ["c9"]
    assert len(commitments.for_stakeholder(stakeholder_id=book["c1"].stakeholder_id)) == 9
    with pytest.raises(ValidationError) as caught:
        commitments.list_filtered(which="soon")
    assert caught.value.field == "filter"


def test_due_between_and_overdue_count(book, today):
    week = commitments.due_between(start=date(2026, 3, 16), end=date(2026, 3, 22))
    assert _names(week) == ["c2", "c10", "c3"]
    assert commitments.overdue_count() == 2
    assert commitments.overdue_count(today=date(2026, 3, 31)) == 4


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"text": ""}, "text"),
        ({"text": "x" * 100_000}, "text"),
        ({"due_on": date(2026, 2, 28)}, "due_on"),
        ({"status": "forgotten"}, "status"),
        ({"status": "kept", "closed_on": date(2026, 2, 1)}, "closed_on"),
        ({"made_on": "1st of March"}, "made_on"),
        ({"stakeholder_id": 999}, "stakeholder_id"),
        ({"stakeholder_id": None}, "stakeholder_id"),
        ({"touchpoint_id": 999}, "touchpoint_id"),
        ({"priority": "high"}, "priority"),
    ],
)
def test_validation(ada, changes, field):
    fields = {"text": "Send it", "stakeholder_id": ada.id, "made_on": MADE, **changes}
    with pytest.raises(ValidationError) as caught:
        commitments.create(**fields)
    assert caught.value.field == field
    assert m.Commitment.select().count() == 0


def test_due_before_made_message(ada):
    with pytest.raises(ValidationError, match="2026-02-28 is before the day it was made"):
        commitments.create(
            text="Send it", stakeholder_id=ada.id, made_on=MADE, due_on=date(2026, 2, 28)
        )
