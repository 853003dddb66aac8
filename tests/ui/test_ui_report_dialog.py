"""File ▸ Export Progress Report: the options, an export off the GUI thread with progress,
and Cancel leaving nothing behind."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QLabel

from advisor_planner.reports.data import Cancelled
from advisor_planner.services import clock, stakeholders, touchpoints, trust_checks
from advisor_planner.ui.main_window import MainWindow
from advisor_planner.ui.report_dialog import ReportDialog


def _data() -> None:
    ada = stakeholders.create(name="Ada Lovelace", power=5, interest=4).id
    today = clock.today()
    trust_checks.create(
        stakeholder_id=ada, checked_on=today - timedelta(days=10), credibility=7,
        reliability=7, intimacy=6, self_orientation=3,
    )  # fmt: skip
    touchpoints.create(
        occurred_at=datetime.combine(today - timedelta(days=2), time(9)).astimezone(),
        stakeholder_ids=[ada], channel="call", purpose="listen", notes="Private words",
    )  # fmt: skip


def _dialog(qtbot, tmp_path: Path) -> tuple[MainWindow, ReportDialog]:
    win = MainWindow(settings=QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    win.show()
    win.set_ready()
    assert win.report_action.shortcut().toString() == "Ctrl+P"
    win.report_action.trigger()
    dialog = win.workspace.last_opened
    assert isinstance(dialog, ReportDialog)
    dialog.open_after.setChecked(False)
    return win, dialog


def test_export_dialog_writes_the_report_off_the_gui_thread(qtbot, tmp_path, db) -> None:
    _data()
    _win, dialog = _dialog(qtbot, tmp_path)
    dialog.period.setCurrentIndex(dialog.period.findData("custom"))
    dialog.start.setDate(dialog.start.date().addDays(-30))
    assert not dialog.private.isChecked()  # off by default
    dialog.for_mentor.setChecked(True)
    assert not dialog.ratings.isChecked()  # the mentor's report leaves them out
    dialog.section_boxes["initiatives"].setChecked(False)
    options = dialog.options()
    assert options.audience == "mentor" and not options.show_ratings
    assert "initiatives" not in options.sections
    out = tmp_path / "progress.pdf"
    with qtbot.waitSignal(dialog.exported, timeout=30_000) as done:
        dialog.export_to(out)
        assert not dialog.export_button.isEnabled()  # busy while it works
    assert done.args == [out]
    assert dialog.progress.value() == 100
    reader = PdfReader(str(out))
    assert dialog.status.text() == f"Saved {out} ({len(reader.pages)} pages)."
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    assert "Ada Lovelace" in text and "Private words" not in text
    assert "Initiatives and outcomes" not in text and "Self-ratings" not in text


def test_export_dialog_cancel_leaves_no_file(qtbot, tmp_path, db) -> None:
    _data()
    _win, dialog = _dialog(qtbot, tmp_path)
    out = tmp_path / "cancelled.pdf"
    with qtbot.waitSignal(dialog.exported, timeout=30_000) as done:
        dialog.export_to(out)
        dialog.cancel_or_close()  # Cancel while it gathers
    assert isinstance(done.args[0], Cancelled)
    assert dialog.status.text() == "Cancelled; no file was written."
    assert not out.exists() and list(tmp_path.glob("*.part")) == []
    assert dialog.export_button.isEnabled()


def test_export_dialog_refuses_a_missing_folder(qtbot, tmp_path, db) -> None:
    _win, dialog = _dialog(qtbot, tmp_path)
    assert dialog.export_to(tmp_path / "nowhere" / "r.pdf") is None
    assert dialog.error.isVisible() and "does not exist" in dialog.error.text()
    dialog.period.setCurrentIndex(dialog.period.findData("custom"))
    dialog.start.setDate(dialog.end.date().addDays(5))
    assert dialog.export_to(tmp_path / "r.pdf") is None
    assert "ends before it starts" in dialog.error.text()


def test_the_report_dialog_says_its_pdf_is_not_encrypted(
    qtbot, opened_encrypted, context_plain=None
):
    dialog = ReportDialog(opened_encrypted)
    qtbot.addWidget(dialog)
    note = dialog.findChild(QLabel, "plainOutputNote")
    assert note is not None and "not encrypted" in note.text()


def test_the_report_dialog_of_a_plain_database_says_nothing_of_it(qtbot, context) -> None:
    dialog = ReportDialog(context)
    qtbot.addWidget(dialog)
    assert dialog.findChild(QLabel, "plainOutputNote") is None
