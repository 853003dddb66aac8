"""The ``RecordApi`` of every kind of record: how the UI creates, edits and deletes each.

Most kinds are driven through their ``RecordKind`` directly; a kind whose service adds rules
of its own (moving a touchpoint by its day alone, say) passes that function instead. Each
kind's noun and plural are marked for translation here (context ``RecordApi``).
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
from advisor_planner.translation import QT_TRANSLATE_NOOP
from advisor_planner.ui.commands import RecordApi


def _api(
    kind: RecordKind[Any],
    nouns: tuple[str, str],
    *also_changes: Change,
    update: Callable[..., Any] | None = None,
) -> RecordApi:
    """``nouns``: the record's noun and its plural, marked for translation."""
    return RecordApi(
        kind=kind.name,
        noun_text=nouns[0],
        plural_text=nouns[1],
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
    (
        QT_TRANSLATE_NOOP("RecordApi", "stakeholder"),
        QT_TRANSLATE_NOOP("RecordApi", "stakeholders"),
    ),
    Change.TOUCHPOINT,
    Change.COMMITMENT,
    Change.TRUST_CHECK,
    Change.FEEDBACK,
)
TOUCHPOINT = _api(
    touchpoints.KIND,
    (
        QT_TRANSLATE_NOOP("RecordApi", "touchpoint"),
        QT_TRANSLATE_NOOP("RecordApi", "touchpoints"),
    ),
    Change.STAKEHOLDER,
    Change.COMMITMENT,
    update=lambda record_id, **changes: touchpoints.update(touchpoint_id=record_id, **changes),
)
COMMITMENT = _api(
    commitments.KIND,
    (
        QT_TRANSLATE_NOOP("RecordApi", "commitment"),
        QT_TRANSLATE_NOOP("RecordApi", "commitments"),
    ),
    Change.STAKEHOLDER,
)
TRUST_CHECK = _api(
    trust_checks.KIND,
    (
        QT_TRANSLATE_NOOP("RecordApi", "trust check"),
        QT_TRANSLATE_NOOP("RecordApi", "trust checks"),
    ),
    Change.STAKEHOLDER,
)
FEEDBACK = _api(
    feedback.KIND,
    (
        QT_TRANSLATE_NOOP("RecordApi", "feedback"),
        QT_TRANSLATE_NOOP("RecordApi", "feedbacks"),
    ),
    Change.STAKEHOLDER,
)
GOAL = _api(
    goals.KIND,
    (
        QT_TRANSLATE_NOOP("RecordApi", "goal"),
        QT_TRANSLATE_NOOP("RecordApi", "goals"),
    ),
)
CHECKPOINT = _api(
    goals.CHECKPOINT,
    (
        QT_TRANSLATE_NOOP("RecordApi", "checkpoint"),
        QT_TRANSLATE_NOOP("RecordApi", "checkpoints"),
    ),
    Change.GOAL,
)
MILESTONE = _api(
    goals.MILESTONE,
    (
        QT_TRANSLATE_NOOP("RecordApi", "milestone"),
        QT_TRANSLATE_NOOP("RecordApi", "milestones"),
    ),
    Change.GOAL,
)
REFLECTION = _api(
    reflections.KIND,
    (
        QT_TRANSLATE_NOOP("RecordApi", "reflection"),
        QT_TRANSLATE_NOOP("RecordApi", "reflections"),
    ),
)
INITIATIVE = _api(
    initiatives.KIND,
    (
        QT_TRANSLATE_NOOP("RecordApi", "initiative"),
        QT_TRANSLATE_NOOP("RecordApi", "initiatives"),
    ),
)
