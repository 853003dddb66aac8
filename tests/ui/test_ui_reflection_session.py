"""The weekly reflection session: walked from the keyboard, resumed as a draft, its evidence
counted on a fixed dataset, last week's focus carried into this week, the reminder on an
injected clock, and bad input refused without losing text. ``pytest -k reflection``."""

from __future__ import annotations

import threading
from datetime import date, datetime, time, timedelta
from pathlib import Path
from time import perf_counter

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from advisor_planner.domain.cadence import cadence_status
from advisor_planner.domain.enums import CommitmentStatus
from advisor_planner.services import (
    clock,
    commitments,
    feedback,
    goals,
    reflections,
    settings,
    stakeholders,
    touchpoints,
    trust_checks,
)
from advisor_planner.services.errors import ValidationError
from advisor_planner.services.validation import MAX_LONG_TEXT
from advisor_planner.store.connection import GateState
from advisor_planner.ui.context import AppContext
from advisor_planner.ui.i18n import format_date
from advisor_planner.ui.main_window import MainWindow
from advisor_planner.ui.reflection.session import (
    EVIDENCE,
    FOCUS,
    RATINGS,
    REFLECT,
    SUMMARY,
    ReflectionSession,
)
from advisor_planner.ui.reflection.widgets import cadence_text
from advisor_planner.ui.reminder import ReflectionReminder

TODAY = date(2026, 3, 20)  # Friday of 2026-W12
WEEK = "2026-W12"
MONDAY = date(2026, 3, 16)
ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def today(pin_today) -> date:
    return pin_today(TODAY)


def _at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour)).astimezone()


@pytest.fixture
def week(db, today) -> dict[str, int]:
    """A week worked out by hand.

    - Ada (key: 5 × 4), seen Monday (1:1) and Wednesday (call); Raj (key: 4 × 3, cadence 7),
      last seen 20 days ago, so past his cadence; Ivy (not key) seen Wednesday with Ada.
    - Commitments due this week: one kept on time, one broken, one still open (due
      yesterday, so late), and one due next week (not counted).
    - A trust check of Ada and feedback from Ivy this week; a goal checkpoint on Tuesday.
    - Last week's reflection chose Ada and Raj as the focus.
    """
    ada = stakeholders.create(name="Ada Lovelace", power=5, interest=4, cadence_days=14).id
    raj = stakeholders.create(name="Raj Patel", power=4, interest=3, cadence_days=7).id
    ivy = stakeholders.create(name="Ivy Chen", power=2, interest=2).id
    for day, who, channel in (
        (MONDAY, [ada], "one_on_one"),
        (MONDAY + timedelta(days=2), [ada, ivy], "call"),
        (TODAY - timedelta(days=20), [raj], "meeting"),
    ):
        touchpoints.create(
            occurred_at=_at(day), stakeholder_ids=who, channel=channel, purpose="listen"
        )
    made = TODAY - timedelta(days=30)
    kept = commitments.create(text="Send the cost model", stakeholder_id=ada, made_on=made,
                              due_on=MONDAY + timedelta(days=1))  # fmt: skip
    commitments.update(commitment_id=kept.id, status=CommitmentStatus.KEPT.value, closed_on=MONDAY)
    broken = commitments.create(text="Intro to the CFO", stakeholder_id=raj, made_on=made,
                                due_on=MONDAY + timedelta(days=2))  # fmt: skip
    commitments.update(
        commitment_id=broken.id,
        status=CommitmentStatus.BROKEN.value,
        closed_on=MONDAY + timedelta(days=3),
    )
    late = commitments.create(text="Share the roadmap", stakeholder_id=ivy, made_on=made,
                              due_on=TODAY - timedelta(days=1))  # fmt: skip
    commitments.create(text="Next week's", stakeholder_id=ada, made_on=made,
                       due_on=TODAY + timedelta(days=5))  # fmt: skip
    trust_checks.create(
        stakeholder_id=ada, checked_on=MONDAY + timedelta(days=1), credibility=8,
        reliability=7, intimacy=6, self_orientation=3,
    )  # fmt: skip
    feedback.create(stakeholder_id=ivy, received_on=MONDAY, text="Helpful", aspect="warmth")
    goal = goals.create(title="The advisor Finance calls first", metric="calls", baseline=0,
                        target=10, start_on=date(2026, 1, 1))  # fmt: skip
    goals.add_checkpoint(goal_id=goal.id, recorded_on=MONDAY + timedelta(days=1), value=3)
    reflections.create(
        week="2026-W11",
        focus_stakeholder_ids=[ada, raj],
        focus_goal_ids=[goal.id],
        completed_at=datetime(2026, 3, 13, 17, 0),
    )
    return {"ada": ada, "raj": raj, "ivy": ivy, "goal": goal.id, "late": late.id}


def _written(qtbot, session: ReflectionSession) -> None:
    """Wait for the session's saves (written on a worker) to be made."""
    qtbot.waitUntil(lambda: not session.writing)


def _session(qtbot, context: AppContext, week: str = WEEK) -> ReflectionSession:
    session = ReflectionSession(context, week)
    qtbot.addWidget(session)
    session.show()
    session.activateWindow()
    qtbot.waitUntil(session.isActiveWindow)
    if session.step == EVIDENCE:
        qtbot.waitUntil(lambda: session.page(EVIDENCE).loaded)  # gathered on a worker
    return session


def test_reflection_evidence_counts_match_the_week(qtbot, context: AppContext, week) -> None:
    session = _session(qtbot, context)
    assert "Reflection" in session.windowTitle() and WEEK in session.windowTitle()
    assert session.step == EVIDENCE
    view = session.evidence_view
    counts = view.counts()
    # 2 touchpoints this week (Raj's was 20 days ago); 3 commitments fell due (kept, broken,
    # late); Raj is the one key stakeholder past his 7-day cadence; 1 check + 1 feedback; 1
    # goal checkpoint; of last week's focus (Ada and Raj), Ada was seen.
    assert counts == {
        "touchpoints": 2,
        "slipped": 1,
        "focus": 1,
        "kept": 1,
        "late": 1,
        "broken": 1,
        "open": 0,
        "trust": 2,
        "goals": 1,
    }
    assert view.headings["promises"].text() == "Promises due this week (3)"
    touchpoints_card = view.groups["touchpoints"]
    assert touchpoints_card.count_label.text() == "2"
    assert touchpoints_card.caption_label.text() == "with 2 people"
    lines = touchpoints_card.texts()
    assert lines[0] == "By channel: 1:1 1, Call 1"
    assert lines[1:] == ["Ada Lovelace — 2 times", "Ivy Chen — once"]
    focus = view.groups["focus"]
    # Last week's focus against this week: Ada seen, Raj not.
    assert focus.count_label.text() == "1 of 2"
    assert (
        focus.note_label.text()
        == "You planned to see Ada Lovelace and Raj Patel; you saw Ada Lovelace."
    )
    assert focus.texts() == ["Not seen: Raj Patel"]
    assert view.groups["kept"].texts() == ["Send the cost model — Ada Lovelace"]
    assert view.groups["broken"].texts() == ["Intro to the CFO — Raj Patel"]
    due = format_date(TODAY - timedelta(days=1))
    assert view.groups["late"].texts() == [f"Share the roadmap — Ivy Chen (open, due {due})"]
    # An empty card says so, briefly, instead of an empty list.
    still_open = view.groups["open"]
    assert still_open.count_label.text() == "0" and still_open.list.isHidden()
    assert still_open.empty_label.text() == "None open." and still_open.empty_label.isVisible()
    assert view.groups["trust"].caption_label.text() == "1 checks, 1 feedback"
    session.close()


def test_reflection_evidence_item_opens_its_record(qtbot, tmp_path: Path, week) -> None:
    win = MainWindow(settings=QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    win.show()
    win.set_ready()
    session = win.workspace.reflect()
    qtbot.waitExposed(session)
    qtbot.waitUntil(lambda: session.page(EVIDENCE).loaded)
    slipped = session.evidence_view.groups["slipped"].list
    slipped.setCurrentRow(0)
    qtbot.keyClick(slipped, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: win.current_section() == "stakeholders")
    assert win.page("stakeholders").person_page.stakeholder_id == week["raj"]
    session.close()


def test_reflection_walked_from_the_keyboard(qtbot, context: AppContext, week) -> None:
    session = _session(qtbot, context)
    qtbot.keyClick(session.evidence_view, Qt.Key.Key_Right, ALT)
    assert session.step == REFLECT
    first = session.answers["wins"]
    qtbot.waitUntil(first.hasFocus)
    qtbot.keyClicks(first, "Won the budget review")
    qtbot.keyClick(first, Qt.Key.Key_Tab)
    qtbot.keyClicks(QApplication.focusWidget(), "The vendor call")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Right, ALT)
    assert session.step == RATINGS
    # Each row takes a digit; Tab goes on to the next row.
    for digit in (Qt.Key.Key_4, Qt.Key.Key_3, Qt.Key.Key_5, Qt.Key.Key_4, Qt.Key.Key_2):
        qtbot.keyClick(QApplication.focusWidget(), digit)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_3)  # energy
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Right, ALT)
    assert session.step == FOCUS
    people = session.people_list
    qtbot.waitUntil(lambda: session.page(FOCUS).loaded)
    assert people.item(0).text() == "Raj Patel — key, 13 days overdue"  # neglected key first
    qtbot.waitUntil(people.hasFocus)
    people.setCurrentRow(0)
    qtbot.keyClick(people, Qt.Key.Key_Space)
    qtbot.keyClick(people, Qt.Key.Key_Right, ALT)
    assert session.step == SUMMARY
    summary = session.summary_label.text()
    tiles = session.page(SUMMARY).tiles
    assert (tiles["touchpoints"].count_label.text(), tiles["touchpoints"].caption_label.text()) == (
        "2",
        "with 2 people",
    )
    assert (tiles["kept"].count_label.text(), tiles["kept"].caption_label.text()) == (
        "1 of 3",
        "that fell due",
    )
    # The habit is read on a worker: its tiles follow.
    qtbot.waitUntil(lambda: tiles["streak"].count_label.text() != "")
    # Last week was reflected, this week not yet: a streak of 1, the habit at 13 % (as the
    # Reflections page's chart says for the same weeks).
    assert tiles["streak"].count_label.text() == "1 week"
    assert tiles["streak"].caption_label.text() == "longest 1"
    assert tiles["strength"].count_label.text() == "13 %"
    assert "Next week you mean to reach Raj Patel." in summary
    qtbot.keyClick(session.finish_button, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not session.isVisible())

    saved = reflections.for_week(week=WEEK)
    assert saved is not None and saved.completed_at is not None
    assert (saved.wins, saved.hard) == ("Won the budget review", "The vendor call")
    assert (saved.self_awareness, saved.self_regulation, saved.motivation) == (4, 3, 5)
    assert (saved.empathy, saved.social_skill, saved.energy) == (4, 2, 3)
    assert saved.focus_stakeholder_ids == (week["raj"],)
    assert reflections.habit(today=TODAY).this_week_done


def test_reflection_draft_resumes_after_the_window_closes(qtbot, context: AppContext, week):
    session = _session(qtbot, context)
    session.next()
    qtbot.keyClicks(session.answers["lessons"], "Ask before proposing")
    session.answers["listening"].setPlainText("Mostly, except with Raj")
    session.next()
    session.ratings["empathy"].set_value(4)
    session.close()  # a draft: saved, not finished
    draft = reflections.for_week(week=WEEK)
    assert draft is not None and draft.completed_at is None
    assert draft.lessons == "Ask before proposing"
    assert draft.answer_map == {"listening": "Mostly, except with Raj"}
    assert draft.empathy == 4

    again = _session(qtbot, context)
    assert again.step == RATINGS  # where it was left
    assert again.ratings["empathy"].value() == 4
    again.back()
    assert again.answers["lessons"].toPlainText() == "Ask before proposing"
    assert again.answers["listening"].toPlainText() == "Mostly, except with Raj"
    again.close()
    assert reflections.for_week(week=WEEK).lessons == "Ask before proposing"


def test_reflection_focus_appears_in_next_weeks_evidence_and_dashboard(
    qtbot, tmp_path: Path, context: AppContext, week
) -> None:
    from advisor_planner.services import evidence

    # Last week (W11) chose Ada and Raj: this week's focus, with Ada already seen.
    focus = evidence.focus_now(today=TODAY)
    assert focus.chosen_in == "2026-W11"
    assert focus.people == [(week["ada"], "Ada Lovelace", True), (week["raj"], "Raj Patel", False)]
    win = MainWindow(settings=QSettings(str(tmp_path / "d.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    win.resize(1300, 900)
    win.show()
    win.set_ready()
    page = win.page("dashboard")
    qtbot.waitUntil(lambda: page.board is not None and "Reach" in page.board.focus.text.text())
    text = page.board.focus.text.text()
    assert text.startswith("Reach Ada Lovelace ✓, Raj Patel; move “The advisor Finance calls first")

    # This week's session chooses Ivy; next week's evidence then sets her against what happens.
    session = _session(qtbot, context)
    session.show_step(FOCUS)
    page = session.page(FOCUS)
    qtbot.waitUntil(lambda: page.loaded)
    # Ivy has no cadence, so she is not offered: she is found and added, checked.
    qtbot.keyClicks(page.find_person.field, "Ivy")
    qtbot.keyClick(page.find_person.field, Qt.Key.Key_Return)
    assert session.people_list.item(0).text() == "Ivy Chen"
    assert session.people_list.item(0).checkState() == Qt.CheckState.Checked
    session.finish()
    _written(qtbot, session)
    clock.set_today(TODAY + timedelta(days=7))
    next_week = evidence.week_evidence(week="2026-W13")
    assert next_week.focus is not None
    assert next_week.focus.sentence == "You planned to see Ivy Chen; you saw none of them."


def test_reflection_for_a_future_week_is_refused(qtbot, context: AppContext, week) -> None:
    with pytest.raises(ValidationError, match="has not started yet"):
        ReflectionSession(context, "2026-W13")


def test_reflection_very_long_text_is_kept_with_a_message(qtbot, context: AppContext, week):
    session = _session(qtbot, context)
    session.next()
    too_long = "x" * (MAX_LONG_TEXT + 1)
    session.answers["hard"].setPlainText(too_long)
    assert not session.next()
    assert session.step == REFLECT
    message = session.answer_errors["hard"]
    assert message.isVisible()
    assert message.text() == "20,001 characters; the limit is 20,000. Shorten it to move on."
    assert session.answers["hard"].toPlainText() == too_long  # nothing lost
    assert reflections.for_week(week=WEEK) is None  # nothing half-written either
    session.answers["hard"].setPlainText("x" * MAX_LONG_TEXT)
    assert session.next()
    _written(qtbot, session)
    assert len(reflections.for_week(week=WEEK).hard) == MAX_LONG_TEXT
    session.close()


def test_reflection_missed_week_can_be_filled_in(qtbot, context: AppContext, week) -> None:
    # W11 is done; W10 and earlier were skipped.
    assert reflections.missed_weeks(today=TODAY, limit=3) == ["2026-W10", "2026-W09"]
    session = _session(qtbot, context, "2026-W10")
    assert "2026-W10" in session.windowTitle()
    session.show_step(REFLECT)
    session.answers["wins"].setPlainText("Filled in later")
    assert session.finish()
    qtbot.waitUntil(lambda: not session.isVisible())  # (once the week is written)
    assert reflections.for_week(week="2026-W10").completed_at is not None
    assert reflections.missed_weeks(today=TODAY, limit=3) == ["2026-W09"]
    habit = reflections.habit(today=TODAY)
    assert habit.weeks == ["2026-W10", "2026-W11"] and habit.streak == 2


def test_reflection_ctrl_r_opens_the_session_from_anywhere(qtbot, tmp_path: Path, week):
    win = MainWindow(settings=QSettings(str(tmp_path / "r.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    win.show()
    win.set_ready()
    win.select_section("commitments")
    qtbot.waitExposed(win)
    assert win.reflect_action.shortcut().toString() == "Ctrl+R"
    win.reflect_action.trigger()
    session = win.workspace.last_opened
    assert isinstance(session, ReflectionSession) and session.week == WEEK
    qtbot.waitExposed(session)
    win.reflect_action.trigger()  # again: the same window comes forward
    assert win.workspace.last_opened is session
    session.close()


def test_reflection_reminder_appears_when_due_and_not_otherwise(
    qtbot, tmp_path: Path, context: AppContext, db, today
) -> None:
    host = MainWindow(settings=QSettings(str(tmp_path / "h.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(host)
    host.show()
    moment = [datetime(2026, 3, 20, 15, 59)]  # Friday, a minute before 16:00
    reminder = ReflectionReminder(context, host, now=lambda: moment[0], tray=False)
    assert not reminder.check()
    assert reminder.banner is None
    moment[0] = datetime(2026, 3, 20, 16, 0)
    assert reminder.check()
    assert reminder.banner is not None and reminder.banner.isVisible()
    assert "2026-W12" in reminder.banner.message.text()
    moment[0] = datetime(2026, 3, 21, 9, 0)  # first opened on Saturday: still offered
    assert reminder.check()
    reflections.create(week="2026-W12", completed_at=datetime(2026, 3, 21, 9, 30))
    assert not reminder.check()  # done: no banner
    assert not reminder.banner.isVisible()
    moment[0] = datetime(2026, 3, 23, 9, 0)  # Monday of the next week: not due until Friday
    assert not reminder.check()


def test_reflection_reminder_follows_preferences_and_can_wait(
    qtbot, tmp_path: Path, context: AppContext, db, today
) -> None:
    from advisor_planner.ui.preferences import PreferencesDialog

    host = MainWindow(settings=QSettings(str(tmp_path / "p.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(host)
    host.show()
    dialog = PreferencesDialog(context, host)
    qtbot.addWidget(dialog)
    dialog.weekday.setCurrentIndex(dialog.weekday.findData(3))  # Wednesday
    dialog.time.setTime(dialog.time.time().fromString("09:30", "HH:mm"))
    assert dialog.save()
    assert (settings.get("reflection_weekday"), settings.get("reflection_time")) == (3, "09:30")
    moment = [datetime(2026, 3, 18, 9, 29)]  # Wednesday
    reminder = ReflectionReminder(context, host, now=lambda: moment[0], tray=False)
    assert not reminder.check()
    moment[0] = datetime(2026, 3, 18, 9, 30)
    assert reminder.check()
    started: list[bool] = []
    reminder.start_requested.connect(lambda: started.append(True))
    qtbot.mouseClick(reminder.banner.start_button, Qt.MouseButton.LeftButton)
    assert started == [True] and not reminder.banner.isVisible()
    qtbot.mouseClick(reminder.banner.later_button, Qt.MouseButton.LeftButton)
    assert not reminder.check()  # put off until next week
    moment[0] = datetime(2026, 3, 25, 10, 0)  # next Wednesday
    assert reminder.check()


def test_reflection_preferences_refuse_a_bad_time(qtbot, context: AppContext, db) -> None:
    with pytest.raises(ValidationError, match="HH:MM"):
        settings.set_value("reflection_time", "4pm")
    with pytest.raises(ValidationError):
        settings.set_values({"reflection_weekday": 2, "reflection_time": "25"})
    assert settings.get("reflection_weekday") == 5  # all or nothing: Friday is kept


def test_reflection_section_lists_charts_and_missed_weeks(qtbot, context: AppContext, week):
    from advisor_planner.ui.sections.reflections import ReflectionsPage

    page = ReflectionsPage(context, None)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    qtbot.waitUntil(lambda: "habit" in page.charts)
    habit_view = page.charts["habit"]
    assert habit_view.chart.headline == "13 % · streak 1 week (longest 1)"
    page.fill_missed()
    labels = [a.text() for a in page.missed_menu.actions()]
    assert labels[0].startswith("2026-W10 (02 Mar – 08 Mar)")
    page.missed_menu.actions()[0].trigger()
    session = page.last_dialog
    assert isinstance(session, ReflectionSession) and session.week == "2026-W10"
    session.close()


def test_reflection_evidence_commitment_opens_its_form(qtbot, tmp_path: Path, week) -> None:
    win = MainWindow(settings=QSettings(str(tmp_path / "c.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    win.show()
    win.set_ready()
    session = win.workspace.reflect()
    qtbot.waitUntil(lambda: session.page(EVIDENCE).loaded)
    late = session.evidence_view.groups["late"].list
    late.setCurrentRow(0)  # "Share the roadmap — Ivy Chen (open, due …)"
    qtbot.keyClick(late, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: win.current_section() == "commitments")
    page = win.page("commitments")
    assert page.which == "all"
    assert page.table.current_row().id == week["late"]
    dialog = page.last_dialog
    assert dialog is not None and dialog.record.text == "Share the roadmap"
    dialog.done(0)
    session.close()


@pytest.mark.parametrize("days_ago", [None, 0, 5, 6, 7, 8, 30])
@pytest.mark.parametrize("cadence", [None, 0, 7])
def test_reflection_cadence_text_reads_as_the_domain_label(days_ago, cadence) -> None:
    """The translated words for a cadence status are, in English, the domain's own label."""
    last = None if days_ago is None else TODAY - timedelta(days=days_ago)
    status = cadence_status(last, cadence, today=TODAY)
    assert cadence_text(status) == status.label


def test_reflection_evidence_cards_are_walked_with_tab(qtbot, context: AppContext, week) -> None:
    """The keyboard starts on the first card's items; Tab goes on to the next card that has
    any (an empty card is skipped), and the arrow keys move within a card."""
    session = _session(qtbot, context)
    cards = session.evidence_view.groups
    first = cards["touchpoints"].list
    qtbot.waitUntil(first.hasFocus)
    qtbot.keyClick(first, Qt.Key.Key_Down)
    assert first.currentRow() == 0  # the first Down chooses the first item (focus alone does not)
    qtbot.keyClick(first, Qt.Key.Key_Down)
    assert first.currentItem().text() == "Ada Lovelace — 2 times"
    order = []
    for _ in range(7):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        owner = next((k for k, c in cards.items() if c.list is QApplication.focusWidget()), None)
        order.append(owner)
    # The still-open card has nothing, so Tab passes it by.
    assert order[:6] == ["slipped", "focus", "kept", "late", "broken", "trust"]
    session.close()


def test_reflection_opens_before_the_evidence_is_gathered(qtbot, context: AppContext, week):
    """The week's evidence is read on a worker: the window is there at once, its first step
    saying it is gathering; the cards follow, and the keyboard starts on them."""
    session = ReflectionSession(context, WEEK)  # (no event loop turn yet)
    qtbot.addWidget(session)
    assert session.evidence is None
    page = session.page(EVIDENCE)
    assert page.loading.text() == "Gathering the week's evidence…"
    assert not page.loaded and page.first_focus() is None
    session.show()
    session.activateWindow()
    qtbot.waitUntil(lambda: page.loaded)
    assert session.evidence is not None and page.loading.isHidden()
    assert session.evidence_view.counts()["touchpoints"] == 2
    qtbot.waitUntil(session.evidence_view.groups["touchpoints"].list.hasFocus)
    session.close()


def test_reflection_summary_shows_at_once_and_the_habit_follows(
    qtbot, context: AppContext, week
) -> None:
    """Moving on to the summary shows the week's tiles at once; the habit (a query and a
    chart) follows from a worker and a later turn, never in the same stall."""
    session = _session(qtbot, context)
    session.show_step(SUMMARY)
    page = session.page(SUMMARY)
    assert page.tiles["touchpoints"].count_label.text() == "2"  # from the evidence held
    assert page.habit_view is None and page.tiles["streak"].count_label.text() == ""
    qtbot.waitUntil(lambda: page.habit_view is not None and page.habit_view.has_data)
    assert page.tiles["streak"].count_label.text() == "1 week"
    assert page.habit_view.chart.headline == "13 % · streak 1 week (longest 1)"
    session.close()


def test_reflection_summary_builds_its_chart_and_draws_the_habit_a_piece_a_turn(
    qtbot, context: AppContext, week, monkeypatch
) -> None:
    """The habit's arrival, the chart's view and the habit drawn in it were one turn
    (25-36 ms on the large demo): each is a turn of its own, the view once the step is
    painted."""
    from advisor_planner.charts.view import ChartView
    from advisor_planner.ui.reflection.summary import SummaryPage

    work: list[str] = []
    init, set_series = ChartView.__init__, ChartView.set_series
    monkeypatch.setattr(
        ChartView, "__init__", lambda self, *a, **k: (work.append("build"), init(self, *a, **k))[1]
    )
    monkeypatch.setattr(
        ChartView, "set_series", lambda self, s: (work.append("draw"), set_series(self, s))[1]
    )
    turns: list[list[str]] = []
    for name in ("_build_chart", "_habit_arrived", "_draw_habit"):
        method = getattr(SummaryPage, name)

        def one_turn(self, *args, method=method, name=name):
            before = len(work)
            method(self, *args)
            turns.append([name, *work[before:]])

        monkeypatch.setattr(SummaryPage, name, one_turn)
    session = _session(qtbot, context)
    session.show_step(SUMMARY)
    page = session.page(SUMMARY)
    qtbot.waitUntil(lambda: page.habit_view is not None and page.habit_view.has_data)
    assert sorted(work) == ["build", "draw"]
    assert all(len(turn) <= 2 for turn in turns), turns  # (the step's name, and one piece)
    assert not any(turn[0] == "_habit_arrived" and len(turn) > 1 for turn in turns), turns
    session.close()


def test_reflection_moving_on_writes_only_what_changed(qtbot, context: AppContext, week) -> None:
    """Every step is saved as the session moves on, but a step whose values are those already
    saved writes nothing (no change announced, the record untouched)."""
    session = _session(qtbot, context)
    session.next()
    session.answers["wins"].setPlainText("Won the review")
    announced: list[object] = []
    context.events.changed.connect(announced.append)
    assert session.next()  # the answer is new: saved
    _written(qtbot, session)
    saved = reflections.for_week(week=WEEK)
    assert saved is not None and saved.wins == "Won the review" and len(announced) == 1
    assert session.back() and session.next()  # nothing changed since: nothing written
    assert len(announced) == 1
    assert reflections.for_week(week=WEEK).updated_at == saved.updated_at
    session.ratings["empathy"].set_value(4)
    assert session.next()
    _written(qtbot, session)
    assert len(announced) == 2 and reflections.for_week(week=WEEK).empathy == 4
    session.close()


def test_reflection_section_builds_and_draws_its_charts_a_piece_a_turn(
    qtbot, context: AppContext, week, monkeypatch
) -> None:
    """Making a chart's view and drawing ten years into it took 30-60 ms together on the
    large demo: each turn of the event loop does one of them."""
    from advisor_planner.charts.view import ChartView
    from advisor_planner.ui.sections.reflections import ReflectionsPage

    work: list[str] = []
    init, set_series = ChartView.__init__, ChartView.set_series
    monkeypatch.setattr(
        ChartView, "__init__", lambda self, *a, **k: (work.append("build"), init(self, *a, **k))[1]
    )
    monkeypatch.setattr(
        ChartView, "set_series", lambda self, s: (work.append("draw"), set_series(self, s))[1]
    )
    page = ReflectionsPage(context, None)
    qtbot.addWidget(page)
    turns: list[list[str]] = []
    draw_next = page._draw_next_chart

    def one_turn() -> None:
        before = len(work)
        draw_next()
        turns.append(work[before:])

    monkeypatch.setattr(page, "_draw_next_chart", one_turn)
    page.resize(1100, 700)
    page.show()
    qtbot.waitUntil(lambda: {"habit", "ratings"} <= set(page.charts))
    assert sorted(work) == ["build", "build", "draw", "draw"]
    assert all(len(turn) <= 1 for turn in turns), turns
    assert all(view.isVisible() and view.has_data for view in page.charts.values())


OPENING_SCRIPT = """
import sys, threading, time
from pathlib import Path
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

app = QApplication([])
from advisor_planner.store.opening import init_db
from advisor_planner.ui.context import AppContext
from advisor_planner.ui.reflection.session import ReflectionSession

init_db(Path(sys.argv[1]) / "db.sqlite")
WATCHED = ("advisor_planner.services.evidence", "advisor_planner.services.prompts")
importers = {}


class Spy:
    def find_spec(self, name, path, target=None):
        if name in WATCHED:
            importers[name] = threading.current_thread() is threading.main_thread()
        return None


sys.meta_path.insert(0, Spy())
context = AppContext(settings=QSettings(sys.argv[1] + "/s.ini", QSettings.Format.IniFormat))
session = ReflectionSession(context, "2026-W12")
steps = ("reflect", "ratings", "focus", "summary")
later_steps = [m for m in sys.modules if m.rsplit(".", 1)[-1] in steps]
deadline = time.monotonic() + 20
while session.evidence is None and time.monotonic() < deadline:
    app.processEvents()
    time.sleep(0.005)
print(sorted(later_steps), importers, session.evidence is not None, bool(session.prompts.prompts))
"""


def test_opening_imports_the_later_steps_when_reached_and_the_evidence_on_a_worker(
    tmp_path: Path,
) -> None:
    """Importing every step's module and the evidence and prompts services made the first
    opening 15-20 ms longer on the GUI thread: a step's module comes with its page, the
    services with the worker that gathers the week."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", OPENING_SCRIPT, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert done.returncode == 0, done.stderr
    watched = (
        "{'advisor_planner.services.evidence': False, 'advisor_planner.services.prompts': False}"
    )
    assert done.stdout.strip() == f"[] {watched} True True"


def test_reflection_moving_on_and_finishing_do_not_wait_for_the_disk(
    qtbot, context: AppContext, week, db
) -> None:
    """A commit waits for the disk (5-15 ms a step on the large demo, far more on a busy
    disk): the next step shows at once while the draft is written on a worker, and Finish
    closes the window once the week is written."""
    session = _session(qtbot, context)
    session.next()
    session.answers["wins"].setPlainText("Won the review")
    db.set_gate(GateState.PENDING)  # writes wait, as for a slow disk
    try:
        started = perf_counter()
        assert session.next()
        assert perf_counter() - started < 2  # (not the gate's 30 s)
        assert session.step == RATINGS and session.writing
        session.ratings["empathy"].set_value(4)
        assert session.next() and session.step == FOCUS  # (waits behind the first)
        session.show_step(SUMMARY)
        assert session.finish() and session.isVisible()  # (not before the week is written)
        assert session.page(SUMMARY).isVisible()
    finally:
        db.set_gate(GateState.OPEN)
    qtbot.waitUntil(lambda: not session.isVisible())
    saved = reflections.for_week(week=WEEK)
    assert saved is not None and saved.completed_at is not None
    assert (saved.wins, saved.empathy) == ("Won the review", 4)


def test_reflection_closing_waits_for_the_draft_under_way(qtbot, context: AppContext, week, db):
    session = _session(qtbot, context)
    session.next()
    session.answers["wins"].setPlainText("Won the review")
    db.set_gate(GateState.PENDING)
    assert session.next() and session.writing
    threading.Timer(0.05, db.set_gate, args=(GateState.OPEN,)).start()  # the disk, later
    session.ratings["empathy"].set_value(4)
    session.close()  # waits, then writes what changed since
    assert not session.isVisible()
    saved = reflections.for_week(week=WEEK)
    assert saved is not None and (saved.wins, saved.empathy) == ("Won the review", 4)
