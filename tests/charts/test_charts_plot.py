"""``ChartPlot``, the lean plot every chart draws into: its axes, grid, items and ranges."""

from __future__ import annotations

import pyqtgraph as pg

from advisor_planner.charts.plot import ChartPlot
from advisor_planner.charts.time_series import TrustIndexChart


def test_items_added_while_drawing_join_the_view_once_it_ends(qtbot) -> None:
    plot = ChartPlot()
    curve = pg.PlotDataItem([0, 1, 2], [3, 5, 4])
    with plot.drawing():
        plot.addItem(curve)
        plot.setXRange(0, 2, padding=0)
        plot.setYRange(0, 10, padding=0)
        assert curve not in plot.vb.addedItems  # held back until the ranges are set
    assert curve in plot.vb.addedItems
    assert plot.vb.viewRange() == [[0.0, 2.0], [0.0, 10.0]]
    plot.clear()
    assert plot.items == [] and curve not in plot.vb.addedItems


def test_grid_and_labels_go_to_the_two_axes(qtbot) -> None:
    plot = ChartPlot()
    plot.showGrid(x=False, y=True, alpha=0.4)
    assert plot.getAxis("left").grid == int(0.4 * 255)
    assert plot.getAxis("bottom").grid is False
    plot.setLabel("bottom", "Warmth")
    assert plot.getAxis("bottom").labelText == "Warmth"
    assert set(plot.axes) == {"left", "bottom"}


def test_a_chart_has_no_pyqtgraph_menus(qtbot) -> None:
    chart = TrustIndexChart()
    assert chart.plot.vb.menu is None
    assert not hasattr(chart.plot, "ctrlMenu")
