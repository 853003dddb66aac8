"""File ▸ New Database… asks whether to protect the new database; the new process, told so
through its environment, asks for the passphrase once it has made the file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from advisor_planner import file_dialogs
from advisor_planner.services import encryption
from advisor_planner.ui import app as ui_app
from advisor_planner.ui import database_files
from advisor_planner.ui.encryption_dialogs import EncryptDialog
from advisor_planner.ui.main_window import MainWindow
from advisor_planner.ui.protection import Protection
from advisor_planner.ui.recovery_key import RecoveryKeyDialog

NEW_PASSPHRASE = "plum orchard lantern violet"
LEFT = Qt.MouseButton.LeftButton


def test_file_new_database_asks_whether_to_protect_it(
    start_window, plain_db, monkeypatch, tmp_path
) -> None:
    win, _session, _protection = start_window(plain_db)
    new = tmp_path / "new.sqlite"
    monkeypatch.setattr(file_dialogs, "save_file_name", lambda *args: (str(new), ""))
    launched: list[tuple[Path, bool]] = []
    monkeypatch.setattr(database_files, "ask_protection", lambda parent: True)
    monkeypatch.setattr(
        database_files, "launch", lambda path, protect=False: launched.append((path, protect))
    )
    win.new_database_action.trigger()
    monkeypatch.setattr(database_files, "ask_protection", lambda parent: None)  # Cancel
    win.new_database_action.trigger()
    assert launched == [(new, True)]


def test_the_new_process_is_told_to_protect_through_its_environment(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv(database_files.PROTECT_NEW_ENV, "1")  # (never passed on by mistake)
    told = database_files.process_for(tmp_path / "a.sqlite", protect=True)
    untold = database_files.process_for(tmp_path / "b.sqlite")
    assert told.arguments() == ["-m", "advisor_planner", "--db", str(tmp_path / "a.sqlite")]
    environment = database_files.PROTECT_NEW_ENV
    assert told.processEnvironment().value(environment, "") == "1"
    assert not untold.processEnvironment().contains(environment)


def test_a_new_database_to_protect_asks_for_its_passphrase_once_made(
    qtbot, tmp_path, window_settings, no_keychain
) -> None:
    path = tmp_path / "fresh.sqlite"
    win = MainWindow(settings=window_settings, db_path=path)
    qtbot.addWidget(win)
    session = ui_app.attach_session(win, path, rotate_backups=False, protect_new=True)
    protection = win.findChild(Protection)
    try:
        with qtbot.waitSignal(session.ready, timeout=10_000):
            ui_app.start(win, session)
        dialog = protection.dialog
        assert isinstance(dialog, EncryptDialog)
        assert dialog.windowTitle() == "Protect the New Database"
        dialog.new.first.setText(NEW_PASSPHRASE)
        dialog.new.second.setText(NEW_PASSPHRASE)
        with qtbot.waitSignal(protection.changed, timeout=30_000):
            qtbot.mouseClick(dialog.ok_button, LEFT)
        assert isinstance(protection.dialog, RecoveryKeyDialog)
        assert encryption.is_unlocked(path)
    finally:
        session.close()
        encryption.lock(path)
    assert not path.read_bytes().startswith(b"SQLite format 3")


def test_the_wish_is_read_once_and_not_passed_on(monkeypatch) -> None:
    monkeypatch.setenv(database_files.PROTECT_NEW_ENV, "1")
    assert database_files.protection_wished() is True
    assert database_files.protection_wished() is False
