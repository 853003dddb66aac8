"""Tests of the trust equation and its 0–100 scale."""

from __future__ import annotations

import dataclasses
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from advisor_planner.domain.trust import (
    FACTOR_MAX,
    FACTOR_MIN,
    TRUST_QUOTIENT_FORMULA,
    UNEVEN_SPREAD,
    TrustReading,
    is_uneven,
    read_trust,
    trust_quotient,
    trust_scale_100,
)

factors = st.integers(min_value=FACTOR_MIN, max_value=FACTOR_MAX)
LOG2_STEP = 100 * math.log(2) / math.log(100)  # 15.0515 points per doubling


def test_constants():
    assert (FACTOR_MIN, FACTOR_MAX, UNEVEN_SPREAD) == (1, 10, 4)
    assert TRUST_QUOTIENT_FORMULA == (
        "Trust quotient = (Credibility + Reliability + Intimacy) / Self-orientation"
    )


@pytest.mark.parametrize(
    ("c", "r", "i", "s", "expected"),
    [
        (8, 7, 6, 4, 5.25),
        (1, 1, 1, 10, 0.3),
        (10, 10, 10, 1, 30.0),
        (7.5, 7.5, 5, 2.5, 8.0),
        (5, 5, 5, 5, 3.0),
    ],
)
def test_trust_quotient(c, r, i, s, expected):
    assert trust_quotient(c, r, i, s) == pytest.approx(expected)


@pytest.mark.parametrize("bad", [0, 11, 10.5, 0.99, math.nan, True, "5", None])
@pytest.mark.parametrize("position", range(4))
def test_trust_quotient_rejects_out_of_range(bad, position):
    names = ("credibility", "reliability", "intimacy", "self_orientation")
    args = [5, 5, 5, 5]
    args[position] = bad
    with pytest.raises(ValueError, match=names[position]):
        trust_quotient(*args)


@pytest.mark.parametrize(
    ("quotient", "expected"),
    [
        (0.3, 0.0),
        (3, 50.0),
        (30, 100.0),
        (0.6, 15.0515),
        (5.25, 62.1519),  # 100 × ln(17.5) / ln(100)
        (0.1, 0.0),  # below the range: clamped
        (300.0, 100.0),  # above the range: clamped
    ],
)
def test_trust_scale_100(quotient, expected):
    assert trust_scale_100(quotient) == pytest.approx(expected, abs=1e-4)


@pytest.mark.parametrize("bad", [0, -1.0, math.nan, math.inf, True, "3", None])
def test_trust_scale_100_rejects_non_positive(bad):
    with pytest.raises(ValueError, match="quotient"):
        trust_scale_100(bad)


@given(c=factors, r=factors, i=factors, s=factors)
def test_scale_within_bounds(c, r, i, s):
    assert 0.0 <= trust_scale_100(trust_quotient(c, r, i, s)) <= 100.0


@given(q=st.floats(min_value=0.3, max_value=15.0))
def test_doubling_the_quotient_always_adds_the_same_points(q):
    assert trust_scale_100(2 * q) - trust_scale_100(q) == pytest.approx(LOG2_STEP, abs=1e-9)


def test_halving_self_orientation_moves_score_as_much_as_doubling_numerators():
    base = trust_scale_100(trust_quotient(2, 2, 2, 8))
    halved_s = trust_scale_100(trust_quotient(2, 2, 2, 4))
    doubled_n = trust_scale_100(trust_quotient(4, 4, 4, 8))
    assert halved_s - base == pytest.approx(LOG2_STEP)
    assert doubled_n - base == pytest.approx(LOG2_STEP)


@given(a=st.floats(min_value=0.01, max_value=100), b=st.floats(min_value=0.01, max_value=100))
def test_scale_is_monotonic(a, b):
    low, high = sorted((a, b))
    assert trust_scale_100(low) <= trust_scale_100(high)


@pytest.mark.parametrize(
    ("c", "r", "i", "expected"),
    [
        (10, 6, 8, True),  # spread exactly 4
        (9, 6, 8, False),  # spread 3
        (5, 5, 5, False),
        (1, 5, 1, True),
        (2.5, 6.5, 4, True),
    ],
)
def test_is_uneven(c, r, i, expected):
    assert is_uneven(c, r, i) is expected


def test_is_uneven_rejects_out_of_range():
    with pytest.raises(ValueError, match="intimacy"):
        is_uneven(5, 5, 12)


def test_read_trust():
    reading = read_trust(8, 7, 6, 4)
    assert reading == TrustReading(
        quotient=5.25, score_100=pytest.approx(62.1519, abs=1e-4), uneven=False, weakest="intimacy"
    )


def test_read_trust_uneven():
    reading = read_trust(10, 3, 7, 5)
    assert reading.quotient == pytest.approx(4.0)
    assert reading.score_100 == pytest.approx(56.2469, abs=1e-4)  # 100 × ln(40/3) / ln(100)
    assert reading.uneven is True
    assert reading.weakest == "reliability"


@pytest.mark.parametrize(
    ("c", "r", "i", "weakest"),
    [
        (5, 5, 9, "credibility"),
        (9, 5, 5, "reliability"),
        (4, 9, 4, "credibility"),
        (6, 6, 6, "credibility"),
        (9, 8, 1, "intimacy"),
    ],
)
def test_read_trust_weakest_ties_go_to_first(c, r, i, weakest):
    assert read_trust(c, r, i, 5).weakest == weakest


def test_read_trust_rejects_out_of_range():
    with pytest.raises(ValueError, match="self_orientation"):
        read_trust(5, 5, 5, 0)


def test_reading_is_frozen():
    reading = read_trust(5, 5, 5, 5)
    with pytest.raises(dataclasses.FrozenInstanceError):
        reading.quotient = 1.0  # type: ignore[misc]
