"""The dashboard's charts and panels in one scrolling grid, built when first needed: making it
imports pyqtgraph.

The charts are built lazily. A laptop window (1400 × 860) shows four of the eight; building
and filling the other four before the first frame would cost time for nothing on screen (a
chart view takes ~7 ms to build; drawing its series 4–20 ms, the stakeholder map's thousand
points several times that; measured on the large demo, a loaded 2-core machine; the paint,
the largest part, is only ever done for what is on screen). So each chart has a slot, an
empty panel of the chart's size that keeps the grid's layout, and:

- the charts in the visible part of the board are built and filled first, and again
  whenever scrolling or a resize brings a slot into view (``NEAR``);
- once those on screen have drawn their series (``viewport_drawn``), the rest are built, so
  that Tab reaches every chart and scrolling finds them ready.

All of it one piece a turn of the event loop (``DashboardBoard._step``): a chart's view made
on one turn, its series drawn on the next, those on screen first; the series that arrive
from the loading worker (several in one turn) are kept and drawn the same way, so that no
turn holds the GUI thread long (four charts drawn on one turn took 100-170 ms). A chart off
screen that already shows data is drawn again only when it comes into view (``_due``).

A chart built late takes the series its part last received, and its place in the Tab order
is its slot's, as if it had been made with the others.
"""

from __future__ import annotations

import importlib
import itertools
import sys
from typing import Any

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QMoveEvent, QPalette, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QComboBox, QFrame, QGridLayout, QVBoxLayout, QWidget

from advisor_planner.services.initiatives import OUTCOME_MEASURES
from advisor_planner.ui.context import AppContext
from advisor_planner.ui.dashboard.attention import AttentionPanel
from advisor_planner.ui.dashboard.panels import FocusPanel
from advisor_planner.ui.dashboard.unit_filter import UnitFilter

#: The settings group of the dashboard's choices (period, outcome measure).
SETTINGS = "dashboard"

#: How close (pixels) a chart's slot must come to the visible part of the board to be built.
#: None: the charts off screen are built idly right after the first frame anyway, so this only
#: matters in the first moments; a margin would build the row just below the fold before the
#: first frame (at 1400 × 860, the stakeholder map and warmth × competence), for nothing seen.
NEAR = 0

#: The modules the charts come from, imported one a turn before the first chart is built if
#: the start-up's worker has not imported them yet (each 5-15 ms: pyqtgraph's, the charts').
CHART_MODULES = (
    "pyqtgraph",
    "advisor_planner.charts.view",
    "advisor_planner.charts.time_series",
    "advisor_planner.charts.heatmap",
    "advisor_planner.charts.scatter",
    "advisor_planner.charts.goals",
)

#: Each chart's minimum height (pixels), by part; the rest take ``ChartView``'s 210.
MINIMUM_HEIGHTS = {"calendar": 190, "people": 300, "perception": 300}

#: Where each part sits in the grid: (row, column, rows, columns). Row 0 is the focus strip;
#: the attention panel sits at (2, 1). The grid's order is the Tab order.
PLACES: dict[str, tuple[int, int, int, int]] = {
    "trust_index": (1, 0, 1, 1),
    "follow_through": (1, 1, 1, 1),
    "activity": (2, 0, 1, 1),
    "calendar": (3, 0, 1, 2),
    "people": (4, 0, 1, 1),
    "perception": (4, 1, 1, 1),
    "goals": (5, 0, 1, 1),
    "outcomes": (5, 1, 1, 1),
}


class _ChartSlot(QFrame):
    """Where a chart goes: an empty panel of the chart's size until the chart is built."""

    def __init__(self, part: str, minimum_height: int, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName(f"chartSlot_{part}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.setMinimumHeight(minimum_height)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    def hold(self, view: QWidget) -> None:
        """Show ``view`` in place of the empty panel (which then draws no frame of its own)."""
        self.setFrameShape(QFrame.Shape.NoFrame)
        layout = self.layout()
        assert layout is not None  # (made in __init__)
        layout.addWidget(view)
        view.show()  # (now, not on the layout's next turn: it is drawn on this one)


class DashboardBoard(QWidget):
    """The charts, in a grid that scrolls; built when first needed (it imports pyqtgraph)."""

    #: Every chart built so far that is on screen, and the attention panel if it is, has
    #: painted its data (once per board).
    viewport_drawn = Signal()
    #: A chart view was built (its part's name).
    built = Signal(str)
    #: Every series received is drawn into its chart, for the charts built (``drawing``).
    settled = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from advisor_planner.charts.scatter import measure_name

        self.context = context
        # (No parent until the outcomes chart is built and takes it into its header.)
        self.measure = QComboBox()
        self.measure.setObjectName("outcomeMeasure")
        self.measure.setAccessibleName(self.tr("Outcome measure"))
        for value in OUTCOME_MEASURES:  # named as the outcomes chart names them
            self.measure.addItem(measure_name(value), value)
        saved = context.settings.value(f"{SETTINGS}/measure", "user_satisfaction")
        self.measure.setCurrentIndex(max(0, self.measure.findData(saved)))

        # (Parentless until the map's view takes it into its header, as the measure is:
        # taking a child of the board out of it scrolls the dashboard back to the top.)
        self.unit_filter = UnitFilter(context.settings)
        self.people: list[Any] = []  # everyone loaded; the map shows the unit chosen
        self.unit_filter.chosen.connect(self._show_people)

        #: The chart views built so far, by the dashboard part whose series each draws.
        self.views: dict[str, Any] = {}
        self.slots = {
            part: _ChartSlot(part, MINIMUM_HEIGHTS.get(part, 210), self) for part in PLACES
        }
        self._series: dict[str, Any] = {}  # the last series of each part, for a late chart
        #: The parts whose last series is not drawn yet ("attention": the people's, into the
        #: attention panel); a part whose chart is not built waits for it.
        self._stale: set[str] = set()
        self._order_fixed = True  # the Tab order is right for the charts built so far
        #: Every chart built, filled and in its place in the Tab order.
        self.complete = False
        self._viewport_drawn = False
        self._attention_drawn = False
        self.attention = AttentionPanel(context, self)
        self.attention.drawn.connect(self._attention_painted)
        self.focus = FocusPanel(context, self)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(10)
        grid.addWidget(self.focus, 0, 0, 1, 2)
        # The slots are made above in the grid's order; the attention panel (made after them)
        # is put after the activity chart in the Tab order once the charts are built.
        for part, (row, column, rows, columns) in PLACES.items():
            grid.addWidget(self.slots[part], row, column, rows, columns)
        grid.addWidget(self.attention, 2, 1, 1, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        for row in range(1, 6):
            grid.setRowMinimumHeight(row, 230)

        # One piece of work a turn (``_step``); a scroll's several moves start it once.
        self._step_timer = QTimer(self)
        self._step_timer.setSingleShot(True)
        self._step_timer.setInterval(0)
        self._step_timer.timeout.connect(self._step)
        self._watched: QWidget | None = None
        #: The series received are kept, not drawn, until ``release`` (``hold``).
        self.held = False

    def hold(self) -> None:
        """Keep the series that arrive from now on, drawing none until ``release``: a reload's
        parts came one by one while the worker read the next, and a chart drawn meanwhile
        shared the interpreter with it, each turn two or three times as long (a period's
        follow-through 20-60 ms instead of 8-12 on the large and huge demos)."""
        self.held = True

    def release(self) -> None:
        """Draw what arrived while held, a chart a turn (``_step``)."""
        self.held = False
        self._step_timer.start()

    # -- the series --------------------------------------------------------------------------
    def show_part(self, part: str, series: Any) -> None:
        """Keep ``series`` for its part; it is drawn on a later turn of the event loop, one
        chart a turn, those on screen first (``_step``): parts arrive from the worker in a
        burst, and drawing them as they came held the GUI thread 100-170 ms in one turn."""
        if part == "focus":
            self.focus.set_focus(series)  # (a sentence: nothing to spread out)
            return
        if part == "people":
            self.people = series
            self._stale.add("attention")
            series = self.unit_filter.filtered(series)
        self._series[part] = series
        self._stale.add(part)
        self._step_timer.start()

    def _show_people(self) -> None:
        """The unit chosen changed: the map shows its people (at once: one chart)."""
        self._series["people"] = self.unit_filter.filtered(self.people)
        self._stale.add("people")
        if "people" in self.views:
            self._fill("people")

    @property
    def drawing(self) -> bool:
        """Whether a series received is still to be drawn: into the attention panel, a chart
        on screen, or a chart built that has none yet."""
        near = self._near_parts()
        return any(self._due(part, near) for part in self._stale)

    def _due(self, part: str, near: list[str]) -> bool:
        """Whether the series ``part`` received is to be drawn now. A chart off screen that
        shows an older one is drawn again when it comes into view: after each quick log the
        stakeholder map below the fold was redrawn, its thousand points 50-100 ms."""
        if part == "attention":
            return True
        view = self.views.get(part)
        return view is not None and (part in near or not view.has_data)

    # -- building ----------------------------------------------------------------------------
    def build(self, part: str, *, fill: bool = True) -> Any:
        """The chart view of ``part``, built now if it was not yet, and (unless ``fill`` is
        False) drawn with the last series its part received. (Its place in the Tab order is
        put right by the caller: ``build_all`` or ``_step``.)"""
        view = self.views.get(part)
        if view is None:
            view = self._make_view(part)
            if part in self._series:
                self._stale.add(part)
        if fill and part in self._stale:
            self._fill(part)
        return view

    def _fill(self, part: str) -> None:
        """Draw the last series ``part`` received into its chart (or the attention panel)."""
        self._stale.discard(part)
        if part == "attention":
            self.attention.set_people(self.people)
            self.unit_filter.set_people(self.people)
        elif part in self.views and part in self._series:
            self.views[part].set_series(self._series[part])

    def _make_view(self, part: str) -> Any:
        from advisor_planner.charts.catalog import dashboard_charts
        from advisor_planner.charts.palette import ChartPalette
        from advisor_planner.charts.view import ChartView

        slot = self.slots[part]
        options: dict[str, Any] = {"minimum_height": MINIMUM_HEIGHTS.get(part, 210)}
        if part == "outcomes":
            options["controls"] = (self.measure,)
        elif part == "people":
            options["controls"] = (self.unit_filter,)
        chart = dashboard_charts()[part](ChartPalette.from_palette(self.palette()))
        view = ChartView(chart, slot, **options)
        view.activated.connect(self.context.navigate)
        view.drawn.connect(self._view_painted)
        self.views[part] = view
        self._order_fixed = False
        slot.hold(view)
        self.built.emit(part)
        return view

    def build_near(self) -> None:
        """Have the charts whose slots are on screen (or within ``NEAR`` pixels of it) built
        and drawn, one a turn, before any other (``_step``)."""
        self._step_timer.start()

    def _near_parts(self) -> list[str]:
        """The parts whose slots are on screen or within ``NEAR`` pixels of it, in the grid's
        order."""
        seen = self.seen_rect()
        if seen.isEmpty():
            return []
        near = seen.adjusted(-NEAR, -NEAR, NEAR, NEAR)
        return [part for part, slot in self.slots.items() if slot.geometry().intersects(near)]

    def build_all(self) -> None:
        """Build and fill every chart now (a test's shortcut; the board does it idly)."""
        for part in PLACES:
            self.build(part)
        if "attention" in self._stale:
            self._fill("attention")
        self._place_in_tab_order()
        self.complete = True

    def _step(self) -> None:
        """Do one piece of the board's work, and come back on the next turn for more: a
        chart's view made or its series drawn take a turn each (7-30 ms; the stakeholder
        map's thousand points more), so no turn holds the GUI thread long. In order: the
        charts on screen (built, then drawn), the series of any chart built or of the
        attention panel, then (once those on screen have painted) the charts off screen."""
        for module in CHART_MODULES:  # (``ui.app`` imports them on a worker: rarely left)
            if module not in sys.modules:
                importlib.import_module(module)
                self._step_timer.start()
                return
        if self.held:
            return
        near = self._near_parts()
        order = [*near, *(part for part in PLACES if part not in near)]
        order.insert(order.index("activity") + 1, "attention")  # (beside it in the grid)
        for part in near:
            if part not in self.views:
                self.build(part, fill=False)
                self._step_timer.start()
                return
        for part in order:
            if part in self._stale and self._due(part, near):
                self._fill(part)
                if not self.drawing:
                    self.settled.emit()
                self._step_timer.start()
                return
        if not self._viewport_drawn:
            # The charts off screen wait until those on screen have painted (the last one
            # given its series may paint nothing: its header alone peeking in at the bottom).
            self._view_painted()
            return
        for part in PLACES:
            if part not in self.views:
                self.build(part, fill=False)
                self._step_timer.start()
                return
        if not self._order_fixed:
            self._place_in_tab_order()  # once all are built (each fix walks every widget)
            self._order_fixed = True
        self.complete = True

    def _place_in_tab_order(self) -> None:
        """Tab visits the panels and charts in the grid's order, however late each was built
        (a widget made later joins the end of the window's focus chain)."""
        window = self.window()
        items: list[QWidget] = [self.focus]
        for part in PLACES:
            items.append(self.slots[part])
            if part == "activity":
                items.append(self.attention)
        chain = [
            widget
            for item in items
            for widget in (item, *item.findChildren(QWidget))
            if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.window() is window
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    # -- what is on screen ------------------------------------------------------------------
    def seen_rect(self) -> QRect:
        """The part of the board its parent (a scroll area's viewport) shows, in the board's
        coordinates; empty when the board is hidden."""
        if not self.isVisible():
            return QRect()
        parent = self.parentWidget()
        if parent is None:
            return self.rect()
        return self.rect() & QRect(self.mapFrom(parent, QPoint(0, 0)), parent.size())

    def on_screen(self, widget: QWidget) -> bool:
        """Whether any of ``widget`` (inside the board) is visible on screen."""
        if not widget.isVisible():
            return False
        return QRect(widget.mapTo(self, QPoint(0, 0)), widget.size()).intersects(self.seen_rect())

    def on_screen_parts(self) -> set[str]:
        """The parts whose charts (or empty slots) are on screen."""
        return {part for part, slot in self.slots.items() if self.on_screen(slot)}

    # -- noticing the visible part change -----------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self._watch_viewport()
        self._step_timer.start()

    def moveEvent(self, event: QMoveEvent) -> None:  # noqa: N802 - Qt override
        super().moveEvent(event)  # (a scroll area scrolls by moving its widget)
        self._step_timer.start()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._step_timer.start()

    def _watch_viewport(self) -> None:
        """Hear when the scroll area's viewport grows without moving or resizing the board."""
        parent = self.parentWidget()
        if parent is not self._watched:
            if self._watched is not None:
                self._watched.removeEventFilter(self)
            if parent is not None:
                parent.installEventFilter(self)
            self._watched = parent

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self._watched and event.type() == QEvent.Type.Resize:
            self._step_timer.start()
        return False

    # -- drawn -------------------------------------------------------------------------------
    def _attention_painted(self) -> None:
        self._attention_drawn = True
        self._view_painted()

    def _view_painted(self) -> None:
        if self._viewport_drawn or not self._on_screen_drawn():
            return
        self._viewport_drawn = True
        self.viewport_drawn.emit()
        self._step_timer.start()

    def _on_screen_drawn(self) -> bool:
        """Whether every built chart on screen (and the attention panel, if on screen) has
        painted its data; at least one chart must be on screen, and every chart on screen
        built and given its series (they are, one a turn)."""
        if any(part not in self.views or part in self._stale for part in self._near_parts()):
            return False
        # (A chart counts by what it paints, its plot or its message: one whose header alone
        # peeks in at the bottom of the screen never paints its plot, and is not waited for.)
        shown = [view for view in self.views.values() if self.on_screen(view.stack.currentWidget())]
        if not shown or any(not view.has_data or view.drawn_pending for view in shown):
            return False
        return self._attention_drawn or not self.on_screen(self.attention)
