"""The dashboard: first run with sample data, the charts filled from services, clicking a
point to open its record, the date range, redrawing after a change, and saving a chart."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QDialog, QMessageBox

from advisor_planner import file_dialogs
from advisor_planner.services import (
    clock,
    commitments,
    dashboard,
    stakeholders,
    touchpoints,
    trust_checks,
)
from advisor_planner.services.changes import Change, Changes
from advisor_planner.services.insights import relationships
from advisor_planner.ui.main_window import MainWindow
from advisor_planner.ui.record_apis import TOUCHPOINT
from advisor_planner.ui.sections.dashboard import DashboardPage

TODAY = date(2026, 3, 20)  # a Friday


def make_window(qtbot, tmp_path: Path) -> MainWindow:
    win = MainWindow(settings=QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    win.resize(1400, 2200)  # tall enough that every chart is on screen (and so drawn)
    win.show()
    win.set_ready()
    win.select_section("dashboard")
    return win


@pytest.fixture
def today(pin_today) -> date:
    return pin_today(TODAY)


@pytest.fixture
def people(db, today) -> dict[str, int]:
    """Two key stakeholders and one who is not; checks, touchpoints and promises for each."""
    ada = stakeholders.create(
        name="Ada Lovelace", power=5, interest=4, cadence_days=14, business_unit="Finance",
        engagement_current="neutral", engagement_desired="supportive",
    )  # fmt: skip
    raj = stakeholders.create(name="Raj Patel", power=4, interest=3, cadence_days=30)
    ivy = stakeholders.create(name="Ivy Chen", power=2, interest=2)
    trust_checks.create(
        stakeholder_id=ada.id, checked_on=TODAY - timedelta(days=40), credibility=10,
        reliability=10, intimacy=10, self_orientation=1, warmth=8, competence=9,
    )  # fmt: skip
    trust_checks.create(
        stakeholder_id=raj.id, checked_on=TODAY - timedelta(days=12), credibility=5,
        reliability=5, intimacy=5, self_orientation=5, warmth=3, competence=8,
    )  # fmt: skip
    for days_ago, who, channel in (
        (2, ada.id, "one_on_one"),
        (9, raj.id, "call"),
        (9, ada.id, "email"),
    ):
        day = TODAY - timedelta(days=days_ago)
        touchpoints.create(
            occurred_at=datetime.combine(day, time(10)).astimezone(),
            stakeholder_ids=[who],
            channel=channel,
            purpose="listen",
            sentiment=1,
        )
    commitments.create(
        text="Send the cost model", stakeholder_id=ada.id,
        made_on=TODAY - timedelta(days=20), due_on=TODAY - timedelta(days=3),
    )  # fmt: skip
    return {"ada": ada.id, "raj": raj.id, "ivy": ivy.id}


def _loaded_board(qtbot, win: MainWindow) -> DashboardPage:
    page = win.page("dashboard")
    assert isinstance(page, DashboardPage)
    qtbot.waitUntil(lambda: page.board is not None, timeout=10_000)
    board = page.board
    # (The board builds and draws a chart a turn: wait for all of them.)
    qtbot.waitUntil(lambda: board.complete and not board.drawing, timeout=10_000)
    assert all(view.has_data for view in board.views.values())
    return page


def _click(qtbot, view, hit) -> None:
    """Click ``hit`` of the chart in ``view`` through the plot's scene, as a user would."""
    at = view.view.mapFromScene(view.chart.scene_pos_of(hit))
    qtbot.mouseMove(view.view.viewport(), at)
    qtbot.mouseClick(view.view.viewport(), Qt.MouseButton.LeftButton, pos=at)


def test_sample_data_is_loaded_only_after_asking(qtbot, db, tmp_path, monkeypatch) -> None:
    win = make_window(qtbot, tmp_path)
    page = win.stack.currentWidget()
    assert isinstance(page, DashboardPage)
    assert page.currentWidget() is page.empty_page
    assert page.sample_button.isVisible()

    def question() -> QMessageBox:
        qtbot.mouseClick(page.sample_button, Qt.MouseButton.LeftButton)
        box = page.findChild(QMessageBox, "sampleDataQuestion")
        assert box is not None
        return box

    def button(box: QMessageBox, text: str):
        return next(b for b in box.buttons() if b.text() == text)

    # The buttons say what they do, not Yes and No.
    box = question()
    assert sorted(b.text() for b in box.buttons()) == ["Load Sample Data", "Start Empty"]
    qtbot.mouseClick(button(box, "Start Empty"), Qt.MouseButton.LeftButton)
    assert stakeholders.count() == 0

    box = question()
    with qtbot.waitSignal(box.buttonClicked):
        qtbot.mouseClick(button(box, "Load Sample Data"), Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(page.task.finished, timeout=20_000):
        pass
    assert stakeholders.count() == 25
    assert touchpoints.count() > 100
    qtbot.waitUntil(lambda: page.currentWidget() is page.summary)
    _loaded_board(qtbot, win)
    names = [button.text() for button in page.board.attention.name_buttons]
    expected = [p.name for p in relationships.needs_attention(limit=len(names))]
    assert names and names == expected


def test_charts_show_the_services_series(qtbot, tmp_path, people) -> None:
    win = make_window(qtbot, tmp_path)
    page = _loaded_board(qtbot, win)
    views = page.board.views
    # (20 × 100 + 12 × 50) / 32 = 81.25 once both have been checked, 100 before Raj's check.
    index = views["trust_index"].chart
    assert index.headline.startswith("81 · ")
    assert index.series.values[-1] == pytest.approx(81.25)
    assert views["activity"].chart.headline.startswith("3 touchpoints")
    # Ada's promise fell due three days ago and is still open: 0 % kept, 1 overdue.
    assert views["follow_through"].chart.headline == "0 % kept on time · 1 overdue"
    assert views["perception"].chart.headline == "1 of 2 see you as warm and capable"
    goals_view = views["goals"]
    assert goals_view.stack.currentWidget() is goals_view.empty
    assert "No active brand goals" in goals_view.empty.text()
    assert "finished initiative" in views["outcomes"].empty.text()
    # Every chart says what it shows, with its formula, behind its ⓘ.
    assert "power × interest" in index.info
    assert "90 days" in views["follow_through"].chart.info


def test_clicking_a_person_on_the_map_opens_their_page(qtbot, tmp_path, people) -> None:
    win = make_window(qtbot, tmp_path)
    page = _loaded_board(qtbot, win)
    view = page.board.views["people"]
    hit = next(h for h in view.chart.hits if h.link.record_id == people["raj"])
    _click(qtbot, view, hit)
    qtbot.waitUntil(lambda: win.current_section() == "stakeholders")
    person_page = win.page("stakeholders").person_page
    assert person_page is not None and person_page.stakeholder_id == people["raj"]
    assert person_page.name_label.text() == "Raj Patel"


def test_hovering_a_point_shows_its_values(qtbot, tmp_path, people) -> None:
    win = make_window(qtbot, tmp_path)
    page = _loaded_board(qtbot, win)
    view = page.board.views["perception"]
    hit = next(h for h in view.chart.hits if h.link.record_id == people["raj"])
    at = view.view.mapFromScene(view.chart.scene_pos_of(hit))
    qtbot.mouseMove(view.view.viewport(), at)
    qtbot.waitUntil(lambda: view.last_hit is not None)
    assert view.last_hit.text.splitlines() == [
        "Raj Patel",
        "Warmth 3 · competence 8",
        f"Checked {(TODAY - timedelta(days=12)).day} Mar 2026",
    ]


def _image_without_ring(view) -> QImage:
    view._ring.hide()
    try:
        return view.image()
    finally:
        view._ring.show()


def test_the_keyboard_steps_through_the_points_and_opens_one(qtbot, tmp_path, people) -> None:
    win = make_window(qtbot, tmp_path)
    page = _loaded_board(qtbot, win)
    view = page.board.views["people"]
    hits = view.chart.hits
    view.view.setFocus()
    qtbot.keyClick(view.view, Qt.Key.Key_Right)
    assert view.key_index == 0
    qtbot.keyClick(view.view, Qt.Key.Key_Right)
    assert view.key_index == 1
    assert view.view.accessibleDescription() == hits[1].text
    ring = view._ring
    assert ring is not None and ring.isVisible() and ring.scene() is view.view.scene()
    assert (ring.pos().x(), ring.pos().y()) == pytest.approx(hits[1].centre)
    assert view.image() == _image_without_ring(view)  # a saved PNG shows no ring
    assert ring.isVisible()
    qtbot.keyClick(view.view, Qt.Key.Key_End)
    qtbot.keyClick(view.view, Qt.Key.Key_Right)  # stays on the last
    assert view.key_index == len(hits) - 1
    qtbot.keyClick(view.view, Qt.Key.Key_Escape)
    assert view.key_index is None and not ring.isVisible()
    index = next(i for i, h in enumerate(hits) if h.link.record_id == people["raj"])
    qtbot.keyClick(view.view, Qt.Key.Key_Home)
    for _ in range(index):
        qtbot.keyClick(view.view, Qt.Key.Key_Right)
    with qtbot.waitSignal(view.activated) as opened:
        qtbot.keyClick(view.view, Qt.Key.Key_Return)
    assert opened.args[0].record_id == people["raj"]
    qtbot.waitUntil(lambda: win.current_section() == "stakeholders")


def test_the_calendar_steps_a_week_sideways_and_a_day_up_and_down(qtbot, tmp_path, people) -> None:
    win = make_window(qtbot, tmp_path)
    page = _loaded_board(qtbot, win)
    view = page.board.views["calendar"]
    hits = view.chart.hits
    view.view.setFocus()
    qtbot.keyClick(view.view, Qt.Key.Key_Home)
    qtbot.keyClick(view.view, Qt.Key.Key_Right)  # the next column: Monday a week on
    assert view.key_index == 7
    assert hits[7].centre == pytest.approx((hits[0].centre[0] + 1, hits[0].centre[1]))
    qtbot.keyClick(view.view, Qt.Key.Key_Down)  # the next row: Tuesday
    assert view.key_index == 8
    assert hits[8].centre == pytest.approx((hits[7].centre[0], hits[7].centre[1] + 1))
    qtbot.keyClick(view.view, Qt.Key.Key_Left)
    qtbot.keyClick(view.view, Qt.Key.Key_Up)
    assert view.key_index == 0
    qtbot.keyClick(view.view, Qt.Key.Key_End)
    qtbot.keyClick(view.view, Qt.Key.Key_Right)  # no later week: stays on the last day
    assert view.key_index == len(hits) - 1


def test_a_redraw_lets_go_of_the_point_chosen_by_keyboard(qtbot, tmp_path, people) -> None:
    win = make_window(qtbot, tmp_path)
    page = _loaded_board(qtbot, win)
    view = page.board.views["activity"]
    view.view.setFocus()
    qtbot.keyClick(view.view, Qt.Key.Key_End)
    assert view.key_index == len(view.chart.hits) - 1
    touchpoints.create(
        occurred_at=datetime.combine(TODAY, time(9)).astimezone(),
        stakeholder_ids=[people["ivy"]],
        channel="call",
        purpose="listen",
    )
    page.context.events.announce(Changes.of(Change.TOUCHPOINT))
    qtbot.waitUntil(lambda: view.key_index is None, timeout=10_000)
    qtbot.keyClick(view.view, Qt.Key.Key_Left)  # from the end again, on the new drawing
    assert view.key_index == len(view.chart.hits) - 1
    assert view._ring.scene() is view.view.scene()


def test_clicking_a_week_lists_its_touchpoints(qtbot, tmp_path, people) -> None:
    win = make_window(qtbot, tmp_path)
    page = _loaded_board(qtbot, win)
    view = page.board.views["activity"]
    monday = clock.week_start(TODAY - timedelta(days=9))
    hit = next(h for h in view.chart.hits if h.link.start == monday)
    assert hit.text.startswith(f"Week of {monday.day} Mar 2026: 2 touchpoints")
    _click(qtbot, view, hit)
    qtbot.waitUntil(lambda: win.current_section() == "touchpoints")
    listing = win.page("touchpoints")
    assert listing.model.days == (monday, monday + timedelta(days=6))
    assert listing.days_bar.isVisible()
    assert listing.model.rowCount() == 2
    qtbot.mouseClick(listing.all_days_button, Qt.MouseButton.LeftButton)
    assert listing.model.days is None and listing.model.rowCount() == 3


def test_clicking_a_calendar_day_lists_that_day(qtbot, tmp_path, people) -> None:
    win = make_window(qtbot, tmp_path)
    page = _loaded_board(qtbot, win)
    view = page.board.views["calendar"]
    day = TODAY - timedelta(days=2)
    hit = next(h for h in view.chart.hits if h.link and h.link.start == day)
    _click(qtbot, view, hit)
    qtbot.waitUntil(lambda: win.current_section() == "touchpoints")
    assert win.page("touchpoints").model.days == (day, day)
    assert win.page("touchpoints").model.rowCount() == 1


def test_charts_redraw_after_a_touchpoint_is_logged(qtbot, tmp_path, people) -> None:
    win = make_window(qtbot, tmp_path)
    page = _loaded_board(qtbot, win)
    bars = page.board.views["activity"]
    index_chart = page.board.views["trust_index"].chart
    index_before = index_chart.series
    assert bars.chart.series.total == 3
    touchpoints.log(
        occurred_at=datetime.combine(TODAY, time(9)).astimezone(),
        stakeholder_ids=[people["ivy"]],
        channel="workshop",
        purpose="inform",
    )
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.context.events.announce(TOUCHPOINT.changes)
    assert bars.chart.series.total == 4
    assert bars.chart.headline.startswith("4 touchpoints")
    calendar = page.board.views["calendar"].chart
    assert calendar.series.per_day()[TODAY] == 1
    qtbot.waitUntil(lambda: not bars.drawn_pending)
    # The trust index is not reloaded for a touchpoint: the same series object stays.
    assert index_chart.series is index_before
    assert dashboard.parts_touched(Changes.of(Change.TOUCHPOINT)) == {
        "activity",
        "calendar",
        "people",
        "focus",
    }
    assert dashboard.parts_touched(Changes.everything()) == set(dashboard.PARTS)


def test_the_date_range_sets_the_period(qtbot, tmp_path, people) -> None:
    win = make_window(qtbot, tmp_path)
    page = _loaded_board(qtbot, win)
    # 12 months: 21 Mar 2025 (a Friday) to 20 Mar 2026 touch 53 ISO weeks, ending Sundays.
    weeks = page.board.views["trust_index"].chart.series.week_ends
    assert (len(weeks), weeks[0], weeks[-1]) == (53, date(2025, 3, 23), date(2026, 3, 22))
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.range.set_choice("3m")
    # 3 months: 20 Dec 2025 (a Saturday) to 20 Mar 2026: 14 weeks, the first ending 21 Dec.
    weeks = page.board.views["trust_index"].chart.series.week_ends
    assert (len(weeks), weeks[0]) == (14, date(2025, 12, 21))
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.range.set_custom(TODAY - timedelta(days=6), TODAY - timedelta(days=4))
    activity = page.board.views["activity"].chart.series
    assert (activity.start, activity.end) == (TODAY - timedelta(days=6), TODAY - timedelta(days=4))
    assert activity.total == 0
    assert "No touchpoints in this period" in page.board.views["activity"].empty.text()
    # The choice is remembered.
    assert page.context.settings.value("dashboard/range") == "custom"


def test_a_new_period_reloads_only_the_parts_drawn_over_it(qtbot, tmp_path, people) -> None:
    win = make_window(qtbot, tmp_path)
    page = _loaded_board(qtbot, win)
    before = dict(page._results)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.range.set_choice("3m")
    reloaded = {part for part in dashboard.PARTS if page._results[part] is not before[part]}
    assert reloaded == set(dashboard.PERIOD_PARTS) == {
        "trust_index", "activity", "calendar", "follow_through",
    }  # fmt: skip


def test_outcome_measure_is_chosen_in_the_chart(qtbot, tmp_path, people) -> None:
    win = make_window(qtbot, tmp_path)
    page = _loaded_board(qtbot, win)
    combo = page.board.measure
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        combo.setCurrentIndex(combo.findData("on_budget"))
    assert page.board.views["outcomes"].chart.series.measure == "on_budget"
    assert page.context.settings.value("dashboard/measure") == "on_budget"


def test_save_chart_as_png(qtbot, tmp_path, people, monkeypatch) -> None:
    win = make_window(qtbot, tmp_path)
    page = _loaded_board(qtbot, win)
    view = page.board.views["trust_index"]
    menu = view.context_menu()
    actions = [a for a in menu.actions() if a.text() == "Save chart as PNG…"]
    assert len(actions) == 1 and actions[0].isEnabled()
    target = tmp_path / "trust"  # the .png is added
    monkeypatch.setattr(file_dialogs, "save_file_name", lambda *a, **k: (str(target), ""))
    actions[0].trigger()
    image = QImage(str(tmp_path / "trust.png"))
    assert not image.isNull() and image.width() >= view.view.width()
    colours = {
        image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)
    }
    assert len(colours) > 4  # a chart, not a blank


def test_attention_list_logs_with_the_person(qtbot, tmp_path, people) -> None:
    win = make_window(qtbot, tmp_path)
    page = _loaded_board(qtbot, win)
    attention = page.board.attention
    # Ada (seen 2 days ago, every 14) and Raj (9 days ago, every 30) are within their cadence;
    # Ivy has none. Nobody is overdue.
    assert attention.people == []
    assert "Everyone is within" in attention.empty.text()
    stakeholders.update(stakeholder_id=people["raj"], cadence_days=5)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.context.events.announce(Changes.of(Change.STAKEHOLDER, Change.TRUST_CHECK))
    assert [p.name for p in attention.people] == ["Raj Patel"]
    dialog = attention.log_with(people["raj"])  # deletes itself when closed
    assert isinstance(dialog, QDialog)
    assert tuple(dialog.people.value()) == (people["raj"],)
    dialog.reject()


def test_dark_palette_recolours_the_charts(qtbot, tmp_path, people) -> None:
    from PySide6.QtGui import QColor, QPalette

    win = make_window(qtbot, tmp_path)
    page = _loaded_board(qtbot, win)
    view = page.board.views["trust_index"]
    dark = QPalette(view.palette())
    dark.setColor(QPalette.ColorRole.Base, QColor("#1e1e1e"))
    dark.setColor(QPalette.ColorRole.Text, QColor("#e6e6e6"))
    view.setPalette(dark)
    assert view.chart.palette.dark
    assert view.chart.palette.background == QColor("#1e1e1e")
    assert view.chart.headline.startswith("81")  # redrawn, not lost
    image = view.image()
    assert QColor(image.pixel(2, 2)) == QColor("#1e1e1e")


def test_no_chart_point_lies_outside_the_window(qtbot, tmp_path, people) -> None:
    """Every hit is where a click can reach it: inside its plot's scene rectangle."""
    win = make_window(qtbot, tmp_path)
    page = _loaded_board(qtbot, win)
    for view in page.board.views.values():
        rect = view.chart.plot.vb.sceneBoundingRect()
        for hit in view.chart.hits:
            assert rect.contains(view.chart.scene_pos_of(hit)), (type(view.chart), hit)


def test_charts_never_touch_the_store() -> None:
    """The chart and dashboard modules reach the data only through services."""
    import advisor_planner.charts as charts_package
    import advisor_planner.ui.dashboard as dashboard_package
    import advisor_planner.ui.sections.dashboard as dashboard_module

    folder = Path(charts_package.__file__).parent
    parts = Path(dashboard_package.__file__).parent
    for source in [*folder.glob("*.py"), Path(dashboard_module.__file__), *parts.glob("*.py")]:
        text = source.read_text(encoding="utf-8")
        assert "advisor_planner.store" not in text, source
        assert ".select(" not in text, source


def test_the_focus_strip_names_the_promises_to_keep(qtbot, context) -> None:
    from advisor_planner.services import evidence
    from advisor_planner.ui.dashboard.panels import FocusPanel

    panel = FocusPanel(context)
    qtbot.addWidget(panel)
    promises = [(1, "Send the cost model", False), (2, "Call about the audit", True)]
    panel.set_focus(evidence.FocusNow("2026-W12", "2026-W11", [], [], "", False, promises))
    assert panel.text.text() == "Keep “Send the cost model”, “Call about the audit” ✓."
    goal_only = evidence.FocusNow("2026-W12", "2026-W11", [], [(3, "Cloud cost")], "", False)
    panel.set_focus(goal_only)
    assert panel.text.text() == "Move “Cloud cost”"


def test_the_focus_is_one_sentence_whichever_parts_are_chosen() -> None:
    from advisor_planner.services import evidence
    from advisor_planner.ui.dashboard.panels import FOCUS_SENTENCES, focus_sentence

    def focus(people=(), goals=(), note="", promises=()):
        return evidence.FocusNow("2026-W12", "2026-W11", list(people), list(goals), note, False,
                                 list(promises))  # fmt: skip

    ada, raj = (1, "Ada", True), (2, "Raj", False)
    assert (
        focus_sentence(focus([ada, raj], [(3, "Cloud cost")]))
        == "Reach Ada ✓, Raj; move “Cloud cost”"
    )
    # A goal's title is quoted: "move Known for keeping every promise to Sales" read as an
    # order to move something to Sales.
    assert (
        focus_sentence(focus(goals=[(3, "Known for keeping every promise to Sales")]))
        == "Move “Known for keeping every promise to Sales”"
    )
    assert focus_sentence(focus([raj], note="Listen more")) == "Reach Raj; “Listen more”"
    assert focus_sentence(focus(goals=[(3, "Why not?")])) == "Move “Why not?”"
    assert focus_sentence(focus(promises=[(4, "Call", False)])) == "Keep “Call”"
    assert focus_sentence(focus(note="Rest")) == "“Rest”"
    assert focus_sentence(focus()) == ""
    assert len(FOCUS_SENTENCES) == 2**4 - 1  # every combination of the four parts


def test_the_map_filters_by_business_unit(qtbot, tmp_path, people) -> None:
    """The combo above the map offers the units loaded, with counts; a unit shows only its
    people, and the choice is remembered."""
    stakeholders.create(name="Bo Berg", power=3, interest=3, business_unit="Sales")
    win = make_window(qtbot, tmp_path)
    page = _loaded_board(qtbot, win)
    board = page.board
    view, units = board.views["people"], board.unit_filter
    qtbot.waitUntil(lambda: len(view.chart.hits) == 4)
    assert [units.itemText(i) for i in range(units.count())] == [
        "All units",
        "Finance (1)",
        "Sales (1)",
        "No unit (2)",
    ]
    units.setCurrentIndex(units.findData("Finance"))
    assert [h.link.record_id for h in view.chart.hits] == [people["ada"]]
    units.setCurrentIndex(units.count() - 1)  # no unit named
    assert sorted(h.link.record_id for h in view.chart.hits) == sorted(
        [people["raj"], people["ivy"]]
    )
    units.setCurrentIndex(units.findData("Sales"))
    assert page.context.settings.value("dashboard/unit") == "Sales"
    units.setCurrentIndex(0)
    assert len(view.chart.hits) == 4


def test_a_quick_log_reads_again_only_its_peoples_summaries(qtbot, tmp_path, people) -> None:
    from advisor_planner.services.insights import relationships

    win = make_window(qtbot, tmp_path)
    page = _loaded_board(qtbot, win)

    def last_contact(sid: int) -> date | None:
        return next(p.last_contact for p in page._results["people"] if p.id == sid)

    ivy, raj = people["ivy"], people["raj"]
    before_raj = last_contact(raj)
    assert before_raj != TODAY
    for sid in (ivy, raj):
        touchpoints.log(
            occurred_at=datetime.combine(TODAY, time(9)).astimezone(), stakeholder_ids=[sid]
        )
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.context.events.announce(TOUCHPOINT.changes.with_people({ivy}))
    assert last_contact(ivy) == TODAY
    assert last_contact(raj) == before_raj  # not named: its earlier summary stays
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.context.events.announce(TOUCHPOINT.changes)  # anyone's: all read again
    assert page._results["people"] == relationships.people_status(today=TODAY)
