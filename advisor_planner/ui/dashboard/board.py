"""The dashboard's charts and panels in one scrolling grid, built when first needed: making it
imports pyqtgraph."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QGridLayout, QWidget

from advisor_planner.services.initiatives import OUTCOME_MEASURES
from advisor_planner.ui.context import AppContext
from advisor_planner.ui.dashboard.panels import AttentionPanel, FocusPanel
from advisor_planner.ui.dashboard.unit_filter import UnitFilter

#: The settings group of the dashboard's choices (period, outcome measure).
SETTINGS = "dashboard"


class DashboardBoard(QWidget):
    """The charts, in a grid that scrolls; built when first needed (it imports pyqtgraph)."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from advisor_planner.charts.goals import GoalProgressChart
        from advisor_planner.charts.heatmap import ActivityHeatmapChart
        from advisor_planner.charts.palette import ChartPalette
        from advisor_planner.charts.scatter import (
            StakeholderMapChart,
            TrustOutcomesChart,
            WarmthCompetenceChart,
            measure_name,
        )
        from advisor_planner.charts.time_series import (
            FollowThroughChart,
            TouchpointsPerWeekChart,
            TrustIndexChart,
        )
        from advisor_planner.charts.view import ChartView

        self.context = context
        self.measure = QComboBox(self)
        self.measure.setObjectName("outcomeMeasure")
        self.measure.setAccessibleName(self.tr("Outcome measure"))
        for value in OUTCOME_MEASURES:  # named as the outcomes chart names them
            self.measure.addItem(measure_name(value), value)
        saved = context.settings.value(f"{SETTINGS}/measure", "user_satisfaction")
        self.measure.setCurrentIndex(max(0, self.measure.findData(saved)))

        self.unit_filter = UnitFilter(context.settings, self)
        self.people: list[Any] = []  # everyone loaded; the map shows the unit chosen
        self.unit_filter.chosen.connect(self._show_people)

        palette = ChartPalette.from_palette(self.palette())

        def view(chart_class: Any, **options: Any) -> ChartView:
            chart_view = ChartView(chart_class(palette), self, **options)
            chart_view.activated.connect(context.navigate)
            return chart_view

        #: The chart views by the dashboard part whose series each draws.
        self.views = {
            "trust_index": view(TrustIndexChart),
            "follow_through": view(FollowThroughChart),
            "activity": view(TouchpointsPerWeekChart),
            "calendar": view(ActivityHeatmapChart, minimum_height=190),
            "people": view(StakeholderMapChart, minimum_height=300, controls=(self.unit_filter,)),
            "perception": view(WarmthCompetenceChart, minimum_height=300),
            "goals": view(GoalProgressChart),
            "outcomes": view(TrustOutcomesChart, controls=(self.measure,)),
        }
        self.attention = AttentionPanel(context, self)
        self.focus = FocusPanel(context, self)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(10)
        v = self.views
        placement = [
            (self.focus, 0, 0, 1, 2),
            (v["trust_index"], 1, 0, 1, 1),
            (v["follow_through"], 1, 1, 1, 1),
            (v["activity"], 2, 0, 1, 1),
            (self.attention, 2, 1, 1, 1),
            (v["calendar"], 3, 0, 1, 2),
            (v["people"], 4, 0, 1, 1),
            (v["perception"], 4, 1, 1, 1),
            (v["goals"], 5, 0, 1, 1),
            (v["outcomes"], 5, 1, 1, 1),
        ]
        for widget, row, column, rows, columns in placement:
            grid.addWidget(widget, row, column, rows, columns)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        for row in range(1, 6):
            grid.setRowMinimumHeight(row, 230)

    def show_part(self, part: str, series: Any) -> None:
        if part == "focus":
            self.focus.set_focus(series)
            return
        if part == "people":
            self.attention.set_people(series)
            self.people = series
            self.unit_filter.set_people(series)
            self._show_people()
            return
        self.views[part].set_series(series)

    def _show_people(self) -> None:
        self.views["people"].set_series(self.unit_filter.filtered(self.people))
