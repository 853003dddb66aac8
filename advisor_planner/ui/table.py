"""A table model over a list of plain rows, described by columns, and its sort/filter proxy.

Rows are whatever ``services`` returned (dataclasses); a ``Column`` says how to show, sort and
align one value. ``set_rows`` replaces everything inside ``beginResetModel``/``endResetModel``.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any, cast

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QModelRoleData,
    QModelRoleDataSpan,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QGuiApplication, QPalette

from advisor_planner.services import clock
from advisor_planner.ui.i18n import (
    COLUMN,
    format_iso_moment,
    format_number,
    format_short_date,
    format_short_datetime,
    translate,
)
from advisor_planner.ui.icons import load_icon

ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the row object itself
SORT_ROLE = Qt.ItemDataRole.UserRole + 2  # a value that sorts right (numbers, dates)
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 3  # the text the search box looks through

_Index = QModelIndex | QPersistentModelIndex


def display(value: Any) -> str:
    """How a plain value reads in a table cell, in the user's language and locale."""
    if value is None:
        return ""
    if isinstance(value, bool):
        if value:
            return QCoreApplication.translate("Table", "Yes")
        return QCoreApplication.translate("Table", "No")
    # Dates read as words ("Fri 20 Nov, 15:00"), the year only when it is not this one; the
    # cell's tooltip gives the ISO form (``iso_text``).
    if isinstance(value, datetime):
        local = value.astimezone() if value.tzinfo else value
        return format_short_datetime(local, this_year=clock.today().year)
    if isinstance(value, date):
        return format_short_date(value, this_year=clock.today().year)
    if isinstance(value, float):
        return format_number(value, 1)
    if isinstance(value, (tuple, list)):
        return ", ".join(display(item) for item in value)
    return str(value)


class Tone(Enum):
    """What a cell warns of. A tone is never colour alone: the cell's words say it ("3 days
    overdue", "Broken") and an icon marks it, for anyone who cannot tell the colours apart."""

    ALERT = "alert"  # overdue, broken: act on it
    WARN = "late"  # late, due today: worth a look


#: The ink of each tone on a light and on a dark ground: Okabe and Ito's vermillion and orange
#: (the charts' hues), darkened on white to read as text (contrast 4.5:1 or more).
_TONE_INK = {
    Tone.ALERT: ("#A84300", "#F08A4B"),
    Tone.WARN: ("#8A5A00", "#F2B13A"),
}


def tone_colour(tone: Tone) -> QColor:
    """The text colour of ``tone`` under the application's current palette (light or dark)."""
    ground = QGuiApplication.palette().color(QPalette.ColorRole.Base)
    light, dark = _TONE_INK[tone]
    return QColor(dark if ground.lightness() < 128 else light)


@dataclass(frozen=True)
class Column:
    # Source text, marked ``QT_TRANSLATE_NOOP("Column", ...)``: the header translates it.
    title: str
    value: Callable[[Any], Any]
    text: Callable[[Any], str] | None = None  # how the value reads; default ``display``
    numeric: bool = False  # right-aligned
    tooltip: Callable[[Any], str] | None = None
    width: int | None = None  # a first width in pixels; the user's own is remembered
    sort: Callable[[Any], Any] | None = None  # a sort key from the row; default: the value
    #: The list's main text (a name, a title, a promise): it takes the width the other
    #: columns, sized to their content, leave (``ui.columns``). The first column by default.
    stretch: bool = False
    #: Whether the row's value here warns of something (overdue, broken): coloured, with an
    #: icon, beside the words that say it.
    tone: Callable[[Any], Tone | None] | None = None
    #: Kept whole when the columns must give way (a warning's words: "17 days overdue").
    keep: bool = False
    #: What the search box looks through in this column, when more than the cell shows.
    search: Callable[[Any], str] | None = None

    def search_text(self, row: Any) -> str:
        return self.search(row) if self.search else self.cell_text(row)

    def cell_text(self, row: Any) -> str:
        value = self.value(row)
        return self.text(value) if self.text else display(value)


def iso_text(value: Any) -> str:
    """A date or moment in ISO form (``2026-11-20``, ``2026-11-20 15:00``), for a tooltip
    beside the words a cell shows; "" for anything else."""
    if isinstance(value, datetime):
        return format_iso_moment(value.astimezone() if value.tzinfo else value)
    if isinstance(value, date):
        return value.isoformat()
    return ""


def plain_tooltip(text: str) -> str:
    """``text`` as a tooltip that shows it literally.

    Qt guesses whether a tooltip is rich text, so a name like ``<b>x</b>`` would turn bold;
    escaped and wrapped in a paragraph, it reads exactly as typed (line breaks kept).
    """
    return f"<p style='white-space:pre-wrap'>{html.escape(text)}</p>"


def first_line(text: str) -> str:
    """The first line of ``text`` that holds anything: how notes read in one table cell."""
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    return ""


def _sortable(value: Any) -> Any:
    # None sorts first; dates and numbers keep their order; text sorts without case.
    if value is None:
        return ""
    if isinstance(value, str):
        return value.casefold()
    if isinstance(value, datetime):
        return value.timestamp()
    if isinstance(value, date):
        return value.toordinal()
    if isinstance(value, (tuple, list)):
        return display(value).casefold()
    return value


@dataclass(frozen=True)
class PreparedRows:
    """What a list shows of its rows, worked out ahead (on the loading worker): each row's
    cell texts and its search text, folded, both keyed by ``id(row)``."""

    cells: dict[int, list[str]]
    texts: dict[int, str]
    sort_keys: dict[int, dict[int, tuple[int, Any]]]  # column -> id(row) -> its sort key


def sort_keys(column: Column, rows: Sequence[Any]) -> dict[int, tuple[int, Any]]:
    """Each row's key in ``column``, by ``id(row)``."""
    keys = {}
    for row in rows:
        value = column.sort(row) if column.sort else _sortable(column.value(row))
        # Mixed kinds in one column (text beside numbers) sort by kind, then value.
        keys[id(row)] = (0, value) if isinstance(value, (int, float)) else (1, str(value))
    return keys


def prepare_rows(
    columns: Sequence[Column], rows: Sequence[Any], sort_columns: Iterable[int] = ()
) -> PreparedRows:
    """Every cell's text and every row's search text of ``rows``: plain Python and Qt's
    thread-safe text functions only, so a worker can do it (3,000 reflections' search text
    parses each one's answers: 20-40 ms the GUI thread no longer spends on the first
    keystroke), and the sort keys of ``sort_columns`` (the loading worker asks every
    column's: the stakeholders' took 20-60 ms with the worker still busy, and a first click
    on a header a few ms)."""
    cells: dict[int, list[str]] = {}
    texts: dict[int, str] = {}
    for row in rows:
        shown = [column.cell_text(row) for column in columns]
        cells[id(row)] = shown
        texts[id(row)] = " ".join(
            column.search(row) if column.search else text
            for column, text in zip(columns, shown, strict=True)
        ).casefold()
    keys = {
        column: sort_keys(columns[column], rows)
        for column in sort_columns
        if 0 <= column < len(columns)
    }
    return PreparedRows(cells, texts, keys)


#: The roles ``RecordTableModel.data`` answers; a view asks for a dozen per cell, and the
#: others are turned away before any work.
_ANSWERED = frozenset(
    int(role)
    for role in (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.DecorationRole,
        Qt.ItemDataRole.TextAlignmentRole,
        SORT_ROLE,
        ROW_ROLE,
        SEARCH_ROLE,
    )
)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_DECORATION = int(Qt.ItemDataRole.DecorationRole)
#: The flags of a cell: selectable and enabled, never a parent (``QAbstractTableModel``'s).
_CELL_FLAGS = (
    Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemNeverHasChildren
)
#: The roles asked now and then (a tooltip, a test), not at each paint.
_ON_REQUEST = _ANSWERED - {_DISPLAY, _ALIGNMENT, _FOREGROUND, _DECORATION}


class RecordTableModel(QAbstractTableModel):
    """The rows, each cell's text worked out once per load (and kept by row object): a
    view reads each cell many times (painting, measuring columns), each read a call into
    Python."""

    def __init__(self, columns: Sequence[Column], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        #: Whether any column's cells warn of something (``Column.tone``).
        self.tones = any(column.tone is not None for column in self.columns)
        self.rows: list[Any] = []
        self._cells: dict[int, list[str]] = {}  # id(row) -> its cells' texts
        #: id(row) -> its search text, folded, where worked out ahead (``prepare_rows``).
        self.search_texts: dict[int, str] = {}
        self._sort_keys: dict[int, dict[int, tuple[int, Any]]] = {}  # column -> id(row) -> key

    @property
    def kept_columns(self) -> set[int]:
        """The columns never narrowed below their content (``Column.keep``)."""
        return {i for i, column in enumerate(self.columns) if column.keep}

    @property
    def stretch_column(self) -> int:
        """The column that stretches over the width the others leave."""
        return next((i for i, column in enumerate(self.columns) if column.stretch), 0)

    def set_rows(self, rows: Sequence[Any], prepared: PreparedRows | None = None) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self._cells = dict(prepared.cells) if prepared else {}
        self.search_texts = dict(prepared.texts) if prepared else {}
        self._sort_keys = dict(prepared.sort_keys) if prepared else {}
        self.endResetModel()

    def row_at(self, row: int) -> Any:
        return self.rows[row]

    def search_text(self, row: Any) -> str:
        return " ".join(column.search_text(row) for column in self.columns)

    def cells(self, row: Any) -> list[str]:
        """Each column's text of ``row``, worked out once."""
        cells = self._cells.get(id(row))
        if cells is None:
            cells = self._cells[id(row)] = [column.cell_text(row) for column in self.columns]
        return cells

    def _sort_key(self, column: int) -> dict[int, tuple[int, Any]]:
        """Each row's key in ``column``, worked out at the first sort by it."""
        keys = self._sort_keys.get(column)
        if keys is None:
            keys = self._sort_keys[column] = sort_keys(self.columns[column], self.rows)
        return keys

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        keys = self._sort_key(column)
        self.layoutAboutToBeChanged.emit()
        before = list(self.rows)
        self.rows.sort(key=lambda row: keys[id(row)], reverse=order == Qt.SortOrder.DescendingOrder)
        old_indexes = self.persistentIndexList()
        if old_indexes:
            position = {id(row): index for index, row in enumerate(self.rows)}
            new_indexes = [
                self.index(position[id(before[index.row()])], index.column())
                for index in old_indexes
            ]
            self.changePersistentIndexList(old_indexes, new_indexes)
        self.layoutChanged.emit()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _ANSWERED:
            return None
        number = index.row()
        if not 0 <= number < len(self.rows) or not index.isValid():
            return None
        row = self.rows[number]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cells(row)[index.column()]
        column = self.columns[index.column()]
        if role in (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.DecorationRole):
            tone = column.tone(row) if column.tone else None
            if tone is None:
                return None
            if role == Qt.ItemDataRole.ForegroundRole:
                return tone_colour(tone)
            return load_icon(tone.value)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column.numeric else None
        if role == SORT_ROLE:
            return column.sort(row) if column.sort else _sortable(column.value(row))
        if role == ROW_ROLE:
            return row
        if role == SEARCH_ROLE:
            return self.search_text(row)
        if column.tooltip:  # (the tooltip role)
            text = column.tooltip(row)
        else:
            text = iso_text(column.value(row)) or self.cells(row)[index.column()]
        return plain_tooltip(text) if text else None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.columns)
        ):
            # (The tooltip: a narrow column elides its header's title too.)
            return translate(COLUMN, self.columns[section].title)
        return None


class SpanSlots:
    """Where a view's delegate puts each role in the spans of role data it asks a cell for.

    ``QStyledItemDelegate`` asks every cell it paints for the same seven roles in the same
    places (one span it keeps and fills again for each cell). Walking a span in Python (a
    wrapper made for each of the seven, its role read, its data set or cleared) cost as much
    again as drawing the cell's text. Here only the places of the roles a list ever gives
    are filled, set or cleared: the text, the alignment, and in a list that warns the ink and
    the icon. The others (font, check state, background) were cleared when a span of that
    layout was first walked, and no list sets them. A span is taken for the delegate's when
    it is as long and holds the text's role in the same place.
    """

    def __init__(self) -> None:
        #: A span's length -> the places of the text, alignment, ink and icon in it.
        self._places: dict[int, tuple[int, int, int, int] | None] = {}

    def fill(
        self,
        span: QModelRoleDataSpan,
        text: str,
        numeric: bool,
        tone: Tone | None,
        tones: bool,
    ) -> bool:
        """Fill ``span`` with a cell's painted roles by their places (``tones``: whether
        the list has any column that warns). False when the span is not laid out as one
        seen before, which is then learnt: the caller answers it role by role."""
        size = span.size()
        places = self._places.get(size)
        if places is not None:
            shown, aligned, ink, icon = places
            data: QModelRoleData = span[shown]  # type: ignore[index] # (PySide's span indexes)
            if data.role() == _DISPLAY:
                data.setData(text)
                data = span[aligned]  # type: ignore[index]
                if numeric:
                    data.setData(_RIGHT)
                else:
                    data.clearData()
                if tones:
                    data = span[ink]  # type: ignore[index]
                    decoration: QModelRoleData = span[icon]  # type: ignore[index]
                    if tone is None:
                        data.clearData()
                        decoration.clearData()
                    else:
                        data.setData(tone_colour(tone))
                        decoration.setData(load_icon(tone.value))
                return True
        roles = cast("Iterable[QModelRoleData]", span)
        where = {data.role(): place for place, data in enumerate(roles)}
        wanted = [where.get(role) for role in (_DISPLAY, _ALIGNMENT, _FOREGROUND, _DECORATION)]
        self._places[size] = (
            None if None in wanted else cast("tuple[int, int, int, int]", tuple(wanted))
        )
        return False


class RecordFilterProxy(QSortFilterProxyModel):
    """Keeps the rows whose text holds every word searched for; sorting is the model's.

    Both are done in plain Python over the rows at once rather than by Qt calling back into
    Python per row and per comparison: a keystroke in a list of a thousand people refilters
    in a few milliseconds. Each row's search text is worked out once and kept by row object.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setDynamicSortFilter(False)
        self._words: list[str] = []
        self._texts: dict[int, str] = {}  # id(row) -> its search text, folded
        self._matches: set[int] | None = None  # ids of matching rows; None: all match
        self._records: RecordTableModel | None = None  # the source model, typed
        self._shown: list[int] | None = None  # the model's row at each row, while it holds
        self._slots = SpanSlots()
        #: Spans answered role by role (the first of each size, and any not laid out as the
        #: delegate's): for tests, which check that painting fills the cells by place.
        self.spans_walked = 0

    def setSourceModel(self, model: QAbstractItemModel, /) -> None:  # noqa: N802 - Qt override
        # (Qt's signature; the filter reads the rows themselves, so only this model will do.)
        if not isinstance(model, RecordTableModel):
            raise TypeError("RecordFilterProxy filters a RecordTableModel")
        super().setSourceModel(model)
        self._records = model
        model.modelReset.connect(self._forget)
        for signal in (model.layoutChanged, model.rowsInserted, model.rowsRemoved, model.rowsMoved):
            signal.connect(self._rows_changed)

    def _forget(self) -> None:
        assert self._records is not None
        self._texts = dict(self._records.search_texts)  # (worked out on the loading worker)
        self._matches = None
        self._shown = None
        if self._words:
            self._match()

    def _match(self) -> None:
        model = self._records
        assert model is not None, "set a source model before searching"
        matches = set()
        for row in model.rows:
            key = id(row)
            text = self._texts.get(key)
            if text is None:
                text = self._texts[key] = model.search_text(row).casefold()
            if all(word in text for word in self._words):
                matches.add(key)
        self._matches = matches
        self._shown = None

    def set_search(self, text: str) -> None:
        words = text.casefold().split()
        if words == self._words:
            return
        if hasattr(self, "beginFilterChange"):  # Qt 6.10+; invalidateFilter is deprecated
            self.beginFilterChange()
        self._words = words
        self._shown = None
        if words:
            self._match()
        else:
            self._matches = None
        if hasattr(self, "endFilterChange"):
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.invalidateRowsFilter()

    def _shown_rows(self) -> list[int] | None:
        """The model's row at each of the proxy's rows, or None when every row shows (the
        proxy's row is the model's): the rows that match, in the model's order, as the proxy
        keeps them (it never sorts itself: ``sort`` is the model's). Worked out once per
        search or change of the rows, not asked of Qt per cell: ``mapToSource`` calls the
        model's ``rowCount`` and ``columnCount``, two calls into Python a cell painted."""
        if self._matches is None:
            return None
        if self._shown is None:
            assert self._records is not None  # (rows were matched, so there is a model)
            matches = self._matches
            self._shown = [i for i, row in enumerate(self._records.rows) if id(row) in matches]
        return self._shown

    def _rows_changed(self, *_: object) -> None:
        self._shown = None

    def multiData(  # noqa: N802 - Qt override
        self,
        index: _Index,
        roleDataSpan: QModelRoleDataSpan | QModelRoleData,
        /,  # noqa: N803
    ) -> None:
        """Every role a view asks of a cell, in one call into Python: Qt's own asks the
        source one role at a time, each call crossing into Python and back through the
        proxy's mapping (a list's repaint took 24 ms against 8 for the same cells in
        Qt's own item model)."""
        model = self._records
        if model is None or not index.isValid():
            return
        number = index.row()
        shown = self._shown_rows()
        if shown is not None:
            if number >= len(shown):  # (Qt's mapping ahead of ours: never seen)
                number = self.mapToSource(index).row()
            else:
                number = shown[number]
        row = model.rows[number]
        column_number = index.column()
        column = model.columns[column_number]
        tone = column.tone(row) if column.tone else None
        text = model.cells(row)[column_number]
        if isinstance(roleDataSpan, QModelRoleData):
            self._walk((roleDataSpan,), model, number, column_number, text, tone)
        elif not self._slots.fill(roleDataSpan, text, column.numeric, tone, model.tones):
            self.spans_walked += 1
            # (PySide's span is a sequence of role data; its stubs do not say it iterates.)
            span = cast("Iterable[QModelRoleData]", roleDataSpan)
            self._walk(span, model, number, column_number, text, tone)

    def _walk(
        self,
        span: Iterable[QModelRoleData],
        model: RecordTableModel,
        number: int,
        column_number: int,
        text: str,
        tone: Tone | None,
    ) -> None:
        """Answer each role of ``span`` in turn (a span not laid out as the delegate's)."""
        for data in span:
            role = data.role()
            if role == _DISPLAY:
                data.setData(text)
            elif role == _ALIGNMENT and model.columns[column_number].numeric:
                data.setData(_RIGHT)
            elif role == _FOREGROUND and tone is not None:
                data.setData(tone_colour(tone))
            elif role == _DECORATION and tone is not None:
                data.setData(load_icon(tone.value))
            elif role in _ON_REQUEST:
                value = model.data(model.index(number, column_number), role)
                if value is None:
                    data.clearData()
                else:
                    data.setData(value)
            else:
                data.clearData()

    def flags(self, index: _Index) -> Qt.ItemFlag:
        """What the model's every cell is (``QAbstractTableModel``'s own), without mapping the
        cell to the model through Qt: a view asks it of each cell it paints, and the mapping
        calls the model's ``rowCount`` and ``columnCount`` in Python."""
        return _CELL_FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        if self._matches is None:
            return True
        assert self._records is not None  # rows were matched, so there is a model
        return id(self._records.rows[source_row]) in self._matches

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the model itself (one ``sorted`` call); the filter keeps its order."""
        self.sourceModel().sort(column, order)
