"""The Stakeholders section inside the real main window: list, form, undo, search, safety."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QMessageBox

from advisor_planner.domain import health, reliability
from advisor_planner.services import commitments, stakeholders, touchpoints, trash
from advisor_planner.services.insights import relationships
from advisor_planner.ui.main_window import MainWindow
from advisor_planner.ui.record_form import RecordDialog
from advisor_planner.ui.sections.stakeholders import StakeholdersSection


@pytest.fixture
def window(qtbot, db, tmp_path: Path) -> MainWindow:
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    win = MainWindow(settings=settings)
    qtbot.addWidget(win, before_close_func=close_forms)
    win.show()
    win.set_ready()
    win.select_section("stakeholders")
    return win


def close_forms(window: MainWindow) -> None:
    """Forms a test left open would otherwise ask "discard?" when the window closes."""
    for dialog in window.findChildren(QDialog):
        dialog.done(0)


def section(window: MainWindow) -> StakeholdersSection:
    page = window.stack.currentWidget()
    assert isinstance(page, StakeholdersSection)
    return page


def open_new_form(qtbot, window: MainWindow) -> RecordDialog:
    page = section(window).list_page
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    dialog = page.last_dialog
    qtbot.waitExposed(dialog)
    return dialog


def save(qtbot, dialog: RecordDialog) -> None:
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)


def test_create_through_the_form_then_undo_and_redo(qtbot, window: MainWindow) -> None:
    dialog = open_new_form(qtbot, window)
    qtbot.keyClicks(dialog.editors["name"].edit, "Ada Lovelace")
    qtbot.keyClicks(dialog.editors["title"].edit, "CFO")
    save(qtbot, dialog)
    people = stakeholders.list_all()
    assert [(p.name, p.title) for p in people] == [("Ada Lovelace", "CFO")]
    created_id = people[0].id
    assert window.undo_action.text() == "&Undo Add stakeholder Ada Lovelace"
    page = section(window).list_page
    assert page.model.rowCount() == 1

    window.undo_action.trigger()
    window.workspace.context.finish_writes()  # (undo and redo write on a worker)
    assert stakeholders.list_all() == []
    assert trash.count() == 0  # an undone create does not linger in the trash
    assert page.model.rowCount() == 0

    window.redo_action.trigger()
    window.workspace.context.finish_writes()
    assert [p.id for p in stakeholders.list_all()] == [created_id]


def test_empty_name_and_huge_text_are_refused_beside_the_field(qtbot, window) -> None:
    dialog = open_new_form(qtbot, window)
    assert not dialog.save_button.isEnabled()
    assert dialog.errors["name"].isHidden()  # no complaint before anything is typed
    qtbot.keyClicks(dialog.editors["name"].edit, "R")
    qtbot.keyClick(dialog.editors["name"].edit, Qt.Key.Key_Backspace)
    assert dialog.errors["name"].text() == "must not be empty"
    assert not dialog.errors["name"].isHidden()
    dialog.editors["name"].set_value("Raj")
    assert dialog.save_button.isEnabled()
    dialog.editors["notes"].set_value("x" * 100_000)
    assert not dialog.save_button.isEnabled()
    assert "limit" in dialog.errors["notes"].text()
    save(qtbot, dialog)  # disabled: nothing happens
    assert stakeholders.list_all() == []


def test_edit_and_delete_are_undoable(qtbot, window: MainWindow) -> None:
    ada = stakeholders.create(name="Ada", title="CFO")
    page = section(window).list_page
    page.refresh()
    assert page.select_id(ada.id)
    page.open_editor(page.table.current_row())
    dialog = page.last_dialog
    dialog.editors["title"].set_value("COO")
    save(qtbot, dialog)
    assert stakeholders.get(stakeholder_id=ada.id).title == "COO"
    window.undo_action.trigger()
    window.workspace.context.finish_writes()  # (undo and redo write on a worker)
    assert stakeholders.get(stakeholder_id=ada.id).title == "CFO"

    page.table.setFocus()
    page.select_id(ada.id)
    page.table.selectRow(page.table.currentIndex().row())
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert stakeholders.list_all() == []
    assert [e.label for e in trash.list_entries()] == ["Ada"]
    window.undo_action.trigger()
    window.workspace.context.finish_writes()
    assert [p.name for p in stakeholders.list_all()] == ["Ada"]


def test_search_filters_as_you_type_and_ctrl_f_focuses_it(qtbot, window) -> None:
    for name, unit in [("Ada", "Finance"), ("Raj", "Operations"), ("Mei", "Finance")]:
        stakeholders.create(name=name, business_unit=unit)
    page = section(window).list_page
    page.refresh()
    window.find_action.trigger()
    assert page.search.hasFocus() or QApplication_focus_is(page.search)
    qtbot.keyClicks(page.search, "finance")
    qtbot.waitUntil(lambda: page.proxy.rowCount() == 2)
    assert page.count_label.text() == "2 of 3 people"


def test_ctrl_f_goes_to_the_search_box_without_passing_through_the_table(qtbot, window) -> None:
    # Each change of the table's focus repaints all of it (its selection's colours): on the
    # large demo, Ctrl+F cost two repaints, 21 ms, where the other lists' cost 2 ms.
    stakeholders.create(name="Ada")
    page = section(window).list_page
    page.refresh()
    focused: list[object] = []
    window.activateWindow()
    QApplication.instance().focusChanged.connect(lambda _old, new: focused.append(new))
    window.find_action.trigger()
    assert page.table not in focused
    assert QApplication_focus_is(page.search)


def QApplication_focus_is(widget) -> bool:  # noqa: N802 - reads as the Qt call it wraps
    from PySide6.QtWidgets import QApplication

    return QApplication.focusWidget() is widget


def test_model_passes_qtmodeltester_and_hostile_names_stay_plain(qtbot, window, qtmodeltester):
    stakeholders.create(name="<b>x</b>", title="<img src=x>", tags=["a"])
    page = section(window).list_page
    page.refresh()
    qtmodeltester.check(page.model)
    assert page.model.index(0, 0).data() == "<b>x</b>"
    assert page.model.index(0, 1).data() == "<img src=x>"


def test_closing_with_a_half_filled_form_asks(qtbot, window, monkeypatch) -> None:
    dialog = open_new_form(qtbot, window)
    dialog.editors["name"].set_value("Half typed")
    asked: list[str] = []

    def answer(*args, **kwargs):
        asked.append(args[1])
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "question", answer)
    window.close()
    assert asked == ["Unsaved form"]
    assert window.isVisible() and dialog.isVisible()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    window.close()
    assert not window.isVisible()
    assert stakeholders.list_all() == []


def test_double_click_opens_the_person_and_back_returns(qtbot, window) -> None:
    pytest.importorskip("advisor_planner.ui.stakeholder.page")
    ada = stakeholders.create(name="Ada")
    sec = section(window)
    sec.list_page.refresh()
    sec.open_person(ada.id)
    assert sec.currentWidget() is sec.person_page
    sec.show_list()
    assert sec.currentWidget() is sec.list_page


def test_the_next_person_opens_in_the_page_already_built(qtbot, window) -> None:
    ada, grace = stakeholders.create(name="Ada"), stakeholders.create(name="Grace")
    sec = section(window)
    sec.open_person(ada.id)
    page = sec.person_page
    sec.show_list()
    sec.open_person(grace.id)
    # (Building a page, its four tables and three charts, was most of the time to open one.)
    assert sec.person_page is page and sec.currentWidget() is page
    assert page.stakeholder_id == grace.id and page.name_label.text() == "Grace"
    assert sec.count() == 2


def test_save_button_is_the_dialogs_save(window, qtbot) -> None:
    dialog = open_new_form(qtbot, window)
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Save) is dialog.save_button


def test_a_failed_write_is_shown_and_the_form_keeps_what_was_typed(
    qtbot, window, db, monkeypatch
) -> None:
    from advisor_planner.store.connection import GateState

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    dialog = open_new_form(qtbot, window)
    qtbot.keyClicks(dialog.editors["name"].edit, "Grace Hopper")
    db.set_gate(GateState.CLOSED, "The database is locked by another program.")
    try:
        save(qtbot, dialog)
    finally:
        db.set_gate(GateState.OPEN)
    assert shown == ["The database is locked by another program."]
    assert dialog.isVisible()
    assert dialog.editors["name"].value() == "Grace Hopper"
    assert stakeholders.list_all() == []
    assert window.workspace.context.undo_stack.count() == 0  # nothing half-done was pushed
    save(qtbot, dialog)  # the problem has gone: the same form now saves
    assert [p.name for p in stakeholders.list_all()] == ["Grace Hopper"]


def _health_the_old_way(person_id: int, today: date) -> float | None:
    """Relationship health as the person's page used to work it out for itself: from their
    records, through ``domain`` (the summary must give exactly this)."""
    window = 90
    person = stakeholders.get(stakeholder_id=person_id)
    past = [
        t
        for t in touchpoints.between(
            start=date(1900, 1, 1), end=date(9999, 12, 31), stakeholder_id=person_id
        )
        if t.occurred_on <= today
    ]
    recent = [t for t in past if t.occurred_on >= today - timedelta(days=window)]
    last = max((t.occurred_on for t in past), default=None)
    listening = [t.listening for t in recent if t.listening is not None]
    sentiment = [t.sentiment for t in recent if t.sentiment is not None]
    facts = [
        reliability.CommitmentFact(c.made_on, c.due_on, c.status, c.closed_on)
        for c in commitments.for_stakeholder(stakeholder_id=person_id)
    ]
    follow = reliability.evidence_reliability(facts, today=today, window_days=window).ratio
    return health.relationship_health(
        health.HealthInputs(
            days_since_contact=(today - last).days if last else None,
            cadence_days=person.cadence_days,
            touchpoints_in_window=len(recent),
            window_days=window,
            mean_listening=sum(listening) / len(listening) if listening else None,
            mean_sentiment=sum(sentiment) / len(sentiment) if sentiment else None,
            gave=sum(1 for t in recent if t.reciprocity == "gave"),
            asked=sum(1 for t in recent if t.reciprocity == "asked"),
            mutual=sum(1 for t in recent if t.reciprocity == "mutual"),
            follow_through=follow,
        )
    ).score


def test_the_page_the_list_and_the_attention_list_show_the_same_health(
    qtbot, window: MainWindow, pin_today
) -> None:
    today = pin_today(date(2026, 3, 20))
    ada = stakeholders.create(name="Ada", power=5, interest=4, cadence_days=14)
    for days_ago, listening, sentiment, reciprocity in (
        (20, 4, 1, "gave"),
        (35, 2, -1, "asked"),
        (60, 5, 2, "mutual"),
        (120, 1, -2, "gave"),  # outside the 90 days
    ):
        touchpoints.create(
            stakeholder_ids=[ada.id],
            occurred_on=today - timedelta(days=days_ago),
            listening=listening,
            sentiment=sentiment,
            reciprocity=reciprocity,
        )
    touchpoints.create(stakeholder_ids=[ada.id], occurred_on=today + timedelta(days=3))  # planned
    commitments.create(
        stakeholder_id=ada.id, text="Deck", made_on=today - timedelta(days=40),
        due_on=today - timedelta(days=30), status="kept", closed_on=today - timedelta(days=31),
    )  # fmt: skip
    commitments.create(
        stakeholder_id=ada.id, text="Numbers", made_on=today - timedelta(days=20),
        due_on=today - timedelta(days=5),
    )  # fmt: skip
    expected = _health_the_old_way(ada.id, today)
    assert expected is not None
    summary = relationships.person_status(stakeholder_id=ada.id)
    assert summary is not None and summary.health == pytest.approx(expected, abs=1e-9)
    shown = f"{expected:.0f}"

    # The people list.
    people = section(window).list_page
    people.refresh()
    health_column = [c.title for c in people.model.columns].index("Health")
    assert people.model.index(0, health_column).data() == shown
    assert people.model.row_at(0).summary.health == summary.health

    # The dashboard's attention list: Ada is 6 days past her 14-day cadence.
    window.select_section("dashboard")
    dashboard = window.page("dashboard")
    dashboard.refresh()  # (the data went in through services, announcing nothing)
    qtbot.waitUntil(lambda: dashboard.board is not None, timeout=10_000)
    attention = dashboard.board.attention
    qtbot.waitUntil(lambda: bool(attention.people), timeout=10_000)
    assert [p.name for p in attention.people] == ["Ada"]
    assert attention.people[0].health == summary.health
    assert attention.health_labels[0].text() == shown

    # Her page, its summary loaded on a worker.
    window.select_section("stakeholders")
    section(window).open_person(ada.id)
    page = section(window).person_page
    qtbot.waitUntil(lambda: not page.loading)
    assert page.health_score == summary.health
    assert page.facts.health.value.text() == f"{shown} / 100"
    assert page.facts.contact.value.text() == "6 days overdue" == attention.people[0].cadence.label
    assert people.model.row_at(0).status.label == "6 days overdue"


def test_a_change_naming_its_people_reads_again_only_their_summaries(
    qtbot, window: MainWindow
) -> None:
    from datetime import datetime

    from advisor_planner.services.changes import Change, Changes

    ada = stakeholders.create(name="Ada", cadence_days=14).id
    bea = stakeholders.create(name="Bea", cadence_days=14).id
    context = window.workspace.context
    context.events.announce(Changes.of(Change.STAKEHOLDER))
    page = section(window).list_page
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)

    def last_contact(sid: int) -> date | None:
        return next(r.last_contact for r in page.model.rows if r.id == sid)

    now = datetime.now().astimezone()
    touchpoints.log(occurred_at=now, stakeholder_ids=[ada])
    touchpoints.log(occurred_at=now, stakeholder_ids=[bea])
    # As a quick log with Ada announces it: only her summary is read again, so Bea's (changed
    # behind the list's back, announced by no one) stays as it was.
    context.events.announce(Changes.of(Change.TOUCHPOINT, Change.STAKEHOLDER).with_people({ada}))
    qtbot.waitUntil(lambda: last_contact(ada) == now.date())
    assert last_contact(bea) is None
    # A change that does not say whose records it touched reads everyone's again.
    context.events.announce(Changes.of(Change.TOUCHPOINT))
    qtbot.waitUntil(lambda: last_contact(bea) == now.date())
    full = {p.id: p for p in relationships.people_status()}
    assert [r.summary for r in page.model.rows] == [full[r.id] for r in page.model.rows]
