"""A section that lists records: a search box, a sortable table, and New / Edit / Delete.

``RecordListPage`` is configured with columns, a loader (a ``services`` call) and the kinds of
record whose changes should refresh it; a subclass or the caller supplies the editor. Column
widths and sort order are remembered in QSettings. An empty list shows the section's empty
state, saying what the section is for and what to do first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    Qt,
    QTimer,
    Signal,
    SignalInstance,
)
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from advisor_planner.services.changes import Change, Changes
from advisor_planner.services.errors import storage_sentence
from advisor_planner.services.workers import on_worker
from advisor_planner.ui.columns import SAMPLE_ROWS, ColumnFitter
from advisor_planner.ui.commands import DeleteRecords, RecordApi
from advisor_planner.ui.context import AppContext, RefreshWhenShown
from advisor_planner.ui.i18n import count_of, format_count
from advisor_planner.ui.table import (
    Column,
    PreparedRows,
    RecordFilterProxy,
    RecordTableModel,
    prepare_rows,
)
from advisor_planner.ui.tasks import run_in_background

#: What a load's work returns: the rows, and anything else the section read with them.
Loaded = tuple[Sequence[Any], Any]


class RecordTable(QTableView):
    """A read-only, row-selecting, sortable table with remembered header state."""

    activated_row = Signal(object)  # the row object that was double-clicked or Entered

    def __init__(
        self,
        model: RecordTableModel,
        proxy: RecordFilterProxy,
        settings_key: str,
        context: AppContext,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.source = model
        self.proxy = proxy
        self._settings_key = settings_key
        self._context = context
        proxy.setSourceModel(model)
        self.setModel(proxy)
        self.setSortingEnabled(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.horizontalHeader()
        header.setSectionsMovable(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for column, spec in enumerate(model.columns):
            if spec.width:
                self.setColumnWidth(column, spec.width)
        state = context.settings.value(f"{settings_key}/header")
        if state is not None:
            header.restoreState(state)
        else:
            self.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.fitter = ColumnFitter(
            self, model.stretch_column, context.settings, settings_key, model.kept_columns
        )
        header.sectionResized.connect(self._save_header)
        header.sortIndicatorChanged.connect(self._save_header)
        header.sectionMoved.connect(self._save_header)
        self.doubleClicked.connect(self._on_activated)

    def sizeHintForColumn(self, column: int) -> int:  # noqa: N802 - Qt override
        """The width ``column``'s sampled rows ask for, as Qt measures it, but asked of the
        delegate for the widest text only (and the widest beside an icon): Qt asks each of
        the sampled cells, each a dozen calls into the model's Python (60-170 ms per list
        shown on the large demo). Only the longest texts are measured to find the widest."""
        rows = self.proxy.rowCount()
        if not 0 <= column < len(self.source.columns) or rows == 0:
            return super().sizeHintForColumn(column)
        spec = self.source.columns[column]
        longest: dict[bool, list[tuple[int, int, str]]] = {}  # icon or not -> (length, row, text)
        first = max(self.rowAt(0), 0)  # (the rows from the top of the view, as Qt's)
        for number in range(first, min(rows, first + SAMPLE_ROWS)):
            row = self.source.row_at(self.proxy.mapToSource(self.proxy.index(number, 0)).row())
            text = self.source.cells(row)[column]
            icon = spec.tone is not None and spec.tone(row) is not None
            longest.setdefault(icon, []).append((len(text), number, text))
        metrics = self.fontMetrics()
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        hint = 0
        for texts in longest.values():
            # (No column is let grow past a couple of hundred characters: measuring all of a
            # long list of names only to cap it cost more than drawing it.)
            _width, number = max(
                (metrics.horizontalAdvance(text[:MEASURED_CHARS]), number)
                for _length, number, text in sorted(texts, reverse=True)[:MEASURED_TEXTS]
            )
            index = self.proxy.index(number, column)
            hint = max(hint, self.itemDelegateForIndex(index).sizeHint(option, index).width())
        return hint + 1 if self.showGrid() else hint

    def resort(self) -> None:
        """Sort the rows as the header's arrow says (after new rows came in)."""
        header = self.horizontalHeader()
        self.proxy.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())

    def _save_header(self, *_: object) -> None:
        self._context.settings.setValue(
            f"{self._settings_key}/header", self.horizontalHeader().saveState()
        )

    def _on_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.activated_row.emit(self.proxy.mapToSource(index).data(_row_role()))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self._on_activated(self.currentIndex())
            return
        super().keyPressEvent(event)

    def selected_rows(self) -> list[Any]:
        rows = {self.proxy.mapToSource(i).row() for i in self.selectionModel().selectedRows()}
        return [self.source.row_at(r) for r in sorted(rows)]

    def current_row(self) -> Any | None:
        index = self.currentIndex()
        if not index.isValid():
            return None
        return self.source.row_at(self.proxy.mapToSource(index).row())


class SearchKeys(QObject):
    """A search box's keys into its list: Down (or Page Down) moves the focus into the
    results, on the current row or the first (Enter there opens it); Enter opens the one
    record found, and where several are found moves into them to choose, never silently
    opening the first.

    ``flush`` applies a search still waiting for its timer, so Enter right after typing acts
    on what was typed. A list that searches on a worker gives ``busy`` (whether results are
    still to come) and ``arrived`` (they came): Enter then waits for them, unless the search
    changes first."""

    def __init__(
        self,
        search: QLineEdit,
        table: QTableView,
        open_current: Callable[[], object],
        flush: Callable[[], object] | None = None,
        *,
        busy: Callable[[], bool] | None = None,
        arrived: SignalInstance | None = None,
    ) -> None:
        super().__init__(search)
        self._table = table
        self._open_current = open_current
        self._flush = flush
        self._busy = busy
        self._enter_waiting = False
        if arrived is not None:
            arrived.connect(self._results_arrived)
        search.textChanged.connect(self._search_changed)
        search.installEventFilter(self)

    def _search_changed(self) -> None:
        self._enter_waiting = False

    def _results_arrived(self) -> None:
        if self._enter_waiting:
            self._enter_waiting = False
            self._enter()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        key = event.key()
        if key in (Qt.Key.Key_Down, Qt.Key.Key_PageDown):
            return self._into_results()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self._flush is not None:
                self._flush()
            if self._busy is not None and self._busy():
                self._enter_waiting = True  # (acted on when the results arrive)
                return True
            return self._enter()
        return False

    def _enter(self) -> bool:
        model = self._table.model()
        if model is not None and model.rowCount() == 1 and self._table.isVisible():
            self._table.setCurrentIndex(model.index(0, 0))
            self._open_current()
            return True
        return self._into_results()

    def _into_results(self) -> bool:
        table = self._table
        model = table.model()
        if model is None or model.rowCount() == 0 or not table.isVisible():
            return False
        current = table.currentIndex()
        if not current.isValid():
            current = model.index(0, 0)
        table.setCurrentIndex(current)  # (selects its row: the table selects rows)
        table.scrollTo(current)
        table.setFocus(Qt.FocusReason.TabFocusReason)
        return True


def _row_role() -> int:
    from advisor_planner.ui.table import ROW_ROLE

    return ROW_ROLE


def delete_to_trash(
    parent: QWidget, context: AppContext, api: RecordApi, record_ids: list[int]
) -> bool:
    """Move records to the trash as one undoable step, asking first when there are several."""
    if not record_ids or not context.writable:
        return False
    if len(record_ids) > 1:
        count = format_count(len(record_ids))
        answer = QMessageBox.question(
            parent,
            QCoreApplication.translate("RecordListPage", "Delete {0} {1}?").format(
                count, api.plural
            ),
            QCoreApplication.translate(
                "RecordListPage",
                "Move {0} {1}, and what was recorded with them, to the Trash? You can restore "
                "them from there or undo with Ctrl+Z.",
            ).format(count, api.plural),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
    return context.run(DeleteRecords(context, api, record_ids))


#: The characters of a cell measured for its column's width (``RecordTable.sizeHintForColumn``),
#: and how many of a column's longest texts are measured to find its widest.
MEASURED_CHARS = 200
MEASURED_TEXTS = 8


class LoadFailed(Exception):
    """A list's load that failed: which load it was, and why."""

    def __init__(self, generation: int, error: Exception) -> None:
        super().__init__(str(error))
        self.generation = generation
        self.error = error


def _read(
    generation: int, work: Callable[[], Loaded], columns: Sequence[Column], sort_column: int
) -> tuple[int, Loaded, PreparedRows]:
    """On a worker: one load of a list, with its cells' and search texts and the sort keys
    of every column worked out (the one sorted by first)."""
    try:
        rows, extra = on_worker(work)
        order = [sort_column, *(c for c in range(len(columns)) if c != sort_column)]
        return generation, (rows, extra), prepare_rows(columns, rows, order)
    except Exception as error:  # (said where the rows would be; a later load may not fail)
        raise LoadFailed(generation, error) from error


class RecordListPage(RefreshWhenShown, QWidget):
    """A searchable list of one kind of record, with New, Edit and Delete.

    Its rows load on a worker thread (``refresh``): reading a thousand people's summaries,
    or three thousand reflections, held the GUI thread 50-300 ms at a section's first
    showing on the large demo. Until the first load arrives the list says "Loading…"; after
    that a reload leaves the rows shown in place until the new ones replace them. ``loaded``
    fires each time rows arrive (tests wait on it, or on ``loading`` turning False).
    """

    loaded = Signal()
    #: Off in most tests, which then load at once, as Picard's tests run its tasks at once
    #: (``tests/ui/conftest.py``); the tests of the loading itself turn it on.
    load_on_worker = True

    def __init__(
        self,
        context: AppContext,
        *,
        key: str,
        columns: Sequence[Column],
        load: Callable[[], Sequence[Any]],
        kinds: Iterable[Change],
        empty_page: QWidget | None = None,
        api: RecordApi | None = None,
        new_label: str = "",
        search_placeholder: str = "",
        list_name: str = "",  # the table's accessible name, translated ("Goals list")
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.key = key
        self.api = api
        self._load = load
        self._kinds = set(kinds)
        self.setObjectName(f"page_{key}")

        self.search = QLineEdit(self)
        self.search.setObjectName(f"{key}Search")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(search_placeholder or self.tr("Search (Ctrl+F)"))
        self.search.setAccessibleName(self.tr("Search"))
        self.new_button = QPushButton(new_label or self.tr("New…"), self)
        self.new_button.setObjectName(f"{key}New")
        self.edit_button = QPushButton(self.tr("Edit…"), self)
        self.delete_button = QPushButton(self.tr("Delete"), self)
        self.count_label = QLabel(self)
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)

        self.toolbar = QHBoxLayout()
        self.toolbar.addWidget(self.search, 1)
        self.toolbar.addWidget(self.count_label)
        self.toolbar.addWidget(self.new_button)
        self.toolbar.addWidget(self.edit_button)
        self.toolbar.addWidget(self.delete_button)

        self.model = RecordTableModel(columns, self)
        self.proxy = RecordFilterProxy(self)
        self.table = RecordTable(self.model, self.proxy, f"lists/{key}", context, self)
        self.table.setObjectName(f"{key}Table")
        self.table.setAccessibleName(list_name or self.tr("{0} list").format(key.capitalize()))

        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.table)
        self.empty_page = empty_page
        if empty_page is not None:
            self.stack.addWidget(empty_page)
        self.loading_label = QLabel(self.tr("Loading…"), self)
        self.loading_label.setObjectName(f"{key}Loading")
        self.loading_label.setTextFormat(Qt.TextFormat.PlainText)
        self.loading_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack.addWidget(self.loading_label)
        self.loading = False  # a load is on the worker
        self._has_loaded = False  # the first load has arrived
        self._generation = 0  # the load whose rows are wanted (an older one's are dropped)
        self._select_after: int | None = None  # the record to select when the rows arrive

        # (Kept for the sections that add a row under the toolbar: charts, filter buttons.)
        self.main_layout = QVBoxLayout(self)
        self.main_layout.setContentsMargins(12, 12, 12, 12)
        self.main_layout.addLayout(self.toolbar)
        self.main_layout.addWidget(self.stack, 1)

        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(0)
        self._filter_timer.timeout.connect(self._apply_search)
        self.search.textChanged.connect(self._filter_timer.start)
        self.new_button.clicked.connect(lambda: self.open_editor(None))
        self.edit_button.clicked.connect(self._edit_current)
        self.delete_button.clicked.connect(self.delete_selected)
        self.table.activated_row.connect(self.open_editor)
        SearchKeys(
            self.search,
            self.table,
            self._open_current,
            self._flush_search,
            busy=lambda: self.loading,  # (Enter waits for the rows a reload brings)
            arrived=self.loaded,
        )
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.delete_selected)
        context.events.changed.connect(self._on_changed)
        self._update_buttons()

    # -- data --------------------------------------------------------------------------------
    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(*self._kinds):
            self.mark_stale()

    def load_work(self) -> Callable[[], Loaded]:
        """What the worker runs to read the rows, with what it needs (a filter, the day)
        read here on the GUI thread. Sections that read more than rows override this and
        ``take_extra``."""
        load = self._load
        return lambda: (load(), None)

    def take_extra(self, extra: Any) -> None:
        """On the GUI thread, as the rows arrive: what ``load_work`` read beside them."""

    def refresh(self) -> None:
        """Reload the rows on a worker; they replace the list's when they arrive, keeping
        the current row selected where it still is."""
        if not self.load_on_worker:
            self.refresh_now()
            return
        work = self.load_work()  # (before ``loading`` is set: a section may ask it)
        self._stale = False
        self._generation += 1
        self.loading = True
        run_in_background(
            _read,
            self._generation,
            work,
            self.model.columns,
            self.table.horizontalHeader().sortIndicatorSection(),
            on_success=self._arrived,
            on_error=self._load_failed,
            name=f"load {self.key}",
        )
        if not self._has_loaded:
            self._show_count()

    def refresh_now(self) -> None:
        """Reload the rows on the GUI thread, for an action that needs them at once (a
        record opened from elsewhere); any load under way is forgotten."""
        self._stale = False
        self._generation += 1
        rows, extra = self.load_work()()
        column = self.table.horizontalHeader().sortIndicatorSection()
        self._take(rows, extra, prepare_rows(self.model.columns, rows, [column]))

    def _arrived(self, result: tuple[int, Loaded, PreparedRows]) -> None:
        generation, (rows, extra), prepared = result
        if generation == self._generation:
            self._take(rows, extra, prepared)

    def _load_failed(self, error: BaseException) -> None:
        # (A load is only a read: it fails when the database went away under it, as it
        # closes or another is opened; the next showing reads again.)
        if isinstance(error, LoadFailed):
            if error.generation != self._generation:
                return  # an older load, whose rows were not wanted any more
            error = error.error
        self.loading = False
        self._stale = True
        self.loading_label.setText(
            self.tr("The list could not be read: {0}").format(storage_sentence(error))
        )

    def _take(self, rows: Sequence[Any], extra: Any, prepared: PreparedRows) -> None:
        current = self.table.current_row()
        current_id = getattr(current, "id", None)
        if self._select_after is not None:
            current_id, self._select_after = self._select_after, None
        self.loading = False
        self._has_loaded = True
        self.take_extra(extra)
        self.model.set_rows(rows, prepared)
        self.table.resort()
        if current_id is not None:
            self.select_id(current_id)
        self._show_count()
        self._update_buttons()
        self.loaded.emit()

    def select_when_loaded(self, record_id: int) -> None:
        """Select ``record_id`` now, or when the load under way arrives (a record just
        saved)."""
        if self.loading:
            self._select_after = record_id
        else:
            self.select_id(record_id)

    def select_id(self, record_id: int) -> bool:
        for row, item in enumerate(self.model.rows):
            if getattr(item, "id", None) == record_id:
                index = self.proxy.mapFromSource(self.model.index(row, 0))
                if index.isValid():
                    self.table.setCurrentIndex(index)
                    self.table.scrollTo(index)
                    return True
        return False

    def _flush_search(self) -> None:
        if self._filter_timer.isActive():
            self._filter_timer.stop()
            self._apply_search()

    def _open_current(self) -> None:
        self.table._on_activated(self.table.currentIndex())  # as Enter in the table does

    def _apply_search(self) -> None:
        self.proxy.set_search(self.search.text())
        self._show_count()

    def _show_count(self) -> None:
        total, shown = self.model.rowCount(), self.proxy.rowCount()
        if not self._has_loaded:
            self.stack.setCurrentWidget(self.loading_label)
            self.search.setEnabled(False)
            self.count_label.setText("")
            return
        if self.empty_page is not None and total == 0:
            self.stack.setCurrentWidget(self.empty_page)
        else:
            self.stack.setCurrentWidget(self.table)
        self.search.setEnabled(total > 0 or bool(self.search.text()))
        text = (
            self.tr("{0} of {1}").format(format_count(shown), count_of(self.key, total))
            if shown != total
            else count_of(self.key, total)
        )
        self.count_label.setText(text if total else "")

    def _update_buttons(self, *_: object) -> None:
        has = bool(self.table.selectionModel().selectedRows())
        self.edit_button.setEnabled(has and self.api is not None)
        self.delete_button.setEnabled(has and self.api is not None)
        self.new_button.setEnabled(self.api is not None and self.context.writable)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    # -- actions -----------------------------------------------------------------------------
    def open_editor(self, row: Any | None) -> QDialog | None:
        """Open the record's form (None: a new one) and return it, or None where the section
        does not hand it back. Sections override this."""
        return None

    def open_record(self, record_id: int) -> QDialog | None:
        """Select record ``record_id`` and open its form (from a chart, say); None when it is
        not in the list (or the section does not hand its form back)."""
        if self._stale or self.loading:
            self.refresh_now()
        if not self.select_id(record_id) and self.search.text():
            self.search.clear()
            self._apply_search()
        if not self.select_id(record_id):
            return None
        return self.open_editor(self.table.current_row())

    def _edit_current(self) -> None:
        row = self.table.current_row()
        if row is not None:
            self.open_editor(row)

    def delete_selected(self) -> None:
        if self.api is None:
            return
        delete_to_trash(
            self, self.context, self.api, [row.id for row in self.table.selected_rows()]
        )
