"""Fixtures the UI tests share: the context every section and dialog is given, encrypted
databases (the keychains are in ``tests/conftest.py``)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings

from advisor_planner.ui.context import AppContext


@pytest.fixture
def context(db, tmp_path: Path) -> AppContext:
    """A fresh undo stack, data-changed signal and settings file, over the test database."""
    return AppContext(settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))


# -- encrypted databases and keychains ------------------------------------------------------

#: Argon2id made cheap for the databases the tests encrypt themselves (the app's own
#: parameters take half a second per unlock; the flows under test use those).
CHEAP_ARGON2 = {"time_cost": 1, "memory_kib": 8 * 1024, "parallelism": 1}
PASSPHRASE = "correct horse battery staple"
PLANTED = "Ada Lovelace"


@pytest.fixture
def passphrase() -> str:
    """The passphrase ``encrypted_db`` is encrypted under."""
    return PASSPHRASE


@pytest.fixture
def planted() -> str:
    """The stakeholder ``plain_db`` (and so ``encrypted_db``) holds."""
    return PLANTED


@pytest.fixture
def plain_db(db_path: Path) -> Iterator[Path]:
    """A closed, plain database holding one stakeholder (``PLANTED``); locked again after."""
    from advisor_planner.services import encryption, stakeholders
    from advisor_planner.store.connection import close_database
    from advisor_planner.store.opening import init_db

    init_db(db_path)
    stakeholders.create(name=PLANTED)
    close_database()
    yield db_path
    close_database()
    encryption.lock(db_path)


@pytest.fixture
def encrypted_db(plain_db: Path) -> tuple[Path, str]:
    """``plain_db`` encrypted under ``PASSPHRASE`` and locked: (its path, its recovery key)."""
    from advisor_planner.services import encryption
    from advisor_planner.store import encryption as store_encryption
    from advisor_planner.store.keys import Argon2Parameters

    recovery = store_encryption.encrypt(
        plain_db, PASSPHRASE, parameters=Argon2Parameters(**CHEAP_ARGON2)
    )
    encryption.lock(plain_db)
    return plain_db, recovery


@pytest.fixture
def start_window(qtbot, launch) -> Callable[..., tuple[Any, Any, Any]]:
    """``start_window(path, passphrase=None)``: a window started on ``path`` as ``run_app``
    starts it, open and ready (unlocked through its unlock dialog with ``passphrase`` when
    given): (window, session, protection)."""
    from PySide6.QtCore import Qt

    from advisor_planner.ui import app as ui_app
    from advisor_planner.ui.protection import Protection

    def start(path: Path, passphrase: str | None = None) -> tuple[Any, Any, Any]:
        win, session = launch(path)
        protection = win.findChild(Protection)
        if passphrase is None:
            with qtbot.waitSignal(session.ready, timeout=10_000):
                ui_app.start(win, session)
            return win, session, protection
        with qtbot.waitSignal(protection.unlock_shown, timeout=10_000) as shown:
            ui_app.start(win, session)
        dialog = shown.args[0]
        qtbot.keyClicks(dialog.field.edit, passphrase)
        with qtbot.waitSignal(session.ready, timeout=10_000):
            qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        return win, session, protection

    return start


def table_texts(widget: Any, *, visible: bool = False) -> set[str]:
    """Every cell of every table in ``widget`` (of those on screen, when ``visible``)."""
    from PySide6.QtWidgets import QTableView

    texts = set()
    for view in widget.findChildren(QTableView):
        if visible and not view.isVisible():
            continue
        model = view.model()
        for row in range(model.rowCount()):
            for column in range(model.columnCount()):
                value = model.data(model.index(row, column))
                if isinstance(value, str):
                    texts.add(value)
    return texts


@pytest.fixture
def shown_texts() -> Callable[..., set[str]]:
    """``shown_texts(widget, visible=False)``: every cell of every table in ``widget``."""
    return table_texts


@pytest.fixture
def shows(qtbot) -> Callable[[Any, str], None]:
    """``shows(window, name)``: wait until the window's stakeholders section lists ``name``."""

    def wait(win: Any, name: str) -> None:
        win.select_section("stakeholders")
        qtbot.waitUntil(lambda: name in table_texts(win.page("stakeholders")), timeout=10_000)

    return wait


@pytest.fixture
def opened_encrypted(encrypted_db, passphrase: str, tmp_path: Path) -> Iterator[AppContext]:
    """``encrypted_db`` unlocked and open (as a command opens it), with a context over it."""
    from advisor_planner.services import encryption
    from advisor_planner.services import session as service

    path, _recovery = encrypted_db
    encryption.unlock(path, passphrase=passphrase)
    with service.opened(path, writing="test"):
        yield AppContext(settings=QSettings(str(tmp_path / "c.ini"), QSettings.Format.IniFormat))


@pytest.fixture(autouse=True)
def lists_load_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The lists read their rows at once, as Picard's tests run its tasks at once: a test
    checks a list right after a change without waiting. ``test_ui_list_loading`` tests the
    loading on the worker, turning it back on."""
    from advisor_planner.ui.list_page import RecordListPage

    monkeypatch.setattr(RecordListPage, "load_on_worker", False)
