"""Tests of when the weekly reflection is offered (``domain.reminder``).

Dates used: 2026-03-16 is a Monday and 2026-03-20 a Friday (ISO week 2026-W12); 2026-03-23 is
the next Monday. 2026-01-01 is a Thursday, so its ISO week began on Monday 2025-12-29.
"""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from advisor_planner.domain.reminder import (
    next_reminder,
    parse_time,
    reminder_due,
    reminder_moment,
)

FRIDAY = 5
FOUR_PM = time(16, 0)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("16:00", time(16, 0)),
        ("00:00", time(0, 0)),
        ("23:59", time(23, 59)),
        ("07:05", time(7, 5)),
    ],
)
def test_reflection_reminder_parse_time_reads_hh_mm(text, expected):
    assert parse_time(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "16",
        "1600",
        "16:0",
        "16:000",
        "4pm",
        "16:00:00",
        "-1:00",
        "16:-5",
        "ab:cd",
        "7:30",
        " 09:30 ",
        "0016:00",
        "١٦:٠٠",
        None,
        1600,
    ],  # fmt: skip
)
def test_reflection_reminder_parse_time_refuses_other_shapes(text):
    with pytest.raises(ValueError, match="HH:MM"):
        parse_time(text)


@pytest.mark.parametrize("text", ["24:00", "16:60", "99:99"])
def test_reflection_reminder_parse_time_refuses_impossible_times(text):
    # The shape is right, but there is no such time of day: still a ValueError.
    with pytest.raises(ValueError):
        parse_time(text)


@pytest.mark.parametrize(
    ("day", "weekday", "expected"),
    [
        # Any day of W12 gives W12's Friday 16:00.
        (date(2026, 3, 16), FRIDAY, datetime(2026, 3, 20, 16, 0)),
        (date(2026, 3, 20), FRIDAY, datetime(2026, 3, 20, 16, 0)),
        (date(2026, 3, 22), FRIDAY, datetime(2026, 3, 20, 16, 0)),
        # Monday and Sunday are the week's ends: 1 → 16 March, 7 → 22 March.
        (date(2026, 3, 22), 1, datetime(2026, 3, 16, 16, 0)),
        (date(2026, 3, 16), 7, datetime(2026, 3, 22, 16, 0)),
        # Across the new year: Thursday 1 January 2026 is in the week of Monday 29 December.
        (date(2026, 1, 1), 1, datetime(2025, 12, 29, 16, 0)),
        (date(2026, 1, 1), 7, datetime(2026, 1, 4, 16, 0)),
    ],
)
def test_reflection_reminder_moment_is_the_chosen_day_of_that_iso_week(day, weekday, expected):
    assert reminder_moment(day, weekday, FOUR_PM) == expected


@pytest.mark.parametrize("weekday", [0, 8, -1, True, 5.0, "5", None])
def test_reflection_reminder_moment_refuses_a_bad_weekday(weekday):
    with pytest.raises(ValueError, match="weekday"):
        reminder_moment(date(2026, 3, 20), weekday, FOUR_PM)


@pytest.mark.parametrize(
    ("now", "due"),
    [
        (datetime(2026, 3, 16, 9, 0), False),  # Monday: Friday's moment has not come
        (datetime(2026, 3, 20, 15, 59), False),  # a minute early
        (datetime(2026, 3, 20, 16, 0), True),  # exactly the moment
        (datetime(2026, 3, 21, 10, 0), True),  # Saturday still sees Friday's offer
        (datetime(2026, 3, 22, 23, 59), True),  # until the week ends
        (datetime(2026, 3, 23, 0, 0), False),  # a new week: its Friday is ahead again
    ],
)
def test_reflection_reminder_due_from_the_moment_to_the_end_of_the_week(now, due):
    assert reminder_due(now, weekday=FRIDAY, at=FOUR_PM, done_this_week=False) is due


def test_reflection_reminder_not_due_once_this_week_is_done():
    for now in (datetime(2026, 3, 20, 16, 0), datetime(2026, 3, 22, 23, 59)):
        assert reminder_due(now, weekday=FRIDAY, at=FOUR_PM, done_this_week=True) is False


def test_reflection_reminder_monday_midnight_is_due_all_week():
    # weekday 1 at 00:00: the moment is the very start of the week.
    at = time(0, 0)
    assert reminder_due(datetime(2026, 3, 16, 0, 0), weekday=1, at=at, done_this_week=False)
    assert reminder_due(datetime(2026, 3, 22, 23, 59), weekday=1, at=at, done_this_week=False)


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        # Before this week's moment: this week's.
        (datetime(2026, 3, 16, 9, 0), datetime(2026, 3, 20, 16, 0)),
        (datetime(2026, 3, 20, 15, 59), datetime(2026, 3, 20, 16, 0)),
        # At or after it: next week's (20 March + 7 days = 27 March).
        (datetime(2026, 3, 20, 16, 0), datetime(2026, 3, 27, 16, 0)),
        (datetime(2026, 3, 22, 23, 59), datetime(2026, 3, 27, 16, 0)),
        # Across the new year: Wednesday 31 Dec 2025 → Friday 2 Jan 2026; after it → 9 Jan.
        (datetime(2025, 12, 31, 8, 0), datetime(2026, 1, 2, 16, 0)),
        (datetime(2026, 1, 3, 8, 0), datetime(2026, 1, 9, 16, 0)),
    ],
)
def test_reflection_reminder_next_is_strictly_after_now(now, expected):
    assert next_reminder(now, weekday=FRIDAY, at=FOUR_PM) == expected


def test_reflection_reminder_next_on_sunday_late_evening():
    # weekday 7 at 23:30: a quarter of an hour after it, the next is the following Sunday.
    at = time(23, 30)
    assert next_reminder(datetime(2026, 3, 22, 23, 0), weekday=7, at=at) == datetime(
        2026, 3, 22, 23, 30
    )
    assert next_reminder(datetime(2026, 3, 22, 23, 45), weekday=7, at=at) == datetime(
        2026, 3, 29, 23, 30
    )
