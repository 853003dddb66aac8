"""The Initiatives section: the list, the outcome-measures editor, bad input and undo."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from advisor_planner.services import initiatives, stakeholders
from advisor_planner.ui.context import AppContext
from advisor_planner.ui.record_form import RecordDialog
from advisor_planner.ui.sections import initiatives as initiatives_section
from advisor_planner.ui.sections.initiatives import InitiativeListPage, TriStateEditor

HOSTILE = "<b>x</b>"


@pytest.fixture
def people(db) -> dict[str, int]:
    return {
        name: stakeholders.create(name=name).id
        for name in ("Ada Lovelace", "Grace Hopper", "Alan Turing")
    }


@pytest.fixture
def page(qtbot, context: AppContext) -> InitiativeListPage:
    widget = initiatives_section.build_page(context, QWidget())
    assert isinstance(widget, InitiativeListPage)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _open_new(qtbot, page: InitiativeListPage) -> RecordDialog:
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    dialog = page.last_dialog
    assert dialog is not None and dialog.record is None
    qtbot.waitExposed(dialog)
    return dialog


def _open_row(qtbot, page: InitiativeListPage, row: int = 0) -> RecordDialog:
    page.table.selectRow(row)
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    dialog = page.last_dialog
    assert dialog is not None and dialog.record is not None
    qtbot.waitExposed(dialog)
    return dialog


def _type(qtbot, dialog: RecordDialog, field: str, text: str) -> None:
    edit = dialog.editors[field].edit
    edit.setFocus()
    edit.selectAll()
    if text:
        qtbot.keyClicks(edit, text)
    else:
        qtbot.keyClick(edit, Qt.Key.Key_Backspace)


def _pick(qtbot, dialog: RecordDialog, field: str, text: str) -> None:
    edit = dialog.editors[field].edit
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def _choose(qtbot, dialog: RecordDialog, field: str, label: str) -> None:
    """Pick a combo entry from the keyboard, by its first letters."""
    combo = dialog.editors[field].combo
    combo.setFocus()
    qtbot.keyClicks(combo, label)
    assert combo.currentText() == label


def _save(qtbot, dialog: RecordDialog) -> None:
    assert dialog.save_button.isEnabled(), [
        label.text() for label in dialog.errors.values() if label.isVisible()
    ]
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def _create_through_the_form(qtbot, page: InitiativeListPage) -> RecordDialog:
    dialog = _open_new(qtbot, page)
    _type(qtbot, dialog, "name", "Cloud cost dashboard")
    _type(qtbot, dialog, "business_unit", "Finance")
    _pick(qtbot, dialog, "sponsor_id", "grace")
    _pick(qtbot, dialog, "stakeholder_ids", "ada")
    _pick(qtbot, dialog, "stakeholder_ids", "turing")
    assert dialog.isVisible() and initiatives.list_all() == []  # Enter picked, did not save
    dialog.editors["start_on"].set_value(date(2024, 1, 15))
    dialog.editors["end_on"].set_value(date(2024, 6, 30))
    _choose(qtbot, dialog, "status", "Finished")
    _type(qtbot, dialog, "user_satisfaction", "4.5")
    _choose(qtbot, dialog, "on_time", "Yes")
    _choose(qtbot, dialog, "on_budget", "No")
    _type(qtbot, dialog, "defect_count", "3")
    _type(qtbot, dialog, "change_order_amount", "1200")
    _type(qtbot, dialog, "adoption", "75")
    _type(qtbot, dialog, "notes", "Went live in June.")
    _save(qtbot, dialog)
    return dialog


def test_create_through_the_form(qtbot, page, people, context) -> None:
    dialog = _create_through_the_form(qtbot, page)
    [item] = initiatives.list_all()
    assert dialog.saved.id == item.id
    assert (item.name, item.business_unit, item.status) == (
        "Cloud cost dashboard",
        "Finance",
        "finished",
    )
    assert item.sponsor_id == people["Grace Hopper"]
    assert item.stakeholder_ids == (people["Ada Lovelace"], people["Alan Turing"])
    assert (item.start_on, item.end_on) == (date(2024, 1, 15), date(2024, 6, 30))
    assert (item.user_satisfaction, item.on_time, item.on_budget) == (4.5, True, False)
    assert (item.defect_count, item.change_order_amount, item.adoption) == (3, 1200.0, 75.0)
    assert item.notes == "Went live in June."
    assert context.undo_stack.undoText() == "Add initiative Cloud cost dashboard"
    # The list shows it, sponsor by name, measures readable.
    assert page.model.rowCount() == 1
    shown = [page.model.index(0, column).data() for column in range(page.model.columnCount())]
    assert shown == [
        "Cloud cost dashboard",
        "Finance",
        "Grace Hopper",
        "Finished",
        "Mon 15 Jan 2024",  # another year than today's: the year is named
        "Sun 30 Jun 2024",
        "4.5 / 5",
        "Yes",
        "No",
        "3",
        "75 %",
        "Ada Lovelace, Alan Turing",
    ]


def test_undo_redo_create_edit_delete(qtbot, page, people, context) -> None:
    _create_through_the_form(qtbot, page)
    [item] = initiatives.list_all()
    context.undo_stack.undo()
    assert initiatives.list_all() == []
    assert page.model.rowCount() == 0
    context.undo_stack.redo()
    assert [i.id for i in initiatives.list_all()] == [item.id]
    assert page.model.rowCount() == 1

    dialog = _open_row(qtbot, page)
    assert dialog.editors["on_time"].value() is True
    assert dialog.editors["on_budget"].value() is False
    _choose(qtbot, dialog, "on_time", "Unknown")
    _type(qtbot, dialog, "adoption", "90")
    dialog.editors["stakeholder_ids"].remove(people["Ada Lovelace"])
    _save(qtbot, dialog)
    edited = initiatives.get(initiative_id=item.id)
    assert (edited.on_time, edited.adoption, edited.stakeholder_ids) == (
        None,
        90.0,
        (people["Alan Turing"],),
    )
    assert context.undo_stack.undoText() == "Edit initiative Cloud cost dashboard"
    context.undo_stack.undo()
    back = initiatives.get(initiative_id=item.id)
    assert (back.on_time, back.adoption) == (True, 75.0)
    assert back.stakeholder_ids == (people["Ada Lovelace"], people["Alan Turing"])
    context.undo_stack.redo()
    assert initiatives.get(initiative_id=item.id).adoption == 90.0

    page.table.selectRow(0)
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert initiatives.list_all() == []
    assert page.model.rowCount() == 0
    context.undo_stack.undo()
    restored = initiatives.get(initiative_id=item.id)
    assert (restored.sponsor_id, restored.adoption) == (people["Grace Hopper"], 90.0)
    assert page.model.rowCount() == 1
    context.undo_stack.redo()
    assert initiatives.list_all() == []


def test_unchanged_form_saves_nothing(qtbot, page, people, context) -> None:
    initiatives.create(name="ERP upgrade", user_satisfaction=4, defect_count=7, adoption=80)
    page.refresh()
    dialog = _open_row(qtbot, page)
    assert not dialog.is_dirty()
    _save(qtbot, dialog)
    assert context.undo_stack.count() == 0


def test_adoption_over_100_is_refused_beside_the_field(qtbot, page) -> None:
    dialog = _open_new(qtbot, page)
    _type(qtbot, dialog, "name", "HR portal")
    assert dialog.save_button.isEnabled()
    _type(qtbot, dialog, "adoption", "150")
    error = dialog.errors["adoption"]
    assert error.isVisible()
    assert error.text() == "must be between 0 and 100, not 150"
    assert error.textFormat() == Qt.TextFormat.PlainText
    # Beside the field: in the same row of the form, just under it.
    field = dialog.editors["adoption"]
    assert error.parent() is field.parent()
    assert not dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.keyClick(field.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.isVisible()
    assert initiatives.list_all() == []

    for text, message in (
        ("6", "user_satisfaction"),
        ("lots", "user_satisfaction"),
    ):
        _type(qtbot, dialog, "adoption", "")
        _type(qtbot, dialog, "user_satisfaction", text)
        assert dialog.errors[message].isVisible()
        assert not dialog.save_button.isEnabled()
    _type(qtbot, dialog, "user_satisfaction", "")
    _type(qtbot, dialog, "defect_count", "2.5")
    assert dialog.errors["defect_count"].isVisible()
    _type(qtbot, dialog, "defect_count", "2")
    dialog.editors["start_on"].set_value(date(2024, 5, 1))
    dialog.editors["end_on"].set_value(date(2024, 4, 1))
    assert "before the start" in dialog.errors["end_on"].text()
    assert not dialog.save_button.isEnabled()
    dialog.editors["end_on"].set_value(date(2024, 9, 1))
    _type(qtbot, dialog, "adoption", "100")
    _save(qtbot, dialog)
    [item] = initiatives.list_all()
    assert (item.adoption, item.defect_count) == (100.0, 2)


def test_tri_state_editor(qtbot) -> None:
    editor = TriStateEditor()
    qtbot.addWidget(editor)
    assert editor.value() is None
    for value in (True, False, None, True):
        editor.set_value(value)
        assert editor.value() is value
    assert [editor.combo.itemText(i) for i in range(editor.combo.count())] == [
        "Unknown",
        "Yes",
        "No",
    ]


def test_models_pass_the_model_tester(qtbot, qtmodeltester, page, people) -> None:
    initiatives.create(
        name="CRM consolidation",
        sponsor_id=people["Ada Lovelace"],
        stakeholder_ids=[people["Grace Hopper"]],
        user_satisfaction=3,
        on_time=True,
        adoption=55.5,
    )
    initiatives.create(name="Contract tool", status="planned")
    initiatives.create(name="Data platform", on_time=False, defect_count=12)
    page.refresh()
    assert page.model.rowCount() == 3
    qtmodeltester.check(page.model)
    qtmodeltester.check(page.proxy)
    page.table.sortByColumn(7, Qt.SortOrder.DescendingOrder)  # on time: yes, no, unknown
    assert [page.proxy.index(r, 0).data() for r in range(3)] == [
        "CRM consolidation",
        "Data platform",
        "Contract tool",
    ]
    page.search.setText("grace")  # finds by the people involved
    qtbot.waitUntil(lambda: page.proxy.rowCount() == 1)
    assert page.proxy.index(0, 0).data() == "CRM consolidation"


def test_hostile_names_are_shown_literally(qtbot, page) -> None:
    sponsor = stakeholders.create(name=HOSTILE).id
    initiatives.create(name=HOSTILE, business_unit=HOSTILE, sponsor_id=sponsor)
    page.refresh()
    assert page.model.index(0, 0).data() == HOSTILE
    assert page.model.index(0, 2).data() == HOSTILE
    dialog = _open_row(qtbot, page)
    assert dialog.editors["name"].value() == HOSTILE
    assert dialog.editors["sponsor_id"].value() == sponsor
    for label in [*page.findChildren(QLabel), *dialog.findChildren(QLabel)]:
        if "<" in label.text():
            assert label.textFormat() == Qt.TextFormat.PlainText, label.text()
    dialog.reject()
