"""Tests of the trust index over time."""

from __future__ import annotations

import random
import time
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from advisor_planner.domain.trust import trust_scale_100
from advisor_planner.domain.trust_index import (
    TRUST_INDEX_FORMULA,
    TrustPoint,
    trust_index_change,
    trust_index_series,
)

WEEKS = [date(2024, 6, 2), date(2024, 6, 9), date(2024, 6, 16), date(2024, 6, 23)]


def test_formula_text():
    assert "power × interest" in TRUST_INDEX_FORMULA


def test_no_points():
    assert trust_index_series([], {1: 12}, WEEKS) == [None] * 4


def test_no_weeks():
    assert trust_index_series([TrustPoint(1, date(2024, 6, 1), 3.0)], {1: 12}, []) == []


def test_one_point():
    series = trust_index_series([TrustPoint(1, date(2024, 6, 5), 3.0)], {1: 12}, WEEKS)
    assert series == [None, pytest.approx(50.0), pytest.approx(50.0), pytest.approx(50.0)]


def test_point_on_the_week_end_counts():
    series = trust_index_series([TrustPoint(1, date(2024, 6, 9), 30.0)], {1: 12}, WEEKS)
    assert series == [None, 100.0, 100.0, 100.0]


def test_weighted_mean_and_updates():
    points = [
        TrustPoint(1, date(2024, 6, 12), 0.3),  # A falls to 0 (given out of order)
        TrustPoint(1, date(2024, 6, 1), 3.0),  # A: 50
        TrustPoint(2, date(2024, 6, 8), 30.0),  # B: 100
        TrustPoint(1, date(2024, 6, 10), 30.0),  # A rises to 100
    ]
    weights = {1: 20, 2: 5}
    series = trust_index_series(points, weights, WEEKS)
    # 6/2: A only → 50; 6/9: (20×50 + 5×100)/25 = 60; 6/16: A is 0 → (0 + 500)/25 = 20
    assert series == pytest.approx([50.0, 60.0, 20.0, 20.0])


def test_ignored_weights_and_stakeholders():
    points = [
        TrustPoint(1, date(2024, 6, 1), 3.0),
        TrustPoint(2, date(2024, 6, 1), 30.0),  # weight 0
        TrustPoint(3, date(2024, 6, 1), 30.0),  # negative weight
        TrustPoint(4, date(2024, 6, 1), 30.0),  # not in weights
    ]
    series = trust_index_series(points, {1: 4.0, 2: 0, 3: -5}, WEEKS[:1])
    assert series == [pytest.approx(50.0)]


def test_only_ignored_stakeholders_gives_none():
    points = [TrustPoint(2, date(2024, 6, 1), 30.0)]
    assert trust_index_series(points, {2: 0}, WEEKS[:2]) == [None, None]


def test_same_date_later_point_wins():
    points = [TrustPoint(1, date(2024, 6, 1), 3.0), TrustPoint(1, date(2024, 6, 1), 30.0)]
    assert trust_index_series(points, {1: 1}, WEEKS[:1]) == [pytest.approx(100.0)]


def test_week_ends_in_any_order():
    points = [TrustPoint(1, date(2024, 6, 5), 3.0), TrustPoint(1, date(2024, 6, 12), 30.0)]
    series = trust_index_series(points, {1: 1}, [WEEKS[2], WEEKS[0], WEEKS[1]])
    assert series == [pytest.approx(100.0), None, pytest.approx(50.0)]


def test_bad_quotient():
    with pytest.raises(ValueError, match="quotient"):
        trust_index_series([TrustPoint(1, date(2024, 6, 1), 0.0)], {1: 1}, WEEKS)


def brute_force(points, weights, week_ends):
    result = []
    for week_end in week_ends:
        latest = {}
        for point in sorted(points, key=lambda p: p.on):
            if point.on <= week_end and weights.get(point.stakeholder_id, 0) > 0:
                latest[point.stakeholder_id] = trust_scale_100(point.quotient)
        total = sum(weights[sid] for sid in latest)
        result.append(
            sum(weights[sid] * score for sid, score in latest.items()) / total if latest else None
        )
    return result


point_strategy = st.builds(
    TrustPoint,
    stakeholder_id=st.integers(1, 6),
    on=st.dates(date(2024, 1, 1), date(2024, 3, 31)),
    quotient=st.floats(0.3, 30),
)


@given(
    st.lists(point_strategy, max_size=40),
    st.dictionaries(st.integers(1, 6), st.integers(-2, 25)),
    st.lists(st.dates(date(2023, 12, 1), date(2024, 4, 30)), max_size=20),
)
def test_matches_brute_force(points, weights, week_ends):
    series = trust_index_series(points, weights, week_ends)
    expected = brute_force(points, weights, week_ends)
    assert len(series) == len(expected)
    for got, want in zip(series, expected, strict=True):
        if want is None:
            assert got is None
        else:
            assert got == pytest.approx(want, abs=1e-9)
            assert 0.0 <= got <= 100.0


def test_fast_enough():
    rng = random.Random(7)
    start = date(2015, 1, 4)
    week_ends = [start + timedelta(weeks=k) for k in range(520)]
    weights = {sid: rng.randint(1, 5) * rng.randint(1, 5) for sid in range(1000)}
    points = [
        TrustPoint(
            rng.randrange(1000), start + timedelta(days=rng.randrange(3640)), rng.uniform(0.3, 30)
        )
        for _ in range(5000)
    ]
    best = float("inf")
    for _ in range(3):
        began = time.perf_counter()
        series = trust_index_series(points, weights, week_ends)
        best = min(best, time.perf_counter() - began)
    assert len(series) == 520
    assert best < 0.05


@pytest.mark.parametrize(
    ("series", "expected"),
    [
        ([], None),
        ([None, None], None),
        ([None, 50.0], None),
        ([60.0, 50.0], -10.0),
        ([None, 40.0, None, 55.0, None], 15.0),
        ([50.0, 70.0, 50.0], 0.0),
    ],
)
def test_change(series, expected):
    assert trust_index_change(series) == expected
