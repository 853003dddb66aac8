"""The Stakeholders section inside the real main window: list, form, undo, search, safety."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox

from advisor_planner.services import stakeholders, trash
from advisor_planner.ui.main_window import MainWindow
from advisor_planner.ui.record_form import RecordDialog
from advisor_planner.ui.sections.stakeholders import StakeholdersSection


@pytest.fixture
def window(qtbot, db, tmp_path: Path) -> MainWindow:
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    win = MainWindow(settings=settings)
    qtbot.addWidget(win, before_close_func=close_forms)
    win.show()
    win.set_ready()
    win.select_section("stakeholders")
    return win


def close_forms(window: MainWindow) -> None:
    """Forms a test left open would otherwise ask "discard?" when the window closes."""
    for dialog in window.findChildren(QDialog):
        dialog.done(0)


def section(window: MainWindow) -> StakeholdersSection:
    page = window.stack.currentWidget()
    assert isinstance(page, StakeholdersSection)
    return page


def open_new_form(qtbot, window: MainWindow) -> RecordDialog:
    page = section(window).list_page
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    dialog = page.last_dialog
    qtbot.waitExposed(dialog)
    return dialog


def save(qtbot, dialog: RecordDialog) -> None:
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)


def test_create_through_the_form_then_undo_and_redo(qtbot, window: MainWindow) -> None:
    dialog = open_new_form(qtbot, window)
    qtbot.keyClicks(dialog.editors["name"].edit, "Ada Lovelace")
    qtbot.keyClicks(dialog.editors["title"].edit, "CFO")
    save(qtbot, dialog)
    people = stakeholders.list_all()
    assert [(p.name, p.title) for p in people] == [("Ada Lovelace", "CFO")]
    created_id = people[0].id
    assert window.undo_action.text() == "&Undo Add stakeholder Ada Lovelace"
    page = section(window).list_page
    assert page.model.rowCount() == 1

    window.undo_action.trigger()
    assert stakeholders.list_all() == []
    assert trash.count() == 0  # an undone create does not linger in the trash
    assert page.model.rowCount() == 0

    window.redo_action.trigger()
    assert [p.id for p in stakeholders.list_all()] == [created_id]


def test_empty_name_and_huge_text_are_refused_beside_the_field(qtbot, window) -> None:
    dialog = open_new_form(qtbot, window)
    assert not dialog.save_button.isEnabled()
    assert dialog.errors["name"].isHidden()  # no complaint before anything is typed
    qtbot.keyClicks(dialog.editors["name"].edit, "R")
    qtbot.keyClick(dialog.editors["name"].edit, Qt.Key.Key_Backspace)
    assert dialog.errors["name"].text() == "must not be empty"
    assert not dialog.errors["name"].isHidden()
    dialog.editors["name"].set_value("Raj")
    assert dialog.save_button.isEnabled()
    dialog.editors["notes"].set_value("x" * 100_000)
    assert not dialog.save_button.isEnabled()
    assert "limit" in dialog.errors["notes"].text()
    save(qtbot, dialog)  # disabled: nothing happens
    assert stakeholders.list_all() == []


def test_edit_and_delete_are_undoable(qtbot, window: MainWindow) -> None:
    ada = stakeholders.create(name="Ada", title="CFO")
    page = section(window).list_page
    page.refresh()
    assert page.select_id(ada.id)
    page.open_editor(page.table.current_row())
    dialog = page.last_dialog
    dialog.editors["title"].set_value("COO")
    save(qtbot, dialog)
    assert stakeholders.get(stakeholder_id=ada.id).title == "COO"
    window.undo_action.trigger()
    assert stakeholders.get(stakeholder_id=ada.id).title == "CFO"

    page.table.setFocus()
    page.select_id(ada.id)
    page.table.selectRow(page.table.currentIndex().row())
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert stakeholders.list_all() == []
    assert [e.label for e in trash.list_entries()] == ["Ada"]
    window.undo_action.trigger()
    assert [p.name for p in stakeholders.list_all()] == ["Ada"]


def test_search_filters_as_you_type_and_ctrl_f_focuses_it(qtbot, window) -> None:
    for name, unit in [("Ada", "Finance"), ("Raj", "Operations"), ("Mei", "Finance")]:
        stakeholders.create(name=name, business_unit=unit)
    page = section(window).list_page
    page.refresh()
    window.find_action.trigger()
    assert page.search.hasFocus() or QApplication_focus_is(page.search)
    qtbot.keyClicks(page.search, "finance")
    qtbot.waitUntil(lambda: page.proxy.rowCount() == 2)
    assert page.count_label.text() == "2 of 3"


def QApplication_focus_is(widget) -> bool:  # noqa: N802 - reads as the Qt call it wraps
    from PySide6.QtWidgets import QApplication

    return QApplication.focusWidget() is widget


def test_model_passes_qtmodeltester_and_hostile_names_stay_plain(qtbot, window, qtmodeltester):
    stakeholders.create(name="<b>x</b>", title="<img src=x>", tags=["a"])
    page = section(window).list_page
    page.refresh()
    qtmodeltester.check(page.model)
    assert page.model.index(0, 0).data() == "<b>x</b>"
    assert page.model.index(0, 1).data() == "<img src=x>"


def test_closing_with_a_half_filled_form_asks(qtbot, window, monkeypatch) -> None:
    dialog = open_new_form(qtbot, window)
    dialog.editors["name"].set_value("Half typed")
    asked: list[str] = []

    def answer(*args, **kwargs):
        asked.append(args[1])
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "question", answer)
    window.close()
    assert asked == ["Unsaved form"]
    assert window.isVisible() and dialog.isVisible()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    window.close()
    assert not window.isVisible()
    assert stakeholders.list_all() == []


def test_double_click_opens_the_person_and_back_returns(qtbot, window) -> None:
    pytest.importorskip("advisor_planner.ui.stakeholder.page")
    ada = stakeholders.create(name="Ada")
    sec = section(window)
    sec.list_page.refresh()
    sec.open_person(ada.id)
    assert sec.currentWidget() is sec.person_page
    sec.show_list()
    assert sec.currentWidget() is sec.list_page


def test_save_button_is_the_dialogs_save(window, qtbot) -> None:
    dialog = open_new_form(qtbot, window)
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Save) is dialog.save_button


def test_a_failed_write_is_shown_and_the_form_keeps_what_was_typed(
    qtbot, window, db, monkeypatch
) -> None:
    from advisor_planner.store.connection import GateState

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    dialog = open_new_form(qtbot, window)
    qtbot.keyClicks(dialog.editors["name"].edit, "Grace Hopper")
    db.set_gate(GateState.CLOSED, "The database is locked by another program.")
    try:
        save(qtbot, dialog)
    finally:
        db.set_gate(GateState.OPEN)
    assert shown == ["The database is locked by another program."]
    assert dialog.isVisible()
    assert dialog.editors["name"].value() == "Grace Hopper"
    assert stakeholders.list_all() == []
    assert window.workspace.context.undo_stack.count() == 0  # nothing half-done was pushed
    save(qtbot, dialog)  # the problem has gone: the same form now saves
    assert [p.name for p in stakeholders.list_all()] == ["Grace Hopper"]
