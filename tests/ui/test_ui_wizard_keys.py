"""The weekly reflection from the keyboard: Enter moves on (Next, then Finish) on every step
and never back; a box of its own keeps Enter for a new line, the evidence for opening an item."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from advisor_planner.services import reflections, stakeholders
from advisor_planner.ui.context import AppContext
from advisor_planner.ui.reflection.session import (
    EVIDENCE,
    FOCUS,
    RATINGS,
    REFLECT,
    SUMMARY,
    ReflectionSession,
)

WEEK = "2026-W12"
ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def session(qtbot, db, context: AppContext, pin_today) -> ReflectionSession:
    pin_today(date(2026, 3, 20))  # Friday of 2026-W12
    stakeholders.create(name="Ada Lovelace", power=5, interest=5, cadence_days=7)
    dialog = ReflectionSession(context, WEEK)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.waitUntil(lambda: dialog.page(EVIDENCE).loaded)  # gathered on a worker
    return dialog


def _enter(qtbot) -> None:
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)


def test_next_or_finish_is_the_default_on_every_step_and_back_never(session) -> None:
    for step in range(SUMMARY + 1):
        session.show_step(step)
        forward = session.finish_button if step == SUMMARY else session.next_button
        assert forward.isDefault(), f"step {step}"
        assert not session.back_button.isDefault(), f"step {step}"
        assert not session.back_button.autoDefault()  # not even once it had the focus


def test_enter_walks_the_session_forwards_and_finishes(qtbot, session) -> None:
    assert session.step == EVIDENCE
    _enter(qtbot)  # on the evidence, with no item chosen
    assert session.step == REFLECT

    box = session.answers["wins"]
    qtbot.waitUntil(box.hasFocus)
    qtbot.keyClicks(box, "Won the review")
    _enter(qtbot)  # a box of several lines takes Enter as a new line
    assert session.step == REFLECT
    assert box.toPlainText() == "Won the review\n"
    qtbot.keyClick(box, Qt.Key.Key_Right, ALT)
    assert session.step == RATINGS

    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_4)  # rate myself, then Enter
    _enter(qtbot)
    assert session.step == FOCUS  # (it went back to Reflect before)

    people = session.people_list
    qtbot.waitUntil(people.hasFocus)
    people.setCurrentRow(0)
    _enter(qtbot)
    assert session.step == SUMMARY

    assert session.finish_button.hasFocus()
    _enter(qtbot)
    qtbot.waitUntil(lambda: not session.isVisible())
    saved = reflections.for_week(week=WEEK)
    assert saved is not None and saved.completed_at is not None
    assert saved.self_awareness == 4


def test_enter_on_an_evidence_item_opens_it_and_stays(qtbot, session, context) -> None:
    opened = []
    context.navigate.connect(opened.append)
    items = session.evidence_view.groups["slipped"].list
    items.setFocus()
    qtbot.keyClick(items, Qt.Key.Key_Down)  # (focus alone makes an item current, not chosen)
    assert items.currentRow() == 0 and items.currentItem().isSelected()
    qtbot.keyClick(items, Qt.Key.Key_Return)
    assert [link.kind for link in opened] == ["stakeholder"]
    assert session.step == EVIDENCE


def test_enter_on_back_does_not_go_back(qtbot, session) -> None:
    session.show_step(RATINGS)
    session.back_button.setFocus()
    _enter(qtbot)
    assert session.step == FOCUS
