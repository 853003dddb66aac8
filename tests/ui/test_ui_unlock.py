"""Starting on an encrypted database: the unlock dialog (passphrase, recovery key, wrong
secrets said plainly), the keychain tried first, cancelling to the locked state, and the
idle lock with its Preferences row. Real SQLCipher files in tmp_path; each wait is on a
signal."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QLabel

from advisor_planner.services import encryption
from advisor_planner.ui import app as ui_app
from advisor_planner.ui.idle import IDLE_LOCK_SETTING
from advisor_planner.ui.main_window import MainWindow
from advisor_planner.ui.preferences import PreferencesDialog
from advisor_planner.ui.protection import Protection
from advisor_planner.ui.startup import DatabaseSession
from advisor_planner.ui.unlock import UnlockDialog


def start_locked(qtbot, launch, path: Path) -> tuple[MainWindow, DatabaseSession, UnlockDialog]:
    win, session = launch(path)
    protection = win.findChild(Protection)
    with qtbot.waitSignal(protection.unlock_shown, timeout=10_000) as shown:
        ui_app.start(win, session)
    dialog = shown.args[0]
    assert isinstance(dialog, UnlockDialog) and dialog.isVisible()
    return win, session, dialog


def give(qtbot, dialog: UnlockDialog, secret: str) -> None:
    dialog.field.edit.clear()
    qtbot.keyClicks(dialog.field.edit, secret)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)


def test_an_encrypted_database_asks_says_a_wrong_passphrase_and_opens_with_the_right_one(
    qtbot, launch, encrypted_db, no_keychain, passphrase, planted, shows
) -> None:
    path, _recovery = encrypted_db
    win, session, dialog = start_locked(qtbot, launch, path)
    assert win.locked and session.db is None  # nothing opened the file
    assert not win.backup_action.isEnabled() and not win.export_action.isEnabled()

    with qtbot.waitSignal(dialog.refused, timeout=10_000) as refused:
        give(qtbot, dialog, "wrong words")
    assert refused.args[0] == "That passphrase is wrong. Check it (and Caps Lock) and try again."
    assert dialog.isVisible() and dialog.error.isVisible()
    with qtbot.waitSignal(dialog.refused, timeout=10_000):  # and again: there is no limit
        give(qtbot, dialog, "other wrong words")

    with qtbot.waitSignal(session.ready, timeout=10_000):
        give(qtbot, dialog, passphrase)
    assert not win.locked
    shows(win, planted)
    assert win.change_passphrase_action.isEnabled() and win.remove_encryption_action.isEnabled()
    assert not win.encrypt_database_action.isEnabled()


def test_the_recovery_key_opens_it_typed_in_any_case(
    qtbot, launch, encrypted_db, no_keychain, planted, shows
) -> None:
    path, recovery = encrypted_db
    win, session, dialog = start_locked(qtbot, launch, path)
    dialog.field.use_recovery_key.setChecked(True)
    assert dialog.field.caption.text() == "Recovery key"
    assert dialog.field.edit.echoMode() == dialog.field.edit.EchoMode.Normal
    with qtbot.waitSignal(dialog.refused, timeout=10_000) as refused:
        give(qtbot, dialog, "ABCD-EFGH")
    assert "That recovery key is wrong" in refused.args[0]
    with qtbot.waitSignal(session.ready, timeout=10_000):
        give(qtbot, dialog, recovery.lower().replace("-", " "))
    shows(win, planted)


def test_cancel_leaves_a_locked_window_whose_unlock_button_asks_again(
    qtbot, launch, encrypted_db, no_keychain, passphrase
) -> None:
    path, _recovery = encrypted_db
    win, session, dialog = start_locked(qtbot, launch, path)
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert win.locked and win.locked_page.isVisible() and not win.splitter.isVisible()
    assert win.statusBar().currentMessage() == "Locked"
    assert "is encrypted" in win.locked_page.description.text()
    assert session.db is None and not encryption.is_unlocked(path)

    protection = win.findChild(Protection)
    with qtbot.waitSignal(protection.unlock_shown, timeout=5_000) as shown:
        qtbot.mouseClick(win.locked_page.unlock_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(session.ready, timeout=10_000):
        give(qtbot, shown.args[0], passphrase)
    assert not win.locked and win.splitter.isVisible()


def test_without_a_keychain_remembering_is_greyed_out_with_the_reason(
    qtbot, launch, encrypted_db, no_keychain
) -> None:
    path, _recovery = encrypted_db
    _win, _session, dialog = start_locked(qtbot, launch, path)
    reason = encryption.keychain_status()
    assert reason and "No keychain" in reason
    # (Found out on a worker once the dialog is up: start-up does not wait for keyring.)
    qtbot.waitUntil(lambda: dialog.keychain_note.text() == reason, timeout=5_000)
    assert not dialog.remember.isEnabled()
    assert dialog.remember.toolTip() == reason
    assert dialog.keychain_note.isVisible() and dialog.keychain_note.text() == reason


def test_a_remembered_key_opens_the_next_start_without_asking(
    qtbot, launch, encrypted_db, memory_keychain, window_settings, passphrase
) -> None:
    path, _recovery = encrypted_db
    win, session, dialog = start_locked(qtbot, launch, path)
    qtbot.waitUntil(dialog.remember.isEnabled, timeout=5_000)
    dialog.remember.setChecked(True)
    with qtbot.waitSignal(session.ready, timeout=10_000):
        give(qtbot, dialog, passphrase)
    assert memory_keychain.secrets  # the key, under the database's path
    session.close()
    encryption.lock(path)

    again, second = launch(path)
    asked: list[object] = []
    again.findChild(Protection).unlock_shown.connect(asked.append)
    with qtbot.waitSignal(second.ready, timeout=10_000):
        ui_app.start(again, second)
    assert not asked and not again.locked


def test_the_idle_lock_closes_hides_and_asks_again(
    qtbot,
    launch,
    encrypted_db,
    no_keychain,
    window_settings: QSettings,
    passphrase,
    planted,
    shows,
    shown_texts,
) -> None:
    path, _recovery = encrypted_db
    window_settings.setValue(IDLE_LOCK_SETTING, 5)
    win, session, dialog = start_locked(qtbot, launch, path)
    protection = win.findChild(Protection)
    with qtbot.waitSignal(session.ready, timeout=10_000):
        give(qtbot, dialog, passphrase)
    assert protection.idle.interval() == 5 * 60_000  # armed from Preferences
    shows(win, planted)

    protection.idle.start(150)  # (the test's interval: 150 ms without input)
    with qtbot.waitSignal(protection.unlock_shown, timeout=5_000) as shown:
        pass
    assert win.locked and win.workspace is None and session.db is None
    assert not encryption.is_unlocked(path)
    assert planted not in shown_texts(win, visible=True)
    qtbot.waitUntil(lambda: planted not in shown_texts(win))  # (the pages are deleted, too)
    assert not protection.idle.armed
    with qtbot.waitSignal(session.ready, timeout=10_000):
        give(qtbot, shown.args[0], passphrase)
    shows(win, planted)
    assert protection.idle.armed


def test_input_starts_the_idle_clock_again(
    qtbot, launch, encrypted_db, no_keychain, passphrase
) -> None:
    path, _recovery = encrypted_db
    win, session, dialog = start_locked(qtbot, launch, path)
    protection = win.findChild(Protection)
    with qtbot.waitSignal(session.ready, timeout=10_000):
        give(qtbot, dialog, passphrase)
    protection.idle.start(60_000)
    qtbot.waitUntil(lambda: protection.idle.remaining() < 59_900, timeout=5_000)
    qtbot.keyClick(win, Qt.Key.Key_Shift)
    assert protection.idle.remaining() > 59_900
    assert not win.locked


def test_a_plain_database_is_never_idle_locked(
    qtbot, launch, plain_db, window_settings: QSettings
) -> None:
    window_settings.setValue(IDLE_LOCK_SETTING, 5)
    win, session = launch(plain_db)
    protection = win.findChild(Protection)
    with qtbot.waitSignal(session.ready, timeout=10_000):
        ui_app.start(win, session)
    assert not protection.idle.armed
    assert win.encrypt_database_action.isEnabled()
    assert not win.change_passphrase_action.isEnabled()
    assert protection.lock() is False and not win.locked


def test_preferences_set_the_idle_lock_on_this_computer(
    start_window, encrypted_db, passphrase, no_keychain, window_settings: QSettings
) -> None:
    path, _recovery = encrypted_db
    win, _session, protection = start_window(path, passphrase)
    assert not protection.idle.armed  # (never, until set)
    win.preferences_action.trigger()
    dialog = win.workspace.last_opened
    assert isinstance(dialog, PreferencesDialog)
    assert dialog.idle_lock.specialValueText() == "Never" and dialog.idle_lock.value() == 0
    assert "not encrypted" not in dialog.findChild(QLabel, "idleLockNote").text()
    dialog.idle_lock.setValue(3)
    dialog.save()
    assert int(window_settings.value(IDLE_LOCK_SETTING)) == 3
    assert protection.idle.interval() == 3 * 60_000


def test_the_idle_lock_note_says_a_plain_database_is_not_locked(qtbot, context) -> None:
    dialog = PreferencesDialog(context)
    qtbot.addWidget(dialog)
    assert "this one is not encrypted" in dialog.findChild(QLabel, "idleLockNote").text()


def test_a_deleted_encrypted_database_is_unlocked_to_offer_its_backup_not_made_anew(
    qtbot, launch, encrypted_db, no_keychain, passphrase
) -> None:
    """Before, a start on an encrypted database whose file was deleted made a new, plain,
    empty one, and its encrypted backups were left for nobody to read."""
    from advisor_planner.services import session as service

    path, _recovery = encrypted_db
    encryption.unlock(path, passphrase=passphrase)
    service.make_manual_backup(path)
    encryption.lock(path)
    path.unlink()
    win, session, dialog = start_locked(qtbot, launch, path)
    with qtbot.waitSignal(session.damaged, timeout=10_000) as damaged:
        give(qtbot, dialog, passphrase)
    reason, backup = damaged.args
    assert "missing" in reason and backup is not None
    assert not path.exists()  # nothing made in its place; the backup is offered
