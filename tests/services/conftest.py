"""Fixtures for the services tests: a pinned "today" and a fixed local time zone.

The database itself comes from ``tests/conftest.py`` (``db``).
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from datetime import date

import pytest

from advisor_planner.services import clock

TODAY = date(2026, 3, 20)  # a Friday, ISO week 2026-W12


@pytest.fixture
def today() -> Iterator[date]:
    """Pin ``clock.today()`` to TODAY for the test, and release it after."""
    clock.set_today(TODAY)
    try:
        yield TODAY
    finally:
        clock.set_today(None)


@pytest.fixture
def new_york() -> Iterator[None]:
    """Run the test in America/New_York (UTC−5 in winter, UTC−4 from 8 March 2026)."""
    if not hasattr(time, "tzset"):
        pytest.skip("changing the local zone needs time.tzset (POSIX)")
    saved = os.environ.get("TZ")
    os.environ["TZ"] = "America/New_York"
    time.tzset()
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = saved
        time.tzset()
