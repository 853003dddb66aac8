"""Trust checks: dated readings of the trust equation for one stakeholder."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from advisor_planner.domain import trust
from advisor_planner.domain.enums import TrustSource
from advisor_planner.services import clock
from advisor_planner.services import validation as v
from advisor_planner.services.errors import ValidationError
from advisor_planner.services.records import RecordKind, TrashItem, require_existing
from advisor_planner.store import models as m
from advisor_planner.translation import translate


@dataclass(frozen=True, slots=True, kw_only=True)
class TrustCheck:
    id: int = 0
    stakeholder_id: int = 0
    checked_on: date | None = None
    credibility: int = 5
    reliability: int = 5
    intimacy: int = 5
    self_orientation: int = 5
    warmth: int | None = None
    competence: int | None = None
    source: str = TrustSource.MY_ESTIMATE.value
    note: str = ""
    created_at: datetime | None = None
    updated_at: datetime | None = None

    @property
    def quotient(self) -> float:
        """(C + R + I) / S."""
        return trust.trust_quotient(
            self.credibility, self.reliability, self.intimacy, self.self_orientation
        )


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    stakeholder_id = v.integer("stakeholder_id", values["stakeholder_id"], 1, 2**62)
    require_existing("stakeholder_id", m.Stakeholder, [stakeholder_id])
    checked_on = v.a_date("checked_on", values["checked_on"] or clock.today())
    if checked_on > clock.today():
        problem = translate("Validation", "a trust check cannot be in the future")
        raise ValidationError("checked_on", problem)
    factor = trust.FACTOR_MIN, trust.FACTOR_MAX
    return {
        "stakeholder_id": stakeholder_id,
        "checked_on": checked_on,
        "credibility": v.integer("credibility", values["credibility"], *factor),
        "reliability": v.integer("reliability", values["reliability"], *factor),
        "intimacy": v.integer("intimacy", values["intimacy"], *factor),
        "self_orientation": v.integer("self_orientation", values["self_orientation"], *factor),
        "warmth": v.integer("warmth", values["warmth"], *factor, optional=True),
        "competence": v.integer("competence", values["competence"], *factor, optional=True),
        "source": v.choice("source", values["source"], TrustSource),
        "note": v.long_text("note", values["note"]),
    }


KIND: RecordKind[TrustCheck] = RecordKind(
    name="trust check",
    model=m.TrustCheck,
    record_type=TrustCheck,
    clean=_clean,
    label=lambda c: translate("Record", "trust check on {0}").format(c.checked_on),
)


def create(**fields: Any) -> TrustCheck:
    return KIND.create(fields)


def update(*, trust_check_id: int, **changes: Any) -> TrustCheck:
    return KIND.update(trust_check_id, changes)


def get(*, trust_check_id: int) -> TrustCheck:
    return KIND.get(trust_check_id)


def delete(*, trust_check_id: int) -> TrashItem:
    return KIND.delete(trust_check_id)


def for_stakeholder(*, stakeholder_id: int) -> list[TrustCheck]:
    """A person's trust checks, oldest first."""
    query = (
        m.TrustCheck.select()
        .where(m.TrustCheck.stakeholder == stakeholder_id)
        .order_by(m.TrustCheck.checked_on, m.TrustCheck.id)
    )
    return KIND.to_records(list(query))


def between(*, start: date, end: date) -> list[TrustCheck]:
    query = (
        m.TrustCheck.select()
        .where(m.TrustCheck.checked_on.between(start, end))
        .order_by(m.TrustCheck.checked_on, m.TrustCheck.id)
    )
    return KIND.to_records(list(query))
