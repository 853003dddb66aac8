"""Kept-promise reliability is computed twice: in Python (``domain.reliability``, for one
person's history) and in SQL (``services.insights``, every person in one grouped query, for
the people list and the dashboard). On the demo data, at several days, they agree exactly."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

import pytest

from advisor_planner.domain.reliability import CommitmentFact, evidence_reliability
from advisor_planner.services import demo
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
    by_sql = relationships._follow_through_by_person(today - timedelta(days=WINDOW), today)
    by_domain = {
        person: result.ratio
        for person, kept in facts.items()
        if (result := evidence_reliability(kept, today=today, window_days=WINDOW)).ratio is not None
    }
    assert len(by_domain) >= 5, "too little demo data to compare"
    assert by_sql.keys() == by_domain.keys()
    for person, ratio in by_domain.items():
        assert by_sql[person] == pytest.approx(ratio), person
