"""Every chart draws its series off screen to a non-blank image and, as vectors, to a PDF;
says what is missing when the data is sparse; and keeps its hits where its points are."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QMarginsF, QRectF, QSizeF
from PySide6.QtGui import QColor, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter

from advisor_planner import demo
from advisor_planner.charts.base import Chart
from advisor_planner.charts.goals import GoalPathChart, GoalProgressChart
from advisor_planner.charts.heatmap import (
    ActivityHeatmapChart,
    heat_level,
    heat_thresholds,
    level_labels,
)
from advisor_planner.charts.palette import ChartPalette
from advisor_planner.charts.scatter import (
    StakeholderMapChart,
    TrustOutcomesChart,
    WarmthCompetenceChart,
    jitter,
)
from advisor_planner.charts.stakeholder import (
    TouchpointTimelineChart,
    TrustFactorsChart,
    TrustQuotientChart,
)
from advisor_planner.charts.time_series import (
    FollowThroughChart,
    TouchpointsPerWeekChart,
    TrustIndexChart,
)
from advisor_planner.services import dashboard, stakeholders
from advisor_planner.services.insights import (
    activity_series,
    goal_series,
    person_series,
    promise_series,
    relationships,
    trust_series,
)

TODAY = date(2026, 3, 20)


@pytest.fixture
def today(pin_today) -> date:
    return pin_today(TODAY)


@pytest.fixture
def sample(db, today) -> dict:
    """The small demo data set and every dashboard series over its last 12 months."""
    demo.generate(size="small", seed=3)
    period = dashboard.period_for("12m", today=TODAY)
    series = dashboard.load(parts=dashboard.PARTS, period=period, today=TODAY)
    key = max(relationships.people_status(today=TODAY), key=lambda p: (p.power * p.interest, -p.id))
    series["trust"] = person_series.person_trust(stakeholder_id=key.id)
    series["contact"] = person_series.person_contact(stakeholder_id=key.id, today=TODAY)
    goal = max(goal_series.goal_progress(today=TODAY), key=lambda g: len(g.checkpoints))
    series["goal_path"] = goal_series.goal_trajectory(goal_id=goal.goal_id, today=TODAY)
    return series


CHARTS = [
    (TrustIndexChart, "trust_index"),
    (TouchpointsPerWeekChart, "activity"),
    (FollowThroughChart, "follow_through"),
    (ActivityHeatmapChart, "calendar"),
    (StakeholderMapChart, "people"),
    (WarmthCompetenceChart, "perception"),
    (GoalProgressChart, "goals"),
    (TrustOutcomesChart, "outcomes"),
    (TrustFactorsChart, "trust"),
    (TrustQuotientChart, "trust"),
    (TouchpointTimelineChart, "contact"),
    (GoalPathChart, "goal_path"),
]


def _distinct_colours(image: QImage) -> int:
    return len(
        {image.pixel(x, y) for x in range(0, image.width(), 5) for y in range(0, image.height(), 5)}
    )


@pytest.mark.parametrize(("chart_class", "part"), CHARTS, ids=[c.__name__ for c, _ in CHARTS])
def test_each_chart_draws_to_a_non_blank_image(qtbot, sample, chart_class, part, tmp_path):
    chart: Chart = chart_class()
    chart.show(sample[part])
    assert chart.empty_text is None, chart.empty_text
    assert chart.hits and chart.headline and chart.summary
    image = chart.to_image(560, 300)
    path = tmp_path / f"{chart_class.__name__}.png"
    assert image.save(str(path))
    again = QImage(str(path))
    assert (again.width(), again.height()) == (1120, 600)
    assert _distinct_colours(again) > 6
    # Something is drawn in the plot area, not only the background behind the axes.
    plot = chart.plot.vb.sceneBoundingRect()
    centre = QImage(again).copy(
        int(plot.left() * 2), int(plot.top() * 2), int(plot.width() * 2), int(plot.height() * 2)
    )
    assert _distinct_colours(centre) > 2


@pytest.mark.parametrize(("chart_class", "part"), CHARTS, ids=[c.__name__ for c, _ in CHARTS])
def test_hits_lie_on_the_plot(qtbot, sample, chart_class, part) -> None:
    chart: Chart = chart_class()
    chart.ensure_scene(QSizeF(560, 300))
    chart.show(sample[part])
    area = chart.plot.vb.sceneBoundingRect()
    for hit in chart.hits:
        at = chart.scene_pos_of(hit)
        assert area.contains(at), hit
        assert chart.hit_at(at) is not None


def test_charts_paint_into_a_pdf_as_vectors(qtbot, sample, tmp_path: Path) -> None:
    """Axis labels and tick text end up as real text in the PDF (they would not in an image)."""
    from pypdf import PdfReader

    path = tmp_path / "charts.pdf"
    writer = QPdfWriter(str(path))
    writer.setResolution(96)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(15, 15, 15, 15),
        )
    )
    painter = QPainter(writer)
    try:
        area = writer.pageLayout().paintRectPixels(96)
        width = area.width()
        for row, (chart_class, part) in enumerate(
            [(StakeholderMapChart, "people"), (TrustIndexChart, "trust_index")]
        ):
            chart = chart_class(ChartPalette.light())
            chart.ensure_scene(QSizeF(640, 360))
            chart.show(sample[part])
            chart.paint(painter, QRectF(0, row * 380, width, width * 360 / 640))
    finally:
        painter.end()
    text = " ".join(PdfReader(str(path)).pages[0].extract_text().split())
    for word in ("Interest", "Power", "Manage closely", "Monitor", "100", "75"):
        assert word in text, word


def test_sparse_data_says_what_is_missing(qtbot, db, today) -> None:
    ada = stakeholders.create(name="Ada Lovelace", power=5, interest=4)
    index = TrustIndexChart()
    index.show(trust_series.trust_index(start=TODAY - timedelta(days=90), end=TODAY))
    assert index.empty_text == "Add a trust check for Ada Lovelace to start your trust index."
    assert index.hits == []

    factors = TrustFactorsChart()
    factors.show(person_series.person_trust(stakeholder_id=ada.id))
    assert factors.empty_text is not None
    assert factors.empty_text.startswith("Add two trust checks for Ada Lovelace to see a trend")
    from advisor_planner.services import trust_checks

    trust_checks.create(
        stakeholder_id=ada.id, checked_on=TODAY - timedelta(days=3), credibility=6,
        reliability=6, intimacy=6, self_orientation=4,
    )  # fmt: skip
    factors.show(person_series.person_trust(stakeholder_id=ada.id))
    assert factors.empty_text == (
        "Add one more trust check for Ada Lovelace to see a trend (the only one so far is "
        "from 17 Mar 2026)."
    )
    nobody = StakeholderMapChart()
    nobody.show([])
    assert "No stakeholders yet" in (nobody.empty_text or "")
    bars = TouchpointsPerWeekChart()
    bars.show(activity_series.activity(start=TODAY - timedelta(days=30), end=TODAY))
    assert "Ctrl+L" in (bars.empty_text or "")
    timeline = TouchpointTimelineChart()
    timeline.show(person_series.person_contact(stakeholder_id=ada.id, today=TODAY))
    assert timeline.empty_text == (
        "No touchpoints with Ada Lovelace yet. Log touchpoint records your next conversation."
    )


def test_trust_index_tooltip_names_the_checks_of_the_week(qtbot, db, today) -> None:
    from advisor_planner.services import trust_checks

    ada = stakeholders.create(name="Ada Lovelace", power=5, interest=4)
    trust_checks.create(
        stakeholder_id=ada.id, checked_on=TODAY - timedelta(days=1), credibility=10,
        reliability=10, intimacy=10, self_orientation=1,
    )  # fmt: skip
    chart = TrustIndexChart()
    chart.show(trust_series.trust_index(start=TODAY - timedelta(days=13), end=TODAY))
    last = chart.hits[-1]
    # (10 + 10 + 10) / 1 = 30, the top of the scale: 100.
    assert (
        last.text
        == "Week ending 22 Mar 2026\nTrust index 100.0\nChecked this week: Ada Lovelace 100"
    )
    assert (last.link.kind, last.link.record_id) == ("stakeholder", ada.id)


def test_heat_levels_split_the_busy_days_into_quarters() -> None:
    counts = [0, 0, 1, 1, 2, 3, 4, 5, 8, 12]
    # Busy days 1 1 2 3 4 5 8 12: inclusive quartiles 1.75, 3.5, 5.75 → rounded 2, 4, 6.
    assert heat_thresholds(counts) == [2, 4, 6]
    assert [heat_level(c, [2, 4, 6]) for c in (0, 1, 2, 3, 4, 6, 7, 40)] == [0, 1, 1, 2, 2, 3, 4, 4]
    assert level_labels([2, 4, 6]) == ["none", "1–2", "3–4", "5–6", "7+"]
    assert level_labels([1, 1, 2]) == ["none", "1", "", "2", "3+"]
    assert heat_thresholds([0, 0]) == [1, 1, 1]


def test_jitter_is_fixed_small_and_unrelated_between_axes() -> None:
    xs = [jitter(i, 1) for i in range(1, 500)]
    ys = [jitter(i, 2) for i in range(1, 500)]
    assert xs == [jitter(i, 1) for i in range(1, 500)]  # the same every time
    assert all(-0.35 <= v < 0.35 for v in xs + ys)
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    covariance = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    spread = (sum((x - mean_x) ** 2 for x in xs) * sum((y - mean_y) ** 2 for y in ys)) ** 0.5
    assert abs(covariance / spread) < 0.15  # no stripes: x and y offsets do not move together


def test_palette_follows_light_and_dark(qtbot) -> None:
    from PySide6.QtGui import QPalette

    light = ChartPalette.light()
    assert not light.dark and light.background == QColor("#ffffff")
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Base, QColor("#202020"))
    palette.setColor(QPalette.ColorRole.Text, QColor("#eeeeee"))
    dark = ChartPalette.from_palette(palette)
    assert dark.dark
    # Blue for where I want them, orange as the gap grows: never red against green.
    assert light.gap(0) == QColor("#0072B2") and light.gap(2) == QColor("#E69F00")
    assert dark.hue("blue").lightnessF() > light.hue("blue").lightnessF()


def test_touchpoint_timeline_marks_the_cadence(qtbot, db, today) -> None:
    from advisor_planner.services import touchpoints

    ada = stakeholders.create(name="Ada Lovelace", cadence_days=14)
    touchpoints.create(
        occurred_at=datetime.combine(TODAY - timedelta(days=20), time(9)).astimezone(),
        stakeholder_ids=[ada.id], channel="call", purpose="listen", sentiment=-1,
    )  # fmt: skip
    chart = TouchpointTimelineChart()
    chart.show(person_series.person_contact(stakeholder_id=ada.id, today=TODAY))
    # Seen 20 days ago, every 14 days: due 6 days ago.
    assert chart.headline == "6 days overdue"
    assert chart.hits[0].text.splitlines()[0] == "28 Feb 2026 · Call · Listen"
    assert chart.hits[0].y == -1


def test_date_ticks_follow_the_span() -> None:
    from advisor_planner.charts.base import date_ticks, x_day

    year = date_ticks(date(2025, 3, 21), date(2026, 3, 20))
    assert [label for _x, label in year] == [
        "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "2026", "Feb", "Mar",
    ]  # fmt: skip
    assert x_day(year[0][0]) == date(2025, 4, 1)
    # Two years: every other month (January, March, …), the year at each January.
    two = [label for _x, label in date_ticks(date(2024, 12, 15), date(2026, 12, 1))]
    assert two == ["2025", "Mar", "May", "Jul", "Sep", "Nov", "2026", "Mar", "May", "Jul",
                   "Sep", "Nov"]  # fmt: skip
    decade = [label for _x, label in date_ticks(date(2016, 12, 3), date(2026, 12, 2))]
    assert decade == [str(y) for y in range(2017, 2027)]


def test_an_off_screen_chart_collected_on_a_worker_is_deleted_on_its_own_thread(qtbot) -> None:
    """The garbage collector may free a chart on any thread; its Qt objects must still be
    deleted on the GUI thread (a timer left behind by a wrong-thread delete crashed the app)."""
    import gc
    import threading

    from PySide6.QtCore import QCoreApplication, QEvent

    from advisor_planner.charts import base

    chart = TrustIndexChart()
    chart.ensure_scene(QSizeF(300, 200))
    view = chart._offscreen_view
    destroyed: list[bool] = []
    view.destroyed.connect(lambda *_: destroyed.append(True))
    holder = [chart]
    del chart

    def drop() -> None:
        holder.clear()
        gc.collect()

    worker = threading.Thread(target=drop)
    worker.start()
    worker.join()
    assert not destroyed  # not deleted on the worker...
    assert view in base._PENDING_DELETE
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    qtbot.waitUntil(lambda: bool(destroyed))  # ...but by the GUI thread's event loop
    assert view not in base._PENDING_DELETE


def test_a_released_chart_deletes_its_view_at_once(qtbot) -> None:
    import shiboken6

    chart = TrustIndexChart()
    chart.ensure_scene(QSizeF(300, 200))
    view = chart._offscreen_view
    chart.release()
    assert not shiboken6.isValid(view)
    chart.release()  # twice is harmless


def test_a_legend_draws_a_line_series_as_its_line(qtbot) -> None:
    """A square swatch for a filled series; a dotted line for the dotted series beside it."""
    from PySide6.QtCore import Qt

    from advisor_planner.charts.base import LegendRow

    orange = QColor("#E69F00")
    legend = LegendRow()
    legend.resize(400, 20)
    legend.set_entries(
        [(orange, "Reliability"), (orange, "Reliability, evidence", Qt.PenStyle.DotLine)],
        QColor("black"),
    )
    image = QImage(400, int(legend.minimumHeight()), QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    legend.paint(painter)
    painter.end()
    (square_x, _), (line_x, _) = legend._positions(400)
    middle = image.height() // 2

    def orange_pixels(x0: float, width: float) -> list[bool]:
        return [
            image.pixelColor(int(x0) + dx, middle).red() > 200
            and image.pixelColor(int(x0) + dx, middle).blue() < 80
            for dx in range(1, int(width) - 1)
        ]

    assert all(orange_pixels(square_x, LegendRow.SWATCH))  # solid
    dotted = orange_pixels(line_x, LegendRow.LINE_SWATCH)
    assert any(dotted) and not all(dotted)  # dots with gaps between
    assert image.pixelColor(int(line_x) + 3, middle - 3) == QColor("white")  # a line, not a square


def test_date_positions_are_whole_days_in_any_year() -> None:
    from advisor_planner.charts.base import DAY_SECONDS, day_x, x_day

    # Every day equally wide, across the spring clock change too.
    days = [date(2026, 3, 27) + timedelta(days=k) for k in range(4)]
    assert {day_x(b) - day_x(a) for a, b in zip(days, days[1:], strict=False)} == {DAY_SECONDS}
    for day in (date(1900, 1, 1), date(1969, 12, 31), date(1970, 1, 1), date(2200, 12, 31)):
        assert x_day(day_x(day)) == day
        assert x_day(day_x(day) + DAY_SECONDS * 0.99) == day  # anywhere within the day
    assert day_x(date(1970, 1, 2)) == DAY_SECONDS


def test_the_weekly_charts_write_a_tooltip_only_when_it_is_asked_for(qtbot) -> None:
    # Ten years are 520 weeks: the tooltips of all of them cost ~30 ms on the GUI thread.
    monday = date(2026, 3, 2)
    bars = TouchpointsPerWeekChart()
    bars.show(
        activity_series.Activity(
            monday, monday + timedelta(days=13),
            {(monday, "call"): 2, (monday + timedelta(days=1), "email"): 1},
        )
    )  # fmt: skip
    (hit,) = bars.hits
    assert callable(hit.tip)
    assert hit.text == "Week of 2 Mar 2026: 3 touchpoints\nCall 2, Email 1"
    assert (hit.link.start, hit.link.end) == (monday, date(2026, 3, 8))

    follow = FollowThroughChart()
    sunday = monday + timedelta(days=6)
    follow.show(promise_series.FollowThrough([sunday], [0.75], [4], 0, 90))
    (hit,) = follow.hits
    assert callable(hit.tip)
    assert hit.text == "Week ending 8 Mar 2026\n75 % kept on time (3 of 4 in the last 90 days)"

    index = TrustIndexChart()
    index.show(
        trust_series.TrustIndexSeries(
            [sunday], [62.5], None, 1, {sunday: [(7, 62.5)]}, {7: "Ada Lovelace"}
        )
    )
    (hit,) = index.hits
    assert callable(hit.tip)
    assert (
        hit.text == "Week ending 8 Mar 2026\nTrust index 62.5\nChecked this week: Ada Lovelace 62"
    )
    assert (hit.link.kind, hit.link.record_id) == ("stakeholder", 7)


def test_the_weekly_bars_are_one_item_per_channel_in_its_colour(qtbot) -> None:
    # pyqtgraph paints a bar item of one colour with one drawRects call, and one of many
    # colours bar by bar in Python: ten years by channel were 35 ms at each paint.
    import pyqtgraph as pg

    monday = date(2016, 1, 4)
    counts = {
        (monday + timedelta(days=day), channel): 1 + day % 3
        for day in range(0, 3640, 2)
        for channel in ("call", "email", "meeting")
    }
    bars = TouchpointsPerWeekChart()
    bars.show(activity_series.Activity(monday, monday + timedelta(days=3639), counts))
    items = [i for i in bars.plot.items if isinstance(i, pg.BarGraphItem)]
    assert len(items) == 3
    colours = [i.opts["brush"].color().rgba() for i in items]
    palette = bars.palette
    assert colours == [palette.channel(c).rgba() for c in ("meeting", "call", "email")]
    assert all(i.opts.get("brushes") is None for i in items)
    # Each week's segments stack without gaps, up to its total.
    week = {}
    for item in items:
        for x0, y0, y1 in zip(item.opts["x0"], item.opts["y0"], item.opts["y1"], strict=True):
            week.setdefault(x0, []).append((y0, y1))
    for stack in week.values():
        stack.sort()
        assert stack[0][0] == 0
        assert all(a[1] == b[0] for a, b in zip(stack, stack[1:], strict=False))
    assert sum(s[-1][1] for s in week.values()) == sum(counts.values())
