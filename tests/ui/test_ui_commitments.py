"""The Commitments section: filters, one-click closing with undo, the form and its checks."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, QItemSelectionModel, Qt
from PySide6.QtWidgets import QWidget

from advisor_planner.services import clock, commitments, stakeholders, trash
from advisor_planner.services.errors import NotFoundError
from advisor_planner.ui.context import AppContext
from advisor_planner.ui.sections import commitments as section
from advisor_planner.ui.sections.commitments import CommitmentsPage
from advisor_planner.ui.table import SEARCH_ROLE

TODAY = date(2026, 3, 11)  # a Wednesday: the week runs from 9 to 15 March


@pytest.fixture(autouse=True)
def pinned_today(pin_today) -> date:
    return pin_today(TODAY)


@pytest.fixture
def people(db) -> dict[str, int]:
    ada = stakeholders.create(name="Ada Lovelace")
    grace = stakeholders.create(name="Grace Hopper")
    return {"ada": ada.id, "grace": grace.id}


def _commit(text: str, who: int, made: date, **fields) -> int:
    return commitments.create(text=text, stakeholder_id=who, made_on=made, **fields).id


@pytest.fixture
def promises(people) -> dict[str, int]:
    ada, grace = people["ada"], people["grace"]
    return {
        "overdue": _commit("Overdue report", ada, date(2026, 3, 1), due_on=date(2026, 3, 5)),
        "this week": _commit("Budget this week", grace, date(2026, 3, 2), due_on=date(2026, 3, 13)),
        "no date": _commit("Someday intro", ada, date(2026, 3, 2)),
        "next week": _commit("Next week plan", ada, date(2026, 3, 2), due_on=date(2026, 3, 20)),
        "kept": _commit(
            "Kept note",
            grace,
            date(2026, 2, 20),
            due_on=date(2026, 3, 2),
            status="kept",
            closed_on=date(2026, 3, 1),
        ),
        "late": _commit(
            "Late slides",
            ada,
            date(2026, 2, 20),
            due_on=date(2026, 3, 1),
            status="late",
            closed_on=date(2026, 3, 4),
        ),
        "broken": _commit("Broken call", grace, date(2026, 2, 1), status="broken"),
    }


def _page(qtbot, context: AppContext) -> CommitmentsPage:
    page = section.build_page(context, QWidget())
    assert isinstance(page, CommitmentsPage)
    qtbot.addWidget(page)
    page.resize(1000, 500)
    page.show()
    qtbot.waitExposed(page)
    return page


def _texts(page: CommitmentsPage) -> set[str]:
    proxy = page.proxy
    return {proxy.index(row, 0).data() for row in range(proxy.rowCount())}


def _select(page: CommitmentsPage, text: str) -> None:
    # Through the selection model: selectRow() reads the keyboard modifiers, which a key click
    # with Ctrl or Shift can leave set.
    flags = QItemSelectionModel.SelectionFlag
    for row in range(page.proxy.rowCount()):
        index = page.proxy.index(row, 0)
        if index.data() == text:
            page.table.selectionModel().setCurrentIndex(index, flags.ClearAndSelect | flags.Rows)
            return
    raise AssertionError(f"{text!r} is not shown")


EXPECTED = {
    "all": {
        "Overdue report",
        "Budget this week",
        "Someday intro",
        "Next week plan",
        "Kept note",
        "Late slides",
        "Broken call",
    },
    "open": {"Overdue report", "Budget this week", "Someday intro", "Next week plan"},
    "due_this_week": {"Budget this week"},
    "overdue": {"Overdue report"},
    "kept": {"Kept note"},
    "late": {"Late slides"},
    "broken": {"Broken call"},
}


@pytest.mark.parametrize("which", list(EXPECTED))
def test_each_filter_shows_its_commitments(qtbot, context, promises, which):
    page = _page(qtbot, context)
    page.set_filter(which)
    assert page.filter.currentData() == which
    assert _texts(page) == EXPECTED[which]
    assert page.stack.currentWidget() is page.table


def test_the_filter_control_lists_every_filter_and_is_remembered(qtbot, context, promises):
    page = _page(qtbot, context)
    labels = [page.filter.itemText(i) for i in range(page.filter.count())]
    assert labels == ["All", "Open", "Due this week", "Overdue", "Kept", "Late", "Broken"]
    assert page.which == "open"  # the first time
    page.filter.setCurrentIndex(page.filter.findData("overdue"))
    again = _page(qtbot, context)
    assert again.which == "overdue"
    assert _texts(again) == {"Overdue report"}


def test_columns_show_the_person_dates_timing_and_status(qtbot, context, promises):
    page = _page(qtbot, context)
    page.set_filter("all")
    titles = [page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(7)]
    assert titles == [
        "What I promised",
        "To whom",
        "Made on",
        "Due on",
        "Timing",
        "Status",
        "Closed on",
    ]
    rows = {
        page.proxy.index(r, 0).data(): [page.proxy.index(r, c).data() for c in range(7)]
        for r in range(page.proxy.rowCount())
    }
    assert rows["Overdue report"] == [
        "Overdue report",
        "Ada Lovelace",
        "Sun 1 Mar",  # dates as words, the year left out when it is this one...
        "Thu 5 Mar",
        "6 days overdue",
        "Open",
        "",
    ]
    assert rows["Budget this week"][4] == "due in 2 days"
    assert rows["Late slides"][4:] == ["", "Late", "Wed 4 Mar"]
    made = next(
        page.proxy.index(r, 2)
        for r in range(page.proxy.rowCount())
        if page.proxy.index(r, 0).data() == "Overdue report"
    )
    assert "2026-03-01" in made.data(Qt.ItemDataRole.ToolTipRole)  # ...and ISO in the tooltip
    due_cell = next(
        page.proxy.index(r, 3)
        for r in range(page.proxy.rowCount())
        if page.proxy.index(r, 0).data() == "Overdue report"
    )
    assert "6 days overdue" in due_cell.data(Qt.ItemDataRole.ToolTipRole)


def test_an_archived_persons_name_still_shows(qtbot, context, people, promises):
    stakeholders.update(stakeholder_id=people["grace"], archived=True)
    page = _page(qtbot, context)
    page.set_filter("due_this_week")
    assert page.proxy.index(0, 1).data() == "Grace Hopper"


def test_default_order_is_soonest_due_first(qtbot, context, promises):
    page = _page(qtbot, context)  # open
    shown = [page.proxy.index(r, 0).data() for r in range(page.proxy.rowCount())]
    assert shown == ["Overdue report", "Budget this week", "Next week plan", "Someday intro"]


def test_one_click_kept_records_today_and_undo_restores_it(qtbot, context, promises):
    page = _page(qtbot, context)
    _select(page, "Budget this week")
    button = page.mark_buttons["kept"]
    assert button.isEnabled()
    assert "Ctrl+K" in button.toolTip()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    done = commitments.get(commitment_id=promises["this week"])
    assert (done.status, done.closed_on) == ("kept", TODAY)
    assert context.undo_stack.undoText() == "Mark commitment kept"
    assert "Budget this week" not in _texts(page)  # no longer open

    context.undo_stack.undo()
    back = commitments.get(commitment_id=promises["this week"])
    assert (back.status, back.closed_on) == ("open", None)
    assert "Budget this week" in _texts(page)

    clock.set_today(date(2026, 3, 12))  # redo keeps the day it was first closed
    context.undo_stack.redo()
    again = commitments.get(commitment_id=promises["this week"])
    assert (again.status, again.closed_on) == ("kept", TODAY)


def test_undo_restores_an_earlier_closing_day_exactly(qtbot, context, promises):
    page = _page(qtbot, context)
    page.set_filter("late")
    _select(page, "Late slides")
    qtbot.mouseClick(page.mark_buttons["broken"], Qt.MouseButton.LeftButton)
    changed = commitments.get(commitment_id=promises["late"])
    assert (changed.status, changed.closed_on) == ("broken", TODAY)
    context.undo_stack.undo()
    back = commitments.get(commitment_id=promises["late"])
    assert (back.status, back.closed_on) == ("late", date(2026, 3, 4))


def test_several_selected_close_in_one_command_and_reopen(qtbot, context, promises):
    page = _page(qtbot, context)
    page.table.selectAll()
    assert not page.mark_buttons["open"].isEnabled()  # all are open already
    qtbot.mouseClick(page.mark_buttons["late"], Qt.MouseButton.LeftButton)
    assert context.undo_stack.count() == 1
    assert context.undo_stack.undoText() == "Mark 4 commitments late"
    assert _texts(page) == set()
    assert page.stack.currentWidget() is page.none_label
    assert page.none_label.text() == "No open commitments: every promise is closed."

    page.set_filter("late")
    _select(page, "Overdue report")
    qtbot.mouseClick(page.mark_buttons["open"], Qt.MouseButton.LeftButton)
    reopened = commitments.get(commitment_id=promises["overdue"])
    assert (reopened.status, reopened.closed_on) == ("open", None)
    assert context.undo_stack.undoText() == "Reopen commitment"


def test_shortcuts_mark_the_selection(qtbot, context, promises):
    page = _page(qtbot, context)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    _select(page, "Overdue report")
    page.table.setFocus()
    ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(page.table, Qt.Key.Key_L, ctrl_shift)
    assert commitments.get(commitment_id=promises["overdue"]).status == "late"
    _select(page, "Budget this week")
    qtbot.keyClick(page.table, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert commitments.get(commitment_id=promises["this week"]).status == "kept"


def test_nothing_selected_means_nothing_to_mark(qtbot, context, promises):
    page = _page(qtbot, context)
    assert not any(button.isEnabled() for button in page.mark_buttons.values())
    assert page.mark_selected("kept") is False
    assert context.undo_stack.count() == 0


def test_the_models_pass_the_model_tester(qtbot, qtmodeltester, context, promises):
    page = _page(qtbot, context)
    page.set_filter("all")
    qtmodeltester.check(page.model)
    qtmodeltester.check(page.proxy)


# -- the form --------------------------------------------------------------------------------


def _pick_person(qtbot, dialog, text: str) -> None:
    people = dialog.editors["stakeholder_id"]
    qtbot.keyClicks(people.edit, text)
    qtbot.keyClick(people.edit, Qt.Key.Key_Return)


def _set_date(editor, day: date) -> None:
    editor.edit.setDate(QDate(day.year, day.month, day.day))


def test_new_commitment_refuses_a_due_date_before_it_was_made(qtbot, context, people):
    page = _page(qtbot, context)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    dialog = page.last_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.editors["text"].edit, "Send the forecast")
    _pick_person(qtbot, dialog, "gra")
    assert dialog.editors["stakeholder_id"].value() == people["grace"]
    assert dialog.isVisible()  # Enter picked the person and did not save the form
    assert dialog.editors["made_on"].value() == TODAY
    due = dialog.editors["due_on"]
    qtbot.mouseClick(due.enabled, Qt.MouseButton.LeftButton)
    _set_date(due, date(2026, 3, 9))

    error = dialog.errors["due_on"]
    assert error.isVisible()
    assert error.text() == "2026-03-09 is before the day it was made (2026-03-11)"
    assert error.textFormat() == Qt.TextFormat.PlainText
    assert not dialog.save_button.isEnabled()

    _set_date(due, date(2026, 3, 18))
    assert not error.isVisible()
    assert dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    (made,) = commitments.list_filtered(which="all")
    assert (made.text, made.stakeholder_id, made.made_on, made.due_on, made.status) == (
        "Send the forecast",
        people["grace"],
        TODAY,
        date(2026, 3, 18),
        "open",
    )
    assert _texts(page) == {"Send the forecast"}
    assert context.undo_stack.undoText() == "Add commitment Send the forecast"

    context.undo_stack.undo()
    assert commitments.list_filtered(which="all") == []
    assert trash.count() == 0  # an undone create leaves nothing behind
    assert page.stack.currentWidget() is page.empty_page
    context.undo_stack.redo()
    assert commitments.get(commitment_id=made.id).text == "Send the forecast"


def test_edit_and_delete_with_undo_and_redo(qtbot, context, promises):
    page = _page(qtbot, context)
    _select(page, "Someday intro")
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    dialog = page.last_dialog
    assert dialog is not None and dialog.record is not None
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    text = dialog.editors["text"].edit
    text.selectAll()
    qtbot.keyClicks(text, "Introduce Ada to the CFO")
    qtbot.keyClick(text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert commitments.get(commitment_id=promises["no date"]).text == "Introduce Ada to the CFO"
    assert "Introduce Ada to the CFO" in _texts(page)

    context.undo_stack.undo()
    assert commitments.get(commitment_id=promises["no date"]).text == "Someday intro"
    context.undo_stack.redo()
    assert commitments.get(commitment_id=promises["no date"]).text == "Introduce Ada to the CFO"

    _select(page, "Introduce Ada to the CFO")
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    with pytest.raises(NotFoundError):
        commitments.get(commitment_id=promises["no date"])
    assert [e.label for e in trash.list_entries()] == ["Introduce Ada to the CFO"]
    context.undo_stack.undo()
    assert commitments.get(commitment_id=promises["no date"]).text == "Introduce Ada to the CFO"
    context.undo_stack.redo()
    assert trash.count() == 1


def test_closing_in_the_form_keeps_the_closed_day(qtbot, context, promises):
    page = _page(qtbot, context)
    _select(page, "Overdue report")
    page.open_editor(page.table.current_row())
    dialog = page.last_dialog
    dialog.editors["status"].set_value("kept")
    closed = dialog.editors["closed_on"]
    closed.set_value(date(2026, 3, 6))
    assert dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    saved = commitments.get(commitment_id=promises["overdue"])
    assert (saved.status, saved.closed_on) == ("kept", date(2026, 3, 6))


def test_hostile_text_is_shown_literally(qtbot, context, db):
    person = stakeholders.create(name="<b>x</b>")
    _commit("<img src=x>", person.id, TODAY)
    page = _page(qtbot, context)
    index = page.proxy.index(0, 0)
    assert index.data() == "<img src=x>"
    assert page.proxy.index(0, 1).data() == "<b>x</b>"
    assert "<img" not in index.data(Qt.ItemDataRole.ToolTipRole)
    assert "&lt;img src=x&gt;" in index.data(Qt.ItemDataRole.ToolTipRole)
    assert "<b>x</b>" in index.data(SEARCH_ROLE)
    page.search.setText("img")
    qtbot.waitUntil(lambda: page.count_label.text() == "1 commitment")
