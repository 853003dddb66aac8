"""Initiatives with their outcome measures, so trust can be set beside results."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from advisor_planner.domain.enums import InitiativeStatus
from advisor_planner.services import validation as v
from advisor_planner.services.records import Link, RecordKind, TrashItem, require_existing
from advisor_planner.store import models as m
from advisor_planner.translation import QT_TRANSLATE_NOOP, translate

#: The outcomes an initiative records, by field, with their names: English, marked for
#: translation under "Outcome"; ``measure_label(key)`` is one in the user's language.
OUTCOME_MEASURES = {
    "user_satisfaction": QT_TRANSLATE_NOOP("Outcome", "User satisfaction (1–5)"),
    "on_time": QT_TRANSLATE_NOOP("Outcome", "On time"),
    "on_budget": QT_TRANSLATE_NOOP("Outcome", "On budget"),
    "defect_count": QT_TRANSLATE_NOOP("Outcome", "Defects"),
    "change_order_amount": QT_TRANSLATE_NOOP("Outcome", "Change orders"),
    "adoption": QT_TRANSLATE_NOOP("Outcome", "Adoption (%)"),
}


def measure_label(key: str) -> str:
    """The name of the outcome measure ``key`` (of ``OUTCOME_MEASURES``), translated."""
    return translate("Outcome", OUTCOME_MEASURES[key])


@dataclass(frozen=True, slots=True, kw_only=True)
class Initiative:
    id: int = 0
    name: str = ""
    business_unit: str = ""
    sponsor_id: int | None = None
    start_on: date | None = None
    end_on: date | None = None
    status: str = InitiativeStatus.ACTIVE.value
    user_satisfaction: float | None = None
    on_time: bool | None = None
    on_budget: bool | None = None
    defect_count: int | None = None
    change_order_amount: float | None = None
    adoption: float | None = None
    notes: str = ""
    stakeholder_ids: tuple[int, ...] = ()
    created_at: datetime | None = None
    updated_at: datetime | None = None


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    sponsor_id = v.integer("sponsor_id", values["sponsor_id"], 1, 2**62, optional=True)
    if sponsor_id is not None:
        require_existing("sponsor_id", m.Stakeholder, [sponsor_id])
    people = v.ids("stakeholder_ids", values["stakeholder_ids"])
    require_existing("stakeholder_ids", m.Stakeholder, people)
    start_on = v.a_date("start_on", values["start_on"], optional=True)
    end_on = v.a_date("end_on", values["end_on"], optional=True)
    v.not_before(
        "end_on", end_on, start_on, QT_TRANSLATE_NOOP("Validation", "{0} is before the start ({1})")
    )
    return {
        "name": v.text("name", values["name"], required=True),
        "business_unit": v.text("business_unit", values["business_unit"]),
        "sponsor_id": sponsor_id,
        "start_on": start_on,
        "end_on": end_on,
        "status": v.choice("status", values["status"], InitiativeStatus),
        "user_satisfaction": v.number("user_satisfaction", values["user_satisfaction"], 1, 5),
        "on_time": v.boolean("on_time", values["on_time"], optional=True),
        "on_budget": v.boolean("on_budget", values["on_budget"], optional=True),
        "defect_count": v.integer("defect_count", values["defect_count"], 0, 10**9, optional=True),
        "change_order_amount": v.number("change_order_amount", values["change_order_amount"], 0),
        "adoption": v.number("adoption", values["adoption"], 0, 100),
        "notes": v.long_text("notes", values["notes"]),
        "stakeholder_ids": people,
    }


KIND: RecordKind[Initiative] = RecordKind(
    name="initiative",
    model=m.Initiative,
    record_type=Initiative,
    clean=_clean,
    label=lambda i: i.name,
    links={"stakeholder_ids": Link(m.InitiativeStakeholder, "initiative", "stakeholder")},
)


def create(**fields: Any) -> Initiative:
    return KIND.create(fields)


def update(*, initiative_id: int, **changes: Any) -> Initiative:
    return KIND.update(initiative_id, changes)


def get(*, initiative_id: int) -> Initiative:
    return KIND.get(initiative_id)


def delete(*, initiative_id: int) -> TrashItem:
    return KIND.delete(initiative_id)


def list_all(*, status: str | None = None, search: str = "") -> list[Initiative]:
    query = m.Initiative.select()
    if status:
        query = query.where(m.Initiative.status == status)
    if search.strip():
        needle = search.strip()
        query = query.where(
            m.Initiative.name.contains(needle)
            | m.Initiative.business_unit.contains(needle)
            | m.Initiative.notes.contains(needle)
        )
    order = (m.Initiative.start_on.is_null(), m.Initiative.start_on.desc(), m.Initiative.id)
    return KIND.to_records(list(query.order_by(*order)))


def finished_between(*, start: date, end: date, limit: int | None = None) -> list[Initiative]:
    """Initiatives finished with an end day in [start, end], the latest first."""
    i = m.Initiative
    query = (
        i.select()
        .where((i.status == InitiativeStatus.FINISHED.value) & i.end_on.between(start, end))
        .order_by(i.end_on.desc(), i.id.desc())
    )
    if limit is not None:
        query = query.limit(limit)
    return KIND.to_records(list(query))
