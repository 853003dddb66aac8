"""One person's trust trend with the evidence of kept promises (``insights.person_series``)."""

from __future__ import annotations

from datetime import date

import pytest

from advisor_planner.services.insights import person_series

D = date


# -- one stakeholder --------------------------------------------------------------------------
def test_stakeholder_trend_with_evidence_reliability(data, score):
    ada = person_series.stakeholder_trend(stakeholder_id=data["ada"])
    assert [p.on for p in ada] == [D(2026, 2, 2), D(2026, 3, 4)]
    assert [p.quotient for p in ada] == [3.0, 6.0]
    assert [p.score for p in ada] == pytest.approx([50.0, score(6)])
    assert [(p.credibility, p.reliability, p.intimacy, p.self_orientation) for p in ada] == [
        (6, 6, 6, 6),
        (8, 8, 8, 4),
    ]
    # 2 Feb: K1 kept.  4 Mar: K1 kept, K2 late → 1/2 (K5 closes on 9 March).
    assert [p.evidence_reliability for p in ada] == [1.0, 0.5]
    bea = person_series.stakeholder_trend(stakeholder_id=data["bea"])
    # 10 Feb: nothing yet.  10 Mar: K3 kept after its due day, K4 overdue → 0/2.
    assert [p.evidence_reliability for p in bea] == [None, 0.0]
    assert person_series.stakeholder_trend(stakeholder_id=data["eve"]) == []
