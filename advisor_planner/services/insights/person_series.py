"""One stakeholder over time, for the charts on their page: trust checks with the evidence of
kept promises beside them, and the touchpoint timeline with the cadence status."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from advisor_planner.domain import cadence, reliability
from advisor_planner.domain import trust as trust_rules
from advisor_planner.services import clock
from advisor_planner.services.insights.promise_series import commitment_facts
from advisor_planner.services.insights.query import as_date, query_rows
from advisor_planner.store import models as m


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
    checks = [
        (as_date(on), c, r, i, s, check_id)
        for on, c, r, i, s, check_id in query_rows(
            t.select(
                t.checked_on, t.credibility, t.reliability, t.intimacy, t.self_orientation, t.id
            )
            .where(t.stakeholder == stakeholder_id)
            .order_by(t.checked_on, t.id)
        )
    ]
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
    rows = query_rows(name)
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
    person = query_rows(s.select(s.name, s.cadence_days).where(s.id == stakeholder_id))
    name, cadence_days = person[0] if person else ("", None)
    rows = query_rows(
        t.select(t.id, t.occurred_on, t.channel, t.purpose, t.sentiment, t.listening, t.subject)
        .join(link, on=(link.touchpoint == t.id))
        .where(link.stakeholder == stakeholder_id)
        .order_by(t.occurred_on, t.id)
    )
    points = [
        ContactPoint(tid, as_date(on), channel, purpose, sentiment, listening, subject or "")
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
