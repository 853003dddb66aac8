"""The least-squares line y = a + b·x drawn through the trust-vs-outcomes scatter."""

from __future__ import annotations

import pytest

from advisor_planner.domain.correlation import least_squares


def test_least_squares_by_hand():
    # x̄ = 10 / 4 = 2.5, ȳ = 16 / 4 = 4; x − x̄ = −1.5, −0.5, 0.5, 1.5; y − ȳ = −2, −1, 1, 2.
    # Σ(x − x̄)(y − ȳ) = 3 + 0.5 + 0.5 + 3 = 7; Σ(x − x̄)² = 2.25 + 0.25 + 0.25 + 2.25 = 5.
    # b = 7 / 5 = 1.4; a = 4 − 1.4 × 2.5 = 0.5.
    a, b = least_squares([1, 2, 3, 4], [2, 3, 5, 6])
    assert a == pytest.approx(0.5)
    assert b == pytest.approx(1.4)


def test_least_squares_through_points_on_a_falling_line():
    # y = 10 − 2x exactly, in no particular order of x.
    a, b = least_squares([3.0, 0.0, 5.0], [4.0, 10.0, 0.0])
    assert (a, b) == (pytest.approx(10.0), pytest.approx(-2.0))


def test_least_squares_of_two_points_is_the_line_through_them():
    # Through (1, 1) and (3, 2): b = (2 − 1) / (3 − 1) = 0.5; a = 1 − 0.5 × 1 = 0.5.
    assert least_squares([1, 3], [1, 2]) == (pytest.approx(0.5), pytest.approx(0.5))


def test_least_squares_with_y_not_varying_is_flat():
    # Σ(x − x̄)(y − ȳ) = 0 → b = 0; a = ȳ = 7.
    assert least_squares([1, 2, 4], [7, 7, 7]) == (pytest.approx(7.0), pytest.approx(0.0))


@pytest.mark.parametrize(
    ("xs", "ys"),
    [
        ([], []),  # no pairs
        ([2.0], [5.0]),  # one pair
        ([3, 3, 3], [1, 2, 3]),  # x does not vary: Σ(x − x̄)² = 0
    ],
)
def test_least_squares_none_without_a_line(xs, ys):
    assert least_squares(xs, ys) is None


def test_least_squares_refuses_different_lengths():
    with pytest.raises(ValueError, match="same length"):
        least_squares([1, 2, 3], [1, 2])
