"""Trust beside finished initiatives' outcomes (``insights.outcome_series``)."""

from __future__ import annotations

import statistics
from datetime import date

import pytest

from advisor_planner.services import initiatives, stakeholders, trust_checks
from advisor_planner.services.insights import outcome_series

D = date


# -- trust and outcomes -----------------------------------------------------------------------
def _finished(name, satisfaction, *, sponsor=None, people=(), end=None):
    return initiatives.create(
        name=name,
        status="finished",
        sponsor_id=sponsor,
        stakeholder_ids=list(people),
        end_on=end,
        user_satisfaction=satisfaction,
    ).id


def test_trust_vs_outcomes_mean_quotient_and_r(data):
    ada, bea, carl = data["ada"], data["bea"], data["carl"]
    # As of 1 March Ada's latest quotient is 3 (her 6 comes on 4 March); Bea's is 1.
    i1 = _finished("One", 4.0, sponsor=ada, people=[bea], end=D(2026, 3, 1))
    i2 = _finished("Two", 5.0, people=[ada], end=D(2026, 3, 15))
    _finished("Too early", 2.0, people=[carl], end=D(2026, 1, 15))  # no check by then
    i4 = _finished("Open end", 3.0, people=[ada, carl])  # no end: the latest checks
    initiatives.create(name="Running", status="active", user_satisfaction=5, stakeholder_ids=[ada])
    _finished("Unmeasured", None, people=[ada])
    three = outcome_series.trust_vs_outcomes()
    assert three.measure == "user_satisfaction"
    got = {p.initiative_id: (p.mean_quotient, p.outcome) for p in three.points}
    assert got == {
        i1: pytest.approx(((3 + 1) / 2, 4.0)),
        i2: pytest.approx((6.0, 5.0)),
        i4: pytest.approx(((6 + 6) / 2, 3.0)),
    }
    assert three.r is None  # fewer than five points

    i7 = _finished("Seven", 1.0, people=[bea], end=D(2026, 3, 15))
    i8 = _finished("Eight", 4.5, sponsor=carl, end=D(2026, 3, 1))
    five = outcome_series.trust_vs_outcomes()
    got = {p.initiative_id: (p.mean_quotient, p.outcome) for p in five.points}
    assert set(got) == {i1, i2, i4, i7, i8}
    assert got[i7] == pytest.approx((1.0, 1.0))
    assert got[i8] == pytest.approx((6.0, 4.5))
    xs = [2.0, 6.0, 6.0, 1.0, 6.0]
    ys = [4.0, 5.0, 3.0, 1.0, 4.5]
    assert five.r == pytest.approx(statistics.correlation(xs, ys))
    assert five.r == pytest.approx(0.6668, abs=1e-4)
    with pytest.raises(ValueError):
        outcome_series.trust_vs_outcomes(measure="vibes")


def test_trust_vs_outcomes_on_other_measures(data):
    ada = data["ada"]
    initiatives.create(
        name="On time", status="finished", stakeholder_ids=[ada], on_time=True, defect_count=7
    )
    on_time = outcome_series.trust_vs_outcomes(measure="on_time")
    assert [(p.mean_quotient, p.outcome) for p in on_time.points] == [(6.0, 1.0)]
    defects = outcome_series.trust_vs_outcomes(measure="defect_count")
    assert [p.outcome for p in defects.points] == [7.0]


def test_trust_vs_outcomes_with_fractional_quotients(db, today):
    who = stakeholders.create(name="Sponsor").id
    trust_checks.create(
        stakeholder_id=who,
        checked_on=D(2026, 3, 2),
        credibility=5,
        reliability=5,
        intimacy=5,
        self_orientation=2,
    )  # q = 7.5
    _finished("Project", 4.0, sponsor=who)
    points = outcome_series.trust_vs_outcomes().points
    assert [(p.mean_quotient, p.outcome) for p in points] == [(7.5, 4.0)]
