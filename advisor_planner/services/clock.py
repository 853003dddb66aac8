"""Time as the services see it: moments in UTC, calendar days in the user's zone.

``today()`` and ``local_zone()`` are the only places the services read the system clock and
zone, so tests and the demo generator can pin them (``set_today``).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone, tzinfo

_pinned_today: date | None = None


def local_zone() -> tzinfo:
    """The user's zone as a fixed offset, the one in force now (not across a DST change)."""
    zone = datetime.now().astimezone().tzinfo
    assert zone is not None
    return zone


def today() -> date:
    return _pinned_today or datetime.now().astimezone().date()


def set_today(day: date | None) -> None:
    """Pin (or with None, release) what ``today()`` returns; for tests and demo data."""
    global _pinned_today
    _pinned_today = day


def to_utc_naive(moment: datetime) -> datetime:
    """An aware moment as the naive UTC datetime the store keeps; naive means local time."""
    if moment.tzinfo is None:
        moment = moment.astimezone()  # interpret as local wall-clock time
    return moment.astimezone(timezone.utc).replace(tzinfo=None)


def from_utc_naive(stored: datetime) -> datetime:
    return stored.replace(tzinfo=timezone.utc)


def local_day(moment: datetime) -> date:
    """The calendar day an aware (or stored naive-UTC) moment falls on in the user's zone."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    # astimezone() with no zone applies the offset in force at that moment; local_zone() is a
    # fixed offset (today's), which would put moments across a DST change on the wrong day.
    return moment.astimezone().date()


def start_of_local_day(day: date) -> datetime:
    return datetime(day.year, day.month, day.day).astimezone()


def week_start(day: date) -> date:
    """The Monday of ``day``'s ISO week."""
    return day - timedelta(days=day.weekday())


def iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def week_bounds(week: str) -> tuple[date, date]:
    """Monday and Sunday of an ISO week written ``YYYY-Www``."""
    year_text, week_text = week.split("-W")
    monday = date.fromisocalendar(int(year_text), int(week_text), 1)
    return monday, monday + timedelta(days=6)
