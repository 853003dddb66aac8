"""Fixtures for the import and export tests: the sample files and a pinned "today"."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

SAMPLES = Path(__file__).parent / "samples"
TODAY = date(2026, 12, 2)


@pytest.fixture
def samples() -> Path:
    """The folder of sample files that copy Outlook's, Google's and Apple's exports."""
    return SAMPLES


@pytest.fixture
def today(pin_today) -> date:
    return pin_today(TODAY)
