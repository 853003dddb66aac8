"""Habit strength, as Loop Habit Tracker computes it.

score = previous × m + done × (1 − m), with m = 0.5^(√frequency / 13) and frequency in times per
day (1 for a daily habit, 1/7 for a weekly one). The score is an exponential moving average: it
rises towards 1 while the habit is kept and decays slowly when it is not, so one miss costs
little while a streak counter would drop to zero.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from advisor_planner.translation import QT_TRANSLATE_NOOP, translate

WEEKLY_FREQUENCY = 1 / 7
DAYS_PER_WEEK = 7

HABIT_FORMULA = QT_TRANSLATE_NOOP(
    "Formula", "Strength = previous × m + done × (1 − m), m = 0.5^(√frequency / 13)"
)


def habit_formula() -> str:
    """``HABIT_FORMULA`` in the user's language."""
    return translate("Formula", HABIT_FORMULA)


def _frequency(frequency: float) -> float:
    if (
        isinstance(frequency, bool)
        or not isinstance(frequency, (int, float))
        or not 0 < frequency <= 1
    ):
        raise ValueError(f"frequency must be in (0, 1] times per day, got {frequency!r}")
    return float(frequency)


def _unit(name: str, value: float) -> float:
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if not isinstance(value, (int, float)) or not 0 <= value <= 1:
        raise ValueError(f"{name} must be a bool or a number from 0 to 1, got {value!r}")
    return float(value)


def habit_multiplier(frequency: float) -> float:
    """m = 0.5^(√frequency / 13), frequency in times per day within (0, 1].

    For a daily habit m ≈ 0.948, so each day a kept habit closes about 5 % of the gap to 100 %.
    """
    return float(0.5 ** (math.sqrt(_frequency(frequency)) / 13))


def next_habit_score(previous: float, done: float, frequency: float) -> float:
    """score = previous × m + done × (1 − m), with m = 0.5^(√frequency / 13).

    previous and done are within 0..1 (done may be a bool).
    """
    m = habit_multiplier(frequency)
    return _unit("previous", previous) * m + _unit("done", done) * (1 - m)


def habit_strength_series(done: Sequence[bool | float], frequency: float = 1.0) -> list[float]:
    """scoreₙ = scoreₙ₋₁ × m + doneₙ × (1 − m), from score₀ = 0, one step per element.

    m = 0.5^(√frequency / 13). Returns one score per element of ``done``.
    """
    m = habit_multiplier(frequency)
    score = 0.0
    series: list[float] = []
    for index, value in enumerate(done):
        score = score * m + _unit(f"done[{index}]", value) * (1 - m)
        series.append(score)
    return series


def weekly_habit_strength(done_weeks: Sequence[bool]) -> list[float]:
    """Strength of a weekly habit at the end of each week, evaluated day by day as Loop does.

    frequency = 1/7, so m = 0.5^(√(1/7) / 13) per day; every day of a done week counts as done
    and every day of a missed week as not done: scoreₜ = scoreₜ₋₁ × m + doneₜ × (1 − m), from 0.
    A daily habit kept perfectly reaches ~80 % in a month; this weekly one reaches ~80 % in about
    three months (12 weeks), and a missed week costs about 13 % of the score (m⁷ ≈ 0.868), far
    less than resetting a streak to zero.
    """
    m = habit_multiplier(WEEKLY_FREQUENCY)
    score = 0.0
    series: list[float] = []
    for index, week in enumerate(done_weeks):
        value = _unit(f"done_weeks[{index}]", week)
        for _ in range(DAYS_PER_WEEK):
            score = score * m + value * (1 - m)
        series.append(score)
    return series


def streak(done_weeks: Sequence[bool]) -> int:
    """Current streak = number of consecutive done elements counting back from the last one."""
    count = 0
    for week in reversed(done_weeks):
        if not week:
            break
        count += 1
    return count


def longest_streak(done_weeks: Sequence[bool]) -> int:
    """Longest streak = the longest run of consecutive done elements anywhere."""
    best = current = 0
    for week in done_weeks:
        current = current + 1 if week else 0
        best = max(best, current)
    return best
