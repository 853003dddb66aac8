"""Where each relationship stands: cadence status, relationship health and evidence-based
reliability for every active stakeholder, and who needs attention now."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from peewee import JOIN, fn

from advisor_planner.domain import cadence, health, stakeholder_map
from advisor_planner.domain.enums import CommitmentStatus
from advisor_planner.services import clock
from advisor_planner.services.insights.query import as_optional_date, query_rows
from advisor_planner.store import models as m

HEALTH_WINDOW_DAYS = 90


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
    people = query_rows(
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
        for row in query_rows(
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
        last = as_optional_date(last_day)
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
    return {sid: kept / considered for sid, kept, considered in query_rows(query) if considered}


def needs_attention(
    people: Sequence[PersonStatus] | None = None, *, today: date | None = None, limit: int = 10
) -> list[PersonStatus]:
    """People past their cadence, by power × interest × days overdue, most pressing first."""
    people = people if people is not None else people_status(today=today)
    overdue = [p for p in people if p.cadence.overdue]
    overdue.sort(key=lambda p: (-p.attention_priority, p.name))
    return overdue[:limit]
