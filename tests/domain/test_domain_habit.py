"""Tests of Loop Habit Tracker's habit strength."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from advisor_planner.domain.habit import (
    habit_multiplier,
    habit_strength_series,
    longest_streak,
    next_habit_score,
    streak,
    weekly_habit_strength,
)

DAILY_M = 0.9480775  # 0.5 ** (1/13)
WEEKLY_M = 0.9800490  # 0.5 ** (sqrt(1/7)/13)


def test_multiplier():
    assert habit_multiplier(1) == pytest.approx(DAILY_M, abs=1e-7)
    assert habit_multiplier(1 / 7) == pytest.approx(WEEKLY_M, abs=1e-7)


@pytest.mark.parametrize("bad", [0, -1, 1.5, math.nan, True, "1"])
def test_multiplier_rejects_bad_frequency(bad):
    with pytest.raises(ValueError, match="frequency"):
        habit_multiplier(bad)


@pytest.mark.parametrize(
    ("previous", "done", "expected"),
    [
        (0.0, 1, 1 - DAILY_M),
        (1.0, 0, DAILY_M),
        (0.5, True, 0.5259612),  # 0.5 m + (1 − m) = 1 − 0.5 m
        (0.5, False, 0.4740388),
        (1.0, 1.0, 1.0),
        (0.0, 0.5, 0.0259612),  # partial done
    ],
)
def test_next_score(previous, done, expected):
    assert next_habit_score(previous, done, 1.0) == pytest.approx(expected, abs=1e-7)


@pytest.mark.parametrize(("previous", "done", "name"), [(1.5, 1, "previous"), (0, 2, "done")])
def test_next_score_rejects_out_of_range(previous, done, name):
    with pytest.raises(ValueError, match=name):
        next_habit_score(previous, done, 1.0)


def test_series_empty():
    assert habit_strength_series([]) == []
    assert weekly_habit_strength([]) == []


def test_series_one_point():
    assert habit_strength_series([True]) == pytest.approx([1 - DAILY_M])


def test_series_all_missed_stays_zero():
    assert habit_strength_series([False] * 10) == [0.0] * 10


def test_daily_habit_reaches_eighty_percent_in_a_month():
    series = habit_strength_series([True] * 30)
    assert series[-1] == pytest.approx(0.798017, abs=1e-6)  # 1 − 0.5^(30/13)
    assert habit_strength_series([True] * 31)[-1] > 0.8


def test_series_rejects_bad_done():
    with pytest.raises(ValueError, match=r"done\[1\]"):
        habit_strength_series([True, 3])


def test_weekly_first_week():
    assert weekly_habit_strength([True]) == pytest.approx([0.131570], abs=1e-6)  # 1 − m⁷


def test_weekly_reaches_eighty_percent_in_about_three_months():
    series = weekly_habit_strength([True] * 12)
    assert series[10] == pytest.approx(0.788, abs=1e-3)
    assert series[11] == pytest.approx(0.816, abs=1e-3)
    assert series[10] < 0.8 < series[11]


def test_missed_week_costs_less_than_a_reset():
    series = weekly_habit_strength([True] * 12 + [False])
    assert series[-1] == pytest.approx(0.816 * 0.86843, abs=1e-3)
    assert series[-1] > 0.7
    assert streak([True] * 12 + [False]) == 0


def test_weekly_equals_daily_evaluation():
    weeks = [True, False, True, True]
    days = [day for week in weeks for day in [week] * 7]
    daily = habit_strength_series(days, 1 / 7)
    assert weekly_habit_strength(weeks) == pytest.approx(daily[6::7])


@pytest.mark.parametrize(
    ("weeks", "current", "longest"),
    [
        ([], 0, 0),
        ([True], 1, 1),
        ([False], 0, 0),
        ([True, False], 0, 1),
        ([True, True, False, True, True, True], 3, 3),
        ([True, True, True, False, True], 1, 3),
        ([True, True, False, True, True], 2, 2),  # tie
    ],
)
def test_streaks(weeks, current, longest):
    assert streak(weeks) == current
    assert longest_streak(weeks) == longest


@given(st.lists(st.booleans(), max_size=200), st.floats(0.01, 1))
def test_series_bounded(done, frequency):
    series = habit_strength_series(done, frequency)
    assert len(series) == len(done)
    assert all(0.0 <= score <= 1.0 for score in series)


@given(st.lists(st.booleans(), min_size=1, max_size=60), st.data())
def test_doing_more_never_lowers_strength(weeks, data):
    index = data.draw(st.integers(0, len(weeks) - 1))
    better = list(weeks)
    better[index] = True
    for worse_score, better_score in zip(
        weekly_habit_strength(weeks), weekly_habit_strength(better), strict=True
    ):
        assert worse_score <= better_score


@given(st.lists(st.booleans(), max_size=60))
def test_streak_bounds(weeks):
    assert 0 <= streak(weeks) <= longest_streak(weeks) <= len(weeks)
