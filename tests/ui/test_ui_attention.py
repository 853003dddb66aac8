"""The dashboard's "Who needs attention" (issue 17): most pressing first with the reason shown,
key people marked with a word and a sign (not colour alone), and a "Show all" that opens the
whole list."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from PySide6.QtCore import Qt

from advisor_planner.services import stakeholders, touchpoints
from advisor_planner.services.insights import relationships
from advisor_planner.ui.context import AppContext
from advisor_planner.ui.dashboard.attention import ATTENTION_ROWS, AttentionPanel

TODAY = date(2026, 3, 20)


@pytest.fixture
def overdue(db, pin_today) -> list[str]:
    """Ten people past their cadence (four key, two never contacted); the expected order."""
    pin_today(TODAY)
    # name, power, interest, cadence, days since last contact (None: never)
    people = [
        ("Other far over", 3, 3, 7, 40),  # 33 past 7: 4.7 cadences, not key
        ("Key never", 5, 5, 30, None),
        ("Key a little", 4, 3, 30, 36),  # 6 past 30: 0.2
        ("Other never", 2, 2, 14, None),
        ("Key twice", 4, 4, 10, 30),  # 20 past 10: 2.0
        ("Key once", 5, 4, 20, 40),  # 20 past 20: 1.0
        ("Other a little", 2, 3, 30, 33),  # 0.1
        ("Other once", 1, 2, 10, 20),  # 1.0
        ("Other twice", 2, 2, 5, 15),  # 2.0
        ("Other thrice", 2, 1, 5, 20),  # 3.0
    ]
    for name, power, interest, cadence, days in people:
        person = stakeholders.create(
            name=name, power=power, interest=interest, cadence_days=cadence
        )
        if days is not None:
            touchpoints.create(
                occurred_at=datetime.combine(TODAY - timedelta(days=days), time(10)).astimezone(),
                stakeholder_ids=[person.id],
                channel="one_on_one",
                purpose="listen",
            )
    stakeholders.create(name="No cadence", power=5, interest=5, cadence_days=None)
    return [
        "Key twice",
        "Key once",
        "Key a little",
        "Key never",
        "Other far over",
        "Other thrice",
        "Other twice",
        "Other once",
        "Other a little",
        "Other never",
    ]


@pytest.fixture
def panel(qtbot, context: AppContext, overdue: list[str]) -> AttentionPanel:
    made = AttentionPanel(context)
    qtbot.addWidget(made)
    made.resize(640, 420)
    made.show()
    made.set_people(relationships.people_status())
    return made


def test_most_pressing_first_with_the_reason_shown(panel: AttentionPanel, overdue) -> None:
    names = [button.text() for button in panel.name_buttons]
    assert names == overdue[:ATTENTION_ROWS]
    assert panel.reason.isVisible()
    assert panel.reason.text().startswith("Most pressing first:")
    assert "key" in panel.reason.text()
    # Each row says where it stands against its cadence, so the order can be read.
    twice = panel.status_labels[0]
    assert twice.text() == "20 days overdue · 2.0×"
    assert "2.0 cadences" in twice.toolTip()


def test_key_people_are_marked_with_a_word(panel: AttentionPanel, overdue) -> None:
    marks = [label.text() if label is not None else "" for label in panel.key_marks]
    assert [bool(mark) for mark in marks] == [name.startswith("Key") for name in overdue[:7]]
    assert all("Key" in mark and "★" in mark for mark in marks if mark)
    marked = next(label for label in panel.key_marks if label is not None)
    assert "key" in marked.accessibleName().lower()


def test_show_all_opens_the_whole_list(qtbot, panel: AttentionPanel, overdue) -> None:
    button = panel.show_all_button
    assert button.isVisible()
    assert button.text() == "Show all 10…"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = panel.all_dialog
    assert dialog is not None and dialog.isVisible()
    full = dialog.panel
    assert [b.text() for b in full.name_buttons] == overdue
    assert not full.show_all_button.isVisible()
    assert sum(label is not None for label in full.key_marks) == 4
    dialog.close()


def test_show_all_is_hidden_when_everyone_is_shown(qtbot, context: AppContext, overdue) -> None:
    few = AttentionPanel(context)
    qtbot.addWidget(few)
    few.show()
    few.set_people(relationships.people_status()[:3])
    assert len(few.name_buttons) <= ATTENTION_ROWS
    assert not few.show_all_button.isVisible()
