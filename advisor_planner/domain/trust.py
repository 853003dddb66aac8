"""The trust equation (Maister, Green & Galford): how far a stakeholder can trust me.

Trust quotient = (Credibility + Reliability + Intimacy) / Self-orientation, each factor rated 1-10,
so the quotient runs from 0.3 (3 / 10) to 30 (30 / 1). It is also shown on a logarithmic 0-100
scale, with a warning when the three numerators are uneven (they differ by 4 or more).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from advisor_planner.translation import QT_TRANSLATE_NOOP, translate

FACTOR_MIN = 1
FACTOR_MAX = 10
UNEVEN_SPREAD = 4

QUOTIENT_MIN = 3 * FACTOR_MIN / FACTOR_MAX  # 0.3
QUOTIENT_MAX = 3 * FACTOR_MAX / FACTOR_MIN  # 30.0

TRUST_QUOTIENT_FORMULA = QT_TRANSLATE_NOOP(
    "Formula",
    "Trust quotient = (Credibility + Reliability + Intimacy) / Self-orientation",
)


def trust_quotient_formula() -> str:
    """``TRUST_QUOTIENT_FORMULA`` in the user's language."""
    return translate("Formula", TRUST_QUOTIENT_FORMULA)


TRUST_SCALE_FORMULA = QT_TRANSLATE_NOOP(
    "Formula", "Score = 100 × ln(quotient / 0.3) / ln(100), kept within 0–100"
)


def trust_scale_formula() -> str:
    """``TRUST_SCALE_FORMULA`` in the user's language."""
    return translate("Formula", TRUST_SCALE_FORMULA)


NUMERATORS = ("credibility", "reliability", "intimacy")


def _factor(name: str, value: float) -> float:
    """Return ``value`` as a float if it is a number from FACTOR_MIN to FACTOR_MAX."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(
            f"{name} must be a number from {FACTOR_MIN} to {FACTOR_MAX}, got {value!r}"
        )
    if not FACTOR_MIN <= value <= FACTOR_MAX:
        raise ValueError(f"{name} must be from {FACTOR_MIN} to {FACTOR_MAX}, got {value!r}")
    return float(value)


def trust_quotient(
    credibility: float, reliability: float, intimacy: float, self_orientation: float
) -> float:
    """Trust quotient = (Credibility + Reliability + Intimacy) / Self-orientation.

    Each factor is rated from 1 to 10 (ints or floats; bools are refused), so the quotient runs
    from 0.3 to 30. Raises ValueError naming the factor that is out of range.
    """
    c = _factor("credibility", credibility)
    r = _factor("reliability", reliability)
    i = _factor("intimacy", intimacy)
    s = _factor("self_orientation", self_orientation)
    return (c + r + i) / s


def trust_scale_100(quotient: float) -> float:
    """Score = 100 × ln(quotient / 0.3) / ln(100), clamped to 0–100.

    This maps the quotient's range 0.3–30 onto 0–100 on a logarithmic scale: 0.3 → 0, 3 → 50,
    30 → 100. The scale is logarithmic because the quotient is a ratio: halving self-orientation
    doubles the quotient exactly as doubling the sum of the numerators does, so both should move
    the score by the same amount (here 100 × ln 2 / ln 100 ≈ 15 points), wherever one starts.
    Raises ValueError when the quotient is not a positive number.
    """
    if isinstance(quotient, bool) or not isinstance(quotient, (int, float)):
        raise ValueError(f"quotient must be a positive number, got {quotient!r}")
    if not quotient > 0 or math.isinf(quotient):
        raise ValueError(f"quotient must be a positive number, got {quotient!r}")
    score = 100.0 * math.log(quotient / QUOTIENT_MIN) / math.log(QUOTIENT_MAX / QUOTIENT_MIN)
    return min(100.0, max(0.0, score))


def is_uneven(credibility: float, reliability: float, intimacy: float) -> bool:
    """Uneven when max(C, R, I) − min(C, R, I) ≥ 4 (UNEVEN_SPREAD).

    A high quotient built on one strong factor and one weak one hides a weakness worth working on.
    """
    values = (
        _factor("credibility", credibility),
        _factor("reliability", reliability),
        _factor("intimacy", intimacy),
    )
    return max(values) - min(values) >= UNEVEN_SPREAD


@dataclass(frozen=True, slots=True)
class TrustReading:
    """A trust check read as the UI shows it."""

    quotient: float
    score_100: float
    uneven: bool
    weakest: str  # "credibility", "reliability" or "intimacy"


def read_trust(
    credibility: float, reliability: float, intimacy: float, self_orientation: float
) -> TrustReading:
    """Read a trust check: quotient = (C + R + I) / S, its 0–100 score, unevenness, weakest factor.

    score_100 = 100 × ln(quotient / 0.3) / ln(100); uneven when max(C, R, I) − min(C, R, I) ≥ 4;
    weakest is the lowest of credibility, reliability and intimacy (ties go to the first of them
    in that order).
    """
    quotient = trust_quotient(credibility, reliability, intimacy, self_orientation)
    values = (float(credibility), float(reliability), float(intimacy))
    weakest = min(range(3), key=lambda k: values[k])
    return TrustReading(
        quotient=quotient,
        score_100=trust_scale_100(quotient),
        uneven=max(values) - min(values) >= UNEVEN_SPREAD,
        weakest=NUMERATORS[weakest],
    )
