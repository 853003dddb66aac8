"""The series behind the dashboard and the stakeholder page, each one query and a pure score.

Every function takes its date range and ``today`` explicitly (defaulting to the clock), reads
only the columns it needs as tuples (no model instances), and leaves the arithmetic to
``domain``. ``tests/perf/bench_store.py`` times each against hand-written SQL.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from peewee import JOIN, fn

from advisor_planner.domain import cadence, correlation, health, reliability, stakeholder_map
from advisor_planner.domain import trust as trust_rules
from advisor_planner.domain.enums import CommitmentStatus, Engagement, InitiativeStatus
from advisor_planner.domain.reliability import CommitmentFact
from advisor_planner.domain.trust_index import TrustPoint, trust_index_change, trust_index_series
from advisor_planner.services import clock
from advisor_planner.services.initiatives import OUTCOME_MEASURES
from advisor_planner.store import models as m

HEALTH_WINDOW_DAYS = 90
_QUOTIENT = (
    (m.TrustCheck.credibility + m.TrustCheck.reliability + m.TrustCheck.intimacy) * 1.0
) / m.TrustCheck.self_orientation


def _day(value: Any) -> date:
    """A DATE column read raw: peewee hands back text for aggregates and expressions."""
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def week_ends(start: date, end: date) -> list[date]:
    """The Sundays that close each ISO week from the one holding ``start`` to the one holding
    ``end``."""
    first = clock.week_start(start) + timedelta(days=6)
    last = clock.week_start(end) + timedelta(days=6)
    return [first + timedelta(days=7 * k) for k in range((last - first).days // 7 + 1)]


# -- trust index ------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class TrustIndexSeries:
    week_ends: list[date]
    values: list[float | None]
    change: float | None
    key_stakeholders: int


def key_stakeholder_weights() -> dict[int, float]:
    """power × interest for the key stakeholders (power × interest ≥ 12), archived left out."""
    s = m.Stakeholder
    product = s.power * s.interest
    query = (
        s.select(s.id, product)
        .where((s.archived == False) & (product >= stakeholder_map.KEY_THRESHOLD))  # noqa: E712
        .tuples()
    )
    return {sid: float(weight) for sid, weight in query}


def trust_points(*, until: date, stakeholder_ids: Iterable[int] | None = None) -> list[TrustPoint]:
    t = m.TrustCheck
    query = t.select(t.stakeholder, t.checked_on, _QUOTIENT).where(t.checked_on <= until)
    if stakeholder_ids is not None:
        query = query.where(t.stakeholder.in_(list(stakeholder_ids)))
    return [
        TrustPoint(sid, on, quotient)
        for sid, on, quotient in query.order_by(t.checked_on, t.id).tuples()
    ]


def trust_index(*, start: date, end: date) -> TrustIndexSeries:
    """The weekly trust index (see ``domain.trust_index``) for the weeks of [start, end]."""
    weights = key_stakeholder_weights()
    weeks = week_ends(start, end)
    points = trust_points(until=weeks[-1], stakeholder_ids=weights) if weights else []
    values = trust_index_series(points, weights, weeks)
    return TrustIndexSeries(weeks, values, trust_index_change(values), len(weights))


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
        .tuples()
    )
    return Activity(start, end, {(_day(day), channel): n for day, channel, n in query})


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
    query = c.select(c.made_on, c.due_on, c.status, c.closed_on).where(
        (c.made_on <= until)
        & (
            (c.closed_on >= since)
            | (c.closed_on.is_null() & (c.due_on >= since))
            | ((c.status == CommitmentStatus.OPEN.value) & c.due_on.is_null(False))
        )
    )
    if stakeholder_id is not None:
        query = query.where(c.stakeholder == stakeholder_id)
    return [CommitmentFact(*row) for row in query.tuples()]


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
    weeks = [day for day in week_ends(start, end) if day <= max(end, today)]
    weeks = [min(day, today) for day in weeks]
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
    people = list(
        s.select(
            s.id,
            s.name,
            s.business_unit,
            s.power,
            s.interest,
            s.engagement_current,
            s.engagement_desired,
            s.cadence_days,
        )
        .where(s.archived == False)  # noqa: E712
        .order_by(s.id)
        .tuples()
    )
    link = m.TouchpointStakeholder
    last_contact = {
        sid: _day(day)
        for sid, day in link.select(link.stakeholder, fn.MAX(link.occurred_on))
        .group_by(link.stakeholder)
        .tuples()
    }
    t = m.Touchpoint
    recip = t.reciprocity
    recent = {
        row[0]: row[1:]
        for row in link.select(
            link.stakeholder,
            fn.COUNT(t.id),
            fn.AVG(t.listening),
            fn.AVG(t.sentiment),
            fn.SUM((recip == "gave").cast("integer")),
            fn.SUM((recip == "asked").cast("integer")),
            fn.SUM((recip == "mutual").cast("integer")),
        )
        .join(t, JOIN.INNER, on=(link.touchpoint == t.id))
        .where(link.occurred_on.between(since, today))
        .group_by(link.stakeholder)
        .tuples()
    }
    follow = _follow_through_by_person(since, today)
    result = []
    for sid, name, unit, power, interest, current, desired, cadence_days in people:
        last = last_contact.get(sid)
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
        .tuples()
    )
    return {sid: kept / considered for sid, kept, considered in query if considered}


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
    t = m.TrustCheck
    later = t.alias()
    newer_exists = later.select(later.id).where(
        (later.stakeholder == t.stakeholder)
        & later.warmth.is_null(False)
        & later.competence.is_null(False)
        & (
            (later.checked_on > t.checked_on)
            | ((later.checked_on == t.checked_on) & (later.id > t.id))
        )
    )
    s = m.Stakeholder
    query = (
        t.select(t.stakeholder, s.name, t.warmth, t.competence, t.checked_on)
        .join(s, on=(t.stakeholder == s.id))
        .where(
            t.warmth.is_null(False)
            & t.competence.is_null(False)
            & (s.archived == False)  # noqa: E712
            & ~fn.EXISTS(newer_exists)
        )
        .order_by(s.name)
        .tuples()
    )
    return [Perception(*row) for row in query]


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


def goal_progress(
    *, today: date | None = None, status: str | None = "active"
) -> list[GoalProgress]:
    today = today or clock.today()
    g = m.BrandGoal
    query = g.select(g.id, g.title, g.metric, g.baseline, g.target, g.start_on, g.target_on)
    if status:
        query = query.where(g.status == status)
    goals = list(query.order_by(g.target_on.is_null(), g.target_on, g.id).tuples())
    cp = m.GoalCheckpoint
    points: dict[int, list[tuple[date, float]]] = defaultdict(list)
    ids = [row[0] for row in goals]
    for chunk in range(0, len(ids), 500):
        for goal_id, on, value in (
            cp.select(cp.goal, cp.recorded_on, cp.value)
            .where(cp.goal.in_(ids[chunk : chunk + 500]))
            .order_by(cp.recorded_on, cp.id)
            .tuples()
        ):
            points[goal_id].append((on, value))
    result = []
    for goal_id, title, metric, baseline, target, start_on, target_on in goals:
        series = points.get(goal_id, [])
        latest = series[-1][1] if series else None
        progress = None
        if (
            latest is not None
            and baseline is not None
            and target is not None
            and target != baseline
        ):
            progress = (latest - baseline) / (target - baseline)
        elapsed = None
        if target_on and start_on and target_on > start_on:
            elapsed = min(1.0, max(0.0, (today - start_on).days / (target_on - start_on).days))
        result.append(
            GoalProgress(
                goal_id, title, metric, baseline, target, latest, progress, elapsed, series
            )
        )
    return result


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
    initiative's end) beside ``measure``, with Pearson's r from five points on."""
    if measure not in OUTCOME_MEASURES:
        raise ValueError(f"measure must be one of {', '.join(OUTCOME_MEASURES)}")
    i = m.Initiative
    column = getattr(i, measure)
    initiatives = list(
        i.select(i.id, i.name, i.sponsor, i.end_on, column)
        .where((i.status == InitiativeStatus.FINISHED.value) & column.is_null(False))
        .tuples()
    )
    link = m.InitiativeStakeholder
    people: dict[int, set[int]] = defaultdict(set)
    for initiative_id, _name, sponsor, _end, _value in initiatives:
        if sponsor:
            people[initiative_id].add(sponsor)
    ids = [row[0] for row in initiatives]
    for chunk in range(0, len(ids), 500):
        for initiative_id, sid in (
            link.select(link.initiative, link.stakeholder)
            .where(link.initiative.in_(ids[chunk : chunk + 500]))
            .tuples()
        ):
            people[initiative_id].add(sid)
    everyone = set().union(*people.values()) if people else set()
    history: dict[int, list[TrustPoint]] = defaultdict(list)
    if everyone:
        for point in trust_points(until=date.max, stakeholder_ids=everyone):
            history[point.stakeholder_id].append(point)
    points = []
    for initiative_id, name, _sponsor, end_on, value in initiatives:
        quotients = []
        for sid in people.get(initiative_id, ()):
            checks = [p for p in history.get(sid, ()) if end_on is None or p.on <= end_on]
            if checks:
                quotients.append(checks[-1].quotient)
        if quotients:
            points.append(
                OutcomePoint(initiative_id, name, sum(quotients) / len(quotients), float(value))
            )
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


def stakeholder_trend(
    *, stakeholder_id: int, today: date | None = None
) -> list[StakeholderTrendPoint]:
    """A person's C, R, I, S and quotient per check, with evidence-based reliability beside R."""
    today = today or clock.today()
    t = m.TrustCheck
    checks = list(
        t.select(t.checked_on, t.credibility, t.reliability, t.intimacy, t.self_orientation)
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
    for (on, c, r, i, s), evidence in zip(checks, rolling, strict=True):
        quotient = trust_rules.trust_quotient(c, r, i, s)
        trend.append(
            StakeholderTrendPoint(
                on, c, r, i, s, quotient, trust_rules.trust_scale_100(quotient), evidence.ratio
            )
        )
    return trend


def engagement_order() -> list[str]:
    return [e.value for e in Engagement]
