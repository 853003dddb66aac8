"""The dashboard as a laptop shows it: the charts on screen are built first, the others when
scrolling brings them near or once those on screen are drawn, and Tab still visits every chart
in the grid's order."""

from __future__ import annotations

import threading
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QScrollArea

from advisor_planner.services import stakeholders, touchpoints, trust_checks
from advisor_planner.ui.dashboard.board import PLACES, DashboardBoard
from advisor_planner.ui.main_window import MainWindow
from advisor_planner.ui.sections.dashboard import DashboardPage

TODAY = date(2026, 3, 20)


@pytest.fixture
def people(db, pin_today) -> None:
    pin_today(TODAY)
    ada = stakeholders.create(name="Ada Lovelace", power=5, interest=4, cadence_days=14)
    raj = stakeholders.create(name="Raj Patel", power=4, interest=3, cadence_days=30)
    trust_checks.create(
        stakeholder_id=ada.id, checked_on=TODAY - timedelta(days=40), credibility=10,
        reliability=10, intimacy=10, self_orientation=1, warmth=8, competence=9,
    )  # fmt: skip
    for days_ago, who in ((2, ada.id), (9, raj.id)):
        touchpoints.create(
            occurred_at=datetime.combine(TODAY - timedelta(days=days_ago), time(10)).astimezone(),
            stakeholder_ids=[who],
            channel="call",
            purpose="listen",
        )


def small_window(qtbot, tmp_path: Path) -> tuple[MainWindow, DashboardPage]:
    win = MainWindow(settings=QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    win.resize(1100, 700)  # three charts and the attention panel on screen, at most
    win.show()
    win.set_ready()
    win.select_section("dashboard")
    page = win.page("dashboard")
    assert isinstance(page, DashboardPage)
    return win, page


def test_a_small_window_builds_only_the_charts_on_screen_first(qtbot, tmp_path, people) -> None:
    _win, page = small_window(qtbot, tmp_path)
    when_drawn: list[tuple[set[str], set[str]]] = []
    page.all_drawn.connect(
        lambda: when_drawn.append((set(page.board.views), page.board.on_screen_parts()))
    )
    qtbot.waitUntil(lambda: bool(when_drawn), timeout=10_000)
    built, shown = when_drawn[0]
    assert "trust_index" in shown
    assert shown <= built  # every chart on screen was built and drawn...
    assert {"people", "perception", "goals", "outcomes"}.isdisjoint(built)  # ...none far below


def test_scrolling_builds_the_charts_it_brings_near(qtbot, context) -> None:
    area = QScrollArea()
    qtbot.addWidget(area)
    area.setWidgetResizable(True)
    board = DashboardBoard(context, area)
    area.setWidget(board)
    area.resize(1100, 520)
    area.show()
    qtbot.waitUntil(lambda: "trust_index" in board.views)
    assert "outcomes" not in board.views  # (no series ever arrive: nothing is built idly)
    area.verticalScrollBar().setValue(area.verticalScrollBar().maximum())
    qtbot.waitUntil(lambda: {"goals", "outcomes"} <= set(board.views))
    assert "outcomes" in board.on_screen_parts()
    assert board.views["outcomes"].isVisible()


def test_every_chart_is_built_and_filled_without_scrolling(qtbot, tmp_path, people) -> None:
    _win, page = small_window(qtbot, tmp_path)
    qtbot.waitUntil(lambda: page.board is not None and page.board.complete, timeout=10_000)
    board = page.board
    assert set(board.views) == set(PLACES)
    assert all(view.has_data for view in board.views.values())
    assert board.views["perception"].chart.headline == "1 of 1 see you as warm and capable"


def test_tab_visits_every_chart_in_the_grid_order(qtbot, tmp_path, people) -> None:
    win, page = small_window(qtbot, tmp_path)
    qtbot.waitUntil(lambda: page.board is not None and page.board.complete, timeout=10_000)
    board = page.board
    win.activateWindow()
    board.focus.reflect_button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is board.focus.reflect_button)
    visited: list[str] = []
    for _ in range(80):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        focused = QApplication.focusWidget()
        if board.attention.isAncestorOf(focused) and "attention" not in visited:
            visited.append("attention")
        for part, view in board.views.items():
            if view.isAncestorOf(focused) and part not in visited:  # its ⓘ or its plot
                visited.append(part)
        if not board.isAncestorOf(focused):
            break
    expected = ["trust_index", "follow_through", "activity", "attention", "calendar"]
    expected += ["people", "perception", "goals", "outcomes"]
    assert visited == expected


def test_series_arriving_together_are_drawn_a_chart_a_turn_on_screen_first(
    qtbot, tmp_path, people
) -> None:
    """The worker's parts come in a burst; drawing each as it came held the GUI thread for
    every chart at once (100-170 ms on the large demo). They are kept and drawn on later
    turns, one chart each, those on screen first, and ``loaded`` waits for the last."""
    _win, page = small_window(qtbot, tmp_path)
    qtbot.waitUntil(lambda: page.board is not None and page.board.complete, timeout=10_000)
    board = page.board
    qtbot.waitUntil(lambda: not board.drawing)
    drawn: list[str] = []
    for part, view in board.views.items():
        view.chart.show = lambda series, part=part, show=view.chart.show: (  # type: ignore[method-assign]
            drawn.append(part),
            show(series),
        )
    loaded: list[bool] = []
    page.loaded.connect(lambda: loaded.append(True))
    board._step_timer.blockSignals(True)  # (the turns are taken one by one below)
    page.range.set_choice("all")  # the period's parts are loaded again, and arrive together
    qtbot.waitUntil(lambda: page.load_task is not None and page.load_task.done, timeout=10_000)
    qtbot.wait(50)
    assert drawn == []  # nothing drawn in the turns the series came in
    assert board.drawing and not loaded
    board._step_timer.blockSignals(False)
    turns: list[list[str]] = []
    while board.drawing:
        before = len(drawn)
        board._step_timer.timeout.emit()  # one turn's work
        turns.append(drawn[before:])
    assert len(drawn) >= 3 and all(len(turn) <= 1 for turn in turns)
    shown = board.on_screen_parts()
    on_screen = [part for part in drawn if part in shown]
    assert on_screen and drawn[: len(on_screen)] == on_screen  # those on screen first
    assert loaded  # once all are drawn


def test_a_chart_off_screen_is_redrawn_when_scrolled_to_not_at_each_change(
    qtbot, tmp_path, people
) -> None:
    """After a quick log the stakeholder map (below the fold) was redrawn at once, its
    thousand points 50-100 ms on the large demo, each time; now when it comes into view."""
    _win, page = small_window(qtbot, tmp_path)
    qtbot.waitUntil(lambda: page.board is not None and page.board.complete, timeout=10_000)
    board = page.board
    qtbot.waitUntil(lambda: not board.drawing)
    assert "people" not in board.on_screen_parts()
    shown_before = board.views["people"].chart.series
    stakeholders.create(name="Cy Young", power=5, interest=5, cadence_days=7)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.reload({"people"})
    qtbot.wait(100)
    assert board.views["people"].chart.series is shown_before  # not drawn off screen
    assert "Cy Young" in [person.name for person in board.people]  # (the panel has him)
    area = page.scroll_area
    area.ensureWidgetVisible(board.slots["people"])
    qtbot.waitUntil(lambda: board.views["people"].chart.series is not shown_before)
    assert len(board.views["people"].chart.hits) == 3


def test_a_reload_draws_its_series_once_the_worker_is_done(
    qtbot, tmp_path, people, monkeypatch
) -> None:
    """A period's parts arrive one by one while the worker reads the next; a chart drawn
    meanwhile shared the interpreter with it, each turn two or three times as long. A reload
    keeps what arrives and draws it (a chart a turn) once the worker is done."""
    from advisor_planner.services import dashboard

    _win, page = small_window(qtbot, tmp_path)
    qtbot.waitUntil(lambda: page.board is not None and page.board.complete, timeout=10_000)
    board = page.board
    qtbot.waitUntil(lambda: not board.drawing)
    delivered, still_loading = threading.Event(), threading.Event()
    load_in_worker = dashboard.load_in_worker

    def slow_to_finish(**kwargs: object) -> object:
        result = load_in_worker(**kwargs)  # (every part delivered as it is read)
        delivered.set()
        still_loading.wait(10)  # the worker still busy after the last part
        return result

    monkeypatch.setattr(dashboard, "load_in_worker", slow_to_finish)
    drawn: list[str] = []
    for part, view in board.views.items():
        view.chart.show = lambda series, part=part, show=view.chart.show: (  # type: ignore[method-assign]
            drawn.append(part),
            show(series),
        )
    page.range.set_choice("all")
    qtbot.waitUntil(delivered.is_set, timeout=10_000)
    qtbot.wait(100)  # (the parts' signals handled, and turns for the board to draw them)
    assert drawn == []  # kept while the worker works
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        still_loading.set()
    assert {"activity", "trust_index", "follow_through"} <= set(drawn)
