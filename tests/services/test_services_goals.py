"""Brand goals with their audience, checkpoints and milestones; initiatives and their outcomes."""

from __future__ import annotations

from datetime import date

import pytest

from advisor_planner.services import (
    NotFoundError,
    ValidationError,
    goals,
    initiatives,
    stakeholders,
)
from advisor_planner.services import trash as trash_service
from advisor_planner.store import models as m


@pytest.fixture
def ada(db, today):
    return stakeholders.create(name="Ada")


def test_goal_round_trip_with_audience(ada, today):
    bea = stakeholders.create(name="Bea")
    made = goals.create(
        title="The advisor Finance calls first",
        statement="On cloud cost.",
        trust_factor="credibility",
        start_on="2026-01-01",
        target_on=date(2026, 6, 30),
        metric="calls per month",
        baseline="1",
        target=4,
        audience_ids=[bea.id, ada.id, bea.id],
    )
    assert made.audience_ids == (bea.id, ada.id)  # duplicates dropped, order kept
    assert (made.baseline, made.target) == (1.0, 4.0)
    assert made.status == "active"
    assert goals.get(goal_id=made.id) == made
    changed = goals.update(goal_id=made.id, status="paused", audience_ids=[ada.id])
    assert (changed.status, changed.audience_ids) == ("paused", (ada.id,))
    assert changed.title == made.title


def test_goal_defaults_start_today(ada, today):
    assert goals.create(title="Be present").start_on == today


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": ""}, "title"),
        ({"statement": "x" * 100_000}, "statement"),
        ({"target_on": date(2025, 12, 31)}, "target_on"),
        ({"trust_factor": "charisma"}, "trust_factor"),
        ({"status": "done"}, "status"),
        ({"baseline": "lots"}, "baseline"),
        ({"target": float("inf")}, "target"),
        ({"audience_ids": [999]}, "audience_ids"),
        ({"audience_ids": [0]}, "audience_ids"),
        ({"owner": "me"}, "owner"),
    ],
)
def test_goal_validation(ada, changes, field):
    with pytest.raises(ValidationError) as caught:
        goals.create(**{"title": "Goal", "start_on": date(2026, 1, 1), **changes})
    assert caught.value.field == field
    assert m.BrandGoal.select().count() == 0
    assert m.GoalAudience.select().count() == 0


def test_checkpoints_and_milestones(ada, today):
    goal = goals.create(title="Goal", start_on=date(2026, 1, 1), baseline=0, target=10)
    later = goals.add_checkpoint(goal_id=goal.id, recorded_on="2026-03-01", value=6)
    earlier = goals.add_checkpoint(goal_id=goal.id, recorded_on="2026-02-01", value="3.5")
    assert earlier.value == 3.5
    assert [c.id for c in goals.checkpoints(goal_id=goal.id)] == [earlier.id, later.id]
    moved = goals.update_checkpoint(checkpoint_id=later.id, value=7, note="Better")
    assert (moved.value, moved.note) == (7.0, "Better")
    default_day = goals.add_checkpoint(goal_id=goal.id, value=8)
    assert default_day.recorded_on == today

    undated = goals.add_milestone(goal_id=goal.id, title="Someday")
    soon = goals.add_milestone(goal_id=goal.id, title="Brief", due_on=date(2026, 4, 1))
    sooner = goals.add_milestone(goal_id=goal.id, title="Draft", due_on=date(2026, 3, 25))
    assert [ms.title for ms in goals.milestones(goal_id=goal.id)] == ["Draft", "Brief", "Someday"]
    done = goals.update_milestone(milestone_id=soon.id, done_on=date(2026, 3, 18))
    assert done.done_on == date(2026, 3, 18)

    item = goals.delete_checkpoint(checkpoint_id=earlier.id)
    assert item.label == "checkpoint 3.5 on 2026-02-01"
    trash_service.restore(entry_id=item.entry_id)
    assert goals.checkpoints(goal_id=goal.id)[0] == earlier
    item = goals.delete_milestone(milestone_id=undated.id)
    assert [ms.id for ms in goals.milestones(goal_id=goal.id)] == [sooner.id, soon.id]
    trash_service.restore(entry_id=item.entry_id)
    assert len(goals.milestones(goal_id=goal.id)) == 3


@pytest.mark.parametrize(
    ("adder", "fields", "field"),
    [
        ("add_checkpoint", {"goal_id": 999, "value": 1}, "goal_id"),
        ("add_checkpoint", {"value": None}, "value"),
        ("add_checkpoint", {"value": 1, "recorded_on": "March"}, "recorded_on"),
        ("add_milestone", {"title": ""}, "title"),
        ("add_milestone", {"title": "M", "due_on": "soon"}, "due_on"),
        ("add_milestone", {"goal_id": 999, "title": "M"}, "goal_id"),
    ],
)
def test_checkpoint_and_milestone_validation(ada, adder, fields, field):
    goal = goals.create(title="Goal")
    with pytest.raises(ValidationError) as caught:
        getattr(goals, adder)(**{"goal_id": goal.id, **fields})
    assert caught.value.field == field
    assert m.GoalCheckpoint.select().count() == 0
    assert m.GoalMilestone.select().count() == 0


def test_deleting_a_goal_takes_its_checkpoints_and_milestones(ada, today):
    goal = goals.create(title="Goal", audience_ids=[ada.id])
    point = goals.add_checkpoint(goal_id=goal.id, value=2)
    step = goals.add_milestone(goal_id=goal.id, title="Step")
    item = goals.delete(goal_id=goal.id)
    with pytest.raises(NotFoundError):
        goals.get(goal_id=goal.id)
    assert goals.checkpoints(goal_id=goal.id) == []
    assert goals.milestones(goal_id=goal.id) == []
    trash_service.restore(entry_id=item.entry_id)
    assert goals.get(goal_id=goal.id) == goal
    assert goals.checkpoints(goal_id=goal.id) == [point]
    assert goals.milestones(goal_id=goal.id) == [step]


def test_goal_list_filters_and_search(ada, today):
    old = goals.create(title="Credibility in Finance", start_on=date(2025, 6, 1))
    new = goals.create(title="Presence", statement="Be seen in ops", start_on=date(2026, 2, 1))
    paused = goals.create(title="Blog", metric="posts", status="paused", start_on=date(2026, 1, 1))
    assert [g.id for g in goals.list_all()] == [new.id, paused.id, old.id]
    assert [g.id for g in goals.list_all(status="active")] == [new.id, old.id]
    assert [g.id for g in goals.list_all(search="OPS")] == [new.id]
    assert [g.id for g in goals.list_all(search="posts")] == [paused.id]
    assert [g.id for g in goals.list_all(search="finance")] == [old.id]


# -- initiatives ------------------------------------------------------------------------------
def test_initiative_round_trip(ada, today):
    bea = stakeholders.create(name="Bea")
    made = initiatives.create(
        name="Cloud cost",
        business_unit="Finance",
        sponsor_id=ada.id,
        stakeholder_ids=[ada.id, bea.id],
        start_on="2025-09-01",
        end_on=date(2026, 2, 28),
        status="finished",
        user_satisfaction=4.5,
        on_time=True,
        on_budget=False,
        defect_count=12,
        change_order_amount=25_000,
        adoption=82.5,
        notes="Shipped.",
    )
    assert initiatives.get(initiative_id=made.id) == made
    assert (made.user_satisfaction, made.on_time, made.on_budget) == (4.5, True, False)
    changed = initiatives.update(initiative_id=made.id, sponsor_id=bea.id, defect_count=3)
    assert (changed.sponsor_id, changed.defect_count) == (bea.id, 3)
    assert changed.stakeholder_ids == (ada.id, bea.id)
    item = initiatives.delete(initiative_id=made.id)
    assert item.label == "Cloud cost"
    with pytest.raises(NotFoundError):
        initiatives.get(initiative_id=made.id)
    assert m.InitiativeStakeholder.select().count() == 0
    trash_service.restore(entry_id=item.entry_id)
    assert initiatives.get(initiative_id=made.id) == changed


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name": ""}, "name"),
        ({"start_on": date(2026, 3, 1), "end_on": date(2026, 2, 1)}, "end_on"),
        ({"status": "abandoned"}, "status"),
        ({"user_satisfaction": 6}, "user_satisfaction"),
        ({"user_satisfaction": 0.5}, "user_satisfaction"),
        ({"adoption": 101}, "adoption"),
        ({"defect_count": -1}, "defect_count"),
        ({"change_order_amount": -5}, "change_order_amount"),
        ({"on_time": "yes"}, "on_time"),
        ({"sponsor_id": 999}, "sponsor_id"),
        ({"stakeholder_ids": [999]}, "stakeholder_ids"),
        ({"notes": "x" * 100_000}, "notes"),
        ({"budget": 10}, "budget"),
    ],
)
def test_initiative_validation(ada, changes, field):
    with pytest.raises(ValidationError) as caught:
        initiatives.create(**{"name": "Project", **changes})
    assert caught.value.field == field
    assert m.Initiative.select().count() == 0
    assert m.InitiativeStakeholder.select().count() == 0


def test_initiative_list_order_and_search(ada):
    undated = initiatives.create(name="Someday", notes="data platform")
    old = initiatives.create(name="ERP", start_on=date(2024, 1, 1), status="finished")
    new = initiatives.create(name="Data lake", business_unit="Ops", start_on=date(2026, 1, 1))
    assert [i.id for i in initiatives.list_all()] == [new.id, old.id, undated.id]
    assert [i.id for i in initiatives.list_all(status="finished")] == [old.id]
    assert [i.id for i in initiatives.list_all(search="data")] == [new.id, undated.id]
    assert [i.id for i in initiatives.list_all(search="ops")] == [new.id]


def test_a_checkpoint_or_milestone_is_checked_without_its_goal(db):
    """The goal window holds them until the goal's Save: their own fields are checked then."""
    clean = goals.check_checkpoint({"recorded_on": None, "value": "7.5", "note": ""})
    assert clean["value"] == 7.5 and clean["recorded_on"] is not None
    with pytest.raises(ValidationError) as caught:
        goals.check_checkpoint({"recorded_on": None, "value": "lots", "note": ""})
    assert caught.value.field == "value"
    with pytest.raises(ValidationError) as caught:
        goals.check_milestone({"title": " ", "due_on": None, "done_on": None})
    assert caught.value.field == "title"
