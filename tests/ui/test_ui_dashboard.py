"""First run: the dashboard offers sample data, asks first, and fills the database."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox

from advisor_planner.services import stakeholders, touchpoints
from advisor_planner.ui.main_window import MainWindow
from advisor_planner.ui.sections.dashboard import DashboardPage


def make_window(qtbot, tmp_path: Path) -> MainWindow:
    win = MainWindow(settings=QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    win.show()
    win.set_ready()
    win.select_section("dashboard")
    return win


def test_sample_data_is_loaded_only_after_asking(qtbot, db, tmp_path, monkeypatch) -> None:
    win = make_window(qtbot, tmp_path)
    page = win.stack.currentWidget()
    assert isinstance(page, DashboardPage)
    assert page.currentWidget() is page.empty_page
    assert page.sample_button.isVisible()

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    qtbot.mouseClick(page.sample_button, Qt.MouseButton.LeftButton)
    assert stakeholders.count() == 0

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(page.sample_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(page.task.finished, timeout=20_000):
        pass
    assert stakeholders.count() == 25
    assert touchpoints.count() > 100
    qtbot.waitUntil(lambda: page.currentWidget() is page.summary)
    assert "attention" in page.attention.text() or "cadence" in page.attention.text()
