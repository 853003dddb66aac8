"""The stakeholder map: power × interest (each 1–5), quadrants, engagement gaps, priorities.

A stakeholder is key when power × interest ≥ 12. Quadrants follow Mendelow's grid with "high"
meaning 3 or more. Who needs attention first is ``attention_rank`` (key people first, then by
cadences overdue), said in words by ``ATTENTION_ORDER``.
"""

from __future__ import annotations

from advisor_planner.domain.enums import Engagement
from advisor_planner.translation import QT_TRANSLATE_NOOP, translate

KEY_THRESHOLD = 12
SCALE_MIN = 1
SCALE_MAX = 5
HIGH = 3

#: The quadrants' names: what ``quadrant`` returns, English; show ``quadrant_label(name)``.
MANAGE_CLOSELY = QT_TRANSLATE_NOOP("StakeholderMap", "manage closely")
KEEP_SATISFIED = QT_TRANSLATE_NOOP("StakeholderMap", "keep satisfied")
KEEP_INFORMED = QT_TRANSLATE_NOOP("StakeholderMap", "keep informed")
MONITOR = QT_TRANSLATE_NOOP("StakeholderMap", "monitor")
QUADRANTS = (MANAGE_CLOSELY, KEEP_SATISFIED, KEEP_INFORMED, MONITOR)


def quadrant_label(name: str) -> str:
    """A quadrant's name (one of ``QUADRANTS``) in the user's language."""
    return translate("StakeholderMap", name)


KEY_STAKEHOLDER_FORMULA = QT_TRANSLATE_NOOP("Formula", "Key stakeholder when power × interest ≥ 12")


def key_stakeholder_formula() -> str:
    """``KEY_STAKEHOLDER_FORMULA`` in the user's language."""
    return translate("Formula", KEY_STAKEHOLDER_FORMULA)


ATTENTION_PRIORITY_FORMULA = QT_TRANSLATE_NOOP(
    "Formula", "Attention priority = power × interest × days overdue"
)


def attention_priority_formula() -> str:
    """``ATTENTION_PRIORITY_FORMULA`` in the user's language."""
    return translate("Formula", ATTENTION_PRIORITY_FORMULA)


def _rating(name: str, value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(
            f"{name} must be a whole number from {SCALE_MIN} to {SCALE_MAX}, got {value!r}"
        )
    if not SCALE_MIN <= value <= SCALE_MAX:
        raise ValueError(f"{name} must be from {SCALE_MIN} to {SCALE_MAX}, got {value!r}")
    return value


def is_key_stakeholder(power: int, interest: int) -> bool:
    """Key when power × interest ≥ 12 (KEY_THRESHOLD), each rated 1–5."""
    return _rating("power", power) * _rating("interest", interest) >= KEY_THRESHOLD


def quadrant(power: int, interest: int) -> str:
    """Mendelow quadrant, "high" meaning ≥ 3 on the 1–5 scale.

    High power and high interest: "manage closely"; high power, low interest: "keep satisfied";
    low power, high interest: "keep informed"; both low: "monitor".
    """
    high_power = _rating("power", power) >= HIGH
    high_interest = _rating("interest", interest) >= HIGH
    if high_power:
        return MANAGE_CLOSELY if high_interest else KEEP_SATISFIED
    return KEEP_INFORMED if high_interest else MONITOR


def _engagement(name: str, value: str) -> Engagement:
    try:
        return Engagement(value)
    except ValueError:
        raise ValueError(
            f"{name} must be one of {', '.join(Engagement.values())}, got {value!r}"
        ) from None


def engagement_gap(current: str, desired: str) -> int:
    """Gap = rank(desired) − rank(current), ranks 0–4 in the order unaware, resistant, neutral,
    supportive, leading. Positive: the stakeholder still has to move up; 0: where I want them.
    """
    return _engagement("desired", desired).rank - _engagement("current", current).rank


def attention_priority(power: int, interest: int, days_overdue: int) -> int:
    """Priority = power × interest × days overdue (0 when not overdue)."""
    if isinstance(days_overdue, bool) or not isinstance(days_overdue, int) or days_overdue < 0:
        raise ValueError(f"days_overdue must be a whole number ≥ 0, got {days_overdue!r}")
    return _rating("power", power) * _rating("interest", interest) * days_overdue


#: The order of the attention list, said whole (the dashboard shows it above the list).
ATTENTION_ORDER = QT_TRANSLATE_NOOP(
    "Formula",
    "Most pressing first: key people, then the rest; each by how many of their cadences have "
    "passed (×); never contacted last.",
)


def attention_order() -> str:
    """``ATTENTION_ORDER`` in the user's language."""
    return translate("Formula", ATTENTION_ORDER)


def cadences_overdue(days_overdue: int, cadence_days: int) -> float:
    """Cadences overdue = days overdue ÷ cadence days (0 with no cadence).

    Days alone mislead: 20 days past a weekly cadence is three missed meetings, 20 days past a
    quarterly one hardly a slip.
    """
    return days_overdue / cadence_days if cadence_days > 0 else 0.0


def attention_rank(
    *, key: bool, cadences: float | None, weight: int
) -> tuple[bool, bool, float, int]:
    """Sort key, most pressing first: key people before the rest; within each, the most
    cadences overdue first, those never contacted (``cadences`` None) after everyone seen;
    then the greater power × interest (``weight``).

    Never contacted comes last in its group because such a gap is standing rather than
    growing, and an import of a whole address book would otherwise push out every lapsing
    relationship.
    """
    never = cadences is None
    return (not key, never, -(cadences or 0.0), -weight)
