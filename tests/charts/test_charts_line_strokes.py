"""Wide solid lines are painted segment by segment; dashed and translucent ones as one path."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from advisor_planner.charts.plot import ChartPlot


def _line(width: float, style: Qt.PenStyle = Qt.PenStyle.SolidLine, alpha: int = 255):
    pen = pg.mkPen(QColor(0, 90, 200, alpha), width=width)
    pen.setStyle(style)
    pen.setCosmetic(True)
    return pg.PlotDataItem([0, 1, 2, 3], [1, 5, 2, 4], pen=pen)


def test_only_wide_solid_opaque_lines_are_segmented(qtbot) -> None:
    plot = ChartPlot()
    lines = {
        "wide solid": _line(2.5),
        "thin": _line(1.0),
        "dashed": _line(2.0, Qt.PenStyle.DashLine),
        "translucent": _line(2.0, alpha=120),
    }
    with plot.drawing():
        for item in lines.values():
            plot.addItem(item)
    modes = {name: item.curve.opts["segmentedLineMode"] for name, item in lines.items()}
    assert modes["wide solid"] == "on"
    assert modes["thin"] != "on" and modes["dashed"] != "on" and modes["translucent"] != "on"
    plot.addItem(pg.PlotCurveItem([0, 1], [0, 1], pen=pg.mkPen("r", width=3)))
    assert plot.items[-1].opts["segmentedLineMode"] == "on"
