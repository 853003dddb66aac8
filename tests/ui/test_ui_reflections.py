"""The Reflections section: the list, a search through all of the text, and the form."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QWidget

from advisor_planner.services import reflections, stakeholders, trash
from advisor_planner.services.errors import NotFoundError
from advisor_planner.ui.context import AppContext
from advisor_planner.ui.list_page import RecordListPage
from advisor_planner.ui.sections import reflections as section
from advisor_planner.ui.sections.reflections import ReflectionsPage
from advisor_planner.ui.table import ROW_ROLE, SEARCH_ROLE

TODAY = date(2026, 3, 11)  # in 2026-W11


@pytest.fixture(autouse=True)
def pinned_today(pin_today) -> date:
    return pin_today(TODAY)


@pytest.fixture
def weeks(db) -> dict[str, int]:
    first = reflections.create(
        week="2026-W08",
        wins="Closed the budget\nand more",
        lessons="Listen before the zebra speaks",
        self_awareness=4,
        empathy=2,
        energy=3,
    )
    second = reflections.create(week="2026-W09", wins="Shipped the pilot", hard="Late nights")
    third = reflections.create(week="2026-W10", focus_note="Call Ada")
    return {"W08": first.id, "W09": second.id, "W10": third.id}


def _page(qtbot, context: AppContext) -> ReflectionsPage:
    page = section.build_page(context, QWidget())
    assert isinstance(page, ReflectionsPage)
    qtbot.addWidget(page)
    page.resize(1000, 500)
    page.show()
    qtbot.waitExposed(page)
    return page


def _weeks(page: ReflectionsPage) -> list[str]:
    """The ISO weeks of the rows shown, in order (the cells read "Week 10 (2–8 Mar)")."""
    return [page.proxy.index(r, 0).data(ROW_ROLE).week for r in range(page.proxy.rowCount())]


def _select(page: ReflectionsPage, week: str) -> None:
    flags = QItemSelectionModel.SelectionFlag
    for row in range(page.proxy.rowCount()):
        index = page.proxy.index(row, 0)
        if index.data(ROW_ROLE).week == week:
            page.table.selectionModel().setCurrentIndex(index, flags.ClearAndSelect | flags.Rows)
            return
    raise AssertionError(f"{week} is not shown")


def _open_new(qtbot, page: ReflectionsPage):
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    dialog = page.last_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def _type_week(qtbot, dialog, week: str) -> None:
    edit = dialog.editors["week"].edit
    edit.selectAll()
    qtbot.keyClicks(edit, week)


def test_lists_newest_first_with_its_columns(qtbot, qtmodeltester, context, weeks):
    page = _page(qtbot, context)
    assert _weeks(page) == ["2026-W10", "2026-W09", "2026-W08"]
    titles = [page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(6)]
    assert titles == ["Week", "Completed", "Wins", "Energy", "Self-rating", "Written"]
    oldest = [page.proxy.index(2, c).data() for c in range(6)]
    assert oldest == [
        "Week 8 (16–22 Feb)",
        "Not finished",
        "Closed the budget",
        "3",
        "3.0",
        "10 words · 2 of 6 parts",
    ]
    assert page.proxy.index(2, 0).data(Qt.ItemDataRole.ToolTipRole).find("2026-W08") >= 0
    qtmodeltester.check(page.model)
    qtmodeltester.check(page.proxy)


def test_search_finds_a_word_only_in_the_lessons(qtbot, context, weeks):
    page = _page(qtbot, context)
    qtbot.keyClicks(page.search, "zebra")
    qtbot.waitUntil(lambda: _weeks(page) == ["2026-W08"])
    assert page.count_label.text() == "1 of 3 reflections"
    page.search.clear()
    qtbot.keyClicks(page.search, "late nights")
    qtbot.waitUntil(lambda: _weeks(page) == ["2026-W09"])


def test_new_reflection_through_the_form_with_undo_and_redo(qtbot, context, db):
    ada = stakeholders.create(name="Ada Lovelace")
    page = _page(qtbot, context)
    dialog = _open_new(qtbot, page)
    assert dialog.editors["week"].value() == "2026-W11"  # this week by default
    qtbot.keyClicks(dialog.editors["wins"].edit, "Won the room")
    qtbot.keyClicks(dialog.editors["lessons"].edit, "Ask first")
    people = dialog.editors["focus_stakeholder_ids"]
    qtbot.keyClicks(people.edit, "ada")
    qtbot.keyClick(people.edit, Qt.Key.Key_Return)
    assert dialog.isVisible()  # Enter picked the person; it did not save the form
    rating = dialog.editors["empathy"].combo
    labels = [rating.itemText(i) for i in range(rating.count())]
    assert labels[1] == "1 — rarely" and labels[-1] == "5 — consistently"
    rating.setCurrentIndex(rating.findData(4))
    dialog.editors["energy"].set_value(2)
    qtbot.mouseClick(dialog.editors["completed_at"].box, Qt.MouseButton.LeftButton)
    assert dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    saved = reflections.for_week(week="2026-W11")
    assert saved is not None
    assert (saved.wins, saved.lessons, saved.empathy, saved.energy) == (
        "Won the room",
        "Ask first",
        4,
        2,
    )
    assert saved.focus_stakeholder_ids == (ada.id,)
    assert saved.completed_at is not None
    assert _weeks(page) == ["2026-W11"]
    # The day it was finished, not a bare "Yes".
    assert page.proxy.index(0, 1).data() == section.completed_text(section.completed_on(saved))
    assert page.proxy.index(0, 1).data() != section.completed_text(None)
    assert context.undo_stack.undoText() == "Add reflection for 2026-W11"

    context.undo_stack.undo()
    assert reflections.list_all() == []
    assert trash.count() == 0
    context.undo_stack.redo()
    assert reflections.get(reflection_id=saved.id).wins == "Won the room"


def test_a_future_week_is_refused_beside_the_week(qtbot, context, db):
    page = _page(qtbot, context)
    dialog = _open_new(qtbot, page)
    _type_week(qtbot, dialog, "2026-W12")
    error = dialog.errors["week"]
    assert error.isVisible()
    assert error.text() == "2026-W12 has not started yet; reflect on it when it has"
    assert not dialog.save_button.isEnabled()
    _type_week(qtbot, dialog, "2026-W1x")
    assert "is not an ISO week" in error.text()
    _type_week(qtbot, dialog, "2026-W10")
    assert not error.isVisible()
    assert dialog.save_button.isEnabled()
    dialog.done(0)


def test_a_week_that_has_a_reflection_is_refused(qtbot, context, weeks):
    page = _page(qtbot, context)
    dialog = _open_new(qtbot, page)
    _type_week(qtbot, dialog, "2026-W9")
    error = dialog.errors["week"]
    assert error.isVisible()
    assert error.text().startswith("2026-W09 already has a reflection")
    assert not dialog.save_button.isEnabled()
    dialog.done(0)


def test_edit_and_delete_with_undo_and_redo(qtbot, context, weeks):
    page = _page(qtbot, context)
    _select(page, "2026-W09")
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    dialog = page.last_dialog
    assert dialog is not None and dialog.record is not None
    assert dialog.windowTitle() == "Reflection for 2026-W09"
    assert not dialog.errors["week"].isVisible()  # its own week is not "taken"
    hard = dialog.editors["hard"].edit
    hard.selectAll()
    qtbot.keyClicks(hard, "Too many meetings")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert reflections.get(reflection_id=weeks["W09"]).hard == "Too many meetings"
    context.undo_stack.undo()
    assert reflections.get(reflection_id=weeks["W09"]).hard == "Late nights"
    context.undo_stack.redo()
    assert reflections.get(reflection_id=weeks["W09"]).hard == "Too many meetings"

    _select(page, "2026-W09")
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    with pytest.raises(NotFoundError):
        reflections.get(reflection_id=weeks["W09"])
    assert _weeks(page) == ["2026-W10", "2026-W08"]
    context.undo_stack.undo()
    assert reflections.get(reflection_id=weeks["W09"]).hard == "Too many meetings"
    assert _weeks(page) == ["2026-W10", "2026-W09", "2026-W08"]
    context.undo_stack.redo()
    assert trash.count() == 1


def test_editing_keeps_an_archived_focus_person(qtbot, context, db):
    grace = stakeholders.create(name="Grace Hopper")
    week = reflections.create(week="2026-W10", focus_stakeholder_ids=[grace.id])
    stakeholders.update(stakeholder_id=grace.id, archived=True)
    page = _page(qtbot, context)
    _select(page, "2026-W10")
    page.open_editor(page.table.current_row())
    dialog = page.last_dialog
    assert dialog.editors["focus_stakeholder_ids"].value() == (grace.id,)
    qtbot.keyClicks(dialog.editors["wins"].edit, "More")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert reflections.get(reflection_id=week.id).focus_stakeholder_ids == (grace.id,)


def test_hostile_text_is_shown_literally(qtbot, context, db):
    reflections.create(week="2026-W10", wins="<img src=x>", lessons="<b>bold</b>")
    page = _page(qtbot, context)
    wins = page.proxy.index(0, 2)
    assert wins.data() == "<img src=x>"
    assert "&lt;img src=x&gt;" in wins.data(Qt.ItemDataRole.ToolTipRole)
    assert "<img" not in wins.data(Qt.ItemDataRole.ToolTipRole)
    everything = page.proxy.index(0, 5)
    assert everything.data() == "3 words · 2 of 6 parts"
    assert "&lt;b&gt;bold&lt;/b&gt;" in everything.data(Qt.ItemDataRole.ToolTipRole)
    assert "<b>bold</b>" in wins.data(SEARCH_ROLE)


def test_the_habit_and_the_self_ratings_share_the_row_evenly(qtbot, context, db, monkeypatch):
    """In the app (under Xvfb, ten years of weeks) the habit's chart asked for most of the
    row (size hint 1,084 of 1,200 px: it had been laid out across it alone), and the
    self-ratings' six small charts were squeezed into 137 px, their titles cut to "· 3".
    The offscreen platform's small screen caps the hints, so this checks what decides it:
    the two share the row by equal stretch, whatever they ask for."""
    for n, week in enumerate(("2026-W07", "2026-W08", "2026-W09", "2026-W10")):
        reflections.create(week=week, wins="Done", self_awareness=1 + n, energy=2 + n)
    monkeypatch.setattr(RecordListPage, "load_on_worker", True)  # (as the app loads it)
    page = section.build_page(context, QWidget())
    qtbot.addWidget(page)
    page.resize(1400, 600)
    page.show()
    qtbot.waitUntil(lambda: {"habit", "ratings"} <= set(page.charts), timeout=10_000)
    qtbot.waitUntil(lambda: all(view.isVisible() for view in page.charts.values()))
    row = page.charts_row
    stretches = {row.stretch(row.indexOf(view)) for view in page.charts.values()}
    assert len(stretches) == 1 and stretches.pop() > 0
    habit, ratings = page.charts["habit"].width(), page.charts["ratings"].width()
    assert abs(habit - ratings) <= 0.1 * (habit + ratings), (habit, ratings)
