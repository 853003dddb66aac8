"""The quick log's promises: the commitments made in the meeting, a line of text and a due date
each, added with a button or Enter and each removable (``ui.quick_log``)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from advisor_planner.ui.fields import DateEditor
from advisor_planner.ui.record_form import error_label


class CommitmentRow(QWidget):
    """One promise: what, and by when (optional), with a button that takes it off the list."""

    changed = Signal()
    next_requested = Signal()
    remove_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = QLineEdit(self)
        self.text.setPlaceholderText(self.tr("What I promised (Enter for another)"))
        self.text.setAccessibleName(self.tr("Commitment"))
        self.due = DateEditor(optional=True, parent=self)
        self.due.setAccessibleName(self.tr("Due date"))
        self.due.setToolTip(self.tr("Tick to set a due date"))
        self.remove_button = QToolButton(self)
        self.remove_button.setText("✕")
        self.remove_button.setToolTip(self.tr("Remove this commitment"))
        self.remove_button.setAccessibleName(self.tr("Remove this commitment"))
        self.error = error_label(self)
        due_label = QLabel(self.tr("due"), self)
        due_label.setBuddy(self.due)
        line = QHBoxLayout()
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.text, 3)
        line.addWidget(due_label)
        line.addWidget(self.due, 2)
        line.addWidget(self.remove_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addLayout(line)
        column.addWidget(self.error)
        self.setFocusProxy(self.text)
        self.text.textChanged.connect(self.changed)
        self.due.changed.connect(self.changed)
        self.text.returnPressed.connect(self.next_requested)
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self))

    def value(self) -> dict[str, Any]:
        return {"text": self.text.text(), "due_on": self.due.value()}

    def is_blank(self) -> bool:
        value = self.value()
        return not value["text"].strip() and value["due_on"] is None

    def focus_chain(self) -> list[QWidget]:
        chain: list[QWidget] = [self.text]
        if self.due.enabled is not None:
            chain.append(self.due.enabled)
        chain += [self.due.edit, self.remove_button]
        return chain


class CommitmentList(QWidget):
    """The commitments made in the meeting: rows added with a button or Enter, each removable."""

    changed = Signal()
    rows_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[CommitmentRow] = []
        self.add_button = QPushButton(self.tr("Add commitment"), self)
        self.add_button.setObjectName("addCommitment")
        self.add_button.setAutoDefault(False)
        self.add_button.setToolTip(self.tr("A promise made in this meeting, with a due date"))
        self.add_button.clicked.connect(lambda: self.add_row())
        self.row_layout = QVBoxLayout()
        self.row_layout.setContentsMargins(0, 0, 0, 0)
        self.row_layout.setSpacing(4)
        button_line = QHBoxLayout()
        button_line.setContentsMargins(0, 0, 0, 0)
        button_line.addWidget(self.add_button)
        button_line.addStretch(1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        column.addLayout(self.row_layout)
        column.addLayout(button_line)

    def add_row(self, *, focus: bool = True) -> CommitmentRow:
        row = CommitmentRow(self)
        row.setObjectName(f"commitment_{len(self.rows)}")
        row.changed.connect(self.changed)
        row.next_requested.connect(lambda row=row: self._next_after(row))
        row.remove_requested.connect(self.remove_row)
        self.rows.append(row)
        self.row_layout.addWidget(row)
        row.show()  # now, not when the layout gets round to it: it takes focus at once
        self.rows_changed.emit()
        self.changed.emit()
        if focus:
            row.text.setFocus(Qt.FocusReason.OtherFocusReason)
        return row

    def _next_after(self, row: CommitmentRow) -> None:
        if row.is_blank():
            return
        position = self.rows.index(row)
        if position + 1 < len(self.rows):
            self.rows[position + 1].text.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.add_row()

    def remove_row(self, row: CommitmentRow) -> None:
        if row not in self.rows:
            return
        position = self.rows.index(row)
        had_focus = row.isAncestorOf(self.focusWidget()) if self.focusWidget() else False
        self.rows.remove(row)
        self.row_layout.removeWidget(row)
        row.hide()
        row.deleteLater()
        self.rows_changed.emit()
        self.changed.emit()
        if had_focus:
            target = self.rows[min(position, len(self.rows) - 1)].text if self.rows else None
            (target or self.add_button).setFocus(Qt.FocusReason.OtherFocusReason)

    def values(self) -> list[dict[str, Any]]:
        """The filled-in rows (blank ones are ignored)."""
        return [row.value() for row in self.rows if not row.is_blank()]

    def focus_chain(self) -> list[QWidget]:
        chain: list[QWidget] = []
        for row in self.rows:
            chain += row.focus_chain()
        return [*chain, self.add_button]
