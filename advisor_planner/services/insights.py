"""The series behind the dashboard and the stakeholder page, each one query and a pure score.

Every function takes its date range and ``today`` explicitly (defaulting to the clock), reads
only the columns it needs as tuples (no model instances), and leaves the arithmetic to
``domain``. ``tests/perf/bench_store.py`` times each against hand-written SQL.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from peewee import JOIN, fn

from advisor_planner.domain import cadence, correlation, health, reliability, stakeholder_map
from advisor_planner.domain import goal_progress as goal_rules
from advisor_planner.domain import trust as trust_rules
from advisor_planner.domain.enums import CommitmentStatus, Engagement, InitiativeStatus
from advisor_planner.domain.reliability import CommitmentFact
from advisor_planner.domain.trust_index import TrustPoint, trust_index_change, trust_index_series
from advisor_planner.services import clock
from advisor_planner.services.initiatives import OUTCOME_MEASURES
from advisor_planner.store import models as m

HEALTH_WINDOW_DAYS = 90
# (C + R + I) / S in SQL. The cast matters: peewee would otherwise read the result through the
# first column's converter and truncate it to an integer.
_QUOTIENT = (
    ((m.TrustCheck.credibility + m.TrustCheck.reliability + m.TrustCheck.intimacy) * 1.0)
    / m.TrustCheck.self_orientation
).cast("REAL")


def _rows(query: Any) -> list[tuple]:
    """Run a peewee query and return the driver's raw rows.

    The SQL is still built by peewee (portable); skipping peewee's per-row conversion makes
    reading thousands of rows several times faster. Dates then arrive as ISO text on SQLite
    and as ``date`` on PostgreSQL; ``_day`` accepts both.
    """
    return m.database.execute(query).fetchall()


@functools.lru_cache(maxsize=64)
def _compiled(key: Hashable, database_type: type, build: Callable[[], Any]) -> tuple[str, tuple]:
    sql, params = build().sql()
    return sql, tuple(params)


def _cached_rows(key: Hashable, build: Callable[[], Any]) -> list[tuple]:
    """Like ``_rows`` for a query whose SQL and parameters never change: compiled once.

    peewee takes a quarter of a millisecond to build a query; for the dashboard's smallest
    queries that is longer than SQLite takes to answer them. ``key`` names the query and
    every value that shapes it.
    """
    sql, params = _compiled(key, type(m.database.obj), build)
    return m.database.execute_sql(sql, params).fetchall()


_from_iso = date.fromisoformat


def _day(value: Any) -> date | None:
    """A DATE read raw: ISO text on SQLite (peewee stores ``YYYY-MM-DD``), ``date`` elsewhere."""
    if value.__class__ is str:
        return _from_iso(value)
    return value


def week_ends(start: date, end: date) -> list[date]:
    """The Sundays that close each ISO week from the one holding ``start`` to the one holding
    ``end``."""
    first = clock.week_start(start) + timedelta(days=6)
    last = clock.week_start(end) + timedelta(days=6)
    return [first + timedelta(days=7 * k) for k in range((last - first).days // 7 + 1)]


# -- trust index ------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class TrustIndexSeries:
    """The weekly trust index, and the trust checks behind each week's change.

    ``checks_by_week`` maps a week end to the (stakeholder id, score 0–100) of each key
    stakeholder's check that week; ``names`` holds the key stakeholders' names and
    ``unchecked`` the ids of those with no check yet by the last week.
    """

    week_ends: list[date]
    values: list[float | None]
    change: float | None
    key_stakeholders: int
    checks_by_week: dict[date, list[tuple[int, float]]] = field(default_factory=dict)
    names: dict[int, str] = field(default_factory=dict)
    unchecked: tuple[int, ...] = ()


def _key_stakeholders() -> Any:
    """The key stakeholders (power × interest ≥ 12, not archived) as a query of id and weight."""
    s = m.Stakeholder
    product = s.power * s.interest
    return s.select(s.id, product).where(
        (s.archived == False) & (product >= stakeholder_map.KEY_THRESHOLD)  # noqa: E712
    )


def key_stakeholder_weights() -> dict[int, float]:
    """power × interest for each key stakeholder."""
    return {sid: float(weight) for sid, weight in _rows(_key_stakeholders())}


def trust_points(*, until: date, since: date | None = None, people: Any = None) -> list[TrustPoint]:
    """Trust quotients checked on or before ``until``, oldest first.

    With ``since``, only the checks from ``since`` on plus each person's latest check before
    it: all that a series starting at ``since`` needs, however long the history. ``people``
    narrows to a query of stakeholder ids.
    """
    t = m.TrustCheck
    in_range = t.checked_on <= until if since is None else t.checked_on.between(since, until)
    query = t.select(t.stakeholder, t.checked_on, _QUOTIENT).where(in_range)
    if people is not None:
        query = query.where(t.stakeholder.in_(people))
    rows = _rows(query.order_by(t.checked_on, t.id))
    if since is not None:
        earlier = m.TrustCheck.alias()
        latest = earlier.select(earlier.stakeholder, fn.MAX(earlier.checked_on).alias("day")).where(
            earlier.checked_on < since
        )
        if people is not None:
            latest = latest.where(earlier.stakeholder.in_(people))
        latest = latest.group_by(earlier.stakeholder)
        before = (
            t.select(t.stakeholder, t.checked_on, _QUOTIENT)
            .join(
                latest,
                on=(t.stakeholder == latest.c.stakeholder_id) & (t.checked_on == latest.c.day),
            )
            .order_by(t.checked_on, t.id)
        )
        rows = _rows(before) + rows
    return [TrustPoint(sid, _day(on), quotient) for sid, on, quotient in rows]


def trust_index(*, start: date, end: date) -> TrustIndexSeries:
    """The weekly trust index (see ``domain.trust_index``) for the weeks of [start, end]."""
    s = m.Stakeholder
    key = {
        sid: (float(weight), name)
        for sid, weight, name in _rows(_key_stakeholders().select_extend(s.name))
    }
    weights = {sid: weight for sid, (weight, _name) in key.items()}
    weeks = week_ends(start, end)
    points = []
    if weights:
        key_ids = _key_stakeholders().select(m.Stakeholder.id)
        # From the first week's Monday, so every check of that week is listed in it.
        points = trust_points(since=weeks[0] - timedelta(days=6), until=weeks[-1], people=key_ids)
    values = trust_index_series(points, weights, weeks)
    by_week: dict[date, list[tuple[int, float]]] = defaultdict(list)
    first_week_start = weeks[0] - timedelta(days=6)
    for point in points:
        if point.on >= first_week_start:
            week_end = clock.week_start(point.on) + timedelta(days=6)
            by_week[week_end].append(
                (point.stakeholder_id, trust_rules.trust_scale_100(point.quotient))
            )
    checked = {point.stakeholder_id for point in points}
    return TrustIndexSeries(
        weeks,
        values,
        trust_index_change(values),
        len(weights),
        dict(by_week),
        {sid: name for sid, (_weight, name) in key.items()},
        tuple(
            sorted((sid for sid in weights if sid not in checked), key=lambda sid: -weights[sid])
        ),
    )


def data_span() -> tuple[date, date] | None:
    """The first and last day with a touchpoint or trust check (None on an empty database):
    what "all time" means for the dashboard."""
    t, c = m.Touchpoint, m.TrustCheck
    days = [
        _day(value)
        for row in _rows(t.select(fn.MIN(t.occurred_on), fn.MAX(t.occurred_on)))
        + _rows(c.select(fn.MIN(c.checked_on), fn.MAX(c.checked_on)))
        for value in row
        if value is not None
    ]
    return (min(days), max(days)) if days else None


# -- touchpoint activity ----------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Activity:
    """Touchpoints per day and channel in a range; the weekly bars and heat map derive from it."""

    start: date
    end: date
    by_day_channel: dict[tuple[date, str], int]

    def per_day(self) -> dict[date, int]:
        days: dict[date, int] = defaultdict(int)
        for (day, _channel), count in self.by_day_channel.items():
            days[day] += count
        return dict(days)

    def per_week(self) -> tuple[list[date], dict[str, list[int]]]:
        """Week starts (Mondays) and, for each channel seen, its count per week."""
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
    t = m.Touchpoint
    query = (
        t.select(t.occurred_on, t.channel, fn.COUNT(t.id))
        .where(t.occurred_on.between(start, end))
        .group_by(t.occurred_on, t.channel)
    )
    return Activity(start, end, {(_day(day), channel): n for day, channel, n in _rows(query)})


# -- follow-through ---------------------------------------------------------------------------
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
        CommitmentFact(_day(made), _day(due), status, _day(closed))  # type: ignore[arg-type]
        for made, due, status, closed in _rows(query)
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


# -- people: contact, health, map, attention --------------------------------------------------
@dataclass(frozen=True, slots=True)
class PersonStatus:
    """One stakeholder as the map and the attention list see them."""

    id: int
    name: str
    business_unit: str
    power: int
    interest: int
    engagement_current: str
    engagement_desired: str
    gap: int
    quadrant: str
    key: bool
    last_contact: date | None
    cadence: cadence.CadenceStatus
    health: float | None
    health_components: dict[str, float] = field(default_factory=dict)

    @property
    def attention_priority(self) -> int:
        return stakeholder_map.attention_priority(
            self.power, self.interest, cadence.days_overdue(self.cadence)
        )


def people_status(
    *, today: date | None = None, window_days: int = HEALTH_WINDOW_DAYS
) -> list[PersonStatus]:
    """Every active stakeholder with cadence status and relationship health, in four queries."""
    today = today or clock.today()
    since = today - timedelta(days=window_days)
    s = m.Stakeholder
    link = m.TouchpointStakeholder
    # Last contact as a correlated subquery: one seek per person in the covering index
    # (stakeholder, occurred_on), where GROUP BY over all links would read every one of them.
    last_contact = link.select(fn.MAX(link.occurred_on)).where(
        (link.stakeholder == s.id) & (link.occurred_on <= today)
    )
    people = _rows(
        s.select(
            s.id,
            s.name,
            s.business_unit,
            s.power,
            s.interest,
            s.engagement_current,
            s.engagement_desired,
            s.cadence_days,
            last_contact,
        )
        .where(s.archived == False)  # noqa: E712
        .order_by(s.id)
    )
    t = m.Touchpoint
    recip = t.reciprocity
    # Driven from the touchpoints in the window (indexed by day), then their links.
    recent = {
        row[0]: row[1:]
        for row in _rows(
            t.select(
                link.stakeholder,
                fn.COUNT(t.id),
                fn.AVG(t.listening),
                fn.AVG(t.sentiment),
                fn.SUM((recip == "gave").cast("integer")),
                fn.SUM((recip == "asked").cast("integer")),
                fn.SUM((recip == "mutual").cast("integer")),
            )
            .join(link, JOIN.INNER, on=(link.touchpoint == t.id))
            .where(t.occurred_on.between(since, today))
            .group_by(link.stakeholder)
        )
    }
    follow = _follow_through_by_person(since, today)
    result = []
    for sid, name, unit, power, interest, current, desired, cadence_days, last_day in people:
        last = _day(last_day)
        status = cadence.cadence_status(last, cadence_days, today=today)
        count, listening, sentiment, gave, asked, mutual = recent.get(sid, (0, None, None, 0, 0, 0))
        reading = health.relationship_health(
            health.HealthInputs(
                days_since_contact=(today - last).days if last else None,
                cadence_days=cadence_days,
                touchpoints_in_window=count,
                window_days=window_days,
                mean_listening=listening,
                mean_sentiment=sentiment,
                gave=gave or 0,
                asked=asked or 0,
                mutual=mutual or 0,
                follow_through=follow.get(sid),
            )
        )
        result.append(
            PersonStatus(
                id=sid,
                name=name,
                business_unit=unit,
                power=power,
                interest=interest,
                engagement_current=current,
                engagement_desired=desired,
                gap=stakeholder_map.engagement_gap(current, desired),
                quadrant=stakeholder_map.quadrant(power, interest),
                key=stakeholder_map.is_key_stakeholder(power, interest),
                last_contact=last,
                cadence=status,
                health=reading.score,
                health_components=reading.components,
            )
        )
    return result


def _follow_through_by_person(since: date, today: date) -> dict[int, float]:
    """Each person's evidence-based reliability over [since, today], in one grouped query."""
    c = m.Commitment
    kept_on_time = (c.status == CommitmentStatus.KEPT.value) & (
        c.due_on.is_null() | (c.closed_on <= c.due_on)
    )
    counted_closed = c.status.in_(["kept", "late", "broken"]) & c.closed_on.between(since, today)
    overdue_open = (
        (c.status == CommitmentStatus.OPEN.value) & (c.due_on >= since) & (c.due_on < today)
    )
    query = (
        c.select(
            c.stakeholder,
            fn.SUM((counted_closed & kept_on_time).cast("integer")),
            fn.SUM((counted_closed | overdue_open).cast("integer")),
        )
        .where(counted_closed | overdue_open)
        .group_by(c.stakeholder)
    )
    return {sid: kept / considered for sid, kept, considered in _rows(query) if considered}


def needs_attention(
    people: Sequence[PersonStatus] | None = None, *, today: date | None = None, limit: int = 10
) -> list[PersonStatus]:
    """People past their cadence, by power × interest × days overdue, most pressing first."""
    people = people if people is not None else people_status(today=today)
    overdue = [p for p in people if p.cadence.overdue]
    overdue.sort(key=lambda p: (-p.attention_priority, p.name))
    return overdue[:limit]


# -- perception ------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Perception:
    stakeholder_id: int
    name: str
    warmth: int
    competence: int
    checked_on: date


def warmth_competence() -> list[Perception]:
    """Each active person's latest warmth and competence as they see me."""
    rows = _cached_rows("warmth_competence", _warmth_competence_query)
    return [Perception(sid, name, w, c, _day(on)) for sid, name, w, c, on in rows]


def _warmth_competence_query() -> Any:
    s, t = m.Stakeholder, m.TrustCheck
    rated = m.TrustCheck.alias()
    # Each person's latest rated check, found by one index seek per person.
    latest_rated = (
        rated.select(rated.id)
        .where(
            (rated.stakeholder == s.id)
            & rated.warmth.is_null(False)
            & rated.competence.is_null(False)
        )
        .order_by(rated.checked_on.desc(), rated.id.desc())
        .limit(1)
    )
    return (
        s.select(s.id, s.name, t.warmth, t.competence, t.checked_on)
        .join(t, on=(t.id == latest_rated))
        .where(s.archived == False)  # noqa: E712
        .order_by(s.name)
    )


# -- goals ------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class GoalProgress:
    goal_id: int
    title: str
    metric: str
    baseline: float | None
    target: float | None
    latest: float | None
    progress: float | None  # share of the way from baseline to target, 0..1 (may exceed 1)
    time_elapsed: float | None  # share of the time from start to target day, 0..1
    checkpoints: list[tuple[date, float]]
    start_on: date | None = None
    target_on: date | None = None


def goal_progress(
    *, today: date | None = None, status: str | None = "active", until: date | None = None
) -> list[GoalProgress]:
    """Each goal's progress (those of ``status``; None: all), its time gone as of ``today``.

    ``until`` leaves out the checkpoints recorded after it, so a report on an earlier period
    reads each goal as it stood then.
    """
    rows = _cached_rows(("goal_progress", status), lambda: _goal_progress_query(status))
    return _progress_of(rows, today or clock.today(), until)


def on_track_tally(goals: Iterable[GoalProgress]) -> tuple[int, int]:
    """How many of ``goals`` are on track (``domain.goal_progress.on_track``), and of how many
    that can be judged (a baseline, a target, a checkpoint and dates)."""
    states = [goal_rules.on_track(g.progress, g.time_elapsed) for g in goals]
    judged = [state for state in states if state is not None]
    return sum(judged), len(judged)


def goal_trajectory(*, goal_id: int, today: date | None = None) -> GoalProgress | None:
    """One goal's progress with every checkpoint, for the chart of its path to the target
    (None when there is no such goal)."""
    rows = _rows(_goal_progress_query(None).where(m.BrandGoal.id == goal_id))
    found = _progress_of(rows, today or clock.today())
    return found[0] if found else None


def _progress_of(
    rows: Iterable[tuple], today: date, until: date | None = None
) -> list[GoalProgress]:
    goals: list[tuple] = []
    points: dict[int, list[tuple[date, float]]] = defaultdict(list)
    for row in rows:
        goal_id, checkpoint_on, checkpoint_value = row[0], row[7], row[8]
        if not goals or goals[-1][0] != goal_id:
            goals.append(row[:5] + (_day(row[5]), _day(row[6])))
        if checkpoint_on is not None:
            day = _day(checkpoint_on)
            if until is None or day <= until:
                points[goal_id].append((day, checkpoint_value))
    result = []
    for goal_id, title, metric, baseline, target, start_on, target_on in goals:
        series = points.get(goal_id, [])
        latest = series[-1][1] if series else None
        progress = goal_rules.share_of_the_way(baseline, target, latest)
        elapsed = None
        if target_on and start_on and target_on > start_on:
            elapsed = min(1.0, max(0.0, (today - start_on).days / (target_on - start_on).days))
        result.append(
            GoalProgress(
                goal_id, title, metric, baseline, target, latest, progress, elapsed, series,
                start_on, target_on,
            )
        )  # fmt: skip
    return result


def _goal_progress_query(status: str | None) -> Any:
    g, cp = m.BrandGoal, m.GoalCheckpoint
    query = (
        g.select(
            g.id,
            g.title,
            g.metric,
            g.baseline,
            g.target,
            g.start_on,
            g.target_on,
            cp.recorded_on,
            cp.value,
        )
        .join(cp, JOIN.LEFT_OUTER, on=(cp.goal == g.id))
        .order_by(g.target_on.is_null(), g.target_on, g.id, cp.recorded_on, cp.id)
    )
    return query.where(g.status == status) if status else query


# -- trust and outcomes -----------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class OutcomePoint:
    initiative_id: int
    name: str
    mean_quotient: float
    outcome: float


@dataclass(frozen=True, slots=True)
class TrustOutcomes:
    measure: str
    points: list[OutcomePoint]
    r: float | None


def trust_vs_outcomes(*, measure: str = "user_satisfaction") -> TrustOutcomes:
    """For finished initiatives: their people's mean latest trust quotient (as of the
    initiative's end) beside ``measure``, with Pearson's r from five points on.

    Their people are the sponsor and the stakeholders involved; each person's latest check on
    or before the end day is found by one index seek, and SQL averages them per initiative.
    """
    if measure not in OUTCOME_MEASURES:
        raise ValueError(f"measure must be one of {', '.join(OUTCOME_MEASURES)}")
    i, link, t = m.Initiative, m.InitiativeStakeholder, m.TrustCheck
    column = getattr(i, measure)
    people = (
        link.select(link.initiative.alias("initiative_id"), link.stakeholder.alias("person_id"))
        | i.select(i.id, i.sponsor).where(i.sponsor.is_null(False))
    ).alias("people")
    latest_quotient = (
        t.select(_QUOTIENT)
        .where(
            (t.stakeholder == people.c.person_id)
            & (i.end_on.is_null() | (t.checked_on <= i.end_on))
        )
        .order_by(t.checked_on.desc(), t.id.desc())
        .limit(1)
    )
    mean_quotient = fn.AVG(latest_quotient)
    query = (
        i.select(i.id, i.name, mean_quotient, column)
        .join(people, on=(people.c.initiative_id == i.id))
        .where((i.status == InitiativeStatus.FINISHED.value) & column.is_null(False))
        .group_by(i.id, i.name, column)
        .order_by(i.id)
    )
    points = [
        OutcomePoint(initiative_id, name, quotient, float(value))
        for initiative_id, name, quotient, value in _rows(query)
        if quotient is not None  # nobody involved had a trust check by the end
    ]
    r = correlation.pearson_r([p.mean_quotient for p in points], [p.outcome for p in points])
    return TrustOutcomes(measure, points, r)


# -- one stakeholder --------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class StakeholderTrendPoint:
    on: date
    credibility: int
    reliability: int
    intimacy: int
    self_orientation: int
    quotient: float
    score: float
    evidence_reliability: float | None  # follow-through at that date, 0..1
    check_id: int = 0


def stakeholder_trend(*, stakeholder_id: int) -> list[StakeholderTrendPoint]:
    """A person's C, R, I, S and quotient per check, with evidence-based reliability beside R.

    The evidence is as it stood on each check's day (``reliability.rolling_reliability``), so
    it needs no "today": a promise kept after a check still counted as open at that check.
    """
    t = m.TrustCheck
    checks = list(
        t.select(t.checked_on, t.credibility, t.reliability, t.intimacy, t.self_orientation, t.id)
        .where(t.stakeholder == stakeholder_id)
        .order_by(t.checked_on, t.id)
        .tuples()
    )
    if not checks:
        return []
    dates = [row[0] for row in checks]
    facts = commitment_facts(
        since=dates[0] - timedelta(days=reliability.DEFAULT_WINDOW_DAYS),
        until=dates[-1],
        stakeholder_id=stakeholder_id,
    )
    rolling = reliability.rolling_reliability(facts, dates)
    trend = []
    for (on, c, r, i, s, check_id), evidence in zip(checks, rolling, strict=True):
        quotient = trust_rules.trust_quotient(c, r, i, s)
        trend.append(
            StakeholderTrendPoint(
                on,
                c,
                r,
                i,
                s,
                quotient,
                trust_rules.trust_scale_100(quotient),
                evidence.ratio,
                check_id,
            )
        )
    return trend


@dataclass(frozen=True, slots=True)
class PersonTrust:
    """One person's trust checks over time, for their page's chart."""

    stakeholder_id: int
    name: str
    points: list[StakeholderTrendPoint]


def person_trust(*, stakeholder_id: int) -> PersonTrust:
    name = m.Stakeholder.select(m.Stakeholder.name).where(m.Stakeholder.id == stakeholder_id)
    rows = _rows(name)
    return PersonTrust(
        stakeholder_id,
        rows[0][0] if rows else "",
        stakeholder_trend(stakeholder_id=stakeholder_id),
    )


@dataclass(frozen=True, slots=True)
class ContactPoint:
    touchpoint_id: int
    on: date
    channel: str
    purpose: str
    sentiment: int | None
    listening: int | None
    subject: str


@dataclass(frozen=True, slots=True)
class PersonContact:
    """One person's touchpoints (oldest first) and where they stand against their cadence."""

    stakeholder_id: int
    name: str
    today: date
    touchpoints: list[ContactPoint]
    last_contact: date | None
    cadence: cadence.CadenceStatus


def person_contact(*, stakeholder_id: int, today: date | None = None) -> PersonContact:
    """The touchpoint timeline with sentiment, and the cadence status, of one stakeholder."""
    today = today or clock.today()
    s, t, link = m.Stakeholder, m.Touchpoint, m.TouchpointStakeholder
    person = _rows(s.select(s.name, s.cadence_days).where(s.id == stakeholder_id))
    name, cadence_days = person[0] if person else ("", None)
    rows = _rows(
        t.select(t.id, t.occurred_on, t.channel, t.purpose, t.sentiment, t.listening, t.subject)
        .join(link, on=(link.touchpoint == t.id))
        .where(link.stakeholder == stakeholder_id)
        .order_by(t.occurred_on, t.id)
    )
    points = [
        ContactPoint(tid, _day(on), channel, purpose, sentiment, listening, subject or "")
        for tid, on, channel, purpose, sentiment, listening, subject in rows
    ]
    past = [p.on for p in points if p.on <= today]
    last = past[-1] if past else None
    return PersonContact(
        stakeholder_id,
        name,
        today,
        points,
        last,
        cadence.cadence_status(last, cadence_days, today=today),
    )


def engagement_order() -> list[str]:
    return [e.value for e in Engagement]


# -- for the progress report ------------------------------------------------------------------
def _overdue_at(day: date) -> Any:
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
    return _overdue_at(day).count()


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
    return {unit or "": n for unit, n in _rows(query)}


def trust_scores_between(
    *, start: date, end: date, people: Any = None
) -> dict[int, tuple[float, float]]:
    """Each person's trust score (0–100) at the start of [start, end] and at its end: the
    latest check by ``start`` (or, for someone first checked during the period, that first
    check) and the latest by ``end``. People checked only once in all show the same score
    twice. ``people`` narrows to some stakeholder ids (a list or query)."""
    first: dict[int, float] = {}
    last: dict[int, float] = {}
    for point in trust_points(until=end, people=people):  # oldest first
        score = trust_rules.trust_scale_100(point.quotient)
        if point.on <= start or point.stakeholder_id not in first:
            first[point.stakeholder_id] = score
        last[point.stakeholder_id] = score
    return {sid: (first[sid], last[sid]) for sid in last}
