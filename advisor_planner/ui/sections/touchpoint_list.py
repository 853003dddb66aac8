"""The Touchpoints list's model: every conversation logged, newest first, loaded as it scrolls.

``TouchpointListModel`` fetches pages from ``services.touchpoints.page`` through
``canFetchMore``/``fetchMore`` and keeps only a bounded number of pages in memory (older pages
are dropped and fetched again if they scroll back into view), so 100,000 touchpoints never sit
in memory at once.

A search's pages, and every page of the whole list after its first, load on a worker thread:
a word nothing holds reads every touchpoint (50 ms at 100,000, 150 ms at 300,000 on a 2-core
laptop), which on the GUI thread would freeze the typing. Each keystroke cancels the search
before it (``services`` stops its query within a millisecond or two), so only the last one
runs to the end. A page dropped from memory and scrolled back to is fetched on the same
worker (a search's costs what the search did: 240 ms at row 2,000 of a search on 100,000);
its rows show "Loading…" until it arrives. Each page's cell texts are worked out once, with
the page (``cells_of``), not at each paint.

Only the whole list's first page is read on the GUI thread, so the list shows at once: a
short walk down the ``occurred_at`` index (1–2 ms); a page ten years down is a long one
(35–45 ms at row 90,000 of the large demo), and goes to the worker like a search's.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any, cast

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QModelRoleData,
    QModelRoleDataSpan,
    QObject,
    QPersistentModelIndex,
    Qt,
    QThreadPool,
    Signal,
)

from advisor_planner.domain.enums import Channel, Purpose
from advisor_planner.services import clock, touchpoints
from advisor_planner.services.changes import Change
from advisor_planner.services.errors import Interrupted
from advisor_planner.services.touchpoints import TouchpointRow
from advisor_planner.services.workers import on_worker
from advisor_planner.translation import QT_TRANSLATE_NOOP
from advisor_planner.ui.i18n import (
    COLUMN,
    choice_label,
    format_iso_moment,
    format_short_date,
    format_short_datetime,
    translate,
)
from advisor_planner.ui.table import ROW_ROLE, plain_tooltip
from advisor_planner.ui.tasks import run_in_background
from advisor_planner.ui.touchpoint_fields import sentiment_text

PAGE_SIZE = 100  # rows fetched at a time: a few screens
MAX_PAGES = 20  # pages kept in memory; others are fetched again when they come back into view
SEARCH_DELAY_MS = 150
SETTINGS_KEY = "lists/touchpoints"
SHOWS = (Change.TOUCHPOINT, Change.STAKEHOLDER)  # the records this list shows

_Index = QModelIndex | QPersistentModelIndex


def _when(row: TouchpointRow) -> str:
    """ "Fri 20 Nov, 15:00" (the day alone when no time was given)."""
    local = row.occurred_at.astimezone()
    year = clock.today().year
    if row.has_time:
        return format_short_datetime(local, this_year=year)
    return format_short_date(local.date(), this_year=year)


def _when_iso(row: TouchpointRow) -> str:
    local = row.occurred_at.astimezone()
    return format_iso_moment(local) if row.has_time else local.date().isoformat()


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
    tooltip: Callable[[TouchpointRow], str] | None = None  # default: the text itself


COLUMNS = (
    TouchpointColumn(QT_TRANSLATE_NOOP("Column", "When"), _when, 130, tooltip=_when_iso),
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
SUBJECT_COLUMN = len(COLUMNS) - 1  # the main text: it takes the width the others leave


class _Ticket:
    """One search's claim on the worker; the next search cancels it (read on the worker)."""

    def __init__(self) -> None:
        self.cancelled = False

    def is_cancelled(self) -> bool:
        return self.cancelled


#: A page's rows as the list shows them: each row's cell texts and tooltips, in column order.
Cells = list[tuple[tuple[str, ...], tuple[str, ...]]]


def cells_of(rows: list[TouchpointRow]) -> Cells:
    """Each row's texts and tooltips, worked out once per page (on the worker, for a search):
    Qt asks a cell for its text at every paint and a dozen times to measure a column, and the
    dates alone cost ~40 µs each to format."""
    result = []
    for row in rows:
        texts = tuple(column.text(row) for column in COLUMNS)
        tips = tuple(
            column.tooltip(row) if column.tooltip is not None else text
            for column, text in zip(COLUMNS, texts, strict=True)
        )
        result.append((texts, tips))
    return result


def search_page(ticket: _Ticket, **query: Any) -> tuple[list[TouchpointRow], Cells]:
    """On a worker: one page of a search, and its cells, given up as soon as ``ticket`` is
    cancelled."""
    rows = on_worker(touchpoints.page, cancelled=ticket.is_cancelled, **query)
    return rows, cells_of(rows)


_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
#: The roles ``TouchpointListModel.data`` answers (the others are cleared at once).
_ANSWERED = frozenset(
    (_DISPLAY, _ALIGNMENT, int(Qt.ItemDataRole.ToolTipRole), int(ROW_ROLE)),
)


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
        self._cells: dict[int, Cells] = {}  # each page's texts, while the page is in memory
        self._loaded = 0  # rows the view knows of
        self._exhausted = True
        # One worker thread for searches: a new one waits for the one it cancelled to stop.
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._ticket: _Ticket | None = None  # the search page on the worker, if any
        # Pages of the search dropped from memory, scrolled back to and on the worker again.
        self._refetching: dict[int, _Ticket] = {}

    # -- loading -------------------------------------------------------------------------------
    def reload(self, search: str | None = None) -> None:
        """Start again from the newest (with a new search, if given)."""
        self.beginResetModel()
        if search is not None:
            self.search = search.strip()
        self._cancel()
        self._pages.clear()
        self._cells.clear()
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
        for ticket in self._refetching.values():
            ticket.cancelled = True
        self._refetching.clear()

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008, N802
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008, N802
        if parent.isValid() or self._exhausted or self._ticket is not None:
            return
        number = self._loaded // self.page_size
        if self.search or number > 0:
            self._fetch_on_worker(number)
        else:
            rows = self._query(number)
            self._insert(number, rows, cells_of(rows))

    def _insert(self, number: int, rows: list[TouchpointRow], cells: Cells) -> None:
        if len(rows) < self.page_size:
            self._exhausted = True
        if not rows:
            return
        self.beginInsertRows(QModelIndex(), self._loaded, self._loaded + len(rows) - 1)
        self._store(number, rows, cells)
        self._loaded += len(rows)
        self.endInsertRows()

    def _fetch_on_worker(self, number: int) -> None:
        self.queries += 1
        ticket = self._ticket = _Ticket()
        run_in_background(
            search_page,
            ticket,
            **self._page_query(number),
            on_success=lambda found: self._arrived(ticket, number, *found),
            on_error=lambda error: self._failed(ticket, error),
            pool=self.pool,
            name="touchpoint search",
        )

    def _arrived(
        self, ticket: _Ticket, number: int, rows: list[TouchpointRow], cells: Cells
    ) -> None:
        if ticket is not self._ticket:
            return  # overtaken by a newer search (or a reload) meanwhile
        self._ticket = None
        self._insert(number, rows, cells)
        self.searched.emit()

    def _failed(self, ticket: _Ticket, error: BaseException) -> None:
        if ticket is not self._ticket or isinstance(error, Interrupted):
            return
        self._ticket = None
        self._exhausted = True
        self.failed.emit(error)

    def _refetch_on_worker(self, number: int) -> None:
        """Fetch page ``number`` of the search again (dropped from memory, scrolled back to);
        its rows are redrawn when it arrives."""
        if number in self._refetching:
            return
        self.queries += 1
        ticket = self._refetching[number] = _Ticket()
        run_in_background(
            search_page,
            ticket,
            **self._page_query(number),
            on_success=lambda found: self._refetched(ticket, number, *found),
            on_error=lambda error: self._refetch_failed(ticket, number, error),
            pool=self.pool,
            name="touchpoint search page",
        )

    def _refetched(
        self, ticket: _Ticket, number: int, rows: list[TouchpointRow], cells: Cells
    ) -> None:
        if self._refetching.get(number) is not ticket:
            return  # a new search (or a reload) came meanwhile
        del self._refetching[number]
        self._store(number, rows, cells)
        first = number * self.page_size
        last = min(first + self.page_size, self._loaded) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(self.columns) - 1))

    def _refetch_failed(self, ticket: _Ticket, number: int, error: BaseException) -> None:
        if self._refetching.get(number) is not ticket or isinstance(error, Interrupted):
            return
        del self._refetching[number]  # (scrolling to it again tries again)
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

    def _store(self, number: int, rows: list[TouchpointRow], cells: Cells) -> None:
        self._pages[number] = rows
        self._cells[number] = cells
        self._pages.move_to_end(number)
        while len(self._pages) > self.max_pages:
            dropped, _rows = self._pages.popitem(last=False)
            del self._cells[dropped]

    def pages_in_memory(self) -> int:
        return len(self._pages)

    def is_complete(self) -> bool:
        return self._exhausted

    def row_at(self, row: int, *, wait: bool = False) -> TouchpointRow | None:
        """The touchpoint at ``row``; None out of range, and while its page of search results
        is on its way from the worker (``is_pending``). ``wait``: read a dropped page here and
        now, for an action on the rows (Delete on every row of a long search must reach the
        rows scrolled past), not for drawing them."""
        if not 0 <= row < self._loaded:
            return None
        number, position = divmod(row, self.page_size)
        page = self._pages.get(number)
        if page is None:  # scrolled back to a page dropped from memory
            if not wait:
                self._refetch_on_worker(number)
                return None
            page = self._query(number)
            self._store(number, page, cells_of(page))
        else:
            self._pages.move_to_end(number)
        return page[position] if position < len(page) else None

    def is_pending(self, row: int) -> bool:
        """Whether ``row``'s page is on its way from the worker (its cells say "Loading…")."""
        return (0 <= row < self._loaded) and row // self.page_size in self._refetching

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

    def index(  # noqa: N802 - Qt override
        self,
        row: int,
        column: int,
        parent: _Index = QModelIndex(),  # noqa: B008 - Qt's signature
    ) -> QModelIndex:
        """A cell's index in one call into Python: Qt's own asks ``rowCount`` and
        ``columnCount`` first, two calls for each cell a view paints."""
        if parent.isValid() or not (0 <= row < self._loaded and 0 <= column < len(self.columns)):
            return QModelIndex()
        return self.createIndex(row, column)

    def multiData(  # noqa: N802 - Qt override
        self,
        index: _Index,
        roleDataSpan: QModelRoleDataSpan | QModelRoleData,
        /,  # noqa: N803
    ) -> None:
        """Every role a view asks of a cell as it paints it (seven), in one call into Python:
        through ``data`` each was a call of its own, and a repaint of the list took twice
        what bare Qt's takes. The text and alignment are answered here, the rest by ``data``."""
        # (PySide's span is a sequence of role data; its stubs do not say it iterates.)
        span = cast(
            "Iterable[QModelRoleData]",
            (roleDataSpan,) if isinstance(roleDataSpan, QModelRoleData) else roleDataSpan,
        )
        number, column = index.row(), index.column()
        cells = self._cells.get(number // self.page_size) if index.isValid() else None
        texts = None
        if cells is not None and number % self.page_size < len(cells):
            texts = cells[number % self.page_size][0]
        for data in span:
            role = data.role()
            if role == _DISPLAY and texts is not None:
                data.setData(texts[column])
            elif role == _ALIGNMENT:
                if column < len(self.columns) and self.columns[column].numeric:
                    data.setData(_RIGHT)
                else:
                    data.clearData()
            elif role in _ANSWERED:
                value = self.data(index, role)
                if value is None:
                    data.clearData()
                else:
                    data.setData(value)
            else:
                data.clearData()

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
            if role == Qt.ItemDataRole.DisplayRole and index.column() == SUBJECT_COLUMN:
                return self.tr("Loading…") if self.is_pending(index.row()) else None
            return None
        if role == ROW_ROLE:
            return row
        number, position = divmod(index.row(), self.page_size)
        texts, tips = self._cells[number][position]
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = tips[index.column()]
            return plain_tooltip(tip) if tip else None  # Qt would render "<b>x</b>" bold
        return texts[index.column()]

    def cell_text(self, row: int, column: int) -> str | None:
        """The text ``row`` shows in ``column``, if its page is in memory (no query)."""
        number, position = divmod(row, self.page_size)
        cells = self._cells.get(number)
        if cells is None or position >= len(cells):
            return None
        return cells[position][0][column]

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
