"""Trust and outcomes: Pearson's correlation between mean trust and an outcome measure.

r = Σ (x − x̄)(y − ȳ) / √(Σ (x − x̄)² × Σ (y − ȳ)²), shown only once there are 5 or more pairs.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from advisor_planner.translation import QT_TRANSLATE_NOOP, translate

MIN_POINTS_FOR_CORRELATION = 5

CORRELATION_FORMULA = QT_TRANSLATE_NOOP(
    "Formula", "r = Σ(x − x̄)(y − ȳ) / √(Σ(x − x̄)² · Σ(y − ȳ)²), from 5 pairs on"
)


def correlation_formula() -> str:
    """``CORRELATION_FORMULA`` in the user's language."""
    return translate("Formula", CORRELATION_FORMULA)


def _check_pairs(xs: Sequence[float], ys: Sequence[float]) -> None:
    if len(xs) != len(ys):
        raise ValueError(f"xs and ys must have the same length, got {len(xs)} and {len(ys)}")
    for name, values in (("xs", xs), ("ys", ys)):
        for v in values:
            if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v):
                raise ValueError(f"{name} must hold finite numbers, got {v!r}")


def pearson_r(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Pearson's r = Σ (x − x̄)(y − ȳ) / √(Σ (x − x̄)² × Σ (y − ȳ)²), within −1..1.

    None when there are fewer than 5 (MIN_POINTS_FOR_CORRELATION) pairs or when either series
    does not vary. Raises ValueError when the lengths differ or a value is not a finite number.
    """
    _check_pairs(xs, ys)
    n = len(xs)
    if n < MIN_POINTS_FOR_CORRELATION:
        return None
    if all(x == xs[0] for x in xs) or all(y == ys[0] for y in ys):
        return None
    mx = math.fsum(xs) / n
    my = math.fsum(ys) / n
    dx = [x - mx for x in xs]
    dy = [y - my for y in ys]
    sxx = math.fsum(d * d for d in dx)
    syy = math.fsum(d * d for d in dy)
    if sxx == 0 or syy == 0:
        return None
    sxy = math.fsum(a * b for a, b in zip(dx, dy, strict=True))
    r = sxy / (math.sqrt(sxx) * math.sqrt(syy))
    return max(-1.0, min(1.0, r))


LEAST_SQUARES_FORMULA = QT_TRANSLATE_NOOP(
    "Formula", "y = a + b·x, b = Σ(x − x̄)(y − ȳ) / Σ(x − x̄)², a = ȳ − b·x̄"
)


def least_squares_formula() -> str:
    """``LEAST_SQUARES_FORMULA`` in the user's language."""
    return translate("Formula", LEAST_SQUARES_FORMULA)


def least_squares(xs: Sequence[float], ys: Sequence[float]) -> tuple[float, float] | None:
    """The straight line y = a + b·x that fits the pairs best, as (a, b).

    b = Σ (x − x̄)(y − ȳ) / Σ (x − x̄)², a = ȳ − b·x̄. None with fewer than two pairs or when x
    does not vary. Raises ValueError when the lengths differ or a value is not a finite number.
    """
    _check_pairs(xs, ys)
    n = len(xs)
    if n < 2:
        return None
    mx = math.fsum(xs) / n
    my = math.fsum(ys) / n
    sxx = math.fsum((x - mx) ** 2 for x in xs)
    if sxx == 0:
        return None
    b = math.fsum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sxx
    return my - b * mx, b
