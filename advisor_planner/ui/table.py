"""A table model over a list of plain rows, described by columns, and its sort/filter proxy.

Rows are whatever ``services`` returned (dataclasses); a ``Column`` says how to show, sort and
align one value. ``set_rows`` replaces everything inside ``beginResetModel``/``endResetModel``.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the row object itself
SORT_ROLE = Qt.ItemDataRole.UserRole + 2  # a value that sorts right (numbers, dates)
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 3  # the text the search box looks through

_Index = QModelIndex | QPersistentModelIndex


def display(value: Any) -> str:
    """How a plain value reads in a table cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime):
        local = value.astimezone() if value.tzinfo else value
        return local.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:.1f}"
    if isinstance(value, (tuple, list)):
        return ", ".join(display(item) for item in value)
    return str(value)


@dataclass(frozen=True)
class Column:
    title: str
    value: Callable[[Any], Any]
    text: Callable[[Any], str] | None = None  # how the value reads; default ``display``
    numeric: bool = False  # right-aligned
    tooltip: Callable[[Any], str] | None = None
    width: int | None = None  # a first width in pixels; the user's own is remembered
    sort: Callable[[Any], Any] | None = None  # a sort key from the row; default: the value

    def cell_text(self, row: Any) -> str:
        value = self.value(row)
        return self.text(value) if self.text else display(value)


def plain_tooltip(text: str) -> str:
    """``text`` as a tooltip that shows it literally.

    Qt guesses whether a tooltip is rich text, so a name like ``<b>x</b>`` would turn bold;
    escaped and wrapped in a paragraph, it reads exactly as typed (line breaks kept).
    """
    return f"<p style='white-space:pre-wrap'>{html.escape(text)}</p>"


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


class RecordTableModel(QAbstractTableModel):
    def __init__(self, columns: Sequence[Column], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> Any:
        return self.rows[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.cell_text(row)
        if role == SORT_ROLE:
            return column.sort(row) if column.sort else _sortable(column.value(row))
        if role == ROW_ROLE:
            return row
        if role == SEARCH_ROLE:
            return " ".join(c.cell_text(row) for c in self.columns)
        if role == Qt.ItemDataRole.ToolTipRole:
            text = column.tooltip(row) if column.tooltip else column.cell_text(row)
            return plain_tooltip(text) if text else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column.numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.columns)
        ):
            return self.columns[section].title
        return None


class RecordFilterProxy(QSortFilterProxyModel):
    """Sorts on ``SORT_ROLE`` and keeps the rows whose text holds every word searched for."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)
        self._words: list[str] = []

    def set_search(self, text: str) -> None:
        words = text.casefold().split()
        if words != self._words:
            self.beginFilterChange()  # Qt 6.10+: invalidateRowsFilter() is deprecated
            self._words = words
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        if not self._words:
            return True
        model = self.sourceModel()
        haystack = model.data(model.index(source_row, 0, source_parent), SEARCH_ROLE) or ""
        haystack = haystack.casefold()
        return all(word in haystack for word in self._words)

    def lessThan(self, left: _Index, right: _Index) -> bool:
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        try:
            return a < b
        except TypeError:  # mixed kinds in one column (text beside numbers): compare as text
            return str(a) < str(b)
