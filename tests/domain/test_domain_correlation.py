"""Tests of Pearson's correlation."""

from __future__ import annotations

import math

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from advisor_planner.domain.correlation import MIN_POINTS_FOR_CORRELATION, pearson_r


def test_minimum():
    assert MIN_POINTS_FOR_CORRELATION == 5


def test_lengths_differ():
    with pytest.raises(ValueError, match="same length"):
        pearson_r([1, 2, 3, 4, 5], [1, 2, 3, 4])


@pytest.mark.parametrize("n", [0, 1, 4])
def test_too_few_points(n):
    assert pearson_r(list(range(n)), list(range(n))) is None


def test_zero_variance():
    assert pearson_r([3, 3, 3, 3, 3], [1, 2, 3, 4, 5]) is None
    assert pearson_r([1, 2, 3, 4, 5], [0.1] * 5) is None


def test_perfect():
    assert pearson_r([1, 2, 3, 4, 5], [2, 4, 6, 8, 10]) == pytest.approx(1.0)
    assert pearson_r([1, 2, 3, 4, 5], [10, 8, 6, 4, 2]) == pytest.approx(-1.0)


def test_hand_computed():
    # dx = −2..2, dy = −1, −2, 1, 0, 2: Σdxdy = 8, Σdx² = 10, Σdy² = 10
    assert pearson_r([1, 2, 3, 4, 5], [2, 1, 4, 3, 5]) == pytest.approx(0.8)


def test_ties():
    # xs 1,1,2,2,3 (x̄ 1.8), ys 1,2,1,2,3 (ȳ 1.8): Σdxdy = 1.8, Σdx² = 2.8, Σdy² = 2.8
    assert pearson_r([1, 1, 2, 2, 3], [1, 2, 1, 2, 3]) == pytest.approx(0.6428571)


@pytest.mark.parametrize("bad", [math.nan, math.inf, True, "1", None])
def test_bad_values(bad):
    with pytest.raises(ValueError, match="xs"):
        pearson_r([1, 2, 3, 4, bad], [1, 2, 3, 4, 5])


values = st.floats(-1e6, 1e6)


@given(st.lists(st.tuples(values, values), min_size=5, max_size=40))
def test_bounds_and_symmetry(pairs):
    xs = [x for x, _ in pairs]
    ys = [y for _, y in pairs]
    r = pearson_r(xs, ys)
    assert r == pearson_r(ys, xs)
    if r is not None:
        assert -1.0 <= r <= 1.0


@given(
    st.lists(st.tuples(st.integers(-100, 100), st.integers(-100, 100)), min_size=5, max_size=30),
    st.floats(0.5, 10),
    st.floats(-50, 50),
)
def test_invariant_under_positive_scaling(pairs, scale, shift):
    xs = [float(x) for x, _ in pairs]
    ys = [float(y) for _, y in pairs]
    r = pearson_r(xs, ys)
    assume(r is not None)
    assert pearson_r([x * scale + shift for x in xs], ys) == pytest.approx(r, abs=1e-9)
