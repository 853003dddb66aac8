"""The dashboard's focus strip: this week's focus chosen in last week's reflection. (The other
panel that is not a chart, who needs attention now, is ``attention``.)

The focus is one whole sentence from ``FOCUS_SENTENCES``, whichever of its parts are set.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QWidget

from advisor_planner.translation import QT_TRANSLATE_NOOP
from advisor_planner.ui.context import AppContext
from advisor_planner.ui.dashboard.attention import plain_label
from advisor_planner.ui.i18n import translate

#: The focus strip's sentence for each combination of its parts that are set: the people to
#: reach, the goals to move, the promises to keep and the reflection's own note, in that order.
#: (A data table: one whole sentence each, so a translation may order and join them its way.)
FOCUS_SENTENCES: dict[tuple[str, ...], str] = {
    ("people",): QT_TRANSLATE_NOOP("FocusPanel", "Reach {0}."),
    ("goals",): QT_TRANSLATE_NOOP("FocusPanel", "Move {0}."),
    ("promises",): QT_TRANSLATE_NOOP("FocusPanel", "Keep {0}."),
    ("people", "goals"): QT_TRANSLATE_NOOP("FocusPanel", "Reach {0}; move {1}."),
    ("people", "promises"): QT_TRANSLATE_NOOP("FocusPanel", "Reach {0}; keep {1}."),
    ("goals", "promises"): QT_TRANSLATE_NOOP("FocusPanel", "Move {0}; keep {1}."),
    ("people", "goals", "promises"): QT_TRANSLATE_NOOP(
        "FocusPanel", "Reach {0}; move {1}; keep {2}."
    ),
    ("note",): QT_TRANSLATE_NOOP("FocusPanel", "“{0}”"),
    ("people", "note"): QT_TRANSLATE_NOOP("FocusPanel", "Reach {0}; “{1}”"),
    ("goals", "note"): QT_TRANSLATE_NOOP("FocusPanel", "Move {0}; “{1}”"),
    ("promises", "note"): QT_TRANSLATE_NOOP("FocusPanel", "Keep {0}; “{1}”"),
    ("people", "goals", "note"): QT_TRANSLATE_NOOP("FocusPanel", "Reach {0}; move {1}; “{2}”"),
    ("people", "promises", "note"): QT_TRANSLATE_NOOP("FocusPanel", "Reach {0}; keep {1}; “{2}”"),
    ("goals", "promises", "note"): QT_TRANSLATE_NOOP("FocusPanel", "Move {0}; keep {1}; “{2}”"),
    ("people", "goals", "promises", "note"): QT_TRANSLATE_NOOP(
        "FocusPanel", "Reach {0}; move {1}; keep {2}; “{3}”"
    ),
}


class FocusPanel(QFrame):
    """This week's focus, chosen in last week's reflection: who to reach (ticked once seen),
    the goals to move, the promises to keep (ticked once closed), and a button to this week's
    reflection."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("focusPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.setAccessibleName(self.tr("This week's focus"))
        title = plain_label(self.tr("This week's focus"), self, wrap=False)
        font = QFont(title.font())
        font.setBold(True)
        title.setFont(font)
        self.text = plain_label("", self)
        self.text.setObjectName("focusText")
        self.reflect_button = QPushButton(self.tr("This week's reflection…"), self)
        self.reflect_button.setObjectName("focusReflect")
        self.reflect_button.setToolTip(self.tr("The guided weekly session (Ctrl+R)"))
        self.reflect_button.clicked.connect(self.open_reflection)
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 6, 10, 6)
        row.addWidget(title)
        row.addWidget(self.text, 1)
        row.addWidget(self.reflect_button)

    def set_focus(self, focus: Any) -> None:
        if focus.chosen_in is None:
            self.text.setText(
                self.tr(
                    "No focus set for this week. The weekly reflection ends with choosing "
                    "who to reach and which goals to move."
                )
            )
        else:
            self.text.setText(focus_sentence(focus))
        self.reflect_button.setText(
            self.tr("Open this week's reflection…")
            if focus.this_week_done
            else self.tr("This week's reflection…")
        )

    def open_reflection(self) -> None:
        from advisor_planner.charts.base import RecordLink

        self.context.navigate.emit(RecordLink("reflection"))


def focus_sentence(focus: Any) -> str:
    """ "Reach Ada ✓, Raj; move “Cloud cost”": the focus chosen, with who has been seen (✓)
    and which promises are closed (✓); "" when the reflection chose nothing."""
    parts: dict[str, str] = {}
    if focus.people:
        parts["people"] = ", ".join(name + " ✓" if met else name for _id, name, met in focus.people)
    if focus.goals:
        # Quoted, as promises are: a title is a phrase of its own ("… to Sales").
        parts["goals"] = ", ".join(f"“{title}”" for _id, title in focus.goals)
    if focus.commitments:
        parts["promises"] = ", ".join(
            f"“{text}”" + (" ✓" if closed else "") for _id, text, closed in focus.commitments
        )
    if focus.note:
        parts["note"] = focus.note
    if not parts:
        return ""
    values = list(parts.values())
    sentence = translate("FocusPanel", FOCUS_SENTENCES[tuple(parts)]).format(*values)
    # A goal's title or a quoted promise that ends a sentence of its own keeps its own stop.
    if sentence.endswith(".") and values[-1][-1:] in (".", "!", "?", "”"):
        sentence = sentence[:-1]
    return sentence
