"""The window's own words under the pseudo translation: menus, Help boxes, empty states, the
problem banner, and the import, export and report dialogs. A text with letters outside the
⟦…⟧ brackets bypassed translation (user data, such as a file name, is left out)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication, QComboBox, QMessageBox, QWidget

from advisor_planner import file_dialogs
from advisor_planner.ui.i18n import PseudoTranslator
from advisor_planner.ui.main_window import MainWindow
from advisor_planner.ui.shortcuts import ShortcutsDialog


@pytest.fixture
def pseudo(qapp: QApplication) -> Iterator[None]:
    translator = PseudoTranslator(qapp)
    qapp.installTranslator(translator)
    try:
        yield
    finally:
        qapp.removeTranslator(translator)


def untranslated(text: str) -> bool:
    """Whether ``text`` has letters outside the pseudo translation's (nested) brackets."""
    text = re.sub(r"<[^>]+>", "", text)
    while True:
        inner = re.sub(r"⟦[^⟦⟧]*⟧", "", text)
        if inner == text:
            return bool(re.search(r"[A-Za-z]", text))
        text = inner


def visible_texts(widget: QWidget) -> list[str]:
    texts = []
    for child in [widget, *widget.findChildren(QWidget)]:
        if not child.isVisible():
            continue
        for name in ("text", "title", "placeholderText", "toolTip", "accessibleName"):
            read = getattr(child, name, None)
            value = read() if callable(read) else None
            if isinstance(value, str):
                texts.append(value)
        if isinstance(child, QComboBox):
            texts += [child.itemText(i) for i in range(child.count())]
    return texts


@pytest.fixture
def window(qtbot, pseudo, tmp_path: Path) -> MainWindow:
    settings = QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat)
    win = MainWindow(settings=settings)
    qtbot.addWidget(win)
    win.show()
    return win


@pytest.fixture
def said(monkeypatch) -> list[str]:
    """What message boxes and file dialogs were given to show (none of them opens)."""
    shown: list[str] = []

    def file_dialog(parent, title, folder, filters, *args, **kwargs):
        shown.extend([title, filters])
        return "", ""

    def about(parent, title, text):
        shown.extend([title, text])

    def execute(box):
        shown.extend([box.windowTitle(), box.text()])
        return 0

    def question(parent, title, text, *args, **kwargs):
        shown.extend([title, text])
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(file_dialogs, "save_file_name", file_dialog)
    monkeypatch.setattr(file_dialogs, "open_file_name", file_dialog)
    monkeypatch.setattr(QMessageBox, "about", about)
    monkeypatch.setattr(QMessageBox, "exec", execute)
    monkeypatch.setattr(QMessageBox, "question", question)
    return shown


def test_menus_toolbar_and_help_boxes_are_translated(window: MainWindow, said) -> None:
    texts = [window.toolbar.windowTitle()]
    for menu in (window.file_menu, window.edit_menu, window.view_menu, window.help_menu):
        texts.append(menu.title())
        for action in menu.actions():
            texts += [action.text(), action.statusTip()] if not action.isSeparator() else []
    window.shortcuts_action.trigger()
    shortcuts = window.findChild(ShortcutsDialog)
    texts += [shortcuts.windowTitle()] + [t for row in shortcuts.rows() for t in (row[0], row[2])]
    window.about_action.trigger()
    for action in (window.new_database_action, window.open_database_action):
        action.trigger()
    assert len(said) == 6
    assert [text for text in texts + said if untranslated(text)] == []


def test_empty_states_and_status_are_translated(window: MainWindow) -> None:
    for key in window.section_keys():
        window.select_section(key)
        texts = visible_texts(window.page(key))
        assert [text for text in texts if untranslated(text)] == [], key
    assert not untranslated(window.statusBar().currentMessage())


def test_problem_banner_states_are_translated(db, window: MainWindow, tmp_path, said) -> None:
    backup = tmp_path / "b.sqlite"
    backup.write_bytes(b"x")
    for reason, offered in (("damaged", backup), ("file (0 bytes)", None)):
        window.show_damaged(reason, offered)
        texts = [window.banner.message.text(), window.statusBar().currentMessage()]
        texts += [window.banner.restore_button.text()] if offered else []
        assert [text for text in texts if untranslated(text)] == []
    window._offered_backup = backup
    window._confirm_restore()
    window.show_backup_made(tmp_path / "made.sqlite")
    texts = [*said, window.banner.accessibleName(), window.statusBar().currentMessage()]
    window.show_read_only("⟦a reason⟧")
    texts.append(window.statusBar().currentMessage())
    assert [text for text in texts if untranslated(text.replace(str(tmp_path), ""))] == []


def test_dialogs_are_translated(qtbot, db, window: MainWindow, tmp_path, said) -> None:
    window.set_ready()
    workspace = window.workspace
    assert workspace is not None
    report = workspace.report()
    qtbot.addWidget(report)
    report.period.setCurrentIndex(report.period.findData("custom"))
    report._progressed("trust", 0.1)
    texts = [t for t in visible_texts(report) if t not in {report.start.text(), report.end.text()}]
    report.choose_and_export()
    workspace.export_data()
    from advisor_planner.ui.transfer.import_dialog import choose_import_file

    choose_import_file(window)
    csv = tmp_path / "people.csv"
    csv.write_text("Name,Email\nAda,ada@example.org\n", encoding="utf-8")
    dialog = workspace.import_file(csv)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.csv_table is not None, timeout=10_000)
    data = {"Name", "Email", "Ada", "ada@example.org"}
    texts += [t for t in visible_texts(dialog) if t not in data]
    preferences = workspace.preferences()
    qtbot.addWidget(preferences)
    texts += visible_texts(preferences)
    assert len(said) == 6
    assert [text for text in texts + said if untranslated(text)] == []


def test_the_encryption_dialogs_are_translated(
    qtbot, window: MainWindow, tmp_path, monkeypatch, no_keychain
) -> None:
    from advisor_planner import translation

    translation.use(QCoreApplication.translate)  # (the services' sentences, as at start)
    try:
        texts = _encryption_texts(qtbot, window, tmp_path, monkeypatch)
    finally:
        translation.use(None)
    assert len(texts) > 60
    assert [text for text in texts if untranslated(text)] == []


def _encryption_texts(qtbot, window: MainWindow, tmp_path: Path, monkeypatch) -> list[str]:
    """Every text of the encryption dialogs and the locked window, the user's data left out."""
    from advisor_planner.services import encryption
    from advisor_planner.ui import database_files
    from advisor_planner.ui.encryption_dialogs import (
        BusyDialog,
        ChangePassphraseDialog,
        EncryptDialog,
        RemoveEncryptionDialog,
        strength_hint,
    )
    from advisor_planner.ui.recovery_key import RecoveryKeyDialog
    from advisor_planner.ui.unlock import UnlockDialog

    database = tmp_path / "private.sqlite"
    recovery = "ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789"
    user_data = {database.name, str(database), *recovery.split("-")}
    texts: list[str] = []

    def read(widget: QWidget) -> None:
        qtbot.addWidget(widget)
        widget.show()
        texts.extend([widget.windowTitle(), *visible_texts(widget)])

    unlock = UnlockDialog(database, window, keychain_reason=encryption.keychain_status())
    read(unlock)
    unlock._say(unlock.field.wrong())
    unlock.field.use_recovery_key.setChecked(True)
    unlock._say(unlock.field.wrong())
    unlock._set_busy(True)
    read(unlock)
    unlock._set_busy(False)
    read(UnlockDialog(database, window))  # (the keychain's own note)
    for new in (False, True):
        read(EncryptDialog(database, window, keychain_reason="", new_database=new))
    change = ChangePassphraseDialog(database, window)
    change._say(change.new.problem())
    read(change)
    read(RemoveEncryptionDialog(database, window))
    shown = RecoveryKeyDialog(recovery, database, window)
    shown.copy()
    read(shown)
    read(BusyDialog("⟦…⟧", window))
    window.show_locked()
    texts += [*visible_texts(window.locked_page), window.statusBar().currentMessage()]
    texts += [strength_hint(text) for text in ("a", "Password1", "plum orchard lantern violet")]

    def asked(box: QMessageBox) -> int:
        texts.extend([box.windowTitle(), box.text(), box.informativeText()])
        texts.extend(button.text() for button in box.buttons())
        return 0

    monkeypatch.setattr(QMessageBox, "exec", asked)
    database_files.ask_protection(window)
    cleaned = []
    for text in texts:
        for value in user_data:
            text = text.replace(value, "")
        cleaned.append(text)
    return cleaned
