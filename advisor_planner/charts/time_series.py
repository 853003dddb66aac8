"""The dashboard's weekly charts: trust index, touchpoints per week by channel, follow-through.

Each draws one ``services.insights`` series against a date axis; ``Chart`` (``charts.base``)
supplies hover, click and painting.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from functools import partial

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication

from advisor_planner.charts.base import (
    Chart,
    Hit,
    RecordLink,
    choice_label,
    day_x,
    finite,
    short_date,
)
from advisor_planner.domain import reliability
from advisor_planner.domain.enums import Channel
from advisor_planner.domain.trust_index import trust_index_formula
from advisor_planner.services.insights.activity_series import Activity
from advisor_planner.services.insights.promise_series import FollowThrough
from advisor_planner.services.insights.trust_series import TrustIndexSeries
from advisor_planner.translation import QT_TRANSLATE_NOOP

SYMBOLS_UP_TO = 60  # weeks: beyond that a line shows its points only on hover


def _percent_axis(chart: Chart) -> None:
    chart.plot.setYRange(0, 100, padding=0.04)
    chart.set_y_ticks([(v, f"{v} %") for v in (0, 25, 50, 75, 100)])
    chart.plot.showGrid(x=False, y=True, alpha=0.35)


def _names(ids: list[int], names: dict[int, str], limit: int = 3) -> str:
    """ "Ada, Raj and 2 more": the first ``limit`` names, and how many others."""
    shown = [names.get(sid, "?") for sid in ids[:limit]]
    if len(ids) > limit:
        shown.append(QCoreApplication.translate("Chart", "{0} more").format(len(ids) - limit))
    if len(shown) == 1:
        return shown[0]
    return QCoreApplication.translate("Chart", "{0} and {1}").format(
        ", ".join(shown[:-1]), shown[-1]
    )


class TrustIndexChart(Chart):
    title = QT_TRANSLATE_NOOP("Chart", "Trust index")
    info = QT_TRANSLATE_NOOP(
        "Chart",
        "How much the people who matter most trust you, week by week: the mean of each key "
        "stakeholder's latest trust check, weighted by their power × interest, on a 0–100 "
        "scale (50 is a trust quotient of 3).\n\n"
        "{0}"
        "\nTrust quotient = (credibility + reliability + intimacy) / self-orientation."
        "\nKey stakeholders: power × interest ≥ 12.\n\n"
        "Hover a week for the checks behind it; click to open the person checked.",
    )

    def info_formulas(self) -> tuple[str, ...]:
        return (trust_index_formula(),)

    def draw(self, series: TrustIndexSeries) -> None:
        if series.key_stakeholders == 0:
            self.empty_text = QCoreApplication.translate(
                "Chart",
                "No key stakeholders yet. Rate the power and interest of the people who "
                "matter most (power × interest of 12 or more makes someone key) to see how "
                "far they trust you.",
            )
            return
        known = [
            (week, value)
            for week, value in zip(series.week_ends, series.values, strict=True)
            if value is not None
        ]
        if not known:
            wanting = _names(list(series.unchecked), series.names) if series.unchecked else ""
            self.empty_text = (
                QCoreApplication.translate(
                    "Chart", "Add a trust check for {0} to start your trust index."
                ).format(wanting)
                if wanting
                else QCoreApplication.translate(
                    "Chart", "Add a trust check for a key stakeholder to start your trust index."
                )
            )
            return
        self._draw_line(series, symbols=len(known) <= SYMBOLS_UP_TO)
        self.hits += [_week_hit(series, week, value) for week, value in known]
        self._describe(series, known)

    def _draw_line(self, series: TrustIndexSeries, *, symbols: bool) -> None:
        plot = self.plot
        blue = self.palette.hue("blue")
        x = [day_x(week) for week in series.week_ends]
        plot.addItem(
            pg.PlotDataItem(
                x,
                finite(series.values),
                pen=self.pen(blue, 2.5),
                connect="finite",
                symbol="o" if symbols else None,
                symbolSize=5,
                symbolBrush=blue,
                symbolPen=None,
            )
        )
        plot.setYRange(0, 100, padding=0.04)
        self.set_date_range(series.week_ends[0] - timedelta(days=6), series.week_ends[-1])
        self.set_y_ticks([(v, str(v)) for v in (0, 25, 50, 75, 100)])
        plot.showGrid(x=False, y=True, alpha=0.35)

    def _describe(self, series: TrustIndexSeries, known: list[tuple[date, float]]) -> None:
        """The headline and summary: the latest index, and its change since the first week."""
        first_week = known[0][0]
        last = known[-1][1]
        since = short_date(first_week - timedelta(days=6))
        if series.change is None or len(known) < 2:
            self.headline = f"{last:.0f}"
            self.summary = QCoreApplication.translate(
                "Chart", "Trust index {0:.0f} in the week ending {1}"
            ).format(last, short_date(known[-1][0]))
        elif round(series.change, 1) == 0:
            self.headline = QCoreApplication.translate(
                "Chart", "{0:.0f} · no change since {1}"
            ).format(last, since)
            self.summary = QCoreApplication.translate(
                "Chart", "Trust index {0:.0f}, unchanged since {1}"
            ).format(last, since)
        else:
            self.headline = QCoreApplication.translate(
                "Chart", "{0:.0f} · {1:+.1f} since {2}"
            ).format(last, series.change, since)
            summary = (
                QCoreApplication.translate(
                    "Chart",
                    "Trust index {0:.0f}, up {1:.1f} since {2}, across {3} key stakeholders",
                )
                if series.change > 0
                else QCoreApplication.translate(
                    "Chart",
                    "Trust index {0:.0f}, down {1:.1f} since {2}, across {3} key stakeholders",
                )
            )
            self.summary = summary.format(last, abs(series.change), since, series.key_stakeholders)


def _week_hit(series: TrustIndexSeries, week: date, value: float) -> Hit:
    """A week's point: its index and the checks made that week, leading to the first person
    checked. (Its tooltip is written when asked for: ten years hold 520 weeks.)"""
    checks = series.checks_by_week.get(week, [])
    link = RecordLink("stakeholder", checks[0][0]) if checks else None
    return Hit(day_x(week), value, partial(_week_tip, series, week, value), link)


def _week_tip(series: TrustIndexSeries, week: date, value: float) -> str:
    checks = series.checks_by_week.get(week, [])
    lines = [
        QCoreApplication.translate("Chart", "Week ending {0}").format(short_date(week)),
        QCoreApplication.translate("Chart", "Trust index {0:.1f}").format(value),
    ]
    if checks:
        lines.append(
            QCoreApplication.translate("Chart", "Checked this week: {0}").format(
                ", ".join(f"{series.names.get(sid, '?')} {score:.0f}" for sid, score in checks)
            )
        )
    return "\n".join(lines)


class TouchpointsPerWeekChart(Chart):
    title = QT_TRANSLATE_NOOP("Chart", "Touchpoints per week")
    info = QT_TRANSLATE_NOOP(
        "Chart",
        "How often you are in touch, and how: the touchpoints logged each week (Monday to "
        "Sunday), stacked by channel.\n\nHover a week for its counts; click it to list that "
        "week's touchpoints.",
    )

    def draw(self, series: Activity) -> None:
        if series.total == 0:
            self.empty_text = QCoreApplication.translate(
                "Chart",
                "No touchpoints in this period. After your next conversation press Ctrl+L to "
                "log it: who, how, and how well you listened.",
            )
            return
        weeks, counts = series.per_week()
        plot = self.plot
        legend = []
        gap = 0.12 * 7 * 86400
        starts = np.array([day_x(monday) for monday in weeks])
        x0, x1 = starts + gap, starts + 7 * 86400 - gap
        order = [c.value for c in Channel if c.value in counts]
        # The stacks as arrays (channels × weeks): ten years are ~3,600 bars, and building
        # them a bar at a time in Python took 10-25 ms of the GUI thread at each redraw.
        heights = np.array([counts[channel] for channel in order])
        tops = np.cumsum(heights, axis=0)
        # One bar item per channel, in one colour: pyqtgraph paints such an item with a single
        # drawRects call, where an item of many colours renders a picture bar by bar in Python
        # (ten years of weeks by channel, ~3,000 bars: 35 ms at each paint).
        outline = pg.mkPen(self.palette.background, width=0.5)
        for row, channel in enumerate(order):
            colour = self.palette.channel(channel)
            shown = heights[row] > 0
            plot.addItem(
                pg.BarGraphItem(
                    x0=x0[shown], x1=x1[shown], y0=(tops[row] - heights[row])[shown],
                    y1=tops[row][shown], brush=pg.mkBrush(colour), pen=outline,
                )
            )  # fmt: skip
            legend.append((colour, choice_label(Channel(channel))))
        self.legend(legend)
        self.set_date_range(weeks[0], weeks[-1] + timedelta(days=6))
        totals = tops[-1].tolist()
        plot.setYRange(0, max(1, *totals) * 1.18, padding=0)
        plot.showGrid(x=False, y=True, alpha=0.35)
        lefts, rights, columns = x0.tolist(), x1.tolist(), heights.T.tolist()
        self.hits = [
            Hit(
                (lefts[index] + rights[index]) / 2,
                total,
                partial(_activity_tip, monday, order, columns[index]),
                RecordLink("touchpoints", start=monday, end=monday + timedelta(days=6)),
                box=(lefts[index], 0, rights[index], total),
            )
            for index, (monday, total) in enumerate(zip(weeks, totals, strict=True))
            if total
        ]
        per_week = series.total / len(weeks)
        self.headline = QCoreApplication.translate(
            "Chart", "{0:,} touchpoints · {1:.1f} a week"
        ).format(series.total, per_week)
        busiest = max(order, key=lambda c: sum(counts[c]))
        self.summary = QCoreApplication.translate(
            "Chart", "{0:,} touchpoints in {1} weeks, {2:.1f} a week, most by {3}"
        ).format(series.total, len(weeks), per_week, choice_label(Channel(busiest)))


def _activity_tip(monday: date, channels: Sequence[str], counts: Sequence[int]) -> str:
    """A week's bar's tooltip (written when asked for): its touchpoints by channel (``counts``
    in the order of ``channels``)."""
    pairs = zip(channels, counts, strict=True)
    parts = [f"{choice_label(Channel(channel))} {n}" for channel, n in pairs if n]
    return QCoreApplication.translate("Chart", "Week of {0}: {1} touchpoints\n{2}").format(
        short_date(monday), sum(counts), ", ".join(parts)
    )


def _follow_through_tip(week: date, rate: float, considered: int, window_days: int) -> str:
    """A week's point's tooltip (written when asked for)."""
    return QCoreApplication.translate(
        "Chart", "Week ending {0}\n{1:.0f} % kept on time ({2} of {3} in the last {4} days)"
    ).format(short_date(week), rate * 100, round(rate * considered), considered, window_days)


class FollowThroughChart(Chart):
    title = QT_TRANSLATE_NOOP("Chart", "Follow-through")
    info = QT_TRANSLATE_NOOP(
        "Chart",
        "Whether you keep your promises: at each week's end, the share of commitments kept "
        "by their due date over the previous 90 days. Commitments closed late or broken, "
        "and open ones past their due date, count as missed.\n\n"
        "{0}\n\nClick the chart to open your commitments.",
    )

    def info_formulas(self) -> tuple[str, ...]:
        return (reliability.reliability_formula(),)

    def draw(self, series: FollowThrough) -> None:
        known = [
            (week, rate, considered)
            for week, rate, considered in zip(
                series.week_ends, series.rates, series.considered, strict=True
            )
            if rate is not None
        ]
        overdue = series.overdue_now
        overdue_text = (
            QCoreApplication.translate("Chart", "1 overdue")
            if overdue == 1
            else QCoreApplication.translate("Chart", "{0} overdue").format(overdue)
            if overdue
            else QCoreApplication.translate("Chart", "none overdue")
        )
        if not known:
            self.empty_text = QCoreApplication.translate(
                "Chart",
                "No commitment has come due in this period. When you promise something in a "
                "meeting, add it with a due date as you log the touchpoint.",
            )
            self.headline = overdue_text
            return
        orange, blue = self.palette.hue("orange"), self.palette.hue("blue")
        x = [day_x(week) for week in series.week_ends]
        percent = [None if rate is None else rate * 100 for rate in series.rates]
        curve = pg.PlotDataItem(
            x,
            finite(percent),
            pen=self.pen(blue, 2.5),
            connect="finite",
            symbol="o" if len(known) <= SYMBOLS_UP_TO else None,
            symbolSize=5,
            symbolBrush=blue,
            symbolPen=None,
        )
        floor = pg.PlotDataItem(x, [0] * len(x), pen=None)
        self.plot.addItem(pg.FillBetweenItem(curve, floor, brush=self.palette.faded(blue, 0.85)))
        self.plot.addItem(curve)
        _percent_axis(self)
        self.set_date_range(series.week_ends[0] - timedelta(days=6), series.week_ends[-1])
        link = RecordLink("commitments", which="all")
        for week, rate, considered in known:
            tip = partial(_follow_through_tip, week, rate, considered, series.window_days)
            self.hits.append(Hit(day_x(week), rate * 100, tip, link))
        last_rate = known[-1][1]
        self.headline = QCoreApplication.translate("Chart", "{0:.0f} % kept on time · {1}").format(
            last_rate * 100, overdue_text
        )
        if overdue:
            self.text(
                overdue_text,
                x[-1],
                100,
                colour=orange,
                anchor=(1.0, 0.0),
                bold=True,
            )
        self.summary = QCoreApplication.translate(
            "Chart", "{0:.0f} % of commitments kept on time over the last {1} days; {2}"
        ).format(last_rate * 100, series.window_days, overdue_text)
