"""The form editors: people picked by typing, removed with Backspace; dates optional and
written in the user's locale."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QToolButton

from advisor_planner.ui.fields import (
    ChoiceEditor,
    DateEditor,
    DateTimeEditor,
    PeopleEditor,
    rating_choices,
)

NAMES = {1: "Ada Lovelace", 2: "Raj Patel", 3: "Adam Smith", 4: "<b>x</b>"}


def test_typing_part_of_a_name_and_enter_picks_the_one_it_names(qtbot) -> None:
    editor = PeopleEditor(NAMES)
    qtbot.addWidget(editor)
    editor.show()
    editor.completer.popup().hide()
    assert editor.match("ada") is None  # "Ada Lovelace" and "Adam Smith": never a guess
    assert editor.candidates("ada") == [1, 3]
    assert editor.match("ada l") == 1
    assert editor.match("patel") == 2  # a match inside the name when no prefix matches
    assert editor.match("nobody") is None
    qtbot.keyClicks(editor.edit, "Raj")
    editor.completer.popup().hide()
    qtbot.keyClick(editor.edit, Qt.Key.Key_Return)
    qtbot.keyClicks(editor.edit, "Ada L")
    editor.completer.popup().hide()
    qtbot.keyClick(editor.edit, Qt.Key.Key_Return)
    assert editor.value() == (2, 1)
    assert editor.edit.text() == ""
    qtbot.keyClick(editor.edit, Qt.Key.Key_Backspace)
    assert editor.value() == (2,)


def test_single_person_and_hostile_names_in_chips(qtbot) -> None:
    editor = PeopleEditor(NAMES, single=True)
    qtbot.addWidget(editor)
    editor.add(4)
    editor.add(2)
    assert editor.value() == 2
    editor.set_value(4)
    assert editor.value() == 4
    chips = [w.text() for w in editor.findChildren(QToolButton) if not w.isHidden()]
    assert chips == ["<b>x</b>  ✕"]  # tool buttons show text as it is, never as HTML


def test_optional_date_and_rating_meanings(qtbot) -> None:
    day = DateEditor(optional=True)
    qtbot.addWidget(day)
    assert day.value() is None
    day.set_value(date(2026, 3, 1))
    assert day.value() == date(2026, 3, 1)
    day.set_value(None)
    assert day.value() is None
    rating = ChoiceEditor(rating_choices({1: "rarely listened", 5: "listened far more"}))
    qtbot.addWidget(rating)
    assert rating.combo.itemText(0) == "1 — rarely listened"
    rating.set_value(5)
    assert rating.value() == 5


def test_tab_leaves_the_date_and_time_field(qtbot) -> None:
    from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

    from advisor_planner.ui.fields import DateTimeEditor

    form = QWidget()
    qtbot.addWidget(form)
    layout = QVBoxLayout(form)
    when = DateTimeEditor(form)
    after = QLineEdit(form)
    layout.addWidget(when)
    layout.addWidget(after)
    form.show()
    qtbot.waitExposed(form)
    form.activateWindow()
    when.edit.setFocus()
    qtbot.keyClick(when.edit, Qt.Key.Key_Tab)
    assert form.focusWidget() is after  # focus within the form, whichever window is active


def test_many_people_wrap_onto_more_rows_each_name_whole(qtbot) -> None:
    names = {n: f"Person number {n}" for n in range(1, 10)}
    editor = PeopleEditor(names)
    qtbot.addWidget(editor)
    editor.resize(320, 40)
    editor.show()
    one_row = editor.sizeHint().height()
    editor.set_value(tuple(names))
    qtbot.waitUntil(lambda: len(editor.findChildren(QToolButton)) == 9)
    editor.resize(320, editor.heightForWidth(320))
    qtbot.wait(10)
    chips = [c for c in editor.findChildren(QToolButton) if c.isVisible()]
    assert len(chips) == 9
    assert len({chip.y() for chip in chips}) >= 3  # rows, not one squeezed line
    assert all(chip.width() == chip.sizeHint().width() for chip in chips)  # no name cut
    assert all(chip.geometry().right() < editor.width() for chip in chips)
    assert editor.heightForWidth(320) > one_row


@pytest.fixture
def german() -> Iterator[None]:
    before = QLocale()
    QLocale.setDefault(QLocale("de_DE"))
    yield
    QLocale.setDefault(before)


def test_dates_are_iso_in_the_c_locale_and_the_users_own_otherwise(qtbot, german) -> None:
    day = DateEditor()
    moment = DateTimeEditor()
    qtbot.addWidget(day)
    qtbot.addWidget(moment)
    day.set_value(date(2026, 12, 3))
    moment.set_value(datetime(2026, 12, 3, 14, 5))
    assert (day.edit.text(), moment.edit.text()) == ("03.12.2026", "03.12.2026 14:05")
    assert day.value() == date(2026, 12, 3)
    QLocale.setDefault(QLocale.c())
    iso = DateEditor()
    qtbot.addWidget(iso)
    iso.set_value(date(2026, 12, 3))
    assert iso.edit.text() == "2026-12-03"
