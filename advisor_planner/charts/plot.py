"""``ChartPlot``: a view box with a left and a bottom axis, the part of pyqtgraph's
``PlotItem`` the charts use.

``PlotItem`` builds its "Plot Options" context menu, some forty widgets, every time one is made,
and a view box builds another menu unless told not to. Our charts turn both menus off (they
have their own right-click menu), yet making a ``PlotItem`` cost about 11 ms, most of the
report's and a third of the dashboard's plot-building time; this costs about 2 ms. It keeps
``PlotItem``'s names for what it has (``vb``, ``layout``, ``addItem``, ``getAxis``,
``setLabel``, ``showGrid``, ``setXRange``…) and its layout: the axes around the view box in a
grid, row 4 free for a legend.

Items added inside ``drawing()`` join the view box when it ends, after the chart has set its
ranges: each pyqtgraph data item recomputes its points whenever the view range changes, so
adding six lines and then setting two ranges computed every line three times over.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGraphicsGridLayout, QGraphicsItem, QSizePolicy

#: Where each axis sits in the grid, around the view box at (2, 1), as in ``PlotItem``.
AXIS_CELLS = {"left": (2, 0), "bottom": (3, 1)}
#: ``PlotItem.showGrid``'s alpha is a share of its slider's 255.
GRID_ALPHA_MAX = 255


def stroke_in_segments(item: QGraphicsItem) -> None:
    """Solid, opaque lines wider than a pixel are painted segment by segment.

    With antialiasing pyqtgraph strokes such a line as one path, and Qt's stroker then works
    out the outline of the whole polyline: ten years of weekly self-ratings (six lines of 520
    points, 1.8 px) took 26 ms to paint, 6–8 ms in segments, looking the same (3,970 of
    132,000 pixels differ by an edge's shade). Dashed and translucent lines keep one path: a
    dash pattern would restart at every segment and overlaps would show through.
    """
    curve = item.curve if isinstance(item, pg.PlotDataItem) else item
    if not isinstance(curve, pg.PlotCurveItem):
        return
    pen = curve.opts["pen"]
    if (
        pen.widthF() > 1.0
        and pen.style() == Qt.PenStyle.SolidLine
        and pen.isSolid()
        and pen.color().alphaF() == 1.0
    ):
        curve.setSegmentedLineMode("on")


class ChartPlot(pg.GraphicsWidget):
    """A ``ViewBox`` without menus, its left and bottom ``AxisItem``s, and the items added."""

    def __init__(self) -> None:
        super().__init__()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.layout = QGraphicsGridLayout()
        self.layout.setContentsMargins(1, 1, 1, 1)
        self.layout.setHorizontalSpacing(0)
        self.layout.setVerticalSpacing(0)
        self.setLayout(self.layout)
        self.vb = pg.ViewBox(parent=self, enableMenu=False)
        self.layout.addItem(self.vb, 2, 1)
        self.axes: dict[str, pg.AxisItem] = {}
        for name, (row, column) in AXIS_CELLS.items():
            axis = pg.AxisItem(orientation=name, parent=self)
            axis.linkToView(self.vb)
            # Above the data (z 0), below anything meant to cover the axes (z 1 and up).
            axis.setZValue(0.5)
            axis.setFlag(QGraphicsItem.GraphicsItemFlag.ItemNegativeZStacksBehindParent)
            self.layout.addItem(axis, row, column)
            self.axes[name] = axis
        for row in range(4):
            self.layout.setRowPreferredHeight(row, 0)
            self.layout.setRowMinimumHeight(row, 0)
            self.layout.setRowSpacing(row, 0)
            self.layout.setRowStretchFactor(row, 1)
        for column in range(3):
            self.layout.setColumnPreferredWidth(column, 0)
            self.layout.setColumnMinimumWidth(column, 0)
            self.layout.setColumnSpacing(column, 0)
            self.layout.setColumnStretchFactor(column, 1)
        self.layout.setRowStretchFactor(2, 100)
        self.layout.setColumnStretchFactor(1, 100)
        self.items: list[QGraphicsItem] = []
        self._waiting: list[tuple[QGraphicsItem, bool]] | None = None

    def getAxis(self, name: str) -> pg.AxisItem:  # noqa: N802 - PlotItem's name
        return self.axes[name]

    def addItem(self, item: QGraphicsItem, *, ignoreBounds: bool = False) -> None:  # noqa: N802, N803
        stroke_in_segments(item)
        self.items.append(item)
        if self._waiting is not None:
            self._waiting.append((item, ignoreBounds))
        else:
            self.vb.addItem(item, ignoreBounds=ignoreBounds)

    @contextmanager
    def drawing(self) -> Iterator[None]:
        """Hold the items added back until the ranges are set (see the module docstring)."""
        self._waiting = []
        try:
            yield
        finally:
            waiting, self._waiting = self._waiting, None
            for item, ignore_bounds in waiting:
                self.vb.addItem(item, ignoreBounds=ignore_bounds)

    def clear(self) -> None:
        """Remove every item added."""
        items, self.items = self.items, []
        for item in items:
            self.vb.removeItem(item)

    def setLabel(self, axis: str, text: str | None = None, **style: Any) -> None:  # noqa: N802
        self.axes[axis].setLabel(text=text, **style)

    def showGrid(self, x: bool | None = None, y: bool | None = None, alpha: float = 0.5) -> None:  # noqa: N802
        """Grid lines across the view at ``alpha`` opacity (0–1), as ``PlotItem.showGrid``."""
        level = int(min(max(alpha, 0.0), 1.0) * GRID_ALPHA_MAX)
        if x is not None:
            self.axes["bottom"].setGrid(level if x else False)
        if y is not None:
            self.axes["left"].setGrid(level if y else False)

    def setXRange(self, low: float, high: float, padding: float | None = None) -> None:  # noqa: N802
        self.vb.setXRange(low, high, padding=padding)

    def setYRange(self, low: float, high: float, padding: float | None = None) -> None:  # noqa: N802
        self.vb.setYRange(low, high, padding=padding)

    def setRange(self, **ranges: Any) -> None:  # noqa: N802
        self.vb.setRange(**ranges)
