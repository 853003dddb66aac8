"""Help ▸ Keyboard Shortcuts: a two-column table by area, built from the menus' own keys."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from advisor_planner.ui.main_window import MainWindow
from advisor_planner.ui.shortcuts import ShortcutsDialog


def test_shortcuts_are_a_table_grouped_by_area(qtbot, tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings)
    qtbot.addWidget(window)
    window.show()
    window.shortcuts_action.trigger()
    dialog = window.findChild(ShortcutsDialog)
    assert dialog is not None and dialog.isVisible()
    rows = dialog.rows()
    # Keys and words in their own columns: no "Ctrl+Shift+EImport a file…".
    assert ("File", "Ctrl+Shift+I", "Import…") in rows
    assert ("File", "Ctrl+Shift+E", "Export…") in rows
    assert ("View", "Ctrl+2", "Stakeholders") in rows
    assert ("Commitments", "Ctrl+K", "Mark the selected commitments kept") in rows
    assert ("Lists", "Del", "Move the selected records to the Trash") in rows
    assert ("Edit", "Ctrl+Z", "Undo the last change") in rows
    areas = [dialog.table.topLevelItem(i).text(0) for i in range(dialog.table.topLevelItemCount())]
    assert areas[:4] == ["File", "Edit", "View", "Help"]
    assert all(keys and what for _area, keys, what in rows)
    # The keys column is as wide as its widest keys, so the words start in one line.
    widest = max(dialog.table.fontMetrics().horizontalAdvance(keys) for _a, keys, _w in rows)
    assert dialog.table.columnWidth(0) >= widest
    qtbot.addWidget(dialog)
    dialog.grab().save(str(tmp_path / "shortcuts.png"))
