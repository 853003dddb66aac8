"""The Touchpoints section: every conversation logged, newest first, loaded as you scroll.

The list (``touchpoint_list.TouchpointListModel``) fetches pages from ``services`` as the
view scrolls and keeps a bounded number in memory. The order is fixed (newest first: the
database walks its index to serve each page), so the header shows no sort indicator. The
search box re-queries ``services`` as you type (after a short pause), matching subject, notes
and people's names, on a worker thread, each keystroke cancelling the search before it.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from advisor_planner.services import stakeholders, touchpoints
from advisor_planner.services.changes import Changes
from advisor_planner.services.errors import NotFoundError
from advisor_planner.services.touchpoints import TouchpointRow
from advisor_planner.ui.columns import SAMPLE_ROWS, ColumnFitter
from advisor_planner.ui.context import AppContext, RefreshWhenShown
from advisor_planner.ui.i18n import count_of, format_count, format_day_month, format_long_date
from advisor_planner.ui.list_page import MEASURED_CHARS, SearchKeys, delete_to_trash
from advisor_planner.ui.quick_log import open_quick_log
from advisor_planner.ui.record_apis import TOUCHPOINT
from advisor_planner.ui.record_form import RecordDialog
from advisor_planner.ui.sections.touchpoint_list import (
    COLUMNS,
    SEARCH_DELAY_MS,
    SETTINGS_KEY,
    SHOWS,
    SUBJECT_COLUMN,
    TouchpointListModel,
)
from advisor_planner.ui.touchpoint_fields import touchpoint_fields


class TouchpointTable(QTableView):
    """The touchpoints' table, measuring a column by its widest text only.

    Qt measures a column by asking each sampled cell for a dozen roles, each a call into
    the model's Python: 16 ms a measure, at each search's first page (``ui.columns``), on the
    large demo. The texts are already worked out (``TouchpointListModel.cell_text``), so the
    widest is found by its font width and only that cell is asked of the delegate.
    """

    def __init__(self, model: TouchpointListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source = model

    def sizeHintForColumn(self, column: int) -> int:  # noqa: N802 - Qt override
        rows = self.source.rowCount()
        first = max(self.rowAt(0), 0)  # (the rows from the top of the view, as Qt's)
        metrics = self.fontMetrics()
        widest: tuple[int, int] | None = None  # (width, row)
        for row in range(first, min(rows, first + SAMPLE_ROWS)):
            text = self.source.cell_text(row, column)
            if text:
                width = metrics.horizontalAdvance(text[:MEASURED_CHARS])
                if widest is None or width > widest[0]:
                    widest = (width, row)
        if widest is None:
            return super().sizeHintForColumn(column)
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        index = self.source.index(widest[1], column)
        hint = self.itemDelegateForIndex(index).sizeHint(option, index).width()
        return hint + 1 if self.showGrid() else hint  # (as Qt's: room for the grid line)


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
        table = TouchpointTable(self.model, self)
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
        header.setSectionsMovable(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for column, spec in enumerate(COLUMNS):
            if spec.width:
                table.setColumnWidth(column, spec.width)
        state = self.context.settings.value(f"{SETTINGS_KEY}/header")
        if state is not None:
            header.restoreState(state)
        self.fitter = ColumnFitter(table, SUBJECT_COLUMN, self.context.settings, SETTINGS_KEY)
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
        SearchKeys(
            self.search,
            self.table,
            self.edit_current,
            self.apply_search,
            busy=lambda: self.model.loading,
            arrived=self.model.searched,
        )

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
            text = count_of("touchpoints", self.total)
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
        return self.model.row_at(index.row(), wait=True) if index.isValid() else None

    def current_row(self) -> TouchpointRow | None:
        return self._row(self.table.currentIndex())

    def selected_rows(self) -> list[TouchpointRow]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        found = [self.model.row_at(row, wait=True) for row in rows]
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
