"""The rolling follow-through rate (``insights.promise_series``)."""

from __future__ import annotations

from datetime import date

import pytest

from advisor_planner.services.insights import promise_series

D = date


# -- follow-through ---------------------------------------------------------------------------
def test_follow_through_rolling_rates(data):
    ft = promise_series.follow_through(start=D(2026, 2, 1), end=D(2026, 3, 15))
    assert ft.week_ends == [
        D(2026, 2, 1),
        D(2026, 2, 8),
        D(2026, 2, 15),
        D(2026, 2, 22),
        D(2026, 3, 1),
        D(2026, 3, 8),
        D(2026, 3, 15),
    ]
    # 1 Feb, 8 Feb: K1 kept.  15 Feb: + K2 late.  22 Feb: + K3 overdue.  1 Mar: K3 closed late
    # (K4 not overdue until after its due day).  8 Mar: + K4 overdue.  15 Mar: + K5 kept.
    assert ft.rates == pytest.approx([1.0, 1.0, 1 / 2, 1 / 3, 1 / 3, 1 / 4, 2 / 5])
    assert ft.considered == [1, 1, 2, 3, 3, 4, 5]
    assert ft.overdue_now == 1  # K4
    assert ft.window_days == 90


def test_follow_through_clamps_a_week_end_after_today_and_filters_by_person(data):
    ft = promise_series.follow_through(start=D(2026, 3, 1), end=D(2026, 3, 22))
    assert ft.week_ends == [D(2026, 3, 1), D(2026, 3, 8), D(2026, 3, 15), D(2026, 3, 20)]
    assert ft.rates == pytest.approx([1 / 3, 1 / 4, 2 / 5, 2 / 5])
    bea = promise_series.follow_through(
        start=D(2026, 2, 15), end=D(2026, 3, 15), stakeholder_id=data["bea"]
    )
    # Bea: K3 overdue from 21 Feb, closed late 25 Feb; K4 overdue from 2 March.
    assert bea.rates == [None, 0.0, 0.0, 0.0, 0.0]
    assert bea.considered == [0, 1, 1, 2, 2]
    # A 30-day window forgets Ada's January promise (K1, closed 18 January) by 1 March.
    short = promise_series.follow_through(start=D(2026, 3, 1), end=D(2026, 3, 15), window_days=30)
    assert short.rates == pytest.approx([0 / 2, 0 / 3, 1 / 4])


def test_follow_through_ending_today_includes_this_week(data):
    ft = promise_series.follow_through(start=D(2026, 3, 1), end=D(2026, 3, 20))
    assert ft.week_ends[-1] == D(2026, 3, 20)
