"""Fixtures for every test: a private home for the app's files and a fresh temporary database.

No test may touch a real user's data or settings, so every test gets its own data, config and
cache folders (XDG, HOME and the Windows equivalents), its own ``ADVISOR_PLANNER_DB`` and its
own QSettings folder, all inside ``tmp_path``.
"""

from __future__ import annotations

import gc
import os
import shutil
import subprocess
import sys
import time

# Before anything imports Qt: tests never need a real display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable, Iterator  # noqa: E402 - after the environment is set for Qt
from datetime import date  # noqa: E402
from pathlib import Path  # noqa: E402

import keyring  # noqa: E402
import pytest  # noqa: E402
from keyring.backend import KeyringBackend  # noqa: E402
from keyring.backends import fail  # noqa: E402
from keyring.errors import PasswordDeleteError  # noqa: E402


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    """Before pytest-qt imports Qt: without the system libraries Qt needs, end the run with
    one line saying which and how to install them (pytest-qt would end it in an INTERNALERROR
    traceback for the first missing one)."""
    from advisor_planner.cli import qt_libs

    missing = qt_libs.check()
    if missing:
        pytest.exit(missing, returncode=pytest.ExitCode.USAGE_ERROR)


@pytest.fixture(autouse=True)
def unfrozen_objects() -> Iterator[None]:
    """A window started in a test freezes what exists (``ui.app._settle_start_up_objects``,
    then every second: ``ui.collector``): given back after each test, so a test's garbage
    cycles are collected as usual."""
    yield
    collector = sys.modules.get("advisor_planner.ui.collector")  # (never imported for it)
    if collector is not None and (app := collector.QGuiApplication.instance()) is not None:
        collector.stop_all(app)
    gc.unfreeze()


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
    from advisor_planner.store.connection import close_database
    from advisor_planner.store.opening import init_db

    database = init_db(db_path)
    try:
        yield database
    finally:
        close_database()


def _fill_and_damage(path: Path, *, backup_first: bool = False) -> Path:
    import sqlite3

    from advisor_planner.store.backup import make_backup
    from advisor_planner.store.connection import close_database
    from advisor_planner.store.integrity import quick_check
    from advisor_planner.store.opening import init_db

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
    _damage_pages(path)
    assert not quick_check(path).ok, "the damage was not detected"
    return path


def _damage_pages(path: Path) -> None:
    """Overwrite four pages in the middle of ``path`` with garbage."""
    page_size = int.from_bytes(path.read_bytes()[16:18], "big")
    pages = path.stat().st_size // page_size
    with path.open("r+b") as handle:
        for page in range(pages // 2, pages // 2 + 4):
            handle.seek(page * page_size)
            handle.write(bytes((page * 37 + i * 11) % 251 for i in range(page_size)))


@pytest.fixture
def make_damaged() -> Callable[..., Path]:
    """``make_damaged(path, backup_first=False)``: ``damaged_db_path`` at a path of the
    test's choosing (on a small disk, say)."""
    return _fill_and_damage


@pytest.fixture
def damage_pages() -> Callable[[Path], None]:
    """``damage_pages(path)``: overwrite four pages in the middle of a database file."""
    return _damage_pages


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


# -- the app's window and its database session, started as run_app starts them ---------------


@pytest.fixture
def window_settings(tmp_path: Path):
    """The QSettings a test's window remembers its layout in."""
    from PySide6.QtCore import QSettings

    return QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def launch(qtbot, window_settings) -> Iterator[Callable]:
    """``launch(path, rotate=False)``: a window and its ``DatabaseSession`` on ``path``, made
    the way ``run_app`` makes them (not started); every session is closed after the test."""
    from advisor_planner.ui import app as ui_app

    sessions: list = []

    def _launch(path: Path, *, rotate: bool = False):
        win, session = ui_app.create_window(path, settings=window_settings, rotate_backups=rotate)
        qtbot.addWidget(win)
        sessions.append(session)
        return win, session

    yield _launch
    for session in sessions:
        session.close()


@pytest.fixture
def hold_full_check(monkeypatch: pytest.MonkeyPatch) -> Callable[[], object]:
    """``release = hold_full_check()``: the start-up's full integrity check (the one
    ``store.opening.examine`` runs) waits until ``release.set()``, then runs for real on the
    real file; only the timing is the test's. (The quick look before it, and the check of
    backups, are not held.)"""
    import threading

    from advisor_planner.store import opening

    def hold() -> threading.Event:
        release = threading.Event()
        real = opening.full_check

        def held(path: Path) -> object:
            if not release.wait(20):
                raise TimeoutError("the test never released the full check")
            return real(path)

        monkeypatch.setattr(opening, "full_check", held)
        return release

    return hold


# -- small disks, for real -------------------------------------------------------------------


@pytest.fixture
def tmpfs(tmp_path: Path) -> Iterator[Callable[[str], Path]]:
    """``tmpfs("2m")`` mounts a fresh tmpfs of that size under tmp_path and returns it.

    Skips the test when mounting is not allowed (not root, no ``mount``); every mount is
    unmounted lazily (``umount -l``) at the end, even with files still open on it.
    """
    mounted: list[Path] = []

    def mount(size: str) -> Path:
        if os.name != "posix" or shutil.which("mount") is None:
            pytest.skip("tmpfs mounts need Linux and the mount command")
        point = tmp_path / f"tmpfs{len(mounted)}"
        point.mkdir()
        result = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(point)],
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            pytest.skip(
                f"cannot mount a tmpfs (needs root; running as uid {os.getuid()}): "
                f"{result.stderr.strip()}"
            )
        mounted.append(point)
        return point

    yield mount
    for point in reversed(mounted):
        subprocess.run(["umount", "-l", str(point)], capture_output=True, check=False)


# -- keychains --------------------------------------------------------------------------------


class MemoryKeyring(KeyringBackend):
    """A keychain that keeps its secrets in this process (the real ones run in CI only)."""

    priority = 1  # (keyring declares it a class property; a number does as well)
    # Never chosen by keyring's own detection (it offers every subclass it deems viable): a
    # test run without a keychain must not find this one and think a keychain runs.
    viable = False

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.secrets.pop((service, username), None) is None:
            raise PasswordDeleteError(username)


def _with_keyring(backend: KeyringBackend) -> Iterator[KeyringBackend]:
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


@pytest.fixture
def no_keychain() -> Iterator[KeyringBackend]:
    """No keychain runs (as on a machine without Secret Service), whatever this one has."""
    yield from _with_keyring(fail.Keyring())


@pytest.fixture
def memory_keychain() -> Iterator[KeyringBackend]:
    yield from _with_keyring(MemoryKeyring())
