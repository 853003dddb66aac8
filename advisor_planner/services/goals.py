"""Brand goals ("the advisor Finance calls first on cloud cost"), their audience, dated
progress checkpoints and milestones."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from advisor_planner.domain.enums import GoalStatus, TrustFactor
from advisor_planner.services import clock
from advisor_planner.services import validation as v
from advisor_planner.services.records import Link, RecordKind, TrashItem, require_existing
from advisor_planner.store import models as m
from advisor_planner.translation import QT_TRANSLATE_NOOP, translate


@dataclass(frozen=True, slots=True, kw_only=True)
class BrandGoal:
    id: int = 0
    title: str = ""
    statement: str = ""
    trust_factor: str | None = None
    start_on: date | None = None
    target_on: date | None = None
    status: str = GoalStatus.ACTIVE.value
    metric: str = ""
    baseline: float | None = None
    target: float | None = None
    audience_ids: tuple[int, ...] = ()
    created_at: datetime | None = None
    updated_at: datetime | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Checkpoint:
    id: int = 0
    goal_id: int = 0
    recorded_on: date | None = None
    value: float = 0.0
    note: str = ""
    created_at: datetime | None = None
    updated_at: datetime | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Milestone:
    id: int = 0
    goal_id: int = 0
    title: str = ""
    due_on: date | None = None
    done_on: date | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None


def _clean_goal(values: dict[str, Any]) -> dict[str, Any]:
    start_on = v.a_date("start_on", values["start_on"] or clock.today())
    target_on = v.a_date("target_on", values["target_on"], optional=True)
    v.not_before(
        "target_on",
        target_on,
        start_on,
        QT_TRANSLATE_NOOP("Validation", "{0} is before the start ({1})"),
    )
    audience = v.ids("audience_ids", values["audience_ids"])
    require_existing("audience_ids", m.Stakeholder, audience)
    return {
        "title": v.text("title", values["title"], required=True),
        "statement": v.long_text("statement", values["statement"]),
        "trust_factor": v.choice(
            "trust_factor", values["trust_factor"], TrustFactor, optional=True
        ),
        "start_on": start_on,
        "target_on": target_on,
        "status": v.choice("status", values["status"], GoalStatus),
        "metric": v.text("metric", values["metric"]),
        "baseline": v.number("baseline", values["baseline"]),
        "target": v.number("target", values["target"]),
        "audience_ids": audience,
    }


def _clean_goal_id(values: dict[str, Any]) -> int:
    goal_id = v.integer("goal_id", values["goal_id"], 1, 2**62)
    require_existing("goal_id", m.BrandGoal, [goal_id])
    return goal_id


def _clean_checkpoint(values: dict[str, Any]) -> dict[str, Any]:
    return {"goal_id": _clean_goal_id(values), **check_checkpoint(values)}


def _clean_milestone(values: dict[str, Any]) -> dict[str, Any]:
    return {"goal_id": _clean_goal_id(values), **check_milestone(values)}


def check_checkpoint(values: Mapping[str, Any]) -> dict[str, Any]:
    """A checkpoint's own fields, cleaned, without its goal: one held in the goal's form until
    the goal is saved (its goal is checked then). Raises ``ValidationError``."""
    return {
        "recorded_on": v.a_date("recorded_on", values["recorded_on"] or clock.today()),
        "value": v.number("value", values["value"], optional=False),
        "note": v.long_text("note", values["note"]),
    }


def check_milestone(values: Mapping[str, Any]) -> dict[str, Any]:
    """A milestone's own fields, cleaned, without its goal (as ``check_checkpoint``)."""
    return {
        "title": v.text("title", values["title"], required=True),
        "due_on": v.a_date("due_on", values["due_on"], optional=True),
        "done_on": v.a_date("done_on", values["done_on"], optional=True),
    }


KIND: RecordKind[BrandGoal] = RecordKind(
    name="brand goal",
    model=m.BrandGoal,
    record_type=BrandGoal,
    clean=_clean_goal,
    label=lambda g: g.title,
    links={"audience_ids": Link(m.GoalAudience, "goal", "stakeholder")},
)
CHECKPOINT: RecordKind[Checkpoint] = RecordKind(
    name="goal checkpoint",
    model=m.GoalCheckpoint,
    record_type=Checkpoint,
    clean=_clean_checkpoint,
    label=lambda c: translate("Record", "checkpoint {0:g} on {1}").format(c.value, c.recorded_on),
)
MILESTONE: RecordKind[Milestone] = RecordKind(
    name="milestone",
    model=m.GoalMilestone,
    record_type=Milestone,
    clean=_clean_milestone,
    label=lambda ms: ms.title,
)


def create(**fields: Any) -> BrandGoal:
    return KIND.create(fields)


def update(*, goal_id: int, **changes: Any) -> BrandGoal:
    return KIND.update(goal_id, changes)


def get(*, goal_id: int) -> BrandGoal:
    return KIND.get(goal_id)


def delete(*, goal_id: int) -> TrashItem:
    return KIND.delete(goal_id)


def list_all(*, status: str | None = None, search: str = "") -> list[BrandGoal]:
    query = m.BrandGoal.select()
    if status:
        query = query.where(m.BrandGoal.status == status)
    if search.strip():
        needle = search.strip()
        query = query.where(
            m.BrandGoal.title.contains(needle)
            | m.BrandGoal.statement.contains(needle)
            | m.BrandGoal.metric.contains(needle)
        )
    return KIND.to_records(list(query.order_by(m.BrandGoal.start_on.desc(), m.BrandGoal.id)))


def add_checkpoint(**fields: Any) -> Checkpoint:
    return CHECKPOINT.create(fields)


def update_checkpoint(*, checkpoint_id: int, **changes: Any) -> Checkpoint:
    return CHECKPOINT.update(checkpoint_id, changes)


def delete_checkpoint(*, checkpoint_id: int) -> TrashItem:
    return CHECKPOINT.delete(checkpoint_id)


def checkpoints(*, goal_id: int) -> list[Checkpoint]:
    query = (
        m.GoalCheckpoint.select()
        .where(m.GoalCheckpoint.goal == goal_id)
        .order_by(m.GoalCheckpoint.recorded_on, m.GoalCheckpoint.id)
    )
    return CHECKPOINT.to_records(list(query))


def add_milestone(**fields: Any) -> Milestone:
    return MILESTONE.create(fields)


def update_milestone(*, milestone_id: int, **changes: Any) -> Milestone:
    return MILESTONE.update(milestone_id, changes)


def delete_milestone(*, milestone_id: int) -> TrashItem:
    return MILESTONE.delete(milestone_id)


def milestones(*, goal_id: int) -> list[Milestone]:
    query = (
        m.GoalMilestone.select()
        .where(m.GoalMilestone.goal == goal_id)
        .order_by(m.GoalMilestone.due_on.is_null(), m.GoalMilestone.due_on, m.GoalMilestone.id)
    )
    return MILESTONE.to_records(list(query))
