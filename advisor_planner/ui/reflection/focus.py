"""Step 4 of the weekly reflection: next week's focus.

The people to reach (the key ones past their cadence first), the open commitments to close
(overdue first) and the brand goals to move, each a list of check boxes; the focus in a
sentence; and a trust check for anyone whose view changed, recorded at once through the
stakeholder page's own dialog.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from advisor_planner.services import clock, commitments, evidence, goals, reflections, stakeholders
from advisor_planner.ui.context import AppContext
from advisor_planner.ui.i18n import format_short_date, plural
from advisor_planner.ui.icons import load_icon
from advisor_planner.ui.record_form import error_label
from advisor_planner.ui.reflection.widgets import StepPage, cadence_text, plain_label
from advisor_planner.ui.table import Tone, plain_tooltip, tone_colour

ID_ROLE = Qt.ItemDataRole.UserRole + 2


def _checklist(name: str, parent: QWidget) -> QListWidget:
    listing = QListWidget(parent)
    listing.setObjectName(name)
    listing.setUniformItemSizes(True)
    return listing


def _wrapping(listing: QListWidget) -> QListWidget:
    """``listing`` with its lines wrapped to its width: a promise or a goal's title is a
    sentence, and cut at the list's edge the end of it (the person, the due day) was lost."""
    listing.setUniformItemSizes(False)
    listing.setWordWrap(True)
    listing.setResizeMode(QListView.ResizeMode.Adjust)
    listing.setTextElideMode(Qt.TextElideMode.ElideNone)
    return listing


def _blank_icon(size: QSize) -> QIcon:
    blank = QPixmap(size)
    blank.fill(Qt.GlobalColor.transparent)
    return QIcon(blank)


def _add_check(listing: QListWidget, text: str, record_id: int, checked: bool) -> QListWidgetItem:
    item = QListWidgetItem(text, listing)
    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
    item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
    item.setData(ID_ROLE, record_id)
    item.setToolTip(plain_tooltip(text))
    return item


def _checked(listing: QListWidget) -> list[int]:
    return [
        listing.item(row).data(ID_ROLE)
        for row in range(listing.count())
        if listing.item(row).checkState() == Qt.CheckState.Checked
    ]


class FocusPage(StepPage):
    """Next week's people, commitments and goals as check lists, and the focus sentence."""

    def __init__(
        self,
        context: AppContext,
        week: evidence.WeekEvidence,
        record: reflections.Reflection | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.trust_dialog: QDialog | None = None
        everyone = stakeholders.names()
        self.people_list = self._people(week, everyone, record)
        self.promise_list = self._promises(week.names, record)
        self.goal_list = self._goals(record)
        self.focus_note = QPlainTextEdit(self)
        self.focus_note.setObjectName("focusNote")
        self.focus_note.setTabChangesFocus(True)
        self.focus_note.setMaximumHeight(80)
        self.focus_note.setPlaceholderText(self.tr("In a sentence: where will you invest?"))
        self.focus_note.setPlainText(record.focus_note if record else "")
        self.focus_error = error_label(self)
        self.check_person = QComboBox(self)
        self.check_person.setObjectName("trustCheckPerson")
        for sid, name in sorted(everyone.items(), key=lambda kv: kv[1].lower()):
            self.check_person.addItem(name, sid)
        self.trust_button = QPushButton(self.tr("Add trust check…"), self)
        self.trust_button.setObjectName("focusTrustCheck")
        self.trust_button.setEnabled(context.writable and bool(everyone))
        self.trust_button.clicked.connect(self.add_trust_check)
        self._lay_out()

    def _people(
        self,
        week: evidence.WeekEvidence,
        everyone: dict[int, str],
        record: reflections.Reflection | None,
    ) -> QListWidget:
        chosen = set(record.focus_stakeholder_ids) if record else set()
        listing = _checklist("focusPeople", self)
        for person in week.slipped:
            label = self.tr("{0} — key, {1}").format(person.name, cadence_text(person.cadence))
            _add_check(listing, label, person.id, person.id in chosen)
        slipped = {p.id for p in week.slipped}
        for sid, name in sorted(everyone.items(), key=lambda kv: kv[1].lower()):
            if sid not in slipped:
                _add_check(listing, name, sid, sid in chosen)
        return listing

    def _promises(
        self, names: dict[int, str], record: reflections.Reflection | None
    ) -> QListWidget:
        chosen = set(record.focus_commitment_ids) if record else set()
        listing = _wrapping(_checklist("focusCommitments", self))
        size = self.fontMetrics().height()
        listing.setIconSize(QSize(size, size))  # a line's height, not the two lines' wrapped
        today = clock.today()
        # (One icon of each kind for the whole list: a pixmap made per promise cost ~20 µs
        # each, thousands of times over on a large database.)
        alert, blank = load_icon(Tone.ALERT.value), _blank_icon(listing.iconSize())
        alert_colour = tone_colour(Tone.ALERT)
        open_ones = commitments.list_filtered(which="open", today=today)
        open_ones.sort(key=lambda c: (not c.is_overdue(today), c.due_on or today.max))
        for c in open_ones:
            to = names.get(c.stakeholder_id, "?")
            overdue = c.due_on is not None and c.is_overdue(today)
            if c.due_on is not None and overdue:
                late = (today - c.due_on).days
                when = plural(self.tr("%n day(s) overdue", "", late), late)
            elif c.due_on is not None:
                when = self.tr("due {0}").format(format_short_date(c.due_on, this_year=today.year))
            else:
                when = ""
            label = (
                self.tr("{0} — {1} · {2}").format(c.text, to, when)
                if when
                else self.tr("{0} — {1}").format(c.text, to)
            )
            item = _add_check(listing, label, c.id, c.id in chosen)
            if overdue:  # the words say it; the mark and colour catch the eye
                item.setIcon(alert)
                item.setForeground(alert_colour)
            else:  # the same indent, so the promises' words start in one column
                item.setIcon(blank)
        return listing

    def _goals(self, record: reflections.Reflection | None) -> QListWidget:
        chosen = set(record.focus_goal_ids) if record else set()
        listing = _wrapping(_checklist("focusGoals", self))
        for goal in goals.list_all():
            if goal.status == "active" or goal.id in chosen:
                _add_check(listing, goal.title, goal.id, goal.id in chosen)
        return listing

    def _lay_out(self) -> None:
        grid = QGridLayout(self)
        grid.addWidget(
            plain_label(self.tr("People to reach (neglected key ones first)"), self, bold=True),
            0,
            0,
        )
        grid.addWidget(plain_label(self.tr("Commitments to close"), self, bold=True), 0, 1)
        grid.addWidget(self.people_list, 1, 0, 3, 1)
        grid.addWidget(self.promise_list, 1, 1)
        grid.addWidget(plain_label(self.tr("Brand goals to move"), self, bold=True), 2, 1)
        grid.addWidget(self.goal_list, 3, 1)
        grid.addWidget(plain_label(self.tr("Focus in a sentence"), self, bold=True), 4, 0, 1, 2)
        grid.addWidget(self.focus_note, 5, 0, 1, 2)
        grid.addWidget(self.focus_error, 6, 0, 1, 2)
        trust = QHBoxLayout()
        trust.addWidget(plain_label(self.tr("Someone's view of you changed?"), self, wrap=False))
        trust.addWidget(self.check_person, 1)
        trust.addWidget(self.trust_button)
        grid.addLayout(trust, 7, 0, 1, 2)
        grid.setRowStretch(1, 3)  # the promises, a sentence each, get most of the column
        grid.setRowStretch(3, 1)

    def values(self, record: reflections.Reflection | None) -> dict[str, Any]:
        return {
            "focus_stakeholder_ids": _checked(self.people_list),
            "focus_commitment_ids": _checked(self.promise_list),
            "focus_goal_ids": _checked(self.goal_list),
            "focus_note": self.focus_note.toPlainText(),
        }

    def too_long(self) -> bool:
        return self._over_limit(self.focus_note, self.focus_error)

    def first_focus(self) -> QWidget | None:
        return self.people_list

    def add_trust_check(self) -> QDialog | None:
        from advisor_planner.ui.stakeholder.forms import trust_check_dialog

        sid = self.check_person.currentData()
        if sid is None:
            return None
        dialog = trust_check_dialog(self.context, sid, parent=self.window())
        dialog.open()
        self.trust_dialog = dialog
        return dialog
