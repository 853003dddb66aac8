"""Kept-promise reliability is computed twice: in Python (``domain.reliability``, for one
person's history) and in SQL (``insights.relationships``, every person in one grouped query,
for the people list, the dashboard and each person's page). On the demo data, at several days,
they agree exactly, and so does the reliability every person's summary carries."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

import pytest

from advisor_planner import demo
from advisor_planner.domain.reliability import CommitmentFact, evidence_reliability
from advisor_planner.services.insights import relationships
from advisor_planner.store import models as m

WINDOW = 90


@pytest.mark.parametrize("today", [date(2026, 3, 20), date(2026, 9, 1), date(2026, 12, 2)])
def test_sql_reliability_agrees_with_the_domain_function(db, pin_today, today: date) -> None:
    pin_today(date(2026, 12, 2))
    demo.generate(size="small", seed=7)
    facts: dict[int, list[CommitmentFact]] = defaultdict(list)
    for row in m.Commitment.select():
        facts[row.stakeholder_id].append(
            CommitmentFact(row.made_on, row.due_on, row.status, row.closed_on)
        )
    by_sql = relationships.reliability_by_person(today - timedelta(days=WINDOW), today)
    by_domain = {
        person: result.ratio
        for person, kept in facts.items()
        if (result := evidence_reliability(kept, today=today, window_days=WINDOW)).ratio is not None
    }
    assert len(by_domain) >= 5, "too little demo data to compare"
    assert by_sql.keys() == by_domain.keys()
    for person, ratio in by_domain.items():
        assert by_sql[person] == pytest.approx(ratio), person

    assert relationships.HEALTH_WINDOW_DAYS == WINDOW
    everyone = relationships.people_status(today=today, include_archived=True)
    assert len(everyone) == m.Stakeholder.select().count()
    for summary in everyone:
        expected = by_domain.get(summary.id)
        if expected is None:
            assert summary.evidence_reliability is None, summary.name
        else:
            assert summary.evidence_reliability == pytest.approx(expected), summary.name
        assert summary.health_components.get("follow_through") == summary.evidence_reliability
        # One person's summary is everybody's, narrowed: the same numbers exactly.
        assert relationships.person_status(stakeholder_id=summary.id, today=today) == summary
    assert relationships.person_status(stakeholder_id=10**6, today=today) is None
