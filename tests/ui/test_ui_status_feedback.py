"""After an action the status bar says what happened, with Undo (or Redo) to click, in place
of "Ready"; the message goes after a while or with the next action."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialog

from advisor_planner.services import stakeholders
from advisor_planner.ui.main_window import MainWindow
from advisor_planner.ui.status_feedback import StatusFeedback


@pytest.fixture
def window(qtbot, db, tmp_path: Path) -> MainWindow:
    stakeholders.create(name="Zoe Rahman")
    win = MainWindow(settings=QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win, before_close_func=lambda w: [d.done(0) for d in w.findChildren(QDialog)])
    win.show()
    win.set_ready()
    win.select_section("stakeholders")
    return win


def _feedback(window: MainWindow) -> StatusFeedback:
    found = window.statusBar().findChild(StatusFeedback)
    assert found is not None
    return found


def _delete_zoe(qtbot, window: MainWindow) -> None:
    page = window.page("stakeholders").list_page
    page.refresh()
    page.select_id(stakeholders.list_all()[0].id)
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert stakeholders.list_all() == []


def test_a_delete_says_so_and_its_undo_button_brings_the_record_back(qtbot, window) -> None:
    _delete_zoe(qtbot, window)
    feedback = _feedback(window)
    assert feedback.isVisible()  # not hidden behind "Ready"
    assert window.statusBar().currentMessage() == ""
    assert feedback.message.text() == "Deleted stakeholder Zoe Rahman"
    assert feedback.button.isVisible() and feedback.button.text() == "Undo"

    qtbot.mouseClick(feedback.button, Qt.MouseButton.LeftButton)
    window.workspace.context.finish_writes()  # (undo and redo write on a worker)
    assert [p.name for p in stakeholders.list_all()] == ["Zoe Rahman"]
    assert feedback.message.text() == "Undone: Delete stakeholder Zoe Rahman"
    assert feedback.button.text() == "Redo"

    qtbot.mouseClick(feedback.button, Qt.MouseButton.LeftButton)
    window.workspace.context.finish_writes()
    assert stakeholders.list_all() == []
    assert feedback.message.text() == "Redone: Delete stakeholder Zoe Rahman"
    assert feedback.button.text() == "Undo"


def test_saving_a_form_says_so(qtbot, window) -> None:
    page = window.page("stakeholders").list_page
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    dialog = page.last_dialog
    qtbot.keyClicks(dialog.editors["name"].edit, "Ada Lovelace")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert _feedback(window).message.text() == "Added stakeholder Ada Lovelace"

    ada = next(p for p in stakeholders.list_all() if p.name == "Ada Lovelace")
    page.refresh()
    page.select_id(ada.id)
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    dialog = page.last_dialog
    qtbot.keyClicks(dialog.editors["title"].edit, "CFO")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert _feedback(window).message.text() == "Saved stakeholder Ada Lovelace"


def test_the_message_goes_after_a_while(qtbot, window) -> None:
    feedback = _feedback(window)
    feedback.shown_ms = 50
    _delete_zoe(qtbot, window)
    assert feedback.isVisible()
    qtbot.waitUntil(lambda: not feedback.isVisible(), timeout=2_000)


def test_a_cleared_history_says_nothing(qtbot, window) -> None:
    _delete_zoe(qtbot, window)
    feedback = _feedback(window)
    window.workspace.context.undo_stack.clear()  # (as a restore does: nothing was undone)
    assert not feedback.isVisible()
    assert "Undone" not in feedback.message.text()


def test_a_restore_from_the_trash_says_so(qtbot, window) -> None:
    _delete_zoe(qtbot, window)
    window.select_section("trash")
    page = window.page("trash")
    page.refresh()
    page.table.selectRow(0)
    qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
    assert [p.name for p in stakeholders.list_all()] == ["Zoe Rahman"]
    feedback = _feedback(window)
    assert feedback.message.text() == "Restored Zoe Rahman"
    assert feedback.button.text() == "Undo"
