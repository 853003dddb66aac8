"""Undo and redo written on a worker (``ui.write_queue``): in order, one at a time, a failed
one shown with the stack walked back to the data, and a change made at once waiting for them."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QStatusBar

from advisor_planner.services import stakeholders
from advisor_planner.services.changes import Change
from advisor_planner.ui.commands import CreateRecord, UpdateRecord
from advisor_planner.ui.context import AppContext
from advisor_planner.ui.record_apis import STAKEHOLDER
from advisor_planner.ui.status_feedback import StatusFeedback


@pytest.fixture
def context(db, tmp_path: Path) -> AppContext:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    return AppContext(settings=settings, background_undo=True)


def _rename(context: AppContext, stakeholder_id: int, *names: str) -> None:
    for name in names:
        assert context.run(UpdateRecord(context, STAKEHOLDER, stakeholder_id, {"name": name}))


def _settled(qtbot, context: AppContext) -> None:
    assert context.writes is not None
    qtbot.waitUntil(lambda: not context.writes.busy, timeout=5000)


def test_undo_writes_on_a_worker_and_tells_the_views_when_written(qtbot, context):
    ada = stakeholders.create(name="Ada")
    _rename(context, ada.id, "Ada B")
    heard: list[object] = []
    context.events.changed.connect(heard.append)
    context.undo_stack.undo()
    # The stack moved at once; the write and the views' news come from the worker.
    assert context.undo_stack.index() == 0
    assert heard == []
    qtbot.waitUntil(lambda: bool(heard), timeout=5000)
    assert heard[0].touches(Change.STAKEHOLDER)
    assert stakeholders.KIND.get(ada.id).name == "Ada"


def test_undos_asked_for_before_the_first_is_written_go_in_order(qtbot, context):
    ada = stakeholders.create(name="A")
    _rename(context, ada.id, "B", "C")
    heard: list[object] = []
    context.events.changed.connect(heard.append)
    context.undo_stack.undo()
    context.undo_stack.undo()  # (the first is not written yet: it waits behind it)
    _settled(qtbot, context)
    assert stakeholders.KIND.get(ada.id).name == "A"  # (out of order: "B")
    assert len(heard) == 2
    context.undo_stack.redo()
    context.undo_stack.redo()
    _settled(qtbot, context)
    assert stakeholders.KIND.get(ada.id).name == "C"
    assert context.undo_stack.index() == 2


def test_a_change_made_at_once_waits_for_the_undo_being_written(qtbot, context):
    ada = stakeholders.create(name="A")
    _rename(context, ada.id, "B")
    context.undo_stack.undo()
    _rename(context, ada.id, "C")  # (before the undo's write has even started)
    _settled(qtbot, context)
    assert stakeholders.KIND.get(ada.id).name == "C"
    assert (context.undo_stack.index(), context.undo_stack.count()) == (1, 1)


def test_a_failed_undo_is_shown_and_the_stack_walks_back_to_the_data(qtbot, context, monkeypatch):
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        context, "show_error", lambda action, error: shown.append((action, str(error)))
    )
    bar = QStatusBar()
    qtbot.addWidget(bar)
    feedback = StatusFeedback(context.undo_stack, bar)
    made = CreateRecord(context, STAKEHOLDER, {"name": "Zoe"})
    assert context.run(made)
    ada = stakeholders.create(name="Ada")
    _rename(context, ada.id, "Ada B")
    stakeholders.KIND.delete(ada.id)  # (gone behind the stack's back: its undo must fail)
    context.undo_stack.undo()
    context.undo_stack.undo()  # queued behind the one that fails: dropped with it
    _settled(qtbot, context)
    assert [action for action, _error in shown] == ["Edit stakeholder Ada"]
    assert (context.undo_stack.index(), context.undo_stack.count()) == (2, 2)
    assert stakeholders.KIND.get(made.record_id).name == "Zoe"  # (the dropped undo: not made)
    assert feedback.isHidden()  # (no "Redone: …" for the walk back)
    assert context.undo_stack.canUndo()


def test_finish_writes_what_is_queued_before_it_returns(context):
    ada = stakeholders.create(name="A")
    _rename(context, ada.id, "B", "C")
    context.undo_stack.undo()
    context.undo_stack.undo()
    context.finish_writes()  # (as closing the database and quitting do)
    assert stakeholders.KIND.get(ada.id).name == "A"
    assert context.writes is not None and not context.writes.busy
