"""The Touchpoints section: every conversation logged, newest first, loaded as you scroll.

The list is a ``QAbstractTableModel`` that fetches pages from ``services.touchpoints.page``
through ``canFetchMore``/``fetchMore`` and keeps only a bounded number of pages in memory
(older pages are dropped and fetched again if they scroll back into view), so 100,000
touchpoints never sit in memory at once. The order is fixed (newest first: the database walks
its index to serve each page), so the header shows no sort indicator. The search box re-queries
``services`` as you type (after a short pause), matching subject, notes and people's names.

A search's pages load on a worker thread: a word nothing holds reads every touchpoint (50 ms
at 100,000, 150 ms at 300,000 on a 2-core laptop), which on the GUI thread would freeze the
typing. Each keystroke cancels the search before it (``services`` stops its query within a
millisecond or two), so only the last one runs to the end. The unsearched list stays on the GUI
thread: each page is a short walk down the ``occurred_at`` index (1–2 ms).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from advisor_planner.domain.enums import Channel, Purpose
from advisor_planner.services import stakeholders, touchpoints
from advisor_planner.services.changes import Change, Changes
from advisor_planner.services.errors import Interrupted, NotFoundError
from advisor_planner.services.touchpoints import TouchpointRow
from advisor_planner.services.workers import on_worker
from advisor_planner.translation import QT_TRANSLATE_NOOP
from advisor_planner.ui.context import AppContext, RefreshWhenShown
from advisor_planner.ui.i18n import (
    COLUMN,
    choice_label,
    format_count,
    format_date,
    format_datetime,
    format_day_month,
    format_long_date,
    translate,
)
from advisor_planner.ui.list_page import delete_to_trash
from advisor_planner.ui.quick_log import open_quick_log
from advisor_planner.ui.record_apis import TOUCHPOINT
from advisor_planner.ui.record_form import RecordDialog
from advisor_planner.ui.table import ROW_ROLE, plain_tooltip
from advisor_planner.ui.tasks import run_in_background
from advisor_planner.ui.touchpoint_fields import sentiment_text, touchpoint_fields

PAGE_SIZE = 100  # rows fetched at a time: a few screens
MAX_PAGES = 20  # pages kept in memory; others are fetched again when they come back into view
SEARCH_DELAY_MS = 150
SETTINGS_KEY = "lists/touchpoints"
SHOWS = (Change.TOUCHPOINT, Change.STAKEHOLDER)  # the records this list shows

_Index = QModelIndex | QPersistentModelIndex


def _when(row: TouchpointRow) -> str:
    local = row.occurred_at.astimezone()
    return format_datetime(local) if row.has_time else format_date(local.date())


def _label(enum: Any, value: str | None) -> str:
    if value is None:
        return ""
    try:
        return choice_label(enum(value))
    except ValueError:
        return value


@dataclass(frozen=True)
class TouchpointColumn:
    title: str  # source text, marked QT_TRANSLATE_NOOP("Column", ...): the header translates it
    text: Callable[[TouchpointRow], str]
    width: int | None = None
    numeric: bool = False


COLUMNS = (
    TouchpointColumn(QT_TRANSLATE_NOOP("Column", "When"), _when, 130),
    TouchpointColumn(QT_TRANSLATE_NOOP("Column", "People"), lambda r: r.people, 220),
    TouchpointColumn(
        QT_TRANSLATE_NOOP("Column", "Channel"), lambda r: _label(Channel, r.channel), 90
    ),
    TouchpointColumn(
        QT_TRANSLATE_NOOP("Column", "Purpose"), lambda r: _label(Purpose, r.purpose), 150
    ),
    TouchpointColumn(
        QT_TRANSLATE_NOOP("Column", "Listening"),
        lambda r: "" if r.listening is None else str(r.listening),
        70,
        True,
    ),
    TouchpointColumn(
        QT_TRANSLATE_NOOP("Column", "Sentiment"), lambda r: sentiment_text(r.sentiment), 110
    ),
    TouchpointColumn(QT_TRANSLATE_NOOP("Column", "Subject"), lambda r: r.subject),
)


class _Ticket:
    """One search's claim on the worker; the next search cancels it (read on the worker)."""

    def __init__(self) -> None:
        self.cancelled = False

    def is_cancelled(self) -> bool:
        return self.cancelled


def search_page(ticket: _Ticket, **query: Any) -> list[TouchpointRow]:
    """On a worker: one page of a search, given up as soon as ``ticket`` is cancelled."""
    return on_worker(touchpoints.page, cancelled=ticket.is_cancelled, **query)


class TouchpointListModel(QAbstractTableModel):
    """Touchpoints newest first, fetched a page at a time as the view scrolls."""

    failed = Signal(object)  # a search's page could not be loaded (the exception)
    searched = Signal()  # a search's page has arrived (or found nothing more)

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        page_size: int = PAGE_SIZE,
        max_pages: int = MAX_PAGES,
    ) -> None:
        super().__init__(parent)
        self.columns = COLUMNS
        self.page_size = page_size
        self.max_pages = max_pages
        self.search = ""
        self.days: tuple[date, date] | None = None  # only the touchpoints of these days
        self.queries = 0  # pages asked of services (for tests and the benchmark)
        self._pages: OrderedDict[int, list[TouchpointRow]] = OrderedDict()
        self._loaded = 0  # rows the view knows of
        self._exhausted = True
        # One worker thread for searches: a new one waits for the one it cancelled to stop.
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._ticket: _Ticket | None = None  # the search page on the worker, if any

    # -- loading -------------------------------------------------------------------------------
    def reload(self, search: str | None = None) -> None:
        """Start again from the newest (with a new search, if given)."""
        self.beginResetModel()
        if search is not None:
            self.search = search.strip()
        self._cancel()
        self._pages.clear()
        self._loaded = 0
        self._exhausted = False
        self.endResetModel()

    @property
    def loading(self) -> bool:
        """Whether a search's page is being loaded on the worker."""
        return self._ticket is not None

    def _cancel(self) -> None:
        if self._ticket is not None:
            self._ticket.cancelled = True
            self._ticket = None

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008, N802
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008, N802
        if parent.isValid() or self._exhausted or self._ticket is not None:
            return
        number = self._loaded // self.page_size
        if self.search:
            self._fetch_on_worker(number)
        else:
            self._insert(number, self._query(number))

    def _insert(self, number: int, rows: list[TouchpointRow]) -> None:
        if len(rows) < self.page_size:
            self._exhausted = True
        if not rows:
            return
        self.beginInsertRows(QModelIndex(), self._loaded, self._loaded + len(rows) - 1)
        self._store(number, rows)
        self._loaded += len(rows)
        self.endInsertRows()

    def _fetch_on_worker(self, number: int) -> None:
        self.queries += 1
        ticket = self._ticket = _Ticket()
        run_in_background(
            search_page,
            ticket,
            **self._page_query(number),
            on_success=lambda rows: self._arrived(ticket, number, rows),
            on_error=lambda error: self._failed(ticket, error),
            pool=self.pool,
            name="touchpoint search",
        )

    def _arrived(self, ticket: _Ticket, number: int, rows: list[TouchpointRow]) -> None:
        if ticket is not self._ticket:
            return  # overtaken by a newer search (or a reload) meanwhile
        self._ticket = None
        self._insert(number, rows)
        self.searched.emit()

    def _failed(self, ticket: _Ticket, error: BaseException) -> None:
        if ticket is not self._ticket or isinstance(error, Interrupted):
            return
        self._ticket = None
        self._exhausted = True
        self.failed.emit(error)

    def fetch_all_known(self) -> None:
        """Fetch while there is more, waiting for each search page (for tests on small data;
        never on the large list)."""
        while self.canFetchMore():
            self.fetchMore()
            while self._ticket is not None:
                self.pool.waitForDone()
                QCoreApplication.processEvents()

    def _page_query(self, number: int) -> dict[str, Any]:
        start, end = self.days or (None, None)
        return {
            "offset": number * self.page_size,
            "limit": self.page_size,
            "search": self.search,
            "start": start,
            "end": end,
        }

    def _query(self, number: int) -> list[TouchpointRow]:
        self.queries += 1
        return touchpoints.page(**self._page_query(number))

    def _store(self, number: int, rows: list[TouchpointRow]) -> None:
        self._pages[number] = rows
        self._pages.move_to_end(number)
        while len(self._pages) > self.max_pages:
            self._pages.popitem(last=False)

    def pages_in_memory(self) -> int:
        return len(self._pages)

    def is_complete(self) -> bool:
        return self._exhausted

    def row_at(self, row: int) -> TouchpointRow | None:
        if not 0 <= row < self._loaded:
            return None
        number, position = divmod(row, self.page_size)
        page = self._pages.get(number)
        if page is None:
            page = self._query(number)  # scrolled back to a page dropped from memory
            self._store(number, page)
        else:
            self._pages.move_to_end(number)
        return page[position] if position < len(page) else None

    def find_row(self, touchpoint_id: int) -> int | None:
        """Where a touchpoint is among the pages in memory (None if not there)."""
        for number, page in self._pages.items():
            for position, item in enumerate(page):
                if item.id == touchpoint_id:
                    return number * self.page_size + position
        return None

    # -- the model -----------------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else self._loaded

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.column() >= len(self.columns):
            return None
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.TextAlignmentRole,
            ROW_ROLE,
        ):
            return None
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return (
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if column.numeric
                else None
            )
        row = self.row_at(index.row())
        if row is None:
            return None
        if role == ROW_ROLE:
            return row
        text = column.text(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(text) if text else None  # Qt would render "<b>x</b>" bold
        return text

    def headerData(  # noqa: N802 - Qt override
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.columns)
        ):
            return translate(COLUMN, self.columns[section].title)
        return None


class TouchpointsPage(RefreshWhenShown, QWidget):
    """The searchable touchpoint list, with New (the quick log), Edit and Delete."""

    def __init__(
        self, context: AppContext, empty_page: QWidget | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("page_touchpoints")
        self.total = 0

        self.toolbar = self._build_toolbar()
        self.model = TouchpointListModel(self)
        self.table = self._build_table()
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.table)
        self.empty_page = empty_page
        if empty_page is not None:
            self.stack.addWidget(empty_page)
        self.days_bar = self._build_days_bar()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addLayout(self.toolbar)
        layout.addWidget(self.days_bar)
        layout.addWidget(self.stack, 1)

        self._connect()
        context.events.changed.connect(self._on_changed)
        self._update_buttons()

    def _build_toolbar(self) -> QHBoxLayout:
        self.search = QLineEdit(self)
        self.search.setObjectName("touchpointsSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Search subject, notes or people (Ctrl+F)"))
        self.search.setAccessibleName(self.tr("Search"))
        self.count_label = QLabel(self)
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)
        self.new_button = QPushButton(self.tr("Log touchpoint…"), self)
        self.new_button.setObjectName("touchpointsNew")
        self.new_button.setToolTip(self.tr("Log a touchpoint (Ctrl+L)"))
        self.edit_button = QPushButton(self.tr("Edit…"), self)
        self.delete_button = QPushButton(self.tr("Delete"), self)

        toolbar = QHBoxLayout()
        toolbar.addWidget(self.search, 1)
        toolbar.addWidget(self.count_label)
        toolbar.addWidget(self.new_button)
        toolbar.addWidget(self.edit_button)
        toolbar.addWidget(self.delete_button)
        return toolbar

    def _build_table(self) -> QTableView:
        """The list, newest first, its columns' widths and order kept between sessions."""
        table = QTableView(self)
        table.setObjectName("touchpointsTable")
        table.setAccessibleName(self.tr("Touchpoints list"))
        table.setModel(self.model)
        table.setSortingEnabled(False)  # fixed order: newest first
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = table.horizontalHeader()
        header.setSortIndicatorShown(False)
        header.setSectionsClickable(False)
        header.setStretchLastSection(True)
        header.setSectionsMovable(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for column, spec in enumerate(COLUMNS):
            if spec.width:
                table.setColumnWidth(column, spec.width)
        state = self.context.settings.value(f"{SETTINGS_KEY}/header")
        if state is not None:
            header.restoreState(state)
        header.sectionResized.connect(self._save_header)
        header.sectionMoved.connect(self._save_header)
        return table

    def _build_days_bar(self) -> QWidget:
        """Shown while the list holds only some days' touchpoints (a click on a dashboard
        chart), with a button back to all of them."""
        bar = QWidget(self)
        bar.setObjectName("touchpointsDaysFilter")
        self.days_label = QLabel(bar)
        self.days_label.setTextFormat(Qt.TextFormat.PlainText)
        self.all_days_button = QPushButton(self.tr("Show all days"), bar)
        self.all_days_button.setObjectName("touchpointsAllDays")
        self.all_days_button.clicked.connect(lambda: self.show_days(None))
        days_row = QHBoxLayout(bar)
        days_row.setContentsMargins(0, 0, 0, 0)
        days_row.addWidget(self.days_label, 1)
        days_row.addWidget(self.all_days_button)
        bar.hide()
        return bar

    def _connect(self) -> None:
        """The search (after a pause in typing), the buttons and the table's keys."""
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_search)
        self.search.textChanged.connect(self._search_timer.start)
        self.new_button.clicked.connect(self.open_quick_log)
        self.edit_button.clicked.connect(self.edit_current)
        self.delete_button.clicked.connect(self.delete_selected)
        self.table.doubleClicked.connect(lambda index: self.open_editor(self._row(index)))
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.rowsInserted.connect(self._show_count)
        self.model.searched.connect(self._show_count)
        self.model.failed.connect(
            lambda error: self.context.show_error(self.tr("Search the touchpoints"), error)
        )
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.delete_selected)
        for key in ("Return", "Enter"):
            edit = QShortcut(QKeySequence(key), self.table)
            edit.setContext(Qt.ShortcutContext.WidgetShortcut)
            edit.activated.connect(self.edit_current)

    # -- data --------------------------------------------------------------------------------
    def _save_header(self, *_: object) -> None:
        self.context.settings.setValue(
            f"{SETTINGS_KEY}/header", self.table.horizontalHeader().saveState()
        )

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(*SHOWS):
            self.mark_stale()

    def refresh(self) -> None:
        """Reload from services, keeping the current touchpoint selected if it is still near."""
        current = self.current_row()
        start, end = self.model.days or (None, None)
        self.total = touchpoints.count(start=start, end=end)
        self.model.reload(self.search.text())
        self._stale = False
        self.model.fetchMore()
        if current is not None:
            self.select_id(current.id)
        self._show_count()
        self._update_buttons()

    def apply_search(self) -> None:
        self._search_timer.stop()
        if self.search.text().strip() == self.model.search and not self._stale:
            return
        self.model.reload(self.search.text())
        self.model.fetchMore()
        self._show_count()
        self._update_buttons()

    def show_days(self, days: tuple[date, date] | None) -> None:
        """List only the touchpoints of the days ``days`` (first, last), or all with None."""
        self.model.days = days
        if days is None:
            self.days_bar.hide()
        else:
            first, last = days
            when = (
                format_long_date(first)
                if first == last
                else self.tr("{0} – {1}").format(
                    format_day_month(first), format_day_month(last, with_year=True)
                )
            )
            self.days_label.setText(self.tr("Touchpoints of {0}").format(when))
            self.days_bar.show()
        self.refresh()

    def open_record(self, touchpoint_id: int) -> QDialog | None:
        """Open touchpoint ``touchpoint_id``'s form (from a chart, say)."""
        return touchpoint_dialog(self.context, touchpoint_id, self.window())

    def select_id(self, touchpoint_id: int) -> bool:
        row = self.model.find_row(touchpoint_id)
        if row is None:
            return False
        index = self.model.index(row, 0)
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        return True

    def _show_count(self, *_: object) -> None:
        if self.empty_page is not None:
            empty = self.total == 0 and self.model.days is None
            self.stack.setCurrentWidget(self.empty_page if empty else self.table)
        self.search.setEnabled(self.total > 0 or bool(self.search.text()))
        shown = self.model.rowCount()
        if not self.total:
            text = self.tr("none on these days") if self.model.days else ""
        elif not self.model.search:
            text = self.tr("{0} touchpoints").format(format_count(self.total))
        elif self.model.loading and not shown:
            text = self.tr("Searching…")
        elif self.model.is_complete():
            text = self.tr("{0} found").format(format_count(shown))
        else:
            text = self.tr("{0}+ found").format(format_count(shown))
        self.count_label.setText(text)

    def _update_buttons(self, *_: object) -> None:
        has = bool(self.table.selectionModel().selectedRows())
        self.edit_button.setEnabled(has)
        self.delete_button.setEnabled(has and self.context.writable)
        self.new_button.setEnabled(self.context.writable)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _row(self, index: QModelIndex) -> TouchpointRow | None:
        return self.model.row_at(index.row()) if index.isValid() else None

    def current_row(self) -> TouchpointRow | None:
        return self._row(self.table.currentIndex())

    def selected_rows(self) -> list[TouchpointRow]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        found = [self.model.row_at(row) for row in rows]
        return [row for row in found if row is not None]

    # -- actions -----------------------------------------------------------------------------
    def open_quick_log(self) -> QDialog:
        return open_quick_log(self.context, self.window())

    def edit_current(self) -> QDialog | None:
        return self.open_editor(self.current_row())

    def open_editor(self, row: TouchpointRow | None) -> QDialog | None:
        """Open the touchpoint's full form (window-modal; returns it at once)."""
        if row is None:
            return None
        return touchpoint_dialog(self.context, row.id, self.window())

    def delete_selected(self) -> None:
        delete_to_trash(self, self.context, TOUCHPOINT, [row.id for row in self.selected_rows()])


def touchpoint_dialog(
    context: AppContext, touchpoint_id: int, parent: QWidget | None
) -> QDialog | None:
    """Open touchpoint ``touchpoint_id``'s full form (window-modal; returned at once), or
    return None when it no longer exists."""
    try:
        record = touchpoints.get(touchpoint_id=touchpoint_id)
    except NotFoundError:
        return None
    names = stakeholders.names(include_archived=True)
    dialog = RecordDialog(
        context,
        TOUCHPOINT,
        touchpoint_fields(names),
        record=record,
        title=QCoreApplication.translate("TouchpointsPage", "Edit touchpoint"),
        parent=parent,
    )
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def build_page(context: AppContext, empty_page: QWidget) -> QWidget:
    return TouchpointsPage(context, empty_page)
