"""Names written beside a few points of a crowded scatter, placed so that they do not cover
each other; and the symbols of points, as a legend draws them (``symbol_path``).

``place_tags`` works in pixels: a tag is text of a fixed size (it ignores the plot's scaling),
so whether two tags collide depends on how many pixels a unit of the axes spans. It tries each
point's right, left, top and bottom in turn and keeps the first spot that stays inside the plot
and clear of the tags placed before; a point with no free spot goes unnamed. The points are
taken in the caller's order, so the most important are named first.

``NameTag`` paints the text on a plate of the background colour, so the points under it do
not garble it (a stakeholder map of a thousand people has points everywhere).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pyqtgraph as pg
from pyqtgraph.graphicsItems.ScatterPlotItem import Symbols
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QTransform
from PySide6.QtWidgets import QGraphicsItem

GAP_PX = 6.0  # between a point's centre and the near edge of its tag
MARGIN_PX = 4.0  # kept clear around each tag


@dataclass(frozen=True, slots=True)
class Placed:
    """A tag to draw: its text, the point it names and its box in pixels from that point."""

    text: str
    x: float
    y: float
    box: QRectF


def symbol_path(symbol: str, x: float, y: float, size: float) -> QPainterPath:
    """pyqtgraph's ``symbol`` ("o", "s", "t", "d" …) centred on (x, y), ``size`` across, as a
    legend's swatch draws it."""
    unit: QPainterPath = Symbols[symbol]  # (pyqtgraph is untyped)
    return QTransform().translate(x, y).scale(size, size).map(unit)


def tag_font(scale: float = 0.8) -> QFont:
    font = QFont()
    font.setPointSizeF(max(7.0, font.pointSizeF() * scale))
    return font


def place_tags(
    points: Sequence[tuple[str, float, float]],
    *,
    view: QRectF,
    pixels: tuple[float, float],
    font: QFont,
    limit: int,
    margins: tuple[float, float] = (0.0, 0.0),
) -> list[Placed]:
    """Up to ``limit`` of ``points`` (text, x, y in data units), each with a box beside it.

    ``view`` is the data range shown (x, y, width, height, y upwards) and ``pixels`` its size
    on screen, width and height; no tag goes within ``margins`` (pixels) of the top and the
    bottom, where a chart writes its own names.
    """
    if view.width() <= 0 or view.height() <= 0:
        return []
    per_x, per_y = pixels[0] / view.width(), pixels[1] / view.height()
    frame = QRectF(0, margins[0], pixels[0], pixels[1] - margins[0] - margins[1])
    metrics = QFontMetricsF(font)
    taken: list[QRectF] = []
    placed: list[Placed] = []
    for text, x, y in points:
        if len(placed) >= limit:
            break
        width, height = metrics.horizontalAdvance(text) + 8, metrics.height() + 2
        # The point in pixels from the plot's top left (screen y runs downwards).
        px, py = (x - view.left()) * per_x, (view.bottom() - y) * per_y
        for box in (
            QRectF(GAP_PX, -height / 2, width, height),  # right
            QRectF(-GAP_PX - width, -height / 2, width, height),  # left
            QRectF(-width / 2, -GAP_PX - height, width, height),  # above
            QRectF(-width / 2, GAP_PX, width, height),  # below
        ):
            on_screen = box.translated(px, py)
            clear = on_screen.adjusted(-MARGIN_PX, -MARGIN_PX, MARGIN_PX, MARGIN_PX)
            if frame.contains(on_screen) and not any(clear.intersects(t) for t in taken):
                taken.append(on_screen)
                placed.append(Placed(text, x, y, box))
                break
    return placed


class NameTag(pg.GraphicsObject):
    """Plain text on a plate, at a fixed offset in pixels from its point, at any zoom."""

    def __init__(self, text: str, box: QRectF, font: QFont, colour: QColor, plate: QColor) -> None:
        super().__init__()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.setZValue(5)  # above the points, below the keyboard's focus ring
        self.label = text
        self._box = QRectF(box)
        self._font = QFont(font)
        self._colour = QColor(colour)
        self._plate = QColor(plate)
        self._plate.setAlphaF(0.85)

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt override
        return QRectF(self._box)

    def paint(self, painter: QPainter, *args: Any) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._plate)
        painter.drawRoundedRect(self._box, 3, 3)
        painter.setFont(self._font)
        painter.setPen(self._colour)
        painter.drawText(self._box, Qt.AlignmentFlag.AlignCenter, self.label)
