"""File ▸ Export…: an archive of everything, written off the GUI thread."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QLabel, QWidget

from advisor_planner import file_dialogs
from advisor_planner.services import archive_read, stakeholders
from advisor_planner.ui.main_window import MainWindow
from advisor_planner.ui.transfer import export
from advisor_planner.ui.transfer.export import export_to


def _window(qtbot, tmp_path: Path) -> MainWindow:
    win = MainWindow(settings=QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    win.show()
    win.set_ready()
    return win


def test_export_writes_an_archive_off_the_gui_thread(qtbot, tmp_path, db) -> None:
    stakeholders.create(name="Ada Lovelace")
    win = _window(qtbot, tmp_path)
    assert win.export_action.isEnabled()
    out = tmp_path / "all.json"
    task = export_to(win.workspace.context, out, "archive", parent=win)
    with qtbot.waitSignal(task.finished, timeout=10_000):
        pass
    assert archive_read.read(out).count("stakeholder") == 1
    assert str(out) in win.statusBar().currentMessage()


def test_the_export_dialog_says_its_file_is_not_encrypted(
    qtbot, opened_encrypted, monkeypatch
) -> None:
    seen: list[str] = []

    def run(dialog: file_dialogs.SafeFileDialog) -> int:
        note = dialog.findChild(QLabel, "plainOutputNote")
        seen.append(note.text() if note is not None else dialog.windowTitle())
        return 0  # cancelled

    monkeypatch.setattr(file_dialogs.SafeFileDialog, "exec", run)
    parent = QWidget()
    qtbot.addWidget(parent)
    assert export.choose_export(opened_encrypted, parent) is None
    assert len(seen) == 1 and "not encrypted" in seen[0]
