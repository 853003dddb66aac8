"""File ▸ Import…: the preview before anything is written, the CSV mapping step, unknown
attendees on request, an archive merge asked for, undo of a whole import, and a dropped file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QSettings, Qt

from advisor_planner.services import archive, stakeholders, touchpoints
from advisor_planner.services.imports import ADD, SKIP
from advisor_planner.ui.main_window import MainWindow
from advisor_planner.ui.transfer.import_dialog import ImportDialog

SAMPLES = Path(__file__).resolve().parents[1] / "interchange" / "samples"


def _window(qtbot, tmp_path: Path) -> MainWindow:
    win = MainWindow(settings=QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    win.show()
    win.set_ready()
    return win


def _open(qtbot, win: MainWindow, path: Path) -> ImportDialog:
    """File ▸ Import… on ``path``, once the file is read (and planned) on its worker."""
    assert win.import_action.isEnabled()
    assert win.import_action.shortcut().toString() == "Ctrl+Shift+I"
    dialog = win.workspace.import_file(path)
    assert isinstance(dialog, ImportDialog)
    qtbot.waitUntil(lambda: dialog.task is None, timeout=10_000)
    return dialog


def _all_touchpoints() -> list[touchpoints.Touchpoint]:
    return touchpoints.between(start=date(2000, 1, 1), end=date(2100, 1, 1))


def test_vcard_preview_then_import_then_one_undo(qtbot, tmp_path, db) -> None:
    stakeholders.create(name="Priya Raman", title="Analyst")
    win = _window(qtbot, tmp_path)
    dialog = _open(qtbot, win, SAMPLES / "google_3_0.vcf")
    assert dialog.summary.text().startswith("1 to add, 1 to merge, 0 skipped")
    rows = [(c.action, c.label) for c in dialog.changes.rows]
    assert rows == [("merge", "Priya Raman"), (ADD, "Tomás García")]
    assert stakeholders.count() == 1  # nothing is written by the preview
    dialog.show_only.setCurrentIndex(dialog.show_only.findData(ADD))
    assert [c.label for c in dialog.changes.rows] == ["Tomás García"]
    with qtbot.waitSignal(dialog.imported, timeout=10_000):
        dialog.import_button.click()
    assert stakeholders.count() == 2
    assert "Ctrl+Z" in win.statusBar().currentMessage()
    stack = win.workspace.context.undo_stack
    assert stack.count() == 1 and stack.undoText() == "Import google_3_0.vcf"
    stack.undo()
    win.workspace.context.finish_writes()  # (undo and redo write on a worker)
    assert [(p.name, p.title) for p in stakeholders.list_all()] == [("Priya Raman", "Analyst")]
    stack.redo()
    win.workspace.context.finish_writes()
    assert stakeholders.count() == 2
    assert {p.title for p in stakeholders.list_all()} == {"CFO", ""}


def test_calendar_preview_lists_skips_and_can_add_unknown_attendees(
    qtbot, tmp_path, db, pin_today
) -> None:
    pin_today(date(2026, 12, 1))
    stakeholders.create(name="Priya Raman", email="priya.raman@contoso.example")
    win = _window(qtbot, tmp_path)
    dialog = _open(qtbot, win, SAMPLES / "outlook_windows_zone.ics")
    assert dialog.add_unknown.isVisible()
    skipped = {c.label: c.reason for c in dialog.plan.of(SKIP)}
    assert (
        "no known attendee: sam.stranger@elsewhere.example" in skipped["Vendor pitch on 2026-03-11"]
    )
    with qtbot.waitSignal(dialog.planned, timeout=10_000):
        dialog.add_unknown.setChecked(True)
    added_people = [c.label for c in dialog.plan.of(ADD) if c.kind == "stakeholder"]
    assert sorted(added_people) == ["Ola Unknown", "Sam Stranger", "Tomas Garcia"]
    with qtbot.waitSignal(dialog.imported, timeout=10_000):
        dialog.start_import()
    assert len(_all_touchpoints()) == 7
    win.workspace.context.undo_stack.undo()
    win.workspace.context.finish_writes()
    assert _all_touchpoints() == [] and stakeholders.count() == 1


def test_csv_mapping_step_is_corrected_before_the_preview(qtbot, tmp_path, db) -> None:
    path = tmp_path / "people.csv"
    path.write_text("Who,Company,Mail\nAda Lovelace,Analytical Engines,ada@ae.example\n",
                    encoding="utf-8")  # fmt: skip
    win = _window(qtbot, tmp_path)
    dialog = _open(qtbot, win, path)
    assert dialog.pages.currentWidget() is dialog.mapping
    assert dialog.mapping.mapping() == {"Who": "", "Company": "organisation", "Mail": "email"}
    assert dialog.mapping.problem.text() == "Choose the column that holds the name."
    assert not dialog.next_button.isEnabled()
    dialog.mapping.set_field("Who", "name")
    assert dialog.next_button.isEnabled()
    with qtbot.waitSignal(dialog.planned, timeout=10_000):
        dialog.next_button.click()
    assert dialog.pages.currentWidget() is dialog.preview
    assert [c.label for c in dialog.plan.of(ADD)] == ["Ada Lovelace"]
    assert dialog.back_button.isVisible()
    with qtbot.waitSignal(dialog.imported, timeout=10_000):
        dialog.start_import()
    (ada,) = stakeholders.list_all()
    assert (ada.organisation, ada.email) == ("Analytical Engines", "ada@ae.example")


def test_csv_slash_dates_are_read_in_the_order_chosen(qtbot, tmp_path, db) -> None:
    from advisor_planner.ui.transfer.column_mapping import locale_date_order

    stakeholders.create(name="Bob Builder")
    path = tmp_path / "log.csv"
    path.write_text("Date,People,Subject\n03/04/2026,Bob Builder,Costs\n", encoding="utf-8")
    win = _window(qtbot, tmp_path)
    dialog = _open(qtbot, win, path)
    order = dialog.mapping.date_order
    assert order.isVisibleTo(dialog) and order.currentData() == locale_date_order()
    order.setCurrentIndex(order.findData("mdy"))
    dialog.mapping.set_field("Subject", "notes")  # remapping another column keeps the choice
    dialog.mapping.set_field("Subject", "subject")
    assert order.currentData() == "mdy"
    for chosen, day in (("mdy", date(2026, 3, 4)), ("dmy", date(2026, 4, 3))):
        order.setCurrentIndex(order.findData(chosen))
        with qtbot.waitSignal(dialog.planned, timeout=10_000):
            dialog.next_button.click()
        (change,) = dialog.plan.of(ADD)
        assert change.fields["occurred_on"] == day
        dialog.back_button.click()
    dialog.mapping.set_field("Date", "")  # no slash dates mapped: no order to choose
    assert not order.isVisibleTo(dialog)


def test_a_csv_of_touchpoints_can_add_the_people_it_names(qtbot, tmp_path, db) -> None:
    stakeholders.create(name="Bob Builder")
    path = tmp_path / "log.csv"
    path.write_text(
        "Date,People,Subject\n2026-03-02,Bob Builder; Grace Hopper,Costs\n"
        "2026-03-03,Grace Hopper,Plan\n",
        encoding="utf-8",
    )
    win = _window(qtbot, tmp_path)
    dialog = _open(qtbot, win, path)
    with qtbot.waitSignal(dialog.planned, timeout=10_000):
        dialog.next_button.click()
    assert dialog.add_unknown.isVisible()
    assert dialog.add_unknown.text() == "Add the people named who are not yet stakeholders"
    assert [c.reason for c in dialog.plan.of(SKIP)] == ["no known person: Grace Hopper"]
    with qtbot.waitSignal(dialog.planned, timeout=10_000):
        dialog.add_unknown.setChecked(True)
    assert [(c.kind, c.label) for c in dialog.plan.of(ADD)][0] == ("stakeholder", "Grace Hopper")
    assert dialog.plan.counts[ADD] == 3 and dialog.plan.counts[SKIP] == 0
    with qtbot.waitSignal(dialog.imported, timeout=10_000):
        dialog.start_import()
    assert stakeholders.count() == 2 and len(_all_touchpoints()) == 2
    win.workspace.context.undo_stack.undo()
    win.workspace.context.finish_writes()
    assert _all_touchpoints() == [] and stakeholders.count() == 1


def test_a_malformed_file_is_refused_in_the_dialog(qtbot, tmp_path, db) -> None:
    path = tmp_path / "broken.vcf"
    path.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Ada\n", encoding="utf-8")
    win = _window(qtbot, tmp_path)
    dialog = _open(qtbot, win, path)
    assert "Nothing was imported" in dialog.error.text()
    assert "card 1 (line 1)" in dialog.error.text()
    assert not dialog.import_button.isEnabled()
    assert stakeholders.count() == 0


def test_an_archive_over_data_asks_before_merging(qtbot, tmp_path, db) -> None:
    stakeholders.create(name="Ada Lovelace", email="ada@ae.example")
    path = tmp_path / "all.json"
    archive.export(path)
    stakeholders.create(name="Grace Hopper")
    win = _window(qtbot, tmp_path)
    dialog = _open(qtbot, win, path)
    assert "already holds data" in dialog.summary.text()
    assert dialog.merge.isVisible() and not dialog.import_button.isEnabled()
    dialog.merge.setChecked(True)
    assert dialog.import_button.isEnabled() and dialog.import_button.text() == "Merge"
    with qtbot.waitSignal(dialog.imported, timeout=10_000):
        dialog.import_button.click()
    assert stakeholders.count() == 2  # Ada was already here


def test_a_file_dropped_on_the_window_opens_its_import(qtbot, tmp_path, db) -> None:
    from PySide6.QtCore import QMimeData, QPoint, QUrl
    from PySide6.QtGui import QDropEvent

    win = _window(qtbot, tmp_path)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(SAMPLES / "google_3_0.vcf"))])
    assert win.dropped_import(mime) == SAMPLES / "google_3_0.vcf"
    other = QMimeData()
    other.setUrls([QUrl.fromLocalFile(str(tmp_path / "notes.txt"))])
    assert win.dropped_import(other) is None  # not a file the import takes
    drop = QDropEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime,
                      Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)  # fmt: skip
    win.dropEvent(drop)
    dialog = win.workspace.last_opened
    assert isinstance(dialog, ImportDialog) and dialog.path == SAMPLES / "google_3_0.vcf"
    qtbot.waitUntil(lambda: dialog.task is None, timeout=10_000)
    assert [c.label for c in dialog.plan.of(ADD)] == ["Priya Raman", "Tomás García"]
