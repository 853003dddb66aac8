"""The ``RecordApi`` of every kind of record: how the UI creates, edits and deletes each.

Most kinds are driven through their ``RecordKind`` directly; a kind whose service adds rules
of its own (moving a touchpoint by its day alone, say) passes that function instead.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

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
from advisor_planner.services.changes import Change
from advisor_planner.services.records import RecordKind
from advisor_planner.ui.commands import RecordApi


def _api(
    kind: RecordKind,
    noun: str,
    *also_changes: Change,
    update: Callable[..., Any] | None = None,
) -> RecordApi:
    return RecordApi(
        kind=kind.name,
        noun=noun,
        create=lambda **fields: kind.create(fields),
        update=update or (lambda record_id, **changes: kind.update(record_id, changes)),
        delete=kind.delete,
        get=kind.get,
        validate=kind.validate,
        label=kind.label,
        defaults=kind.defaults,
        also_changes=also_changes,
    )


STAKEHOLDER = _api(
    stakeholders.KIND,
    "stakeholder",
    Change.TOUCHPOINT,
    Change.COMMITMENT,
    Change.TRUST_CHECK,
    Change.FEEDBACK,
)
TOUCHPOINT = _api(
    touchpoints.KIND,
    "touchpoint",
    Change.STAKEHOLDER,
    Change.COMMITMENT,
    update=lambda record_id, **changes: touchpoints.update(touchpoint_id=record_id, **changes),
)
COMMITMENT = _api(commitments.KIND, "commitment", Change.STAKEHOLDER)
TRUST_CHECK = _api(trust_checks.KIND, "trust check", Change.STAKEHOLDER)
FEEDBACK = _api(feedback.KIND, "feedback", Change.STAKEHOLDER)
GOAL = _api(goals.KIND, "goal")
CHECKPOINT = _api(goals.CHECKPOINT, "checkpoint", Change.GOAL)
MILESTONE = _api(goals.MILESTONE, "milestone", Change.GOAL)
REFLECTION = _api(reflections.KIND, "reflection")
INITIATIVE = _api(initiatives.KIND, "initiative")
