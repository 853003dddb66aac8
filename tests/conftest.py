"""Fixtures for every test: a private home for the app's files and a fresh temporary database.

No test may touch a real user's data or settings, so every test gets its own data, config and
cache folders (XDG, HOME and the Windows equivalents), its own ``ADVISOR_PLANNER_DB`` and its
own QSettings folder, all inside ``tmp_path``.
"""

from __future__ import annotations

import os
import time

# Before anything imports Qt: tests never need a real display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable, Iterator  # noqa: E402 - after the environment is set for Qt
from datetime import date  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point every per-user folder the app (or Qt, or platformdirs) might use into tmp_path."""
    home = tmp_path / "home"
    folders = {
        "HOME": home,
        "USERPROFILE": home,
        "XDG_DATA_HOME": home / ".local" / "share",
        "XDG_CONFIG_HOME": home / ".config",
        "XDG_STATE_HOME": home / ".local" / "state",
        "XDG_CACHE_HOME": home / ".cache",
        "APPDATA": home / "AppData" / "Roaming",
        "LOCALAPPDATA": home / "AppData" / "Local",
    }
    for name, folder in folders.items():
        folder.mkdir(parents=True, exist_ok=True)
        monkeypatch.setenv(name, str(folder))
    monkeypatch.setenv("ADVISOR_PLANNER_DB", str(home / "data" / "advisor-planner.sqlite"))
    _redirect_qsettings(tmp_path / "qsettings")
    return home


def _redirect_qsettings(folder: Path) -> None:
    """Make ``QSettings()`` write INI files under ``folder`` instead of the user's config."""
    # pytest-qt has imported Qt already, so this costs nothing even for the pure-Python tests.
    from PySide6.QtCore import QSettings

    folder.mkdir(parents=True, exist_ok=True)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.IniFormat, scope, str(folder / scope.name))


@pytest.fixture
def qsettings_dir(tmp_path: Path) -> Path:
    """The folder this test's QSettings files go to."""
    return tmp_path / "qsettings"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where this test's database lives (not created)."""
    return tmp_path / "test.sqlite"


@pytest.fixture
def db(db_path: Path) -> Iterator[object]:
    """A fresh, migrated database bound to the models; closed after the test."""
    from advisor_planner.store.connection import close_database, init_db

    database = init_db(db_path)
    try:
        yield database
    finally:
        close_database()


def _fill_and_damage(path: Path, *, backup_first: bool = False) -> Path:
    import sqlite3

    from advisor_planner.store.backup import make_backup
    from advisor_planner.store.connection import close_database, init_db
    from advisor_planner.store.integrity import quick_check

    init_db(path)
    close_database()
    con = sqlite3.connect(path)
    with con:
        con.execute("CREATE TABLE filler (id INTEGER PRIMARY KEY, body TEXT NOT NULL)")
        con.executemany(
            "INSERT INTO filler (body) VALUES (?)", [(f"{i:04d}" * 250,) for i in range(400)]
        )
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    if backup_first:
        make_backup(path, label="daily")
    page_size = int.from_bytes(path.read_bytes()[16:18], "big")
    pages = path.stat().st_size // page_size
    with path.open("r+b") as handle:
        for page in range(pages // 2, pages // 2 + 4):
            handle.seek(page * page_size)
            handle.write(bytes((page * 37 + i * 11) % 251 for i in range(page_size)))
    assert not quick_check(path).ok, "the damage was not detected"
    return path


@pytest.fixture
def damaged_db_path(db_path: Path) -> Path:
    """A real database with a few pages in the middle overwritten with garbage."""
    return _fill_and_damage(db_path)


@pytest.fixture
def damaged_db_with_backup(db_path: Path) -> Path:
    """Like ``damaged_db_path``, with a good backup made before the damage."""
    return _fill_and_damage(db_path, backup_first=True)


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


@pytest.fixture
def pin_today() -> Iterator[Callable[[date], date]]:
    """``pin_today(day)`` makes ``clock.today()`` answer ``day`` until the test ends; a
    module's own ``today`` fixture is then ``return pin_today(TODAY)``."""
    from advisor_planner.services import clock

    def pin(day: date) -> date:
        clock.set_today(day)
        return day

    try:
        yield pin
    finally:
        clock.set_today(None)
