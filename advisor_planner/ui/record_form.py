"""A dialog that edits one record, built from a list of fields.

It validates through ``services`` as you type (the same rules the save will apply), shows the
problem beside the field it concerns and keeps Save disabled until the form is valid. Saving
runs an undoable create or edit; if the write fails the dialog stays open with what was typed.
Ctrl+Enter saves from any field; closing with changes asks whether to discard them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from advisor_planner.services.errors import ServiceError, ValidationError
from advisor_planner.ui.commands import CreateRecord, RecordApi, UpdateRecord
from advisor_planner.ui.context import AppContext
from advisor_planner.ui.fields import FieldEditor
from advisor_planner.ui.i18n import FIELD, translate

ERROR_COLOUR = QColor("#c62828")  # on a light background (5.6:1 on white)
ERROR_COLOUR_ON_DARK = QColor("#ef7070")  # the same red, readable on a dark one (~5:1)


def error_colour(palette: QPalette) -> QColor:
    """The error red for ``palette``'s window: #c62828 was ~2.6:1 on a dark theme."""
    dark = palette.color(QPalette.ColorRole.Window).lightnessF() < 0.5
    return ERROR_COLOUR_ON_DARK if dark else ERROR_COLOUR


@dataclass(frozen=True)
class FieldSpec:
    name: str  # the services keyword
    # Source texts, marked ``QT_TRANSLATE_NOOP("Field", ...)``: the form translates them.
    label: str
    make: Callable[[QWidget], FieldEditor]
    hint: str = ""


def error_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, error_colour(palette))
    label.setPalette(palette)
    label.hide()
    return label


def ask_discard(parent: QWidget, title: str, question: str) -> bool:
    """Ask whether to throw away unsaved changes; Cancel (keep them) is the default."""
    answer = QMessageBox.question(
        parent,
        title,
        question,
        QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Discard


def _fields_of(record: Any) -> dict[str, Any]:
    import dataclasses

    return {f.name: getattr(record, f.name) for f in dataclasses.fields(record)}


class RecordDialog(QDialog):
    """Create (``record`` None) or edit one record of ``api``'s kind."""

    def __init__(
        self,
        context: AppContext,
        api: RecordApi,
        fields: Sequence[FieldSpec],
        *,
        record: Any | None = None,
        initial: Mapping[str, Any] | None = None,
        title: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent or context.parent_widget)
        self.context = context
        self.api = api
        self.record = record
        self.saved: Any = None
        self.setWindowTitle(
            title or (self.tr("Edit {0}") if record else self.tr("New {0}")).format(api.noun)
        )
        self.setObjectName(f"{api.kind.replace(' ', '_')}Dialog")
        self.setMinimumWidth(480)

        # (Kept for the forms that rearrange them: a goal's puts its lists beside the fields.)
        self.form_layout = self._field_rows(fields)
        self.general_error = error_label(self)
        self._save_cancel_buttons()

        self.main_layout = QVBoxLayout(self)
        self.main_layout.addLayout(self.form_layout)
        self.main_layout.addWidget(self.general_error)
        self.main_layout.addWidget(self.buttons)

        for sequence in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(sequence), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(self.save)

        self._fill_editors(initial or {})
        self._initial = self.values()
        # A problem shows beside a field once the field has been touched (or Save pressed),
        # so a new form does not open covered in complaints; Save stays disabled regardless.
        self._touched: set[str] = set()
        self._show_all = record is not None
        for name, editor in self.editors.items():
            editor.changed.connect(lambda name=name: self._touch(name))
        self.validate()
        if self.editors:
            next(iter(self.editors.values())).setFocus()

    def _field_rows(self, fields: Sequence[FieldSpec]) -> QFormLayout:
        """One row per field: its label, its editor and, under it, the editor's problem."""
        self.editors: dict[str, FieldEditor] = {}
        self.errors: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        for spec in fields:
            editor = spec.make(self)
            editor.setObjectName(f"field_{spec.name}")
            label_text = translate(FIELD, spec.label)
            editor.setAccessibleName(label_text)
            if spec.hint:
                editor.setToolTip(translate(FIELD, spec.hint))
            self.editors[spec.name] = editor
            holder = QWidget(self)
            column = QVBoxLayout(holder)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(2)
            column.addWidget(editor)
            self.errors[spec.name] = error_label(holder)
            column.addWidget(self.errors[spec.name])
            label = QLabel(label_text, self)
            label.setBuddy(editor)
            form.addRow(label, holder)
        return form

    def _save_cancel_buttons(self) -> None:
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("saveButton")
        self.save_button.setToolTip(self.tr("Save (Ctrl+Enter)"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

    def _fill_editors(self, initial: Mapping[str, Any]) -> None:
        """Fill the editors: ``initial`` over the record being edited, or over the defaults
        services would give a new record."""
        start = dict(initial)
        if self.record is not None:
            start = {name: getattr(self.record, name) for name in self.editors} | start
        else:
            start = self.api.defaults() | start
        for name, value in start.items():
            if name in self.editors:
                self.editors[name].set_value(value)

    # -- values and validation ---------------------------------------------------------------
    def values(self) -> dict[str, Any]:
        return {name: editor.value() for name, editor in self.editors.items()}

    def full_values(self) -> dict[str, Any]:
        """What ``validate`` sees: the record's other fields as they are, plus the form's."""
        base: dict[str, Any] = {}
        if self.record is not None:
            base = {
                name: value
                for name, value in _fields_of(self.record).items()
                if name not in ("id", "created_at", "updated_at")
            }
        return base | self.hidden_values() | self.values()

    def hidden_values(self) -> dict[str, Any]:
        """Fields the form does not show but a new record needs (the person it is for...)."""
        return dict(getattr(self, "_hidden", {}))

    def set_hidden(self, **values: Any) -> None:
        self._hidden = values
        self.validate()

    def is_dirty(self) -> bool:
        return self.values() != self._initial

    def _touch(self, name: str) -> None:
        self._touched.add(name)
        self.validate()

    def validate(self) -> bool:
        for label in [*self.errors.values(), self.general_error]:
            label.hide()
        try:
            self.api.validate(self.full_values())
        except ValidationError as exc:
            label = self.errors.get(exc.field, self.general_error)
            label.setText(exc.problem if label is not self.general_error else str(exc))
            touched: set[str] = getattr(self, "_touched", set())
            if (
                getattr(self, "_show_all", False)
                or exc.field in touched
                or (label is self.general_error and touched)
            ):
                label.show()
            self.save_button.setEnabled(False)
            return False
        self.save_button.setEnabled(self.context.writable)
        return True

    # -- saving and closing ------------------------------------------------------------------
    def save(self) -> None:
        self._show_all = True
        if not self.validate():
            return
        command: CreateRecord | UpdateRecord
        if self.record is None:
            command = CreateRecord(self.context, self.api, self.hidden_values() | self.values())
        else:
            changes = {k: v for k, v in self.values().items() if v != getattr(self.record, k)}
            if not changes:
                self.accept()
                return
            try:
                command = UpdateRecord(self.context, self.api, self.record.id, changes)
            except ServiceError as exc:  # deleted meanwhile, say: tell, keep what was typed
                self.context.show_error(self.tr("Save"), exc)
                return
        if self.context.run(command):
            self.saved = command.result
            self._initial = self.values()
            self.accept()

    def reject(self) -> None:
        if self.is_dirty() and not self.confirm_discard():
            return
        super().reject()

    def confirm_discard(self) -> bool:
        return ask_discard(
            self,
            self.tr("Discard changes?"),
            self.tr("This {0} has changes that are not saved. Discard them?").format(self.api.noun),
        )
