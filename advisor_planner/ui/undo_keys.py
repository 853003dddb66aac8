"""Edit ▸ Undo and Redo, and their keys reaching the app's undo stack from a text field.

Qt gives Ctrl+Z to whatever text field has the focus, even one with nothing to undo: every
list section focuses its search box, so after deleting a person and switching to the Trash,
Ctrl+Z did nothing while Edit showed "Undo Delete stakeholder …". ``UndoKeys`` watches the
focused widget of the main window and, when it is a text field with nothing of its own to
undo (or redo), declines the key's ``ShortcutOverride`` so the menu's shortcut takes it. A
field with typing to take back keeps its own Ctrl+Z, as a text editor's does.

The filter sits on the focused widget only (moved as the focus moves), not on the whole
application: an application-wide filter would run Python for every event of every object.
"""

from __future__ import annotations

from contextlib import suppress

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)


def own_history(widget: QObject) -> tuple[bool, bool] | None:
    """Whether text field ``widget`` has typing of its own to undo and to redo; None when it
    is not a text field (nothing there takes Ctrl+Z)."""
    if isinstance(widget, QComboBox):
        widget = widget.lineEdit() or widget
    elif isinstance(widget, QAbstractSpinBox):  # (its lineEdit() is protected in Qt)
        widget = widget.findChild(QLineEdit) or widget
    if isinstance(widget, QLineEdit):
        if widget.isReadOnly():
            return False, False
        return widget.isUndoAvailable(), widget.isRedoAvailable()
    if isinstance(widget, (QTextEdit, QPlainTextEdit)):
        document = widget.document()
        if widget.isReadOnly() or not widget.isUndoRedoEnabled():
            return False, False
        return document.isUndoAvailable(), document.isRedoAvailable()
    return None


class UndoKeys(QObject):
    """The window's Undo and Redo actions over ``stack``, and their keys kept from text
    fields with nothing to undo (see the module's docstring)."""

    def __init__(self, window: QWidget, stack: QUndoStack) -> None:
        super().__init__(window)
        self._window = window
        self.undo_action = stack.createUndoAction(window, self.tr("&Undo"))
        self.undo_action.setObjectName("undoAction")
        self.undo_action.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Undo))
        self.redo_action = stack.createRedoAction(window, self.tr("&Redo"))
        self.redo_action.setObjectName("redoAction")
        # Ctrl+Shift+Z everywhere, and the platform's own redo keys (Ctrl+Y on Windows and
        # KDE), each once: a key listed twice is an "ambiguous shortcut" Qt ignores.
        redo_keys = [QKeySequence("Ctrl+Shift+Z")]
        for keys in QKeySequence.keyBindings(QKeySequence.StandardKey.Redo):
            if keys not in redo_keys:
                redo_keys.append(keys)
        self.redo_action.setShortcuts(redo_keys)
        self._watched: QWidget | None = None
        app = QApplication.instance()
        assert isinstance(app, QApplication)  # (a window exists, so the application does)
        app.focusChanged.connect(self._focus_changed)
        self._focus_changed(None, QApplication.focusWidget())

    @property
    def actions(self) -> tuple[QAction, QAction]:
        return self.undo_action, self.redo_action

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        watched, self._watched = self._watched, None
        if watched is not None:
            with suppress(RuntimeError):  # (deleted meanwhile, and its filters with it)
                watched.removeEventFilter(self)
        if new is not None and new.window() is self._window and own_history(new) is not None:
            new.installEventFilter(self)
            self._watched = new

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() != QEvent.Type.ShortcutOverride or not isinstance(event, QKeyEvent):
            return False
        history = own_history(watched)
        if history is None:
            return False
        pressed = QKeySequence(event.keyCombination())
        for action, has_own in zip(self.actions, history, strict=True):
            if not has_own and any(pressed == keys for keys in action.shortcuts()):
                # Declined: Qt then looks the key up among the shortcuts, and finds ours.
                event.ignore()
                return True
        return False
