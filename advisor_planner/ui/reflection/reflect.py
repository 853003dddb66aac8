"""Step 2 of the weekly reflection: the prompts of ``resources/reflection/prompts.json``.

A prompt with a ``field`` is saved in that column of the reflection; any other is kept in its
``answers`` by the prompt's id, beside answers to prompts no longer in the file (kept, not
shown, so editing the file never loses what was written).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from advisor_planner.services import prompts, reflections
from advisor_planner.ui.record_form import error_label
from advisor_planner.ui.reflection.widgets import StepPage, plain_label


class ReflectPage(StepPage):
    """One box per prompt (``answers``, by prompt id), each with its message underneath."""

    def __init__(
        self,
        prompt_set: prompts.PromptSet,
        record: reflections.Reflection | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.prompts = prompt_set
        inner = QWidget()
        column = QVBoxLayout(inner)
        self.answers: dict[str, QPlainTextEdit] = {}
        self.answer_errors: dict[str, QLabel] = {}
        stored = record.answer_map if record else {}
        for prompt in self.prompts.prompts:
            column.addWidget(plain_label(prompt.title, inner, bold=True))
            column.addWidget(plain_label(prompt.question, inner))
            edit = QPlainTextEdit(inner)
            edit.setObjectName(f"answer_{prompt.id}")
            edit.setTabChangesFocus(True)
            edit.setMinimumHeight(64)
            edit.setMaximumHeight(120)
            edit.setAccessibleName(prompt.title)
            text = getattr(record, prompt.field) if record and prompt.field else None
            edit.setPlainText(text if text is not None else str(stored.get(prompt.id, "")))
            self.answers[prompt.id] = edit
            column.addWidget(edit)
            problem = error_label(inner)
            self.answer_errors[prompt.id] = problem
            column.addWidget(problem)
        column.addStretch(1)
        self._scrolled(inner)

    def values(self, record: reflections.Reflection | None) -> dict[str, Any]:
        values: dict[str, Any] = {}
        extra: dict[str, str] = dict(record.answer_map) if record else {}
        for prompt in self.prompts.prompts:
            text = self.answers[prompt.id].toPlainText()
            if prompt.field:
                values[prompt.field] = text
            else:
                extra[prompt.id] = text
        values["answers"] = {key: text for key, text in extra.items() if text}
        return values

    def too_long(self) -> bool:
        over = False
        for prompt in self.prompts.prompts:
            # Every box is checked (no early return) so each shows or clears its message.
            over = self._over_limit(self.answers[prompt.id], self.answer_errors[prompt.id]) or over
        return over

    def first_focus(self) -> QWidget | None:
        return next(iter(self.answers.values()), None)
