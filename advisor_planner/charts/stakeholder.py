"""One stakeholder's charts: the trust factors and quotient over time, and the touchpoint
timeline with sentiment and the keep-in-touch cadence."""

from __future__ import annotations

from datetime import date, timedelta

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt

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


class TrustFactorsChart(Chart):
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
        self._draw_lines(points, x)
        self.plot.setYRange(-0.4, 10.6, padding=0)
        self.set_y_ticks([(v, str(v)) for v in (1, 4, 7, 10)])
        self.plot.showGrid(x=False, y=True, alpha=0.3)
        _x_range(self, [p.on for p in points])
        for p, at in zip(points, x, strict=True):
            tip = _check_tip(p)
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
            self.plot.addItem(
                pg.PlotDataItem(
                    x,
                    [getattr(p, field) for p in points],
                    pen=self.pen(colour, 2, style),
                    symbol="o",
                    symbolSize=5,
                    symbolBrush=colour,
                    symbolPen=None,
                )
            )
            legend.append((colour, label, style))
        evidence = [
            None if p.evidence_reliability is None else p.evidence_reliability * 10 for p in points
        ]
        if any(value is not None for value in evidence):
            colour = palette.hue("orange")
            self.plot.addItem(
                pg.PlotDataItem(
                    x,
                    finite(evidence),
                    connect="finite",
                    pen=self.pen(colour, 2, Qt.PenStyle.DotLine),
                )
            )
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


class TrustQuotientChart(Chart):
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
        self.plot.addItem(
            pg.PlotDataItem(
                x, values, pen=self.pen(blue, 2.5), symbol="o", symbolSize=6, symbolBrush=blue,
                symbolPen=None,
            )
        )  # fmt: skip
        self.plot.setYRange(0, max(10.0, max(values) * 1.15), padding=0)
        self.plot.showGrid(x=False, y=True, alpha=0.3)
        _x_range(self, [p.on for p in points])
        for p, at in zip(points, x, strict=True):
            tip = QCoreApplication.translate(
                "Chart", "Trust check {0}\nTrust quotient {1:.1f} (score {2:.0f} / 100)"
            ).format(short_date(p.on), p.quotient, p.score)
            link = RecordLink("trust check", p.check_id, owner_id=series.stakeholder_id)
            self.hits.append(Hit(at, p.quotient, tip, link))
        change = points[-1].quotient - points[0].quotient
        self.headline = QCoreApplication.translate("Chart", "{0:.1f} · {1:+.1f} since {2}").format(
            points[-1].quotient, change, short_date(points[0].on)
        )
        self.summary = QCoreApplication.translate(
            "Chart", "Trust quotient with {0} {1:.1f}, {2:+.1f} since {3}"
        ).format(series.name, points[-1].quotient, change, short_date(points[0].on))


class TouchpointTimelineChart(Chart):
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
        if status.due_on is not None:
            due = day_x(status.due_on)
            plot.addItem(
                pg.InfiniteLine(due, angle=90, pen=self.pen(palette.muted, 1, Qt.PenStyle.DashLine))
            )
            if status.overdue:
                plot.addItem(
                    pg.LinearRegionItem(
                        (due, day_x(today)),
                        movable=False,
                        brush=pg.mkBrush(palette.faded(palette.hue("orange"), 0.7)),
                        pen=pg.mkPen(None),
                    )
                )
            self.text(
                QCoreApplication.translate("Chart", "due {0}").format(short_date(status.due_on)),
                due,
                2.55,
                anchor=(1.05, 0.0),
            )
        plot.addItem(pg.InfiniteLine(0, angle=0, pen=self.pen(palette.grid, 1)))
        x = [day_x(p.on) for p in shown]
        y = [p.sentiment if p.sentiment is not None else 0 for p in shown]
        hollow = pg.mkBrush(None)
        filled = self.brushes([palette.sentiment(p.sentiment) for p in shown])
        brushes = [
            fill if p.sentiment is not None else hollow
            for p, fill in zip(shown, filled, strict=True)
        ]
        pens = self.pens([palette.sentiment(p.sentiment) for p in shown], width=1.5)
        plot.addItem(pg.ScatterPlotItem(x, y, size=10, brush=brushes, pen=pens))
        plot.setYRange(-2.6, 2.6, padding=0)
        self.set_y_ticks([(-2, "−2"), (-1, "−1"), (0, "0"), (1, "+1"), (2, "+2")])
        plot.setLabel("left", QCoreApplication.translate("Chart", "Sentiment"))
        self.set_date_range(start, end)
        for p, at, level in zip(shown, x, y, strict=True):
            link = RecordLink("touchpoint", p.touchpoint_id)
            self.hits.append(Hit(at, level, _touchpoint_tip(p), link))
        rated = [p.sentiment for p in shown if p.sentiment is not None]
        if rated:
            self.summary = QCoreApplication.translate(
                "Chart", "{0} touchpoints with {1} in the last year, mean sentiment {2:+.1f}; {3}"
            ).format(len(shown), series.name, sum(rated) / len(rated), status.label)
        else:
            self.summary = QCoreApplication.translate(
                "Chart", "{0} touchpoints with {1} in the last year; {2}"
            ).format(len(shown), series.name, status.label)


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
