"""Relationship health, 0–100: a weighted mean of what the record says about a relationship.

Health = 100 × Σ wₖ × componentₖ / Σ wₖ over the components that have data, each component
within 0..1 and the weights wₖ taken from HEALTH_WEIGHTS, the one table of weights.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from advisor_planner.translation import QT_TRANSLATE_NOOP, translate

#: The one table of weights of relationship health; they sum to 1.
HEALTH_WEIGHTS: Mapping[str, float] = MappingProxyType(
    {
        "recency": 0.30,
        "frequency": 0.20,
        "listening": 0.15,
        "sentiment": 0.10,
        "reciprocity": 0.10,
        "follow_through": 0.15,
    }
)

DEFAULT_CADENCE_DAYS = 30

HEALTH_FORMULA = QT_TRANSLATE_NOOP(
    "Formula",
    "Health = 100 × weighted mean of recency, frequency, listening, sentiment, reciprocity"
    " and follow-through (weights 30/20/15/10/10/15 %, over those with data)",
)


def health_formula() -> str:
    """``HEALTH_FORMULA`` in the user's language."""
    return translate("Formula", HEALTH_FORMULA)


@dataclass(frozen=True, slots=True)
class HealthInputs:
    """The evidence about one relationship (None where there is none)."""

    days_since_contact: int | None
    cadence_days: int | None
    touchpoints_in_window: int
    window_days: int = 90
    mean_listening: float | None = None  # 1..5
    mean_sentiment: float | None = None  # -2..2
    gave: int = 0
    asked: int = 0
    mutual: int = 0
    follow_through: float | None = None  # 0..1


@dataclass(frozen=True, slots=True)
class HealthResult:
    """score is 0..100, or None with no evidence at all; components hold those with data."""

    score: float | None
    components: dict[str, float]


def _count(name: str, value: int, minimum: int = 0) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise ValueError(f"{name} must be a whole number ≥ {minimum}, got {value!r}")
    return value


def _within(name: str, value: float, low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
        raise ValueError(f"{name} must be a number from {low} to {high}, got {value!r}")
    return float(value)


def recency_component(days_since_contact: int, cadence_days: int | None) -> float:
    """Recency = 1 while days since contact ≤ cadence, then 0.5^((days − cadence) / cadence).

    That is an exponential decay with a half-life of one cadence past the due date; a missing
    (or zero) cadence counts as 30 days.
    """
    days = _count("days_since_contact", days_since_contact)
    cadence = _count("cadence_days", cadence_days) if cadence_days is not None else 0
    cadence = cadence or DEFAULT_CADENCE_DAYS
    if days <= cadence:
        return 1.0
    return float(0.5 ** ((days - cadence) / cadence))


def frequency_component(touchpoints: int, window_days: int, cadence_days: int | None) -> float:
    """Frequency = min(1, touchpoints in window / expected), expected = max(1, window / cadence).

    A missing (or zero) cadence counts as 30 days.
    """
    count = _count("touchpoints_in_window", touchpoints)
    window = _count("window_days", window_days, 1)
    cadence = _count("cadence_days", cadence_days) if cadence_days is not None else 0
    cadence = cadence or DEFAULT_CADENCE_DAYS
    expected = max(1.0, window / cadence)
    return min(1.0, count / expected)


def relationship_health(inputs: HealthInputs) -> HealthResult:
    """Health = 100 × Σ wₖ × componentₖ / Σ wₖ, over the components with data (HEALTH_WEIGHTS).

    Components, each 0..1:
    recency = 1 while days since contact ≤ cadence, then 0.5^((days − cadence) / cadence);
    frequency = min(1, touchpoints in window / max(1, window days / cadence));
    (a missing cadence counts as 30 days; both are left out when there has never been a contact
    and there are no touchpoints in the window);
    listening = (mean listening − 1) / 4, from ratings 1–5;
    sentiment = (mean sentiment + 2) / 4, from ratings −2..2;
    reciprocity = 1 − |gave − asked| / (gave + asked + mutual), mutual counting as balanced,
    when there is at least one of them;
    follow-through as given (0..1).
    The score is None when no component has data. Raises ValueError for out-of-range inputs.
    """
    components: dict[str, float] = {}
    if inputs.days_since_contact is not None:
        components["recency"] = recency_component(inputs.days_since_contact, inputs.cadence_days)
    if inputs.days_since_contact is not None or inputs.touchpoints_in_window != 0:
        components["frequency"] = frequency_component(
            inputs.touchpoints_in_window, inputs.window_days, inputs.cadence_days
        )
    else:  # still validate what was given
        frequency_component(inputs.touchpoints_in_window, inputs.window_days, inputs.cadence_days)
    if inputs.mean_listening is not None:
        listening = _within("mean_listening", inputs.mean_listening, 1, 5)
        components["listening"] = (listening - 1) / 4
    if inputs.mean_sentiment is not None:
        sentiment = _within("mean_sentiment", inputs.mean_sentiment, -2, 2)
        components["sentiment"] = (sentiment + 2) / 4
    gave = _count("gave", inputs.gave)
    asked = _count("asked", inputs.asked)
    mutual = _count("mutual", inputs.mutual)
    if gave + asked + mutual:
        components["reciprocity"] = 1 - abs(gave - asked) / (gave + asked + mutual)
    if inputs.follow_through is not None:
        components["follow_through"] = _within("follow_through", inputs.follow_through, 0, 1)
    if not components:
        return HealthResult(score=None, components={})
    total_weight = math.fsum(HEALTH_WEIGHTS[name] for name in components)
    weighted = math.fsum(HEALTH_WEIGHTS[name] * value for name, value in components.items())
    score = min(100.0, max(0.0, 100.0 * weighted / total_weight))
    return HealthResult(score=score, components=components)
