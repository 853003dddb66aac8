"""Step 1 of the weekly reflection: the week's evidence, assembled from ``services.evidence``.

Six groups (touchpoints, commitments due, key stakeholders past their cadence, trust checks
and feedback, goal checkpoints and milestones, last week's focus), each titled with its count;
Enter or a double-click on an item opens its record.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from advisor_planner.charts.base import RecordLink
from advisor_planner.domain.enums import Channel
from advisor_planner.services import evidence, goals
from advisor_planner.ui.i18n import choice_label, format_date, format_number
from advisor_planner.ui.reflection.widgets import StepPage, cadence_text, plain_label
from advisor_planner.ui.sections.goal_editor import metric_text

LINK_ROLE = Qt.ItemDataRole.UserRole + 1
COUNT_ROLE = Qt.ItemDataRole.UserRole + 2


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
        group = QTreeWidgetItem(
            self, [self.tr("{0} ({1})").format(title, count) if count else title]
        )
        font = QFont(self.font())
        font.setBold(True)
        group.setFont(0, font)
        group.setData(0, COUNT_ROLE, count)
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
        self._touchpoints(week)
        self._commitments(week)
        self._slipped(week)
        self._trust(week)
        self._goals(week)
        self._last_focus(week)

    def counts(self) -> dict[str, int]:
        """How many items each group holds (what the group titles show)."""
        return {key: int(group.data(0, COUNT_ROLE) or 0) for key, group in self.groups.items()}

    # -- the groups ----------------------------------------------------------------------------
    def _touchpoints(self, week: evidence.WeekEvidence) -> None:
        names = week.names
        count = len(week.touchpoints)
        group = self._group("touchpoints", self.tr("Touchpoints"), count)
        if not count:
            self._none(group, self.tr("No touchpoints this week."))
            return
        channels = ", ".join(
            self.tr("{0} {1}", "a channel and its count").format(choice_label(Channel(c)), n)
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
            name = names.get(sid, "?")
            text = self.tr("{0} — once") if n == 1 else self.tr("{0} — {1} times")
            self._item(group, text.format(name, n), RecordLink("stakeholder", sid))

    def _commitments(self, week: evidence.WeekEvidence) -> None:
        due = week.commitments_due
        group = self._group("commitments", self.tr("Commitments due"), len(due))
        shown = {c.id for c in [*week.kept, *week.late, *week.still_open]}
        for title, items in (
            (self.tr("Kept"), week.kept),
            (self.tr("Late or broken"), week.late),
            (self.tr("Still open"), [c for c in week.still_open if c not in week.late]),
            (self.tr("Renegotiated or cancelled"), [c for c in due if c.id not in shown]),
        ):
            for c in items:
                to = week.names.get(c.stakeholder_id, "?")
                text = self.tr("{0}: {1} — {2}").format(title, c.text, to)
                self._item(group, text, RecordLink("commitment", c.id))
        if not due:
            self._none(group, self.tr("No commitment fell due this week."))

    def _slipped(self, week: evidence.WeekEvidence) -> None:
        group = self._group(
            "slipped", self.tr("Key stakeholders past their cadence"), len(week.slipped)
        )
        for person in week.slipped:
            self._item(
                group,
                self.tr("{0} — {1}").format(person.name, cadence_text(person.cadence)),
                RecordLink("stakeholder", person.id),
            )
        if not week.slipped:
            self._none(group, self.tr("Every key stakeholder is within their cadence."))

    def _trust(self, week: evidence.WeekEvidence) -> None:
        names = week.names
        heard = len(week.trust_checks) + len(week.feedback)
        group = self._group("trust", self.tr("Trust checks and feedback"), heard)
        for check in week.trust_checks:
            self._item(
                group,
                self.tr("Trust check: {0}, quotient {1}").format(
                    names.get(check.stakeholder_id, "?"), format_number(check.quotient, 1)
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

    def _goals(self, week: evidence.WeekEvidence) -> None:
        moved = len(week.checkpoints) + len(week.milestones)
        group = self._group("goals", self.tr("Goal checkpoints and milestones"), moved)
        titles = {g.id: g.title for g in goals.list_all()} if moved else {}
        for point in week.checkpoints:
            assert point.recorded_on is not None  # listed for the day it was recorded on
            self._item(
                group,
                self.tr("{0}: {1} on {2}").format(
                    titles.get(point.goal_id, "?"),
                    metric_text(point.value),
                    format_date(point.recorded_on),
                ),
                RecordLink("brand goal", point.goal_id),
            )
        for milestone in week.milestones:
            if milestone.done_on:
                state = self.tr("done")
            else:
                assert milestone.due_on is not None  # not done, so listed for falling due
                state = self.tr("due {0}").format(format_date(milestone.due_on))
            self._item(
                group,
                self.tr("{0}: {1} ({2})").format(
                    titles.get(milestone.goal_id, "?"), milestone.title, state
                ),
                RecordLink("brand goal", milestone.goal_id),
            )
        if not moved:
            self._none(group, self.tr("No goal moved this week."))

    def _last_focus(self, week: evidence.WeekEvidence) -> None:
        group = self._group("focus", self.tr("Last week's focus"), 0)
        if week.focus is None:
            self._none(group, self.tr("Last week's reflection named no one to focus on."))
            return
        self._item(group, week.focus.sentence)
        for sid in week.focus.missed_ids:
            self._item(
                group,
                self.tr("Not seen: {0}").format(week.names.get(sid, "?")),
                RecordLink("stakeholder", sid),
            )


class EvidencePage(StepPage):
    """The evidence tree under a line saying what to do with it; nothing here is saved."""

    def __init__(self, week: evidence.WeekEvidence, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = EvidenceView(self)
        self.view.show_evidence(week)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(
            plain_label(
                self.tr(
                    "What the week holds, from your records. Enter or a double-click opens an "
                    "item; then Next (Alt+Right) to reflect on it."
                ),
                self,
            )
        )
        column.addWidget(self.view, 1)

    def first_focus(self) -> QWidget | None:
        return self.view
