"""The calendar heat map: one cell a day for a year, as GitHub draws contributions.

Columns are weeks (Monday at the top), the shade is how many touchpoints that day held, in five
steps: none, then the quartiles of the busy days. Cells are painted as vector rectangles, so
the map stays sharp in a PDF.
"""

from __future__ import annotations

import functools
from datetime import date, timedelta
from statistics import quantiles
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QRectF
from PySide6.QtGui import QColor, QPainter, QPicture

from advisor_planner.charts.base import (
    Chart,
    Hit,
    RecordLink,
    day_name,
    month_name,
    short_date,
)
from advisor_planner.services.insights.activity_series import Activity
from advisor_planner.translation import QT_TRANSLATE_NOOP

DAYS_SHOWN = 371  # 53 weeks: a year, whatever weekday it starts on
LEVELS = 4
CELL_GAP = 0.14  # of a cell, between cells


def heat_thresholds(counts: list[int], levels: int = LEVELS) -> list[int]:
    """The upper bounds of levels 1 … levels − 1: the quartiles of the days that had any
    touchpoint (so one busy week does not wash out the rest of the year)."""
    busy = sorted(c for c in counts if c > 0)
    if len(busy) < 2:
        return [busy[0] if busy else 1] * (levels - 1)
    cuts = quantiles(busy, n=levels, method="inclusive")
    return [max(1, round(c)) for c in cuts]


def heat_level(count: int, thresholds: list[int]) -> int:
    if count <= 0:
        return 0
    for level, bound in enumerate(thresholds, start=1):
        if count <= bound:
            return level
    return len(thresholds) + 1


def level_labels(thresholds: list[int]) -> list[str]:
    """What each shade means: "none", then the counts each level covers ("2–3", "7+")."""
    labels = [QCoreApplication.translate("Chart", "none")]
    low = 1
    for bound in thresholds:
        if bound < low:
            labels.append("")  # an empty level: the quartiles fell on the same count
            continue
        labels.append(str(low) if bound == low else f"{low}–{bound}")
        low = bound + 1
    labels.append(f"{low}+")
    return labels


def _day_tip(day: date, count: int) -> str:
    """ "Tuesday 3 Mar 2026: 2 touchpoints"."""
    weekday, when = day_name(day), short_date(day)
    if not count:
        return QCoreApplication.translate("Chart", "{0} {1}: no touchpoints").format(weekday, when)
    if count == 1:
        return QCoreApplication.translate("Chart", "{0} {1}: 1 touchpoint").format(weekday, when)
    return QCoreApplication.translate("Chart", "{0} {1}: {2} touchpoints").format(
        weekday, when, count
    )


class CalendarCells(pg.GraphicsObject):
    """Rectangles at (column, row) in data units, each with its own colour."""

    def __init__(self, cells: list[tuple[int, int, QColor]]) -> None:
        super().__init__()
        self._bounds = QRectF(0, 0, 1, 7)
        self._picture = QPicture()
        painter = QPainter(self._picture)
        painter.setPen(pg.mkPen(None))
        inset = CELL_GAP / 2
        right = 1
        for column, row, colour in cells:
            painter.setBrush(colour)
            painter.drawRect(QRectF(column + inset, row + inset, 1 - CELL_GAP, 1 - CELL_GAP))
            right = max(right, column + 1)
        painter.end()
        self._bounds = QRectF(0, 0, right, 7)

    def paint(self, painter: QPainter, *args: Any) -> None:
        self._picture.play(painter)

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt override
        return QRectF(self._bounds)


class ActivityHeatmapChart(Chart):
    title = QT_TRANSLATE_NOOP("Chart", "Touchpoint calendar")
    info = QT_TRANSLATE_NOOP(
        "Chart",
        "Every day of the year that ends with the chosen period, one cell a day (weeks run "
        "left to right, Monday at the top). The darker the cell, the more touchpoints that "
        "day: the shades split the days that had any into quarters.\n\n"
        "Hover a day for its count; click it to list that day's touchpoints.",
    )
    arrow_steps = (7, 1)  # days run down a week's column: sideways is a week, up and down a day

    def first_day(self, series: Activity) -> date:
        """The first day drawn (then back to its Monday): a year before the series' end (the
        printed report draws its own period instead)."""
        return series.end - timedelta(days=DAYS_SHOWN - 1)

    def draw(self, series: Activity) -> None:
        end = series.end
        first = self.first_day(series)
        first -= timedelta(days=first.weekday())  # start on a Monday
        per_day = series.per_day()
        days = [first + timedelta(days=k) for k in range((end - first).days + 1)]
        counts = [per_day.get(day, 0) for day in days]
        total = sum(counts)
        if total == 0:
            self.empty_text = QCoreApplication.translate(
                "Chart",
                "No touchpoints in the year to {0}. Log conversations with Ctrl+L and they "
                "fill this calendar day by day.",
            ).format(short_date(end))
            return
        thresholds = heat_thresholds(counts)
        palette = self.palette
        shades = [palette.heat(level, LEVELS) for level in range(LEVELS + 1)]
        cells = []
        for index, (day, count) in enumerate(zip(days, counts, strict=True)):
            column, row = index // 7, index % 7
            cells.append((column, row, shades[heat_level(count, thresholds)]))
            tip = functools.partial(_day_tip, day, count)
            link = RecordLink("touchpoints", start=day, end=day) if count else None
            self.hits.append(
                Hit(column + 0.5, row + 0.5, tip, link, box=(column, row, column + 1, row + 1))
            )
        plot = self.plot
        plot.addItem(CalendarCells(cells))
        weeks = (len(days) + 6) // 7
        plot.vb.invertY(True)
        plot.vb.setAspectLocked(True)
        # Both ranges in one call, so the square cells widen whichever range has room to spare.
        plot.setRange(xRange=(0, weeks), yRange=(0, 7), padding=0.02)
        # Rows run Monday to Sunday: every other weekday named, Monday first.
        self.set_y_ticks([(row + 0.5, day_name(days[row], short=True)) for row in (0, 2, 4)])
        months: list[tuple[float, date]] = []
        for index in range(0, len(days), 7):
            monday = days[index]
            sunday = monday + timedelta(days=6)
            if monday.day == 1 or (sunday.month != monday.month) or index == 0:
                month_start = date(sunday.year, sunday.month, 1)
                if not months or months[-1][1] != month_start:
                    months.append((index // 7 + 0.5, month_start))
        self.set_x_ticks([(x, month_name(m.month)) for x, m in months[1:]])
        for name in ("left", "bottom"):
            self.plot.getAxis(name).setPen(pg.mkPen(None))
        active = sum(1 for c in counts if c)
        labels = level_labels(thresholds)
        self.legend([(shade, text) for shade, text in zip(shades, labels, strict=True) if text])
        self.headline = QCoreApplication.translate("Chart", "{0} of {1} days").format(
            active, len(days)
        )
        self.summary = QCoreApplication.translate(
            "Chart", "Touchpoints on {0} of the {1} days to {2}, {3} in all"
        ).format(active, len(days), short_date(end), total)
