"""The weekly reflection over the weeks: the habit's strength and streak, and the self-ratings."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter

from advisor_planner.charts.base import (
    Chart,
    Hit,
    Label,
    chart_text,
    date_ticks,
    day_x,
    finite,
    short_date,
    x_day,
)
from advisor_planner.domain.habit import habit_formula
from advisor_planner.services import clock
from advisor_planner.services.reflections import RATING_FIELDS, ReflectionHabit, WeekRatings
from advisor_planner.translation import QT_TRANSLATE_NOOP

RATING_LABELS = {
    "self_awareness": QT_TRANSLATE_NOOP("Chart", "Self-awareness"),
    "self_regulation": QT_TRANSLATE_NOOP("Chart", "Self-regulation"),
    "motivation": QT_TRANSLATE_NOOP("Chart", "Motivation"),
    "empathy": QT_TRANSLATE_NOOP("Chart", "Empathy"),
    "social_skill": QT_TRANSLATE_NOOP("Chart", "Social skill"),
}


def _sunday(week: str) -> date:
    return clock.week_bounds(week)[1]


def _rating_tip(week: str, name: str, value: int) -> str:
    return QCoreApplication.translate("Chart", "{0}\n{1}: {2} of 5").format(week, name, value)


class ReflectionHabitChart(Chart):
    title = QT_TRANSLATE_NOOP("Chart", "Reflection habit")
    info = QT_TRANSLATE_NOOP(
        "Chart",
        "How strong the weekly reflection habit is, week by week, computed as Loop Habit "
        "Tracker does: each finished week pulls the strength up, each missed week lets it "
        "slip a little (far less than resetting a streak). Filled dots are finished weeks.\n\n"
        "{0}, frequency 1/7 a day, evaluated day by day.",
    )

    def info_formulas(self) -> tuple[str, ...]:
        return (habit_formula(),)

    def draw(self, series: ReflectionHabit) -> None:
        if not any(series.done):
            self.empty_text = QCoreApplication.translate(
                "Chart",
                "No finished reflection yet. Finish this week's (Ctrl+R) and the habit's "
                "strength starts to grow from here.",
            )
            return
        palette = self.palette
        blue = palette.hue("blue")
        days = [_sunday(week) for week in series.weeks]
        x = [day_x(day) for day in days]
        strength = [value * 100 for value in series.strength]
        self.plot.addItem(pg.PlotDataItem(x, strength, pen=self.pen(blue, 2.5)))
        done_x = [at for at, done in zip(x, series.done, strict=True) if done]
        done_y = [s for s, done in zip(strength, series.done, strict=True) if done]
        missed_x = [at for at, done in zip(x, series.done, strict=True) if not done]
        missed_y = [s for s, done in zip(strength, series.done, strict=True) if not done]
        if len(x) <= 104:  # dots for up to two years of weeks; beyond, the line alone
            self.plot.addItem(
                pg.ScatterPlotItem(done_x, done_y, size=7, brush=pg.mkBrush(blue), pen=None)
            )
            self.plot.addItem(
                pg.ScatterPlotItem(
                    missed_x,
                    missed_y,
                    size=7,
                    brush=pg.mkBrush(None),
                    pen=pg.mkPen(palette.hue("orange"), width=1.5),
                )
            )
        self.plot.setYRange(0, 100, padding=0.04)
        self.set_y_ticks([(v, f"{v} %") for v in (0, 25, 50, 75, 100)])
        self.plot.showGrid(x=False, y=True, alpha=0.3)
        self.set_date_range(clock.week_bounds(series.weeks[0])[0], days[-1])
        for week, at, value, done in zip(series.weeks, x, strength, series.done, strict=True):
            tip = (
                QCoreApplication.translate("Chart", "{0}: finished; strength {1:.0f} %")
                if done
                else QCoreApplication.translate("Chart", "{0}: not finished; strength {1:.0f} %")
            )
            self.hits.append(Hit(at, value, tip.format(week, value)))
        if series.streak == 1:
            self.headline = QCoreApplication.translate(
                "Chart", "{0:.0f} % · streak 1 week (longest {1})"
            ).format(strength[-1], series.longest)
            self.summary = QCoreApplication.translate(
                "Chart", "Reflection habit strength {0:.0f} %, a streak of 1 week"
            ).format(strength[-1])
        else:
            self.headline = QCoreApplication.translate(
                "Chart", "{0:.0f} % · streak {1} weeks (longest {2})"
            ).format(strength[-1], series.streak, series.longest)
            self.summary = QCoreApplication.translate(
                "Chart", "Reflection habit strength {0:.0f} %, a streak of {1} weeks"
            ).format(strength[-1], series.streak)
        if len(x) <= 104:
            self.legend(
                [
                    (blue, QCoreApplication.translate("Chart", "finished week")),
                    (palette.hue("orange"), QCoreApplication.translate("Chart", "missed week")),
                ]
            )


#: The self-ratings' small multiples: three across, two down (five ratings and energy).
COLUMNS = 3
RATING_SPAN = 4.0  # 1 to 5, the height of a panel in data units
ROW_GAP = 2.6  # between one row's panels and the next row's, room for the titles
TICKS_PER_PANEL = 2


class PanelTitle(Label):
    """A panel's title, its name cut short ("Self-awa… · 3", the rating kept) where the panel
    is narrower than it: the panels' width in pixels changes with the plot's, and a title
    running into the next panel's made both unreadable. Its bottom left sits at its position."""

    def __init__(self, name: str, value: str, colour: QColor, font: QFont, span: float) -> None:
        super().__init__(name + value, colour, font, (0.0, 1.0))
        self.name, self.value = name, value
        self.span = span  # the panel's width, in data units

    def shown_text(self) -> str:
        """The title as it fits the panel's width now."""
        view = self.getViewBox()
        per_pixel = view.viewPixelSize()[0] if view is not None else 0.0
        if not per_pixel:
            return self.label
        metrics = QFontMetricsF(self._font)
        room = self.span / per_pixel
        if metrics.horizontalAdvance(self.label) <= room:
            return self.label
        room -= metrics.horizontalAdvance(self.value)
        return metrics.elidedText(self.name, Qt.TextElideMode.ElideRight, room) + self.value

    def paint(self, painter: QPainter, *args: Any) -> None:
        painter.setFont(self._font)
        painter.setPen(self._colour)
        align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        painter.drawText(self._rect, align, self.shown_text())


@dataclass(frozen=True, slots=True)
class Panel:
    """One small chart of the self-ratings: a rating's line in its own box of the plot. The
    panels share their lines' items (``line``: the rating's points are ``start:stop`` of its
    data, after the panels before it and a NaN between each)."""

    field: str
    title: str
    left: float  # the box's x range and the y of its rating 1, in data units
    right: float
    base: float
    line: pg.PlotDataItem
    start: int
    stop: int
    points: int  # weeks with a value


@dataclass(slots=True)
class _Lines:
    """Points of several panels' lines for one item, each panel's after a NaN break."""

    x: list[float]
    y: list[float]

    def add(self, x: list[float], y: list[float]) -> tuple[int, int]:
        if self.x:
            self.x.append(math.nan)
            self.y.append(math.nan)
        start = len(self.x)
        self.x += x
        self.y += y
        return start, len(self.x)


class SelfRatingsChart(Chart):
    """The five ratings and energy as small multiples: one small chart each, in a grid,
    sharing the weeks and the 1–5 scale, each titled with its name and latest value.

    Six lines on one set of axes crossed each other into a tangle. The panels are boxes
    of one view box, side by side in data units, so hover, click, the keyboard's steps and
    painting to PNG or PDF work as for any chart; Left and Right step through a panel's
    weeks, Up and Down to the same week in the panel before or after.

    The six panels' grids are one item and their lines two (the ratings' colour, energy's):
    an item each was twelve, and adding and painting them took 150 ms of one turn on ten
    years of weeks (each item added walks the scene and the view box), against about 50.
    """

    title = QT_TRANSLATE_NOOP("Chart", "Self-ratings")
    info = QT_TRANSLATE_NOOP(
        "Chart",
        "Your weekly self-ratings, 1 (rarely) to 5 (consistently), on Goleman's five "
        "components of emotional intelligence, and your energy: one small chart each, over "
        "the same weeks and on the same scale, titled with the latest rating.",
    )
    panels: list[Panel]

    def draw(self, weeks: list[WeekRatings]) -> None:
        self.panels = []
        if len(weeks) < 2:
            self.empty_text = QCoreApplication.translate(
                "Chart", "Rate yourself in two weekly reflections to see how you show up over time."
            )
            return
        first, last = clock.week_bounds(weeks[0].week)[0], _sunday(weeks[-1].week)
        span = day_x(last) - day_x(first)
        gap = span * 0.16
        fields = [*RATING_FIELDS, "energy"]
        rows = -(-len(fields) // COLUMNS)
        # Each week's place from the left of a panel, worked out once for the six panels.
        start = day_x(first)
        offsets = [day_x(_sunday(w.week)) - start for w in weeks]
        palette = self.palette
        grid = _Lines([], [])
        lines = {"rating": _Lines([], []), "energy": _Lines([], [])}
        placed = []
        for index, field in enumerate(fields):
            row, column = divmod(index, COLUMNS)
            left = column * (span + gap)
            base = (rows - 1 - row) * (RATING_SPAN + ROW_GAP)
            values = [w.energy if field == "energy" else w.ratings.get(field) for w in weeks]
            x = [left + offset for offset in offsets]
            y = finite(None if v is None else base + v - 1 for v in values)
            for level in (base, base + RATING_SPAN / 2, base + RATING_SPAN):
                grid.x += [left, x[-1]]
                grid.y += [level, level]
            kind = "energy" if field == "energy" else "rating"
            placed.append((field, values, x, left, base, kind, lines[kind].add(x, y)))
        self.plot.addItem(
            pg.PlotDataItem(grid.x, grid.y, connect="pairs", pen=self.pen(palette.grid, 1))
        )
        items = {}
        for kind, points in lines.items():
            colour = palette.hue("grey" if kind == "energy" else "blue")
            items[kind] = pg.PlotDataItem(
                points.x, points.y, connect="finite", pen=self.pen(colour, 1.8),
                symbol="o" if len(weeks) <= 40 else None, symbolSize=4, symbolBrush=colour,
                symbolPen=None,
            )  # fmt: skip
            self.plot.addItem(items[kind])
        for field, values, x, left, base, kind, (begin, end) in placed:
            line = items[kind]
            self._panel(weeks, field, values, x, (left, base), line, begin, end)
        self._frame(rows, span, gap, first, last)
        self._describe(weeks)

    def _panel(
        self,
        weeks: list[WeekRatings],
        field: str,
        values: list[int | None],
        x: list[float],
        corner: tuple[float, float],
        line: pg.PlotDataItem,
        start: int,
        stop: int,
    ) -> None:
        """One rating's small chart over its grid and line (drawn already, with the other
        panels'): its title and hits. ``corner``: the box's left and the y of its rating 1."""
        (left, base), right = corner, x[-1]
        name = (
            QCoreApplication.translate("Chart", "Energy")
            if field == "energy"
            else chart_text(RATING_LABELS[field])
        )
        given = [v for v in values if v is not None]
        latest = QCoreApplication.translate("Chart", " · {0}").format(given[-1]) if given else ""
        title = name + latest
        font = QFont()
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.8))
        font.setBold(True)
        heading = PanelTitle(name, latest, self.palette.foreground, font, right - left)
        heading.setPos(left, base + RATING_SPAN + 0.5)
        self.plot.addItem(heading, ignoreBounds=True)
        for w, at, value in zip(weeks, x, values, strict=True):
            if value is not None:  # (the tooltip written when asked for)
                self.hits.append(
                    Hit(at, base + value - 1, partial(_rating_tip, w.week, name, value))
                )
        self.panels.append(Panel(field, title, left, right, base, line, start, stop, len(given)))

    def _frame(self, rows: int, span: float, gap: float, first: date, last: date) -> None:
        """The ranges and ticks the panels share: 1 and 5 beside each row, and a few dates
        under each column."""
        top = (rows - 1) * (RATING_SPAN + ROW_GAP) + RATING_SPAN + ROW_GAP * 0.75
        self.plot.setYRange(-0.5, top, padding=0)
        right = COLUMNS * span + (COLUMNS - 1) * gap
        self.plot.setXRange(-span * 0.03, right + span * 0.03, padding=0)
        y_ticks = []
        for row in range(rows):
            base = row * (RATING_SPAN + ROW_GAP)
            y_ticks += [(base, "1"), (base + RATING_SPAN, "5")]
        self.set_y_ticks(y_ticks)
        start = day_x(first)
        inner = [
            (at, text)
            for at, text in date_ticks(first, last)
            if start + span * 0.1 <= at <= start + span * 0.9
        ]
        step = max(1, -(-len(inner) // TICKS_PER_PANEL))
        chosen = inner[::step] or [(start + span / 2, short_date(x_day(start + span / 2)))]
        self.set_x_ticks(
            [
                (column * (span + gap) + at - start, text)
                for column in range(COLUMNS)
                for at, text in chosen
            ]
        )
        # Up and Down step to the same week in the panel before or after, when every panel
        # has a point each week.
        counts = {panel.points for panel in self.panels}
        self.arrow_steps = (1, counts.pop()) if len(counts) == 1 else (1, 1)

    def _describe(self, weeks: list[WeekRatings]) -> None:
        latest = weeks[-1]
        scores = [s for s in latest.ratings.values() if s is not None]
        mean = sum(scores) / len(scores) if scores else None
        self.headline = (
            QCoreApplication.translate("Chart", "latest mean {0:.1f}").format(mean)
            if mean is not None
            else ""
        )
        self.summary = QCoreApplication.translate(
            "Chart", "Self-ratings over {0} weeks; latest: {1}"
        ).format(len(weeks), ", ".join(panel.title for panel in self.panels))
