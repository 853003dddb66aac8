"""What the dashboard shows, as one call that can run off the GUI thread.

``load(parts=..., period=..., today=...)`` returns the series of each part asked for (see
``PARTS``), each from ``services.insights``; the dashboard asks again only for the parts a
change touched (``parts_touched``). ``period_for`` turns the date-range control's choice into
dates.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from advisor_planner.services import clock, evidence
from advisor_planner.services.changes import Change, Changes
from advisor_planner.services.insights import (
    activity_series,
    goal_series,
    outcome_series,
    promise_series,
    relationships,
    trust_series,
)

#: The dashboard's parts, each one series (``people`` feeds the map and the attention list;
#: ``focus`` is this week's focus, chosen in last week's reflection).
PARTS = (
    "trust_index",
    "activity",
    "calendar",
    "follow_through",
    "people",
    "perception",
    "goals",
    "outcomes",
    "focus",
)

#: Which changes each part must reload for (and only those).
#:
#: A change to a stakeholder announces every kind recorded about them too (trust checks,
#: touchpoints...; see ``ui.record_apis``), and a change to a touchpoint, commitment or trust
#: check announces the stakeholder as well, because the people lists show their last contact.
#: So the parts drawn from trust checks listen for trust checks alone: that catches checks and
#: real stakeholder edits, while logging a touchpoint leaves them be.
PART_CHANGES: dict[str, frozenset[Change]] = {
    "trust_index": frozenset({Change.TRUST_CHECK}),
    "activity": frozenset({Change.TOUCHPOINT}),
    "calendar": frozenset({Change.TOUCHPOINT}),
    "follow_through": frozenset({Change.COMMITMENT}),
    "people": frozenset({Change.STAKEHOLDER, Change.TOUCHPOINT, Change.COMMITMENT}),
    "perception": frozenset({Change.TRUST_CHECK}),
    "goals": frozenset({Change.GOAL, Change.CHECKPOINT, Change.MILESTONE}),
    "outcomes": frozenset({Change.INITIATIVE, Change.TRUST_CHECK}),
    "focus": frozenset({Change.REFLECTION, Change.TOUCHPOINT, Change.STAKEHOLDER, Change.GOAL}),
}


#: The parts whose series depend on the period: all that a new date range loads again (the
#: people, perception, goals, outcomes and focus are drawn over no period).
PERIOD_PARTS = frozenset({"trust_index", "activity", "calendar", "follow_through"})


def parts_touched(changes: Changes) -> set[str]:
    """The parts ``changes`` touches: those that must be loaded again."""
    return {part for part, kinds in PART_CHANGES.items() if changes.touches(*kinds)}


#: The date-range choices: the last 3 or 12 months, everything, or days the user picks.
RANGES = ("3m", "12m", "all", "custom")
CALENDAR_DAYS = 371  # the heat map shows a year (53 weeks) ending with the period


@dataclass(frozen=True, slots=True)
class Period:
    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def period_for(
    choice: str,
    *,
    today: date | None = None,
    custom: tuple[date, date] | None = None,
    span: tuple[date, date] | None = None,
) -> Period:
    """The days a range choice covers, ending today (or as picked for "custom").

    "all" runs from the first day with a touchpoint or trust check (``span``, read from the
    database when not given) to today; on an empty database it is the last 12 months, as is
    "custom" without its days. Raises ValueError for any other choice.
    """
    if choice not in RANGES:
        raise ValueError(f"choice must be one of {', '.join(RANGES)}, got {choice!r}")
    today = today or clock.today()
    if choice == "3m":
        return Period(today - timedelta(days=13 * 7 - 1), today)
    if choice == "custom" and custom is not None:
        start, end = sorted(custom)
        return Period(start, end)
    if choice == "all":
        span = span if span is not None else activity_series.data_span()
        if span is not None:
            return Period(min(span[0], today), today)
    return Period(today - timedelta(days=52 * 7 - 1), today)


#: The order parts are loaded in: the slowest query first, then the parts a logged
#: touchpoint redraws (so the window draws them while the rest load).
LOAD_ORDER = (
    "people",
    "activity",
    "calendar",
    "focus",
    "follow_through",
    "trust_index",
    "perception",
    "goals",
    "outcomes",
)


def load(
    *,
    parts: Iterable[str],
    period: Period,
    today: date | None = None,
    measure: str = "user_satisfaction",
    deliver: Callable[[str, Any], None] | None = None,
    people_before: Sequence[relationships.PersonStatus] | None = None,
    people_changed: Collection[int] | None = None,
) -> dict[str, Any]:
    """The series of each part in ``parts`` for ``period``, keyed by part name.

    ``deliver(part, series)`` is called as each part is ready (in ``LOAD_ORDER``), so a caller
    on another thread can draw one while the next loads. ``people_before`` (the "people" part
    loaded earlier with the same ``today``) and ``people_changed`` (whose records have changed
    since) read again only those people's summaries (``relationships.refresh_people``).
    """
    today = today or clock.today()
    start, end = period.start, period.end
    wanted = set(parts)
    unknown = wanted - set(PARTS)
    if unknown:
        raise ValueError(f"unknown dashboard parts: {', '.join(sorted(unknown))}")
    result: dict[str, Any] = {}
    calendar: activity_series.Activity | None = None

    def activity_over_calendar() -> activity_series.Activity:
        # One query serves the weekly bars and the year-long calendar.
        nonlocal calendar
        if calendar is None:
            calendar_start = min(start, end - timedelta(days=CALENDAR_DAYS + 6))
            calendar = activity_series.activity(start=calendar_start, end=end).prepared()
        return calendar

    loaders: dict[str, Callable[[], Any]] = {
        "people": lambda: (
            relationships.people_status(today=today)
            if people_before is None or people_changed is None
            else relationships.refresh_people(people_before, people_changed, today=today)
        ),
        # (Summed by day and week here, so the charts only draw: ``Activity.prepared``.)
        "activity": lambda: activity_series.Activity(
            start,
            end,
            {k: n for k, n in activity_over_calendar().by_day_channel.items() if k[0] >= start},
        ).prepared(),
        "calendar": activity_over_calendar,
        "follow_through": lambda: promise_series.follow_through(start=start, end=end, today=today),
        "trust_index": lambda: trust_series.trust_index(start=start, end=end),
        "perception": trust_series.warmth_competence,
        "goals": lambda: goal_series.goal_progress(today=today),
        "outcomes": lambda: outcome_series.trust_vs_outcomes(measure=measure),
        "focus": lambda: evidence.focus_now(today=today),
    }
    for part in LOAD_ORDER:
        if part in wanted:
            result[part] = loaders[part]()
            if deliver is not None:
                deliver(part, result[part])
    return result


def load_in_worker(**kwargs: Any) -> dict[str, Any]:
    """``load`` for a worker thread: the thread's own database connection is closed after, so
    none outlives the database it was opened on (a restored backup, a test's file)."""
    from advisor_planner.services.workers import on_worker

    return on_worker(load, **kwargs)
