"""Promises: the rolling follow-through rate week by week, and the promises overdue on a day
(in all, and by business unit) for the progress report."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from peewee import ModelSelect, fn

from advisor_planner.domain import reliability
from advisor_planner.domain.enums import CommitmentStatus
from advisor_planner.domain.reliability import CommitmentFact
from advisor_planner.services import clock
from advisor_planner.services.insights.query import (
    as_date,
    as_optional_date,
    query_rows,
    week_ends,
)
from advisor_planner.store import models as m


@dataclass(frozen=True, slots=True)
class FollowThrough:
    week_ends: list[date]
    rates: list[float | None]  # 0..1, rolling over window_days
    considered: list[int]
    overdue_now: int
    window_days: int


def commitment_facts(
    *, since: date, until: date, stakeholder_id: int | None = None
) -> list[CommitmentFact]:
    """Commitments that can count in a reliability window ending in [since, until]."""
    c = m.Commitment
    # Closed ones count from the day they closed; open ones with a due day may be overdue.
    # Both arms match an index on (status, closed_on) or (status, due_on).
    closed = [status.value for status in CommitmentStatus if status.is_closed]
    query = c.select(c.made_on, c.due_on, c.status, c.closed_on).where(
        (c.made_on <= until)
        & (
            (c.status.in_(closed) & (c.closed_on >= since))
            | ((c.status == CommitmentStatus.OPEN.value) & c.due_on.is_null(False))
        )
    )
    if stakeholder_id is not None:
        query = query.where(c.stakeholder == stakeholder_id)
    return [
        CommitmentFact(as_date(made), as_optional_date(due), status, as_optional_date(closed))
        for made, due, status, closed in query_rows(query)
    ]


def follow_through(
    *,
    start: date,
    end: date,
    today: date | None = None,
    window_days: int = reliability.DEFAULT_WINDOW_DAYS,
    stakeholder_id: int | None = None,
) -> FollowThrough:
    """Rolling follow-through rate at each week end, and the number of promises overdue now."""
    today = today or clock.today()
    # Every week of the range that has begun, the current one judged as of today.
    weeks = [min(day, today) for day in week_ends(start, end) if day - timedelta(days=6) <= today]
    if not weeks:
        return FollowThrough([], [], [], 0, window_days)
    facts = commitment_facts(
        since=weeks[0] - timedelta(days=window_days), until=weeks[-1], stakeholder_id=stakeholder_id
    )
    results = reliability.rolling_reliability(facts, weeks, window_days=window_days)
    overdue = sum(
        1
        for fact in facts
        if fact.status == CommitmentStatus.OPEN.value and fact.due_on and fact.due_on < today
    )
    return FollowThrough(
        weeks, [r.ratio for r in results], [r.considered for r in results], overdue, window_days
    )


# -- for the progress report ------------------------------------------------------------------
def _overdue_at(day: date) -> ModelSelect[m.Commitment]:
    """Commitments that were open and past their due day on ``day``, as a query."""
    c = m.Commitment
    open_then = (c.status == CommitmentStatus.OPEN.value) | (
        c.closed_on.is_null(False) & (c.closed_on >= day)
    )
    return c.select().where(
        c.due_on.is_null(False) & (c.due_on < day) & (c.made_on <= day) & open_then
    )


def overdue_as_of(day: date) -> int:
    """How many promises were overdue on ``day``: open then, with their due day passed (one
    closed later still counts, as it was open that day)."""
    count: int = _overdue_at(day).count()
    return count


def overdue_by_unit(day: date) -> dict[str, int]:
    """The promises overdue on ``day``, counted by the business unit of whom they were made to
    ("" for none)."""
    c, s = m.Commitment, m.Stakeholder
    query = (
        _overdue_at(day)
        .select(s.business_unit, fn.COUNT(c.id))
        .join(s, on=(c.stakeholder == s.id))
        .group_by(s.business_unit)
    )
    return {unit or "": n for unit, n in query_rows(query)}
