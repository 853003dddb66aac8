"""Step 4 of the reflection: a long promise reads whole (wrapped, and in its tooltip), and an
overdue one says so in words and with its mark, not by its place in the list alone; what is
offered (the people past their cadence, the promises falling due, "and N more"), what a
reflection chose kept checked, the search that adds anyone else, and the loading state."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from advisor_planner.services import commitments, reflections, stakeholders
from advisor_planner.ui.context import AppContext
from advisor_planner.ui.reflection.focus import FocusPage
from advisor_planner.ui.reflection.session import FOCUS, ReflectionSession

LONG = (
    "Send the revised forecast with the three scenarios we discussed and the note on hiring "
    "for the data platform team"
)


def test_commitments_to_close_read_whole_and_overdue_is_said(
    qtbot, context: AppContext, pin_today
) -> None:
    pin_today(date(2026, 3, 20))
    ada = stakeholders.create(name="Ada Lovelace")
    commitments.create(
        stakeholder_id=ada.id, text=LONG, made_on=date(2026, 3, 1), due_on=date(2026, 3, 17)
    )
    commitments.create(
        stakeholder_id=ada.id, text="Call back", made_on=date(2026, 3, 1), due_on=date(2026, 3, 27)
    )
    session = ReflectionSession(context, "2026-W12")
    qtbot.addWidget(session)
    session.resize(1000, 700)
    session.show()
    session.show_step(FOCUS)
    page = session.page(FOCUS)
    assert isinstance(page, FocusPage)
    qtbot.waitUntil(lambda: page.loaded)
    listing = page.promise_list
    assert listing.wordWrap()
    overdue, later = listing.item(0), listing.item(1)
    assert LONG in overdue.text() and LONG in overdue.toolTip()
    assert "3 days overdue" in overdue.text()
    icon = overdue.data(Qt.ItemDataRole.DecorationRole)
    assert isinstance(icon, QIcon) and not icon.isNull()
    assert later.foreground().color() != overdue.foreground().color()  # no warning colour
    assert "due Fri 27 Mar" in later.text()
    # Wrapped: the long promise's row is taller than the short one's, not cut at the edge.
    assert listing.visualItemRect(overdue).height() > listing.visualItemRect(later).height()


# -- what is offered, what is kept, what is found -----------------------------------------------
TODAY = date(2026, 3, 20)  # Friday of 2026-W12
WEEK = "2026-W12"


def _focus_page(qtbot, context: AppContext) -> tuple[ReflectionSession, FocusPage]:
    session = ReflectionSession(context, WEEK)
    qtbot.addWidget(session)
    session.resize(1000, 700)
    session.show()
    session.activateWindow()
    qtbot.waitUntil(session.isActiveWindow)
    session.show_step(FOCUS)
    page = session.page(FOCUS)
    assert isinstance(page, FocusPage)
    qtbot.waitUntil(lambda: page.loaded)  # read on a worker
    return session, page


def _texts(listing) -> list[str]:
    return [listing.item(row).text() for row in range(listing.count())]


def _checked_texts(listing) -> list[str]:
    return [
        listing.item(row).text()
        for row in range(listing.count())
        if listing.item(row).checkState() == Qt.CheckState.Checked
    ]


def test_focus_offers_what_falls_due_and_says_how_many_more(
    qtbot, context: AppContext, pin_today
) -> None:
    """Not everyone and every open promise: the people past their cadence (at most 30, "and N
    more" said) and the promises overdue or due within two weeks, nearest today first."""
    pin_today(TODAY)
    for n in range(32):  # a weekly cadence and never met: all past it
        stakeholders.create(name=f"Person {n:02d}", power=2, interest=2, cadence_days=7)
    ada = stakeholders.create(name="Ada Lovelace", power=5, interest=5, cadence_days=7).id
    stakeholders.create(name="Zed No-cadence", power=5, interest=5)
    for text, due in (("In five days", 5), ("Overdue", -3), ("In three weeks", 21)):
        commitments.create(
            stakeholder_id=ada, text=text, made_on=date(2026, 3, 1),
            due_on=TODAY + timedelta(days=due),
        )  # fmt: skip
    session, page = _focus_page(qtbot, context)
    people = _texts(page.people_list)
    assert len(people) == 30
    assert people[0] == "Ada Lovelace — key, never contacted"  # the key person first
    assert not any("Zed" in text for text in people)
    assert page.people_note.text() == "and 3 more past their cadence: find them above."
    promises = _texts(page.promise_list)
    assert [text.split(" — ")[0] for text in promises] == ["Overdue", "In five days"]
    assert page.promise_note.isHidden()  # all of them are shown: nothing more to say
    session.close()


def test_focus_empty_lists_say_what_to_do(qtbot, context: AppContext, pin_today) -> None:
    pin_today(TODAY)
    stakeholders.create(name="Ada Lovelace")  # no cadence, no promise, no goal
    session, page = _focus_page(qtbot, context)
    assert page.people_list.isHidden() and page.promise_list.isHidden()
    assert page.people_note.text() == (
        "No one is past their cadence. Find anyone above to add them to next week's focus."
    )
    assert page.promise_note.text() == (
        "No open promise is overdue or due within two weeks. Find any open promise above."
    )
    assert page.goal_note.text() == "No active brand goal. Set one under Goals to choose it here."
    assert page.first_focus() is page.find_person.field
    session.close()


def test_focus_keeps_the_choices_made_and_saves_exactly_the_checked(
    qtbot, context: AppContext, pin_today
) -> None:
    """A reflection being edited shows what it chose, checked, though neither is due (Ivy has
    no cadence, the promise is two months off); the search adds more; Next stores exactly
    what is checked."""
    pin_today(TODAY)
    ivy = stakeholders.create(name="Ivy Chen").id
    raj = stakeholders.create(name="Raj Patel", power=5, interest=5, cadence_days=7).id
    later = commitments.create(
        stakeholder_id=ivy, text="Quarterly review", made_on=TODAY,
        due_on=TODAY + timedelta(days=60),
    ).id  # fmt: skip
    roadmap = commitments.create(stakeholder_id=raj, text="Share the roadmap", made_on=TODAY).id
    reflections.save_week(
        week=WEEK, focus_stakeholder_ids=[ivy], focus_commitment_ids=[later], focus_note="Ivy"
    )
    session, page = _focus_page(qtbot, context)
    assert _checked_texts(page.people_list) == ["Ivy Chen"]
    assert _texts(page.people_list) == ["Ivy Chen", "Raj Patel — key, never contacted"]
    assert [text.split(" — ")[0] for text in _checked_texts(page.promise_list)] == [
        "Quarterly review"
    ]
    # Found and added from the keyboard: the promise with no due day, and Raj checked in place.
    qtbot.keyClicks(page.find_promise.field, "roadmap")
    qtbot.keyClick(page.find_promise.field, Qt.Key.Key_Down)
    assert page.find_promise.results.hasFocus() and page.find_promise.results.currentRow() == 0
    qtbot.keyClick(page.find_promise.results, Qt.Key.Key_Space)
    assert page.promise_list.item(0).text() == "Share the roadmap — Raj Patel"
    qtbot.keyClicks(page.find_person.field, "Raj")
    qtbot.keyClick(page.find_person.field, Qt.Key.Key_Return)  # the first result
    assert session.step == FOCUS  # Enter added; it did not press Next
    assert _checked_texts(page.people_list) == ["Ivy Chen", "Raj Patel — key, never contacted"]
    assert session.next()
    qtbot.waitUntil(lambda: not session.writing)  # (written on a worker)
    saved = reflections.for_week(week=WEEK)
    assert saved is not None
    assert set(saved.focus_stakeholder_ids) == {ivy, raj}
    assert set(saved.focus_commitment_ids) == {later, roadmap}
    assert saved.focus_note == "Ivy"


def test_focus_search_is_reached_with_tab_and_says_when_nothing_matches(
    qtbot, context: AppContext, pin_today
) -> None:
    pin_today(TODAY)
    stakeholders.create(name="Raj Patel", power=5, interest=5, cadence_days=7)
    session, page = _focus_page(qtbot, context)
    qtbot.waitUntil(page.people_list.hasFocus)  # where the step starts
    qtbot.keyClick(page.people_list, Qt.Key.Key_Tab)
    assert page.find_promise.field.hasFocus()
    for _ in range(2):  # back past the people, to the search above them
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab)
    assert page.find_person.field.hasFocus()
    qtbot.keyClicks(page.find_person.field, "zq")
    assert page.find_person.results.isHidden()
    assert page.find_person.message.text() == "No one's name holds “zq”."
    session.close()


def test_focus_before_its_choices_arrive_saves_only_the_sentence(
    qtbot, context: AppContext, pin_today
) -> None:
    """The lists are read on a worker; until they arrive the step says so, and saving then
    keeps the choices already made rather than storing the empty lists."""
    pin_today(TODAY)
    ada = stakeholders.create(name="Ada Lovelace").id
    record = reflections.save_week(week=WEEK, focus_stakeholder_ids=[ada])
    page = FocusPage(context, record)  # (no event loop turn yet: the worker has not answered)
    qtbot.addWidget(page)
    assert not page.loaded
    assert page.people_note.text() == "Finding who is past their cadence…"
    assert page.values(record) == {"focus_note": ""}
    qtbot.waitUntil(lambda: page.loaded)
    assert page.values(record)["focus_stakeholder_ids"] == [ada]
