"""When to offer the weekly reflection: at a chosen weekday and time, until that week is done.

The reminder of an ISO week falls on its chosen weekday (1 Monday … 7 Sunday) at the chosen
local time. It is due from that moment until the week ends, unless that week's reflection is
done; a leader who opens the app on Saturday still sees Friday's offer. ``now`` is passed in,
so tests set the clock rather than sleep on it.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from advisor_planner.translation import QT_TRANSLATE_NOOP, translate

REMINDER_FORMULA = QT_TRANSLATE_NOOP(
    "Formula", "Offered from the chosen weekday and time until the week ends, unless done"
)


def reminder_formula() -> str:
    """``REMINDER_FORMULA`` in the user's language."""
    return translate("Formula", REMINDER_FORMULA)


def _not_a_time(text: object) -> str:
    return translate("Reminder", "a time is HH:MM, like 16:00, not {0!r}").format(text)


def parse_time(text: str) -> time:
    """``HH:MM`` (24-hour) as a ``time``; ValueError for anything else (its message, in the
    user's language, is shown when a setting is refused)."""
    if not isinstance(text, str) or not re.fullmatch(r"[0-9]{2}:[0-9]{2}", text):
        raise ValueError(_not_a_time(text))
    hours, minutes = int(text[:2]), int(text[3:])
    if hours > 23 or minutes > 59:
        raise ValueError(_not_a_time(text))
    return time(hours, minutes)


def reminder_moment(day: date, weekday: int, at: time) -> datetime:
    """The reminder of the ISO week holding ``day``: its ``weekday`` (1–7) at ``at``."""
    if isinstance(weekday, bool) or not isinstance(weekday, int) or not 1 <= weekday <= 7:
        raise ValueError(f"weekday must be 1 (Monday) to 7 (Sunday), got {weekday!r}")
    monday = day - timedelta(days=day.weekday())
    return datetime.combine(monday + timedelta(days=weekday - 1), at)


def reminder_due(now: datetime, *, weekday: int, at: time, done_this_week: bool) -> bool:
    """Due when this week's reminder moment has come (``now`` is local wall-clock time) and
    this week's reflection is not done."""
    return not done_this_week and now >= reminder_moment(now.date(), weekday, at)


def next_reminder(now: datetime, *, weekday: int, at: time) -> datetime:
    """The next reminder moment after ``now``: this week's if still ahead, else next week's."""
    moment = reminder_moment(now.date(), weekday, at)
    return moment if moment > now else moment + timedelta(days=7)
