"""The ``RecordApi`` of every kind of record: how the UI creates, edits and deletes each."""

from __future__ import annotations

from advisor_planner.services import (
    commitments,
    feedback,
    goals,
    initiatives,
    reflections,
    stakeholders,
    touchpoints,
    trust_checks,
)
from advisor_planner.services.records import RecordKind
from advisor_planner.ui.commands import RecordApi


def _api(kind: RecordKind, noun: str, create, update, delete, get, *also: str) -> RecordApi:
    return RecordApi(
        kind=kind.name,
        noun=noun,
        create=create,
        update=update,
        delete=delete,
        get=get,
        validate=kind.validate,
        label=kind.label,
        defaults=kind.defaults,
        also_changes=also,
    )


STAKEHOLDER = _api(
    stakeholders.KIND,
    "stakeholder",
    stakeholders.create,
    lambda i, **c: stakeholders.update(stakeholder_id=i, **c),
    lambda i: stakeholders.delete(stakeholder_id=i),
    lambda i: stakeholders.get(stakeholder_id=i),
    "touchpoint",
    "commitment",
    "trust check",
    "feedback",
)
TOUCHPOINT = _api(
    touchpoints.KIND,
    "touchpoint",
    touchpoints.create,
    lambda i, **c: touchpoints.update(touchpoint_id=i, **c),
    lambda i: touchpoints.delete(touchpoint_id=i),
    lambda i: touchpoints.get(touchpoint_id=i),
    "stakeholder",
    "commitment",
)
COMMITMENT = _api(
    commitments.KIND,
    "commitment",
    commitments.create,
    lambda i, **c: commitments.update(commitment_id=i, **c),
    lambda i: commitments.delete(commitment_id=i),
    lambda i: commitments.get(commitment_id=i),
    "stakeholder",
)
TRUST_CHECK = _api(
    trust_checks.KIND,
    "trust check",
    trust_checks.create,
    lambda i, **c: trust_checks.update(trust_check_id=i, **c),
    lambda i: trust_checks.delete(trust_check_id=i),
    lambda i: trust_checks.get(trust_check_id=i),
    "stakeholder",
)
FEEDBACK = _api(
    feedback.KIND,
    "feedback",
    feedback.create,
    lambda i, **c: feedback.update(feedback_id=i, **c),
    lambda i: feedback.delete(feedback_id=i),
    lambda i: feedback.get(feedback_id=i),
    "stakeholder",
)
GOAL = _api(
    goals.KIND,
    "goal",
    goals.create,
    lambda i, **c: goals.update(goal_id=i, **c),
    lambda i: goals.delete(goal_id=i),
    lambda i: goals.get(goal_id=i),
)
CHECKPOINT = _api(
    goals.CHECKPOINT,
    "checkpoint",
    goals.add_checkpoint,
    lambda i, **c: goals.update_checkpoint(checkpoint_id=i, **c),
    lambda i: goals.delete_checkpoint(checkpoint_id=i),
    lambda i: goals.CHECKPOINT.get(i),
    "brand goal",
)
MILESTONE = _api(
    goals.MILESTONE,
    "milestone",
    goals.add_milestone,
    lambda i, **c: goals.update_milestone(milestone_id=i, **c),
    lambda i: goals.delete_milestone(milestone_id=i),
    lambda i: goals.MILESTONE.get(i),
    "brand goal",
)
REFLECTION = _api(
    reflections.KIND,
    "reflection",
    reflections.create,
    lambda i, **c: reflections.update(reflection_id=i, **c),
    lambda i: reflections.delete(reflection_id=i),
    lambda i: reflections.get(reflection_id=i),
)
INITIATIVE = _api(
    initiatives.KIND,
    "initiative",
    initiatives.create,
    lambda i, **c: initiatives.update(initiative_id=i, **c),
    lambda i: initiatives.delete(initiative_id=i),
    lambda i: initiatives.get(initiative_id=i),
)
