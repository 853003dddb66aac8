"""Everything a progress report says, gathered from ``services`` for one period.

``gather(options)`` returns a ``ReportData``: the headline figures with their change against
the previous period of the same length, three sentences generated from the data, the series
each chart draws, and the tables (read by ``reports.tables``). Private text (touchpoint
notes, reflection text, feedback and stakeholder notes) is read only when
``options.include_private`` is set, so a report made without it cannot leak any. No Qt here:
the CLI and the export dialog's worker thread both call it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from datetime import date, timedelta

from advisor_planner.domain.enums import Channel
from advisor_planner.reports.tables import (
    MAX_KEY_PEOPLE,
    InitiativeLine,
    KeyPerson,
    PromiseLine,
    contact_due,
    finished_initiatives,
    key_people,
    overdue_promises,
    private_text,
    trust_movers,
)
from advisor_planner.services import (
    clock,
    reflections,
    settings,
    touchpoints,
)
from advisor_planner.services.errors import ValidationError
from advisor_planner.services.insights import (
    activity_series,
    goal_series,
    outcome_series,
    promise_series,
    relationships,
    trust_series,
)
from advisor_planner.services.insights.query import week_ends
from advisor_planner.translation import QT_TRANSLATE_NOOP, translate

#: The sections a report can hold, in order, with their headings: English, marked for
#: translation under "Report" (the report dialog's check boxes translate them there too);
#: ``section_title(key)`` is a heading in the user's language.
SECTIONS = {
    "summary": QT_TRANSLATE_NOOP("Report", "Summary"),
    "trust_index": QT_TRANSLATE_NOOP("Report", "Trust index"),
    "stakeholders": QT_TRANSLATE_NOOP("Report", "Key stakeholders' trust"),
    "activity": QT_TRANSLATE_NOOP("Report", "Touchpoints and follow-through"),
    "goals": QT_TRANSLATE_NOOP("Report", "Brand goals"),
    "reflections": QT_TRANSLATE_NOOP("Report", "Reflection highlights"),
    "initiatives": QT_TRANSLATE_NOOP("Report", "Initiatives and outcomes"),
}
#: Who a report is for, English as ``SECTIONS``; ``audience_label(key)`` translates one.
AUDIENCES = {
    "me": QT_TRANSLATE_NOOP("Report", "For me"),
    "mentor": QT_TRANSLATE_NOOP("Report", "For my mentor"),
}
PAPERS = ("a4", "letter")
LETTER_TERRITORIES = frozenset({"US", "CA", "MX", "PH", "CL", "CO", "VE", "GT", "PR"})


def section_title(key: str) -> str:
    """The heading of the section ``key`` (of ``SECTIONS``) in the user's language."""
    return translate("Report", SECTIONS[key])


def audience_label(key: str) -> str:
    """Who the report is for (``AUDIENCES[key]``) in the user's language."""
    return translate("Report", AUDIENCES[key])


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
            raise ValidationError("to", translate("Validation", "the period ends before it starts"))
        must_be = translate("Validation", "must be one of {0}")
        if self.audience not in AUDIENCES:
            raise ValidationError("audience", must_be.format(", ".join(AUDIENCES)))
        if self.paper not in PAPERS:
            raise ValidationError("paper", must_be.format(", ".join(PAPERS)))
        unknown = set(self.sections) - set(SECTIONS)
        if unknown:
            problem = translate("Validation", "unknown: {0}").format(", ".join(sorted(unknown)))
            raise ValidationError("sections", problem)

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
class ReportSeries:
    """The series each chart of the report draws, one field per chart key (see
    ``reports.charts.chart_keys``)."""

    trust_index: trust_series.TrustIndexSeries
    activity: activity_series.Activity  # the period's touchpoints
    calendar: activity_series.Activity  # the same, for the calendar
    follow_through: promise_series.FollowThrough
    people: list[relationships.PersonStatus]
    perception: list[trust_series.Perception]
    goals: list[goal_series.GoalProgress]
    outcomes: outcome_series.TrustOutcomes
    habit: reflections.ReflectionHabit
    ratings: list[reflections.WeekRatings]

    def for_chart(self, key: str) -> object:
        """The series of the chart ``key``, for ``Chart.show``."""
        if key not in _CHART_KEYS:
            raise KeyError(key)
        return getattr(self, key)


_CHART_KEYS = frozenset(f.name for f in fields(ReportSeries))


@dataclass(slots=True)
class ReportData:
    options: ReportOptions
    leader: str
    made_on: date
    previous_start: date
    previous_end: date
    series: ReportSeries
    headlines: list[Headline] = field(default_factory=list)
    sentences: list[str] = field(default_factory=list)
    key_people: list[KeyPerson] = field(default_factory=list)
    # The summary's short lists (``reports.tables``).
    movers: list[KeyPerson] = field(default_factory=list)
    promises: list[PromiseLine] = field(default_factory=list)
    promises_total: int = 0
    contact_due: list[relationships.PersonStatus] = field(default_factory=list)
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
    series, before = _series(options, previous_start, previous_end, step)
    data = ReportData(
        options,
        settings.get("leader_name"),
        clock.today(),
        previous_start,
        previous_end,
        series,
    )
    step("headlines", 0.5)
    done_weeks = reflections.completed_weeks()
    data.reflections_done = _done_between(done_weeks, start, end)
    data.weeks_in_period = len(week_ends(start, end))
    data.headlines = _headlines(
        data,
        before,
        _done_between(done_weeks, previous_start, previous_end),
        goal_series.goal_progress(today=previous_end, until=previous_end),
    )
    key = [p for p in series.people if p.key]
    scores = (
        trust_series.trust_scores_between(start=start, end=end, people=[p.id for p in key])
        if key
        else {}
    )
    data.sentences = _sentences(data, series.activity, before.touchpoints, key, scores)
    step("stakeholders", 0.6)
    people = key_people(key, scores, include_private=options.include_private)
    data.key_people = people[:MAX_KEY_PEOPLE]
    data.movers = trust_movers(people)
    data.promises, data.promises_total = overdue_promises(end, series.people)
    data.contact_due = contact_due(series.people)
    data.goals = series.goals
    step("initiatives", 0.7)
    data.initiatives = finished_initiatives(start, end, series.outcomes, series.people)
    if options.include_private:
        step("private notes", 0.8)
        data.private = private_text(start, end)
    step("gathered", 0.85)
    return data


@dataclass(frozen=True, slots=True)
class _Before:
    """The period before's figures that the headlines compare with, read beside the period's
    own series (each at the period's end only: one week of a weekly series is enough)."""

    index: trust_series.TrustIndexSeries
    touchpoints: int
    follow: promise_series.FollowThrough


def _series(
    options: ReportOptions,
    previous_start: date,
    previous_end: date,
    step: Callable[[str, float], None],
) -> tuple[ReportSeries, _Before]:
    """The series the charts draw, with the period before's figures, stage by stage."""
    start, end = options.start, options.end
    step("trust", 0.05)
    index = trust_series.trust_index(start=start, end=end)
    index_before = trust_series.trust_index(start=previous_end, end=previous_end)
    step("touchpoints", 0.15)
    activity = activity_series.activity(start=start, end=end)
    touchpoints_before = touchpoints.count(start=previous_start, end=previous_end)
    step("follow-through", 0.25)
    follow = promise_series.follow_through(start=start, end=end, today=end)
    follow_before = promise_series.follow_through(
        start=previous_end, end=previous_end, today=previous_end
    )
    step("people", 0.35)
    series = ReportSeries(
        trust_index=index,
        activity=activity,
        calendar=activity,
        follow_through=follow,
        people=relationships.people_status(today=end),
        perception=trust_series.warmth_competence(),
        goals=goal_series.goal_progress(today=end, until=end),
        outcomes=outcome_series.trust_vs_outcomes(),
        habit=_habit_in(reflections.habit(today=end), start),
        ratings=reflections.ratings_by_week(since=start),
    )
    return series, _Before(index_before, touchpoints_before, follow_before)


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
    before: _Before,
    done_before: int,
    goals_before: list[goal_series.GoalProgress],
) -> list[Headline]:
    series = data.series
    index, index_before = _last(series.trust_index.values), _last(before.index.values)
    touched = series.activity.total
    rate, rate_before = _last(series.follow_through.rates), _last(before.follow.rates)
    overdue = promise_series.overdue_as_of(data.options.end)
    overdue_before = promise_series.overdue_as_of(data.previous_end)
    done = data.reflections_done
    # The same goals (active now) as they stood at the end of each period.
    ahead, judged = goal_series.on_track_tally(series.goals)
    ahead_before, judged_before = goal_series.on_track_tally(goals_before)
    of = translate("Report", "{0} of {1}")
    return [
        _headline(
            translate("Report", "Trust index"),
            _whole(index),
            _whole(index_before),
            None if index is None or index_before is None else index - index_before,
            digits=1,
        ),
        _headline(
            translate("Report", "Touchpoints"),
            f"{touched:,}",
            f"{before.touchpoints:,}",
            touched - before.touchpoints,
        ),
        _headline(
            translate("Report", "Follow-through"),
            _percent(rate),
            _percent(rate_before),
            None if rate is None or rate_before is None else (rate - rate_before) * 100,
            unit=translate("Report", "{0} pts"),
        ),
        _headline(
            translate("Report", "Commitments overdue"),
            str(overdue),
            str(overdue_before),
            overdue - overdue_before,
            lower_is_better=True,
        ),
        _headline(
            translate("Report", "Reflections done"),
            translate("Report", "{0} of {1} weeks").format(done, data.weeks_in_period),
            str(done_before),
            done - done_before,
        ),
        _headline(
            translate("Report", "Goals on track"),
            of.format(ahead, judged) if judged else "—",
            of.format(ahead_before, judged_before) if judged_before else "—",
            ahead - ahead_before if judged and judged_before else None,
        ),
    ]


def _headline(
    label: str,
    value: str,
    previous: str,
    change: float | None,
    *,
    digits: int = 0,
    unit: str = "{0}",
    lower_is_better: bool = False,
) -> Headline:
    """One headline figure; ``change`` is now − before, None when either is unknown, written
    into ``unit`` ("{0} pts", translated)."""
    if change is None:
        return Headline(label, value, previous, "", None)
    # No better or worse for a change too small to show ("±0.0").
    better = None if round(change, digits) == 0 else change < 0 if lower_is_better else change > 0
    return Headline(label, value, previous, unit.format(_signed(change, digits)), better)


def _whole(value: float | None) -> str:
    return f"{value:.0f}" if value is not None else "—"


def _percent(share: float | None) -> str:
    return f"{share * 100:.0f} %" if share is not None else "—"


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
            said = translate("Report", "Trust with {0} rose most ({1} points).")
        else:
            unit, value = min(named.items(), key=lambda kv: kv[1])
            said = translate("Report", "Trust fell everywhere; most with {0} ({1} points).")
        sentences.append(said.format(unit, _signed(value)))
    else:
        sentences.append(
            translate(
                "Report", "No key stakeholder has a trust check yet: add some to see trust move."
            )
        )
    sentences.append(_overdue_sentence(options.end))
    sentences.append(touchpoints_sentence(options, activity, before))
    return sentences


def _overdue_sentence(end: date) -> str:
    """Where the most promises are overdue, one whole sentence for each number and case."""
    overdue = {u: n for u, n in promise_series.overdue_by_unit(end).items() if n}
    if not overdue:
        return translate("Report", "No promise is overdue.")
    unit, count = max(overdue.items(), key=lambda kv: (kv[1], kv[0]))
    if unit and count == 1:
        return translate("Report", "{0} promise to {1} is overdue.").format(count, unit)
    if unit:
        return translate("Report", "{0} promises to {1} are overdue.").format(count, unit)
    if count == 1:
        said = translate("Report", "{0} promise to people without a business unit is overdue.")
    else:
        said = translate("Report", "{0} promises to people without a business unit are overdue.")
    return said.format(count)


#: A change against the period before is given as a percentage only over a base of this many
#: touchpoints or more, and only up to ``LARGE_CHANGE``: "1750 % more" over 12 misleads a
#: reader more than "222, against 12" informs them.
SMALL_BASE = 20
LARGE_CHANGE = 3.0  # 300 %


def touchpoints_sentence(
    options: ReportOptions, activity: activity_series.Activity, before: int
) -> str:
    """How many touchpoints against the period before, and by which channel most: in counts
    over a small base or a large change (``SMALL_BASE``, ``LARGE_CHANGE``), else as a
    percentage with both counts."""
    now = activity.total
    if not now:
        return translate("Report", "No touchpoint was logged in the period.")
    if not before:
        return translate(
            "Report", "You logged {0:,} touchpoints, and none in the period before."
        ).format(now)
    by_channel = Counter({c: sum(v) for c, v in activity.per_week()[1].items()})
    top = translate("Choice", Channel(by_channel.most_common(1)[0][0]).label)
    change = (now - before) / before
    if before < SMALL_BASE or abs(change) > LARGE_CHANGE:
        if now == 1:
            said = translate(
                "Report", "You logged 1 touchpoint, against {1:,} in the {2} days before, most of"
                " them by {3}.",
            )  # fmt: skip
        else:
            said = translate(
                "Report", "You logged {0:,} touchpoints, against {1:,} in the {2} days before,"
                " most of them by {3}.",
            )  # fmt: skip
        return said.format(now, before, options.days, top)
    if now == before:
        said = translate(
            "Report", "You logged as many touchpoints as in the previous {2} days ({1:,}), most"
            " of them by {3}.",
        )  # fmt: skip
    elif round(change * 100) == 0:  # not "0 % more"
        said = translate(
            "Report", "You logged about as many touchpoints as in the previous {2} days ({1:,}"
            " against {4:,}), most of them by {3}.",
        )  # fmt: skip
    elif change > 0:
        said = translate(
            "Report", "You logged {0:.0f} % more touchpoints than in the previous {2} days ({1:,}"
            " against {4:,}), most of them by {3}.",
        )  # fmt: skip
    else:
        said = translate(
            "Report", "You logged {0:.0f} % fewer touchpoints than in the previous {2} days"
            " ({1:,} against {4:,}), most of them by {3}.",
        )  # fmt: skip
    return said.format(abs(change) * 100, now, options.days, top, before)
