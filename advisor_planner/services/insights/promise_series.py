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
    from_rows: bool = False,
) -> FollowThrough:
    """Rolling follow-through rate at each week end, and the number of promises overdue now.

    Everyone's, over the counted window, is summed from the changes triggers keep day by day
    (``models.CommitmentDayDelta``): a row per day, however many promises. One person's,
    another window, or ``from_rows``, reads the promises themselves; so does a database
    holding a promise due or closed before it was made (which the services refuse), since
    the promises' "made by the last week" rule cannot be read from the days' changes. Both
    ways give the same series (a test holds them equal through every kind of write).
    """
    today = today or clock.today()
    # Every week of the range that has begun, the current one judged as of today.
    weeks = [min(day, today) for day in week_ends(start, end) if day - timedelta(days=6) <= today]
    if not weeks:
        return FollowThrough([], [], [], 0, window_days)
    counted = window_days == m.COUNTED_WINDOW_DAYS and stakeholder_id is None and not from_rows
    if counted and not _days_out_of_order():
        results = _rolling_from_changes(weeks)
        return FollowThrough(
            weeks,
            [r.ratio for r in results],
            [r.considered for r in results],
            _overdue_now(today, made_by=weeks[-1]),
            window_days,
        )
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


def _days_out_of_order() -> bool:
    """Whether a promise is due or closed before the day it was made (a partial index holds
    them, so this is one look at an index that is empty)."""
    c = m.Commitment
    query = c.select(c.id).where((c.due_on < c.made_on) | (c.closed_on < c.made_on)).limit(1)
    return bool(query_rows(query))


def _rolling_from_changes(weeks: list[date]) -> list[reliability.ReliabilityResult]:
    """``rolling_reliability`` at each of ``weeks`` (ascending), from the day-by-day changes:
    at each week, the sum of every change up to it (those before the first week summed by
    SQLite, so only the period's days come to Python)."""
    d = m.CommitmentDayDelta
    first = weeks[0]
    before = query_rows(d.select(fn.SUM(d.kept), fn.SUM(d.missed)).where(d.day < first))
    kept, missed = (value or 0 for value in before[0])
    rows = query_rows(
        d.select(d.day, d.kept, d.missed).where(d.day.between(first, weeks[-1])).order_by(d.day)
    )
    results = []
    index = 0
    for week in weeks:
        until = week.isoformat()
        while index < len(rows) and str(rows[index][0]) <= until:
            kept += rows[index][1]
            missed += rows[index][2]
            index += 1
        considered = kept + missed
        results.append(
            reliability.ReliabilityResult(
                ratio=kept / considered if considered else None,
                kept_on_time=kept,
                missed=missed,
                considered=considered,
            )
        )
    return results


def _overdue_now(today: date, *, made_by: date) -> int:
    """The open promises past their due day (made by ``made_by``, as the rows are read)."""
    c = m.Commitment
    query = c.select(fn.COUNT(c.id)).where(
        (c.status == CommitmentStatus.OPEN.value)
        & c.due_on.is_null(False)
        & (c.due_on < today)
        & (c.made_on <= made_by)
    )
    count: int = query_rows(query)[0][0]
    return count


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
