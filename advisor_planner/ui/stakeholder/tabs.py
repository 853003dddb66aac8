"""The profile and trends tabs of a person's page: their details and private notes, and the
charts of trust and touchpoints over time.

The trends' series load on a worker thread (``ui.tasks``): ten years of one person's history
took 30–60 ms of queries on the GUI thread, as long as three frames."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from advisor_planner.domain.enums import StakeholderKind
from advisor_planner.services import clock, stakeholders
from advisor_planner.services.workers import on_worker
from advisor_planner.ui.context import AppContext, RefreshWhenShown
from advisor_planner.ui.i18n import choice_label, plural
from advisor_planner.ui.stakeholder.widgets import plain_label
from advisor_planner.ui.tasks import run_in_background


def _read_trends(stakeholder_id: int, today: date) -> tuple[Any, Any]:
    from advisor_planner.services.insights import person_series

    return (
        person_series.person_trust(stakeholder_id=stakeholder_id),
        person_series.person_contact(stakeholder_id=stakeholder_id, today=today),
    )


def load_trends(stakeholder_id: int, today: date, generation: int) -> tuple[int, Any, Any]:
    """On a worker: the person's trust series and touchpoint timeline, tagged with the load."""
    trust, contact = on_worker(_read_trends, stakeholder_id, today)
    return generation, trust, contact


class SteadyScene(QObject):
    """Keeps a chart's scene active once it has been: its view, shown or hidden (the page
    opened, the list shown again), sends the scene WindowActivate or WindowDeactivate, and the
    scene passes it to every graphics widget, each of which repaints for it (a palette's
    active and inactive colours may differ; a chart's pens do not). The repaint is dispatched
    at once, in the scene's queued call, as a paint of the whole window: going back to the
    list painted the list twice, 15-20 ms each."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        steady = (QEvent.Type.WindowActivate, QEvent.Type.WindowDeactivate)
        return bool(event.type() in steady and getattr(watched, "isActive", bool)())


class ProfileTab(QScrollArea):
    """The person's details (title, organisation, contact, cadence, tags) and private notes,
    as plain selectable text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.labels: dict[str, QLabel] = {}
        inner = QWidget()
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setVerticalSpacing(10)
        form.setHorizontalSpacing(16)
        for name, label in (
            ("title", self.tr("Title")),
            ("organisation", self.tr("Organisation")),
            ("business_unit", self.tr("Business unit")),
            ("kind", self.tr("Internal or external")),
            ("email", self.tr("Email")),
            ("phone", self.tr("Phone")),
            ("cadence", self.tr("Keep in touch")),
            ("tags", self.tr("Tags")),
        ):
            # One-line values do not wrap: a wrapping label in a form row is given the height
            # of one line before its width is known, and "VP Customer Service" lost its last
            # word. Tags may run long, so they still wrap.
            value = plain_label(inner, wrap=name == "tags", selectable=True)
            value.setObjectName(f"profile_{name}")
            self.labels[name] = value
            form.addRow(label, value)
        notes_heading = QLabel(self.tr("Notes (private)"), inner)
        font = notes_heading.font()
        font.setBold(True)
        notes_heading.setFont(font)
        self.notes_label = plain_label(inner, wrap=True, selectable=True)
        self.notes_label.setObjectName("profile_notes")
        self.notes_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        notes = QVBoxLayout()
        notes.setSpacing(6)
        notes.addWidget(notes_heading)
        notes.addWidget(self.notes_label)
        notes.addStretch(1)
        details = QVBoxLayout()
        details.addLayout(form)
        details.addStretch(1)
        row = QHBoxLayout(inner)
        row.setContentsMargins(4, 12, 4, 4)
        row.setSpacing(24)
        row.addLayout(details, 1)
        row.addLayout(notes, 1)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidget(inner)

    def show_person(self, person: stakeholders.Stakeholder) -> None:
        cadence_text = (
            plural(self.tr("every %n day(s)", "", person.cadence_days), person.cadence_days)
            if person.cadence_days
            else self.tr("no cadence set")
        )
        values = {
            "title": person.title,
            "organisation": person.organisation,
            "business_unit": person.business_unit,
            "kind": choice_label(StakeholderKind(person.kind)),
            "email": person.email,
            "phone": person.phone,
            "cadence": cadence_text,
            "tags": ", ".join(person.tags),
        }
        for name, value in values.items():
            self.labels[name].setText(value or "—")
        self.notes_label.setText(person.notes or self.tr("No notes."))


class TrendsTab(RefreshWhenShown, QScrollArea):
    """The person's charts: trust factors and quotient over time, and the touchpoint timeline
    with sentiment and cadence. Built when first shown (pyqtgraph loads on first use) and
    redrawn when shown after a change."""

    activated = Signal(object)  # the RecordLink of a chart point clicked
    shown = Signal()  # the series asked for last are in the charts

    def __init__(self, context: AppContext, stakeholder_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.stakeholder_id = stakeholder_id
        self.setObjectName("trendsTab")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.views: dict[str, Any] = {}
        self._asked = 0  # loads started
        self._answered = 0  # the newest load shown
        self._grid: QGridLayout | None = None
        self._building = False
        self._waiting: tuple[Any, Any] | None = None  # series arrived, not all drawn yet
        self._drawn: set[str] = set()  # the charts that show ``_waiting`` already
        self._steady = SteadyScene(self)
        self._scheduled = False  # a turn asked for to draw the next chart

    @property
    def loading(self) -> bool:
        """Whether the charts or the series asked for last have yet to be shown."""
        return self._answered < self._asked or self._building or self._waiting is not None

    def _build_next(self) -> None:
        """Make one more chart; one per turn of the event loop (10–30 ms each, pyqtgraph's
        scene and axes), so the page is drawn before them and no turn holds all three. The
        first turn lays out the grid and loads the charts' modules (10–15 ms the first time)."""
        if self._grid is None:
            self._build_grid()
            QTimer.singleShot(0, self._build_next)
            return
        from advisor_planner.charts.palette import ChartPalette
        from advisor_planner.charts.stakeholder import (
            TouchpointTimelineChart,
            TrustFactorsChart,
            TrustQuotientChart,
        )
        from advisor_planner.charts.view import ChartView

        palette = ChartPalette.from_palette(self.palette())
        inner = self._inner
        charts: dict[str, tuple[Callable[[], Any], tuple[int, int, int, int]]] = {
            "factors": (lambda: ChartView(TrustFactorsChart(palette), inner, minimum_height=250),
                        (0, 0, 1, 1)),
            "quotient": (lambda: ChartView(TrustQuotientChart(palette), inner, minimum_height=250),
                         (0, 1, 1, 1)),
            "timeline": (lambda: ChartView(TouchpointTimelineChart(palette), inner,
                                           minimum_height=230), (1, 0, 1, 2)),
        }  # fmt: skip
        name = next((name for name in charts if name not in self.views), None)
        if name is None:
            return  # (built already)
        make, (row, column, rows, columns) = charts[name]
        view = self.views[name] = make()
        view.activated.connect(self.activated)
        view.view.scene().installEventFilter(self._steady)
        # The grid shares its room by the stretches alone, whatever a chart holds: sized by
        # their hints, the rows were shared out again each time a chart went from "Loading…"
        # or a long sentence to its plot, and every chart was laid out and painted again.
        view.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self._grid.addWidget(view, row, column, rows, columns)
        if len(self.views) < len(charts):
            QTimer.singleShot(0, self._build_next)
            return
        self._building = False
        self._soon()

    def _build_grid(self) -> None:
        # Loaded in this turn, used in the next ones.
        import advisor_planner.charts.stakeholder  # noqa: F401
        import advisor_planner.charts.view  # noqa: F401

        self._inner = QWidget()
        self._grid = QGridLayout(self._inner)
        self._grid.setContentsMargins(0, 8, 0, 0)
        self._grid.setSpacing(10)
        self._grid.setColumnStretch(0, 3)
        self._grid.setColumnStretch(1, 2)
        self._grid.setRowStretch(0, 1)
        self._grid.setRowStretch(1, 1)
        self.setWidget(self._inner)

    def show_person(self, stakeholder_id: int) -> None:
        """Show another person's trends in the charts built (pyqtgraph's scene and axes cost
        10-30 ms a chart to build): "Loading…" until their series arrive. (The page's
        refresh loads them.)"""
        self.stakeholder_id = stakeholder_id
        self._waiting = None
        self._drawn.clear()
        for view in self.views.values():
            view.set_loading()
            view.headline_label.clear()  # (the last person's "weakest now: …")
            view.headline_label.setToolTip("")
            view.has_data = False  # (drawn again even if the series equals the last one's)
        self._stale = True

    def refresh(self) -> None:
        """Load the series on a worker, and build the charts meanwhile if need be."""
        self._stale = False
        self._asked += 1
        run_in_background(
            load_trends,
            self.stakeholder_id,
            clock.today(),
            self._asked,
            on_success=self._arrived,
            on_error=self._failed,
            name="person trends",
        )
        if len(self.views) < 3 and not self._building:
            self._building = True
            QTimer.singleShot(0, self._build_next)

    def _arrived(self, result: tuple[int, Any, Any]) -> None:
        generation, trust_series, contact = result
        if generation <= self._answered:
            return  # an older load, overtaken by one already shown
        self._answered = generation
        if self._waiting is not None and self._drawn:
            self._waiting = (trust_series, contact)  # (the turn under way draws these)
            self._drawn.clear()
            return
        self._waiting = (trust_series, contact)
        # The first chart in a turn of its own too: the turn the series arrive in also holds
        # the page's other loads arriving (history, summary) and their layout.
        self._soon()

    def _soon(self) -> None:
        """Draw the next chart in the next turn (once, however often asked)."""
        if not self._scheduled:
            self._scheduled = True
            QTimer.singleShot(0, self._next_turn)

    def _next_turn(self) -> None:
        self._scheduled = False
        self._show_waiting()

    def _show_waiting(self) -> None:
        """Draw the series that arrived, one chart a turn of the event loop, and the next
        once the last is painted: each takes 2-5 ms and its paint 5-10 ms; the three in one
        turn stalled the tab 40-50 ms, and drawn a turn apart two were still painted in one."""
        if self._waiting is None or self._building or len(self.views) < 3:
            return
        trust_series, contact = self._waiting
        wanted = {"factors": trust_series, "quotient": trust_series, "timeline": contact}
        name = next((name for name in wanted if name not in self._drawn), None)
        if name is not None:
            self._drawn.add(name)
            view = self.views[name]
            view.set_series(wanted[name])
            if len(self._drawn) < len(wanted) and view.drawn_pending and view.isVisible():
                self._scheduled = True  # (until it is painted)
                view.drawn.connect(self._painted, Qt.ConnectionType.SingleShotConnection)
                return
        if len(self._drawn) < len(wanted):
            self._soon()
            return
        self._waiting = None
        self._drawn.clear()
        self.shown.emit()

    def _painted(self) -> None:
        self._scheduled = False
        self._soon()

    def _failed(self, error: BaseException) -> None:
        self._answered = self._asked
        self.context.show_error(self.tr("Load the trends"), error)
