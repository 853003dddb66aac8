"""The weekly reflection session: five steps from the week's evidence to next week's focus.

``ReflectionSession`` is a window titled "Weekly Reflection — 2026-W49". Back and Next
(Alt+Left and Alt+Right) move between the steps:

1. **Evidence**, assembled from ``services.evidence`` with no typing: the week's touchpoints by
   person and channel, commitments that fell due (kept, late, still open), key stakeholders
   who slipped past their cadence, trust checks and feedback, goal checkpoints and milestones,
   and last week's focus set against what happened. Enter or a double-click opens an item.
2. **Reflect**: the prompts of ``resources/reflection/prompts.json`` (``services.prompts``).
3. **Self-ratings**, 1–5 with labelled anchors: Goleman's five components of emotional
   intelligence, and energy. A digit key sets the rating of the row with the focus.
4. **Next week's focus**: the people to reach (the neglected key ones first), the commitments
   to close and the brand goals to move, plus a trust check for anyone whose view changed.
5. **Summary**: the week in a few lines, the streak and the habit's strength; Finish
   (Ctrl+Enter) marks the week done.

Every step is saved as the user moves on (and when the window closes): a half-done session is
a draft, and opening the week again resumes at the step where it was left. Drafts are saved
straight through ``services`` rather than as undo steps (one per click of Next would bury the
undo history); deleting a reflection from the list is undoable as usual. Text longer than
the services' limit is kept in its box with a message, and the step does not move on.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QFont, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from advisor_planner.charts.base import RecordLink
from advisor_planner.domain.enums import Channel
from advisor_planner.services import (
    clock,
    commitments,
    evidence,
    goals,
    prompts,
    reflections,
    stakeholders,
)
from advisor_planner.services import validation as v
from advisor_planner.services.errors import ServiceError
from advisor_planner.ui.context import AppContext
from advisor_planner.ui.record_form import error_label

STEPS = ("Evidence", "Reflect", "Self-ratings", "Next week's focus", "Summary")
EVIDENCE, REFLECT, RATINGS, FOCUS, SUMMARY = range(len(STEPS))
LINK_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
REFLECTION_KINDS = ("reflection",)
_STEP_SETTING = "reflection/step/{0}"

# (field, label, what a 5 means), Goleman's components of emotional intelligence.
EI_RATINGS = (
    ("self_awareness", "Self-awareness", "I noticed my moods and how they affected others"),
    ("self_regulation", "Self-regulation", "I paused before reacting and kept my word"),
    ("motivation", "Motivation", "I worked towards what matters, not only what was urgent"),
    ("empathy", "Empathy", "I understood how others saw things before I answered"),
    ("social_skill", "Social skill", "I built rapport and moved people towards common ground"),
)


def _label(text: str, parent: QWidget, *, bold: bool = False, wrap: bool = True) -> QLabel:
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    if bold:
        font = QFont(label.font())
        font.setBold(True)
        label.setFont(font)
    return label


def _names(ids: list[int] | tuple[int, ...], names: dict[int, str]) -> str:
    return ", ".join(names.get(i, f"#{i}") for i in ids)


# -- step 1 -----------------------------------------------------------------------------------
class EvidenceView(QTreeWidget):
    """The week's evidence as groups of items; each item opens its record."""

    activated_link = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reflectionEvidence")
        self.setHeaderHidden(True)
        self.setAccessibleName(self.tr("This week's evidence"))
        self.setUniformRowHeights(True)
        self.itemActivated.connect(self._activated)
        self.groups: dict[str, QTreeWidgetItem] = {}

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        link = item.data(0, LINK_ROLE)
        if link is not None:
            self.activated_link.emit(link)

    def _group(self, key: str, title: str, count: int) -> QTreeWidgetItem:
        group = QTreeWidgetItem(self, [f"{title} ({count})" if count else title])
        font = QFont(self.font())
        font.setBold(True)
        group.setFont(0, font)
        group.setData(0, ID_ROLE, count)
        group.setExpanded(True)
        self.groups[key] = group
        return group

    def _item(self, group: QTreeWidgetItem, text: str, link: RecordLink | None = None) -> None:
        item = QTreeWidgetItem(group, [text])
        item.setToolTip(0, text)
        if link is not None:
            item.setData(0, LINK_ROLE, link)

    def _none(self, group: QTreeWidgetItem, text: str) -> None:
        item = QTreeWidgetItem(group, [text])
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        item.setForeground(0, self.palette().placeholderText())

    def show_evidence(self, week: evidence.WeekEvidence) -> None:
        self.clear()
        self.groups = {}
        names = week.names
        count = len(week.touchpoints)
        group = self._group("touchpoints", self.tr("Touchpoints"), count)
        if count:
            channels = ", ".join(
                f"{self.tr(Channel(c).label)} {n}"
                for c, n in sorted(week.touchpoints_by_channel.items(), key=lambda kv: -kv[1])
            )
            self._item(
                group,
                self.tr("By channel: {0}").format(channels),
                RecordLink("touchpoints", start=week.monday, end=week.sunday),
            )
            for sid, n in sorted(
                week.touchpoints_by_person.items(), key=lambda kv: (-kv[1], names.get(kv[0], ""))
            ):
                times = self.tr("once") if n == 1 else self.tr("{0} times").format(n)
                self._item(
                    group, f"{names.get(sid, '?')} — {times}", RecordLink("stakeholder", sid)
                )
        else:
            self._none(group, self.tr("No touchpoints this week."))

        due = week.commitments_due
        group = self._group("commitments", self.tr("Commitments due"), len(due))
        shown = {c.id for c in [*week.kept, *week.late, *week.still_open]}
        for label, items in (
            (self.tr("Kept"), week.kept),
            (self.tr("Late or broken"), week.late),
            (self.tr("Still open"), [c for c in week.still_open if c not in week.late]),
            (self.tr("Renegotiated or cancelled"), [c for c in due if c.id not in shown]),
        ):
            for c in items:
                to = names.get(c.stakeholder_id, "?")
                self._item(group, f"{label}: {c.text} — {to}", RecordLink("commitment", c.id))
        if not due:
            self._none(group, self.tr("No commitment fell due this week."))

        group = self._group(
            "slipped", self.tr("Key stakeholders past their cadence"), len(week.slipped)
        )
        for person in week.slipped:
            self._item(
                group,
                f"{person.name} — {self.tr(person.cadence.label)}",
                RecordLink("stakeholder", person.id),
            )
        if not week.slipped:
            self._none(group, self.tr("Every key stakeholder is within their cadence."))

        heard = len(week.trust_checks) + len(week.feedback)
        group = self._group("trust", self.tr("Trust checks and feedback"), heard)
        for check in week.trust_checks:
            self._item(
                group,
                self.tr("Trust check: {0}, quotient {1:.1f}").format(
                    names.get(check.stakeholder_id, "?"), check.quotient
                ),
                RecordLink("trust check", check.id, owner_id=check.stakeholder_id),
            )
        for item in week.feedback:
            first = " ".join(item.text.split())[:80]
            self._item(
                group,
                self.tr("Feedback from {0}: {1}").format(
                    names.get(item.stakeholder_id, "?"), first
                ),
                RecordLink("stakeholder", item.stakeholder_id),
            )
        if not heard:
            self._none(group, self.tr("No trust check or feedback recorded this week."))

        moved = len(week.checkpoints) + len(week.milestones)
        group = self._group("goals", self.tr("Goal checkpoints and milestones"), moved)
        titles = {g.id: g.title for g in goals.list_all()} if moved else {}
        for point in week.checkpoints:
            self._item(
                group,
                self.tr("{0}: {1:g} on {2}").format(
                    titles.get(point.goal_id, "?"), point.value, point.recorded_on
                ),
                RecordLink("brand goal", point.goal_id),
            )
        for milestone in week.milestones:
            state = (
                self.tr("done")
                if milestone.done_on
                else self.tr("due {0}").format(milestone.due_on)
            )
            self._item(
                group,
                f"{titles.get(milestone.goal_id, '?')}: {milestone.title} ({state})",
                RecordLink("brand goal", milestone.goal_id),
            )
        if not moved:
            self._none(group, self.tr("No goal moved this week."))

        group = self._group("focus", self.tr("Last week's focus"), 0)
        if week.focus is None:
            self._none(group, self.tr("Last week's reflection named no one to focus on."))
        else:
            self._item(group, week.focus.sentence)
            for sid in week.focus.missed_ids:
                self._item(
                    group,
                    self.tr("Not seen: {0}").format(names.get(sid, "?")),
                    RecordLink("stakeholder", sid),
                )

    def counts(self) -> dict[str, int]:
        """How many items each group holds (what the group titles show)."""
        return {key: int(group.data(0, ID_ROLE) or 0) for key, group in self.groups.items()}


# -- step 3 -----------------------------------------------------------------------------------
class RatingRow(QWidget):
    """One 1–5 rating as a row of labelled choices; the digit keys 1–5 pick one."""

    changed = Signal()

    def __init__(
        self, label: str, meaning: str, anchors: dict[int, str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: dict[int, QRadioButton] = {}
        row = QHBoxLayout()
        row.setSpacing(14)
        for score, anchor in anchors.items():
            button = QRadioButton(f"{score} {anchor}", self)
            button.installEventFilter(self)
            self.group.addButton(button, score)
            self.buttons[score] = button
            row.addWidget(button)
        row.addStretch(1)
        self.group.idClicked.connect(lambda _id: self.changed.emit())
        title = _label(label, self, bold=True, wrap=False)
        hint = _label(meaning, self)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 4, 0, 4)
        column.setSpacing(2)
        column.addWidget(title)
        column.addWidget(hint)
        column.addLayout(row)
        self.setAccessibleName(label)
        self.setFocusProxy(self.buttons[min(self.buttons)])

    def value(self) -> int | None:
        score = self.group.checkedId()
        return score if score > 0 else None

    def set_value(self, score: int | None) -> None:
        if score in self.buttons:
            self.buttons[score].setChecked(True)
            self.setFocusProxy(self.buttons[score])
        else:
            self.group.setExclusive(False)
            for button in self.buttons.values():
                button.setChecked(False)
            self.group.setExclusive(True)

    def eventFilter(self, watched: Any, event: Any) -> bool:  # noqa: N802 - Qt override
        if isinstance(event, QKeyEvent) and event.type() == QKeyEvent.Type.KeyPress:
            text = event.text()
            if text.isdigit() and int(text) in self.buttons:
                button = self.buttons[int(text)]
                button.setChecked(True)
                button.setFocus(Qt.FocusReason.ShortcutFocusReason)
                self.changed.emit()
                return True
        return super().eventFilter(watched, event)


# -- the session ------------------------------------------------------------------------------
class ReflectionSession(QDialog):
    """One week's guided reflection; see the module's docstring."""

    finished_week = Signal(str)  # the week, once Finish has saved it as done

    def __init__(self, context: AppContext, week: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.week = reflections.parse_week("week", week)
        self.monday, self.sunday = clock.week_bounds(self.week)
        self.setObjectName("reflectionSession")
        self.setWindowTitle(
            self.tr("Weekly Reflection — {0} ({1} – {2})").format(
                self.week, self.monday.strftime("%d %b"), self.sunday.strftime("%d %b %Y")
            )
        )
        self.setModal(False)
        self.resize(860, 640)
        self.record = reflections.for_week(week=self.week)
        self.prompts = prompts.load_prompts()
        self.evidence = evidence.week_evidence(week=self.week)
        self.names = self.evidence.names
        self.saved_count = 0
        self.last_error = ""
        self._built: set[int] = set()

        self.step_labels: list[QLabel] = []
        steps_row = QHBoxLayout()
        steps_row.setSpacing(4)
        for index, title in enumerate(STEPS):
            label = _label(f"{index + 1}  {self.tr(title)}", self, wrap=False)
            label.setContentsMargins(8, 4, 8, 4)
            self.step_labels.append(label)
            steps_row.addWidget(label)
            if index < len(STEPS) - 1:
                steps_row.addWidget(_label("›", self, wrap=False))
        steps_row.addStretch(1)

        self.stack = QStackedWidget(self)
        for _ in STEPS:
            self.stack.addWidget(QWidget(self.stack))
        self.pages: dict[int, QWidget] = {}

        self.error = error_label(self)
        self.back_button = QPushButton(self.tr("&Back"), self)
        self.back_button.setObjectName("reflectionBack")
        self.back_button.setToolTip(self.tr("The step before (Alt+Left)"))
        self.next_button = QPushButton(self.tr("&Next"), self)
        self.next_button.setObjectName("reflectionNext")
        self.next_button.setToolTip(self.tr("The next step (Alt+Right); every step is saved"))
        self.finish_button = QPushButton(self.tr("&Finish"), self)
        self.finish_button.setObjectName("reflectionFinish")
        self.finish_button.setToolTip(self.tr("Mark this week's reflection done (Ctrl+Enter)"))
        self.close_button = QPushButton(self.tr("Close"), self)
        self.close_button.setToolTip(self.tr("Close; what you wrote is kept as a draft"))
        self.back_button.clicked.connect(self.back)
        self.next_button.clicked.connect(self.next)
        self.finish_button.clicked.connect(self.finish)
        self.close_button.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.close_button)
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.next_button)
        buttons.addWidget(self.finish_button)
        for keys, slot in (
            ("Alt+Right", self.next),
            ("Alt+Left", self.back),
            ("Ctrl+Return", self._finish_or_next),
            ("Ctrl+Enter", self._finish_or_next),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(slot)

        layout = QVBoxLayout(self)
        layout.addLayout(steps_row)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)

        start = self._resume_step()
        self.show_step(start)
        if not context.writable:
            self.error.setText(
                self.tr("The database is read-only: what you write here cannot be saved.")
            )
            self.error.show()

    # -- steps -------------------------------------------------------------------------------
    @property
    def step(self) -> int:
        return self.stack.currentIndex()

    def _resume_step(self) -> int:
        saved = self.context.settings.value(_STEP_SETTING.format(self.week))
        if self.record is None:
            return EVIDENCE
        try:
            return max(EVIDENCE, min(SUMMARY, int(saved)))
        except (TypeError, ValueError):
            return SUMMARY if self.record.completed_at else REFLECT

    def page(self, step: int) -> QWidget:
        """The page of ``step``, built the first time it is shown (only the evidence is
        built when the session opens)."""
        if step not in self.pages:
            build = (
                self._build_evidence,
                self._build_reflect,
                self._build_ratings,
                self._build_focus,
                self._build_summary,
            )[step]
            page = build()
            placeholder = self.stack.widget(step)
            self.stack.insertWidget(step, page)
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
            self.pages[step] = page
        return self.pages[step]

    def show_step(self, step: int) -> None:
        self.page(step)
        if step == SUMMARY:
            self._fill_summary()
        self.stack.setCurrentIndex(step)
        self.context.settings.setValue(_STEP_SETTING.format(self.week), step)
        for index, label in enumerate(self.step_labels):
            font = QFont(label.font())
            font.setBold(index == step)
            label.setFont(font)
            label.setEnabled(index <= step or index in self.pages)
        self.back_button.setEnabled(step > EVIDENCE)
        self.next_button.setVisible(step < SUMMARY)
        self.finish_button.setVisible(step == SUMMARY)
        self.finish_button.setEnabled(self.context.writable)
        focus = {
            EVIDENCE: getattr(self, "evidence_view", None),
            REFLECT: next(iter(getattr(self, "answers", {}).values()), None),
            RATINGS: next(iter(getattr(self, "ratings", {}).values()), None),
            FOCUS: getattr(self, "people_list", None),
            SUMMARY: self.finish_button,
        }[step]
        if focus is not None:
            focus.setFocus(Qt.FocusReason.OtherFocusReason)

    def next(self) -> bool:
        if self.step >= SUMMARY or not self.save():
            return False
        self.show_step(self.step + 1)
        return True

    def back(self) -> bool:
        if self.step <= EVIDENCE or not self.save():
            return False
        self.show_step(self.step - 1)
        return True

    def _finish_or_next(self) -> None:
        if self.step == SUMMARY:
            self.finish()
        else:
            self.next()

    # -- the pages ---------------------------------------------------------------------------
    def _scroll(self, inner: QWidget) -> QScrollArea:
        area = QScrollArea(self.stack)
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setWidget(inner)
        return area

    def _build_evidence(self) -> QWidget:
        page = QWidget(self.stack)
        self.evidence_view = EvidenceView(page)
        self.evidence_view.show_evidence(self.evidence)
        self.evidence_view.activated_link.connect(self.context.navigate)
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(
            _label(
                self.tr(
                    "What the week holds, from your records. Enter or a double-click opens an "
                    "item; then Next (Alt+Right) to reflect on it."
                ),
                page,
            )
        )
        column.addWidget(self.evidence_view, 1)
        return page

    def _build_reflect(self) -> QWidget:
        inner = QWidget()
        column = QVBoxLayout(inner)
        self.answers: dict[str, QPlainTextEdit] = {}
        self.answer_errors: dict[str, QLabel] = {}
        stored = self.record.answer_map if self.record else {}
        for prompt in self.prompts.prompts:
            column.addWidget(_label(prompt.title, inner, bold=True))
            column.addWidget(_label(prompt.question, inner))
            edit = QPlainTextEdit(inner)
            edit.setObjectName(f"answer_{prompt.id}")
            edit.setTabChangesFocus(True)
            edit.setMinimumHeight(64)
            edit.setMaximumHeight(120)
            edit.setAccessibleName(prompt.title)
            text = getattr(self.record, prompt.field) if self.record and prompt.field else None
            edit.setPlainText(text if text is not None else str(stored.get(prompt.id, "")))
            self.answers[prompt.id] = edit
            column.addWidget(edit)
            problem = error_label(inner)
            self.answer_errors[prompt.id] = problem
            column.addWidget(problem)
        column.addStretch(1)
        return self._scroll(inner)

    def _build_ratings(self) -> QWidget:
        inner = QWidget()
        column = QVBoxLayout(inner)
        column.addWidget(
            _label(
                self.tr(
                    "How did you show up this week? 1 is rarely, 5 is consistently. Tab moves "
                    "between the rows; a digit picks a rating."
                ),
                inner,
            )
        )
        self.ratings: dict[str, RatingRow] = {}
        anchors = self.prompts.anchors
        rows = [(field, self.tr(label), self.tr(meaning)) for field, label, meaning in EI_RATINGS]
        rows.append(("energy", self.tr("Energy"), self.tr("How much energy I had this week")))
        for field, label, meaning in rows:
            row = RatingRow(
                label,
                meaning,
                self.prompts.energy_anchors if field == "energy" else anchors,
                inner,
            )
            row.setObjectName(f"rating_{field}")
            row.set_value(getattr(self.record, field) if self.record else None)
            self.ratings[field] = row
            column.addWidget(row)
        column.addStretch(1)
        return self._scroll(inner)

    def _checklist(self, name: str, parent: QWidget) -> QListWidget:
        listing = QListWidget(parent)
        listing.setObjectName(name)
        listing.setUniformItemSizes(True)
        return listing

    def _add_check(self, listing: QListWidget, text: str, record_id: int, checked: bool) -> None:
        item = QListWidgetItem(text, listing)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        item.setData(ID_ROLE, record_id)

    def _build_focus(self) -> QWidget:
        inner = QWidget()
        grid = QGridLayout(inner)
        record = self.record
        chosen_people = set(record.focus_stakeholder_ids) if record else set()
        chosen_goals = set(record.focus_goal_ids) if record else set()
        chosen_promises = set(record.focus_commitment_ids) if record else set()

        self.people_list = self._checklist("focusPeople", inner)
        slipped = [p.id for p in self.evidence.slipped]
        everyone = stakeholders.names()
        for sid in slipped:
            person = next(p for p in self.evidence.slipped if p.id == sid)
            label = self.tr("{0} — key, {1}").format(person.name, self.tr(person.cadence.label))
            self._add_check(self.people_list, label, sid, sid in chosen_people)
        for sid, name in sorted(everyone.items(), key=lambda kv: kv[1].lower()):
            if sid not in slipped:
                self._add_check(self.people_list, name, sid, sid in chosen_people)

        self.promise_list = self._checklist("focusCommitments", inner)
        today = clock.today()
        open_ones = commitments.list_filtered(which="open", today=today)
        open_ones.sort(key=lambda c: (not c.is_overdue(today), c.due_on or today.max))
        for c in open_ones:
            due = f" (due {c.due_on})" if c.due_on else ""
            label = f"{c.text} — {self.names.get(c.stakeholder_id, '?')}{due}"
            self._add_check(self.promise_list, label, c.id, c.id in chosen_promises)

        self.goal_list = self._checklist("focusGoals", inner)
        for goal in goals.list_all():
            if goal.status == "active" or goal.id in chosen_goals:
                self._add_check(self.goal_list, goal.title, goal.id, goal.id in chosen_goals)

        self.focus_note = QPlainTextEdit(inner)
        self.focus_note.setObjectName("focusNote")
        self.focus_note.setTabChangesFocus(True)
        self.focus_note.setMaximumHeight(80)
        self.focus_note.setPlaceholderText(self.tr("In a sentence: where will you invest?"))
        self.focus_note.setPlainText(record.focus_note if record else "")
        self.focus_error = error_label(inner)

        self.check_person = QComboBox(inner)
        self.check_person.setObjectName("trustCheckPerson")
        for sid, name in sorted(everyone.items(), key=lambda kv: kv[1].lower()):
            self.check_person.addItem(name, sid)
        self.trust_button = QPushButton(self.tr("Add trust check…"), inner)
        self.trust_button.setObjectName("focusTrustCheck")
        self.trust_button.setEnabled(self.context.writable and bool(everyone))
        self.trust_button.clicked.connect(self.add_trust_check)

        grid.addWidget(
            _label(self.tr("People to reach (neglected key ones first)"), inner, bold=True), 0, 0
        )
        grid.addWidget(_label(self.tr("Commitments to close"), inner, bold=True), 0, 1)
        grid.addWidget(self.people_list, 1, 0, 3, 1)
        grid.addWidget(self.promise_list, 1, 1)
        grid.addWidget(_label(self.tr("Brand goals to move"), inner, bold=True), 2, 1)
        grid.addWidget(self.goal_list, 3, 1)
        grid.addWidget(_label(self.tr("Focus in a sentence"), inner, bold=True), 4, 0, 1, 2)
        grid.addWidget(self.focus_note, 5, 0, 1, 2)
        grid.addWidget(self.focus_error, 6, 0, 1, 2)
        trust = QHBoxLayout()
        trust.addWidget(_label(self.tr("Someone's view of you changed?"), inner, wrap=False))
        trust.addWidget(self.check_person, 1)
        trust.addWidget(self.trust_button)
        grid.addLayout(trust, 7, 0, 1, 2)
        return inner

    def _build_summary(self) -> QWidget:
        from advisor_planner.charts.reflection import ReflectionHabitChart
        from advisor_planner.charts.view import ChartView

        page = QWidget(self.stack)
        self.summary_label = _label("", page)
        self.summary_label.setObjectName("reflectionSummary")
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.habit_view = ChartView(ReflectionHabitChart(), page, minimum_height=200)
        column = QVBoxLayout(page)
        column.addWidget(self.summary_label)
        column.addWidget(self.habit_view, 1)
        return page

    def _fill_summary(self) -> None:
        week = self.evidence
        people = len(week.touchpoints_by_person)
        lines = [
            self.tr("{0} touchpoints with {1} people.").format(len(week.touchpoints), people),
        ]
        if week.commitments_due:
            lines.append(
                self.tr("{0} of {1} commitments that fell due were kept.").format(
                    len(week.kept), len(week.commitments_due)
                )
            )
        if week.slipped:
            lines.append(
                self.tr("{0} key stakeholders are past their cadence.").format(len(week.slipped))
            )
        if week.focus is not None:
            lines.append(week.focus.sentence)
        focus = self._focus_values()
        if focus.get("focus_stakeholder_ids"):
            lines.append(
                self.tr("Next week you mean to reach {0}.").format(
                    _names(focus["focus_stakeholder_ids"], self.names)
                )
            )
        habit = reflections.habit(today=max(clock.today(), self.monday))
        strength = habit.strength[-1] if habit.strength else 0.0
        weeks = self.tr("week") if habit.streak == 1 else self.tr("weeks")
        lines.append(
            self.tr("Reflection streak: {0} {1}; habit strength {2:.0f} %.").format(
                habit.streak, weeks, strength * 100
            )
        )
        record = self.record
        if record is not None and record.completed_at is not None:
            lines.append(self.tr("Finished on {0}.").format(record.completed_at.date()))
        self.summary_label.setText("\n".join(lines))
        self.habit_view.set_series(habit)

    # -- saving ------------------------------------------------------------------------------
    def _reflect_values(self) -> dict[str, Any]:
        if REFLECT not in self.pages:
            return {}
        values: dict[str, Any] = {}
        extra: dict[str, str] = dict(self.record.answer_map) if self.record else {}
        for prompt in self.prompts.prompts:
            text = self.answers[prompt.id].toPlainText()
            if prompt.field:
                values[prompt.field] = text
            else:
                extra[prompt.id] = text
        values["answers"] = {key: text for key, text in extra.items() if text}
        return values

    def _rating_values(self) -> dict[str, Any]:
        if RATINGS not in self.pages:
            return {}
        return {field: row.value() for field, row in self.ratings.items()}

    def _focus_values(self) -> dict[str, Any]:
        if FOCUS not in self.pages:
            return {}

        def checked(listing: QListWidget) -> list[int]:
            return [
                listing.item(row).data(ID_ROLE)
                for row in range(listing.count())
                if listing.item(row).checkState() == Qt.CheckState.Checked
            ]

        return {
            "focus_stakeholder_ids": checked(self.people_list),
            "focus_commitment_ids": checked(self.promise_list),
            "focus_goal_ids": checked(self.goal_list),
            "focus_note": self.focus_note.toPlainText(),
        }

    def values(self) -> dict[str, Any]:
        """What the built steps hold, as ``reflections.save_week`` takes it."""
        return self._reflect_values() | self._rating_values() | self._focus_values()

    def _too_long(self) -> bool:
        """Say where text is over the limit (keeping it in its box); True if anywhere."""
        limit = v.MAX_LONG_TEXT
        over = False
        boxes: list[tuple[QPlainTextEdit, QLabel]] = []
        if REFLECT in self.pages:
            boxes += [(self.answers[p.id], self.answer_errors[p.id]) for p in self.prompts.prompts]
        if FOCUS in self.pages:
            boxes.append((self.focus_note, self.focus_error))
        for box, message in boxes:
            length = len(box.toPlainText())
            if length > limit:
                message.setText(
                    self.tr("{0:,} characters; the limit is {1:,}. Shorten it to move on.").format(
                        length, limit
                    )
                )
                message.show()
                over = True
            else:
                message.hide()
        return over

    def save(self, *, completed: bool = False) -> bool:
        """Save what is written as this week's reflection (a draft unless ``completed``);
        False, with the reason shown, if it could not be saved (nothing is lost)."""
        if not self.context.writable:
            return True  # read-only (said at the top): moving between steps still works
        self.error.hide()
        if self._too_long():
            return False
        values = self.values()
        if completed:
            values["completed_at"] = datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)
        if not values:
            return True  # nothing but the evidence seen yet: no draft to keep
        try:
            self.record = reflections.save_week(week=self.week, **values)
        except ServiceError as exc:
            self.last_error = str(exc)
            self.error.setText(str(exc))
            self.error.show()
            return False
        except Exception as exc:  # noqa: BLE001 - a disk or database error: say what failed
            self.last_error = str(exc)
            self.context.show_error(self.tr("save the reflection"), exc)
            return False
        self.saved_count += 1
        self.context.events.emit_kinds(REFLECTION_KINDS)
        return True

    def finish(self) -> bool:
        if not self.save(completed=True):
            return False
        self.context.settings.remove(_STEP_SETTING.format(self.week))
        self.finished_week.emit(self.week)
        self.accept()
        return True

    def add_trust_check(self) -> QDialog | None:
        from advisor_planner.ui.stakeholder.forms import trust_check_dialog

        sid = self.check_person.currentData()
        if sid is None:
            return None
        dialog = trust_check_dialog(self.context, sid, parent=self)
        dialog.open()
        self.trust_dialog = dialog
        return dialog

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if not self.save():
            event.ignore()  # the message says what to fix; the text stays in its box
            return
        super().closeEvent(event)

    def reject(self) -> None:  # Esc closes too, keeping the draft
        if self.save():
            super().reject()

    def is_dirty(self) -> bool:
        """Never: every step is saved as a draft when the window closes (see closeEvent)."""
        return False


def open_session(
    context: AppContext, parent: QWidget | None, week: str | None = None
) -> ReflectionSession:
    """Show the session for ``week`` (this week by default), raising it if already open."""
    week = reflections.parse_week("week", week or clock.iso_week(clock.today()))
    if parent is not None:
        for existing in parent.findChildren(ReflectionSession):
            if existing.week == week and existing.isVisible():
                existing.raise_()
                existing.activateWindow()
                return existing
    session = ReflectionSession(context, week, parent)
    session.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    session.show()
    session.raise_()
    session.activateWindow()
    return session
