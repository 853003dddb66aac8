"""The weekly reflection over the weeks: the habit's strength and streak, and the self-ratings."""

from __future__ import annotations

from datetime import date

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt

from advisor_planner.charts.base import Chart, Hit, chart_text, day_x, finite
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
RATING_HUES = {
    "self_awareness": "blue",
    "self_regulation": "orange",
    "motivation": "green",
    "empathy": "purple",
    "social_skill": "sky",
}


def _sunday(week: str) -> date:
    return clock.week_bounds(week)[1]


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


class SelfRatingsChart(Chart):
    title = QT_TRANSLATE_NOOP("Chart", "Self-ratings")
    info = QT_TRANSLATE_NOOP(
        "Chart",
        "Your weekly self-ratings, 1 (rarely) to 5 (consistently), on Goleman's five "
        "components of emotional intelligence, with your energy as a dashed line.",
    )

    def draw(self, weeks: list[WeekRatings]) -> None:
        if len(weeks) < 2:
            self.empty_text = QCoreApplication.translate(
                "Chart", "Rate yourself in two weekly reflections to see how you show up over time."
            )
            return
        palette = self.palette
        x = [day_x(_sunday(w.week)) for w in weeks]
        legend = []
        for field in RATING_FIELDS:
            colour = palette.hue(RATING_HUES[field])
            values = [w.ratings.get(field) for w in weeks]
            self.plot.addItem(
                pg.PlotDataItem(
                    x, finite(values), connect="finite", pen=self.pen(colour, 1.8),
                    symbol="o" if len(x) <= 60 else None, symbolSize=4, symbolBrush=colour,
                    symbolPen=None,
                )
            )  # fmt: skip
            legend.append((colour, chart_text(RATING_LABELS[field]), Qt.PenStyle.SolidLine))
        grey = palette.hue("grey")
        self.plot.addItem(
            pg.PlotDataItem(
                x, finite([w.energy for w in weeks]), connect="finite",
                pen=self.pen(grey, 1.5, Qt.PenStyle.DashLine),
            )
        )  # fmt: skip
        legend.append((grey, QCoreApplication.translate("Chart", "Energy"), Qt.PenStyle.DashLine))
        self.legend(legend)
        self.plot.setYRange(0.7, 5.3, padding=0)
        self.set_y_ticks([(v, str(v)) for v in range(1, 6)])
        self.plot.showGrid(x=False, y=True, alpha=0.3)
        self.set_date_range(clock.week_bounds(weeks[0].week)[0], _sunday(weeks[-1].week))
        for w, at in zip(weeks, x, strict=True):
            given = [
                f"{chart_text(RATING_LABELS[f])} {w.ratings[f]}"
                for f in RATING_FIELDS
                if w.ratings.get(f)
            ]
            energy = (
                QCoreApplication.translate("Chart", "energy {0}").format(w.energy)
                if w.energy
                else ""
            )
            tip = "\n".join(part for part in (w.week, ", ".join(given), energy) if part)
            for value in [*w.ratings.values(), w.energy]:
                if value is not None:
                    self.hits.append(Hit(at, value, tip))
        latest = weeks[-1]
        scores = [s for s in latest.ratings.values() if s is not None]
        mean = sum(scores) / len(scores) if scores else None
        self.headline = (
            QCoreApplication.translate("Chart", "latest mean {0:.1f}").format(mean)
            if mean is not None
            else ""
        )
        self.summary = QCoreApplication.translate("Chart", "Self-ratings over {0} weeks").format(
            len(weeks)
        )
