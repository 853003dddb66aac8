"""``Finder``: a search field that finds a record to add to one of the focus step's lists.

The focus step offers a short list of what a leader would act on next week (the people past
their cadence, the promises overdue or due soon); anything else is found here. Each letter
typed asks ``search(text)`` for at most a few dozen (id, label) pairs: a bounded query (a
LIMIT through an index, a few milliseconds on 3,000 people or promises), so it runs as the
user types, with no worker to wait for.

From the keyboard: Tab reaches the field, Down moves into the results, Space or Enter adds
the one chosen (``picked``), Up from the first result goes back to the field; Enter in the
field adds the first result. A line under the results says so; a search that finds nothing
says that instead.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from advisor_planner.ui.fields import HintLabel
from advisor_planner.ui.table import plain_tooltip

ID_ROLE = Qt.ItemDataRole.UserRole + 3
RESULT_ROWS = 5  # rows the results show before they scroll
#: What a search returns: (id, label) pairs, best first.
Search = Callable[[str], list[tuple[int, str]]]

_ADD_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space)


class ResultList(QListWidget):
    """The results: Space or Enter adds the current one, Up from the first row leaves."""

    chosen = Signal(QListWidgetItem)
    leave_up = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        item = self.currentItem()
        if event.key() in _ADD_KEYS and item is not None:
            event.accept()  # not on to the dialog, whose default button Enter would press
            self.chosen.emit(item)
            return
        if event.key() == Qt.Key.Key_Up and self.currentRow() <= 0:
            event.accept()
            self.leave_up.emit()
            return
        super().keyPressEvent(event)


class Finder(QWidget):
    """A search field over a list of results that can be added (see the module's docstring)."""

    picked = Signal(int, str)  # the id and label of a result added

    def __init__(
        self, placeholder: str, search: Search, nothing: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._search = search
        self._nothing = nothing  # "{0}" is the text searched for
        self.field = QLineEdit(self)
        self.field.setPlaceholderText(placeholder)
        self.field.setAccessibleName(placeholder)
        self.field.setClearButtonEnabled(True)
        self.field.textChanged.connect(self.search)
        self.field.installEventFilter(self)
        self.results = ResultList(self)
        self.results.setAccessibleName(self.tr("Found"))
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.results.setUniformItemSizes(True)
        self.results.chosen.connect(self._add)
        self.results.itemDoubleClicked.connect(self._add)
        self.results.leave_up.connect(self.field.setFocus)
        self.results.hide()
        self.message = HintLabel(self)  # (plain text: it holds the user's own words)
        self.message.hide()
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(self.field)
        column.addWidget(self.results)
        column.addWidget(self.message)

    def search(self, text: str) -> None:
        """Show what ``text`` finds (nothing shown for an empty field)."""
        self.results.clear()
        needle = text.strip()
        found = self._search(needle) if needle else []
        for record_id, label in found:
            item = QListWidgetItem(label, self.results)
            item.setData(ID_ROLE, record_id)
            item.setToolTip(plain_tooltip(label))
        self._fit()
        if found:
            hint = self.tr("Down, then Space or Enter, adds one; Enter here adds the first.")
        else:
            hint = self._nothing.format(needle) if needle else ""
        self.message.setText(hint)
        self.message.setVisible(bool(hint))

    def _fit(self) -> None:
        rows = min(self.results.count(), RESULT_ROWS)
        if not rows:
            self.results.hide()
            return
        height = rows * self.results.sizeHintForRow(0) + 2 * self.results.frameWidth()
        self.results.setFixedHeight(height)
        self.results.show()

    def _add(self, item: QListWidgetItem) -> None:
        row = self.results.row(item)
        record_id, label = int(item.data(ID_ROLE)), item.text()
        self.results.takeItem(row)
        self._fit()
        if self.results.count():
            self.results.setCurrentRow(min(row, self.results.count() - 1))
        else:
            self.field.setFocus(Qt.FocusReason.OtherFocusReason)
        self.picked.emit(record_id, label)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.field and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Down and self.results.count():
                self.results.setFocus(Qt.FocusReason.TabFocusReason)
                self.results.setCurrentRow(0)
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.results.count():
                self._add(self.results.item(0))
                return True
        return super().eventFilter(watched, event)
