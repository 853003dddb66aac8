"""Fixtures for the services tests: a pinned "today" and a fixed local time zone.

The database itself comes from ``tests/conftest.py`` (``db``).
"""

from __future__ import annotations

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
