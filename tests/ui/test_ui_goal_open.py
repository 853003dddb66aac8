"""A goal's window opens once its goal is read on a worker: the goal, the people its audience
picker offers, and its checkpoints and milestones, read together off the GUI thread."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from advisor_planner.services import goals, stakeholders
from advisor_planner.ui.context import AppContext
from advisor_planner.ui.sections import goals as goals_section
from advisor_planner.ui.sections.goals import GoalListPage


@pytest.fixture
def page(qtbot, context: AppContext) -> GoalListPage:
    widget = goals_section.build_page(context, QWidget())
    assert isinstance(widget, GoalListPage)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _listed(qtbot, page: GoalListPage, count: int) -> None:
    page.refresh()
    qtbot.waitUntil(lambda: not page.loading and page.model.rowCount() == count, timeout=5000)


def test_enter_reads_the_goal_on_a_worker_then_opens_it_with_its_lists(qtbot, page):
    ada = stakeholders.create(name="Ada Lovelace")
    goal = goals.create(title="Trusted on data", baseline=1, target=5, audience_ids=[ada.id])
    goals.add_checkpoint(goal_id=goal.id, recorded_on=date(2024, 2, 1), value=3)
    goals.add_milestone(goal_id=goal.id, title="First review")
    _listed(qtbot, page, 1)
    page.table.setFocus()
    page.table.selectRow(0)
    with qtbot.waitSignal(page.editor_opened, timeout=5000) as opened:
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
        assert page.last_dialog is None  # (nothing built before the goal is read)
    dialog = opened.args[0]
    assert dialog is page.last_dialog and dialog.isVisible()
    assert dialog.record.id == goal.id
    assert [c.value for c in dialog.checkpoints.rows] == [3]
    assert [m.title for m in dialog.milestones.rows] == ["First review"]
    assert list(dialog.editors["audience_ids"].value()) == [ada.id]
    assert not dialog.is_dirty()
    dialog.done(0)


def test_a_goal_deleted_before_it_is_read_opens_nothing_and_the_list_reloads(qtbot, page):
    goal = goals.create(title="Gone soon")
    _listed(qtbot, page, 1)
    goals.delete(goal_id=goal.id)
    page.table.selectRow(0)
    page.open_editor(page.table.current_row())
    qtbot.waitUntil(lambda: not page.loading and page.model.rowCount() == 0, timeout=5000)
    assert page.last_dialog is None


def test_enter_twice_opens_one_window_the_later_ones(qtbot, page):
    first = goals.create(title="First")
    second = goals.create(title="Second")
    _listed(qtbot, page, 2)
    rows = {page.model.row_at(i).id: page.model.row_at(i) for i in range(2)}
    page.open_editor(rows[first.id])
    with qtbot.waitSignal(page.editor_opened, timeout=5000) as opened:
        page.open_editor(rows[second.id])
    qtbot.wait(50)  # (the first read's answer, arriving after, opens nothing)
    assert opened.args[0].record.id == second.id
    windows = [w for w in page.findChildren(QWidget) if w.isWindow() and w.isVisible()]
    assert windows == [opened.args[0]]
    opened.args[0].done(0)


def test_the_path_chart_comes_after_the_windows_first_paint_in_the_room_kept_for_it(qtbot, context):
    from advisor_planner.ui.sections.goal_editor import GoalDialog, read_goal

    goal = goals.create(title="Sounding board", baseline=2, target=10)
    goals.add_checkpoint(goal_id=goal.id, recorded_on=date(2026, 5, 1), value=6)
    reading = read_goal(goal.id)
    dialog = GoalDialog(context, reading.record, reading=reading)
    qtbot.addWidget(dialog, before_close_func=lambda d: d.done(0))
    dialog.show()
    dialog.layout().activate()
    chart = dialog.path_chart
    # Not painted yet: the chart waits, hidden, its room kept (nothing moves when it comes).
    assert not chart.isVisible() and chart.chart.series is None
    room = chart.geometry()
    assert room.height() >= 190
    qtbot.waitUntil(lambda: chart.isVisible() and chart.chart.series is not None, timeout=5000)
    assert chart.geometry() == room
