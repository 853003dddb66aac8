"""Touchpoint activity: touchpoints per day and channel in a range (the weekly bars and the
calendar heat map), and the span of days the data covers ("all time")."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from peewee import fn

from advisor_planner.services import clock
from advisor_planner.services.insights.query import as_date, query_rows
from advisor_planner.store import models as m


def data_span() -> tuple[date, date] | None:
    """The first and last day with a touchpoint or trust check (None on an empty database):
    what "all time" means for the dashboard."""
    t, c = m.Touchpoint, m.TrustCheck
    # One aggregate a query: SQLite answers a lone MIN or MAX of an indexed column from the
    # index's end, but MIN and MAX together by reading the whole index (10-35 ms for 100,000
    # touchpoints, on the GUI thread as "all time" is chosen).
    queries = [
        model.select(aggregate(column))
        for model, column in ((t, t.occurred_on), (c, c.checked_on))
        for aggregate in (fn.MIN, fn.MAX)
    ]
    days = [
        as_date(value)
        for query in queries
        for row in query_rows(query)
        for value in row
        if value is not None
    ]
    return (min(days), max(days)) if days else None


@dataclass(frozen=True, slots=True)
class Activity:
    """Touchpoints per day and channel in a range; the weekly bars and heat map derive from it."""

    start: date
    end: date
    by_day_channel: dict[tuple[date, str], int]
    #: ``per_day`` and ``per_week`` once worked out (``prepared``): ten years hold some 20,000
    #: days and channels, 15 ms to sum, better spent on the worker than when a chart draws.
    _sums: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def prepared(self) -> Activity:
        """This activity with its sums by day and by week worked out (and kept)."""
        self.per_day()
        self.per_week()
        return self

    def per_day(self) -> dict[date, int]:
        """The touchpoints of each day (kept once worked out: not to be changed)."""
        if "day" not in self._sums:
            days: dict[date, int] = defaultdict(int)
            for (day, _channel), count in self.by_day_channel.items():
                days[day] += count
            self._sums["day"] = dict(days)
        result: dict[date, int] = self._sums["day"]
        return result

    def per_week(self) -> tuple[list[date], dict[str, list[int]]]:
        """Week starts (Mondays) and, for each channel seen, its count per week (kept once
        worked out: not to be changed)."""
        if "week" not in self._sums:
            self._sums["week"] = self._per_week()
        result: tuple[list[date], dict[str, list[int]]] = self._sums["week"]
        return result

    def _per_week(self) -> tuple[list[date], dict[str, list[int]]]:
        first = clock.week_start(self.start)
        weeks = [first + timedelta(days=7 * k) for k in range((self.end - first).days // 7 + 1)]
        counts: dict[str, list[int]] = {}
        for (day, channel), count in self.by_day_channel.items():
            row = counts.setdefault(channel, [0] * len(weeks))
            row[(day - first).days // 7] += count
        return weeks, counts

    @property
    def total(self) -> int:
        return sum(self.by_day_channel.values())


def activity(*, start: date, end: date) -> Activity:
    """The touchpoints per day and channel in [start, end].

    Read from the counts that triggers keep as touchpoints are written
    (``models.TouchpointDayCount``): one row per day and channel, so a year or all ten cost
    the same on three times the touchpoints, where a GROUP BY reads every touchpoint's entry.
    """
    c = m.TouchpointDayCount
    query = c.select(c.occurred_on, c.channel, c.n).where(c.occurred_on.between(start, end))
    counts = {(as_date(day), channel): n for day, channel, n in query_rows(query)}
    return Activity(start, end, counts)
