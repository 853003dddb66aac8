"""The Goals section: the list, the goal editor with its checkpoints and milestones, undo."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QToolButton, QWidget

from advisor_planner.services import goals, stakeholders
from advisor_planner.services.changes import Change, Changes
from advisor_planner.ui.context import AppContext
from advisor_planner.ui.sections import goals as goals_section
from advisor_planner.ui.sections.goal_editor import GoalDialog, ParsedNumberEditor, metric_text
from advisor_planner.ui.sections.goals import GoalListPage
from advisor_planner.ui.table import ROW_ROLE

HOSTILE = "<b>x</b>"


@pytest.fixture
def people(db) -> dict[str, int]:
    return {
        name: stakeholders.create(name=name).id
        for name in ("Ada Lovelace", "Grace Hopper", "Alan Turing")
    }


@pytest.fixture
def page(qtbot, context: AppContext) -> GoalListPage:
    widget = goals_section.build_page(context, QWidget())
    assert isinstance(widget, GoalListPage)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _new_goal_dialog(qtbot, page: GoalListPage) -> GoalDialog:
    with qtbot.waitSignal(page.editor_opened):  # (read on a worker first)
        qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    dialog = page.last_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def _type(qtbot, dialog, field: str, text: str) -> None:
    edit = dialog.editors[field].edit
    edit.setFocus()
    if hasattr(edit, "selectAll"):
        edit.selectAll()
    if text:
        qtbot.keyClicks(edit, text)
    else:
        qtbot.keyClick(edit, Qt.Key.Key_Backspace)


def _pick_person(qtbot, dialog, field: str, text: str) -> None:
    edit = dialog.editors[field].edit
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def _save(qtbot, dialog) -> None:
    assert dialog.save_button.isEnabled(), [
        label.text() for label in dialog.errors.values() if label.isVisible()
    ]
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)


def _edit_row(qtbot, page: GoalListPage, row: int = 0) -> GoalDialog:
    page.table.selectRow(row)
    with qtbot.waitSignal(page.editor_opened):  # (read on a worker first)
        qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    dialog = page.last_dialog
    assert dialog is not None and dialog.record is not None
    qtbot.waitExposed(dialog)
    return dialog


def test_create_goal_with_checkpoints_and_milestone(qtbot, page, people, context) -> None:
    dialog = _new_goal_dialog(qtbot, page)
    assert dialog.windowTitle() == "New goal"
    assert not dialog.save_button.isEnabled()  # no title yet
    _type(qtbot, dialog, "title", "The advisor Finance calls first")
    _pick_person(qtbot, dialog, "audience_ids", "ada")
    _pick_person(qtbot, dialog, "audience_ids", "grace")
    assert dialog.isVisible() and goals.list_all() == []  # Enter picked; it did not save
    assert dialog.editors["audience_ids"].value() == (
        people["Ada Lovelace"],
        people["Grace Hopper"],
    )
    _type(qtbot, dialog, "metric", "Requests routed to me")
    _type(qtbot, dialog, "baseline", "2")
    _type(qtbot, dialog, "target", "10")
    dialog.editors["start_on"].set_value(date(2024, 1, 1))
    dialog.editors["target_on"].set_value(date(2024, 12, 31))
    assert "saved with the goal when you press Save" in dialog.sub_note.text()

    checkpoints = ((date(2024, 6, 1), "7.5", ""), (date(2024, 3, 1), "4", "first count"))
    for day, value, note in checkpoints:
        qtbot.mouseClick(dialog.checkpoints.add_button, Qt.MouseButton.LeftButton)
        sub = dialog.checkpoints.last_dialog
        assert sub is not None
        qtbot.waitExposed(sub)
        sub.editors["recorded_on"].set_value(day)
        _type(qtbot, sub, "value", value)
        if note:
            _type(qtbot, sub, "note", note)
        _save(qtbot, sub)
        qtbot.waitUntil(lambda sub=sub: not sub.isVisible())

    qtbot.mouseClick(dialog.milestones.add_button, Qt.MouseButton.LeftButton)
    sub = dialog.milestones.last_dialog
    qtbot.waitExposed(sub)
    _type(qtbot, sub, "title", "Cost review with the CFO")
    sub.editors["due_on"].set_value(date(2024, 9, 30))
    _save(qtbot, sub)

    assert dialog.checkpoints.model.rowCount() == 2
    assert dialog.checkpoints.model.index(0, 2).data() == "first count"  # by date
    assert dialog.milestones.model.rowCount() == 1
    assert goals.list_all() == []  # nothing is written before Save
    _save(qtbot, dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    [saved] = goals.list_all()
    assert saved.audience_ids == (people["Ada Lovelace"], people["Grace Hopper"])
    assert (saved.baseline, saved.target) == (2.0, 10.0)

    points = goals.checkpoints(goal_id=saved.id)
    assert [(p.recorded_on, p.value, p.note) for p in points] == [
        (date(2024, 3, 1), 4.0, "first count"),
        (date(2024, 6, 1), 7.5, ""),
    ]
    [milestone] = goals.milestones(goal_id=saved.id)
    assert (milestone.title, milestone.due_on, milestone.done_on) == (
        "Cost review with the CFO",
        date(2024, 9, 30),
        None,
    )
    # The goal and its progress are one step: one Ctrl+Z takes back the whole window.
    texts = [context.undo_stack.text(i) for i in range(context.undo_stack.count())]
    assert texts == ["Add goal The advisor Finance calls first"]
    context.undo_stack.undo()
    assert goals.list_all() == []
    context.undo_stack.redo()
    assert [g.id for g in goals.list_all()] == [saved.id]
    assert [p.value for p in goals.checkpoints(goal_id=saved.id)] == [4.0, 7.5]
    # The list shows the latest value and the share of the way covered.
    page.refresh()
    row = page.model.row_at(0)
    assert row.latest == 7.5
    assert page.model.index(0, 5).data() == "69 %"
    assert page.model.index(0, 3).data() == "2 → 10"


def test_undo_redo_goal_create_edit_delete(qtbot, page, context) -> None:
    dialog = _new_goal_dialog(qtbot, page)
    _type(qtbot, dialog, "title", "Known for keeping promises")
    _save(qtbot, dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    [goal] = goals.list_all()
    assert page.model.rowCount() == 1
    context.undo_stack.undo()
    assert goals.list_all() == []
    assert page.model.rowCount() == 0
    context.undo_stack.redo()
    assert [g.id for g in goals.list_all()] == [goal.id]
    assert page.model.rowCount() == 1

    dialog = _edit_row(qtbot, page)
    _type(qtbot, dialog, "title", "Known for keeping every promise")
    _type(qtbot, dialog, "target", "95")
    _save(qtbot, dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert goals.get(goal_id=goal.id).title == "Known for keeping every promise"
    assert context.undo_stack.undoText() == "Edit goal Known for keeping promises"
    context.undo_stack.undo()
    assert (goals.get(goal_id=goal.id).title, goals.get(goal_id=goal.id).target) == (
        "Known for keeping promises",
        None,
    )
    context.undo_stack.redo()
    assert goals.get(goal_id=goal.id).target == 95.0

    goals.add_checkpoint(goal_id=goal.id, recorded_on=date(2024, 2, 1), value=80)
    page.table.selectRow(0)
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert goals.list_all() == []
    assert page.model.rowCount() == 0
    context.undo_stack.undo()
    assert goals.get(goal_id=goal.id).title == "Known for keeping every promise"
    assert [c.value for c in goals.checkpoints(goal_id=goal.id)] == [80.0]
    assert page.model.rowCount() == 1
    context.undo_stack.redo()
    assert goals.list_all() == []


def test_checkpoint_changes_wait_for_save_then_undo_as_one(qtbot, page, context) -> None:
    goal = goals.create(title="Sounding board for Sales", baseline=1, target=6)
    kept = goals.add_checkpoint(goal_id=goal.id, recorded_on=date(2024, 1, 5), value=2)
    gone = goals.add_checkpoint(goal_id=goal.id, recorded_on=date(2024, 1, 9), value=9)
    page.refresh()
    dialog = _edit_row(qtbot, page)
    assert "Cancel discards" in dialog.sub_note.text()
    qtbot.mouseClick(dialog.checkpoints.add_button, Qt.MouseButton.LeftButton)
    sub = dialog.checkpoints.last_dialog
    qtbot.waitExposed(sub)
    assert sub.save_button.text() == "OK"  # it keeps the values; the goal's Save saves them
    _type(qtbot, sub, "value", "3")
    _save(qtbot, sub)
    assert dialog.checkpoints.model.rowCount() == 3
    assert dialog.sub_note.text().startswith("Not saved yet")
    dialog.checkpoints.table.selectRow(0)
    qtbot.mouseClick(dialog.checkpoints.edit_button, Qt.MouseButton.LeftButton)
    sub = dialog.checkpoints.last_dialog
    _type(qtbot, sub, "value", "4")
    _save(qtbot, sub)
    dialog.checkpoints.table.selectRow(1)
    qtbot.mouseClick(dialog.checkpoints.remove_button, Qt.MouseButton.LeftButton)
    assert [c.value for c in dialog.checkpoints.rows] == [4.0, 3.0]
    # Nothing is written yet; the path chart already shows the window's checkpoints.
    assert [c.value for c in goals.checkpoints(goal_id=goal.id)] == [2.0, 9.0]
    qtbot.waitUntil(lambda: dialog.path_chart.chart.headline.startswith("3 now"))  # (next turn)
    assert context.undo_stack.count() == 0
    _save(qtbot, dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    after = goals.checkpoints(goal_id=goal.id)
    assert [(c.id, c.value) for c in after][:1] == [(kept.id, 4.0)]
    assert [c.value for c in after] == [4.0, 3.0]
    assert gone.id not in {c.id for c in after}
    assert context.undo_stack.count() == 1
    assert context.undo_stack.undoText() == "Edit goal Sounding board for Sales"
    context.undo_stack.undo()
    assert [(c.id, c.value) for c in goals.checkpoints(goal_id=goal.id)] == [
        (kept.id, 2.0),
        (gone.id, 9.0),
    ]
    context.undo_stack.redo()
    assert [c.value for c in goals.checkpoints(goal_id=goal.id)] == [4.0, 3.0]


def test_cancel_discards_the_goal_and_its_checkpoints(qtbot, page, context, monkeypatch) -> None:
    asked: list[str] = []

    def discard(*args, **kwargs):
        asked.append(args[1])
        return QMessageBox.StandardButton.Discard

    monkeypatch.setattr(QMessageBox, "question", discard)
    goal = goals.create(title="Go-to person on data")
    page.refresh()
    dialog = _edit_row(qtbot, page)
    qtbot.mouseClick(dialog.milestones.add_button, Qt.MouseButton.LeftButton)
    sub = dialog.milestones.last_dialog
    _type(qtbot, sub, "title", "Data council talk")
    _save(qtbot, sub)
    assert dialog.is_dirty()  # a milestone added counts as a change to the window
    dialog.reject()
    assert asked and not dialog.isVisible()
    assert goals.milestones(goal_id=goal.id) == []
    assert context.undo_stack.count() == 0

    new = _new_goal_dialog(qtbot, page)
    _type(qtbot, new, "title", "Trusted on security")
    qtbot.mouseClick(new.checkpoints.add_button, Qt.MouseButton.LeftButton)
    sub = new.checkpoints.last_dialog
    _type(qtbot, sub, "value", "1")
    _save(qtbot, sub)
    assert [g.title for g in goals.list_all()] == ["Go-to person on data"]  # not saved early
    new.reject()
    assert [g.title for g in goals.list_all()] == ["Go-to person on data"]


def test_the_checkpoint_table_shows_six_rows(qtbot, page) -> None:
    goal = goals.create(title="Goal")
    for day in range(1, 9):
        goals.add_checkpoint(goal_id=goal.id, recorded_on=date(2024, 1, day), value=day)
    page.refresh()
    dialog = _edit_row(qtbot, page)
    table = dialog.checkpoints.table
    qtbot.waitUntil(lambda: table.viewport().height() > 0)
    row_height = table.rowHeight(0)
    assert table.viewport().height() >= 6 * row_height
    assert table.rowAt(5 * row_height + row_height // 2) == 5  # the sixth row is on screen
    dialog.reject()


def test_the_goal_window_draws_its_path_to_the_target(qtbot, page, context, pin_today) -> None:
    pin_today(date(2026, 6, 1))
    goal = goals.create(
        title="Sounding board for Sales",
        metric="Calls a month",
        baseline=2,
        target=10,
        start_on=date(2026, 1, 1),
        target_on=date(2026, 12, 31),
    )
    page.refresh()
    dialog = _edit_row(qtbot, page)
    chart = dialog.path_chart
    # (drawn and shown a turn after the window's first paint)
    qtbot.waitUntil(lambda: chart.isVisible() and chart.chart.series is not None)
    assert chart.chart.empty_text.startswith(
        "No checkpoints yet. Record one each time you measure Calls a month"
    )
    for day, value in ((date(2026, 2, 1), 3), (date(2026, 5, 1), 6)):
        goals.add_checkpoint(goal_id=goal.id, recorded_on=day, value=value)
        context.events.announce(Changes.of(Change.CHECKPOINT))
    qtbot.waitUntil(lambda: chart.chart.empty_text is None)
    assert chart.chart.headline == "6 now · 50 % of the way"  # (6 − 2) / (10 − 2)
    assert [hit.text.splitlines()[1:] for hit in chart.chart.hits] == [
        ["Calls a month: 3", "12 % of the way"],
        ["Calls a month: 6", "50 % of the way"],
    ]
    qtbot.waitUntil(lambda: not chart.drawn_pending, timeout=10_000)
    image = chart.image()
    middle = {image.pixel(x, image.height() // 2) for x in range(0, image.width(), 4)}
    assert len(middle) > 2  # lines drawn, not a blank panel
    dialog.reject()


def test_target_before_start_is_refused(qtbot, page) -> None:
    dialog = _new_goal_dialog(qtbot, page)
    _type(qtbot, dialog, "title", "Trusted on security")
    dialog.editors["start_on"].set_value(date(2024, 6, 1))
    qtbot.mouseClick(dialog.editors["target_on"].enabled, Qt.MouseButton.LeftButton)
    dialog.editors["target_on"].set_value(date(2024, 5, 1))
    error = dialog.errors["target_on"]
    assert error.isVisible()
    assert "before the start" in error.text()
    assert error.textFormat() == Qt.TextFormat.PlainText
    assert not dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.keyClick(
        dialog.editors["title"].edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
    )
    assert dialog.isVisible()
    assert goals.list_all() == []

    dialog.editors["target_on"].set_value(date(2024, 7, 1))
    assert not error.isVisible()
    assert dialog.save_button.isEnabled()
    _save(qtbot, dialog)
    assert [g.target_on for g in goals.list_all()] == [date(2024, 7, 1)]


def test_checkpoint_value_is_required(qtbot, page) -> None:
    goals.create(title="Goal")
    page.refresh()
    dialog = _edit_row(qtbot, page)
    qtbot.mouseClick(dialog.checkpoints.add_button, Qt.MouseButton.LeftButton)
    sub = dialog.checkpoints.last_dialog
    assert not sub.save_button.isEnabled()
    _type(qtbot, sub, "value", "lots")
    assert sub.errors["value"].isVisible()
    assert "not a number" in sub.errors["value"].text()
    assert not sub.save_button.isEnabled()


def test_models_pass_the_model_tester(qtbot, qtmodeltester, page, people) -> None:
    goal = goals.create(
        title="Goal one",
        trust_factor="credibility",
        baseline=2,
        target=8,
        audience_ids=[people["Ada Lovelace"]],
    )
    goals.create(title="Goal two", status="paused")
    goals.add_checkpoint(goal_id=goal.id, recorded_on=date(2024, 2, 1), value=5)
    goals.add_milestone(goal_id=goal.id, title="Plan shared", due_on=date(2024, 3, 1))
    page.refresh()
    assert page.model.rowCount() == 2
    qtmodeltester.check(page.model)
    qtmodeltester.check(page.proxy)
    page.table.sortByColumn(5, Qt.SortOrder.DescendingOrder)  # by progress
    assert page.proxy.index(0, 0).data() == "Goal one"
    page.search.setText("paused")
    qtbot.waitUntil(lambda: page.proxy.rowCount() == 1)
    assert page.proxy.index(0, 0).data() == "Goal two"
    page.search.clear()
    qtbot.waitUntil(lambda: page.proxy.rowCount() == 2)
    page.select_id(goal.id)
    dialog = _edit_row(qtbot, page, page.table.currentIndex().row())
    qtmodeltester.check(dialog.checkpoints.model)
    qtmodeltester.check(dialog.milestones.model)
    dialog.reject()


def test_hostile_text_is_shown_literally(qtbot, page, context) -> None:
    hostile_person = stakeholders.create(name=HOSTILE).id
    goal = goals.create(title=HOSTILE, metric=HOSTILE, audience_ids=[hostile_person])
    goals.add_milestone(goal_id=goal.id, title=HOSTILE)
    page.refresh()
    assert page.model.index(0, 0).data() == HOSTILE
    assert page.model.index(0, 0).data(ROW_ROLE).record.title == HOSTILE
    dialog = _edit_row(qtbot, page)
    assert dialog.editors["title"].value() == HOSTILE
    assert dialog.milestones.model.index(0, 0).data() == HOSTILE
    chips = [chip.text() for chip in dialog.editors["audience_ids"].findChildren(QToolButton)]
    assert any(text.startswith(HOSTILE) for text in chips)
    for label in [*page.findChildren(QLabel), *dialog.findChildren(QLabel)]:
        if "<" in label.text():
            assert label.textFormat() == Qt.TextFormat.PlainText, label.text()
    dialog.reject()


def test_numbers_read_and_write_the_locales_decimal_mark(qtbot) -> None:
    editor = ParsedNumberEditor()
    qtbot.addWidget(editor)
    before = QLocale()
    try:
        QLocale.setDefault(QLocale("de_DE"))
        editor.set_value(12.5)
        assert editor.edit.text() == "12,5" and editor.value() == 12.5
        editor.edit.setText("7.25")  # the plain form is still understood
        assert editor.value() == 7.25
        assert metric_text(1250.5) == "1.250,5"
        QLocale.setDefault(QLocale.c())
        editor.set_value(12.5)
        assert editor.edit.text() == "12.5"
        editor.edit.setText("12,5")  # not a number here: services explain why
        assert editor.value() == "12,5"
        assert metric_text(1250.5) == "1,250.5"
    finally:
        QLocale.setDefault(before)


def test_a_save_that_fails_part_way_leaves_nothing_half_saved(
    qtbot, page, context, monkeypatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(context, "show_error", lambda action, error: shown.append(str(error)))
    goal = goals.create(title="Known for follow-through")
    point = goals.add_checkpoint(goal_id=goal.id, recorded_on=date(2024, 1, 5), value=2)
    page.refresh()
    dialog = _edit_row(qtbot, page)
    _type(qtbot, dialog, "title", "Known for keeping promises")
    dialog.checkpoints.table.selectRow(0)
    qtbot.mouseClick(dialog.checkpoints.edit_button, Qt.MouseButton.LeftButton)
    sub = dialog.checkpoints.last_dialog
    _type(qtbot, sub, "value", "5")
    _save(qtbot, sub)
    goals.delete_checkpoint(checkpoint_id=point.id)  # elsewhere, while the window is open
    _save(qtbot, dialog)
    assert shown  # said why
    assert dialog.isVisible()  # with everything typed still there
    assert dialog.editors["title"].value() == "Known for keeping promises"
    assert goals.get(goal_id=goal.id).title == "Known for follow-through"  # taken back
    assert context.undo_stack.count() == 0
    dialog.done(0)


def test_the_path_chart_is_drawn_after_the_window_and_once_for_a_burst_of_typing(
    qtbot, context: AppContext, pin_today
) -> None:
    pin_today(date(2026, 6, 1))
    goal = goals.create(
        title="Sounding board", metric="Calls", baseline=2, target=10,
        start_on=date(2026, 1, 1), target_on=date(2026, 12, 31),
    )  # fmt: skip
    goals.add_checkpoint(goal_id=goal.id, recorded_on=date(2026, 5, 1), value=6)
    dialog = GoalDialog(context, goals.get(goal_id=goal.id))
    qtbot.addWidget(dialog, before_close_func=lambda d: d.done(0))
    # The window first (its chart 5-15 ms to draw on the goal window's opening turn)...
    assert dialog.path_chart.chart.series is None
    dialog.show()
    qtbot.waitUntil(lambda: dialog.path_chart.chart.headline == "6 now · 50 % of the way")
    # ...and a redraw per turn of typing, not per key.
    dialog.editors["target"].set_value(6)
    assert dialog.path_chart.chart.headline == "6 now · 50 % of the way"
    qtbot.waitUntil(lambda: dialog.path_chart.chart.headline == "6 now · 100 % of the way")


def test_a_new_goal_saved_is_selected_and_cancel_reads_nothing_again(qtbot, page) -> None:
    """Closing the goal window selects the goal it saved, a new one too; closing it without
    saving leaves the list as it was, rather than reading every goal again."""
    for title in ("Go-to person on data", "Known for cloud cost"):
        goals.create(title=title)
    page.refresh()
    reads: list[int] = []
    original = page.load_work

    def counted():
        reads.append(1)
        return original()

    page.load_work = counted  # type: ignore[method-assign]
    dialog = _edit_row(qtbot, page, row=1)
    dialog.reject()
    assert reads == []

    new = _new_goal_dialog(qtbot, page)
    _type(qtbot, new, "title", "Trusted on security")
    _save(qtbot, new)
    qtbot.waitUntil(lambda: not new.isVisible())
    current = page.table.currentIndex().data(ROW_ROLE)
    assert current is not None and current.record.title == "Trusted on security"
