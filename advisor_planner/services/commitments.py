"""Commitments: promises made to a stakeholder, tracked until kept, late or broken.

They are the evidence behind the Reliability factor: ``domain.reliability`` turns them into
a follow-through rate.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from advisor_planner.domain.enums import CommitmentStatus
from advisor_planner.services import clock
from advisor_planner.services import validation as v
from advisor_planner.services.errors import ValidationError
from advisor_planner.services.records import RecordKind, TrashItem, require_existing
from advisor_planner.store import models as m
from advisor_planner.translation import QT_TRANSLATE_NOOP


@dataclass(frozen=True, slots=True, kw_only=True)
class Commitment:
    id: int = 0
    text: str = ""
    stakeholder_id: int = 0
    touchpoint_id: int | None = None
    made_on: date | None = None
    due_on: date | None = None
    status: str = CommitmentStatus.OPEN.value
    closed_on: date | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None

    def is_overdue(self, today: date) -> bool:
        return (
            self.status == CommitmentStatus.OPEN.value
            and self.due_on is not None
            and (self.due_on < today)
        )


_BEFORE_MADE = QT_TRANSLATE_NOOP("Validation", "{0} is before the day it was made ({1})")


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    stakeholder_id = v.integer("stakeholder_id", values["stakeholder_id"], 1, 2**62)
    require_existing("stakeholder_id", m.Stakeholder, [stakeholder_id])
    touchpoint_id = v.integer("touchpoint_id", values["touchpoint_id"], 1, 2**62, optional=True)
    if touchpoint_id is not None:
        require_existing("touchpoint_id", m.Touchpoint, [touchpoint_id])
    made_on = v.a_date("made_on", values["made_on"] or clock.today())
    due_on = v.a_date("due_on", values["due_on"], optional=True)
    v.not_before("due_on", due_on, made_on, _BEFORE_MADE)
    status = v.choice("status", values["status"], CommitmentStatus)
    closed_on = v.a_date("closed_on", values["closed_on"], optional=True)
    if status == CommitmentStatus.OPEN.value:
        closed_on = None
    else:
        closed_on = closed_on or clock.today()
        v.not_before("closed_on", closed_on, made_on, _BEFORE_MADE)
    return {
        "text": v.text("text", values["text"], required=True, max_len=1000),
        "stakeholder_id": stakeholder_id,
        "touchpoint_id": touchpoint_id,
        "made_on": made_on,
        "due_on": due_on,
        "status": status,
        "closed_on": closed_on,
    }


KIND: RecordKind[Commitment] = RecordKind(
    name="commitment",
    model=m.Commitment,
    record_type=Commitment,
    clean=_clean,
    label=lambda c: c.text[:80],
)


def create(**fields: Any) -> Commitment:
    return KIND.create(fields)


def update(*, commitment_id: int, **changes: Any) -> Commitment:
    return KIND.update(commitment_id, changes)


def get(*, commitment_id: int) -> Commitment:
    return KIND.get(commitment_id)


def delete(*, commitment_id: int) -> TrashItem:
    return KIND.delete(commitment_id)


def set_status(*, commitment_id: int, status: str, on: date | None = None) -> Commitment:
    """Close (kept, late, broken, renegotiated, cancelled) or reopen; closing records the day."""
    status = v.choice("status", status, CommitmentStatus) or ""
    if status == CommitmentStatus.OPEN.value:
        return update(commitment_id=commitment_id, status=status, closed_on=None)
    return update(commitment_id=commitment_id, status=status, closed_on=on or clock.today())


FILTERS = ("all", "open", "due_this_week", "overdue", "kept", "late", "broken")


def list_filtered(
    *, which: str = "open", today: date | None = None, stakeholder_id: int | None = None
) -> list[Commitment]:
    """Commitments for the Commitments view: one of ``FILTERS``, soonest due first."""
    if which not in FILTERS:
        raise ValidationError("filter", v.not_one_of(which, ", ".join(FILTERS)))
    today = today or clock.today()
    c = m.Commitment
    query = c.select()
    open_ = c.status == CommitmentStatus.OPEN.value
    if which == "open":
        query = query.where(open_)
    elif which == "due_this_week":
        monday = clock.week_start(today)
        query = query.where(open_ & c.due_on.between(monday, monday + timedelta(days=6)))
    elif which == "overdue":
        query = query.where(open_ & (c.due_on < today))
    elif which != "all":
        query = query.where(c.status == which)
    if stakeholder_id is not None:
        query = query.where(c.stakeholder == stakeholder_id)
    query = query.order_by(c.due_on.is_null(), c.due_on, c.id)
    return KIND.to_records(list(query))


def for_stakeholder(*, stakeholder_id: int) -> list[Commitment]:
    return list_filtered(which="all", stakeholder_id=stakeholder_id)


def due_between(*, start: date, end: date) -> list[Commitment]:
    """Every commitment whose due day falls in [start, end], whatever its status."""
    query = (
        m.Commitment.select()
        .where(m.Commitment.due_on.between(start, end))
        .order_by(m.Commitment.due_on, m.Commitment.id)
    )
    return KIND.to_records(list(query))


def overdue_count(*, today: date | None = None) -> int:
    today = today or clock.today()
    return (
        m.Commitment.select()
        .where((m.Commitment.status == CommitmentStatus.OPEN.value) & (m.Commitment.due_on < today))
        .count()
    )


def any_exist() -> bool:
    """Whether any commitment is kept at all (a list filtered to none says "none match"
    rather than "none yet"), without reading them."""
    return m.Commitment.select(m.Commitment.id).limit(1).exists()


# -- bounded queries for the weekly reflection's focus step -----------------------------------
#: The promises the focus step offers: overdue, or due within this many days.
DUE_SOON_DAYS = 14


@dataclass(frozen=True, slots=True)
class PromiseLine:
    """A promise as a pick list shows it: what was promised, to whom, and when it is due."""

    id: int
    text: str
    stakeholder_id: int
    name: str  # the person's
    due_on: date | None
    status: str

    def is_overdue(self, today: date) -> bool:
        return (
            self.status == CommitmentStatus.OPEN.value
            and self.due_on is not None
            and self.due_on < today
        )


def _lines(query: Any) -> list[PromiseLine]:
    from advisor_planner.services.rows import tuples

    return [PromiseLine(*row) for row in tuples(query)]


def _line_query() -> Any:
    c, s = m.Commitment, m.Stakeholder
    return c.select(c.id, c.text, c.stakeholder, s.name, c.due_on, c.status).join(
        s, on=(c.stakeholder == s.id)
    )


def due_soon(
    *, today: date | None = None, within_days: int = DUE_SOON_DAYS, limit: int = 30
) -> tuple[list[PromiseLine], int]:
    """Open promises overdue or due within ``within_days`` days, those nearest today first
    (yesterday's overdue and tomorrow's due before a promise months overdue, which is most
    likely past saving; an overdue one before a due one the same number of days away): at
    most ``limit`` of them, and how many there are in all.

    Each side reads the (status, due_on, …) index from today outwards: the first ``limit``
    entries of each range and the count, never the rest of the table (3,000 open promises cost
    no more than 1,000).
    """
    today = today or clock.today()
    c = m.Commitment
    is_open = c.status == CommitmentStatus.OPEN.value
    overdue = is_open & (c.due_on < today)
    coming = is_open & (c.due_on >= today) & (c.due_on <= today + timedelta(days=within_days))
    total = c.select(c.id).where(overdue | coming).count()
    late = _lines(_line_query().where(overdue).order_by(c.due_on.desc(), c.id).limit(limit))
    soon = _lines(_line_query().where(coming).order_by(c.due_on, c.id).limit(limit))

    def distance(line: PromiseLine) -> tuple[int, int]:
        assert line.due_on is not None  # both ranges hold only promises with a due day
        days = (line.due_on - today).days
        return (abs(days), 0 if days < 0 else 1)

    return sorted([*late, *soon], key=distance)[:limit], total


def lines_of(ids: Any) -> list[PromiseLine]:
    """The promises of ``ids`` (whatever their status), in the order given; unknown ids are
    left out."""
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return []
    found = {line.id: line for line in _lines(_line_query().where(m.Commitment.id.in_(wanted)))}
    return [found[i] for i in wanted if i in found]


def find_open(text: str, *, limit: int = 20) -> list[PromiseLine]:
    """Open promises whose words or person's name hold ``text``, soonest due first (those with
    no due day last): at most ``limit``. It reads only the open promises (the status index),
    and the people's names through their index, never the closed years of promises."""
    needle = text.strip()
    if not needle:
        return []
    c, s = m.Commitment, m.Stakeholder
    people = s.select(s.id).where(s.name.contains(needle))
    query = (
        _line_query()
        .where(
            (c.status == CommitmentStatus.OPEN.value)
            & (c.text.contains(needle) | c.stakeholder.in_(people))
        )
        .order_by(c.due_on.is_null(), c.due_on, c.id)
        .limit(limit)
    )
    return _lines(query)
