"""Ctrl+Z and Ctrl+Shift+Z reach the app's undo stack from any field with nothing of its own
to undo (the search box every list focuses), and stay the field's own while it has."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit

from advisor_planner.services import stakeholders
from advisor_planner.ui.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def window(qtbot, db, tmp_path: Path) -> MainWindow:
    stakeholders.create(name="Zoe Rahman")
    stakeholders.create(name="Ada Lovelace")
    win = MainWindow(settings=QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win, before_close_func=lambda w: [d.done(0) for d in w.findChildren(QDialog)])
    win.show()
    win.set_ready()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    return win


def _delete_zoe(qtbot, win: MainWindow) -> None:
    qtbot.keyClick(win, Qt.Key.Key_2, CTRL)
    page = win.page("stakeholders").list_page
    page.refresh()
    row = next(
        r for r in range(page.model.rowCount()) if page.model.rows[r].record.name == "Zoe Rahman"
    )
    page.select_id(page.model.rows[row].id)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert [p.name for p in stakeholders.list_all()] == ["Ada Lovelace"]


def _names() -> list[str]:
    return sorted(p.name for p in stakeholders.list_all())


def _search_box(qtbot, win: MainWindow) -> QLineEdit:
    qtbot.keyClick(win, Qt.Key.Key_F, CTRL)  # Edit ▸ Find
    box = QApplication.focusWidget()
    assert isinstance(box, QLineEdit)
    return box


def test_ctrl_z_in_the_trash_search_box_undoes_the_delete(qtbot, window: MainWindow) -> None:
    _delete_zoe(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_8, CTRL)
    box = _search_box(qtbot, window)
    assert box is window.page("trash").search
    qtbot.keyClick(box, Qt.Key.Key_Z, CTRL)
    window.workspace.context.finish_writes()  # (undo and redo write on a worker)
    assert _names() == ["Ada Lovelace", "Zoe Rahman"]
    # The emptied Trash disables its search box, and the focus moves on: redo from there.
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Z, CTRL | SHIFT)
    window.workspace.context.finish_writes()
    assert _names() == ["Ada Lovelace"]


def test_a_field_with_its_own_undo_keeps_ctrl_z_until_it_has_none(qtbot, window) -> None:
    _delete_zoe(qtbot, window)
    box = _search_box(qtbot, window)
    qtbot.keyClicks(box, "ad")
    qtbot.keyClick(box, Qt.Key.Key_Z, CTRL)
    assert box.text() == ""  # the typing undone, not the delete
    assert _names() == ["Ada Lovelace"]
    qtbot.keyClick(box, Qt.Key.Key_Z, CTRL | SHIFT)
    assert box.text() == "ad"  # the box's own redo
    qtbot.keyClick(box, Qt.Key.Key_Z, CTRL)
    qtbot.keyClick(box, Qt.Key.Key_Z, CTRL)  # nothing left in the box: the app's undo
    window.workspace.context.finish_writes()  # (undo and redo write on a worker)
    assert _names() == ["Ada Lovelace", "Zoe Rahman"]
