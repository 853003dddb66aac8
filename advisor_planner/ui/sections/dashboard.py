"""The Dashboard: the charts a leader opens on a Friday, and who needs attention now.

It answers at a glance: is trust with the people who matter growing (trust index)? Am I keeping
my promises (follow-through)? How often and how am I in touch (touchpoints per week and the
calendar)? Who am I neglecting (who needs attention, the stakeholder map)? How do people see me
(warmth × competence)? Are my brand goals moving? Do initiatives with stronger relationships
turn out better (trust and outcomes)?

- One date-range control (3 months, 12 months, all time, or custom days) sets the period of
  the time charts; it is remembered.
- The series load on a worker thread (``services.dashboard.load``) and come back by signal;
  after a change only the parts it touched are loaded again (``dashboard.parts_touched``).
  The charts and panels they fill are in ``ui.dashboard``.
- pyqtgraph is imported on first use: the page shows "Loading…" panels at once and builds the
  charts on the next turn of the event loop (``ui.app`` starts the import in the background as
  soon as the window is on screen); only those on screen at first, the rest once they are
  drawn (``ui.dashboard.board``).
- A click on a chart point asks the window to open its record (``AppContext.navigate``).

On an empty database it is the first-run page: what the app is for, and a button that fills the
database with the small sample data set (after asking).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QDate, QObject, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from advisor_planner.services import clock, dashboard, stakeholders
from advisor_planner.services.changes import ChangedPeople, Changes
from advisor_planner.translation import QT_TRANSLATE_NOOP
from advisor_planner.ui.context import AppContext
from advisor_planner.ui.dashboard.attention import plain_label
from advisor_planner.ui.dashboard.board import SETTINGS, DashboardBoard
from advisor_planner.ui.fields import python_date
from advisor_planner.ui.i18n import translate
from advisor_planner.ui.tasks import Task, run_in_background

# The periods offered, with their labels as source text translated when the control is made.
RANGE_LABELS = {
    "3m": QT_TRANSLATE_NOOP("RangeControl", "Last 3 months"),
    "12m": QT_TRANSLATE_NOOP("RangeControl", "Last 12 months"),
    "all": QT_TRANSLATE_NOOP("RangeControl", "All time"),
    "custom": QT_TRANSLATE_NOOP("RangeControl", "Custom…"),
}


class RangeControl(QWidget):
    """3 months, 12 months, all time, or custom days; remembered in the settings."""

    changed = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        settings = context.settings
        self.combo = QComboBox(self)
        self.combo.setObjectName("dashboardRange")
        self.combo.setAccessibleName(self.tr("Period"))
        for value, text in RANGE_LABELS.items():
            self.combo.addItem(translate("RangeControl", text), value)
        today = clock.today()
        self.start = QDateEdit(self)
        self.end = QDateEdit(self)
        for edit, name in ((self.start, "dashboardFrom"), (self.end, "dashboardTo")):
            edit.setObjectName(name)
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("d MMM yyyy")
            edit.setMaximumDate(QDate(today.year + 1, 12, 31))
        self.start.setDate(_qdate(_setting_date(settings, "from") or today - timedelta(days=90)))
        self.end.setDate(_qdate(_setting_date(settings, "to") or today))
        self.dash = QLabel("–", self)
        choice = settings.value(f"{SETTINGS}/range", "12m")
        self.combo.setCurrentIndex(max(0, self.combo.findData(choice)))
        label = QLabel(self.tr("&Period"), self)
        label.setBuddy(self.combo)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(label)
        row.addWidget(self.combo)
        row.addWidget(self.start)
        row.addWidget(self.dash)
        row.addWidget(self.end)
        self._show_dates()
        self.combo.currentIndexChanged.connect(self._choice_changed)
        self.start.dateChanged.connect(self._dates_changed)
        self.end.dateChanged.connect(self._dates_changed)

    @property
    def choice(self) -> str:
        return str(self.combo.currentData())

    def set_choice(self, choice: str) -> None:
        self.combo.setCurrentIndex(self.combo.findData(choice))

    def set_custom(self, start: date, end: date) -> None:
        self.start.blockSignals(True)
        self.start.setDate(_qdate(start))
        self.start.blockSignals(False)
        self.end.setDate(_qdate(end))
        self.set_choice("custom")

    def period(self) -> dashboard.Period:
        custom = (python_date(self.start.date()), python_date(self.end.date()))
        return dashboard.period_for(self.choice, custom=custom)

    def _show_dates(self) -> None:
        custom = self.choice == "custom"
        for widget in (self.start, self.dash, self.end):
            widget.setVisible(custom)

    def _choice_changed(self, _index: int) -> None:
        self.context.settings.setValue(f"{SETTINGS}/range", self.choice)
        self._show_dates()
        self.changed.emit()

    def _dates_changed(self, _date: QDate) -> None:
        settings = self.context.settings
        settings.setValue(f"{SETTINGS}/from", python_date(self.start.date()).isoformat())
        settings.setValue(f"{SETTINGS}/to", python_date(self.end.date()).isoformat())
        if self.choice == "custom":
            self.changed.emit()


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _setting_date(settings: Any, name: str) -> date | None:
    value = settings.value(f"{SETTINGS}/{name}")
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


class _PartRelay(QObject):
    """Carries each part from the loading worker to the GUI thread as soon as it is ready.

    It lives on the GUI thread; ``send`` is called on the worker, and Qt queues the signal to
    the slot here, as ``ui.tasks.Task`` does with its result.
    """

    _ready = Signal(str, object)

    def __init__(self, on_part: Callable[[str, Any], None]) -> None:
        super().__init__()
        self._on_part = on_part
        self._ready.connect(self._deliver)

    def send(self, part: str, series: Any) -> None:  # on the worker thread
        self._ready.emit(part, series)

    @Slot(str, object)
    def _deliver(self, part: str, series: Any) -> None:
        self._on_part(part, series)


class DashboardPage(QStackedWidget):
    """The first-run page on an empty database; otherwise the charts."""

    loaded = Signal()  # the series asked for last have arrived and are drawn into the charts
    all_drawn = Signal()  # every chart on screen has painted its first series (once)

    def __init__(
        self, context: AppContext, empty_page: QWidget, pool: QThreadPool | None = None
    ) -> None:
        super().__init__()
        self.context = context
        self.setObjectName("page_dashboard")
        self.empty_page = empty_page
        # One worker thread, so loads run in order and a newer one never races an older one.
        self.pool = pool or QThreadPool(self)
        if pool is None:
            self.pool.setMaxThreadCount(1)
        self.sample_button = QPushButton(self.tr("Load sample data…"), empty_page)
        self.sample_button.setObjectName("loadSampleData")
        self.sample_button.setToolTip(
            self.tr("Fill this database with a year of realistic example data to explore")
        )
        self.sample_button.clicked.connect(self.offer_sample_data)
        layout = empty_page.layout()
        if isinstance(layout, QBoxLayout):  # (EmptyStatePage's column)
            layout.insertWidget(
                layout.count() - 1, self.sample_button, 0, Qt.AlignmentFlag.AlignHCenter
            )
        self.addWidget(empty_page)

        self.summary = QWidget(self)
        self.summary.setObjectName("dashboardCharts")
        self.heading = plain_label(self.tr("Your practice"), self.summary, wrap=False)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.heading.setFont(font)
        self.range = RangeControl(context, self.summary)
        self.range.changed.connect(lambda: self.reload(set(dashboard.PERIOD_PARTS)))
        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addStretch(1)
        top.addWidget(self.range)
        self.scroll_area = QScrollArea(self.summary)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.placeholder = plain_label(self.tr("Loading charts…"), self.scroll_area)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.scroll_area.setWidget(self.placeholder)
        column = QVBoxLayout(self.summary)
        column.setContentsMargins(16, 12, 16, 12)
        column.addLayout(top)
        column.addWidget(self.scroll_area, 1)
        self.addWidget(self.summary)

        self.board: DashboardBoard | None = None
        self.task: Task | None = None  # the sample-data load
        self.load_task: Task | None = None
        self._generation = 0
        self._loaded_waiting = False  # the load is in, its series not all drawn yet
        self._pending: set[str] = set()  # parts changed while the page was hidden
        self._results: dict[str, Any] = {}
        # The day the people's summaries were read for, and whose records have changed since
        # (``ChangedPeople``): a quick log reads again only its people's (~1 ms, not ~35).
        self._people_day: date | None = None
        self._changed_people = ChangedPeople()
        self._people_loading = False  # a load of the summaries is under way
        self._period = self.range.period()
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(0)
        self._refresh_timer.timeout.connect(self._reload_pending)
        context.events.changed.connect(self._on_changed)
        self.refresh()

    # -- data --------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Show the first-run page on an empty database, else (re)load every chart."""
        if stakeholders.count() == 0:
            self.setCurrentWidget(self.empty_page)
            return
        self.setCurrentWidget(self.summary)
        self.reload(set(dashboard.PARTS))
        if self.board is None:
            QTimer.singleShot(0, self.build_board)

    def build_board(self) -> DashboardBoard:
        """Make the charts (importing pyqtgraph) and draw whatever has loaded already."""
        if self.board is None:
            board = DashboardBoard(self.context, self.scroll_area)
            board.measure.currentIndexChanged.connect(self._measure_changed)
            self.scroll_area.takeWidget().deleteLater()
            self.scroll_area.setWidget(board)
            self.board = board
            board.viewport_drawn.connect(self.all_drawn)
            board.settled.connect(self._settled)
            for part, series in self._results.items():
                board.show_part(part, series)
            board.build_near()  # what is on screen first, a chart a turn (ui.dashboard)
        return self.board

    def _on_changed(self, changes: Changes) -> None:
        if changes.whole_database and self.currentWidget() is self.empty_page:
            self.refresh()
            return
        self._pending |= dashboard.parts_touched(changes)
        if changes.touches(*dashboard.PART_CHANGES["people"]):
            self._changed_people.note(changes)
        if self._pending and self.isVisible():
            self._refresh_timer.start()  # one load for the several kinds one change names

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._pending:
            self._refresh_timer.start()

    def _reload_pending(self) -> None:
        if self.currentWidget() is self.empty_page or stakeholders.count() == 0:
            self._pending.clear()
            self.refresh()
            return
        parts, self._pending = self._pending, set()
        self.reload(parts)

    def reload(self, parts: set[str]) -> Task:
        """Load ``parts`` on the worker; the charts update when they arrive."""
        self._generation += 1
        generation = self._generation
        self._loaded_waiting = False
        self._period = self.range.period()
        measure = self.board.measure.currentData() if self.board else None
        measure = measure or self.context.settings.value(f"{SETTINGS}/measure", "user_satisfaction")
        relay = _PartRelay(self._show_part)
        if self.board is not None and self.board.complete:
            self.board.hold()  # (a reload: drawn once the worker is done, ``_arrived``)
        today = clock.today()
        before, changed = None, None
        if not self._people_loading and self._people_day == today:
            before, changed = self._results.get("people"), self._changed_people.to_read()
        if "people" in parts:  # (changes from here on are changes since this load)
            self._people_day = today
            self._changed_people.read_all()
            self._people_loading = True
        self.load_task = run_in_background(
            dashboard.load_in_worker,
            parts=sorted(parts),
            period=self._period,
            today=today,
            measure=measure,
            deliver=relay.send,
            people_before=before,
            people_changed=changed,
            on_success=lambda _result: self._arrived(generation, relay),
            on_error=self._failed,
            pool=self.pool,
            name="dashboard",
        )
        return self.load_task

    def _show_part(self, part: str, series: Any) -> None:
        self._results[part] = series
        if part == "people":
            self._people_loading = False
        if self.board is not None:
            self.board.show_part(part, series)

    def _arrived(self, generation: int, relay: _PartRelay) -> None:
        relay.deleteLater()
        if generation != self._generation:
            return
        if self.board is not None:
            self.board.release()
        if self.board is not None and self.board.drawing:
            self._loaded_waiting = True  # (the board draws a chart a turn: ``_settled``)
        else:
            self.loaded.emit()

    def _settled(self) -> None:
        if self._loaded_waiting:
            self._loaded_waiting = False
            self.loaded.emit()

    def _failed(self, error: BaseException) -> None:
        self._people_loading, self._people_day = False, None
        if self.board is not None:
            self.board.release()  # (what did arrive is drawn)
        self.context.show_error(self.tr("Load the dashboard"), error)

    def _measure_changed(self, _index: int) -> None:
        assert self.board is not None
        self.context.settings.setValue(f"{SETTINGS}/measure", self.board.measure.currentData())
        self.reload({"outcomes"})

    # -- first run ---------------------------------------------------------------------------
    def offer_sample_data(self) -> QMessageBox:
        """Ask before filling the database, with buttons that say what each does ("Yes" and
        "No" made the reader go back to the question); the box is window-modal, not a
        nested event loop, and the answer arrives by its button."""
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Load sample data?"),
            self.tr(
                "Fill this database with sample data: 25 stakeholders and a year of "
                "touchpoints, commitments, trust checks and reflections. Use it to explore; "
                "start a new database (File ▸ New Database) for your own."
            ),
            QMessageBox.StandardButton.NoButton,
            self,
        )
        box.setObjectName("sampleDataQuestion")
        load = box.addButton(self.tr("Load Sample Data"), QMessageBox.ButtonRole.AcceptRole)
        empty = box.addButton(self.tr("Start Empty"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(load)
        box.setEscapeButton(empty)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        # (A bound method, not a lambda holding the button: the box deletes itself on close,
        # and a lambda tying its wrappers together crashed PySide's garbage collection.)
        load.clicked.connect(self.load_sample_data)
        box.open()
        return box

    def load_sample_data(self) -> Task:
        from advisor_planner import demo  # a large module, needed once if ever

        self.sample_button.setEnabled(False)
        self.sample_button.setText(self.tr("Loading sample data…"))
        self.task = run_in_background(
            demo.generate,
            size="small",
            seed=1,
            on_success=self._loaded,
            on_error=self._failed_sample,
            name="sample data",
        )
        return self.task

    def _loaded(self, _counts: object) -> None:
        self.context.events.announce(Changes.everything())

    def _failed_sample(self, error: BaseException) -> None:
        self.sample_button.setEnabled(True)
        self.sample_button.setText(self.tr("Load sample data…"))
        self.context.show_error(self.tr("Load sample data"), error)


def build_page(context: AppContext, empty_page: QWidget) -> QWidget:
    return DashboardPage(context, empty_page)
