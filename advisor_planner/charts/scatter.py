"""The dashboard's maps of people and initiatives: stakeholder map, warmth × competence, and
trust against outcomes.

Power, interest, warmth and competence are whole-number ratings, so many people share a spot;
each point is nudged by a fixed amount worked out from its id (the same every time it is drawn)
so that they stay apart and hover finds each one.
"""

from __future__ import annotations

import functools
import weakref
from collections import Counter
from collections.abc import Sequence
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QRectF, Qt
from PySide6.QtGui import QFontMetricsF

from advisor_planner.charts.base import (
    Chart,
    Hit,
    RecordLink,
    chart_text,
    choice_label,
    short_date,
)
from advisor_planner.charts.marks import NameTag, place_tags, tag_font
from advisor_planner.charts.palette import ChartPalette
from advisor_planner.domain import correlation, stakeholder_map
from advisor_planner.domain.enums import Engagement
from advisor_planner.services.insights.outcome_series import OutcomePoint, TrustOutcomes
from advisor_planner.services.insights.relationships import PersonStatus
from advisor_planner.services.insights.trust_series import Perception
from advisor_planner.translation import QT_TRANSLATE_NOOP

#: Mendelow's quadrants (``domain.stakeholder_map.quadrant``), as a person's tooltip names them.
QUADRANT_NAMES = {
    stakeholder_map.MANAGE_CLOSELY: QT_TRANSLATE_NOOP("Chart", "manage closely"),
    stakeholder_map.KEEP_SATISFIED: QT_TRANSLATE_NOOP("Chart", "keep satisfied"),
    stakeholder_map.KEEP_INFORMED: QT_TRANSLATE_NOOP("Chart", "keep informed"),
    stakeholder_map.MONITOR: QT_TRANSLATE_NOOP("Chart", "monitor"),
}
#: Each outcome measure of ``services.initiatives.OUTCOME_MEASURES``: its name on its own
#: (an axis, a choice) and as it reads inside a sentence.
MEASURE_NAMES = {
    "user_satisfaction": (
        QT_TRANSLATE_NOOP("Chart", "User satisfaction (1–5)"),
        QT_TRANSLATE_NOOP("Chart", "user satisfaction (1–5)"),
    ),
    "on_time": (QT_TRANSLATE_NOOP("Chart", "On time"), QT_TRANSLATE_NOOP("Chart", "on time")),
    "on_budget": (
        QT_TRANSLATE_NOOP("Chart", "On budget"),
        QT_TRANSLATE_NOOP("Chart", "on budget"),
    ),
    "defect_count": (QT_TRANSLATE_NOOP("Chart", "Defects"), QT_TRANSLATE_NOOP("Chart", "defects")),
    "change_order_amount": (
        QT_TRANSLATE_NOOP("Chart", "Change orders"),
        QT_TRANSLATE_NOOP("Chart", "change orders"),
    ),
    "adoption": (
        QT_TRANSLATE_NOOP("Chart", "Adoption (%)"),
        QT_TRANSLATE_NOOP("Chart", "adoption (%)"),
    ),
}
#: The screen reader's sentence on trust and outcomes, by the link's strength and sign.
LINK_SENTENCES = {
    ("strong", True): QT_TRANSLATE_NOOP(
        "Chart", "A strong positive link (r = {0:.2f}) between trust and {1}, {2} initiatives"
    ),
    ("strong", False): QT_TRANSLATE_NOOP(
        "Chart", "A strong negative link (r = {0:.2f}) between trust and {1}, {2} initiatives"
    ),
    ("moderate", True): QT_TRANSLATE_NOOP(
        "Chart", "A moderate positive link (r = {0:.2f}) between trust and {1}, {2} initiatives"
    ),
    ("moderate", False): QT_TRANSLATE_NOOP(
        "Chart", "A moderate negative link (r = {0:.2f}) between trust and {1}, {2} initiatives"
    ),
    ("weak", True): QT_TRANSLATE_NOOP(
        "Chart", "A weak positive link (r = {0:.2f}) between trust and {1}, {2} initiatives"
    ),
    ("weak", False): QT_TRANSLATE_NOOP(
        "Chart", "A weak negative link (r = {0:.2f}) between trust and {1}, {2} initiatives"
    ),
}


def measure_name(measure: str, *, in_sentence: bool = False) -> str:
    """An outcome measure's name in the user's language (its key, if it is not one we know)."""
    names = MEASURE_NAMES.get(measure)
    return chart_text(names[1 if in_sentence else 0]) if names else measure


@functools.lru_cache(maxsize=16_384)
def jitter(record_id: int, salt: int = 0, spread: float = 0.7) -> float:
    """A fixed offset in [−spread/2, spread/2) for ``record_id``, different for each ``salt``.

    The offset comes from a 64-bit integer hash (SplitMix64's finaliser), so the x and y
    offsets of one point are unrelated and the points do not line up in stripes.
    """
    z = (record_id * 0x9E3779B97F4A7C15 + salt * 0xBF58476D1CE4E5B9) & 0xFFFFFFFFFFFFFFFF
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & 0xFFFFFFFFFFFFFFFF
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & 0xFFFFFFFFFFFFFFFF
    z ^= z >> 31
    return ((z >> 11) / 2**53 - 0.5) * spread


def _quadrant_labels(
    chart: Chart, labels: Sequence[tuple[str, float, float, tuple[float, float]]]
) -> None:
    for text, x, y, anchor in labels:
        chart.text(text, x, y, colour=chart.palette.muted, anchor=anchor, bold=True, scale=0.8)


#: Beyond this many people the map draws small translucent points (see ``_points``).
CROWD = 150
CROWD_OPACITY = 0.45
#: How many key people the map names at most, and the length of a name written whole.
TAGGED = 6
SHORT_NAME = 14
#: The plot's size in pixels to place names for, before it is laid out on screen.
NOMINAL_PIXELS = (480.0, 230.0)


class StakeholderMapChart(Chart):
    title = QT_TRANSLATE_NOOP("Chart", "Stakeholder map")
    info = QT_TRANSLATE_NOOP(
        "Chart",
        "Everyone by power (how much they shape what happens to your agenda) and interest "
        "(how much your work affects them), on Mendelow's grid: manage closely, keep "
        "satisfied, keep informed, monitor ('high' is 3 or more).\n\n"
        "Colour: how far their engagement still has to move to where you want it "
        "(desired − current, over unaware, resistant, neutral, supportive, leading). "
        "Size: relationship health, 0–100. A few key people are named.\n"
        "{0}\n\nClick a person to open their page.",
    )

    def __init__(self, palette: ChartPalette | None = None) -> None:
        super().__init__(palette)
        #: The names written on the map now (``_name_key_people``).
        self.tagged: list[str] = []
        self._tags: list[Any] = []  # their items, and the rings round their points
        self._tag_source: tuple[list[PersonStatus], list[float], list[float]] | None = None
        # Names are placed in pixels, so a resized plot places them again. (Through a weak
        # reference: the view box's signal must not keep the chart alive.)
        retag = weakref.WeakMethod(self._retag)
        self.plot.vb.sigResized.connect(lambda *_: (method := retag()) and method())

    def info_formulas(self) -> tuple[str, ...]:
        return (stakeholder_map.key_stakeholder_formula(),)

    def draw(self, people: list[PersonStatus]) -> None:
        self.tagged, self._tags, self._tag_source = [], [], None  # (show cleared the items)
        if not people:
            self.empty_text = QCoreApplication.translate(
                "Chart",
                "No stakeholders yet. Add the people whose trust you are building, with their "
                "power and interest, to see where each one stands.",
            )
            return
        palette = self.palette
        xs = [p.interest + jitter(p.id, 1) for p in people]
        ys = [p.power + jitter(p.id, 2) for p in people]
        plot = self.plot
        for at in (2.5,):
            plot.addItem(pg.InfiniteLine(at, angle=90, pen=self.pen(palette.grid, 1)))
            plot.addItem(pg.InfiniteLine(at, angle=0, pen=self.pen(palette.grid, 1)))
        plot.addItem(self._points(people, xs, ys))
        # Room above and below the grid for the quadrant names, clear of the points.
        plot.setXRange(0.5, 5.5, padding=0)
        plot.setYRange(0.05, 5.95, padding=0)
        ticks = [(v, str(v)) for v in range(1, 6)]
        self.set_x_ticks(ticks)
        self.set_y_ticks(ticks)
        plot.setLabel("bottom", QCoreApplication.translate("Chart", "Interest"))
        plot.setLabel("left", QCoreApplication.translate("Chart", "Power"))
        _quadrant_labels(
            self,
            [
                (QCoreApplication.translate("Chart", "Manage closely"), 5.5, 5.95, (1.0, 0.0)),
                (QCoreApplication.translate("Chart", "Keep satisfied"), 0.5, 5.95, (0.0, 0.0)),
                (QCoreApplication.translate("Chart", "Keep informed"), 5.5, 0.05, (1.0, 1.0)),
                (QCoreApplication.translate("Chart", "Monitor"), 0.5, 0.05, (0.0, 1.0)),
            ],
        )
        for person, x, y in zip(people, xs, ys, strict=True):
            tip = functools.partial(_person_tip, person)
            self.hits.append(Hit(x, y, tip, RecordLink("stakeholder", person.id)))
        settled = sum(1 for p in people if p.gap <= 0)
        key = sum(1 for p in people if p.key)
        self.headline = QCoreApplication.translate(
            "Chart", "{0} of {1} where you want them"
        ).format(settled, len(people))
        self.summary = QCoreApplication.translate(
            "Chart", "{0} stakeholders, {1} of them key; {2} are as engaged as you want them"
        ).format(len(people), key, settled)
        self.legend(
            [
                (palette.gap(0), QCoreApplication.translate("Chart", "where I want them")),
                (palette.gap(1), QCoreApplication.translate("Chart", "1 step to go")),
                (palette.gap(2), QCoreApplication.translate("Chart", "2 steps")),
                (palette.gap(3), QCoreApplication.translate("Chart", "3 or more")),
                (palette.gap(-1), QCoreApplication.translate("Chart", "more engaged than needed")),
            ]
        )
        self._name_key_people(people, xs, ys)  # last: it measures the plot, legend and all
        self._tag_source = (people, xs, ys)

    def _points(self, people: list[PersonStatus], xs: list[float], ys: list[float]) -> Any:
        """The people as points sized by health. A crowd (hundreds of people) gets smaller,
        translucent points without outlines, so that where they pile up reads as density
        rather than as one solid blob."""
        palette = self.palette
        crowded = len(people) > CROWD
        smallest, growth = (4.0, 5.0) if crowded else (7.0, 11.0)
        # Health in five steps of size: enough to read, and few symbols for pyqtgraph to render.
        sizes = [smallest + growth * round((p.health or 0) / 25) / 4 for p in people]
        # One brush per gap (a handful), shared by the points: a colour worked out per person
        # was a sixth of drawing a thousand.
        brushes: dict[int, Any] = {}
        for gap in {p.gap for p in people}:
            colour = palette.gap(gap)
            if crowded:
                colour.setAlphaF(CROWD_OPACITY)
            brushes[gap] = pg.mkBrush(colour)
        brush = [brushes[p.gap] for p in people]
        pen = None if crowded else pg.mkPen(palette.background, width=0.8)
        return pg.ScatterPlotItem(xs, ys, size=sizes, brush=brush, pen=pen)

    def _retag(self) -> None:
        """Place the names again for the plot's new size."""
        if self._tag_source is None:
            return
        source, self._tag_source = self._tag_source, None  # (placing may resize it again)
        for item in self._tags:
            if item in self.plot.items:
                self.plot.items.remove(item)
                self.plot.vb.removeItem(item)
        self._tags = []
        self._name_key_people(*source)
        self._tag_source = source

    def _name_key_people(
        self, people: list[PersonStatus], xs: list[float], ys: list[float]
    ) -> None:
        """Name a few key people beside their points (the most powerful and interested first,
        then those furthest from where you want them), each point ringed, where a name fits
        without covering another."""
        order = _spread(
            sorted(
                (i for i, p in enumerate(people) if p.key),
                key=lambda i: (
                    -people[i].power * people[i].interest, -people[i].gap, people[i].name
                ),
            ),
            [(people[i].power, people[i].interest) for i in range(len(people))],
        )  # fmt: skip
        self.plot.layout.activate()  # (the axis title and legend just added take their room)
        box = self.plot.vb.boundingRect()
        pixels = (box.width(), box.height()) if box.width() > 80 else NOMINAL_PIXELS
        font = tag_font()
        placed = place_tags(
            [(short_name(people[i].name), xs[i], ys[i]) for i in order],
            view=QRectF(0.5, 0.05, 5.0, 5.9),
            pixels=pixels,
            font=font,
            limit=TAGGED,
            margins=(font_height := QFontMetricsF(font).height() + 4, font_height),
        )
        self.tagged = [tag.text for tag in placed]
        if not placed:
            return
        palette = self.palette
        rings = pg.ScatterPlotItem(
            [tag.x for tag in placed],
            [tag.y for tag in placed],
            size=11,
            brush=pg.mkBrush(None),
            pen=pg.mkPen(palette.foreground, width=1.2),
        )
        self.plot.addItem(rings, ignoreBounds=True)
        self._tags.append(rings)
        for tag in placed:
            item = NameTag(tag.text, tag.box, font, palette.foreground, palette.background)
            item.setPos(tag.x, tag.y)
            self.plot.addItem(item, ignoreBounds=True)
            self._tags.append(item)


def _spread(order: list[int], cells: list[tuple[int, int]]) -> list[int]:
    """``order`` taken one per cell of the grid at a time (each cell's first, then each
    one's second…), so that the names spread over the map rather than pile into its corner."""
    queues: dict[tuple[int, int], list[int]] = {}
    for i in order:
        queues.setdefault(cells[i], []).append(i)
    spread: list[int] = []
    while queues:
        for cell in list(queues):
            spread.append(queues[cell].pop(0))
            if not queues[cell]:
                del queues[cell]
    return spread


def short_name(name: str) -> str:
    """A name short enough to write on a chart: "Alexandra Montgomery" as "Alexandra M."."""
    words = name.split()
    if len(name) <= SHORT_NAME or len(words) < 2:
        return name
    return f"{words[0]} {words[-1][0]}."


def _person_tip(person: PersonStatus) -> str:
    current = choice_label(Engagement(person.engagement_current))
    desired = choice_label(Engagement(person.engagement_desired)).lower()
    if person.gap > 0:
        engagement = QCoreApplication.translate("Chart", "{0} → {1} ({2} to go)").format(
            current, desired, person.gap
        )
    elif person.gap < 0:
        engagement = QCoreApplication.translate("Chart", "{0} (wanted: {1})").format(
            current, desired
        )
    else:
        engagement = QCoreApplication.translate("Chart", "{0}, where you want them").format(current)
    health = (
        QCoreApplication.translate("Chart", "health {0:.0f} / 100").format(person.health)
        if person.health is not None
        else QCoreApplication.translate("Chart", "no health reading yet")
    )
    name = f"{person.name} ({person.business_unit})" if person.business_unit else person.name
    return "\n".join(
        [
            name,
            QCoreApplication.translate("Chart", "Power {0} · interest {1} · {2}").format(
                person.power, person.interest, chart_text(QUADRANT_NAMES[person.quadrant])
            ),
            QCoreApplication.translate("Chart", "Engagement {0}").format(engagement),
            f"{health} · {person.cadence.label}",
        ]
    )


def _perception_tip(p: Perception) -> str:
    return QCoreApplication.translate(
        "Chart", "{0}\nWarmth {1} · competence {2}\nChecked {3}"
    ).format(p.name, p.warmth, p.competence, short_date(p.checked_on))


# Short, because two share each edge of the chart, and in the report it is half a page wide.
WARM_CAPABLE = QT_TRANSLATE_NOOP("Chart", "Trusted")
COLD_CAPABLE = QT_TRANSLATE_NOOP("Chart", "Respected, not close")
WARM_DOUBTED = QT_TRANSLATE_NOOP("Chart", "Liked, not relied on")
COLD_DOUBTED = QT_TRANSLATE_NOOP("Chart", "At risk")
MIDPOINT = 5.5
#: Each quadrant by (warm, capable): its hue, its point's symbol and its name.
QUADRANTS = {
    (True, True): ("blue", "o", WARM_CAPABLE),
    (False, True): ("sky", "d", COLD_CAPABLE),
    (True, False): ("purple", "s", WARM_DOUBTED),
    (False, False): ("vermillion", "t", COLD_DOUBTED),
}


class WarmthCompetenceChart(Chart):
    title = QT_TRANSLATE_NOOP("Chart", "Warmth × competence")
    info = QT_TRANSLATE_NOOP(
        "Chart",
        "How each person sees you, from their latest trust check that rates warmth and "
        "competence (1–10 each). People judge warmth first and competence second; a trusted "
        "advisor is high on both. The lines sit at 5.5, the middle of the scale; each "
        "quadrant has its colour and its shape (the legend counts them).\n\n"
        "Click a person to open their page.",
    )

    def draw(self, perceptions: list[Perception]) -> None:
        if not perceptions:
            self.empty_text = QCoreApplication.translate(
                "Chart",
                "No one's view of your warmth and competence is recorded yet. Rate both in a "
                "trust check (they are optional fields) to see how people see you.",
            )
            return
        palette = self.palette
        # Colour and shape both say the quadrant, so it reads without telling hues apart.
        styles = {key: (palette.hue(hue), symbol) for key, (hue, symbol, _) in QUADRANTS.items()}

        def side(p: Perception) -> tuple[bool, bool]:
            return p.warmth > MIDPOINT, p.competence > MIDPOINT

        xs = [p.warmth + jitter(p.stakeholder_id, 3, 0.6) for p in perceptions]
        ys = [p.competence + jitter(p.stakeholder_id, 4, 0.6) for p in perceptions]
        plot = self.plot
        plot.addItem(pg.InfiniteLine(MIDPOINT, angle=90, pen=self.pen(palette.grid, 1)))
        plot.addItem(pg.InfiniteLine(MIDPOINT, angle=0, pen=self.pen(palette.grid, 1)))
        plot.addItem(
            pg.ScatterPlotItem(
                xs,
                ys,
                size=10,
                symbol=[styles[side(p)][1] for p in perceptions],
                brush=self.brushes([styles[side(p)][0] for p in perceptions]),
                pen=pg.mkPen(palette.background, width=0.8),
            )
        )
        counts = Counter(side(p) for p in perceptions)
        self.legend(
            [
                (colour, QCoreApplication.translate("Chart", "{0} ({1})").format(
                    chart_text(QUADRANTS[quadrant][2]), counts[quadrant]
                ), symbol)
                for quadrant, (colour, symbol) in styles.items()
            ]
        )  # fmt: skip
        plot.setXRange(0.5, 10.5, padding=0)
        plot.setYRange(-0.5, 11.5, padding=0)
        ticks = [(v, str(v)) for v in (1, 4, 7, 10)]
        self.set_x_ticks(ticks)
        self.set_y_ticks(ticks)
        plot.setLabel("bottom", QCoreApplication.translate("Chart", "Warmth"))
        plot.setLabel("left", QCoreApplication.translate("Chart", "Competence"))
        _quadrant_labels(
            self,
            [
                (chart_text(WARM_CAPABLE), 10.5, 11.5, (1.0, 0.0)),
                (chart_text(COLD_CAPABLE), 0.5, 11.5, (0.0, 0.0)),
                (chart_text(WARM_DOUBTED), 10.5, -0.5, (1.0, 1.0)),
                (chart_text(COLD_DOUBTED), 0.5, -0.5, (0.0, 1.0)),
            ],
        )
        for p, x, y in zip(perceptions, xs, ys, strict=True):
            tip = functools.partial(_perception_tip, p)
            self.hits.append(Hit(x, y, tip, RecordLink("stakeholder", p.stakeholder_id)))
        trusted = sum(1 for p in perceptions if side(p) == (True, True))
        self.headline = QCoreApplication.translate(
            "Chart", "{0} of {1} see you as warm and capable"
        ).format(trusted, len(perceptions))
        self.summary = self.headline


#: Outcome measures that are yes/no: drawn at 0 and 1 with "No" and "Yes" on the axis.
YES_NO_MEASURES = frozenset({"on_time", "on_budget"})


class TrustOutcomesChart(Chart):
    title = QT_TRANSLATE_NOOP("Chart", "Trust and outcomes")
    info = QT_TRANSLATE_NOOP(
        "Chart",
        "For each finished initiative: the mean trust quotient of its sponsor and "
        "stakeholders (each person's latest check by the initiative's end) against the "
        "outcome chosen above. Projects whose sponsors trust IT tend to succeed more often; "
        "this is your own evidence.\n\n"
        "{0}\nThe line is the least-squares fit: {1}\n\nClick an initiative to open it.",
    )

    def info_formulas(self) -> tuple[str, ...]:
        return (correlation.correlation_formula(), correlation.least_squares_formula())

    def draw(self, series: TrustOutcomes) -> None:
        measure = measure_name(series.measure)
        points = series.points
        if not points:
            self.empty_text = QCoreApplication.translate(
                "Chart",
                "No finished initiative has “{0}” recorded yet. When an initiative finishes, "
                "record its outcomes to see whether stronger trust goes with better results.",
            ).format(measure)
            return
        palette = self.palette
        yes_no = series.measure in YES_NO_MEASURES
        xs = [p.mean_quotient for p in points]
        ys = [p.outcome + (jitter(p.initiative_id, 5, 0.12) if yes_no else 0) for p in points]
        plot = self.plot
        fit = correlation.least_squares(xs, [p.outcome for p in points])
        if fit is not None and series.r is not None:
            a, b = fit
            low, high = min(xs), max(xs)
            plot.addItem(
                pg.PlotDataItem(
                    [low, high],
                    [a + b * low, a + b * high],
                    pen=self.pen(palette.hue("orange"), 1.5, Qt.PenStyle.DashLine),
                )
            )
        plot.addItem(
            pg.ScatterPlotItem(
                xs,
                ys,
                size=11,
                brush=pg.mkBrush(palette.hue("blue")),
                pen=pg.mkPen(palette.background, width=0.8),
            )
        )
        plot.setLabel("bottom", QCoreApplication.translate("Chart", "Mean trust quotient"))
        plot.setLabel("left", measure)
        plot.showGrid(x=True, y=True, alpha=0.25)
        low, high = min(xs), max(xs)
        margin = max(0.5, (high - low) * 0.08)
        plot.setXRange(low - margin, high + margin, padding=0)
        if yes_no:
            self.set_y_ticks(
                [
                    (0, QCoreApplication.translate("Chart", "No")),
                    (1, QCoreApplication.translate("Chart", "Yes")),
                ]
            )
            plot.setYRange(-0.4, 1.4, padding=0)
        else:
            bottom, top = min(ys), max(ys)
            margin = max(0.5, (top - bottom) * 0.08)
            plot.setYRange(bottom - margin, top + margin, padding=0)
        for p, x, y in zip(points, xs, ys, strict=True):
            tip = _initiative_tip(p, measure, yes_no)
            self.hits.append(Hit(x, y, tip, RecordLink("initiative", p.initiative_id)))
        self._describe(series)

    def _describe(self, series: TrustOutcomes) -> None:
        """The headline and summary: how many initiatives, and the correlation once there is one."""
        n = len(series.points)
        if series.r is None:
            missing = correlation.MIN_POINTS_FOR_CORRELATION - n
            self.headline = (
                QCoreApplication.translate("Chart", "{0} initiatives · r from {1}").format(
                    n, correlation.MIN_POINTS_FOR_CORRELATION
                )
                if missing > 0
                else QCoreApplication.translate(
                    "Chart", "{0} initiatives · no spread to correlate"
                ).format(n)
            )
            self.summary = QCoreApplication.translate(
                "Chart", "{0} finished initiatives against {1}"
            ).format(n, measure_name(series.measure))
        else:
            self.headline = QCoreApplication.translate(
                "Chart", "r = {0:.2f} across {1} initiatives"
            ).format(series.r, n)
            size = abs(series.r)
            strength = "strong" if size >= 0.6 else "moderate" if size >= 0.3 else "weak"
            self.summary = chart_text(LINK_SENTENCES[strength, series.r > 0]).format(
                series.r, measure_name(series.measure, in_sentence=True), n
            )


def _initiative_tip(p: OutcomePoint, measure: str, yes_no: bool) -> str:
    """An initiative's point: its name, its sponsors' mean trust quotient and its outcome."""
    if yes_no:
        value = (
            QCoreApplication.translate("Chart", "Yes")
            if p.outcome
            else QCoreApplication.translate("Chart", "No")
        )
    else:
        value = f"{p.outcome:g}"
    return QCoreApplication.translate("Chart", "{0}\nMean trust quotient {1:.1f}\n{2}: {3}").format(
        p.name, p.mean_quotient, measure, value
    )
