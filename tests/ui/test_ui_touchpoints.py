"""The Touchpoints section: a lazily loaded list, search, edit, delete and the empty state."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QWidget

from advisor_planner.services import clock, commitments, stakeholders, touchpoints, trash
from advisor_planner.services.changes import Change, Changes
from advisor_planner.store import models
from advisor_planner.ui.context import AppContext
from advisor_planner.ui.i18n import format_short_datetime
from advisor_planner.ui.quick_log import QuickLogDialog
from advisor_planner.ui.record_form import RecordDialog
from advisor_planner.ui.sections.touchpoint_list import PAGE_SIZE, TouchpointListModel
from advisor_planner.ui.sections.touchpoints import TouchpointsPage, build_page
from advisor_planner.ui.table import ROW_ROLE

# The quick log (New) raises its window; the offscreen platform says it cannot.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support raise")

MANY = 1_000
START = datetime(2025, 1, 6, 9, 0, tzinfo=timezone.utc)


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)


@pytest.fixture(scope="module")
def many_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    """A database with a thousand touchpoints and three people (one with a hostile name),
    written once through services and copied for each test that wants it."""
    from advisor_planner.store.connection import close_database
    from advisor_planner.store.opening import init_db

    path = tmp_path_factory.mktemp("many") / "many.sqlite"
    init_db(path)
    try:
        people = {n: stakeholders.create(name=n).id for n in ("Ada", "Grace", "<b>x</b>")}
        ids = list(people.values())
        with models.database.atomic():
            for number in range(MANY):
                touchpoints.create(
                    stakeholder_ids=(ids[number % 3],),
                    occurred_at=START + timedelta(hours=number),
                    subject=f"meeting {number:04d}" + (" budget" if number % 10 == 0 else ""),
                    listening=1 + number % 5,
                    sentiment=number % 5 - 2,
                )
    finally:
        close_database()
    return path, people


@pytest.fixture
def many(many_template, db_path: Path) -> Iterator[dict[str, int]]:
    from advisor_planner.store.connection import close_database
    from advisor_planner.store.opening import init_db

    template, people = many_template
    shutil.copyfile(template, db_path)
    init_db(db_path)
    try:
        yield people
    finally:
        close_database()


@pytest.fixture
def context(settings: QSettings) -> AppContext:
    return AppContext(settings=settings)


def _page(qtbot, context: AppContext, empty: QWidget | None = None) -> TouchpointsPage:
    page = build_page(context, empty or QWidget())
    assert isinstance(page, TouchpointsPage)
    qtbot.addWidget(page)
    page.resize(900, 500)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)  # so the Delete key reaches the table
    return page


def _cell(model: TouchpointListModel, row: int, column: int) -> str:
    return model.data(model.index(row, column))


def test_model_fetches_in_pages_and_bounds_memory(qtbot, many) -> None:
    model = TouchpointListModel(page_size=50, max_pages=3)
    model.reload()
    assert model.rowCount() == 0 and model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 50 and model.queries == 1  # the first page at once
    model.fetchMore()
    assert model.rowCount() == 50 and model.loading  # the next ones from the worker
    model.fetch_all_known()
    assert model.rowCount() == MANY
    assert not model.canFetchMore()
    assert model.pages_in_memory() == 3, "older pages are dropped"
    assert _cell(model, MANY - 1, 6) == "meeting 0000 budget"
    # Newest first, the same rows services gives, fetched again on the worker when scrolled
    # back to (a page deep in ten years is a long walk down the index: 35-45 ms).
    assert model.data(model.index(0, 0), ROW_ROLE) is None
    with qtbot.waitSignal(model.dataChanged, timeout=10_000):
        pass
    newest = touchpoints.page(offset=0, limit=2)
    assert [model.data(model.index(r, 0), ROW_ROLE).id for r in (0, 1)] == [t.id for t in newest]
    assert model.pages_in_memory() == 3


def test_a_dropped_page_of_search_results_comes_back_from_the_worker(qtbot, many) -> None:
    model = TouchpointListModel(page_size=20, max_pages=2)
    model.reload("meeting")
    model.fetch_all_known()
    assert model.rowCount() == MANY and model.pages_in_memory() == 2
    asked = model.queries
    # Scrolled back to the top: its rows show a placeholder at once; the page is asked of the
    # worker (once, however many of its cells are drawn), not read on this thread.
    assert _cell(model, 0, 6) == "Loading…"
    assert model.data(model.index(5, 0), ROW_ROLE) is None
    assert model.queries == asked + 1
    with qtbot.waitSignal(model.dataChanged, timeout=10_000) as changed:
        pass
    first, last = changed.args[0], changed.args[1]
    assert (first.row(), first.column(), last.row(), last.column()) == (0, 0, 19, 6)
    newest = touchpoints.page(offset=0, limit=20, search="meeting")
    assert [model.data(model.index(r, 0), ROW_ROLE).id for r in range(20)] == [t.id for t in newest]
    assert _cell(model, 0, 6) == newest[0].subject
    # An action on the rows (Delete, Enter) reads a dropped page at once, as before.
    at_300 = touchpoints.page(offset=300, limit=1, search="meeting")
    assert model.row_at(300, wait=True) == at_300[0]
    # A page still on its way when the search changes is given up, and never shown.
    assert _cell(model, 500, 6) == "Loading…"
    pending = model._refetching[500 // 20]
    model.reload("budget")
    assert pending.cancelled
    model.fetch_all_known()
    assert model.rowCount() == MANY // 10
    assert all("budget" in _cell(model, r, 6) for r in range(60, 100))  # (the pages kept)


def test_model_passes_qtmodeltester(qtmodeltester, many) -> None:
    model = TouchpointListModel()
    model.reload()
    model.fetchMore()
    qtmodeltester.check(model)
    # A search starts a fresh model: the C++ tester re-runs its checks on modelReset before it
    # has noted the reset as done, so its fetchMore would then count as a change in flight.
    searched = TouchpointListModel()
    searched.reload("budget")
    qtmodeltester.check(searched)


def test_list_loads_lazily_as_it_scrolls(qtbot, context: AppContext, many) -> None:
    page = _page(qtbot, context)
    model = page.model
    assert model.rowCount() == PAGE_SIZE
    assert page.count_label.text() == "1,000 touchpoints"
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(7)] == [
        "When",
        "People",
        "Channel",
        "Purpose",
        "Listening",
        "Sentiment",
        "Subject",
    ]
    first = model.data(model.index(0, 0), ROW_ROLE)
    assert first.subject == "meeting 0999"
    moment = (START + timedelta(hours=999)).astimezone()
    assert _cell(model, 0, 0) == format_short_datetime(moment, this_year=clock.today().year)
    tip = model.data(model.index(0, 0), Qt.ItemDataRole.ToolTipRole)
    assert moment.strftime("%Y-%m-%d %H:%M") in tip  # ISO beside the words
    assert _cell(model, 0, 2) == "1:1"
    assert _cell(model, 0, 3) == "Listen"
    assert _cell(model, 0, 4) == "5"
    assert _cell(model, 0, 5) == "+2 very positive"
    assert not page.table.isSortingEnabled()
    page.table.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() > PAGE_SIZE)
    assert model.rowCount() <= 3 * PAGE_SIZE


def test_search_refilters_as_you_type(qtbot, context: AppContext, many) -> None:
    page = _page(qtbot, context)
    qtbot.keyClicks(page.search, "budget")
    qtbot.waitUntil(lambda: page.model.search == "budget")
    page.model.fetch_all_known()
    assert page.model.rowCount() == MANY // 10
    assert all("budget" in _cell(page.model, r, 6) for r in range(page.model.rowCount()))
    assert page.count_label.text() in ("100 found", "100+ found")
    page.search.clear()
    qtbot.waitUntil(lambda: page.model.search == "")
    assert page.model.rowCount() == PAGE_SIZE
    qtbot.keyClicks(page.search, "Grace")  # people's names match too
    qtbot.waitUntil(lambda: page.model.search == "Grace" and page.model.rowCount() > 0)
    assert {_cell(page.model, r, 1) for r in range(page.model.rowCount())} == {"Grace"}


def test_search_loads_off_the_gui_thread_and_each_keystroke_cancels_the_last(
    qtbot, context: AppContext, many
) -> None:
    page = _page(qtbot, context)
    page.search.setText("meeting")
    page.apply_search()
    # The keystroke returns at once: the rows come later, from the worker.
    assert page.model.loading and page.model.rowCount() == 0
    assert page.count_label.text() == "Searching…"
    first = page.model._ticket
    page.search.setText("budget")
    page.apply_search()
    assert first is not None and first.cancelled, "the older search is given up"
    with qtbot.waitSignal(page.model.searched, timeout=10_000):
        pass
    page.model.fetch_all_known()
    assert not page.model.loading
    assert page.model.rowCount() == MANY // 10
    assert all("budget" in _cell(page.model, r, 6) for r in range(page.model.rowCount()))
    assert page.count_label.text() == "100 found"


def test_hostile_name_shown_literally(qtbot, context: AppContext, many) -> None:
    page = _page(qtbot, context)
    people = {_cell(page.model, r, 1) for r in range(6)}
    assert "<b>x</b>" in people


def test_empty_state_until_the_first_touchpoint(qtbot, db, context: AppContext) -> None:
    ada = stakeholders.create(name="Ada").id
    empty = QWidget()
    page = _page(qtbot, context, empty)
    assert page.stack.currentWidget() is empty
    assert not page.search.isEnabled()
    dialog = page.open_quick_log()
    assert isinstance(dialog, QuickLogDialog)
    dialog.people.set_value((ada,))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.writing)  # (written on a worker)
    assert page.stack.currentWidget() is page.table
    assert page.model.rowCount() == 1
    context.undo_stack.undo()
    assert page.stack.currentWidget() is empty


def test_edit_through_the_full_form(qtbot, context: AppContext, many) -> None:
    page = _page(qtbot, context)
    page.table.selectRow(0)
    row = page.current_row()
    dialog = page.edit_current()
    assert isinstance(dialog, RecordDialog)
    qtbot.addWidget(dialog)
    assert dialog.editors["subject"].value() == "meeting 0999"
    assert list(dialog.editors) == [
        "occurred_at",
        "stakeholder_ids",
        "channel",
        "purpose",
        "stage",
        "listening",
        "sentiment",
        "reciprocity",
        "initiated_by",
        "subject",
        "notes",
    ]
    subject = dialog.editors["subject"].focusProxy()
    subject.selectAll()
    qtbot.keyClicks(subject, "Budget review")
    dialog.editors["stage"].set_value("frame")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    saved = touchpoints.get(touchpoint_id=row.id)
    assert (saved.subject, saved.stage) == ("Budget review", "frame")
    assert _cell(page.model, 0, 6) == "Budget review"
    assert page.current_row().id == row.id
    context.undo_stack.undo()
    assert touchpoints.get(touchpoint_id=row.id).subject == "meeting 0999"


def test_delete_key_moves_to_trash_and_undo_restores(qtbot, context: AppContext, many) -> None:
    ada = many["Ada"]
    page = _page(qtbot, context)
    page.table.setFocus()
    page.table.selectRow(0)
    doomed = page.current_row()
    commitments.create(text="Send notes", stakeholder_id=ada, touchpoint_id=doomed.id)
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert touchpoints.count() == MANY - 1
    assert _cell(page.model, 0, 6) == "meeting 0998"
    assert [item.label for item in trash.list_entries()] == [
        f"touchpoint on {doomed.occurred_at.astimezone().date()}"
    ]
    context.undo_stack.undo()
    assert touchpoints.count() == MANY
    assert [c.text for c in commitments.for_stakeholder(stakeholder_id=ada)] == ["Send notes"]


def test_column_widths_remembered(qtbot, context: AppContext, settings: QSettings, many) -> None:
    page = _page(qtbot, context)
    page.table.setColumnWidth(1, 333)
    assert settings.value("lists/touchpoints/header") is not None
    again = _page(qtbot, context)
    assert again.table.columnWidth(1) == 333


def test_refreshes_when_a_stakeholder_is_renamed(qtbot, context: AppContext, many) -> None:
    page = _page(qtbot, context)
    stakeholders.update(stakeholder_id=many["Ada"], name="Ada Lovelace")
    context.events.announce(Changes.of(Change.STAKEHOLDER))
    names = {_cell(page.model, r, 1) for r in range(3)}
    assert "Ada Lovelace" in names


def test_columns_are_measured_as_qt_measures_them_from_the_texts_worked_out_once(
    qtbot, context: AppContext, many
) -> None:
    """The table finds each column's widest cell by its text and asks the delegate for that
    one only: the widths come out as Qt's own measure of every sampled cell gives them, and
    the cells' texts are worked out once per page, not at each paint or measure."""
    from PySide6.QtWidgets import QTableView

    from advisor_planner.ui.sections import touchpoint_list

    page = _page(qtbot, context)
    table = page.table
    for column in range(page.model.columnCount()):
        assert table.sizeHintForColumn(column) == QTableView.sizeHintForColumn(table, column)
    worked_out: list[int] = []
    original = touchpoint_list.cells_of

    def counting(rows):
        worked_out.append(len(rows))
        return original(rows)

    touchpoint_list.cells_of = counting
    try:
        for _ in range(3):
            table.grab()
            table.sizeHintForColumn(1)
        assert worked_out == []  # the page's texts were kept from when it arrived
        page.model.reload()
        page.model.fetchMore()
        assert worked_out == [page.model.page_size]  # a page read: its texts, once
    finally:
        touchpoint_list.cells_of = original


def test_painting_the_list_asks_the_models_python_once_a_cell_not_once_a_role(
    qtbot, context: AppContext, many
) -> None:
    """A view asks each cell it paints for seven roles; through ``data`` that was seven calls
    into Python a cell (and two more to make its index), a repaint of the large demo's list
    twice bare Qt's. ``multiData`` answers them in one, the same as ``data`` would."""
    from PySide6.QtCore import QModelRoleData

    asked: list[int] = []
    original = TouchpointListModel.data

    def counting(self, index, role=Qt.ItemDataRole.DisplayRole):
        asked.append(role)
        return original(self, index, role)

    # (Patched before the model is made: PySide keeps the method it finds at the first call.)
    TouchpointListModel.data = counting  # type: ignore[method-assign]
    try:
        page = _page(qtbot, context)
        model = page.model
        assert model.rowCount() > 0, "rows to paint"
        asked.clear()
        page.table.grab()
    finally:
        TouchpointListModel.data = original  # type: ignore[method-assign]
    assert asked == []
    roles = [
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.FontRole,
        ROW_ROLE,
    ]
    for row in (0, 3):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            for role in roles:
                data = QModelRoleData(int(role))
                model.multiData(index, data)
                assert data.data() == model.data(index, role)
    assert not model.index(0, model.columnCount()).isValid()
    assert not model.index(model.rowCount(), 0).isValid()
