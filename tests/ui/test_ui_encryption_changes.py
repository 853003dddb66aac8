"""File ▸ Encrypt Database…, Change Passphrase… and Remove Encryption… end to end, with the
recovery key dialog (eight groups, Copy, Save as PDF…) and the strength hint. Real SQLCipher
files in tmp_path; each wait is on a signal."""

from __future__ import annotations

import pypdf
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel

from advisor_planner import file_dialogs
from advisor_planner.services import encryption
from advisor_planner.ui.encryption_dialogs import (
    ChangePassphraseDialog,
    EncryptDialog,
    RemoveEncryptionDialog,
    passphrase_bits,
    strength_hint,
)
from advisor_planner.ui.recovery_key import RecoveryKeyDialog

NEW_PASSPHRASE = "plum orchard lantern violet"
LEFT = Qt.MouseButton.LeftButton


def test_encrypt_database_from_the_menu_to_the_recovery_key(
    qtbot, start_window, shows, plain_db, planted, no_keychain, monkeypatch, tmp_path
) -> None:
    win, session, protection = start_window(plain_db)
    assert win.encrypt_database_action.isEnabled()
    assert not win.change_passphrase_action.isEnabled()
    win.encrypt_database_action.trigger()
    dialog = protection.dialog
    assert isinstance(dialog, EncryptDialog) and dialog.isVisible()
    assert not dialog.remember.isEnabled()  # (no keychain here)

    qtbot.keyClicks(dialog.new.first, "short")
    assert dialog.new.hint.text().startswith("Weak")
    qtbot.keyClicks(dialog.new.second, "shorter")
    qtbot.mouseClick(dialog.ok_button, LEFT)
    assert dialog.isVisible() and "differ" in dialog.error.text()

    dialog.new.first.setText(NEW_PASSPHRASE)
    dialog.new.second.setText(NEW_PASSPHRASE)
    assert dialog.new.hint.text() == "Strong."
    with qtbot.waitSignal(protection.changed, timeout=30_000) as changed:
        qtbot.mouseClick(dialog.ok_button, LEFT)
    assert changed.args[0] == "The database and its backups are encrypted."
    assert win.statusBar().currentMessage() == changed.args[0]
    assert not win.encrypt_database_action.isEnabled()
    assert win.change_passphrase_action.isEnabled()
    shows(win, planted)  # the data is back, from the encrypted file

    shown = protection.dialog
    assert isinstance(shown, RecoveryKeyDialog) and shown.isVisible()
    groups = [label.text() for label in shown.groups]
    assert len(groups) == 8 and all(len(group) == 4 for group in groups)
    recovery = "-".join(groups)

    qtbot.mouseClick(shown.copy_button, LEFT)
    assert QGuiApplication.clipboard().text() == recovery

    target = tmp_path / "papers" / "my key"
    target.parent.mkdir()
    monkeypatch.setattr(file_dialogs, "save_file_name", lambda *args: (str(target), "PDF (*.pdf)"))
    qtbot.mouseClick(shown.pdf_button, LEFT)
    written = target.with_suffix(".pdf")
    assert shown.saved_to == written and str(written) in shown.status.text()
    text = "".join(page.extract_text() for page in pypdf.PdfReader(written).pages)
    assert recovery.replace("-", "") in "".join(text.split())
    assert "Advisor Planner recovery key" in " ".join(text.split())
    qtbot.mouseClick(shown.done_button, LEFT)
    assert not shown.isVisible()

    session.close()
    raw = plain_db.read_bytes()
    assert not raw.startswith(b"SQLite format 3") and planted.encode() not in raw
    encryption.lock(plain_db)
    encryption.unlock(plain_db, recovery_key=recovery)  # the key shown opens it


def test_change_passphrase_checks_the_current_one_and_keeps_the_recovery_key(
    qtbot, start_window, shows, encrypted_db, passphrase, planted, no_keychain
) -> None:
    path, recovery = encrypted_db
    win, session, protection = start_window(path, passphrase)
    win.change_passphrase_action.trigger()
    dialog = protection.dialog
    assert isinstance(dialog, ChangePassphraseDialog)
    qtbot.keyClicks(dialog.field.edit, "not the passphrase")
    dialog.new.first.setText(NEW_PASSPHRASE)
    dialog.new.second.setText(NEW_PASSPHRASE)
    with qtbot.waitSignal(dialog.refused, timeout=10_000) as refused:
        qtbot.mouseClick(dialog.ok_button, LEFT)
    assert refused.args[0].startswith("That passphrase is wrong")
    assert dialog.isVisible() and win.workspace is not None  # nothing was closed

    dialog.field.edit.setText(passphrase)
    with qtbot.waitSignal(protection.changed, timeout=30_000) as changed:
        qtbot.mouseClick(dialog.ok_button, LEFT)
    assert changed.args[0].startswith("The passphrase is changed")
    shows(win, planted)

    session.close()
    encryption.lock(path)
    with pytest.raises(encryption.WrongSecretError):
        encryption.unlock(path, passphrase=passphrase)
    encryption.unlock(path, passphrase=NEW_PASSPHRASE)
    encryption.lock(path)
    encryption.unlock(path, recovery_key=recovery)


def test_remove_encryption_asks_for_the_secret_then_stores_it_plain(
    qtbot, start_window, shows, encrypted_db, passphrase, planted, no_keychain
) -> None:
    path, recovery = encrypted_db
    win, session, protection = start_window(path, passphrase)
    win.remove_encryption_action.trigger()
    dialog = protection.dialog
    assert isinstance(dialog, RemoveEncryptionDialog)
    assert "unencrypted" in dialog.findChild(QLabel, "removeWarning").text()
    dialog.field.use_recovery_key.setChecked(True)
    qtbot.keyClicks(dialog.field.edit, recovery)
    with qtbot.waitSignal(protection.changed, timeout=30_000) as changed:
        qtbot.mouseClick(dialog.ok_button, LEFT)
    assert changed.args[0] == "The database and its backups are no longer encrypted."
    assert win.encrypt_database_action.isEnabled()
    assert not win.remove_encryption_action.isEnabled()
    shows(win, planted)
    session.close()
    assert path.read_bytes().startswith(b"SQLite format 3")
    assert not encryption.is_encrypted(path)


def test_the_strength_hint_grows_with_the_passphrase() -> None:
    assert strength_hint("") == ""
    assert passphrase_bits("aaaaaaaaaaaaaaaa") < passphrase_bits("password")
    assert strength_hint("password").startswith("Weak")
    assert strength_hint("Password1").startswith("Fair")
    assert strength_hint("correct horse battery staple") == "Strong."
