"""The status bar's word after an action: what happened, with Undo (or Redo) to click.

Delete, undo, save and import used to leave the status bar saying "Ready". ``StatusFeedback``
watches the undo stack, so every change made through ``AppContext.run`` (and every undo and
redo, from the menu, the keys or its own button) says what it did without each form having to:
"Deleted stakeholder Zoe Rahman · Undo", "Undone: Delete stakeholder Zoe Rahman · Redo". What
is not an undo step (a finished reflection, say) calls ``say``.

A command names what it did in the past tense when it can (``RecordCommand.done_text``);
otherwise its menu name is quoted ("Log touchpoint with Ada: done"). The message goes after
``shown_ms`` or with the next one, and is announced to screen readers: a
``QAccessibleAnnouncementEvent`` where Qt has it (6.8 and later), else as a change of the
message's accessible name, which screen readers read out for a status bar.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QAccessible, QFont, QKeySequence, QPalette, QUndoStack
from PySide6.QtWidgets import QHBoxLayout, QLabel, QStatusBar, QToolButton, QWidget

from advisor_planner.ui.context import RecordCommand

#: How long a message stays: long enough to read it and reach for Undo, 10 s.
SHOWN_MS = 10_000


def announce(widget: QWidget, text: str) -> None:
    """Have screen readers say ``text`` now, on behalf of ``widget``."""
    try:
        from PySide6.QtGui import QAccessibleAnnouncementEvent
    except ImportError:  # Qt before 6.8: the accessible name's change is read instead
        widget.setAccessibleName(text)
        return
    QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(widget, text))


class StatusFeedback(QWidget):
    """A message and a button on the left of ``status_bar``, following ``stack``."""

    def __init__(self, stack: QUndoStack, status_bar: QStatusBar) -> None:
        super().__init__(status_bar)
        self.setObjectName("statusFeedback")
        self.shown_ms = SHOWN_MS
        self._stack = stack
        self._index = stack.index()
        self._action: Callable[[], object] | None = None
        self.message = QLabel(self)
        self.message.setObjectName("statusMessage")
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # a record's name may be anything
        self.separator = QLabel("·", self)
        # A button drawn as a link right after the message: clicked, tabbed to or read out as
        # a button, where a link in a label is not always.
        self.button = QToolButton(self)
        self.button.setObjectName("statusUndo")
        self.button.setAutoRaise(True)
        self.button.setCursor(Qt.CursorShape.PointingHandCursor)
        font = QFont(self.button.font())
        font.setUnderline(True)
        self.button.setFont(font)
        self.button.clicked.connect(self._clicked)
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 0, 0, 0)  # (where the status bar's own messages start)
        row.setSpacing(6)
        row.addWidget(self.message)
        row.addWidget(self.separator)
        row.addWidget(self.button)
        row.addStretch(1)
        self._recolour()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        status_bar.addWidget(self, 1)
        self.hide()
        stack.indexChanged.connect(self._index_changed)

    def say(
        self, text: str, *, button: str = "", action: Callable[[], object] | None = None
    ) -> None:
        """Show ``text``, with ``button`` calling ``action`` beside it when given."""
        status_bar = self.parentWidget()
        if isinstance(status_bar, QStatusBar):
            status_bar.clearMessage()  # ("Ready" would hide this: Qt puts it on top)
        self.message.setText(text)
        self._action = action
        self.button.setText(button)
        self.button.setVisible(bool(button and action))
        self.separator.setVisible(bool(button and action))
        self.show()
        self._timer.start(self.shown_ms)
        announce(self.message, f"{text}. {button}" if button else text)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "button"):
            self._recolour()

    def _recolour(self) -> None:
        """The button in the palette's link colour (light or dark), so it reads as a link."""
        palette = QPalette(self.button.palette())
        link = self.palette().color(QPalette.ColorRole.Link)
        for role in (QPalette.ColorRole.ButtonText, QPalette.ColorRole.WindowText):
            palette.setColor(role, link)
        self.button.setPalette(palette)

    def _clicked(self) -> None:
        if self._action is not None:
            self._action()

    def _index_changed(self, index: int) -> None:
        before, self._index = self._index, index
        stack = self._stack
        try:
            count = stack.count()
        except RuntimeError:  # the stack being deleted (a closed workspace) clears itself
            return
        if stack.property("walkingBack"):  # a write that failed: its error box says so
            self._timer.stop()
            self.hide()
        elif index < before and index < count:
            self._say_undone(stack.command(index).text())
        elif before < index <= count:
            command = stack.command(index - 1)
            if not isinstance(command, RecordCommand):  # (every command of the app is one)
                self._say_done(self.tr("{0}: done").format(command.text()))
            elif command.feedback_given:
                self._say_redone(command.text())
            else:
                command.feedback_given = True
                self._say_done(command.done_text or self.tr("{0}: done").format(command.text()))
        else:  # the history cleared (a restore, a lock): nothing was done to say
            self._timer.stop()
            self.hide()

    def _say_done(self, text: str) -> None:
        self.say(text, button=self.tr("Undo"), action=self._stack.undo)
        self._key_tip(QKeySequence.StandardKey.Undo)

    def _say_undone(self, what: str) -> None:
        self.say(
            self.tr("Undone: {0}").format(what), button=self.tr("Redo"), action=self._stack.redo
        )
        self._key_tip(QKeySequence("Ctrl+Shift+Z"))

    def _say_redone(self, what: str) -> None:
        self.say(
            self.tr("Redone: {0}").format(what), button=self.tr("Undo"), action=self._stack.undo
        )
        self._key_tip(QKeySequence.StandardKey.Undo)

    def _key_tip(self, keys: QKeySequence | QKeySequence.StandardKey) -> None:
        """The button's tooltip names its key too ("Undo (Ctrl+Z)")."""
        shown = QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)
        self.button.setToolTip(f"{self.button.text()} ({shown})" if shown else "")
