"""Trust and outcomes: finished initiatives' people's mean trust beside an outcome measure,
with Pearson's r."""

from __future__ import annotations

from dataclasses import dataclass

from peewee import ModelSelect, fn

from advisor_planner.domain import correlation
from advisor_planner.domain.enums import InitiativeStatus
from advisor_planner.services.initiatives import OUTCOME_MEASURES
from advisor_planner.services.insights.query import QUOTIENT, cached_rows
from advisor_planner.store import models as m


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
    # Compiled once: peewee's building was a fifth of this query's time on the large demo.
    rows = cached_rows(("trust_vs_outcomes", measure), lambda: _outcomes_query(measure))
    points = [
        OutcomePoint(initiative_id, name, quotient, float(value))
        for initiative_id, name, quotient, value in rows
        if quotient is not None  # nobody involved had a trust check by the end
    ]
    r = correlation.pearson_r([p.mean_quotient for p in points], [p.outcome for p in points])
    return TrustOutcomes(measure, points, r)


def _outcomes_query(measure: str) -> ModelSelect[m.Initiative]:
    i, link, t = m.Initiative, m.InitiativeStakeholder, m.TrustCheck
    column = getattr(i, measure)
    people = (
        link.select(link.initiative.alias("initiative_id"), link.stakeholder.alias("person_id"))
        | i.select(i.id, i.sponsor).where(i.sponsor.is_null(False))
    ).alias("people")
    latest_quotient = (
        t.select(QUOTIENT)
        .where(
            (t.stakeholder == people.c.person_id)
            & (i.end_on.is_null() | (t.checked_on <= i.end_on))
        )
        .order_by(t.checked_on.desc(), t.id.desc())
        .limit(1)
    )
    mean_quotient = fn.AVG(latest_quotient)
    return (
        i.select(i.id, i.name, mean_quotient, column)
        .join(people, on=(people.c.initiative_id == i.id))
        .where((i.status == InitiativeStatus.FINISHED.value) & column.is_null(False))
        .group_by(i.id, i.name, column)
        .order_by(i.id)
    )
