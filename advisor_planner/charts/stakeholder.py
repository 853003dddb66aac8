"""One stakeholder's charts: the trust factors and quotient over time, and the touchpoint
timeline with sentiment and the keep-in-touch cadence.

A person's page shows one person after another in the same three charts, so each chart keeps
the plot items it made (``KeptItemsChart``) and gives them the next person's data: making a
line (a ``PlotDataItem`` and its curve and scatter) and adding it to the view box cost 1-3 ms
each, three quarters of drawing a chart. Tooltips are written when the pointer asks for one.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from functools import partial
from typing import TypeVar

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QGraphicsItem

from advisor_planner.charts.base import (
    Chart,
    Hit,
    LegendEntry,
    RecordLink,
    chart_text,
    choice_label,
    day_x,
    finite,
    short_date,
)
from advisor_planner.charts.palette import ChartPalette
from advisor_planner.charts.plot import stroke_in_segments
from advisor_planner.domain import cadence, reliability, trust
from advisor_planner.domain.enums import Channel, Purpose
from advisor_planner.services.insights.person_series import (
    ContactPoint,
    PersonContact,
    PersonTrust,
    StakeholderTrendPoint,
)
from advisor_planner.translation import QT_TRANSLATE_NOOP

TREND_MIN_CHECKS = 2
_Item = TypeVar("_Item", bound=QGraphicsItem)
TIMELINE_DAYS = 365
#: The factors of ``domain.trust.read_trust``'s ``weakest``, as the headline names them.
FACTOR_NAMES = {
    "credibility": QT_TRANSLATE_NOOP("Chart", "credibility"),
    "reliability": QT_TRANSLATE_NOOP("Chart", "reliability"),
    "intimacy": QT_TRANSLATE_NOOP("Chart", "intimacy"),
}


def _trend_wanted(series: PersonTrust) -> str | None:
    """What to add before a trend can be drawn, or None when there is enough."""
    have = len(series.points)
    if have >= TREND_MIN_CHECKS:
        return None
    name = series.name or QCoreApplication.translate("Chart", "this person")
    if have == 0:
        return QCoreApplication.translate(
            "Chart",
            "Add two trust checks for {0} to see a trend: one now, and another in a few weeks.",
        ).format(name)
    return QCoreApplication.translate(
        "Chart",
        "Add one more trust check for {0} to see a trend (the only one so far is from {1}).",
    ).format(name, short_date(series.points[0].on))


def _x_range(chart: Chart, days: list[date]) -> None:
    first, last = days[0], days[-1]
    margin = max(7, (last - first).days // 20)
    chart.set_date_range(first - timedelta(days=margin), last + timedelta(days=margin))


class KeptItemsChart(Chart):
    """A chart whose plot items are made once and kept in the view box, hidden between
    drawings: ``draw`` asks for each by name with ``kept`` and gives it new data (``setData``,
    ``setValue``…). Items added with ``plot.addItem`` are still removed at each drawing."""

    def __init__(self, palette: ChartPalette | None = None) -> None:
        super().__init__(palette)
        self._kept: dict[str, QGraphicsItem] = {}

    def kept(self, name: str, make: Callable[[], _Item]) -> _Item:
        """The item called ``name``, made by ``make`` the first time; shown."""
        item = self._kept.get(name)
        if item is None:
            item = self._kept[name] = make()
            stroke_in_segments(item)
            self.plot.vb.addItem(item)
        item.setVisible(True)
        return item  # type: ignore[return-value]  # (made by this name's ``make``)

    def show(self, series: object) -> None:
        for item in self._kept.values():
            item.setVisible(False)  # until this drawing asks for it
        super().show(series)


class TrustFactorsChart(KeptItemsChart):
    title = QT_TRANSLATE_NOOP("Chart", "Trust factors over time")
    info = QT_TRANSLATE_NOOP(
        "Chart",
        "Credibility, reliability and intimacy (higher is better) and self-orientation "
        "(lower is better), 1–10 at each trust check. The dotted line beside reliability is "
        "the evidence: the share of your commitments to this person kept on time over the "
        "90 days before each check, on the same 0–10 scale.\n\n"
        "{0}\n\nClick a check to edit it.",
    )

    def info_formulas(self) -> tuple[str, ...]:
        return (reliability.reliability_formula(),)

    def draw(self, series: PersonTrust) -> None:
        wanted = _trend_wanted(series)
        if wanted:
            self.empty_text = wanted
            return
        points = series.points
        x = [day_x(p.on) for p in points]
        # The ranges first: a kept line recomputes its points at every change of range.
        self.plot.setYRange(-0.4, 10.6, padding=0)
        self.set_y_ticks([(v, str(v)) for v in (1, 4, 7, 10)])
        self.plot.showGrid(x=False, y=True, alpha=0.3)
        _x_range(self, [p.on for p in points])
        self._draw_lines(points, x)
        for p, at in zip(points, x, strict=True):
            tip = partial(_check_tip, p)
            link = RecordLink("trust check", p.check_id, owner_id=series.stakeholder_id)
            for value in (p.credibility, p.reliability, p.intimacy, p.self_orientation):
                self.hits.append(Hit(at, value, tip, link))
        last = points[-1]
        weakest = trust.read_trust(
            last.credibility, last.reliability, last.intimacy, last.self_orientation
        ).weakest
        self.headline = QCoreApplication.translate("Chart", "weakest now: {0}").format(
            chart_text(FACTOR_NAMES[weakest])
        )
        self.summary = QCoreApplication.translate(
            "Chart",
            "{0} trust checks for {1}; latest credibility {2}, reliability {3}, intimacy {4}, "
            "self-orientation {5}",
        ).format(
            len(points), series.name, last.credibility, last.reliability, last.intimacy,
            last.self_orientation,
        )  # fmt: skip

    def _draw_lines(self, points: list[StakeholderTrendPoint], x: list[float]) -> None:
        """A line for each factor, and the dotted evidence of reliability, with their legend."""
        palette = self.palette
        lines = [
            ("credibility", QCoreApplication.translate("Chart", "Credibility"), "blue",
             Qt.PenStyle.SolidLine),
            ("reliability", QCoreApplication.translate("Chart", "Reliability"), "orange",
             Qt.PenStyle.SolidLine),
            ("intimacy", QCoreApplication.translate("Chart", "Intimacy"), "green",
             Qt.PenStyle.SolidLine),
            ("self_orientation", QCoreApplication.translate("Chart", "Self-orientation"),
             "purple", Qt.PenStyle.DashLine),
        ]  # fmt: skip
        legend: list[LegendEntry] = []
        for field, label, hue, style in lines:
            colour = palette.hue(hue)
            pen = self.pen(colour, 2, style)
            make = partial(pg.PlotDataItem, pen=pen, symbol="o", symbolSize=5, symbolPen=None)
            line = self.kept(field, make)
            line.setData(x, [getattr(p, field) for p in points], pen=pen, symbolBrush=colour)
            legend.append((colour, label, style))
        evidence = [
            None if p.evidence_reliability is None else p.evidence_reliability * 10 for p in points
        ]
        if any(value is not None for value in evidence):
            colour = palette.hue("orange")
            pen = self.pen(colour, 2, Qt.PenStyle.DotLine)
            line = self.kept("evidence", lambda: pg.PlotDataItem(pen=pen, connect="finite"))
            line.setData(x, finite(evidence), pen=pen)
            label = QCoreApplication.translate("Chart", "Reliability, evidence")
            legend.append((colour, label, Qt.PenStyle.DotLine))
        self.legend(legend)


def _check_tip(p: StakeholderTrendPoint) -> str:
    """A trust check's point: its factors, the evidence of reliability and its quotient."""
    evidence_text = (
        QCoreApplication.translate("Chart", "kept on time: {0:.0f} %").format(
            p.evidence_reliability * 100
        )
        if p.evidence_reliability is not None
        else QCoreApplication.translate("Chart", "no commitments due in the 90 days before")
    )
    return QCoreApplication.translate(
        "Chart",
        "Trust check {0}\nCredibility {1} · reliability {2} · intimacy {3} · "
        "self-orientation {4}\nReliability in evidence: {5}\nTrust quotient {6:.1f}",
    ).format(
        short_date(p.on), p.credibility, p.reliability, p.intimacy, p.self_orientation,
        evidence_text, p.quotient,
    )  # fmt: skip


class TrustQuotientChart(KeptItemsChart):
    title = QT_TRANSLATE_NOOP("Chart", "Trust quotient")
    info = QT_TRANSLATE_NOOP(
        "Chart",
        "The trust quotient at each check, (credibility + reliability + intimacy) / "
        "self-orientation, from 0.3 to 30; 3 is middling and 10 or more is strong.\n\n"
        "{0}\n\nClick a check to edit it.",
    )

    def info_formulas(self) -> tuple[str, ...]:
        return (trust.trust_quotient_formula(),)

    def draw(self, series: PersonTrust) -> None:
        wanted = _trend_wanted(series)
        if wanted:
            self.empty_text = wanted
            return
        points = series.points
        blue = self.palette.hue("blue")
        x = [day_x(p.on) for p in points]
        values = [p.quotient for p in points]
        # The ranges first: the kept line recomputes its points at every change of range.
        self.plot.setYRange(0, max(10.0, max(values) * 1.15), padding=0)
        self.plot.showGrid(x=False, y=True, alpha=0.3)
        _x_range(self, [p.on for p in points])
        pen = self.pen(blue, 2.5)
        line = self.kept("quotient", lambda: pg.PlotDataItem(
            pen=pen, symbol="o", symbolSize=6, symbolPen=None))  # fmt: skip
        line.setData(x, values, pen=pen, symbolBrush=blue)
        for p, at in zip(points, x, strict=True):
            link = RecordLink("trust check", p.check_id, owner_id=series.stakeholder_id)
            self.hits.append(Hit(at, p.quotient, partial(_quotient_tip, p), link))
        change = points[-1].quotient - points[0].quotient
        self.headline = QCoreApplication.translate("Chart", "{0:.1f} · {1:+.1f} since {2}").format(
            points[-1].quotient, change, short_date(points[0].on)
        )
        self.summary = QCoreApplication.translate(
            "Chart", "Trust quotient with {0} {1:.1f}, {2:+.1f} since {3}"
        ).format(series.name, points[-1].quotient, change, short_date(points[0].on))


def _quotient_tip(p: StakeholderTrendPoint) -> str:
    return QCoreApplication.translate(
        "Chart", "Trust check {0}\nTrust quotient {1:.1f} (score {2:.0f} / 100)"
    ).format(short_date(p.on), p.quotient, p.score)


class TouchpointTimelineChart(KeptItemsChart):
    title = QT_TRANSLATE_NOOP("Chart", "Touchpoints and sentiment")
    info = QT_TRANSLATE_NOOP(
        "Chart",
        "Every touchpoint with this person over the last year, placed by how it went "
        "(sentiment −2 to +2; hollow: not rated). The dashed line is when you are next due "
        "to be in touch; once that has passed, the shaded stretch shows how overdue you are.\n\n"
        "{0}\n\nClick a touchpoint to open it.",
    )

    def info_formulas(self) -> tuple[str, ...]:
        return (cadence.cadence_formula(),)

    def draw(self, series: PersonContact) -> None:
        today = series.today
        start = today - timedelta(days=TIMELINE_DAYS)
        shown = [p for p in series.touchpoints if p.on >= start]
        status = series.cadence
        self.headline = status.label  # the domain's sentence, in the user's language
        if not shown:
            self.empty_text = (
                QCoreApplication.translate(
                    "Chart",
                    "No touchpoint with {0} in the last year. Log touchpoint records your "
                    "next conversation.",
                ).format(series.name)
                if series.touchpoints
                else QCoreApplication.translate(
                    "Chart",
                    "No touchpoints with {0} yet. Log touchpoint records your next conversation.",
                ).format(series.name)
            )
            return
        palette = self.palette
        plot = self.plot
        end = max(today, status.due_on or today) + timedelta(days=7)
        # The ranges first: the kept points are placed again at every change of range.
        plot.setYRange(-2.6, 2.6, padding=0)
        self.set_y_ticks([(-2, "−2"), (-1, "−1"), (0, "0"), (1, "+1"), (2, "+2")])
        plot.setLabel("left", QCoreApplication.translate("Chart", "Sentiment"))
        self.set_date_range(start, end)
        if status.due_on is not None:
            self._mark_due(status.due_on, today, overdue=status.overdue)
        zero = self.kept("zero", lambda: pg.InfiniteLine(0, angle=0))
        zero.setPen(self.pen(palette.grid, 1))
        x = [day_x(p.on) for p in shown]
        y = [p.sentiment if p.sentiment is not None else 0 for p in shown]
        hollow = pg.mkBrush(None)
        filled = self.brushes([palette.sentiment(p.sentiment) for p in shown])
        brushes = [
            fill if p.sentiment is not None else hollow
            for p, fill in zip(shown, filled, strict=True)
        ]
        pens = self.pens([palette.sentiment(p.sentiment) for p in shown], width=1.5)
        points = self.kept("points", pg.ScatterPlotItem)
        points.setData(x, y, size=10, brush=brushes, pen=pens)
        for p, at, level in zip(shown, x, y, strict=True):
            link = RecordLink("touchpoint", p.touchpoint_id)
            self.hits.append(Hit(at, level, partial(_touchpoint_tip, p), link))
        rated = [p.sentiment for p in shown if p.sentiment is not None]
        if rated:
            self.summary = QCoreApplication.translate(
                "Chart", "{0} touchpoints with {1} in the last year, mean sentiment {2:+.1f}; {3}"
            ).format(len(shown), series.name, sum(rated) / len(rated), status.label)
        else:
            self.summary = QCoreApplication.translate(
                "Chart", "{0} touchpoints with {1} in the last year; {2}"
            ).format(len(shown), series.name, status.label)

    def _mark_due(self, due_on: date, today: date, *, overdue: bool) -> None:
        """The dashed line at the day contact is due, and the stretch since if overdue."""
        palette = self.palette
        due = day_x(due_on)
        line = self.kept("due", lambda: pg.InfiniteLine(angle=90))
        line.setPen(self.pen(palette.muted, 1, Qt.PenStyle.DashLine))
        line.setValue(due)
        if overdue:
            region = self.kept("overdue", lambda: pg.LinearRegionItem(
                movable=False, pen=pg.mkPen(None)))  # fmt: skip
            region.setBrush(pg.mkBrush(palette.faded(palette.hue("orange"), 0.7)))
            region.setRegion((due, day_x(today)))
        self.text(
            QCoreApplication.translate("Chart", "due {0}").format(short_date(due_on)),
            due,
            2.55,
            anchor=(1.05, 0.0),
        )


def _touchpoint_tip(p: ContactPoint) -> str:
    """A touchpoint's point: when, how and why, its subject, sentiment and listening."""
    channel, purpose = choice_label(Channel(p.channel)), choice_label(Purpose(p.purpose))
    lines = [f"{short_date(p.on)} · {channel} · {purpose}"]
    if p.subject:
        lines.append(p.subject)
    lines.append(
        QCoreApplication.translate("Chart", "Sentiment {0:+d}").format(p.sentiment)
        if p.sentiment is not None
        else QCoreApplication.translate("Chart", "Sentiment not rated")
    )
    if p.listening is not None:
        lines.append(QCoreApplication.translate("Chart", "Listening {0} of 5").format(p.listening))
    return "\n".join(lines)
