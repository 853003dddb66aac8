"""Charts that read at a glance: warmth × competence says what each colour and shape means,
the self-ratings are small multiples, and a crowded stakeholder map names a few key people
and lets its points show density. Real charts, drawn off screen from real series."""

from __future__ import annotations

from datetime import date

import pyqtgraph as pg
import pytest
from PySide6.QtCore import QSizeF

from advisor_planner.charts.marks import NameTag
from advisor_planner.charts.reflection import SelfRatingsChart
from advisor_planner.charts.scatter import StakeholderMapChart, WarmthCompetenceChart
from advisor_planner.services import clock, reflections, stakeholders
from advisor_planner.services.insights import relationships
from advisor_planner.services.insights.trust_series import Perception
from advisor_planner.services.reflections import RATING_FIELDS, WeekRatings

TODAY = date(2026, 3, 20)


def _perception(sid: int, warmth: int, competence: int) -> Perception:
    return Perception(sid, f"P{sid}", warmth, competence, date(2026, 3, 1))


def test_warmth_competence_legend_names_each_quadrant_with_colour_and_shape(qtbot) -> None:
    chart = WarmthCompetenceChart()
    chart.ensure_scene()
    # Two trusted, one respected but not close, one liked but not relied on, none at risk.
    chart.show(
        [_perception(1, 8, 9), _perception(2, 7, 7), _perception(3, 2, 9), _perception(4, 9, 3)]
    )
    legend = chart._legend
    assert legend is not None and legend.isVisible()
    names = [entry[1] for entry in legend.entries]
    assert names == [
        "Trusted (2)",
        "Respected, not close (1)",
        "Liked, not relied on (1)",
        "At risk (0)",
    ]
    # Not colour alone: each quadrant has a shape of its own, the same as its points'.
    symbols = [entry[2] for entry in legend.entries]
    assert len(set(symbols)) == 4 and all(isinstance(s, str) for s in symbols)
    colours = {entry[0].name() for entry in legend.entries}
    assert len(colours) == 4
    scatter = next(i for i in chart.plot.items if isinstance(i, pg.ScatterPlotItem))
    drawn = [point.symbol() for point in scatter.points()]
    assert drawn == [symbols[0], symbols[0], symbols[1], symbols[2]]
    image = chart.to_image(420, 300, scale=1)  # and the legend paints
    assert not image.isNull()
    chart.release()


def _weeks() -> list[WeekRatings]:
    values = {"2026-W10": 2, "2026-W11": 3, "2026-W12": 4}
    return [
        WeekRatings(
            week,
            {field: (value + i) % 5 + 1 for i, field in enumerate(RATING_FIELDS)},
            value,
        )
        for week, value in values.items()
    ]


def test_self_ratings_are_one_small_chart_per_rating_on_a_shared_scale(qtbot) -> None:
    chart = SelfRatingsChart()
    chart.ensure_scene()
    weeks = _weeks()
    chart.show(weeks)
    panels = chart.panels
    assert [p.field for p in panels] == [*RATING_FIELDS, "energy"]
    latest = weeks[-1].ratings
    assert [p.title for p in panels] == [
        f"Self-awareness · {latest['self_awareness']}",
        f"Self-regulation · {latest['self_regulation']}",
        f"Motivation · {latest['motivation']}",
        f"Empathy · {latest['empathy']}",
        f"Social skill · {latest['social_skill']}",
        "Energy · 4",
    ]
    widths = {round(p.right - p.left, 6) for p in panels}
    assert len(widths) == 1  # the same weeks in every panel
    for panel in panels:
        field = panel.field
        expected = [w.energy if field == "energy" else w.ratings[field] for w in weeks]
        xs, ys = panel.line.getData()  # (the line the panels share: this panel's stretch)
        xs, ys = xs[panel.start : panel.stop], ys[panel.start : panel.stop]
        assert list(ys) == [panel.base + v - 1 for v in expected]  # 1–5 from the panel's base
        assert panel.left <= min(xs) and max(xs) <= panel.right
    # No two panels overlap: each is its own small chart.
    boxes = sorted((p.base, p.left) for p in panels)
    assert len(set(boxes)) == len(panels)
    titles = [i.label for i in chart.plot.items if hasattr(i, "label")]
    assert all(panel.title in titles for panel in panels)
    assert len(chart.hits) == 6 * len(weeks)
    chart.release()


def _people(count: int, **extra) -> None:
    for i in range(count):
        stakeholders.create(name=f"Person {i:03d}", power=1 + i % 2, interest=1 + i % 3, **extra)


def test_the_map_names_a_few_key_people_and_no_one_else(qtbot, db, pin_today) -> None:
    pin_today(TODAY)
    _people(300)
    key = [
        stakeholders.create(name=name, power=power, interest=interest).id
        for name, power, interest in (
            ("Ada Lovelace", 5, 5),
            ("Grace Hopper", 4, 4),
            ("Alexandra Montgomery", 5, 3),
        )
    ]
    chart = StakeholderMapChart()
    chart.ensure_scene()
    people = relationships.people_status(today=TODAY)
    chart.show(people)
    assert sorted(chart.tagged) == ["Ada Lovelace", "Alexandra M.", "Grace Hopper"]
    tags = [i for i in chart.plot.items if isinstance(i, NameTag)]
    assert sorted(t.label for t in tags) == sorted(chart.tagged)
    # The tags stand where their people are.
    at = {p.id: (h.x, h.y) for p, h in zip(people, chart.hits, strict=True)}
    by_name = {"Ada Lovelace": key[0], "Grace Hopper": key[1], "Alexandra M.": key[2]}
    for tag in tags:
        assert (tag.pos().x(), tag.pos().y()) == pytest.approx(at[by_name[tag.label]])
    chart.release()


def test_a_crowded_map_draws_small_translucent_points(qtbot, db, pin_today) -> None:
    pin_today(TODAY)
    _people(100)
    for engagement in ("unaware", "resistant", "supportive", "leading"):  # four gaps more
        _people(75, engagement_current=engagement)
    chart = StakeholderMapChart()
    chart.ensure_scene()
    chart.show(relationships.people_status(today=TODAY))
    scatter = next(i for i in chart.plot.items if isinstance(i, pg.ScatterPlotItem))
    points = scatter.points()
    assert len(points) == 400
    assert max(p.size() for p in points) <= 9
    assert all(p.brush().color().alpha() < 200 for p in points)
    # Each point has its engagement gap's colour, translucent.
    people = relationships.people_status(today=TODAY)
    assert len({person.gap for person in people}) == 5
    for point, person in zip(points, people, strict=True):
        wanted = chart.palette.gap(person.gap)
        wanted.setAlphaF(0.45)
        assert point.brush().color().rgba() == wanted.rgba()
    chart.release()


def test_reflections_ratings_series_draws(qtbot, db, pin_today) -> None:
    """The service's own series draws as panels (no week rated: none)."""
    pin_today(TODAY)
    chart = SelfRatingsChart()
    chart.ensure_scene()
    chart.show(reflections.ratings_by_week())
    assert chart.panels == [] and chart.empty_text
    chart.release()


def test_the_map_places_its_names_again_when_resized(qtbot, db, pin_today) -> None:
    """Names are placed in pixels: a map made smaller places them afresh (fewer may fit) and
    leaves none of the old ones behind."""
    pin_today(TODAY)
    _people(200)
    for i in range(12):
        stakeholders.create(name=f"Key Person {i}", power=4 + i % 2, interest=3 + i % 3)
    chart = StakeholderMapChart()
    chart.ensure_scene(QSizeF(900, 600))
    chart.show(relationships.people_status(today=TODAY))
    assert len(chart.tagged) == 6
    chart.ensure_scene(QSizeF(260, 200))
    chart.plot.layout.activate()
    tags = [i for i in chart.plot.items if isinstance(i, NameTag)]
    in_view = [i for i in chart.plot.scene().items() if isinstance(i, NameTag)]
    assert sorted(t.label for t in tags) == sorted(chart.tagged) == sorted(t.label for t in in_view)
    assert 0 < len(chart.tagged) < 6
    chart.release()


def test_self_ratings_titles_fit_their_panels_when_narrow(qtbot) -> None:
    """A narrow chart cuts a panel's title short rather than run it into the next panel."""
    from PySide6.QtGui import QFontMetricsF

    from advisor_planner.charts.reflection import PanelTitle

    chart = SelfRatingsChart()
    chart.ensure_scene(QSizeF(300, 200))
    chart.show(_weeks())
    chart.plot.layout.activate()
    titles = [i for i in chart.plot.items if isinstance(i, PanelTitle)]
    assert len(titles) == 6
    per_pixel = chart.plot.vb.viewPixelSize()[0]
    for title in titles:
        shown = title.shown_text()
        assert QFontMetricsF(title._font).horizontalAdvance(shown) <= title.span / per_pixel
    cut = [t.shown_text() for t in titles if t.shown_text() != t.label]
    assert cut and all("…" in text for text in cut)
    # The rating itself is never cut: only the name is.
    assert all(t.shown_text().endswith(t.value) for t in titles)
    chart.ensure_scene(QSizeF(1400, 300))  # wide: every title whole
    chart.plot.layout.activate()
    assert all(t.shown_text() == t.label for t in titles)
    chart.release()


def test_ten_years_of_self_ratings_read_each_weeks_dates_once(qtbot, monkeypatch) -> None:
    """Six panels share the weeks: each week's Sunday was worked out once per panel, and each
    point's tooltip written at once (520 weeks: 3,120 of each, 45 ms as the section showed)."""
    weeks = [
        WeekRatings(
            f"{2016 + n // 52}-W{n % 52 + 1:02d}", dict.fromkeys(RATING_FIELDS, 1 + n % 5), 3
        )
        for n in range(520)
    ]
    calls: list[str] = []
    week_bounds = clock.week_bounds
    monkeypatch.setattr(
        clock, "week_bounds", lambda week: (calls.append(week), week_bounds(week))[1]
    )
    chart = SelfRatingsChart()
    chart.show(weeks)
    assert len(calls) <= len(weeks) + 2
    hit = next(h for h in chart.hits if h.text.startswith("2016-W03\nEmpathy"))
    assert hit.text == "2016-W03\nEmpathy: 3 of 5"
