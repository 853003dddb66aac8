"""Quick log: a touchpoint, and any promise made in it, logged from the keyboard in seconds.

Ctrl+L opens it with the cursor in "who": type part of a name and press Enter to pick the
person (again for more people), then Ctrl+Enter saves from any field. When what was typed names
several people ("paul" for three Pauls) Enter picks nobody: the list of them opens and the
arrow keys choose. The subject follows; date and time default to now; channel, purpose,
trust-creation stage, listening, sentiment, reciprocity and notes follow in tab order, then the
commitments made in the meeting, each a line of text and a due date.
The channel follows the people picked (one: a 1:1, more: a meeting) until it is picked by hand.
The fields are ``ui.touchpoint_fields``', as in the touchpoint's full edit form.

The values are checked through ``services`` as they are typed (the touchpoint by
``touchpoints.KIND.validate``, each commitment by ``commitments.KIND.validate``) and a problem
is shown beside its field once that field has been edited, or everywhere once Save is pressed:
a form just opened shows no error for what nobody has typed yet. The edits of one turn of the
event loop are checked once it ends (letters typed faster than it turns are one check), and
the people offered count as existing with no query (the write, on a worker, asks). Save with a
problem saves nothing, shows it and puts the cursor there. Saving is one undoable command:
undoing it removes the touchpoint and the commitments made in it. It is written on a worker:
the window goes at once, and comes back with all that was typed if the write fails.

Ctrl+L shows the last quick log closed again, emptied, rather than build another.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from advisor_planner import translation
from advisor_planner.domain.enums import Channel
from advisor_planner.services import clock, commitments, stakeholders, touchpoints
from advisor_planner.services.changes import Change, Changes
from advisor_planner.services.errors import (
    ReadOnlyDatabaseError,
    ServiceError,
    ValidationError,
    storage_sentence,
)
from advisor_planner.services.records import known_to_exist
from advisor_planner.services.workers import on_worker
from advisor_planner.translation import QT_TRANSLATE_NOOP
from advisor_planner.ui.commands import CreateRecord
from advisor_planner.ui.context import AppContext, StorageProblem
from advisor_planner.ui.fields import (
    ChoiceEditor,
    DateTimeEditor,
    FieldEditor,
    HintLabel,
    LongTextEditor,
    PeopleEditor,
)
from advisor_planner.ui.i18n import FIELD, translate
from advisor_planner.ui.quick_log_commitments import CommitmentList
from advisor_planner.ui.record_apis import TOUCHPOINT
from advisor_planner.ui.record_form import ask_discard, error_label
from advisor_planner.ui.tasks import run_in_background
from advisor_planner.ui.touchpoint_fields import touchpoint_fields

# The quick log's fields, in its tab order (the edit form's "initiated by" is left out to keep
# the quick log quick; it keeps its default, "me").
QUICK_FIELDS = (
    "stakeholder_ids",
    "subject",
    "occurred_at",
    "channel",
    "purpose",
    "stage",
    "listening",
    "sentiment",
    "reciprocity",
    "notes",
)
# What ``CreateRecord`` sees: ``touchpoints.log`` returns a ``LoggedTouchpoint``, and the command's
# name ("Log touchpoint with Ada") already says all, so nothing is added to it.
LOGGED_TOUCHPOINT = dataclasses.replace(TOUCHPOINT, label=lambda _logged: "")

QUICK_LABELS = {
    "stakeholder_ids": QT_TRANSLATE_NOOP("Field", "Who"),
    "occurred_at": QT_TRANSLATE_NOOP("Field", "When"),
    "notes": QT_TRANSLATE_NOOP("Field", "Notes"),
}


class QuickLogDialog(QDialog):
    """Log a touchpoint, with the commitments made in it, in one undoable step."""

    def __init__(
        self,
        context: AppContext,
        names: Mapping[int, str],
        *,
        stakeholder_ids: Sequence[int] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent if parent is not None else context.parent_widget)
        self.context = context
        self.names = dict(names)
        self.saved: touchpoints.LoggedTouchpoint | None = None
        self.writing = False  # saved, the write under way on a worker
        self.setWindowTitle(self.tr("Log touchpoint"))
        self.setObjectName("quickLogDialog")
        self.setMinimumWidth(520)

        form = self._build_form()
        self.general_error = error_label(self)
        self._build_buttons()
        layout = QVBoxLayout(self)
        self.hint = HintLabel(
            self, self.tr("Type part of a name and press Enter to add a person; Ctrl+Enter saves.")
        )
        self.hint.setObjectName("quickLogHint")
        layout.addWidget(self.hint)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        self._bind_save_keys()

        # The channel follows the people (one: a 1:1; more: a meeting) until it is picked.
        self._channel_picked = False
        self._suggesting = False
        self.editors["channel"].changed.connect(self._on_channel_changed)
        self.people.changed.connect(self._suggest_channel)
        if stakeholder_ids:
            self.people.set_value(tuple(stakeholder_ids))
            self._suggest_channel()
        self._initial = self._comparable()
        # What ``start_over`` puts back (the people and the time are the opening's own).
        self._blank = {
            name: value
            for name, value in self._initial[0].items()
            if name not in ("stakeholder_ids", "occurred_at")
        }
        self._quiet = False  # while start_over empties the form: no field counts as edited
        # Whose problems show: a field's once it is edited, every one once Save is pressed.
        self._edited: set[str] = set()
        self._save_pressed = False
        self._check_timer = QTimer(self)  # (an edit's check: once its turn of the loop ends)
        self._check_timer.setSingleShot(True)
        self._check_timer.setInterval(0)
        self._check_timer.timeout.connect(self.validate)
        for name, editor in self.editors.items():
            editor.changed.connect(lambda name=name: self._on_edited(name))
        self.commitments.changed.connect(self._on_commitments_changed)
        self.commitments.rows_changed.connect(self._update_tab_order)
        context.events.changed.connect(self._on_data_changed)
        self._update_tab_order()
        self.validate()
        self.people.setFocus(Qt.FocusReason.OtherFocusReason)

    def start_over(self, stakeholder_ids: Sequence[int] = ()) -> None:
        """Empty again for the next touchpoint, as if just made: ``open_quick_log`` shows the
        last quick log again rather than build another (the form's eleven editors and their
        labels took 10-30 ms of the 25-60 ms Ctrl+L cost on the large demo)."""
        self._quiet = True
        try:
            self.people.popup().hide()
            self.people.set_value(())
            self.people.edit.clear()
            for name, value in self._blank.items():
                self.editors[name].set_value(value)
            self.editors["occurred_at"].set_value(datetime.now().astimezone())
            while self.commitments.rows:
                self.commitments.remove_row(self.commitments.rows[0])
        finally:
            self._quiet = False
        self._channel_picked = False
        self._edited.clear()
        self._save_pressed = False
        self.saved = None
        if stakeholder_ids:
            self.people.set_value(tuple(stakeholder_ids))
        self._suggest_channel()
        self._initial = self._comparable()
        self.validate()
        self.adjustSize()  # (as tall as a new one: the promises of the last are gone)
        self.people.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_data_changed(self, changes: Changes) -> None:
        """Someone added, renamed or archived: the names offered are read again on a worker."""
        if changes.touches(Change.STAKEHOLDER):
            run_in_background(
                on_worker, stakeholders.names, on_success=self._names_arrived, name="names"
            )

    def _names_arrived(self, names: dict[int, str]) -> None:
        self.names = dict(names)
        self.people.set_names(names)

    def _build_form(self) -> QFormLayout:
        """The touchpoint's fields in tab order, each with its message, then the commitments."""
        specs = {spec.name: spec for spec in touchpoint_fields(self.names)}
        self.editors: dict[str, FieldEditor] = {}
        self.errors: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        for name in QUICK_FIELDS:
            spec = specs[name]
            label_text = translate(FIELD, QUICK_LABELS.get(name, spec.label))
            editor = spec.make(self)
            editor.setObjectName(f"field_{name}")
            editor.setAccessibleName(label_text)
            if spec.hint:
                editor.setToolTip(translate(FIELD, spec.hint))
            self.editors[name] = editor
            form.addRow(self._label(label_text, editor), self._with_error(name, editor))
        people, notes = self.editors["stakeholder_ids"], self.editors["notes"]
        # (What touchpoint_fields makes for these two.)
        assert isinstance(people, PeopleEditor) and isinstance(notes, LongTextEditor)
        self.people = people
        notes.edit.setMinimumHeight(60)
        self._one_width_for_choices()

        self.commitments = CommitmentList(self)
        self.commitments.setObjectName("commitments")
        form.addRow(self._label(self.tr("Commitments"), self.commitments), self.commitments)
        return form

    def _one_width_for_choices(self) -> None:
        """The drop-downs (the date's calendar among them) one column, as wide as the widest:
        each at its own width looked ragged."""
        boxes: list[QWidget] = [
            editor.combo for editor in self.editors.values() if isinstance(editor, ChoiceEditor)
        ]
        when = self.editors["occurred_at"]
        assert isinstance(when, DateTimeEditor)  # (what touchpoint_fields makes for it)
        boxes.append(when.edit)
        widest = max(box.sizeHint().width() for box in boxes)
        for box in boxes:
            box.setMinimumWidth(widest)

    def _build_buttons(self) -> None:
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("saveButton")
        self.save_button.setToolTip(self.tr("Save (Ctrl+Enter)"))
        # Enter picks a person or adds a commitment line; only Ctrl+Enter (or a click) saves.
        for button in self.buttons.buttons():
            if isinstance(button, QPushButton):
                button.setAutoDefault(False)
                button.setDefault(False)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

    def _bind_save_keys(self) -> None:
        """Ctrl+Enter saves from any field, the open list of names included."""
        for sequence in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(sequence), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(self.save)
        self.people.save_pressed.connect(self.save)  # (Ctrl+Enter in the open list of names)

    def _suggest_channel(self) -> None:
        if self._channel_picked:
            return
        people = len(self.people.ids())
        self._suggesting = True
        self.editors["channel"].set_value(
            Channel.ONE_ON_ONE.value if people <= 1 else Channel.MEETING.value
        )
        self._suggesting = False

    def _on_channel_changed(self) -> None:
        if not self._suggesting and not self._quiet:
            self._channel_picked = True  # chosen by hand: adding people leaves it be

    # -- layout helpers ------------------------------------------------------------------------
    def _label(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setBuddy(buddy)
        return label

    def _with_error(self, name: str, editor: QWidget) -> QWidget:
        holder = QWidget(self)
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(editor)
        self.errors[name] = error_label(holder)
        self.errors[name].setObjectName(f"error_{name}")
        column.addWidget(self.errors[name])
        return holder

    def _update_tab_order(self) -> None:
        chain: list[QWidget] = [self.people.edit]
        for name in QUICK_FIELDS[1:]:
            chain.append(self.editors[name].focusProxy() or self.editors[name])
        chain += self.commitments.focus_chain()
        chain += [self.save_button, self.buttons.button(QDialogButtonBox.StandardButton.Cancel)]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    # -- values and validation ---------------------------------------------------------------
    def fields(self) -> dict[str, Any]:
        """The touchpoint's keyword arguments for ``touchpoints.log``."""
        return {name: editor.value() for name, editor in self.editors.items()}

    def commitments_made(self) -> list[dict[str, Any]]:
        return self.commitments.values()

    def _comparable(self) -> tuple[Any, ...]:
        values = self.fields()
        return (
            values,
            self.people.edit.text().strip(),
            [row.value() for row in self.commitments.rows],
        )

    def is_dirty(self) -> bool:
        return self._comparable() != self._initial

    def _show(self, label: QLabel, text: str) -> None:
        label.setText(text)
        label.show()

    def _on_edited(self, name: str) -> None:
        if self._quiet:
            return
        self._edited.add(name)
        self._check_timer.start()

    def _on_commitments_changed(self) -> None:
        if not self._quiet:
            self._check_timer.start()

    @property
    def check_pending(self) -> bool:
        """An edit is waiting for its check (made once the event loop's turn ends)."""
        return self._check_timer.isActive()

    def _shows(self, field: str | None) -> bool:
        """Whether a problem with ``field`` (None: with no one field) is shown yet."""
        if self._save_pressed:
            return True
        return bool(self._edited) if field is None else field in self._edited

    def validate(self) -> bool:
        """Check everything through ``services``; show each problem beside its field once that
        field was edited (or Save pressed). True when all is valid."""
        self._check_timer.stop()  # (checked now: what an edit asked for is done)
        with known_to_exist(stakeholders.KIND, self.names):
            return self._validate()

    def _validate(self) -> bool:
        for label in [*self.errors.values(), self.general_error]:
            label.hide()
        for row in self.commitments.rows:
            row.error.hide()
        fields = self.fields()
        clean, problem = self._check(fields)
        valid = problem is None
        shown = self._problem_to_show(fields, problem)
        if shown is not None:
            beside = self.errors.get(shown.field)
            self._show(beside or self.general_error, self._problem(shown) if beside else str(shown))
        placeholder = self._placeholder_person(fields["stakeholder_ids"])
        made_on = clean["occurred_on"] if clean else clock.local_day(fields["occurred_at"])
        for row in self.commitments.rows:
            if row.is_blank():
                continue
            if placeholder is None:
                continue  # the missing person is already said beside "who"
            try:
                commitments.KIND.validate(
                    {**row.value(), "stakeholder_id": placeholder, "made_on": made_on}
                )
            except ValidationError as exc:
                valid = False
                self._show(row.error, str(exc))
        # Save stays pressable: pressed with a problem, it says what and where.
        self.save_button.setEnabled(self.context.writable)
        return valid

    @staticmethod
    def _check(fields: Mapping[str, Any]) -> tuple[dict[str, Any] | None, ValidationError | None]:
        try:
            return touchpoints.KIND.validate(dict(fields)), None
        except ValidationError as exc:
            return None, exc

    def _problem_to_show(
        self, fields: Mapping[str, Any], problem: ValidationError | None
    ) -> ValidationError | None:
        """The first problem that may show yet. The service names only its first problem; when
        that is in a field nobody has touched (no one picked yet), the fields after it are
        checked with a stand-in there, so notes pasted too long say so at once."""
        checked = dict(fields)
        while problem is not None and not self._shows(
            problem.field if problem.field in self.errors else None
        ):
            stand_in = self._stand_in(problem.field)
            if stand_in is None or checked.get(problem.field) == stand_in:
                return None
            checked[problem.field] = stand_in
            problem = self._check(checked)[1]
        return problem

    def _stand_in(self, field: str) -> Any:
        """A valid value for an untouched field: anyone for "who", else its value at opening."""
        if field == "stakeholder_ids":
            anyone = self._placeholder_person(())
            return None if anyone is None else (anyone,)
        return self._initial[0].get(field)

    def _problem(self, exc: ValidationError) -> str:
        # (The service words its problem in the user's language: compare it so.)
        nobody = translation.translate("Validation", "name at least one person")
        if exc.field == "stakeholder_ids" and exc.problem == nobody:
            return self.tr("Name at least one person: type part of a name, then Enter")
        return exc.problem

    def _placeholder_person(self, ids: Sequence[int]) -> int | None:
        """Who the commitments are checked against: the first person picked, or anyone."""
        if ids:
            return ids[0]
        return next(iter(self.names), None)

    # -- saving and closing ------------------------------------------------------------------
    def _focus_first_problem(self) -> None:
        for name in QUICK_FIELDS:
            if self.errors[name].isVisible():
                self.editors[name].setFocus(Qt.FocusReason.OtherFocusReason)
                return
        for row in self.commitments.rows:
            if row.error.isVisible():
                row.text.setFocus(Qt.FocusReason.OtherFocusReason)
                return

    def save(self) -> None:
        if self.writing:
            return  # (Ctrl+Enter again while the last one is written)
        self._save_pressed = True
        # A name typed but not yet Entered counts when it names one person; one that names
        # several, or nobody, stops the save (with the list of them open) rather than be lost.
        if not self.people.pick_typed():
            self.validate()
            self.people.edit.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        if not self.validate():
            self._focus_first_problem()
            return
        fields = self.fields()
        made = self.commitments_made()
        who = ", ".join(self.names.get(sid, "?") for sid in fields["stakeholder_ids"])
        command = CreateRecord(
            self.context,
            LOGGED_TOUCHPOINT,
            fields,
            text=self.tr("Log touchpoint with {0}").format(who),
            create=lambda: touchpoints.log(commitments_made=made, **fields),
            record_id_of=lambda logged: logged.touchpoint.id,
            changes=(
                LOGGED_TOUCHPOINT.changes
                if made
                else Changes.of(Change.TOUCHPOINT, Change.STAKEHOLDER)
            ).with_people(  # (so views read again only these people's summaries)
                {
                    *fields["stakeholder_ids"],
                    *(p["stakeholder_id"] for p in made if p.get("stakeholder_id")),
                }
            ),
        )
        self._write(command)

    def _write(self, command: CreateRecord) -> None:
        """Write on a worker: a commit waits for the disk (10-100 ms on the GUI thread on the
        large demo). The window goes at once; if the write fails it comes back, all that was
        typed still in it, and says why. Done, the command goes on the undo stack."""
        self.writing = True
        self.hide()
        run_in_background(
            on_worker,
            command.do,
            on_success=lambda _none: self._written(command),
            on_error=lambda error: self._write_failed(command, error),
            name="log touchpoint",
        )

    def _written(self, command: CreateRecord) -> None:
        self.writing = False
        command.mark_executed()  # (the views are told; the push below does not write again)
        self.context.undo_stack.push(command)
        self.saved = command.result
        self._initial = self._comparable()
        self.accept()

    def _write_failed(self, command: CreateRecord, error: BaseException) -> None:
        self.writing = False
        self.show()
        self.raise_()
        self.activateWindow()
        if not isinstance(error, ServiceError | ReadOnlyDatabaseError | OSError):
            error = StorageProblem(storage_sentence(error))  # (as AppContext.run words it)
        self.context.show_error(command.text(), error)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        # A dialog's Enter presses its default button; here Enter picks a person or adds a
        # commitment line and must never save half-way: only Ctrl+Enter (or a click) saves.
        plain_enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
            event.modifiers() & Qt.KeyboardModifier.ControlModifier
        )
        if plain_enter:
            event.accept()
            return
        super().keyPressEvent(event)

    def reject(self) -> None:
        if self.is_dirty() and not self.confirm_discard():
            return
        super().reject()

    def confirm_discard(self) -> bool:
        return ask_discard(
            self,
            self.tr("Discard this touchpoint?"),
            self.tr("This touchpoint is not saved yet. Discard it?"),
        )


def open_quick_log(
    context: AppContext, parent: QWidget | None, stakeholder_ids: Sequence[int] = ()
) -> QuickLogDialog:
    """Show the quick log (non-modal) and return it; ``stakeholder_ids`` are filled in.

    The last one closed under ``parent`` is shown again, emptied (``start_over``); one is
    made only when none is closed (the first, or a second open beside the first).
    """
    owner = parent if parent is not None else context.parent_widget
    dialog = _closed_one(owner, context)
    if dialog is None:
        dialog = QuickLogDialog(
            context, stakeholders.names(), stakeholder_ids=stakeholder_ids, parent=owner
        )
        dialog.finished.connect(lambda _result, dialog=dialog: _keep_one(dialog))
    else:
        dialog.start_over(stakeholder_ids)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog


def _quick_logs(owner: QWidget | None) -> list[QuickLogDialog]:
    if owner is None:
        return []
    direct = Qt.FindChildOption.FindDirectChildrenOnly  # (the window's are a few dozen)
    return owner.findChildren(QuickLogDialog, options=direct)


def _closed_one(owner: QWidget | None, context: AppContext) -> QuickLogDialog | None:
    """A closed quick log of ``owner``'s to show again; those of a database closed since
    (another context) go."""
    found = None
    for dialog in _quick_logs(owner):
        if dialog.isVisible() or dialog.writing:
            continue
        if dialog.context is not context:
            dialog.deleteLater()
        elif found is None:
            found = dialog
    return found


def _keep_one(closed: QuickLogDialog) -> None:
    """One closed quick log is kept to show again; a second (two were open) goes."""
    others = [d for d in _quick_logs(closed.parentWidget()) if d is not closed]
    if any(not d.isVisible() for d in others):
        closed.deleteLater()
