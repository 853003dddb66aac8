"""``ChartView``: a chart on screen, with its title, headline, ⓘ, hover, click and PNG export.

The view shows one ``Chart``: a header line (title, headline figure, any extra controls such as
a measure picker, and an ⓘ button explaining what the chart shows and its formula), then either
the plot or, when the chart has too little data, the sentence saying what is missing.

- Hovering a point shows its values and date; clicking it emits ``activated`` with the
  ``RecordLink`` to open (the window decides how to open it).
- From the keyboard: Tab into the plot (which rings its first point at once), then the arrow
  keys (Home, End) step through its points in the chart's own order (by date, by person, by
  goal; the calendar moves a week sideways and a day up or down, as its cells lie), each
  ringed and told as its tooltip and accessible description; Enter opens it, Escape lets go.
- Right-click offers "Save chart as PNG…".
- ``drawn`` fires once the view has painted what the last ``set_series`` gave it (the
  dashboard benchmark waits on it).
- A palette change (light ↔ dark) recolours the chart.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QFocusEvent,
    QFont,
    QImage,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPixmap,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QFrame,
    QGraphicsItem,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QMenu,
    QStackedWidget,
    QToolTip,
    QVBoxLayout,
    QWhatsThis,
    QWidget,
)

from advisor_planner import file_dialogs
from advisor_planner.charts.base import Chart, Hit, tooltip_html
from advisor_planner.charts.info import ElidingLabel, InfoButton, reading_tooltip
from advisor_planner.charts.palette import ChartPalette

TITLE_HEIGHT = 28  # points above the chart in a saved PNG, for its title and headline


class _PlotView(pg.GraphicsView):
    """The graphics view holding the chart's plot; says when it has painted, and hands its
    keys to ``on_key`` first (which returns True for a key it used).

    Its scene is activated once, when first shown, and stays so while the view is hidden and
    shown again: ``QGraphicsView`` deactivates its scene on every hide and activates it on
    every show, and each graphics widget (the plot, its view box, axes and their labels)
    answers the activation with an ``update()`` of itself, which the scene handles on a later
    pass. The dashboard shown again after another section painted each chart on screen two or
    three times in one turn (30-60 ms more on the large demo). The charts' colours are their
    own (``ChartPalette``), not the active or inactive palette's, so nothing shown depends on it.

    It keeps what it drew as a picture and paints that while its scene is unchanged: showing
    the page again, scrolling or a window above it moving cost a copy (under a millisecond)
    instead of painting every item again (2-16 ms a chart on the large demo, its axes' text
    the most). The picture is dropped when the scene changes (its ``changed`` signal, and at
    once by ``forget_picture`` when the chart's series or palette is set), or the size or
    pixel ratio does.
    """

    painted = Signal()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.on_key: Callable[[QKeyEvent], bool] | None = None
        self.on_focus: Callable[[Qt.FocusReason], None] | None = None
        self._shown_once = False
        self._picture: QPixmap | None = None
        self._just_drawn = False
        self.scene().changed.connect(self._scene_changed)

    def forget_picture(self, *_changed: object) -> None:
        """Draw the scene again at the next paint (it changed, or is about to)."""
        self._picture = None

    def _scene_changed(self, _regions: object) -> None:
        if self._just_drawn:  # the notice of what the paint itself settled (one at most)
            self._just_drawn = False
            return
        self._picture = None

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        self._picture = None
        super().resizeEvent(event)

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if kind in (QEvent.Type.Show, QEvent.Type.Hide) and self._shown_once:
            # Past QGraphicsView's (de)activation of the scene, to the scroll area's handling.
            return QAbstractScrollArea.viewportEvent(self, event)
        if kind == QEvent.Type.Show:
            self._shown_once = True
        return bool(super().viewportEvent(event))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        viewport = self.viewport()
        ratio = viewport.devicePixelRatioF()
        picture = self._picture
        if picture is None or picture.size() != viewport.size() * ratio:
            picture = self._draw_picture(ratio)
        painter = QPainter(viewport)
        try:
            exposed = QRectF(event.rect())
            source = QRectF(
                exposed.x() * ratio, exposed.y() * ratio, exposed.width() * ratio,
                exposed.height() * ratio,
            )  # fmt: skip
            painter.drawPixmap(exposed, picture, source)
        finally:
            painter.end()
        self.painted.emit()

    def _draw_picture(self, ratio: float) -> QPixmap:
        """The whole scene as the viewport shows it, drawn into a picture kept for later.

        The scene tells of its changes on a later turn (``changed`` is queued): those made
        while its view boxes settle their ranges here and while it is drawn are in the
        picture, so the first notice that comes before the event loop's next pass is not
        taken for changes still to draw (one at most: a later one is a later change). It was,
        and each new series was drawn two or three times (the self-ratings' six panels on
        ten years of weeks: 15-20 ms each time).
        (Taking the notices at once, by sending the scene's posted calls from here, crashed
        the interpreter later in a garbage collection.)"""
        scene = self.scene()
        scene.prepareForPaint()  # (pyqtgraph's view boxes settle their ranges here)
        area = self.viewport().rect()
        picture = QPixmap(area.size() * ratio)
        picture.setDevicePixelRatio(ratio)
        brush = self.backgroundBrush()
        opaque = brush.style() != Qt.BrushStyle.NoBrush
        picture.fill(brush.color() if opaque else QColor(Qt.GlobalColor.transparent))
        painter = QPainter(picture)
        try:
            painter.setRenderHints(self.renderHints())
            QGraphicsView.render(self, painter, QRectF(area), area)
        finally:
            painter.end()
        self._picture = picture
        if not self._just_drawn:  # (the scene's notice, queued already, comes before this)
            self._just_drawn = True
            QTimer.singleShot(0, self, self._drawn)
        return picture

    def _drawn(self) -> None:
        self._just_drawn = False

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if self.on_key is not None and self.on_key(event):
            event.accept()
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        super().focusInEvent(event)
        if self.on_focus is not None:
            self.on_focus(event.reason())

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        super().focusOutEvent(event)
        QToolTip.hideText()


class _FocusRing(pg.GraphicsObject):
    """A ring around the point chosen from the keyboard, the same size at any zoom."""

    RADIUS = 8.0

    def __init__(self, colour: QColor) -> None:
        super().__init__()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.setZValue(10)
        self._pen = QPen(colour, 2)

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt override
        r = self.RADIUS + 2
        return QRectF(-r, -r, 2 * r, 2 * r)

    def paint(self, painter: QPainter, *args: Any) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(self._pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(QPointF(0, 0), self.RADIUS, self.RADIUS)


class _EmptyLabel(QLabel):
    painted = Signal()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        self.painted.emit()


class ChartView(QFrame):
    """A ``Chart`` in a panel: header, plot or empty message, hover, click, save."""

    activated = Signal(object)  # the RecordLink of the point clicked
    drawn = Signal()

    def __init__(
        self,
        chart: Chart,
        parent: QWidget | None = None,
        *,
        controls: tuple[QWidget, ...] = (),
        minimum_height: int = 210,
    ) -> None:
        super().__init__(parent)
        self.chart = chart
        self.setObjectName(f"chart_{type(chart).__name__}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.setAccessibleName(chart.shown_title)
        self.setMinimumHeight(minimum_height)
        self._waiting_for_paint = False
        self.has_data = False
        self.last_hit: Hit | None = None
        self.key_index: int | None = None  # the point chosen from the keyboard
        self._ring: _FocusRing | None = None

        # Made in this order, which is also the order Tab visits them in.
        header = self._make_header(controls)
        self.view = self._make_plot_view()
        self.empty = self._make_empty_label()
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.empty)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(1, 1, 1, 4)
        layout.setSpacing(0)
        layout.addLayout(header)
        layout.addWidget(self.stack, 1)
        self._apply_palette()
        self.set_loading()

    def _make_header(self, controls: tuple[QWidget, ...]) -> QHBoxLayout:
        """The line above the plot: bold title, headline figure, ``controls`` and the ⓘ."""
        chart = self.chart
        self.title_label = QLabel(chart.shown_title, self)
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)
        font = QFont(self.title_label.font())
        font.setBold(True)
        self.title_label.setFont(font)
        self.headline_label = ElidingLabel(self)  # "…" and the tooltip where room runs out
        self.headline_label.setObjectName("headline")
        self.info_button = InfoButton(chart.shown_info, self.tr("About this chart"), self)
        self.info_button.setObjectName("chartInfo")
        self.info_button.clicked.connect(self.show_info)

        header = QHBoxLayout()
        header.setContentsMargins(10, 6, 4, 0)
        header.setSpacing(8)
        header.addWidget(self.title_label)
        header.addWidget(self.headline_label, 1)
        for control in controls:
            header.addWidget(control)
        header.addWidget(self.info_button)
        return header

    def _make_plot_view(self) -> _PlotView:
        """The graphics view showing the chart's plot, wired for hover, click and keys."""
        view = _PlotView(self, background=None)
        view.setObjectName("plotView")
        view.setCentralItem(self.chart.plot)
        view.setFrameShape(QFrame.Shape.NoFrame)
        view.setAccessibleName(self.chart.shown_title)
        view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        view.on_key = self._key
        view.on_focus = self._focused
        view.painted.connect(self._on_painted)
        scene = view.scene()
        scene.sigMouseMoved.connect(self._hover)
        scene.sigMouseClicked.connect(self._click)
        return view

    def _make_empty_label(self) -> _EmptyLabel:
        """What shows instead of the plot: "Loading…", or the sentence saying what is missing."""
        empty = _EmptyLabel(self)
        empty.setObjectName("chartEmpty")
        empty.setTextFormat(Qt.TextFormat.PlainText)
        empty.setWordWrap(True)
        empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        empty.setContentsMargins(24, 12, 24, 12)
        empty.painted.connect(self._on_painted)
        return empty

    # -- content -----------------------------------------------------------------------------
    def set_loading(self) -> None:
        self.empty.setText(self.tr("Loading…"))
        self.stack.setCurrentWidget(self.empty)

    def set_series(self, series: Any) -> None:
        """Draw ``series``, or say what is missing; ``drawn`` follows the next paint.

        A series equal to the one shown (a reload after an unrelated change) is not redrawn.
        """
        if self.has_data and series == self.chart.series:
            return
        self.key_index = None  # (the redraw clears the plot, ring and all)
        self.chart.show(series)
        # Its ranges settled now, so the paint that follows is the only one; the picture kept
        # is dropped before a paint can come (the scene says it changed only on a later turn).
        self.view.scene().prepareForPaint()
        self.view.forget_picture()
        self.has_data = True
        self._sync()
        self._waiting_for_paint = True
        shown = self.stack.currentWidget()
        if shown is not None:  # (always: the stack holds the plot and the message)
            shown.update()

    def _sync(self) -> None:
        chart = self.chart
        self.headline_label.setText(chart.headline)
        self.headline_label.setToolTip(tooltip_html(chart.headline) if chart.headline else "")
        if chart.empty_text:
            self.empty.setText(chart.empty_text)
            self.stack.setCurrentWidget(self.empty)
            self.setAccessibleDescription(chart.empty_text)
        else:
            self.stack.setCurrentWidget(self.view)
            self.setAccessibleDescription(chart.summary)
            self.view.setAccessibleDescription(chart.summary)

    def _on_painted(self) -> None:
        if self._waiting_for_paint:
            self._waiting_for_paint = False
            self.drawn.emit()

    @property
    def drawn_pending(self) -> bool:
        return self._waiting_for_paint

    # -- pointing ----------------------------------------------------------------------------
    def _hover(self, scene_pos: QPointF) -> None:
        hit = self.chart.hit_at(scene_pos)
        self.last_hit = hit
        if hit is None:
            QToolTip.hideText()
            self.view.unsetCursor()
            return
        self.view.setCursor(
            Qt.CursorShape.PointingHandCursor if hit.link else Qt.CursorShape.ArrowCursor
        )
        at = self.view.mapToGlobal(self.view.mapFromScene(scene_pos))
        QToolTip.showText(at + QPoint(12, 12), tooltip_html(hit.text), self.view)

    def _click(self, event: Any) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        hit = self.chart.hit_at(event.scenePos())
        if hit is not None and hit.link is not None:
            event.accept()
            self.activated.emit(hit.link)

    def _key(self, event: QKeyEvent) -> bool:
        hits = self.chart.hits
        if self.key_index is not None and self.key_index >= len(hits):
            self.key_index = None
        key = event.key()
        if key == Qt.Key.Key_Escape and self.key_index is not None:
            self.choose(None)
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.key_index is not None:
            link = hits[self.key_index].link
            if link is not None:
                self.activated.emit(link)
            return True
        across, down = self.chart.arrow_steps
        steps: dict[int, int] = {
            Qt.Key.Key_Right: across,
            Qt.Key.Key_Left: -across,
            Qt.Key.Key_Down: down,
            Qt.Key.Key_Up: -down,
        }
        if not hits or key not in (*steps, Qt.Key.Key_Home, Qt.Key.Key_End):
            return False
        if key == Qt.Key.Key_Home:
            index = 0
        elif key == Qt.Key.Key_End:
            index = len(hits) - 1
        elif self.key_index is None:
            index = 0 if steps[key] > 0 else len(hits) - 1
        else:
            index = min(max(self.key_index + steps[key], 0), len(hits) - 1)
        self.choose(index)
        return True

    def _focused(self, reason: Qt.FocusReason) -> None:
        # Reached from the keyboard, the plot rings a point at once (the one chosen before, or
        # the first) rather than showing nothing until the first arrow key.
        keyboard = (
            Qt.FocusReason.TabFocusReason,
            Qt.FocusReason.BacktabFocusReason,
            Qt.FocusReason.ShortcutFocusReason,
        )
        hits = self.chart.hits
        if reason in keyboard and hits:
            chosen = self.key_index
            self.choose(chosen if chosen is not None and chosen < len(hits) else 0)

    def choose(self, index: int | None) -> None:
        """Ring the point ``chart.hits[index]`` and tell its text (None: let go)."""
        self.key_index = index
        if index is None:
            if self._ring is not None:
                self._ring.hide()
                self.view.forget_picture()
            QToolTip.hideText()
            self.view.setAccessibleDescription(self.chart.summary)
            return
        hit = self.chart.hits[index]
        if self._ring is None or self._ring not in self.chart.plot.items:  # (a redraw cleared it)
            self._ring = _FocusRing(self.chart.palette.foreground)
            self.chart.plot.addItem(self._ring, ignoreBounds=True)
        self._ring.setPos(*hit.centre)
        self._ring.show()
        self.view.forget_picture()
        scene_pos = self.chart.scene_pos_of(hit)
        at = self.view.mapToGlobal(self.view.mapFromScene(scene_pos))
        QToolTip.showText(at + QPoint(12, 12), tooltip_html(hit.text), self.view)
        self.view.setAccessibleDescription(hit.text)

    def show_info(self) -> None:
        at = self.info_button.mapToGlobal(self.info_button.rect().bottomLeft())
        QWhatsThis.showText(at, reading_tooltip(self.chart.shown_info), self.info_button)

    # -- saving ------------------------------------------------------------------------------
    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 - Qt override
        self.context_menu().exec(event.globalPos())

    def context_menu(self) -> QMenu:
        menu = QMenu(self)
        save = menu.addAction(self.tr("Save chart as PNG…"))
        save.setObjectName("saveChartPng")
        save.setEnabled(self.stack.currentWidget() is self.view)
        save.triggered.connect(self.ask_save_png)
        return menu

    def ask_save_png(self) -> Path | None:
        name = "".join(c if c.isalnum() else "-" for c in self.chart.shown_title.lower()).strip("-")
        path, _ = file_dialogs.save_file_name(
            self, self.tr("Save chart as PNG"), f"{name}.png", self.tr("PNG images (*.png)")
        )
        if not path:
            return None
        if not path.lower().endswith(".png"):
            path += ".png"
        if not self.save_png(Path(path)):
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.warning(
                self,
                self.tr("Could not save the chart"),
                self.tr("The image could not be written to {0}.").format(path),
            )
            return None
        return Path(path)

    def image(self, scale: float = 2.0) -> QImage:
        """The chart with its title and headline, as drawn now, at ``scale`` × resolution."""
        size = self.view.size()
        width, height = size.width(), size.height() + TITLE_HEIGHT
        image = QImage(
            int(width * scale), int(height * scale), QImage.Format.Format_ARGB32_Premultiplied
        )
        image.setDevicePixelRatio(scale)
        palette = self.chart.palette
        image.fill(palette.background)
        ring = self._ring if self._ring is not None and self._ring.isVisible() else None
        if ring is not None:
            ring.hide()  # the keyboard's ring marks the screen, not the picture
        painter = QPainter(image)
        try:
            painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
            font = QFont(self.title_label.font())
            painter.setFont(font)
            painter.setPen(palette.foreground)
            title_rect = QRectF(10, 0, width - 20, TITLE_HEIGHT)
            painter.drawText(title_rect, Qt.AlignmentFlag.AlignVCenter, self.chart.shown_title)
            title_width = painter.fontMetrics().horizontalAdvance(self.chart.shown_title)
            painter.setFont(self.headline_label.font())
            painter.setPen(palette.muted)
            painter.drawText(
                title_rect.adjusted(title_width + 10, 0, 0, 0),
                Qt.AlignmentFlag.AlignVCenter,
                self.chart.headline,
            )
            self.chart.paint(painter, QRectF(0, TITLE_HEIGHT, width, size.height()))
        finally:
            painter.end()
            if ring is not None:
                ring.show()
        return image

    def save_png(self, path: Path) -> bool:
        """Write the chart as a PNG (atomically: a failed write leaves no partial file and the
        old one as it was); False if it could not be written whole."""
        from advisor_planner import atomic

        image = self.image()
        try:
            with atomic.replacing(path, check=atomic.check_tail(b"IEND", "PNG")) as temporary:
                # PySide6's stub types the format as bytes, but at run time it takes only a
                # str (b"PNG" raises "wrong argument values").
                if not image.save(str(temporary), "PNG"):  # type: ignore[call-overload]
                    raise atomic.incomplete(path, "PNG")
        except OSError:
            return False
        return True

    # -- theme -------------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "view"):
            self._apply_palette()
            self._sync()

    def _apply_palette(self) -> None:
        palette = ChartPalette.from_palette(self.palette())
        self.view.setBackground(palette.background)
        if palette != self.chart.palette:
            self.chart.set_palette(palette)
        self.view.forget_picture()
        muted = QPalette(self.headline_label.palette())
        muted.setColor(QPalette.ColorRole.WindowText, palette.muted)
        self.empty.setPalette(muted)
        self.info_button.setPalette(muted)
        headline = QPalette(self.headline_label.palette())
        headline.setColor(QPalette.ColorRole.WindowText, QColor(palette.foreground))
        self.headline_label.setPalette(headline)
