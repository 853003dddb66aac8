"""What the weekly reflection's focus step offers, read by bounded queries: the people past
their cadence in the dashboard's order, the open promises overdue or due soon with their
total, a search over the other open promises, and the reflection's own choices kept."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from advisor_planner.domain.enums import CommitmentStatus
from advisor_planner.services import (
    commitments,
    evidence,
    goals,
    stakeholders,
    touchpoints,
)
from advisor_planner.services.insights import relationships


def _seen(who: int, day: date) -> None:
    touchpoints.create(
        occurred_at=datetime.combine(day, time(10)).astimezone(),
        stakeholder_ids=[who],
        channel="call",
        purpose="listen",
    )


@pytest.fixture
def people(db, today) -> dict[str, int]:
    """People on every side of their cadence: key and not, weekly and quarterly, never seen,
    within it, with none, and archived."""
    made = {
        # name: (power, interest, cadence, days since last seen or None)
        "Ada": (5, 5, 7, 30),  # key, 3.3 cadences overdue
        "Bea": (4, 3, 90, 100),  # key, 0.1 cadence overdue
        "Cal": (5, 4, 14, None),  # key, never contacted: last among the key
        "Dev": (2, 2, 7, 40),  # not key, 4.7 cadences overdue: after every key person
        "Eve": (5, 5, 30, 3),  # within her cadence
        "Fin": (5, 5, None, 200),  # no cadence
        "Gil": (2, 3, 10, 11),  # not key, 0.1 overdue
    }
    ids = {}
    for name, (power, interest, cadence, ago) in made.items():
        person = stakeholders.create(
            name=name, power=power, interest=interest, cadence_days=cadence
        )
        ids[name] = person.id
        if ago is not None:
            _seen(person.id, today - timedelta(days=ago))
    archived = stakeholders.create(name="Old", power=5, interest=5, cadence_days=7)
    stakeholders.update(stakeholder_id=archived.id, archived=True)
    return ids


def test_past_cadence_is_the_dashboards_attention_order(people, today) -> None:
    lapsed = stakeholders.past_cadence(today=today)
    expected = relationships.needs_attention(relationships.people_status(today=today), limit=None)
    assert [p.id for p in lapsed] == [p.id for p in expected]
    assert [p.name for p in lapsed] == ["Ada", "Bea", "Cal", "Dev", "Gil"]
    assert [p.cadence.label for p in lapsed] == [q.cadence.label for q in expected]
    key = stakeholders.past_cadence(today=today, key_only=True)
    assert [p.name for p in key] == ["Ada", "Bea", "Cal"]


def test_due_soon_is_nearest_first_bounded_and_counted(people, today) -> None:
    ada = people["Ada"]

    def promise(text: str, due: int | None, status: str = "open") -> int:
        made = commitments.create(
            text=text,
            stakeholder_id=ada,
            made_on=today - timedelta(days=60),
            due_on=today + timedelta(days=due) if due is not None else None,
        )
        if status != "open":
            commitments.set_status(commitment_id=made.id, status=status, on=today)
        return made.id

    promise("Due in five days", 5)
    promise("Overdue by ten", -10)
    promise("Overdue by two", -2)
    promise("Due in three weeks", 21)
    promise("No day set", None)
    promise("Kept late", -20, CommitmentStatus.KEPT.value)
    lines, total = commitments.due_soon(today=today, limit=2)
    assert [line.text for line in lines] == ["Overdue by two", "Due in five days"]
    assert total == 3  # and "Overdue by ten" beyond the limit
    assert lines[0].name == "Ada" and lines[0].is_overdue(today)
    lines, total = commitments.due_soon(today=today)
    assert [line.text for line in lines] == ["Overdue by two", "Due in five days", "Overdue by ten"]
    promise("Due in two days", 2)  # as near as "Overdue by two": the overdue one goes first
    lines, _total = commitments.due_soon(today=today, limit=2)
    assert [line.text for line in lines] == ["Overdue by two", "Due in two days"]


def test_find_open_reads_the_words_and_the_persons_name(people, today) -> None:
    for text, who in (("Send the roadmap", "Ada"), ("Intro to the CFO", "Bea")):
        commitments.create(text=text, stakeholder_id=people[who], made_on=today)
    closed = commitments.create(text="Old roadmap", stakeholder_id=people["Ada"], made_on=today)
    commitments.set_status(commitment_id=closed.id, status="kept", on=today)
    assert [line.text for line in commitments.find_open("roadmap")] == ["Send the roadmap"]
    assert [line.text for line in commitments.find_open("bea")] == ["Intro to the CFO"]
    assert commitments.find_open("  ") == []
    assert len(commitments.find_open("t", limit=1)) == 1


def test_focus_choices_keep_what_was_chosen(people, today) -> None:
    later = commitments.create(
        text="Next quarter's review", stakeholder_id=people["Eve"], made_on=today,
        due_on=today + timedelta(days=60),
    )  # fmt: skip
    soon = commitments.create(
        text="The deck", stakeholder_id=people["Ada"], made_on=today,
        due_on=today + timedelta(days=1),
    )  # fmt: skip
    paused = goals.create(title="Paused goal", status="paused")
    active = goals.create(title="Active goal")
    goals.create(title="Achieved goal", status="achieved")
    choices = evidence.focus_choices(
        today=today,
        chosen_people=[people["Eve"], people["Ada"]],
        chosen_promises=[later.id, soon.id],
        chosen_goals=[paused.id],
        limit=2,
    )
    assert [p.name for p in choices.people] == ["Ada", "Bea"] and choices.people_total == 5
    assert choices.chosen_people == [(people["Eve"], "Eve")]  # Ada is listed already
    assert [line.id for line in choices.promises] == [soon.id] and choices.promises_total == 1
    assert [line.id for line in choices.chosen_promises] == [later.id]
    assert sorted(title for _, title in choices.goals) == ["Active goal", "Paused goal"]
    assert active.id in dict(choices.goals)
    assert [name for _, name in choices.everyone] == [
        "Ada",
        "Bea",
        "Cal",
        "Dev",
        "Eve",
        "Fin",
        "Gil",
    ]


def test_week_evidence_names_only_the_goals_that_moved(people, today) -> None:
    moved = goals.create(title="Moved", metric="calls", baseline=0, target=5)
    goals.create(title="Still")
    goals.add_checkpoint(goal_id=moved.id, recorded_on=today, value=2)
    week = evidence.week_evidence(week=today)
    assert week.goal_titles == {moved.id: "Moved"}
    assert [p.name for p in week.slipped] == ["Ada", "Bea", "Cal"]  # the key people only
