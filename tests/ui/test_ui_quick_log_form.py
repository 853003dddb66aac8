"""The quick log's manners (issue 17): no problem shown before anything is typed, a prefix that
names several people is never picked silently, the subject is saved, the hint is readable and
the drop-downs are one width."""

from __future__ import annotations

import pytest
from contrast import contrast_ratio
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QComboBox, QDateTimeEdit

from advisor_planner.services import stakeholders, touchpoints
from advisor_planner.ui.context import AppContext
from advisor_planner.ui.quick_log import QuickLogDialog

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def people(db) -> dict[str, int]:
    names = ("Paul Adams", "Paul Brown", "Paula Cruz", "Ada Lovelace", "Jean-Paul Sartre")
    return {name: stakeholders.create(name=name).id for name in names}


@pytest.fixture
def dialog(qtbot, context: AppContext, people: dict[str, int]) -> QuickLogDialog:
    dlg = QuickLogDialog(context, stakeholders.names())
    qtbot.addWidget(dlg, before_close_func=lambda d: d.done(0) if d.isVisible() else None)
    dlg.show()
    dlg.activateWindow()
    qtbot.waitUntil(dlg.isActiveWindow)
    return dlg


def _visible_errors(dlg: QuickLogDialog) -> list[str]:
    labels = [*dlg.errors.values(), dlg.general_error]
    return [label.text() for label in labels if label.isVisible()]


def _checked(qtbot, dlg: QuickLogDialog) -> None:
    """Wait for the check of what was edited (made once the event loop's turn ends)."""
    qtbot.waitUntil(lambda: not dlg.check_pending)


def _type_and_enter(qtbot, dlg: QuickLogDialog, typed: str) -> None:
    qtbot.keyClicks(dlg.people.edit, typed)
    dlg.people.popup().hide()  # as after a pause: the typed text, not a row, is Entered
    qtbot.keyClick(dlg.people.edit, Qt.Key.Key_Return)


def test_opens_without_a_problem_shown_until_an_edit_or_save(
    qtbot, dialog: QuickLogDialog, people: dict[str, int]
) -> None:
    assert _visible_errors(dialog) == []
    assert dialog.save_button.isEnabled()  # pressing it says what is missing
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert touchpoints.count() == 0
    assert any("at least one person" in text for text in _visible_errors(dialog))
    assert dialog.focusWidget() is dialog.people.edit


def test_a_problem_shows_after_the_first_edit_of_its_field(
    qtbot, dialog: QuickLogDialog, people: dict[str, int]
) -> None:
    dialog.editors["notes"].set_value("x" * 100_000)
    _checked(qtbot, dialog)
    assert any("limit" in text for text in _visible_errors(dialog)), "notes were edited"
    dialog.editors["notes"].set_value("")
    dialog.people.add(people["Ada Lovelace"])
    _checked(qtbot, dialog)
    assert _visible_errors(dialog) == []
    dialog.people.remove(people["Ada Lovelace"])
    _checked(qtbot, dialog)
    assert any("at least one person" in text for text in _visible_errors(dialog))


def test_an_ambiguous_prefix_shows_the_people_and_the_arrows_choose(
    qtbot, dialog: QuickLogDialog, people: dict[str, int]
) -> None:
    _type_and_enter(qtbot, dialog, "paul")
    assert dialog.people.value() == ()  # never the first Paul, silently
    assert dialog.people.edit.text() == "paul"
    popup = dialog.people.popup()
    assert popup.isVisible()
    shown = [popup.model().index(row, 0).data() for row in range(popup.model().rowCount())]
    assert {"Paul Adams", "Paul Brown", "Paula Cruz"} <= set(shown)
    assert dialog.people.notice.isVisible()
    assert "paul" in dialog.people.notice.text()
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    chosen = popup.currentIndex().data()
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert dialog.people.value() == (people[chosen],)
    assert chosen == shown[1]
    assert not dialog.people.notice.isVisible()


def test_enter_picks_a_prefix_only_one_person_has(
    qtbot, dialog: QuickLogDialog, people: dict[str, int]
) -> None:
    _type_and_enter(qtbot, dialog, "paul b")
    _type_and_enter(qtbot, dialog, "Paul Adams")  # a whole name is never ambiguous
    assert dialog.people.value() == (people["Paul Brown"], people["Paul Adams"])


def test_saving_with_an_ambiguous_name_typed_saves_nothing(
    qtbot, dialog: QuickLogDialog, people: dict[str, int]
) -> None:
    dialog.people.add(people["Ada Lovelace"])
    qtbot.keyClicks(dialog.people.edit, "paul")
    dialog.people.popup().hide()
    qtbot.keyClick(dialog.people.edit, Qt.Key.Key_Return, CTRL)
    assert touchpoints.count() == 0  # not without the Paul who was meant
    assert dialog.isVisible()
    assert dialog.people.notice.isVisible()
    assert dialog.people.edit.text() == "paul"


def test_the_subject_is_saved(qtbot, dialog: QuickLogDialog, people: dict[str, int]) -> None:
    _type_and_enter(qtbot, dialog, "ada")
    subject = dialog.editors["subject"]
    qtbot.keyClicks(subject.focusProxy() or subject, "Budget for Q3")
    qtbot.keyClick(dialog.people.edit, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not dialog.writing)  # (written on a worker)
    logged = touchpoints.get(touchpoint_id=touchpoints.page()[0].id)
    assert logged.subject == "Budget for Q3"


def test_the_hint_is_readable(dialog: QuickLogDialog) -> None:
    hint = dialog.hint
    assert hint.isEnabled()  # a disabled label is drawn in the faint disabled colour
    palette = hint.palette()
    text = palette.color(QPalette.ColorGroup.Active, hint.foregroundRole())
    background = dialog.palette().color(QPalette.ColorRole.Window)
    assert contrast_ratio(text, background) >= 4.5  # WCAG AA for body text
    assert hint.font().pointSizeF() >= dialog.font().pointSizeF()


def test_the_drop_downs_are_one_width(qtbot, dialog: QuickLogDialog) -> None:
    found = [*dialog.findChildren(QComboBox), *dialog.findChildren(QDateTimeEdit)]
    boxes = [box for box in found if box.isVisible()]
    assert len(boxes) >= 6
    assert len({box.width() for box in boxes}) == 1


def test_enter_with_the_list_open_picks_at_once_or_keeps_it_open(
    qtbot, dialog: QuickLogDialog, people: dict[str, int]
) -> None:
    popup = dialog.people.popup()
    qtbot.keyClicks(dialog.people.edit, "lovel")
    qtbot.waitUntil(popup.isVisible)
    # (Keys go to the open list, as the keyboard is grabbed by it, and on to the box.)
    qtbot.keyClick(popup, Qt.Key.Key_Return)  # one Enter, not two
    assert dialog.people.value() == (people["Ada Lovelace"],)
    assert not popup.isVisible()
    qtbot.keyClicks(dialog.people.edit, "paul")
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert dialog.people.value() == (people["Ada Lovelace"],)
    assert popup.isVisible() and dialog.people.notice.isVisible()


def test_ctrl_enter_in_the_open_list_of_names_saves(
    qtbot, dialog: QuickLogDialog, people: dict[str, int]
) -> None:
    qtbot.keyClicks(dialog.people.edit, "Ada Lo")
    popup = dialog.people.popup()
    qtbot.waitUntil(popup.isVisible)  # (the window's shortcuts do not reach it now)
    qtbot.keyClick(popup, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: touchpoints.count() == 1)  # (written on a worker)
    assert not popup.isVisible() and not dialog.isVisible()
    assert dialog.saved is not None
    assert dialog.saved.touchpoint.stakeholder_ids == (people["Ada Lovelace"],)
