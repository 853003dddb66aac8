"""Fixtures the UI tests share: the context every section and dialog is given."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from advisor_planner.ui.context import AppContext


@pytest.fixture
def context(db, tmp_path: Path) -> AppContext:
    """A fresh undo stack, data-changed signal and settings file, over the test database."""
    return AppContext(settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
