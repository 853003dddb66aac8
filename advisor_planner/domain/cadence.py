"""Contact cadence: when I am next due to be in touch with a stakeholder.

Due date = last contact + cadence (days); days until due = due date − today, negative when
overdue. A stakeholder with a cadence but no contact yet is overdue.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from advisor_planner.translation import QT_TRANSLATE_NOOP, translate

CADENCE_FORMULA = QT_TRANSLATE_NOOP(
    "Formula", "Next contact due = last contact + cadence; overdue once that date has passed"
)


def cadence_formula() -> str:
    """``CADENCE_FORMULA`` in the user's language."""
    return translate("Formula", CADENCE_FORMULA)


@dataclass(frozen=True, slots=True)
class CadenceStatus:
    """Where a stakeholder stands against their cadence.

    cadence_days is kept so that days_overdue() can tell how overdue a never-contacted
    stakeholder is; it defaults to None.
    """

    due_on: date | None
    days_until_due: int | None  # negative when overdue
    overdue: bool
    label: str  # in the user's language: show it as it is
    cadence_days: int | None = None


def cadence_status(
    last_contact: date | None, cadence_days: int | None, *, today: date
) -> CadenceStatus:
    """Due on = last_contact + cadence_days; days until due = due on − today.

    Labels: "no cadence set" (cadence None or 0), "never contacted" (no last contact: overdue,
    no due date), "due today", "due tomorrow", "due in N days", "1 day overdue", "N days overdue",
    in the user's language (``advisor_planner.translation``; English below the UI).
    Raises ValueError for a negative cadence.
    """
    if cadence_days is not None and (
        isinstance(cadence_days, bool) or not isinstance(cadence_days, int) or cadence_days < 0
    ):
        raise ValueError(f"cadence_days must be None or a whole number ≥ 0, got {cadence_days!r}")
    if not cadence_days:
        return CadenceStatus(None, None, False, translate("Cadence", "no cadence set"), None)
    if last_contact is None:
        never = translate("Cadence", "never contacted")
        return CadenceStatus(None, None, True, never, cadence_days)
    due_on = last_contact + timedelta(days=cadence_days)
    days = (due_on - today).days
    if days == 0:
        label = translate("Cadence", "due today")
    elif days == 1:
        label = translate("Cadence", "due tomorrow")
    elif days > 1:
        label = translate("Cadence", "due in {0} days").format(days)
    elif days == -1:
        label = translate("Cadence", "1 day overdue")
    else:
        label = translate("Cadence", "{0} days overdue").format(-days)
    return CadenceStatus(due_on, days, days < 0, label, cadence_days)


def days_overdue(status: CadenceStatus) -> int:
    """Days overdue = −days_until_due when overdue, else 0.

    A never-contacted stakeholder counts as one whole cadence overdue (cadence_days, or 0 when
    the status does not carry it).
    """
    if not status.overdue:
        return 0
    if status.days_until_due is None:
        return status.cadence_days or 0
    return max(0, -status.days_until_due)
