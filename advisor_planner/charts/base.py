"""What every chart shares: a pyqtgraph plot, the hits behind hover and click, and painting.

A ``Chart`` owns one plot (``charts.plot.ChartPlot``, a lean ``PlotItem``) and draws a series
(a plain dataclass from ``services.insights``) into it with ``show(series)``. While drawing it
records:

- ``hits``: the points and boxes a pointer can land on, each with its tooltip text and the
  ``RecordLink`` a click opens;
- ``empty_text``: what is missing when there is too little data to draw (the view shows that
  sentence instead of empty axes);
- ``headline`` (the one figure beside the title, "+6.2 since 1 Sep") and ``summary`` (a sentence
  a screen reader can say).

``paint(painter, target)`` draws the chart onto any ``QPainter``: a widget, a ``QImage`` or a
``QPdfWriter`` page, as vectors, by rendering the plot's scene scaled into ``target``.
A chart never queries anything: the caller hands it the series.

Every word a chart writes goes through translation in the one ``Chart`` context:
``QCoreApplication.translate("Chart", "…")`` with the sentence written out (so
``pyside6-lupdate`` finds it), ``chart_text`` for text marked ``QT_TRANSLATE_NOOP("Chart", …)``
in a table, ``choice_label`` for a stored choice. Dates are written by the user's locale
(``short_date``, ``month_name``, ``day_name``); the domain's formulas and cadence sentences
come translated from the domain and are shown as given.
"""

from __future__ import annotations

import html
import math
import weakref
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import pyqtgraph as pg
import shiboken6
from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QLocale,
    QPointF,
    QRectF,
    QSizeF,
    Qt,
    QThread,
)
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QImage, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsSceneResizeEvent, QSizePolicy

from advisor_planner.charts.marks import symbol_path
from advisor_planner.charts.palette import ChartPalette
from advisor_planner.charts.plot import ChartPlot

pg.setConfigOptions(antialias=True, useNumba=False)

HIT_RADIUS_PX = 10.0  # how near the pointer must come to a point to hover or click it


@dataclass(frozen=True, slots=True)
class RecordLink:
    """Where a click on a chart leads: one record, or a filtered list of records.

    ``kind`` is a record kind ("stakeholder", "brand goal", "initiative", "touchpoint",
    "trust check") with ``record_id``; or "touchpoints" with ``start``/``end`` (the
    touchpoints of those days); or "commitments" with ``which`` (a commitment filter).
    ``owner_id`` names the stakeholder a trust check belongs to.
    """

    kind: str
    record_id: int | None = None
    start: date | None = None
    end: date | None = None
    which: str = ""
    owner_id: int | None = None


@dataclass(frozen=True, slots=True)
class Hit:
    """A point (``x``, ``y``) or, with ``box`` (x0, y0, x1, y1), an area, in data coordinates.

    ``tip`` is the tooltip text, or a function making it: a chart of a thousand people writes
    only the tooltip the pointer asks for.
    """

    x: float
    y: float
    tip: str | Callable[[], str]
    link: RecordLink | None = None
    box: tuple[float, float, float, float] | None = None

    @property
    def text(self) -> str:
        return self.tip if isinstance(self.tip, str) else self.tip()

    @property
    def centre(self) -> tuple[float, float]:
        """The point itself, or the middle of its area."""
        if self.box is None:
            return self.x, self.y
        x0, y0, x1, y1 = self.box
        return (x0 + x1) / 2, (y0 + y1) / 2


def chart_text(text: str) -> str:
    """``text``, marked ``QT_TRANSLATE_NOOP("Chart", …)`` in a table, in the user's language."""
    return QCoreApplication.translate("Chart", text)


def choice_label(choice: Any) -> str:
    """The translated label of a ``domain.enums`` choice, in the ``Choice`` context the UI's
    ``ui.i18n.choice_label`` uses too (the charts sit below the UI and cannot import it)."""
    return QCoreApplication.translate("Choice", choice.label)


def tooltip_html(text: str) -> str:
    """Plain ``text`` as a tooltip: escaped, because Qt renders anything that looks like HTML,
    and a name such as ``<b>x</b>`` must show as typed."""
    return "<p style='white-space:pre'>" + html.escape(text) + "</p>"


_EPOCH_DAY = date(1970, 1, 1).toordinal()
DAY_SECONDS = 86_400


def tick_font() -> QFont:
    """The axes' font: the desktop's, a little smaller."""
    font = QFont()
    font.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
    return font


def day_x(day: date) -> float:
    """A calendar day as the x value of a date axis: seconds from 1 Jan 1970 to it, counted in
    whole days. No time zone enters: every day is equally wide (a local midnight's epoch
    seconds made the days either side of a clock change an hour longer or shorter), and a
    date before 1970 works on Windows too, where ``time.mktime`` refuses one."""
    return float((day.toordinal() - _EPOCH_DAY) * DAY_SECONDS)


def x_day(x: float) -> date:
    """The calendar day an x value of a date axis falls on (``day_x`` reversed)."""
    return date.fromordinal(_EPOCH_DAY + math.floor(x / DAY_SECONDS))


def short_date(day: date) -> str:
    """ "3 Mar 2026", the month named by the user's locale."""
    return QLocale().toString(QDate(day.year, day.month, day.day), "d MMM yyyy")


def month_name(month: int) -> str:
    """A month's short name as it stands alone on an axis ("Mar"), by the user's locale."""
    return QLocale().standaloneMonthName(month, QLocale.FormatType.ShortFormat)


def day_name(day: date, *, short: bool = False) -> str:
    """The weekday of ``day`` ("Tuesday", or "Tue" when ``short``), by the user's locale."""
    form = QLocale.FormatType.ShortFormat if short else QLocale.FormatType.LongFormat
    return QLocale().standaloneDayName(day.isoweekday(), form)


def date_ticks(first: date, last: date) -> list[tuple[float, str]]:
    """Ticks for a date axis from ``first`` to ``last``: month starts ("Mar", and the year at
    each January), every 1, 2 or 3 months as the span grows, or years beyond four years.

    Worked out once per drawing: pyqtgraph's ``DateAxisItem`` recomputes its ticks, with a
    time-zone lookup for each, every time it paints, and that was a quarter of the dashboard's
    painting.
    """
    span = (last - first).days
    if span > 4 * 366:
        step = 1 if span <= 12 * 366 else 2
        return [
            (day_x(date(year, 1, 1)), str(year))
            for year in range(first.year + 1, last.year + 1)
            if (year - first.year - 1) % step == 0
        ]
    months = 1 if span <= 400 else 2 if span <= 800 else 3
    ticks: list[tuple[float, str]] = []
    year, month = first.year, first.month
    while True:
        month += 1
        if month > 12:
            year, month = year + 1, 1
        start = date(year, month, 1)
        if start > last:
            return ticks
        if (month - 1) % months == 0:
            label = str(year) if month == 1 else month_name(month)
            ticks.append((day_x(start), label))


def finite(values: Iterable[float | None]) -> list[float]:
    """``values`` with None as NaN, so a line breaks at a gap (``connect="finite"``)."""
    return [math.nan if v is None else float(v) for v in values]


class Label(pg.GraphicsObject):
    """A line of plain text at a point of the plot, the same size however the plot is scaled.

    pyqtgraph's ``TextItem`` holds a ``QGraphicsTextItem`` child, and a chart drawn off
    screen (for a PNG or PDF) crashed the interpreter when the two were garbage-collected;
    this paints its text itself. ``anchor`` (0–1, 0–1) is the point of the text's box that
    sits at the position: (0, 0) its top left, (1, 1) its bottom right.
    """

    def __init__(self, text: str, colour: QColor, font: QFont, anchor: tuple[float, float]) -> None:
        super().__init__()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.label = text
        self._colour = QColor(colour)
        self._font = QFont(font)
        metrics = QFontMetricsF(self._font)
        width, height = metrics.horizontalAdvance(text) + 4, metrics.height() + 2
        self._rect = QRectF(-anchor[0] * width, -anchor[1] * height, width, height)

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt override
        return QRectF(self._rect)

    def paint(self, painter: QPainter, *args: Any) -> None:
        painter.setFont(self._font)
        painter.setPen(self._colour)
        painter.drawText(self._rect, Qt.AlignmentFlag.AlignCenter, self.label)


#: A legend's entry: (colour, name), or with a line's pen style or a point's symbol ("o", "t"…).
LegendEntry = tuple[QColor, str] | tuple[QColor, str, Qt.PenStyle] | tuple[QColor, str, str]


class LegendRow(pg.GraphicsWidget):
    """Swatches and names in a row, painted as vectors; a second row if the first is full.

    An entry is (colour, name), drawn with a square swatch, or (colour, name, pen style) for a
    series drawn as a line of that style (a dotted line's swatch is a short dotted line).
    """

    SWATCH = 9.0
    LINE_SWATCH = 16.0  # long enough to show a dash or dot pattern
    GAP = 14.0

    def __init__(self) -> None:
        super().__init__()
        self.entries: list[LegendEntry] = []
        self.colour = QColor("#666666")
        self.font = QFont()
        self.font.setPointSizeF(max(7.0, self.font.pointSizeF() * 0.8))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_entries(self, entries: Sequence[LegendEntry], colour: QColor) -> None:
        self.entries = list(entries)
        self.colour = colour
        self._relayout()

    def _line_height(self) -> float:
        return QFontMetricsF(self.font).height() + 4

    def _positions(self, width: float) -> list[tuple[float, float]]:
        metrics = QFontMetricsF(self.font)
        x = y = 0.0
        spots = []
        for _colour, name, *style in self.entries:
            swatch = self.LINE_SWATCH if style and not isinstance(style[0], str) else self.SWATCH
            advance = swatch + 4 + metrics.horizontalAdvance(name) + self.GAP
            if x > 0 and x + advance > width:
                x, y = 0.0, y + self._line_height()
            spots.append((x, y))
            x += advance
        return spots

    def _relayout(self) -> None:
        width = max(self.size().width(), 200.0)
        spots = self._positions(width)
        rows = 1 + (int(spots[-1][1] / self._line_height()) if spots else 0)
        self.setMinimumHeight(rows * self._line_height() + 2)
        self.setMaximumHeight(rows * self._line_height() + 2)
        self.update()

    def resizeEvent(self, event: QGraphicsSceneResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._relayout()

    def paint(self, painter: QPainter, *args: Any) -> None:
        painter.setFont(self.font)
        line = self._line_height()
        for (colour, name, *style), (x, y) in zip(
            self.entries, self._positions(self.size().width()), strict=True
        ):
            kind = style[0] if style else "s"  # a square swatch unless a line or a symbol
            if isinstance(kind, str):  # a point's symbol, as the plot draws it
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(colour)
                painter.drawPath(symbol_path(kind, x + self.SWATCH / 2, y + line / 2, self.SWATCH))
                x += self.SWATCH
            else:
                pen = QPen(colour, 2, kind)
                pen.setCapStyle(Qt.PenCapStyle.FlatCap)
                painter.setPen(pen)
                middle = y + line / 2
                painter.drawLine(QPointF(x, middle), QPointF(x + self.LINE_SWATCH, middle))
                x += self.LINE_SWATCH
            painter.setPen(self.colour)
            painter.drawText(QRectF(x + 4, y, 400, line), Qt.AlignmentFlag.AlignVCenter, name)


#: Hidden views waiting for their deferred deletion (kept so Python cannot delete them first).
_PENDING_DELETE: set[pg.GraphicsView] = set()


def _delete_later(view: pg.GraphicsView) -> None:
    """The garbage collector's way out for a chart nobody released. On the view's own thread
    it is deleted at once. But the collector may run on any thread (a worker's), and a Qt
    object deleted on another thread leaves its timers behind to fire on freed memory; so there
    the view (with its scene and items) is handed to its event loop with ``deleteLater`` and
    held here until it is gone, so that dropping the last Python reference cannot delete it
    on the wrong thread."""
    if not shiboken6.isValid(view):
        return
    if QThread.currentThread() == view.thread():
        shiboken6.delete(view)  # its own thread: at once, before the chart's items are cleared
        return
    _PENDING_DELETE.add(view)
    view.destroyed.connect(lambda *_: _PENDING_DELETE.discard(view))
    view.deleteLater()


class Chart:
    """One chart drawn into a ``ChartPlot``; subclasses implement ``draw``."""

    #: Shown above the chart; the ⓘ explains it with ``info`` (what it shows and its formula).
    #: Both are English marked with ``QT_TRANSLATE_NOOP("Chart", …)``: show ``shown_title``
    #: and ``shown_info``, translated when asked for. ``info`` quotes the domain's formulas
    #: as ``{0}``, ``{1}`` …, filled in from ``info_formulas`` when shown (the domain
    #: translates its own formulas, so they cannot be part of the marked text).
    title = ""
    info = ""
    #: Room for the left axis's tick labels, in pixels. Fixed, so that drawing the ticks
    #: never resizes the plot and makes pyqtgraph lay it out and paint it a second time.
    left_axis_width = 34
    #: How far the arrow keys move through ``hits`` (in their order) from the chosen point:
    #: (left and right, up and down). A chart laid out as a grid steps a row's length sideways.
    arrow_steps = (1, 1)

    def __init__(self, palette: ChartPalette | None = None) -> None:
        self.palette = palette or ChartPalette.light()
        self.plot = ChartPlot()
        self.plot.vb.setMouseEnabled(x=False, y=False)
        self.plot.vb.setDefaultPadding(0.04)
        self._legend: LegendRow | None = None
        self._offscreen_view: pg.GraphicsView | None = None
        self.series: Any = None
        self.hits: list[Hit] = []
        self.empty_text: str | None = None
        self.headline = ""
        self.summary = ""
        self._style_axes()

    @property
    def shown_title(self) -> str:
        """``title`` in the user's language."""
        return chart_text(self.title)

    @property
    def shown_info(self) -> str:
        """``info`` in the user's language, with the formulas it quotes."""
        formulas = self.info_formulas()
        return chart_text(self.info).format(*formulas) if formulas else chart_text(self.info)

    def info_formulas(self) -> tuple[str, ...]:
        """The domain's formulas ``info`` quotes as {0}, {1} …, in the user's language."""
        return ()

    # -- drawing -----------------------------------------------------------------------------
    def show(self, series: Any) -> None:
        """Draw ``series`` afresh (None: nothing loaded yet)."""
        self.series = series
        self.plot.clear()
        for name in ("left", "bottom"):
            axis = self.plot.getAxis(name)
            axis.setTicks(None)
            if axis.labelText:  # (setting it costs an HTML layout even when it is empty)
                self.plot.setLabel(name, None)
        if self._legend is not None:
            self._legend.set_entries([], self.palette.muted)
            self._legend.setVisible(False)
        self.hits = []
        self.empty_text = None
        self.headline = ""
        self.summary = ""
        if series is not None:
            with self.plot.drawing():
                self.draw(series)

    def draw(self, series: Any) -> None:
        raise NotImplementedError

    def set_palette(self, palette: ChartPalette) -> None:
        """Recolour for a new theme, redrawing what is shown."""
        self.palette = palette
        self._style_axes()
        if self.series is not None:
            self.show(self.series)

    def _style_axes(self) -> None:
        font = tick_font()
        for name in ("left", "bottom"):
            axis = self.plot.getAxis(name)
            # No SI prefixes (ticks are days, counts and ratings): pyqtgraph re-lays the
            # label out as HTML at every range change to update one.
            axis.enableAutoSIPrefix(False)
            axis.setPen(pg.mkPen(self.palette.grid))
            axis.setTextPen(pg.mkPen(self.palette.muted))
            axis.setStyle(tickFont=font, tickLength=-4, autoExpandTextSpace=False)
            axis.label.setDefaultTextColor(self.palette.muted)
        self.plot.getAxis("left").setStyle(tickTextWidth=self.left_axis_width)

    # -- helpers for subclasses --------------------------------------------------------------
    def pen(
        self, colour: QColor, width: float = 2.0, style: Qt.PenStyle = Qt.PenStyle.SolidLine
    ) -> QPen:
        pen: QPen = pg.mkPen(colour, width=width)
        pen.setStyle(style)
        pen.setCosmetic(True)
        return pen

    def brushes(self, colours: Sequence[QColor]) -> list[QBrush]:
        """One brush per point, the same object for the same colour.

        pyqtgraph renders each scatter symbol once per distinct (size, pen, brush) *object*;
        sharing them keeps a thousand points down to a handful of renders.
        """
        made: dict[int, QBrush] = {}
        result = []
        for colour in colours:
            key = colour.rgba()
            brush = made.get(key)
            if brush is None:
                brush = made[key] = pg.mkBrush(colour)
            result.append(brush)
        return result

    def pens(self, colours: Sequence[QColor], width: float = 1.0) -> list[QPen]:
        """One pen per point, shared by colour (see ``brushes``)."""
        made: dict[int, QPen] = {}
        result = []
        for colour in colours:
            key = colour.rgba()
            pen = made.get(key)
            if pen is None:
                pen = made[key] = pg.mkPen(colour, width=width)
            result.append(pen)
        return result

    def text(
        self,
        text: str,
        x: float,
        y: float,
        *,
        colour: QColor | None = None,
        anchor: tuple[float, float] = (0.0, 0.0),
        bold: bool = False,
        scale: float = 0.85,
    ) -> Label:
        """Plain text placed at (x, y) in data coordinates (never interpreted as HTML)."""
        font = QFont()
        font.setPointSizeF(max(7.0, font.pointSizeF() * scale))
        font.setBold(bold)
        item = Label(text, colour or self.palette.muted, font, anchor)
        item.setPos(x, y)
        self.plot.addItem(item, ignoreBounds=True)
        return item

    def legend(self, entries: Sequence[LegendEntry]) -> None:
        """A one-line legend (a swatch and a name each, see ``LegendRow``) under the x axis,
        where it hides no data."""
        if self._legend is None:
            self._legend = LegendRow()
            self.plot.layout.addItem(self._legend, 4, 1)
        self._legend.set_entries(entries, self.palette.muted)
        self._legend.setVisible(bool(entries))

    def set_date_range(self, first: date, last: date) -> None:
        """Show the days from ``first`` to ``last`` (the dashboard's range), whatever the data,
        with month or year ticks on the x axis (see ``date_ticks``)."""
        self.plot.setXRange(day_x(first), day_x(last), padding=0.02)
        self.set_x_ticks(date_ticks(first, last))

    def set_y_ticks(self, ticks: Sequence[tuple[float, str]]) -> None:
        self.plot.getAxis("left").setTicks([list(ticks)])

    def set_x_ticks(self, ticks: Sequence[tuple[float, str]]) -> None:
        self.plot.getAxis("bottom").setTicks([list(ticks)])

    # -- pointing ----------------------------------------------------------------------------
    def hit_at(self, scene_pos: QPointF) -> Hit | None:
        """The hit under ``scene_pos``: an area containing it, else the nearest point within
        ``HIT_RADIUS_PX`` pixels."""
        vb = self.plot.vb
        if not self.hits or not vb.sceneBoundingRect().contains(scene_pos):
            return None
        # Qt's own mapping (pyqtgraph's needs the item to be on screen), once the view box has
        # applied its latest range.
        vb.updateMatrix()
        at = QGraphicsItem.mapFromScene(vb.childGroup, scene_pos)
        x, y = at.x(), at.y()
        for hit in self.hits:
            if hit.box is not None:
                x0, y0, x1, y1 = hit.box
                if min(x0, x1) <= x <= max(x0, x1) and min(y0, y1) <= y <= max(y0, y1):
                    return hit
        view_rect, box = vb.viewRect(), vb.boundingRect()
        if not box.width() or not box.height():
            return None
        width = view_rect.width() / box.width()  # data units per pixel
        height = view_rect.height() / box.height()
        best: Hit | None = None
        best_distance = HIT_RADIUS_PX**2
        for hit in self.hits:
            if hit.box is not None:
                continue
            distance = ((hit.x - x) / width) ** 2 + ((hit.y - y) / height) ** 2
            if distance <= best_distance:
                best, best_distance = hit, distance
        return best

    def scene_pos_of(self, hit: Hit) -> QPointF:
        """Where ``hit`` sits in the scene (tests click there)."""
        self.plot.vb.updateMatrix()
        return QGraphicsItem.mapToScene(self.plot.vb.childGroup, QPointF(*hit.centre))

    # -- painting ----------------------------------------------------------------------------
    def ensure_scene(self, size: QSizeF | None = None) -> pg.GraphicsScene:
        """The plot's scene. A chart that is not on screen gets a hidden view of its own (so
        that pyqtgraph can map between view and scene as it does on screen), laid out at
        ``size`` in points (640 × 360 by default)."""
        if self.plot.scene() is None:
            self._offscreen_view = pg.GraphicsView()  # never shown
            self._offscreen_view.setCentralItem(self.plot)
            # The view must go first, in Qt's order (its scene and items with it): left to the
            # garbage collector, an item could drop the scene's last reference while being
            # destroyed, and the scene then destroyed that item a second time. ``release``
            # does it at once; a chart dropped without it is deleted by the event loop.
            self._finalizer = weakref.finalize(self, _delete_later, self._offscreen_view)
            size = size or QSizeF(640, 360)
        view = self._offscreen_view
        # A chart on screen keeps the size its view gives it; one off screen takes ``size``.
        if size is not None and view is not None and self.plot.size() != size:
            view.resize(int(size.width()), int(size.height()))
            self.plot.setGeometry(QRectF(QPointF(0, 0), size))
            self.plot.layout.activate()
        return self.plot.scene()

    def release(self) -> None:
        """Delete this off-screen chart's hidden view, scene and items now (on the GUI
        thread, where they were made); the chart cannot be painted after."""
        view, self._offscreen_view = self._offscreen_view, None
        if view is not None:
            self._finalizer.detach()
            if shiboken6.isValid(view):
                shiboken6.delete(view)

    def paint(self, painter: QPainter, target: QRectF, *, size: QSizeF | None = None) -> None:
        """Draw the chart into ``target`` on ``painter`` as vectors.

        Off screen, the plot is laid out at ``size`` (default 640 × 360); on screen it keeps
        its view's size. Either way it is scaled to fill ``target``, so axis text keeps its
        size relative to the chart whatever the painter's resolution.
        """
        scene = self.ensure_scene(size)
        # What a view's paint event does first, and ``render`` does not: lay the plot out
        # (the legend, added after the last layout), and let the view box apply its range.
        self.plot.layout.activate()
        scene.prepareForPaint()
        self.plot.vb.updateMatrix()
        source = self.plot.sceneBoundingRect()
        # Export mode: scatter points are drawn as shapes rather than stamped from a cached
        # pixmap, so they stay vectors (and a thousand of them a few kilobytes, not megabytes).
        items = [item for item in scene.items() if hasattr(item, "setExportMode")]
        for item in items:
            item.setExportMode(True, {"antialias": True})
        painter.save()
        painter.setBrush(Qt.BrushStyle.NoBrush)  # as a fresh painter on screen would start
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        try:
            scene.render(painter, target, source, Qt.AspectRatioMode.IgnoreAspectRatio)
        finally:
            painter.restore()
            for item in items:
                item.setExportMode(False)

    def to_image(self, width: int, height: int, *, scale: float = 2.0) -> QImage:
        """The chart alone as a ``QImage`` of ``width`` × ``height`` points at ``scale``."""
        image = QImage(
            int(width * scale), int(height * scale), QImage.Format.Format_ARGB32_Premultiplied
        )
        image.setDevicePixelRatio(scale)
        image.fill(self.palette.background)
        painter = QPainter(image)
        try:
            self.paint(painter, QRectF(0, 0, width, height), size=QSizeF(width, height))
        finally:
            painter.end()
        return image
