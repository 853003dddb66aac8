"""Fixtures for the services tests: a pinned "today" and a fixed local time zone.

The database itself comes from ``tests/conftest.py`` (``db``).
"""

from __future__ import annotations

from datetime import date

import pytest

TODAY = date(2026, 3, 20)  # a Friday, ISO week 2026-W12


@pytest.fixture
def today(pin_today) -> date:
    """Pin ``clock.today()`` to TODAY for the test, and release it after."""
    return pin_today(TODAY)
