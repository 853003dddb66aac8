"""Where the app keeps its database when none is named on the command line.

``ADVISOR_PLANNER_DB`` names the file; otherwise it lives in the user's data folder as given by
platformdirs (``~/.local/share/advisor-planner`` on Linux, ``~/Library/Application Support``
on macOS, ``%LOCALAPPDATA%`` on Windows).
"""

from __future__ import annotations

import os
from pathlib import Path

DB_ENV_VAR = "ADVISOR_PLANNER_DB"
APP_DIR_NAME = "advisor-planner"
DB_FILE_NAME = "advisor-planner.sqlite"


def user_data_dir() -> Path:
    """The per-user folder for the app's data (not created here)."""
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False))


def default_db_path() -> Path:
    """The database to open when no ``--db`` is given: ``$ADVISOR_PLANNER_DB`` or the default."""
    named = os.environ.get(DB_ENV_VAR, "").strip()
    if named:
        return Path(named).expanduser()
    return user_data_dir() / DB_FILE_NAME
