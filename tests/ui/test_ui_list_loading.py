"""The lists read their rows on a worker thread and keep what they worked out of them: a
section's first showing, a keystroke in its search and a click on a column's header leave
the GUI thread free (issue 18: on the large demo they held it 50-300 ms)."""

from __future__ import annotations

import threading
from datetime import timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QStyleOptionViewItem, QTableView

from advisor_planner.services import clock, commitments, reflections, stakeholders
from advisor_planner.translation import QT_TRANSLATE_NOOP
from advisor_planner.ui.context import AppContext
from advisor_planner.ui.list_page import RecordListPage
from advisor_planner.ui.sections.commitments import CommitmentsPage
from advisor_planner.ui.sections.reflections import ReflectionsPage
from advisor_planner.ui.sections.stakeholders import StakeholderListPage
from advisor_planner.ui.table import Column, RecordTableModel
from advisor_planner.ui.tasks import wait_for_background_tasks


@pytest.fixture
def on_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    """The lists load on their worker, as in the app (the UI tests' default loads at once)."""
    monkeypatch.setattr(RecordListPage, "load_on_worker", True)


def _show(qtbot, page) -> None:
    qtbot.addWidget(page)
    page.resize(1000, 600)
    page.show()


def _names(page) -> list[str]:
    model = page.table.model()
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def test_a_list_reads_its_rows_on_a_worker_and_says_loading_meanwhile(
    qtbot, context: AppContext, on_worker: None
) -> None:
    for name in ("Grace Hopper", "Ada Lovelace"):
        stakeholders.create(name=name)
    release = threading.Event()
    threads: list[threading.Thread] = []

    def load() -> list[stakeholders.Stakeholder]:
        threads.append(threading.current_thread())
        assert release.wait(10)
        return stakeholders.list_all()

    worked_on: set[str] = set()  # the threads that worked out the cells' texts and sort keys

    def text(name: str) -> str:
        worked_on.add(threading.current_thread().name)
        return name

    def key(row: stakeholders.Stakeholder) -> str:
        worked_on.add(threading.current_thread().name)
        return row.name.casefold()

    columns = [Column(QT_TRANSLATE_NOOP("Column", "Name"), lambda r: r.name, text=text, sort=key)]
    page = RecordListPage(context, key="people", columns=columns, load=load, kinds=())
    _show(qtbot, page)
    # Shown at once, with no rows yet: the list says it is loading, the search waits.
    assert page.loading
    assert page.stack.currentWidget() is page.loading_label
    assert page.loading_label.text() == "Loading…"
    assert not page.search.isEnabled()
    assert page.model.rowCount() == 0
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        release.set()
    assert threads and threads[0] is not threading.main_thread()
    assert worked_on and threading.main_thread().name not in worked_on
    assert not page.loading
    assert page.stack.currentWidget() is page.table
    assert _names(page) == ["Ada Lovelace", "Grace Hopper"]
    assert threading.main_thread().name not in worked_on  # (sorted and shown, nothing new)
    assert page.search.isEnabled()


def test_a_reload_keeps_the_rows_shown_until_the_new_ones_arrive_and_drops_older_loads(
    qtbot, context: AppContext, on_worker: None
) -> None:
    ada = stakeholders.create(name="Ada Lovelace")
    page = StakeholderListPage(context, empty_page=None, open_person=lambda _id: None)
    _show(qtbot, page)
    qtbot.waitUntil(lambda: not page.loading, timeout=10_000)
    page.table.setCurrentIndex(page.table.model().index(0, 0))
    stakeholders.create(name="Grace Hopper")
    page.refresh()
    page.refresh()  # (the first load's rows are not wanted any more)
    assert page.loading
    assert _names(page) == ["Ada Lovelace"]  # the old rows stay on screen meanwhile
    assert page.stack.currentWidget() is page.table
    arrivals: list[bool] = []
    page.loaded.connect(lambda: arrivals.append(True))
    qtbot.waitUntil(lambda: not page.loading, timeout=10_000)
    assert _names(page) == ["Ada Lovelace", "Grace Hopper"]
    assert page.table.current_row().id == ada.id  # the selection stays on its record
    qtbot.wait(50)  # (time for the dropped load's result, were it to be taken)
    assert arrivals == [True]


def test_the_commitments_filter_and_its_none_match_page_come_from_the_worker(
    qtbot, context: AppContext, on_worker: None
) -> None:
    ada = stakeholders.create(name="Ada Lovelace")
    made = commitments.create(stakeholder_id=ada.id, text="Send the forecast")
    commitments.set_status(commitment_id=made.id, status="kept")
    page = CommitmentsPage(context, empty_page=None)
    _show(qtbot, page)
    page.set_filter("open")
    qtbot.waitUntil(lambda: not page.loading, timeout=10_000)
    assert page.stack.currentWidget() is page.none_label  # commitments exist, none open
    page.set_filter("kept")
    qtbot.waitUntil(lambda: not page.loading, timeout=10_000)
    assert _names(page) == ["Send the forecast"]


def test_the_reflections_charts_are_read_with_the_rows(
    qtbot, context: AppContext, on_worker: None
) -> None:
    reflections.create(week="2026-W10", wins="Shipped the forecast")
    page = ReflectionsPage(context, empty_page=None)
    _show(qtbot, page)
    qtbot.waitUntil(lambda: not page.loading, timeout=10_000)
    qtbot.waitUntil(lambda: bool(page.charts), timeout=10_000)
    assert page.charts["habit"].isVisible()
    assert page._series is not None and page._series[0] == reflections.habit()


def test_a_search_neither_measures_the_columns_again_nor_works_out_text_again(
    qtbot, context: AppContext, on_worker: None
) -> None:
    """Measuring the columns at each keystroke (the rows a search brings back count as
    inserted) and working out each row's search text at the first cost 20-70 ms per
    keystroke on the large demo's lists; the texts come worked out from the worker."""
    for number in range(80):
        stakeholders.create(name=f"Person {number:02}", title="CFO" if number % 2 else "CTO")
    page = StakeholderListPage(context, empty_page=None, open_person=lambda _id: None)
    _show(qtbot, page)
    qtbot.waitUntil(lambda: not page.loading, timeout=10_000)
    fitter = page.table.fitter
    qtbot.waitUntil(lambda: bool(fitter._measured) and not fitter._timer.isActive())
    measured: list[int] = []
    measure = page.table.sizeHintForColumn
    page.table.sizeHintForColumn = lambda column: measured.append(column) or measure(column)
    texts: list[Any] = []
    search_text = page.model.search_text
    page.model.search_text = lambda row: texts.append(row) or search_text(row)
    for text in ("cf", "cfo", "", "cto"):
        page.search.setText(text)
        page._flush_search()
        qtbot.waitUntil(lambda: not fitter._timer.isActive())
    assert page.proxy.rowCount() == 40
    assert measured == []
    assert texts == []


def test_each_cell_text_and_sort_key_is_worked_out_once_per_load(qtbot) -> None:
    calls: list[str] = []

    def name(row: dict[str, Any]) -> str:
        calls.append("text")
        return row["name"]

    def key(row: dict[str, Any]) -> str:
        calls.append("key")
        return row["name"].casefold()

    model = RecordTableModel([Column(QT_TRANSLATE_NOOP("Column", "Name"), name, sort=key)])
    rows = [{"name": n} for n in ("b", "C", "a")]
    model.set_rows(rows)
    for _ in range(3):  # (a view reads each cell many times: painting, measuring)
        for row in range(3):
            model.data(model.index(row, 0))
    assert calls.count("text") == 3
    model.sort(0, Qt.SortOrder.AscendingOrder)
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert calls.count("key") == 3
    assert [model.index(r, 0).data() for r in range(3)] == ["C", "b", "a"]
    model.set_rows(rows)  # a new load works them out afresh
    model.data(model.index(0, 0))
    assert calls.count("text") == 4


def test_a_column_is_as_wide_as_qt_measures_it_from_its_widest_cells(
    qtbot, context: AppContext
) -> None:
    """The list asks the delegate for its widest cells only; the widths are Qt's own."""
    ada = stakeholders.create(name="Ada Lovelace with a rather longer name")
    today = clock.today()
    for number in range(70):
        made = commitments.create(
            stakeholder_id=ada.id,
            text="Send the forecast " + "and the notes " * (number % 5),
            made_on=today - timedelta(days=40),
            due_on=today + timedelta(days=number - 30),
        )
        if number % 7 == 0:
            commitments.set_status(commitment_id=made.id, status="broken", on=today)
    page = CommitmentsPage(context, empty_page=None)
    page.set_filter("all")
    _show(qtbot, page)
    page.refresh()
    table = page.table
    assert table.model().rowCount() == 70
    for column in range(table.model().columnCount()):
        assert table.sizeHintForColumn(column) == QTableView.sizeHintForColumn(table, column)


def test_enter_in_the_search_waits_for_the_rows_a_reload_brings(
    qtbot, context: AppContext, on_worker: None
) -> None:
    stakeholders.create(name="Ada Lovelace")
    opened: list[int] = []
    page = StakeholderListPage(context, empty_page=None, open_person=opened.append)
    _show(qtbot, page)
    qtbot.waitUntil(lambda: not page.loading, timeout=10_000)
    grace = stakeholders.create(name="Grace Hopper")
    page.refresh()
    qtbot.keyClicks(page.search, "grace")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert opened == []  # not yet: the list still holds the rows read before
    qtbot.waitUntil(lambda: opened == [grace.id], timeout=10_000)


def test_a_cell_draws_with_every_role_its_model_gives(qtbot, context: AppContext) -> None:
    """The list hands a delegate all of a cell's roles in one call (``multiData``); what it
    draws is what the model says, role by role."""
    ada = stakeholders.create(name="Ada Lovelace")
    today = clock.today()
    late = commitments.create(
        stakeholder_id=ada.id, text="Send it", made_on=today - timedelta(days=9), due_on=today
    )
    commitments.create(
        stakeholder_id=ada.id,
        text="Call back",
        made_on=today - timedelta(days=9),
        due_on=today - timedelta(days=3),
    )
    commitments.set_status(commitment_id=late.id, status="broken", on=today)
    page = CommitmentsPage(context, empty_page=None)
    page.set_filter("all")
    _show(qtbot, page)
    page.refresh()
    table = page.table
    model = table.model()
    icons = 0
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            option = QStyleOptionViewItem()
            table.itemDelegate().initStyleOption(option, index)
            assert option.text == index.data()
            decoration = index.data(Qt.ItemDataRole.DecorationRole)
            assert option.icon.isNull() == (decoration is None)
            icons += decoration is not None
            ink = index.data(Qt.ItemDataRole.ForegroundRole)
            if ink is not None:
                assert option.palette.color(QPalette.ColorRole.Text) == ink
    assert icons == 2  # "3 days overdue" and "Broken"


def test_a_load_that_fails_says_so_and_the_next_showing_reads_again(
    qtbot, context: AppContext, on_worker: None
) -> None:
    stakeholders.create(name="Ada Lovelace")
    fail = [True]

    def load() -> list[stakeholders.Stakeholder]:
        if fail[0]:
            raise OSError("disk I/O error")
        return stakeholders.list_all()

    columns = [Column(QT_TRANSLATE_NOOP("Column", "Name"), lambda r: r.name)]
    page = RecordListPage(context, key="people", columns=columns, load=load, kinds=())
    _show(qtbot, page)
    qtbot.waitUntil(lambda: not page.loading, timeout=10_000)
    assert page.stack.currentWidget() is page.loading_label
    assert page.loading_label.text() == "The list could not be read: disk I/O error"
    fail[0] = False
    page.hide()
    page.show()  # (still stale: shown again, it reads again)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10_000)
    assert page.stack.currentWidget() is page.table


def test_an_older_load_that_fails_leaves_the_newer_rows_alone(
    qtbot, context: AppContext, on_worker: None
) -> None:
    stakeholders.create(name="Ada Lovelace")
    release = threading.Event()
    calls: list[int] = []

    def load() -> list[stakeholders.Stakeholder]:
        calls.append(1)
        if len(calls) == 1:
            assert release.wait(10)
            raise OSError("disk I/O error")
        return stakeholders.list_all()

    columns = [Column(QT_TRANSLATE_NOOP("Column", "Name"), lambda r: r.name)]
    pool = QThreadPool.globalInstance()
    threads = pool.maxThreadCount()
    # The first load holds a thread until released: on a 2-core machine (two threads) any
    # other task still running would leave the second load no thread to run on.
    pool.setMaxThreadCount(max(threads, 4))
    try:
        page = RecordListPage(context, key="people", columns=columns, load=load, kinds=())
        _show(qtbot, page)
        # (The showing's own load may start a turn later: wait for it, or this refresh
        # would be the first load and the showing's find one under way and add none.)
        qtbot.waitUntil(lambda: len(calls) == 1, timeout=10_000)
        page.refresh()  # (the first load's rows are not wanted any more)
        qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10_000)
        assert len(calls) == 2
    finally:
        release.set()
        assert wait_for_background_tasks(msecs=10_000)
        pool.setMaxThreadCount(threads)
    qtbot.wait(50)  # (the first load's failure, queued to the GUI thread, comes back)
    assert page.loading_label.text() == "Loading…"  # (not the failure's words)
    assert page.stack.currentWidget() is page.table
    assert not page._stale and page.model.rowCount() == 1
