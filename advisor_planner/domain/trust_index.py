"""Trust index over time: how much the key stakeholders trust me, week by week.

For each week end: Σ wₛ × scoreₛ / Σ wₛ over the stakeholders s with a weight wₛ > 0 (their
power × interest) who have a trust check on or before that date, scoreₛ being the latest trust
quotient on the 0–100 scale (see trust.trust_scale_100).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from advisor_planner.domain.trust import trust_scale_100
from advisor_planner.translation import QT_TRANSLATE_NOOP, translate

TRUST_INDEX_FORMULA = QT_TRANSLATE_NOOP(
    "Formula",
    "Trust index = Σ (power × interest × score) / Σ (power × interest) over key stakeholders,"
    " score = latest trust quotient on a 0–100 scale",
)


def trust_index_formula() -> str:
    """``TRUST_INDEX_FORMULA`` in the user's language."""
    return translate("Formula", TRUST_INDEX_FORMULA)


@dataclass(frozen=True, slots=True)
class TrustPoint:
    """One trust check of one stakeholder."""

    stakeholder_id: int
    on: date
    quotient: float


def trust_index_series(
    points: Iterable[TrustPoint], weights: Mapping[int, float], week_ends: Sequence[date]
) -> list[float | None]:
    """Index at week end d = Σ wₛ × scoreₛ(d) / Σ wₛ, or None when no stakeholder counts yet.

    scoreₛ(d) = trust_scale_100(latest quotient of s on or before d); the sum runs over the
    stakeholders in ``weights`` with wₛ > 0 that have a point by d. Points of other stakeholders
    are ignored; of two points of one stakeholder on the same date, the later one given wins.
    Week ends may come in any order; the result follows their order. Points are sorted once and
    swept with a running weighted sum, O(points log points + weeks log weeks).
    """
    usable = [
        (point.on, point.stakeholder_id, point.quotient)
        for point in points
        if weights.get(point.stakeholder_id, 0) > 0
    ]
    usable.sort(key=lambda item: item[0])  # stable: same-date points keep their given order
    order = sorted(range(len(week_ends)), key=week_ends.__getitem__)
    result: list[float | None] = [None] * len(week_ends)
    latest: dict[int, float] = {}
    weight_sum = 0.0
    weighted_sum = 0.0
    position = 0
    count = len(usable)
    for index in order:
        week_end = week_ends[index]
        while position < count and usable[position][0] <= week_end:
            _, sid, quotient = usable[position]
            position += 1
            score = trust_scale_100(quotient)
            weight = float(weights[sid])
            previous = latest.get(sid)
            if previous is None:
                weight_sum += weight
                weighted_sum += weight * score
            else:
                weighted_sum += weight * (score - previous)
            latest[sid] = score
        if weight_sum > 0:
            result[index] = min(100.0, max(0.0, weighted_sum / weight_sum))
    return result


def trust_index_change(series: Sequence[float | None]) -> float | None:
    """Change = last value − first value, ignoring gaps (None); None with fewer than 2 values."""
    values = [value for value in series if value is not None]
    if len(values) < 2:
        return None
    return values[-1] - values[0]
