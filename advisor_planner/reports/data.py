"""Everything a progress report says, gathered from ``services`` for one period.

``gather(options)`` returns a ``ReportData``: the headline figures with their change against
the previous period of the same length, three sentences generated from the data, the series
each chart draws, and the tables. Private text (touchpoint notes, reflection text, feedback
and stakeholder notes) is read only when ``options.include_private`` is set, so a report
made without it cannot leak any. No Qt here: the CLI and the export dialog's worker thread both
call it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from advisor_planner.domain.enums import Channel, Purpose
from advisor_planner.services import (
    clock,
    feedback,
    initiatives,
    reflections,
    settings,
    stakeholders,
    touchpoints,
)
from advisor_planner.services.errors import NotFoundError, ValidationError
from advisor_planner.services.insights import (
    activity_series,
    goal_series,
    outcome_series,
    promise_series,
    relationships,
    trust_series,
)
from advisor_planner.services.insights.query import week_ends

#: The sections a report can hold, in order, with their headings.
SECTIONS = {
    "summary": "Summary",
    "trust_index": "Trust index",
    "stakeholders": "Key stakeholders' trust",
    "activity": "Touchpoints and follow-through",
    "goals": "Brand goals",
    "reflections": "Reflection highlights",
    "initiatives": "Initiatives and outcomes",
}
AUDIENCES = {"me": "For me", "mentor": "For my mentor"}
PAPERS = ("a4", "letter")
LETTER_TERRITORIES = frozenset({"US", "CA", "MX", "PH", "CL", "CO", "VE", "GT", "PR"})
MAX_PRIVATE_ITEMS = 10
MAX_KEY_PEOPLE = 25
MAX_INITIATIVES = 25


@dataclass(frozen=True, slots=True)
class ReportOptions:
    start: date
    end: date
    sections: frozenset[str] = frozenset(SECTIONS)
    include_private: bool = False
    audience: str = "me"
    include_ratings: bool | None = None  # None: yes for me, no for a mentor
    paper: str = "a4"

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValidationError("to", "the period ends before it starts")
        if self.audience not in AUDIENCES:
            raise ValidationError("audience", f"must be one of {', '.join(AUDIENCES)}")
        if self.paper not in PAPERS:
            raise ValidationError("paper", f"must be one of {', '.join(PAPERS)}")
        unknown = set(self.sections) - set(SECTIONS)
        if unknown:
            raise ValidationError("sections", f"unknown: {', '.join(sorted(unknown))}")

    @property
    def show_ratings(self) -> bool:
        if self.include_ratings is not None:
            return self.include_ratings
        return self.audience == "me"

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass(frozen=True, slots=True)
class Headline:
    label: str
    value: str
    previous: str
    change: str  # "+4.2", "−3", "" when there is nothing to compare
    better: bool | None = None  # whether the change is for the better (None: neither)


@dataclass(frozen=True, slots=True)
class KeyPerson:
    name: str
    unit: str
    weight: int
    score: float | None  # latest trust score (0–100) by the end of the period
    change: float | None  # against its start (``trust_series.trust_scores_between``)
    last_contact: date | None
    cadence: str
    notes: str = ""  # only with private notes


@dataclass(frozen=True, slots=True)
class InitiativeLine:
    name: str
    sponsor: str
    mean_quotient: float | None
    outcomes: str


@dataclass(slots=True)
class ReportData:
    options: ReportOptions
    leader: str
    made_on: date
    previous_start: date
    previous_end: date
    headlines: list[Headline] = field(default_factory=list)
    sentences: list[str] = field(default_factory=list)
    series: dict[str, Any] = field(default_factory=dict)
    key_people: list[KeyPerson] = field(default_factory=list)
    goals: list[goal_series.GoalProgress] = field(default_factory=list)
    initiatives: list[InitiativeLine] = field(default_factory=list)
    reflections_done: int = 0
    weeks_in_period: int = 0
    private: dict[str, list[str]] = field(default_factory=dict)  # only with private notes


class Cancelled(Exception):
    """The user cancelled the export."""


def default_paper() -> str:
    """Letter where it is the usual paper (the Americas' letter countries), A4 elsewhere."""
    import locale

    try:
        code = (locale.getlocale(locale.LC_PAPER)[0] if hasattr(locale, "LC_PAPER") else None) or (
            locale.getlocale()[0] or ""
        )
    except (ValueError, TypeError):
        code = ""
    territory = code.split(".")[0].split("_")[-1].upper() if "_" in code else ""
    return "letter" if territory in LETTER_TERRITORIES else "a4"


#: The calendar periods a report can cover "so far" (``to_date``).
TO_DATE = ("week", "month", "quarter", "year")


def to_date(choice: str, *, today: date | None = None) -> tuple[date, date]:
    """This week, month, quarter or year so far: from its first day to today.

    (Not ``services.dashboard.period_for``, which gives the dashboard's rolling ranges ending
    today, "3m" and "12m". Both raise ValueError for a choice they do not know.)
    """
    today = today or clock.today()
    if choice == "week":
        return clock.week_start(today), today
    if choice == "month":
        return today.replace(day=1), today
    if choice == "quarter":
        return date(today.year, 3 * ((today.month - 1) // 3) + 1, 1), today
    if choice == "year":
        return date(today.year, 1, 1), today
    raise ValueError(f"choice must be one of {', '.join(TO_DATE)}, got {choice!r}")


def _signed(value: float, digits: int = 1) -> str:
    text = f"{abs(value):.{digits}f}"
    if round(value, digits) == 0:
        return "±0" if digits == 0 else f"±{0:.{digits}f}"
    return ("+" if value > 0 else "−") + text


def _last(values: list[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return known[-1] if known else None


def _done_between(done_weeks: set[str], start: date, end: date) -> int:
    first, last = clock.iso_week(start), clock.iso_week(end)
    return sum(1 for week in done_weeks if first <= week <= last)


def gather(
    options: ReportOptions,
    *,
    progress: Callable[[str, float], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ReportData:
    """Everything the report shows for ``options``; ``progress(stage, share)`` is told how far
    it has got, and ``cancelled()`` is asked between stages (raising ``Cancelled``)."""

    def step(stage: str, share: float) -> None:
        if cancelled is not None and cancelled():
            raise Cancelled
        if progress is not None:
            progress(stage, share)

    start, end = options.start, options.end
    previous_end = start - timedelta(days=1)
    previous_start = previous_end - timedelta(days=options.days - 1)
    data = ReportData(
        options,
        settings.get("leader_name"),
        clock.today(),
        previous_start,
        previous_end,
    )
    step("trust", 0.05)
    index = trust_series.trust_index(start=start, end=end)
    # The period before is compared at its end only: one week of each series is enough.
    index_before = trust_series.trust_index(start=previous_end, end=previous_end)
    step("touchpoints", 0.15)
    activity = activity_series.activity(start=min(start, end - timedelta(days=377)), end=end)
    in_period = activity_series.Activity(
        start, end, {k: n for k, n in activity.by_day_channel.items() if k[0] >= start}
    )
    touchpoints_before = touchpoints.count(start=previous_start, end=previous_end)
    step("follow-through", 0.25)
    follow = promise_series.follow_through(start=start, end=end, today=end)
    follow_before = promise_series.follow_through(
        start=previous_end, end=previous_end, today=previous_end
    )
    step("people", 0.35)
    people = relationships.people_status(today=end)
    goals_now = goal_series.goal_progress(today=end, until=end)
    data.series = {
        "trust_index": index,
        "activity": in_period,
        "calendar": activity,
        "follow_through": follow,
        "people": people,
        "perception": trust_series.warmth_competence(),
        "goals": goals_now,
        "outcomes": outcome_series.trust_vs_outcomes(),
        "habit": _habit_in(reflections.habit(today=end), start),
        "ratings": reflections.ratings_by_week(since=start),
    }
    step("headlines", 0.5)
    done_weeks = reflections.completed_weeks()
    data.reflections_done = _done_between(done_weeks, start, end)
    data.weeks_in_period = len(week_ends(start, end))
    data.headlines = _headlines(
        data,
        index,
        index_before,
        in_period.total,
        touchpoints_before,
        follow,
        follow_before,
        _done_between(done_weeks, previous_start, previous_end),
        goal_series.goal_progress(today=previous_end, until=previous_end),
    )
    key = [p for p in people if p.key]
    scores = (
        trust_series.trust_scores_between(start=start, end=end, people=[p.id for p in key])
        if key
        else {}
    )
    data.sentences = _sentences(data, in_period, touchpoints_before, key, scores)
    step("stakeholders", 0.6)
    data.key_people = _key_people(options, key, scores)
    data.goals = goals_now
    step("initiatives", 0.7)
    data.initiatives = _initiatives(start, end, data.series["outcomes"], people)
    if options.include_private:
        step("private notes", 0.8)
        data.private = _private(start, end)
    step("gathered", 0.85)
    return data


def _habit_in(habit: reflections.ReflectionHabit, start: date) -> reflections.ReflectionHabit:
    """The habit's weeks from the period's first week on (strength and streaks as computed
    over the whole history)."""
    first = clock.iso_week(start)
    keep = [index for index, week in enumerate(habit.weeks) if week >= first] or [
        len(habit.weeks) - 1
    ]
    begin = keep[0]
    return reflections.ReflectionHabit(
        habit.weeks[begin:],
        habit.done[begin:],
        habit.strength[begin:],
        habit.streak,
        habit.longest,
        habit.this_week_done,
    )


def _headlines(
    data: ReportData,
    index: trust_series.TrustIndexSeries,
    index_before: trust_series.TrustIndexSeries,
    touchpoints_now: int,
    touchpoints_before: int,
    follow: promise_series.FollowThrough,
    follow_before: promise_series.FollowThrough,
    done_before: int,
    goals_before: list[goal_series.GoalProgress],
) -> list[Headline]:
    options = data.options
    rows = []
    now, before = _last(index.values), _last(index_before.values)
    rows.append(
        Headline(
            "Trust index",
            f"{now:.0f}" if now is not None else "—",
            f"{before:.0f}" if before is not None else "—",
            _signed(now - before) if now is not None and before is not None else "",
            # No better or worse for a change too small to show ("±0.0").
            None if now is None or before is None or round(now - before, 1) == 0 else now > before,
        )
    )
    rows.append(
        Headline(
            "Touchpoints",
            f"{touchpoints_now:,}",
            f"{touchpoints_before:,}",
            _signed(touchpoints_now - touchpoints_before, 0),
            None if touchpoints_now == touchpoints_before else touchpoints_now > touchpoints_before,
        )
    )
    rate, rate_before = _last(follow.rates), _last(follow_before.rates)
    rows.append(
        Headline(
            "Follow-through",
            f"{rate * 100:.0f} %" if rate is not None else "—",
            f"{rate_before * 100:.0f} %" if rate_before is not None else "—",
            _signed((rate - rate_before) * 100, 0) + " pts"
            if rate is not None and rate_before is not None
            else "",
            None
            if rate is None or rate_before is None or round((rate - rate_before) * 100) == 0
            else rate > rate_before,
        )
    )
    overdue = promise_series.overdue_as_of(options.end)
    overdue_before = promise_series.overdue_as_of(data.previous_end)
    rows.append(
        Headline(
            "Commitments overdue",
            str(overdue),
            str(overdue_before),
            _signed(overdue - overdue_before, 0),
            None if overdue == overdue_before else overdue < overdue_before,
        )
    )
    rows.append(
        Headline(
            "Reflections done",
            f"{data.reflections_done} of {data.weeks_in_period} weeks",
            str(done_before),
            _signed(data.reflections_done - done_before, 0),
            None if data.reflections_done == done_before else data.reflections_done > done_before,
        )
    )
    # The same goals (active now) as they stood at the end of each period.
    ahead, judged = goal_series.on_track_tally(data.series["goals"])
    ahead_before, judged_before = goal_series.on_track_tally(goals_before)
    both = bool(judged and judged_before)
    rows.append(
        Headline(
            "Goals on track",
            f"{ahead} of {judged}" if judged else "—",
            f"{ahead_before} of {judged_before}" if judged_before else "—",
            _signed(ahead - ahead_before, 0) if both else "",
            None if not both or ahead == ahead_before else ahead > ahead_before,
        )
    )
    return rows


def _sentences(
    data: ReportData,
    activity: activity_series.Activity,
    before: int,
    key: list[relationships.PersonStatus],
    scores: dict[int, tuple[float, float]],
) -> list[str]:
    options = data.options
    sentences = []
    by_unit: dict[str, list[float]] = {}
    for person in key:
        if person.business_unit and person.id in scores:
            first, last = scores[person.id]
            by_unit.setdefault(person.business_unit, []).append(last - first)
    named = {unit: sum(values) / len(values) for unit, values in by_unit.items()}
    if named:
        unit, value = max(named.items(), key=lambda kv: kv[1])
        if value > 0:
            sentences.append(f"Trust with {unit} rose most ({_signed(value)} points).")
        else:
            unit, value = min(named.items(), key=lambda kv: kv[1])
            sentences.append(f"Trust fell everywhere; most with {unit} ({_signed(value)} points).")
    else:
        sentences.append("No key stakeholder has a trust check yet: add some to see trust move.")
    overdue = {u: n for u, n in promise_series.overdue_by_unit(options.end).items() if n}
    if overdue:
        unit, count = max(overdue.items(), key=lambda kv: (kv[1], kv[0]))
        promises = "promise" if count == 1 else "promises"
        verb = "is" if count == 1 else "are"
        to = f"to {unit}" if unit else "to people without a business unit"
        sentences.append(f"{count} {promises} {to} {verb} overdue.")
    else:
        sentences.append("No promise is overdue.")
    now = activity.total
    by_channel = Counter({c: sum(v) for c, v in activity.per_week()[1].items()})
    if now and before:
        share = (now - before) / before * 100
        more = "more" if share >= 0 else "fewer"
        top = Channel(by_channel.most_common(1)[0][0]).label if by_channel else ""
        sentences.append(
            f"You logged {abs(share):.0f} % {more} touchpoints than in the previous "
            f"{options.days} days, most of them by {top}."
            if top
            else f"You logged {abs(share):.0f} % {more} touchpoints than before."
        )
    elif now:
        sentences.append(f"You logged {now:,} touchpoints, and none in the period before.")
    else:
        sentences.append("No touchpoint was logged in the period.")
    return sentences


def _key_people(
    options: ReportOptions,
    key: list[relationships.PersonStatus],
    scores: dict[int, tuple[float, float]],
) -> list[KeyPerson]:
    """The key stakeholders with the most weight (power × interest), ``MAX_KEY_PEOPLE`` at
    most: a table of hundreds would bury the ones that matter."""
    notes: dict[int, str] = {}
    if options.include_private:
        notes = {s.id: s.notes for s in stakeholders.list_all() if s.notes.strip()}
    rows = [
        KeyPerson(
            p.name,
            p.business_unit,
            p.power * p.interest,
            scores[p.id][1] if p.id in scores else None,
            scores[p.id][1] - scores[p.id][0] if p.id in scores else None,
            p.last_contact,
            p.cadence.label,
            " ".join(notes.get(p.id, "").split()),
        )
        for p in key
    ]
    rows.sort(key=lambda r: (-r.weight, r.name))
    return rows[:MAX_KEY_PEOPLE]


def _initiatives(
    start: date,
    end: date,
    outcomes: outcome_series.TrustOutcomes,
    people: list[relationships.PersonStatus],
) -> list[InitiativeLine]:
    """The initiatives that finished in the period (the chart above the table has them all),
    ``MAX_INITIATIVES`` at most, latest first."""
    names = {p.id: p.name for p in people}
    quotients = {p.initiative_id: p.mean_quotient for p in outcomes.points}
    rows = []
    for item in initiatives.finished_between(start=start, end=end, limit=MAX_INITIATIVES):
        parts = []
        if item.user_satisfaction is not None:
            parts.append(f"satisfaction {item.user_satisfaction:g}")
        for label, value in (("on time", item.on_time), ("on budget", item.on_budget)):
            if value is not None:
                parts.append(f"{label} {'yes' if value else 'no'}")
        if item.defect_count is not None:
            parts.append(f"{item.defect_count} defects")
        if item.adoption is not None:
            parts.append(f"adoption {item.adoption:g} %")
        rows.append(
            InitiativeLine(
                item.name,
                _sponsor(item.sponsor_id, names),
                quotients.get(item.id),
                ", ".join(parts),
            )
        )
    return rows


def _sponsor(sponsor_id: int | None, names: dict[int, str]) -> str:
    if sponsor_id is None:
        return ""
    if sponsor_id in names:
        return names[sponsor_id]
    try:  # an archived sponsor: not among the active people
        return stakeholders.get(stakeholder_id=sponsor_id).name
    except NotFoundError:
        return ""


def _private(start: date, end: date) -> dict[str, list[str]]:
    """The private text of the period, newest first, a few items of each kind."""
    names = stakeholders.names(include_archived=True)
    said = [
        f"{names.get(f.stakeholder_id, '?')}, {f.received_on}: {' '.join(f.text.split())}"
        for f in sorted(feedback.between(start=start, end=end), key=lambda f: f.received_on)
    ][::-1][:MAX_PRIVATE_ITEMS]
    written = []
    first, last = clock.iso_week(start), clock.iso_week(end)
    for item in reflections.list_all():
        if first <= item.week <= last:
            for label, text in (("Win", item.wins), ("Lesson", item.lessons)):
                if text.strip():
                    written.append(f"{item.week} · {label}: {' '.join(text.split())}")
        if len(written) >= MAX_PRIVATE_ITEMS:
            break
    notes = [
        f"{t.occurred_on} · {Purpose(t.purpose).label} with "
        f"{', '.join(names.get(i, '?') for i in t.stakeholder_ids)}: {' '.join(t.notes.split())}"
        for t in touchpoints.between(start=start, end=end)
        if t.notes.strip()
    ][::-1][:MAX_PRIVATE_ITEMS]
    return {"feedback": said, "reflections": written, "touchpoints": notes}
