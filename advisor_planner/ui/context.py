"""What every view shares: the undo stack, the data-changed signal, settings and error display.

A view gets an ``AppContext`` passed in (no globals), calls ``services`` for data and wraps
every change in an undo command run through ``AppContext.run``, which reports failures in a
message and tells every open view what changed: one ``services.changes.Changes`` on
``DataEvents.changed``, which each view asks whether it ``touches`` what it shows.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Qt, Signal
from PySide6.QtGui import QShowEvent, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QMessageBox, QWidget

from advisor_planner.services.changes import Changes
from advisor_planner.services.errors import ReadOnlyDatabaseError, ServiceError, storage_sentence
from advisor_planner.ui.write_queue import WriteQueue

if TYPE_CHECKING:  # the mixin sits before a QWidget class: to mypy it is one
    _ViewBase = QWidget
else:
    _ViewBase = object


class RefreshWhenShown(_ViewBase):
    """For a view of data from ``services``: a change reloads it at once while it is shown,
    else the next time it is shown, so a hidden view does no work.

    Mix it in before the Qt widget class (``class Page(RefreshWhenShown, QWidget)``); the view
    implements ``refresh``, which sets ``_stale`` to False, and calls ``mark_stale`` when
    something it shows has changed.
    """

    _stale = True  # (until the first refresh)

    def refresh(self) -> None:
        raise NotImplementedError

    def mark_stale(self) -> None:
        self._stale = True
        if self.isVisible():
            self.reload_soon()

    def reload_soon(self) -> None:
        """How a change reloads the view while it is shown: at once (a view may gather the
        several kinds one change names into one reload)."""
        self.refresh()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._stale:
            self.refresh()


class DataEvents(QObject):
    """One app-level signal: ``changed(Changes)``, once for each change, undo or redo."""

    changed = Signal(object)

    def announce(self, changes: Changes) -> None:
        if changes:
            self.changed.emit(changes)


class StorageProblem(Exception):
    """A failed write, worded for a person (``services.errors.storage_sentence``)."""


class AppContext(QObject):
    """The undo stack, the events and the settings, handed to every section and dialog.

    ``navigate`` asks the window to open a record or a filtered list: any view emits it with
    a ``charts.base.RecordLink`` (a chart point clicked, say) and the workspace opens it.
    """

    navigate = Signal(object)
    #: Preferences ▸ Save: what reads a preference kept in QSettings (the idle lock) reads it
    #: again.
    preferences_saved = Signal()

    def __init__(
        self,
        *,
        settings: QSettings,
        parent_widget: QWidget | None = None,
        background_undo: bool = False,
    ) -> None:
        # ``background_undo``: undo and redo write on a worker (``ui.write_queue``), as the
        # window's do; without it they write at once, which a test reads back at once.
        super().__init__()
        self.settings = settings
        self.events = DataEvents()
        self.undo_stack = QUndoStack(self)
        self.parent_widget = parent_widget
        self.writable = True
        self.writes: WriteQueue | None = None
        if background_undo:
            # (not a Qt child of the context: each holds the other, and the garbage collector
            # taking such a pair apart while Qt deletes the child crashed a test run)
            self.writes = WriteQueue(self)

    def finish_writes(self) -> None:
        """Wait for the undo and redo writes still queued (before a change made at once, and
        before the database closes)."""
        if self.writes is not None:
            self.writes.finish()

    def run(self, command: RecordCommand) -> bool:
        """Carry out ``command`` and put it on the undo stack; say so and return False if it
        fails (nothing is pushed then, and the database is as it was)."""
        self.finish_writes()  # (an undo still being written goes first)
        try:
            command.execute()
        except (ServiceError, ReadOnlyDatabaseError, OSError) as exc:
            self.show_error(command.text(), exc)
            return False
        except Exception as exc:  # noqa: BLE001 - a disk or database error: say what failed
            self.show_error(command.text(), StorageProblem(storage_sentence(exc)))
            return False
        self.undo_stack.push(command)
        return True

    def show_write_error(self, action: str, error: BaseException) -> None:
        """``show_error`` for a failed write: a disk or database error worded for a person,
        as ``run`` words it."""
        if not isinstance(error, ServiceError | ReadOnlyDatabaseError | OSError):
            error = StorageProblem(storage_sentence(error))
        self.show_error(action, error)

    def show_error(self, action: str, error: BaseException) -> None:
        """Say that ``action`` failed, and why. ``action`` is translated already: an undo
        command's text ("Delete 3 touchpoints") or what was being done ("Load the dashboard");
        it is quoted as given, never recased, since a translation may need its capitals."""
        box = QMessageBox(self.parent_widget)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(
            self.tr("“{0}” failed").format(action) if action else self.tr("Could not save")
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(str(error) or type(error).__name__)
        box.exec()


class RecordCommand(QUndoCommand):
    """An undoable change. ``execute`` does it the first time (and may fail, before the
    command is pushed); ``redo`` after an undo does it again; each tells the views."""

    #: What was done, in the past tense, for the status bar ("Deleted stakeholder Ada");
    #: empty: the status bar quotes the command's name (``ui.status_feedback``).
    done_text = ""
    #: Set once the status bar has said it was done: its next push to the stack is a redo.
    feedback_given = False
    #: The stack's next undo or redo of this command writes nothing: it walks the stack back
    #: to the data after that write failed on a worker (``ui.write_queue``).
    skip_next_write = False

    def __init__(self, context: AppContext, text: str, changes: Changes) -> None:
        super().__init__(text)
        self.context = context
        self.changes = changes
        self._executed = False

    def execute(self) -> None:
        self.do()
        self._executed = True
        self.context.events.announce(self.changes)

    def mark_executed(self) -> None:
        """The change was made already (on a worker, say): tell the views, and let the first
        ``redo`` (``QUndoStack.push`` calls it) do nothing."""
        self._executed = True
        self.context.events.announce(self.changes)

    def redo(self) -> None:  # QUndoStack.push calls redo once: the work is already done
        if self._executed:
            self._executed = False
            return
        self._write(self.do, undoing=False)

    def undo(self) -> None:
        self._write(self.undo_change, undoing=True)

    def _write(self, action: Callable[[], None], *, undoing: bool) -> None:
        if self.skip_next_write:
            self.skip_next_write = False
        elif self.context.writes is not None:
            self.context.writes.submit(self, action, undoing=undoing)
        else:
            self._guarded(action)

    def _guarded(self, action: Callable[[], None]) -> None:
        try:
            action()
        except Exception as exc:  # noqa: BLE001 - shown; the stack cannot take it back
            self.context.show_error(self.text(), exc)
            self.setObsolete(True)
        finally:
            self.context.events.announce(self.changes)

    def do(self) -> None:
        raise NotImplementedError

    def undo_change(self) -> None:
        raise NotImplementedError
