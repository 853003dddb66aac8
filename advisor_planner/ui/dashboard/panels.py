"""The dashboard's two panels that are not charts: who needs attention now (with each one's
relationship health, as their page and the people list show it), each a click away from their
page or from logging a touchpoint, and this week's focus chosen in last week's reflection.

A person's cadence status and the attention formula are the domain's own sentences, shown as
given; the focus is one whole sentence from ``FOCUS_SENTENCES``, whichever of its parts are set.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from advisor_planner.domain import stakeholder_map
from advisor_planner.services.insights.relationships import PersonStatus
from advisor_planner.translation import QT_TRANSLATE_NOOP
from advisor_planner.ui.colours import blend
from advisor_planner.ui.context import AppContext
from advisor_planner.ui.i18n import translate
from advisor_planner.ui.stakeholder.facts import health_text, health_tooltip

ATTENTION_ROWS = 7

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


def plain_label(text: str, parent: QWidget, *, wrap: bool = True) -> QLabel:
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    return label


class AttentionPanel(QFrame):
    """Who needs attention: people past their cadence, most pressing first, each a click away
    from their page or from logging a touchpoint with them."""

    drawn = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("attentionPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.setAccessibleName(self.tr("Who needs attention"))
        self.setMinimumHeight(210)
        self.people: list[PersonStatus] = []
        self._waiting_for_paint = False
        title = plain_label(self.tr("Who needs attention"), self, wrap=False)
        font = QFont(title.font())
        font.setBold(True)
        title.setFont(font)
        self.headline = plain_label("", self, wrap=False)
        self.headline.setObjectName("headline")
        info = QToolButton(self)
        info.setAutoRaise(True)
        info.setText("ⓘ")
        from PySide6.QtGui import QIcon

        from advisor_planner.resources import icon_path

        info.setIcon(QIcon(str(icon_path("info"))))
        info.setAccessibleName(self.tr("About this list"))
        info.setToolTip(
            self.tr(
                "Stakeholders past their keep-in-touch cadence, most pressing first. Someone "
                "never contacted counts one whole cadence overdue. Click a name for their page, "
                "or Log to record a touchpoint with them."
            )
            + "\n\n"
            + stakeholder_map.attention_priority_formula()
        )
        header = QHBoxLayout()
        header.setContentsMargins(10, 6, 4, 0)
        header.addWidget(title)
        header.addWidget(self.headline, 1)
        header.addWidget(info)
        self.rows = QGridLayout()
        self.rows.setContentsMargins(10, 6, 10, 6)
        self.rows.setHorizontalSpacing(10)
        self.rows.setVerticalSpacing(2)
        self.rows.setColumnStretch(1, 1)
        self.empty = plain_label("", self)
        self.empty.setObjectName("attentionEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setContentsMargins(24, 12, 24, 12)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(1, 1, 1, 4)
        layout.addLayout(header)
        layout.addLayout(self.rows)
        layout.addWidget(self.empty, 1)
        layout.addStretch(1)
        self.name_buttons: list[QPushButton] = []
        self.health_labels: list[QLabel] = []
        self.log_buttons: list[QPushButton] = []
        self.empty.setText(self.tr("Loading…"))

    def set_people(self, everyone: list[PersonStatus]) -> None:
        from advisor_planner.services.insights.relationships import needs_attention

        overdue = [p for p in everyone if p.cadence.overdue]
        people = needs_attention(everyone, limit=ATTENTION_ROWS)
        if self.name_buttons and people == self.people:
            self._show_counts(overdue)
            return
        self.people = people
        while self.rows.count():
            item = self.rows.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.name_buttons, self.health_labels, self.log_buttons = [], [], []
        self._show_counts(overdue)
        if not self.people:
            self.empty.setText(
                self.tr("Everyone is within their keep-in-touch cadence. Well kept.")
                if everyone
                else self.tr("No stakeholders yet.")
            )
            self.empty.show()
        else:
            self.empty.hide()
        muted = blend(
            self.palette().color(QPalette.ColorRole.Text),
            self.palette().color(QPalette.ColorRole.Base),
            0.4,
        )
        for row, person in enumerate(self.people):
            self._add_row(row, person, muted)
        self.setAccessibleDescription(
            self.tr("{0} people past their cadence; most pressing: {1}").format(
                len(overdue), ", ".join(p.name for p in self.people[:3])
            )
            if self.people
            else self.empty.text()
        )
        self._waiting_for_paint = True
        self.update()

    def _add_row(self, row: int, person: PersonStatus, muted: QColor) -> None:
        """The person's name (opening their page), cadence status, health and a Log button."""
        name = QPushButton(person.name, self)
        name.setFlat(True)
        name.setObjectName(f"attentionName{row}")
        name.setStyleSheet("text-align: left; padding: 2px 4px;")
        name.setToolTip(self.tr("Open {0}'s page").format(person.name))
        name.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        name.clicked.connect(lambda _=False, sid=person.id: self._open(sid))
        status = plain_label(person.cadence.label, self, wrap=False)
        status.setToolTip(
            self.tr("Power {0} × interest {1} × {2} days overdue = priority {3}").format(
                person.power,
                person.interest,
                person.attention_priority // max(1, person.power * person.interest),
                person.attention_priority,
            )
        )
        health = plain_label(health_text(person.health), self, wrap=False)
        health.setObjectName(f"attentionHealth{row}")
        health.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        health.setToolTip(
            self.tr("Relationship health {0} / 100").format(health_text(person.health))
            + "\n"
            + health_tooltip(person)
        )
        for label in (status, health):
            palette = label.palette()
            palette.setColor(QPalette.ColorRole.WindowText, muted)
            label.setPalette(palette)
        log = QPushButton(self.tr("Log…"), self)
        log.setObjectName(f"attentionLog{row}")
        log.setToolTip(self.tr("Log a touchpoint with {0} (Ctrl+L)").format(person.name))
        log.setEnabled(self.context.writable)
        log.clicked.connect(lambda _=False, sid=person.id: self.log_with(sid))
        self.rows.addWidget(name, row, 0, 1, 2)
        self.rows.addWidget(status, row, 2)
        self.rows.addWidget(health, row, 3)
        self.rows.addWidget(log, row, 4)
        self.name_buttons.append(name)
        self.health_labels.append(health)
        self.log_buttons.append(log)

    def _show_counts(self, overdue: list[PersonStatus]) -> None:
        key_overdue = sum(1 for p in overdue if p.key)
        self.headline.setText(
            self.tr("{0} overdue, {1} of them key").format(len(overdue), key_overdue)
            if overdue
            else ""
        )

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        if self._waiting_for_paint:
            self._waiting_for_paint = False
            self.drawn.emit()

    def _open(self, stakeholder_id: int) -> None:
        from advisor_planner.charts.base import RecordLink

        self.context.navigate.emit(RecordLink("stakeholder", stakeholder_id))

    def log_with(self, stakeholder_id: int) -> QWidget:
        from advisor_planner.ui.quick_log import open_quick_log

        self.last_dialog = open_quick_log(
            self.context, self.window(), stakeholder_ids=(stakeholder_id,)
        )
        return self.last_dialog


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
