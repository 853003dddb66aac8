"""A stakeholder's page: profile shown as plain text, cadence status, and the trust-check and
feedback forms driven from the keyboard, with undo."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QTabWidget, QWidget

from advisor_planner.domain.enums import CommitmentStatus, FeedbackAspect
from advisor_planner.services import (
    clock,
    commitments,
    feedback,
    stakeholders,
    touchpoints,
    trust_checks,
)
from advisor_planner.services.changes import Change, Changes
from advisor_planner.ui.context import AppContext
from advisor_planner.ui.record_apis import TRUST_CHECK
from advisor_planner.ui.stakeholder.forms import feedback_dialog
from advisor_planner.ui.stakeholder.history import HistorySection
from advisor_planner.ui.stakeholder.page import StakeholderPage
from advisor_planner.ui.stakeholder.tabs import load_trends

TODAY = date(2025, 3, 12)


@pytest.fixture
def today(pin_today) -> date:
    return pin_today(TODAY)


@pytest.fixture
def person(db) -> stakeholders.Stakeholder:
    return stakeholders.create(
        name="Ada Lovelace", title="CFO", organisation="Engines Ltd", cadence_days=14
    )


def _page(qtbot, context: AppContext, stakeholder_id: int) -> StakeholderPage:
    page = StakeholderPage(context, stakeholder_id)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    qtbot.waitExposed(page)
    qtbot.waitUntil(lambda: not page.loading)  # the summary, loaded on a worker
    return page


def _column(section: HistorySection, title: str) -> int:
    return [c.title for c in section.model.columns].index(title)


def _shown(section: HistorySection) -> HistorySection:
    """``section`` with its tab shown: a hidden tab's table is filled when it shows."""
    tabs = section.parentWidget()
    while not isinstance(tabs, QTabWidget):
        tabs = tabs.parentWidget()
    tabs.setCurrentWidget(section)
    return section


def _rows(section: HistorySection) -> int:
    return _shown(section).model.rowCount()


def _cells(section: HistorySection, title: str) -> list[str]:
    _shown(section)
    column = _column(section, title)
    proxy = section.proxy
    return [proxy.index(row, column).data() for row in range(proxy.rowCount())]


def test_hostile_text_shows_literally(qtbot, context: AppContext) -> None:
    hostile = stakeholders.create(
        name="<b>x</b>", title="<img src=x>", notes="<i>private</i>", tags=("<u>t</u>",)
    )
    page = _page(qtbot, context, hostile.id)
    assert page.name_label.text() == "<b>x</b>"
    assert page.name_label.textFormat() == Qt.TextFormat.PlainText
    assert page.role_label.text().startswith("<img src=x>")
    assert page.role_label.textFormat() == Qt.TextFormat.PlainText
    assert page.profile_tab.notes_label.text() == "<i>private</i>"
    assert page.profile_tab.notes_label.textFormat() == Qt.TextFormat.PlainText
    assert page.profile_tab.labels["tags"].text() == "<u>t</u>"
    assert page.profile_tab.labels["tags"].textFormat() == Qt.TextFormat.PlainText


def test_cadence_status_counts_days_overdue(
    qtbot, context: AppContext, person: stakeholders.Stakeholder, today: date
) -> None:
    touchpoints.create(stakeholder_ids=(person.id,), occurred_on=today - timedelta(days=20))
    page = _page(qtbot, context, person.id)
    assert page.facts.contact.value.text() == "6 days overdue"
    assert page.status is not None and page.status.overdue
    assert (today - timedelta(days=20)).isoformat() in page.facts.contact.detail.text()


def test_never_contacted_and_due_soon(
    qtbot, context: AppContext, person: stakeholders.Stakeholder, today: date
) -> None:
    page = _page(qtbot, context, person.id)
    assert page.facts.contact.value.text() == "never contacted"
    touchpoints.create(stakeholder_ids=(person.id,), occurred_on=today - timedelta(days=11))
    context.events.announce(Changes.of(Change.TOUCHPOINT))
    qtbot.waitUntil(lambda: page.facts.contact.value.text() == "due in 3 days")


def test_add_trust_check_through_the_dialog(
    qtbot, context: AppContext, person: stakeholders.Stakeholder
) -> None:
    page = _page(qtbot, context, person.id)
    assert page.trust_section.stack.currentWidget() is page.trust_section.empty
    qtbot.mouseClick(page.trust_button, Qt.MouseButton.LeftButton)
    dialog = page.last_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.editors["credibility"].combo, "9")
    qtbot.keyClicks(dialog.editors["reliability"].combo, "6")
    qtbot.keyClicks(dialog.editors["intimacy"].combo, "3")
    qtbot.keyClicks(dialog.editors["self_orientation"].combo, "2")
    qtbot.keyClicks(dialog.editors["warmth"].combo, "7")
    qtbot.keyClicks(dialog.editors["note"].edit, "After the <b>budget</b> review")
    assert dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    (check,) = trust_checks.for_stakeholder(stakeholder_id=person.id)
    assert (check.credibility, check.reliability, check.intimacy, check.self_orientation) == (
        9,
        6,
        3,
        2,
    )
    assert check.warmth == 7 and check.competence is None
    assert check.note == "After the <b>budget</b> review"
    assert check.checked_on == clock.today()
    qtbot.waitUntil(lambda: _cells(page.trust_section, "Quotient") == ["9.0"])
    assert page.trust_section.stack.currentWidget() is page.trust_section.table
    assert _cells(page.trust_section, "Balance") == ["⚠ uneven — weakest: intimacy"]
    assert page.facts.trust.value.text().startswith("Quotient 9.0")
    assert page.tabs.tabText(page.tabs.indexOf(page.trust_section)) == "Trust checks (1)"

    # Undo takes it away again, and the page follows.
    assert context.undo_stack.undoText().startswith("Add trust check")
    context.undo_stack.undo()
    assert trust_checks.for_stakeholder(stakeholder_id=person.id) == []
    qtbot.waitUntil(lambda: _rows(page.trust_section) == 0)
    assert page.trust_section.stack.currentWidget() is page.trust_section.empty
    context.undo_stack.redo()
    assert len(trust_checks.for_stakeholder(stakeholder_id=person.id)) == 1


def test_new_trust_check_starts_from_the_last(
    qtbot, context: AppContext, person: stakeholders.Stakeholder
) -> None:
    trust_checks.create(
        stakeholder_id=person.id,
        checked_on=clock.today() - timedelta(days=30),
        credibility=7,
        reliability=4,
        intimacy=6,
        self_orientation=3,
        competence=8,
    )
    page = _page(qtbot, context, person.id)
    dialog = page.add_trust_check()
    values = dialog.values()
    assert (values["credibility"], values["reliability"], values["self_orientation"]) == (7, 4, 3)
    assert values["competence"] == 8 and values["warmth"] is None
    assert values["checked_on"] == clock.today() and values["note"] == ""
    assert dialog.editors["self_orientation"].combo.itemText(0) == "1 — all about them"
    assert dialog.editors["credibility"].combo.itemText(9) == "10 — complete"
    dialog.done(0)


def test_edit_and_delete_trust_check_from_the_table(
    qtbot, context: AppContext, person: stakeholders.Stakeholder
) -> None:
    check = trust_checks.create(stakeholder_id=person.id, credibility=6)
    page = _page(qtbot, context, person.id)
    page.tabs.setCurrentWidget(page.trust_section)
    table = page.trust_section.table
    table.setFocus()
    table.setCurrentIndex(page.trust_section.proxy.index(0, 0))
    qtbot.keyClick(table, Qt.Key.Key_Return)
    dialog = page.last_dialog
    assert dialog is not None and dialog.record == check
    qtbot.keyClicks(dialog.editors["credibility"].combo, "8")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert trust_checks.get(trust_check_id=check.id).credibility == 8
    qtbot.waitUntil(lambda: _cells(page.trust_section, "C") == ["8"])

    table.selectRow(0)
    page.delete_selected(page.trust_section, TRUST_CHECK)
    assert trust_checks.for_stakeholder(stakeholder_id=person.id) == []
    context.undo_stack.undo()
    assert len(trust_checks.for_stakeholder(stakeholder_id=person.id)) == 1


def test_add_feedback_through_the_dialog(
    qtbot, context: AppContext, person: stakeholders.Stakeholder
) -> None:
    page = _page(qtbot, context, person.id)
    qtbot.mouseClick(page.feedback_button, Qt.MouseButton.LeftButton)
    dialog = page.last_dialog
    assert dialog is not None
    assert not dialog.save_button.isEnabled()  # nothing said yet
    qtbot.keyClicks(dialog.editors["text"].edit, "Clear on numbers, <i>quick</i> to reply")
    qtbot.keyClicks(dialog.editors["aspect"].combo, "C")
    assert dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    (item,) = feedback.for_stakeholder(stakeholder_id=person.id)
    assert item.text == "Clear on numbers, <i>quick</i> to reply"
    assert item.aspect == FeedbackAspect.COMPETENCE.value
    assert item.received_on == clock.today()
    qtbot.waitUntil(lambda: _rows(page.feedback_section) == 1)
    assert _cells(page.feedback_section, "What was said") == [item.text]
    assert _cells(page.feedback_section, "Speaks to") == ["Competence"]


def test_delete_key_deletes_feedback_and_undo_restores(
    qtbot, context: AppContext, person: stakeholders.Stakeholder
) -> None:
    feedback.create(stakeholder_id=person.id, text="Warm and direct")
    page = _page(qtbot, context, person.id)
    page.tabs.setCurrentWidget(page.feedback_section)
    table = page.feedback_section.table
    page.activateWindow()
    table.setFocus()
    table.selectRow(0)
    qtbot.waitUntil(table.hasFocus)
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert feedback.for_stakeholder(stakeholder_id=person.id) == []
    qtbot.waitUntil(lambda: page.feedback_section.model.rowCount() == 0)
    context.undo_stack.undo()
    assert len(feedback.for_stakeholder(stakeholder_id=person.id)) == 1
    qtbot.waitUntil(lambda: page.feedback_section.model.rowCount() == 1)


def test_history_tabs(
    qtbot, context: AppContext, person: stakeholders.Stakeholder, today: date
) -> None:
    other = stakeholders.create(name="Grace Hopper")
    old = touchpoints.create(
        stakeholder_ids=(person.id,),
        occurred_on=today - timedelta(days=9),
        notes="First line\nsecond line",
    )
    new = touchpoints.create(
        stakeholder_ids=(person.id, other.id),
        occurred_on=today - timedelta(days=2),
        subject="Budget",
        sentiment=-1,
    )
    touchpoints.create(stakeholder_ids=(other.id,), occurred_on=today)
    kept = commitments.create(stakeholder_id=person.id, text="Send the deck", made_on=today)
    commitments.set_status(commitment_id=kept.id, status=CommitmentStatus.KEPT.value)
    commitments.create(
        stakeholder_id=person.id,
        text="Call back",
        made_on=today - timedelta(days=5),
        due_on=today - timedelta(days=1),
    )
    feedback.create(stakeholder_id=person.id, text="Good", received_on=today)

    page = _page(qtbot, context, person.id)
    tps = _shown(page.touchpoint_section)
    shown = [tps.proxy.mapToSource(tps.proxy.index(row, 0)).row() for row in (0, 1)]
    assert [tps.model.row_at(row).id for row in shown] == [new.id, old.id]
    assert _cells(tps, "Notes") == ["Budget", "First line"]
    assert _cells(tps, "Also there") == ["Grace Hopper", ""]
    assert _cells(tps, "Sentiment") == ["−1 negative", ""]
    assert _cells(page.commitment_section, "Status") == ["Open — overdue", "Kept"]
    assert page.tabs.tabText(page.tabs.indexOf(page.commitment_section)) == (
        "Commitments (2, 1 open)"
    )
    assert page.health_score is not None
    assert page.facts.contact.value.text() == "due in 12 days"

    trust_checks.create(stakeholder_id=person.id)
    context.events.announce(Changes.of(Change.TRUST_CHECK))
    qtbot.waitUntil(lambda: _rows(page.trust_section) == 1)


def test_models_pass_the_model_tester(
    qtbot, qtmodeltester, context: AppContext, person: stakeholders.Stakeholder
) -> None:
    other = stakeholders.create(name="Grace Hopper")
    touchpoints.create(stakeholder_ids=(person.id, other.id), notes="Hello")
    commitments.create(stakeholder_id=person.id, text="Follow up")
    trust_checks.create(stakeholder_id=person.id, credibility=9, intimacy=2)
    feedback.create(stakeholder_id=person.id, text="Kind")
    page = _page(qtbot, context, person.id)
    for section in (
        page.trust_section,
        page.touchpoint_section,
        page.commitment_section,
        page.feedback_section,
    ):
        assert _rows(section) == 1
        qtmodeltester.check(section.model)
        qtmodeltester.check(section.proxy)


def test_back_and_edit_signals(
    qtbot, context: AppContext, person: stakeholders.Stakeholder
) -> None:
    page = _page(qtbot, context, person.id)
    with qtbot.waitSignal(page.back_requested):
        qtbot.mouseClick(page.back_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(page.edit_requested) as blocker:
        qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [person.id]


def test_profile_changes_and_deletion_show(
    qtbot, context: AppContext, person: stakeholders.Stakeholder
) -> None:
    page = _page(qtbot, context, person.id)
    assert page.profile_tab.labels["cadence"].text() == "every 14 days"
    assert page.facts.engagement.value.text() == "Neutral → Supportive"
    stakeholders.update(stakeholder_id=person.id, name="Ada King", engagement_current="supportive")
    context.events.announce(Changes.of(Change.STAKEHOLDER))
    qtbot.waitUntil(lambda: page.name_label.text() == "Ada King")
    assert page.facts.engagement.value.text() == "Supportive"

    stakeholders.delete(stakeholder_id=person.id)
    context.events.announce(Changes.everything())
    qtbot.waitUntil(lambda: page.body.currentWidget() is page.gone)
    assert not page.trust_button.isEnabled() and not page.feedback_button.isEnabled()


def test_hidden_page_refreshes_when_shown(
    qtbot, context: AppContext, person: stakeholders.Stakeholder
) -> None:
    page = _page(qtbot, context, person.id)
    page.hide()
    feedback.create(stakeholder_id=person.id, text="Thanks")
    context.events.announce(Changes.of(Change.FEEDBACK))
    assert page.feedback_section.model.rowCount() == 0  # not reloaded while hidden
    page.show()
    qtbot.waitUntil(lambda: _rows(page.feedback_section) == 1)


def test_feedback_dialog_edits_a_record(qtbot, context: AppContext, person) -> None:
    item = feedback.create(stakeholder_id=person.id, text="Good", aspect="warmth")
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = feedback_dialog(context, person.id, record=item, parent=parent)
    dialog.show()
    assert dialog.windowTitle() == "Edit feedback — Ada Lovelace"
    assert dialog.values()["aspect"] == "warmth"
    qtbot.keyClick(dialog.editors["text"].edit, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.editors["text"].edit, " work")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert feedback.get(feedback_id=item.id).text == "Good work"
    context.undo_stack.undo()
    assert feedback.get(feedback_id=item.id).text == "Good"


# ``open_quick_log`` raises its window; the offscreen platform says it cannot.
@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_log_touchpoint_fills_in_the_person(
    qtbot, context: AppContext, person: stakeholders.Stakeholder
) -> None:
    page = _page(qtbot, context, person.id)
    qtbot.mouseClick(page.log_button, Qt.MouseButton.LeftButton)
    dialog = page.quick_log_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.people.value() == (person.id,)
    dialog.done(0)


def test_a_hostile_note_tooltip_is_escaped_once(qtbot, context: AppContext, person) -> None:
    feedback.create(stakeholder_id=person.id, text="<b>x</b> & more")
    page = _page(qtbot, context, person.id)
    section = _shown(page.feedback_section)
    index = section.proxy.index(0, _column(section, "What was said"))
    tip = index.data(Qt.ItemDataRole.ToolTipRole)
    # The table model escapes tooltips itself; escaping twice would show "&lt;b&gt;" on screen.
    assert tip == "<p style='white-space:pre-wrap'>&lt;b&gt;x&lt;/b&gt; &amp; more</p>"


def test_trends_tab_draws_trust_and_touchpoints_and_opens_a_check(
    qtbot, context: AppContext, person: stakeholders.Stakeholder, today: date
) -> None:
    page = _page(qtbot, context, person.id)
    trends = page.trends_tab
    page.tabs.setCurrentWidget(trends)
    qtbot.waitUntil(lambda: bool(trends.views) and not trends.loading)
    factors, timeline = trends.views["factors"], trends.views["timeline"]
    assert factors.empty.text() == (
        "Add two trust checks for Ada Lovelace to see a trend: one now, and another in a few weeks."
    )
    assert factors.stack.currentWidget() is factors.empty
    for days_ago, credibility in ((60, 5), (10, 8)):
        trust_checks.create(
            stakeholder_id=person.id, checked_on=TODAY - timedelta(days=days_ago),
            credibility=credibility, reliability=6, intimacy=4, self_orientation=4,
        )  # fmt: skip
    touchpoints.create(
        occurred_at=datetime.combine(TODAY - timedelta(days=20), time(9)).astimezone(),
        stakeholder_ids=[person.id], channel="call", purpose="listen", sentiment=2,
    )  # fmt: skip
    context.events.announce(Changes.of(Change.TRUST_CHECK, Change.TOUCHPOINT, Change.STAKEHOLDER))
    # (The three charts are drawn one a turn.)
    qtbot.waitUntil(lambda: factors.stack.currentWidget() is factors.view and not trends.loading)
    # (8 + 6 + 4) / 4 = 4.5 now, (5 + 6 + 4) / 4 = 3.75 before: +0.75.
    assert trends.views["quotient"].chart.headline == "4.5 · +0.8 since 11 Jan 2025"
    assert factors.chart.headline == "weakest now: intimacy"
    # Seen 20 days ago with a 14-day cadence: 6 days overdue.
    assert timeline.chart.headline == "6 days overdue"
    hit = factors.chart.hits[-1]
    at = factors.view.mapFromScene(factors.chart.scene_pos_of(hit))
    qtbot.mouseClick(factors.view.viewport(), Qt.MouseButton.LeftButton, pos=at)
    dialog = page.last_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.record.checked_on == TODAY - timedelta(days=10)
    dialog.reject()


def test_a_hidden_page_reloads_when_next_shown_and_a_shown_one_at_once(
    qtbot, context: AppContext, person
) -> None:
    page = _page(qtbot, context, person.id)
    assert page.name_label.text() == "Ada Lovelace"
    page.hide()
    stakeholders.update(stakeholder_id=person.id, name="Ada King")
    context.events.announce(Changes.of(Change.STAKEHOLDER))
    qtbot.wait(20)
    assert page.name_label.text() == "Ada Lovelace"  # hidden: no work done
    page.show()
    assert page.name_label.text() == "Ada King"  # shown: reloaded first
    stakeholders.update(stakeholder_id=person.id, name="Ada, Countess of Lovelace")
    context.events.announce(Changes.of(Change.STAKEHOLDER, Change.TRUST_CHECK))  # two kinds
    qtbot.waitUntil(lambda: page.name_label.text() == "Ada, Countess of Lovelace")


def test_history_and_trends_load_off_the_gui_thread(
    qtbot, context: AppContext, person: stakeholders.Stakeholder, today: date
) -> None:
    trust_checks.create(stakeholder_id=person.id, credibility=6)
    for days_ago in (3, 40):
        touchpoints.create(
            occurred_at=datetime.combine(TODAY - timedelta(days=days_ago), time(9)).astimezone(),
            stakeholder_ids=[person.id], channel="call", purpose="listen",
        )  # fmt: skip
    page = StakeholderPage(context, person.id)
    qtbot.addWidget(page)
    # The page is built with the person's heading at once; the history is still on its way.
    assert page.name_label.text() == "Ada Lovelace"
    assert page.loading
    assert page.touchpoint_section.model.rowCount() == 0
    with qtbot.waitSignal(page.history_shown, timeout=10_000):
        page.show()
    assert _rows(page.touchpoint_section) == 2
    assert _rows(page.trust_section) == 1
    assert page.tabs.tabText(page.tabs.indexOf(page.touchpoint_section)) == "Touchpoints (2)"

    trends = page.trends_tab
    page.tabs.setCurrentWidget(trends)
    # The tab is drawn first; its charts are built a turn at a time while the series load.
    assert trends.loading and not trends.views
    with qtbot.waitSignal(trends.shown, timeout=10_000):
        pass
    assert set(trends.views) == {"factors", "quotient", "timeline"}
    assert trends.views["timeline"].chart.headline


def test_a_hidden_history_tab_fills_its_table_when_its_tab_shows(
    qtbot, context: AppContext, person: stakeholders.Stakeholder, today: date
) -> None:
    for days_ago in (3, 40):
        touchpoints.create(
            stakeholder_ids=(person.id,), occurred_on=today - timedelta(days=days_ago)
        )
    page = _page(qtbot, context, person.id)
    section = page.touchpoint_section
    # The count is in the tab's title at once; the table behind the tab (and the measuring of
    # its columns, 10-30 ms a table on ten years of data) waits until the tab is shown.
    assert page.tabs.tabText(page.tabs.indexOf(section)) == "Touchpoints (2)"
    assert section.model.rowCount() == 0
    page.tabs.setCurrentWidget(section)
    assert section.model.rowCount() == 2
    # Shown, a change fills it at once.
    touchpoints.create(stakeholder_ids=(person.id,), occurred_on=today)
    context.events.announce(Changes.of(Change.TOUCHPOINT))
    qtbot.waitUntil(lambda: section.model.rowCount() == 3)


def test_the_trends_charts_are_drawn_one_a_turn(
    qtbot, context: AppContext, person: stakeholders.Stakeholder, today: date
) -> None:
    page = _page(qtbot, context, person.id)
    trends = page.trends_tab
    page.tabs.setCurrentWidget(trends)
    qtbot.waitUntil(lambda: len(trends.views) == 3 and not trends.loading)
    for days_ago in (60, 10):
        trust_checks.create(
            stakeholder_id=person.id, checked_on=today - timedelta(days=days_ago), credibility=8
        )
    touchpoints.create(stakeholder_ids=(person.id,), occurred_on=today - timedelta(days=3))
    generation = trends._asked + 1
    trends._asked = generation
    arrived = load_trends(person.id, today, generation)
    # Each chart's drawing takes 10-20 ms on ten years of data: one a turn of the event loop,
    # so no one turn holds all three.
    trends._arrived(arrived)
    wanted = {"factors": arrived[1], "quotient": arrived[1], "timeline": arrived[2]}

    def drawn() -> list[str]:
        return [name for name, view in trends.views.items() if view.chart.series == wanted[name]]

    at_paint: list[list[str]] = []
    trends.views["factors"].drawn.connect(lambda: at_paint.append(drawn()))
    # None in the turn they arrive in (it holds the page's other loads arriving too).
    assert drawn() == [] and trends.loading
    QApplication.processEvents()  # the next turn
    assert drawn()[:1] == ["factors"]
    # The next one once this one is painted (two were painted in one turn).
    qtbot.waitUntil(lambda: bool(at_paint))
    assert at_paint == [["factors"]]
    with qtbot.waitSignal(trends.shown, timeout=5_000):
        pass
    assert trends.views["quotient"].chart.series == arrived[1]
    assert trends.views["timeline"].chart.series == arrived[2]


def test_the_page_shows_another_person_in_the_widgets_it_built(
    qtbot, context: AppContext, person: stakeholders.Stakeholder, today: date
) -> None:
    grace = stakeholders.create(name="Grace Hopper", cadence_days=7)
    touchpoints.create(stakeholder_ids=(grace.id, person.id), occurred_on=today, subject="Both")
    touchpoints.create(
        stakeholder_ids=(grace.id,), occurred_on=today - timedelta(days=1), subject="Alone"
    )
    trust_checks.create(stakeholder_id=person.id, credibility=6)
    page = _page(qtbot, context, person.id)
    trends = page.trends_tab
    page.tabs.setCurrentWidget(trends)
    qtbot.waitUntil(lambda: len(trends.views) == 3 and not trends.loading)
    charts, table = dict(trends.views), page.touchpoint_section.table
    ada_timeline = trends.views["timeline"].chart.series

    page.show_person(grace.id)
    # The heading at once; nothing of Ada's left while Grace's history loads.
    assert page.name_label.text() == "Grace Hopper"
    assert page.tabs.tabText(page.tabs.indexOf(page.trust_section)) == "Trust checks"
    assert [view.headline_label.text() for view in trends.views.values()] == ["", "", ""]
    assert trends.views["factors"].empty.text() == "Loading…"
    qtbot.waitUntil(lambda: not page.loading and not trends.loading)
    # (Building the tables and charts again took 10-30 ms each.)
    assert trends.views == charts and page.touchpoint_section.table is table
    assert trends.views["timeline"].chart.series != ada_timeline
    assert page.tabs.tabText(page.tabs.indexOf(page.touchpoint_section)) == "Touchpoints (2)"
    assert _cells(page.touchpoint_section, "Also there") == ["Ada Lovelace", ""]
    assert _rows(page.trust_section) == 0
    assert page.facts.contact.value.text() == "due in 7 days"
    with qtbot.waitSignal(page.edit_requested) as blocker:
        page.edit_button.click()
    assert blocker.args == [grace.id]


def test_hiding_the_page_leaves_the_charts_scenes_as_they_were(
    qtbot, context: AppContext, person: stakeholders.Stakeholder, today: date
) -> None:
    for days_ago in (60, 10):
        trust_checks.create(
            stakeholder_id=person.id, checked_on=today - timedelta(days=days_ago), credibility=8
        )
    touchpoints.create(stakeholder_ids=(person.id,), occurred_on=today - timedelta(days=3))
    page = _page(qtbot, context, person.id)
    trends = page.trends_tab
    page.tabs.setCurrentWidget(trends)
    qtbot.waitUntil(lambda: len(trends.views) == 3 and not trends.loading)
    page.activateWindow()
    qtbot.waitActive(page)
    scenes = [view.view.scene() for view in trends.views.values()]
    qtbot.waitUntil(lambda: all(scene.isActive() for scene in scenes))
    # Hidden (the list shown again) and shown, the scenes are not told: each passed it on
    # to every graphics widget, which all repainted, and the whole window was painted again
    # at once, in the scene's own queued call.
    page.hide()
    qtbot.wait(10)
    assert all(scene.isActive() for scene in scenes)
    page.show()
    qtbot.wait(10)
    assert all(scene.isActive() for scene in scenes)


def test_the_charts_keep_their_size_whatever_they_hold(
    qtbot, context: AppContext, person: stakeholders.Stakeholder, today: date
) -> None:
    grace = stakeholders.create(name="Grace Hopper", cadence_days=7, title="Rear admiral")
    for days_ago in (60, 10):
        trust_checks.create(
            stakeholder_id=grace.id, checked_on=today - timedelta(days=days_ago), credibility=8
        )
    touchpoints.create(stakeholder_ids=(grace.id,), occurred_on=today - timedelta(days=3))
    for days_ago in (30, 9):  # uneven: the longest detail under Ada's trust
        trust_checks.create(
            stakeholder_id=person.id, checked_on=today - timedelta(days=days_ago),
            credibility=9, reliability=2, intimacy=5, self_orientation=3,
        )  # fmt: skip
    page = _page(qtbot, context, person.id)
    page.resize(1100, 1000)  # room to spare for the charts
    trends = page.trends_tab
    page.tabs.setCurrentWidget(trends)
    qtbot.waitUntil(lambda: len(trends.views) == 3 and not trends.loading and not page.loading)
    qtbot.wait(20)
    resized: list[str] = []

    class Resizes(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Resize:
                resized.append(watched.objectName())
            return False

    counter = Resizes(page)
    for view in (*trends.views.values(), page.facts):
        view.installEventFilter(counter)
    # Ada has no touchpoints (a sentence where the plot goes), Grace has (the plot), and
    # Grace's facts load a moment later ("Loading…" meanwhile): the charts are laid out and
    # painted again for neither (10-20 ms each).
    page.show_person(grace.id)
    qtbot.waitUntil(lambda: not page.loading and not trends.loading)
    qtbot.wait(20)
    assert trends.views["timeline"].stack.currentWidget() is trends.views["timeline"].view
    assert resized == []


def test_the_trends_tab_lays_out_its_grid_a_turn_before_its_first_chart(
    qtbot, context: AppContext, person: stakeholders.Stakeholder, today: date
) -> None:
    page = _page(qtbot, context, person.id)
    trends = page.trends_tab
    trends._build_next()
    # The grid (and the charts' modules, 10-15 ms to load the first time) in a turn of their
    # own: with the first chart as well it took 25-30 ms.
    assert trends.widget() is not None and trends.views == {}
    trends._build_next()
    assert list(trends.views) == ["factors"]


def test_a_page_never_shown_holds_no_height_for_the_next_person(
    qtbot, context: AppContext, person: stakeholders.Stakeholder, today: date
) -> None:
    grace = stakeholders.create(name="Grace Hopper")
    page = StakeholderPage(context, person.id)
    qtbot.addWidget(page)
    page.show_person(grace.id)  # (its heights are still Qt's defaults)
    assert page.role_label.minimumHeight() == 0 and page.facts.minimumHeight() == 0


def test_the_fact_panels_keep_their_detail_line_while_loading(
    qtbot, context: AppContext, person: stakeholders.Stakeholder, today: date
) -> None:
    from PySide6.QtGui import QPalette

    from advisor_planner.ui.record_form import error_colour

    page = _page(qtbot, context, person.id)
    contact = page.facts.contact
    # Hidden while loading and shown again with the facts, the detail cost a relayout each way.
    page.facts.show_loading()
    assert contact.detail.text() == "" and contact.detail.isVisibleTo(contact)
    # Its colours follow the warning still, set only when it changes.
    contact.show_fact("5 days overdue", "last contact", warn=True)
    text = QPalette.ColorRole.WindowText  # (what ``Fact.recolour`` sets)
    warned = contact.value.palette().color(text)
    assert warned == error_colour(contact.palette())
    contact.show_fact("due in 3 days", "last contact")
    assert contact.value.palette().color(text) != warned
