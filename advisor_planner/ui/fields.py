"""Form editors with one small interface: ``value()``, ``set_value()`` and ``changed``.

Each wraps the natural Qt widget for its kind of value (a calendar popup for dates, a list of
labelled meanings for ratings, type-ahead for people), so ``RecordDialog`` can build any form
from a list of ``FieldSpec``s and read it back as the keyword arguments ``services`` takes.
Dates and times are shown in the user's locale (ISO in the C locale).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import (
    QDate,
    QDateTime,
    QEvent,
    QLocale,
    QObject,
    QStringListModel,
    Qt,
    QTime,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QPalette, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDateTimeEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from advisor_planner.ui.colours import blend
from advisor_planner.ui.flow_layout import FlowLayout

NOT_SET = "—"


def date_display_format(locale: QLocale | None = None) -> str:
    """How a date editor writes its date: ISO (2026-12-03) in the C locale, else the
    locale's short form with a four-digit year (a two-digit one is ambiguous to type)."""
    locale = locale or QLocale()
    if locale.language() == QLocale.Language.C:
        return "yyyy-MM-dd"
    form = locale.dateFormat(QLocale.FormatType.ShortFormat)
    return form if "yyyy" in form else form.replace("yy", "yyyy")


def time_display_format(locale: QLocale | None = None) -> str:
    """How a time editor writes its time: 14:05 in the C locale, else the locale's."""
    locale = locale or QLocale()
    if locale.language() == QLocale.Language.C:
        return "HH:mm"
    return locale.timeFormat(QLocale.FormatType.ShortFormat)


class FieldEditor(QWidget):
    changed = Signal()

    def value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        raise NotImplementedError

    def focus_widget(self) -> QWidget:
        return self


def _wrap(owner: QWidget, inner: QWidget) -> None:
    layout = QHBoxLayout(owner)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(inner)
    owner.setFocusProxy(inner)


def python_date(day: QDate) -> date:
    """``day`` as a ``date`` (``QDate.toPython``, typed: PySide's stubs say ``object``)."""
    return date(day.year(), day.month(), day.day())


def shown_number(value: Any) -> Any:
    """A float with no fraction as an int, so 3.0 shows as "3"; anything else as it is."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


class LineEditor(FieldEditor):
    """One line of text: the base of the editors below, each of which says what value its
    text stands for (the text, a number, tags...)."""

    def __init__(self, *, placeholder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(placeholder)
        self.edit.textChanged.connect(self.changed)
        _wrap(self, self.edit)

    def set_value(self, value: Any) -> None:
        self.edit.setText("" if value is None else str(value))


class TextEditor(LineEditor):
    def value(self) -> str:
        return self.edit.text()


class NumberEditor(LineEditor):
    """A number typed as text; ``services`` parses it and says what is wrong."""

    def value(self) -> str | None:
        text = self.edit.text().strip()
        return text or None

    def set_value(self, value: Any) -> None:
        super().set_value(shown_number(value))


class LongTextEditor(FieldEditor):
    def __init__(self, *, placeholder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QPlainTextEdit(self)
        self.edit.setPlaceholderText(placeholder)
        self.edit.setTabChangesFocus(True)
        self.edit.setMinimumHeight(70)
        self.edit.textChanged.connect(self.changed)
        _wrap(self, self.edit)

    def value(self) -> str:
        return self.edit.toPlainText()

    def set_value(self, value: Any) -> None:
        self.edit.setPlainText("" if value is None else str(value))
        self.edit.moveCursor(QTextCursor.MoveOperation.End)  # typing adds to what is there


class ChoiceEditor(FieldEditor):
    """One of a fixed list: ``choices`` is (stored value, label) pairs; optional adds "—"."""

    def __init__(
        self,
        choices: Sequence[tuple[Any, str]],
        *,
        optional: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.combo = QComboBox(self)
        if optional:
            self.combo.addItem(NOT_SET, None)
        for value, label in choices:
            self.combo.addItem(label, value)
        self.combo.currentIndexChanged.connect(self.changed)
        _wrap(self, self.combo)

    def value(self) -> Any:
        return self.combo.currentData()

    def set_value(self, value: Any) -> None:
        index = self.combo.findData(value)
        self.combo.setCurrentIndex(max(index, 0))


def rating_choices(meanings: Mapping[int, str]) -> list[tuple[int, str]]:
    """ "3 — as much as I spoke": each rating with what it means."""
    return [(score, f"{score} — {meaning}") for score, meaning in meanings.items()]


class DateEditor(FieldEditor):
    def __init__(self, *, optional: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QDateEdit(self)
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat(date_display_format())
        self.edit.setDate(QDate.currentDate())
        self.edit.dateChanged.connect(self.changed)
        self.enabled: QCheckBox | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        if optional:
            self.enabled = QCheckBox(self)
            self.enabled.setAccessibleName(self.tr("Set a date"))
            self.enabled.toggled.connect(self.edit.setEnabled)
            self.enabled.toggled.connect(self.changed)
            self.enabled.setChecked(False)
            self.edit.setEnabled(False)
            layout.addWidget(self.enabled)
        layout.addWidget(self.edit, 1)
        self.setFocusProxy(self.edit if self.enabled is None else self.enabled)

    def value(self) -> date | None:
        if self.enabled is not None and not self.enabled.isChecked():
            return None
        return python_date(self.edit.date())

    def set_value(self, value: Any) -> None:
        if self.enabled is not None:
            self.enabled.setChecked(value is not None)
        if value is not None:
            self.edit.setDate(QDate(value.year, value.month, value.day))


class _TabLeavesDateTimeEdit(QDateTimeEdit):
    """Tab moves on to the next field, as everywhere else in a form, instead of stepping
    through year, month, day, hour and minute (the arrow keys and typing still do that)."""

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802, A002 - Qt override
        return QWidget.focusNextPrevChild(self, next)


class DateTimeEditor(FieldEditor):
    """A local date and time; ``value`` is an aware datetime in the user's zone."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = _TabLeavesDateTimeEdit(self)
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat(f"{date_display_format()} {time_display_format()}")
        self.edit.setDateTime(QDateTime.currentDateTime())
        self.edit.dateTimeChanged.connect(self.changed)
        _wrap(self, self.edit)

    def value(self) -> datetime:
        qdate, qtime = self.edit.date(), self.edit.time()
        naive = datetime(qdate.year(), qdate.month(), qdate.day(), qtime.hour(), qtime.minute())
        return naive.astimezone()

    def set_value(self, value: Any) -> None:
        if value is None:
            return
        local = value.astimezone() if value.tzinfo else value
        self.edit.setDateTime(
            QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute))
        )


class BoxEditor(FieldEditor):
    """A check box: the base of the editors whose value a tick stands for."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.box = QCheckBox(text, self)
        self.box.toggled.connect(self.changed)
        _wrap(self, self.box)


class CheckEditor(BoxEditor):
    def value(self) -> bool:
        return self.box.isChecked()

    def set_value(self, value: Any) -> None:
        self.box.setChecked(bool(value))


class HintLabel(QLabel):
    """A line of plain, wrapped guidance in a muted colour that still reads well.

    The colour is the text colour moved ``MUTED`` of the way towards the background: on the
    light and the dark Fusion palettes that is a contrast of about 6:1 (WCAG asks 4.5:1 of
    body text), where a disabled label's colour gives about 2.5:1. It follows the palette
    when the theme changes, and keeps the body's font size.
    """

    MUTED = 0.35

    def __init__(self, parent: QWidget | None = None, text: str = "") -> None:
        super().__init__(text, parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self._colouring = False
        self._colour()

    def _colour(self) -> None:
        parent = self.parentWidget()
        source = parent.palette() if parent is not None else self.palette()
        palette = self.palette()
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            muted = blend(
                source.color(group, QPalette.ColorRole.WindowText),
                source.color(group, QPalette.ColorRole.Window),
                self.MUTED,
            )
            palette.setColor(group, QPalette.ColorRole.WindowText, muted)
        self._colouring = True  # (setPalette sends a PaletteChange of its own)
        self.setPalette(palette)
        self._colouring = False

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and not self._colouring:
            self._colour()


class PeopleEditor(FieldEditor):
    """Several people, picked by typing part of a name and pressing Enter.

    Each chosen person shows as a button with their name; clicking it (or Backspace in the
    empty box) takes them off again. ``names`` maps stakeholder id to name.
    """

    # Ctrl+Enter while the list of names is open (a window's shortcuts do not reach it then):
    # the list closes, and a form saves on this (the quick log).
    save_pressed = Signal()

    def __init__(
        self, names: Mapping[int, str], *, single: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.names = dict(names)
        self.single = single
        self._ids: list[int] = []
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(
            self.tr("Type a name, then Enter") if not single else self.tr("Type a name")
        )
        self.edit.setAccessibleName(self.tr("Add a person"))
        self._by_name = {name.casefold(): sid for sid, name in self.names.items()}
        # The model is given a parent: a parentless one is Python's alone, and the completer
        # (which does not own it) was left with no names once it was collected.
        completer = QCompleter(self)
        completer.setModel(
            QStringListModel(sorted(self.names.values(), key=str.casefold), completer)
        )
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.completer = completer
        self.edit.setCompleter(completer)
        completer.activated.connect(self._pick_text)
        self.edit.returnPressed.connect(self._pick_typed)
        self.edit.installEventFilter(self)
        self.popup().installEventFilter(self)
        self.edit.textChanged.connect(lambda _text: self._say(""))
        self.notice = HintLabel(self)
        self.notice.setObjectName("peopleNotice")
        self.notice.hide()
        self.chips = FlowLayout()  # as many rows as the people chosen need
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.edit)
        layout.addWidget(self.notice)
        layout.addLayout(self.chips)
        self.setFocusProxy(self.edit)

    def set_names(self, names: Mapping[int, str]) -> None:
        """Offer ``names`` from now on (people added, renamed or archived since it was made);
        those chosen who are no longer among them are taken off."""
        if dict(names) == self.names:
            return
        self.names = dict(names)
        self._by_name = {name.casefold(): sid for sid, name in self.names.items()}
        model = self.completer.model()
        assert isinstance(model, QStringListModel)  # (the one made in __init__)
        model.setStringList(sorted(self.names.values(), key=str.casefold))
        kept = [sid for sid in self._ids if sid in self.names]
        if kept != self._ids:
            self._ids = kept
            self.changed.emit()
        self._rebuild()

    def candidates(self, text: str) -> list[int]:
        """Who ``text`` may name, by name: the one exact name, else everyone whose name starts
        with it, else everyone whose name holds it."""
        text = text.strip()
        if not text:
            return []
        exact = self._by_name.get(text.casefold())
        if exact is not None:
            return [exact]
        folded = text.casefold()
        ordered = sorted(self.names.items(), key=lambda item: item[1].casefold())
        starting = [sid for sid, name in ordered if name.casefold().startswith(folded)]
        return starting or [sid for sid, name in ordered if folded in name.casefold()]

    def match(self, text: str) -> int | None:
        """The one person ``text`` names; None when it names nobody or several people."""
        found = self.candidates(text)
        return found[0] if len(found) == 1 else None

    def _pick_text(self, text: str) -> None:
        # (A row of the list, chosen with the arrows or the mouse: a whole name.)
        sid = self.match(text)
        if sid is not None:
            self.add(sid)
            self.edit.clear()

    def pick_typed(self) -> bool:
        """Pick the person the typed text names; True when the box is left empty.

        Several people matching is never settled silently (three Pauls, the first picked):
        the list of them opens for the arrow keys to choose, and a line under the box says so.
        """
        text = self.edit.text().strip()
        if not text:
            return True
        found = self.candidates(text)
        if len(found) == 1:
            self._pick_text(self.names[found[0]])
            return True
        if found:
            self._say(
                self.tr("Several people match “{0}”: choose one with ↓ and Enter").format(text)
            )
            self.completer.setCompletionPrefix(text)
            self.completer.complete()
        else:
            self._say(self.tr("No one matches “{0}”").format(text))
        return False

    def _pick_typed(self) -> None:
        self.pick_typed()

    def _say(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    def add(self, sid: int) -> None:
        if sid in self._ids or sid not in self.names:
            return
        if self.single:
            self._ids.clear()
        self._ids.append(sid)
        self._say("")
        self._rebuild()
        self.changed.emit()

    def remove(self, sid: int) -> None:
        if sid in self._ids:
            self._ids.remove(sid)
            self._rebuild()
            self.changed.emit()

    def popup(self) -> QAbstractItemView:
        """The completer's list of names."""
        popup = self.completer.popup()
        # QCompleter makes its own list view on first asking, in every mode but inline.
        assert popup is not None
        return popup

    def _rebuild(self) -> None:
        while (item := self.chips.takeAt(0)) is not None:
            chip = item.widget()
            if chip is not None:
                chip.hide()
                chip.deleteLater()
        for sid in self._ids:
            chip = QToolButton(self)
            chip.setText(f"{self.names[sid]}  ✕")
            chip.setToolTip(self.tr("Remove {0}").format(self.names[sid]))
            chip.setAccessibleName(self.tr("Remove {0}").format(self.names[sid]))
            chip.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            chip.clicked.connect(lambda _=False, sid=sid: self.remove(sid))
            self.chips.addWidget(chip)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        # QLineEdit passes Enter on after ``returnPressed``; in a dialog it would also press
        # the default button and save half-way. Enter here only picks a person; Ctrl+Enter
        # (a shortcut, handled before this) still saves the form.
        plain_enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
            event.modifiers() & Qt.KeyboardModifier.ControlModifier
        )
        if plain_enter:
            event.accept()
            return
        super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if (
            watched is self.popup()
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.popup().hide()
            self.save_pressed.emit()
            return True
        # Enter while the list of names is open but no row is chosen: the completer would only
        # close the list, so a second Enter were needed; pick what was typed instead (or, when
        # it names several people, keep the list open for the arrows).
        if (
            watched is self.popup()
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not event.modifiers() & Qt.KeyboardModifier.ControlModifier
            and not self.popup().currentIndex().isValid()
        ):
            if self.pick_typed():
                self.popup().hide()
            return True
        # Backspace in the empty box takes the last person off again.
        if (
            watched is self.edit
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Backspace
            and not self.edit.text()
            and self._ids
        ):
            self.remove(self._ids[-1])
            return True
        return super().eventFilter(watched, event)

    def ids(self) -> tuple[int, ...]:
        """Everyone chosen, in order (one at most when ``single``)."""
        return tuple(self._ids)

    def value(self) -> tuple[int, ...] | int | None:
        if self.single:
            return self._ids[0] if self._ids else None
        return tuple(self._ids)

    def set_value(self, value: Any) -> None:
        if value is None:
            ids: list[int] = []
        elif isinstance(value, int):
            ids = [value]
        else:
            ids = list(value)
        self._ids = [sid for sid in ids if sid in self.names]
        self._rebuild()
        self.changed.emit()
