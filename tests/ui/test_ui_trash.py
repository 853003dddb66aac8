"""The Trash: restore (undoable), purge and empty (asked first), refresh on any change."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QMessageBox

from advisor_planner.services import clock, commitments, reflections, stakeholders, trash
from advisor_planner.services.changes import Changes
from advisor_planner.services.errors import NotFoundError
from advisor_planner.ui import record_apis
from advisor_planner.ui.commands import DeleteRecords
from advisor_planner.ui.context import AppContext
from advisor_planner.ui.i18n import format_short_datetime
from advisor_planner.ui.sections import trash as section
from advisor_planner.ui.sections.trash import TrashPage


@pytest.fixture(autouse=True)
def pinned_today(pin_today) -> None:
    pin_today(date(2026, 3, 11))


@pytest.fixture
def deleted(db, context) -> dict[str, int]:
    """A person with a commitment, and a second commitment, both deleted through the UI."""
    ada = stakeholders.create(name="Ada Lovelace")
    first = commitments.create(text="Send the forecast", stakeholder_id=ada.id)
    second = commitments.create(text="Book the review", stakeholder_id=ada.id)
    context.run(DeleteRecords(context, record_apis.COMMITMENT, [first.id]))
    context.run(DeleteRecords(context, record_apis.COMMITMENT, [second.id]))
    context.undo_stack.clear()
    return {"ada": ada.id, "first": first.id, "second": second.id}


@pytest.fixture
def answers(monkeypatch) -> list[tuple[str, str]]:
    """Answer Yes to QMessageBox.question (a Qt dialog) and keep what was asked."""
    asked: list[tuple[str, str]] = []

    def question(_parent, title, text, *_args, **_kwargs):
        asked.append((title, text))
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def _page(qtbot, context: AppContext) -> TrashPage:
    page = section.build_page(context, section.make_empty_page())
    assert isinstance(page, TrashPage)
    qtbot.addWidget(page)
    page.resize(900, 400)
    page.show()
    qtbot.waitExposed(page)
    return page


def _labels(page: TrashPage) -> list[str]:
    return [page.proxy.index(r, 0).data() for r in range(page.proxy.rowCount())]


def _select(page: TrashPage, *labels: str) -> None:
    flags = QItemSelectionModel.SelectionFlag
    selection = page.table.selectionModel()
    selection.clearSelection()
    for row in range(page.proxy.rowCount()):
        index = page.proxy.index(row, 0)
        if index.data() in labels:
            selection.select(index, flags.Select | flags.Rows)


def test_lists_what_kind_and_when_newest_first(qtbot, qtmodeltester, context, deleted):
    page = _page(qtbot, context)
    assert _labels(page) == ["Book the review", "Send the forecast"]
    assert page.proxy.index(0, 1).data() == "Commitment"
    titles = [page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(3)]
    assert titles == ["What", "Kind", "Deleted"]
    entry = trash.list_entries()[0]
    local = entry.deleted_at.replace(tzinfo=timezone.utc).astimezone()
    cell = page.proxy.index(0, 2)
    assert cell.data() == format_short_datetime(local, this_year=clock.today().year)
    assert local.strftime("%Y-%m-%d %H:%M") in cell.data(Qt.ItemDataRole.ToolTipRole)
    assert page.count_label.text() == "2 items"
    qtmodeltester.check(page.model)
    qtmodeltester.check(page.proxy)


def test_search_filters_the_trash(qtbot, context, deleted):
    page = _page(qtbot, context)
    qtbot.keyClicks(page.search, "forecast")
    qtbot.waitUntil(lambda: _labels(page) == ["Send the forecast"])
    assert page.count_label.text() == "1 of 2 items"


def test_restore_with_undo_and_redo(qtbot, context, deleted):
    page = _page(qtbot, context)
    assert not page.restore_button.isEnabled()
    _select(page, "Send the forecast")
    assert page.restore_button.isEnabled()
    qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)

    assert commitments.get(commitment_id=deleted["first"]).text == "Send the forecast"
    assert _labels(page) == ["Book the review"]
    assert context.undo_stack.undoText() == "Restore Send the forecast"

    context.undo_stack.undo()  # back into the trash, through the commitment's own delete
    with pytest.raises(NotFoundError):
        commitments.get(commitment_id=deleted["first"])
    assert sorted(_labels(page)) == ["Book the review", "Send the forecast"]

    context.undo_stack.redo()
    assert commitments.get(commitment_id=deleted["first"]).text == "Send the forecast"
    assert [e.label for e in trash.list_entries()] == ["Book the review"]


def test_restoring_several_is_one_command(qtbot, context, deleted):
    page = _page(qtbot, context)
    page.table.selectAll()
    qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
    assert trash.count() == 0
    assert page.stack.currentWidget() is page.empty_page
    assert context.undo_stack.undoText() == "Restore 2 records"
    context.undo_stack.undo()
    assert trash.count() == 2
    assert len(commitments.list_filtered(which="all")) == 0


def test_restoring_a_person_brings_back_their_commitments(qtbot, context, db):
    grace = stakeholders.create(name="Grace Hopper")
    commitments.create(text="Call back", stakeholder_id=grace.id)
    context.run(DeleteRecords(context, record_apis.STAKEHOLDER, [grace.id]))
    page = _page(qtbot, context)
    assert _labels(page) == ["Grace Hopper"]
    assert page.proxy.index(0, 1).data() == "Stakeholder"
    _select(page, "Grace Hopper")
    qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
    assert [c.text for c in commitments.for_stakeholder(stakeholder_id=grace.id)] == ["Call back"]
    context.undo_stack.undo()
    assert stakeholders.names(include_archived=True) == {}
    assert _labels(page) == ["Grace Hopper"]


def test_purge_asks_and_says_it_cannot_be_undone(qtbot, context, deleted, answers):
    page = _page(qtbot, context)
    _select(page, "Send the forecast")
    qtbot.mouseClick(page.purge_button, Qt.MouseButton.LeftButton)
    ((title, question),) = answers
    assert "Send the forecast" in title
    assert "cannot be undone" in question
    assert [e.label for e in trash.list_entries()] == ["Book the review"]
    assert _labels(page) == ["Book the review"]
    assert context.undo_stack.count() == 0  # nothing to undo: it is gone


def test_purge_cancelled_keeps_everything(qtbot, context, deleted, monkeypatch):
    monkeypatch.setattr(
        QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Cancel
    )
    page = _page(qtbot, context)
    page.table.selectAll()
    qtbot.mouseClick(page.purge_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.empty_button, Qt.MouseButton.LeftButton)
    assert trash.count() == 2


def test_empty_trash_asks_then_shows_the_empty_state(qtbot, context, deleted, answers):
    page = _page(qtbot, context)
    assert page.empty_button.isEnabled()
    qtbot.mouseClick(page.empty_button, Qt.MouseButton.LeftButton)
    ((_title, question),) = answers
    assert "2 records" in question and "cannot be undone" in question
    assert trash.count() == 0
    assert page.stack.currentWidget() is page.empty_page
    assert not page.empty_button.isEnabled()
    texts = [label.text() for label in page.empty_page.findChildren(type(page.count_label))]
    assert "The trash is empty" in texts
    assert "Deleted records wait here until you restore them or empty the trash." in texts


def test_refreshes_when_anything_is_deleted(qtbot, context, db):
    page = _page(qtbot, context)
    assert page.stack.currentWidget() is page.empty_page
    ada = stakeholders.create(name="Ada Lovelace")
    week = reflections.create(week=date(2026, 1, 5), wins="Shipped")
    context.run(DeleteRecords(context, record_apis.REFLECTION, [week.id]))
    assert _labels(page) == ["reflection for 2026-W02"]
    assert page.proxy.index(0, 1).data() == "Reflection"
    context.run(DeleteRecords(context, record_apis.STAKEHOLDER, [ada.id]))
    assert _labels(page) == ["Ada Lovelace", "reflection for 2026-W02"]
    context.undo_stack.undo()
    assert _labels(page) == ["reflection for 2026-W02"]
    context.events.announce(Changes.everything())
    assert page.model.rowCount() == 1


def test_hostile_labels_are_shown_literally(qtbot, context, db):
    person = stakeholders.create(name="<img src=x>")
    context.run(DeleteRecords(context, record_apis.STAKEHOLDER, [person.id]))
    page = _page(qtbot, context)
    assert _labels(page) == ["<img src=x>"]
    tip = page.proxy.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "&lt;img src=x&gt;" in tip and "<img" not in tip
    _select(page, "<img src=x>")
    qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
    assert stakeholders.names() == {person.id: "<img src=x>"}


def test_deleted_at_is_shown_in_local_time():
    row = trash.TrashedRecord(1, "commitment", 1, "x", datetime(2026, 1, 1, 12, 0))
    shown = section.deleted_local(row)
    assert shown == datetime(2026, 1, 1, 12, 0, tzinfo=timezone.utc)
    assert shown is not None and shown.utcoffset() is not None
