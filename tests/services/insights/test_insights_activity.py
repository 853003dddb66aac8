"""Touchpoint activity per day, channel and week (``insights.activity_series``), and one
week's evidence drawn from it."""

from __future__ import annotations

from datetime import date

from advisor_planner.services.insights import activity_series

D = date


# -- activity ---------------------------------------------------------------------------------
def test_activity_per_day_and_per_week(data):
    act = activity_series.activity(start=D(2026, 3, 1), end=D(2026, 3, 20))
    assert act.by_day_channel == {
        (D(2026, 3, 2), "one_on_one"): 1,
        (D(2026, 3, 4), "meeting"): 1,
        (D(2026, 3, 4), "email"): 1,
        (D(2026, 3, 11), "call"): 1,
        (D(2026, 3, 16), "one_on_one"): 1,
    }
    assert act.per_day() == {
        D(2026, 3, 2): 1,
        D(2026, 3, 4): 2,
        D(2026, 3, 11): 1,
        D(2026, 3, 16): 1,
    }
    assert act.total == 5
    weeks, counts = act.per_week()
    assert weeks == [D(2026, 2, 23), D(2026, 3, 2), D(2026, 3, 9), D(2026, 3, 16)]
    assert counts == {
        "one_on_one": [0, 1, 0, 1],
        "meeting": [0, 1, 0, 0],
        "email": [0, 1, 0, 0],
        "call": [0, 0, 1, 0],
    }
    # The February touchpoint with Bea falls outside the range.
    assert activity_series.activity(start=D(2026, 2, 1), end=D(2026, 2, 28)).total == 1


def test_week_evidence_of_a_past_week(data):
    from advisor_planner.services import evidence

    week = evidence.week_evidence(week="2026-W10")  # 2–8 March
    assert week.touchpoints_by_channel == {"one_on_one": 1, "meeting": 1, "email": 1}
