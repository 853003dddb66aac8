"""Feedback received: what a stakeholder said about me, and whether it speaks to warmth or
competence."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from advisor_planner.domain.enums import FeedbackAspect
from advisor_planner.services import clock
from advisor_planner.services import validation as v
from advisor_planner.services.errors import ValidationError
from advisor_planner.services.records import RecordKind, TrashItem, require_existing
from advisor_planner.store import models as m
from advisor_planner.translation import translate


@dataclass(frozen=True, slots=True, kw_only=True)
class Feedback:
    id: int = 0
    stakeholder_id: int = 0
    received_on: date | None = None
    text: str = ""
    aspect: str = FeedbackAspect.BOTH.value
    created_at: datetime | None = None
    updated_at: datetime | None = None


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    stakeholder_id = v.integer("stakeholder_id", values["stakeholder_id"], 1, 2**62)
    require_existing("stakeholder_id", m.Stakeholder, [stakeholder_id])
    received_on = v.a_date("received_on", values["received_on"] or clock.today())
    if received_on > clock.today():
        problem = translate("Validation", "feedback cannot be received in the future")
        raise ValidationError("received_on", problem)
    return {
        "stakeholder_id": stakeholder_id,
        "received_on": received_on,
        "text": v.text("text", values["text"], required=True, max_len=v.MAX_LONG_TEXT),
        "aspect": v.choice("aspect", values["aspect"], FeedbackAspect),
    }


KIND: RecordKind[Feedback] = RecordKind(
    name="feedback",
    model=m.Feedback,
    record_type=Feedback,
    clean=_clean,
    label=lambda f: translate("Record", "feedback on {0}").format(f.received_on),
)


def create(**fields: Any) -> Feedback:
    return KIND.create(fields)


def update(*, feedback_id: int, **changes: Any) -> Feedback:
    return KIND.update(feedback_id, changes)


def get(*, feedback_id: int) -> Feedback:
    return KIND.get(feedback_id)


def delete(*, feedback_id: int) -> TrashItem:
    return KIND.delete(feedback_id)


def for_stakeholder(*, stakeholder_id: int) -> list[Feedback]:
    query = (
        m.Feedback.select()
        .where(m.Feedback.stakeholder == stakeholder_id)
        .order_by(m.Feedback.received_on.desc(), m.Feedback.id.desc())
    )
    return KIND.to_records(list(query))


def between(*, start: date, end: date) -> list[Feedback]:
    query = (
        m.Feedback.select()
        .where(m.Feedback.received_on.between(start, end))
        .order_by(m.Feedback.received_on, m.Feedback.id)
    )
    return KIND.to_records(list(query))
