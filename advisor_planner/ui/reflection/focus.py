"""Step 4 of the weekly reflection: next week's focus.

What a leader would act on next week, as check lists: the people past their cadence (key
people first, the dashboard's "who needs attention" order), the open promises overdue or due
within two weeks (nearest today first), at most ``evidence.FOCUS_LIMIT`` of each with "and N more"
said, and the active brand goals; whatever the reflection has chosen already stays in its list,
checked. Above the people and the promises a ``finder.Finder`` finds anyone or any other open
promise and adds it, checked. Then the focus in a sentence, and a trust check for anyone whose
view changed, recorded at once through the stakeholder page's own dialog.

The choices are read on a worker (``evidence.focus_choices``, bounded queries): the step shows
at once, each list saying it is loading; until they arrive the step saves only its sentence,
so a reflection's earlier choices are never overwritten by empty lists.
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
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from advisor_planner.services import clock, commitments, evidence, reflections, stakeholders
from advisor_planner.ui.context import AppContext
from advisor_planner.ui.fields import HintLabel
from advisor_planner.ui.i18n import format_short_date, plural
from advisor_planner.ui.icons import load_icon
from advisor_planner.ui.record_form import error_label
from advisor_planner.ui.reflection.finder import Finder
from advisor_planner.ui.reflection.widgets import StepPage, cadence_text, plain_label
from advisor_planner.ui.table import Tone, plain_tooltip, tone_colour
from advisor_planner.ui.tasks import run_in_background

SEARCH_LIMIT = 20  # results a search shows

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


def _note(text: str, parent: QWidget) -> QLabel:
    """A muted line under a list: loading, "and N more", or what to do when it is empty."""
    return HintLabel(parent, text)


def _find(listing: QListWidget, record_id: int) -> QListWidgetItem | None:
    for row in range(listing.count()):
        item = listing.item(row)
        if item.data(ID_ROLE) == record_id:
            return item
    return None


class FocusPage(StepPage):
    """Next week's people, commitments and goals as check lists, and the focus sentence."""

    def __init__(
        self,
        context: AppContext,
        record: reflections.Reflection | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.record = record
        self.trust_dialog: QDialog | None = None
        self.loaded = False  # the choices have arrived from the worker
        self.today = clock.today()
        self._found: dict[int, commitments.PromiseLine] = {}  # the promises last searched
        self._everyone: list[int] = []  # the trust check's people, as its choice lists them
        self.find_person = Finder(
            self.tr("Find another person…"),
            lambda text: stakeholders.find_by_name(text, limit=SEARCH_LIMIT),
            self.tr("No one's name holds “{0}”."),
            self,
        )
        self.people_list = _checklist("focusPeople", self)
        self.people_note = _note(self.tr("Finding who is past their cadence…"), self)
        self.find_promise = Finder(
            self.tr("Find another promise…"),
            self._find_promises,
            self.tr("No open promise, nor its person's name, holds “{0}”."),
            self,
        )
        self.promise_list = self._promise_listing()
        self.promise_note = _note(self.tr("Finding the promises falling due…"), self)
        self.goal_list = _wrapping(_checklist("focusGoals", self))
        self.goal_note = _note(self.tr("Loading the goals…"), self)
        for listing in (self.people_list, self.promise_list, self.goal_list):
            listing.hide()  # until the choices arrive; the note under each says it is loading
        for listing in (self.promise_list, self.goal_list):
            # Their heights follow the rows' stretch (the promises three shares, the goals
            # one), not their size hints, which had split the column in halves and left two
            # promises in view on a 1280 × 720 screen at 150 %; never under three lines.
            listing.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
            listing.setMinimumHeight(3 * self.fontMetrics().lineSpacing() + 8)
        self.find_person.picked.connect(self._add_person)
        self.find_promise.picked.connect(self._add_promise)
        self.focus_note = QPlainTextEdit(self)
        self.focus_note.setObjectName("focusNote")
        self.focus_note.setTabChangesFocus(True)
        self.focus_note.setMaximumHeight(80)
        self.focus_note.setPlaceholderText(self.tr("In a sentence: where will you invest?"))
        self.focus_note.setPlainText(record.focus_note if record else "")
        self.focus_error = error_label(self)
        self.check_person = QComboBox(self)
        self.check_person.setObjectName("trustCheckPerson")
        self.check_person.setEnabled(False)
        self.trust_button = QPushButton(self.tr("Add trust check…"), self)
        self.trust_button.setObjectName("focusTrustCheck")
        self.trust_button.setEnabled(False)
        self.trust_button.clicked.connect(self.add_trust_check)
        self._lay_out()
        self.task = run_in_background(
            evidence.focus_choices,
            today=self.today,
            chosen_people=record.focus_stakeholder_ids if record else (),
            chosen_promises=record.focus_commitment_ids if record else (),
            chosen_goals=record.focus_goal_ids if record else (),
            on_success=self.show_choices,
            on_error=self._failed,
            name="focus choices",
        )

    def _promise_listing(self) -> QListWidget:
        listing = _wrapping(_checklist("focusCommitments", self))
        size = self.fontMetrics().height()
        listing.setIconSize(QSize(size, size))  # a line's height, not the two lines' wrapped
        # (One icon of each kind for the whole list: a pixmap made per promise cost ~20 µs.)
        self._alert, self._blank = load_icon(Tone.ALERT.value), _blank_icon(listing.iconSize())
        self._alert_colour = tone_colour(Tone.ALERT)
        return listing

    # -- the choices, from the worker ----------------------------------------------------------
    def show_choices(self, choices: evidence.FocusChoices) -> None:
        """Fill the lists with ``choices``: what was chosen first (checked), then the rest."""
        record = self.record
        people = set(record.focus_stakeholder_ids) if record else set()
        promises = set(record.focus_commitment_ids) if record else set()
        goals = set(record.focus_goal_ids) if record else set()
        for sid, name in choices.chosen_people:
            _add_check(self.people_list, name, sid, True)
        for person in choices.people:
            text = self.tr("{0} — key, {1}") if person.key else self.tr("{0} — {1}")
            label = text.format(person.name, cadence_text(person.cadence))
            _add_check(self.people_list, label, person.id, person.id in people)
        for line in [*choices.chosen_promises, *choices.promises]:
            self._add_line(line, line.id in promises)
        for gid, title in choices.goals:
            _add_check(self.goal_list, title, gid, gid in goals)
        more_people = choices.people_total - len(choices.people)
        more_promises = choices.promises_total - len(choices.promises)
        self._say(
            self.people_list,
            self.people_note,
            plural(self.tr("and %n more past their cadence: find them above.", "", more_people),
                   more_people) if more_people > 0 else "",
            self.tr("No one is past their cadence. Find anyone above to add them to next "
                    "week's focus."),
        )  # fmt: skip
        self._say(
            self.promise_list,
            self.promise_note,
            plural(self.tr("and %n more overdue or due within two weeks: find them above.", "",
                           more_promises), more_promises) if more_promises > 0 else "",
            self.tr("No open promise is overdue or due within two weeks. Find any open "
                    "promise above."),
        )  # fmt: skip
        self._say(
            self.goal_list,
            self.goal_note,
            "",
            self.tr("No active brand goal. Set one under Goals to choose it here."),
        )
        self._everyone = [sid for sid, _ in choices.everyone]
        self.check_person.addItems([name for _, name in choices.everyone])
        self.check_person.setEnabled(bool(self._everyone))
        self.trust_button.setEnabled(self.context.writable and bool(self._everyone))
        self.loaded = True

    def _say(self, listing: QListWidget, note: QLabel, more: str, empty: str) -> None:
        listing.setVisible(listing.count() > 0)
        note.setText(more if listing.count() else empty)
        note.setVisible(bool(note.text()))

    def _failed(self, error: BaseException) -> None:
        for note in (self.people_note, self.promise_note, self.goal_note):
            note.setText(self.tr("Could not load: {0}").format(error))
        self.context.show_error(self.tr("Load next week's choices"), error)

    # -- promises ------------------------------------------------------------------------------
    def _promise_label(self, line: commitments.PromiseLine) -> str:
        today = self.today
        if line.due_on is not None and line.is_overdue(today):
            late = (today - line.due_on).days
            when = plural(self.tr("%n day(s) overdue", "", late), late)
        elif line.due_on is not None:
            when = self.tr("due {0}").format(format_short_date(line.due_on, this_year=today.year))
        else:
            when = ""
        if when:
            return self.tr("{0} — {1} · {2}").format(line.text, line.name, when)
        return self.tr("{0} — {1}").format(line.text, line.name)

    def _add_line(self, line: commitments.PromiseLine, checked: bool, row: int = -1) -> None:
        item = _add_check(self.promise_list, self._promise_label(line), line.id, checked)
        if row >= 0:  # (added at the end, then moved: QListWidget has no insert-with-parent)
            self.promise_list.insertItem(
                row, self.promise_list.takeItem(self.promise_list.row(item))
            )
        if line.is_overdue(self.today):  # the words say it; the mark and colour catch the eye
            item.setIcon(self._alert)
            item.setForeground(self._alert_colour)
        else:  # the same indent, so the promises' words start in one column
            item.setIcon(self._blank)

    def _find_promises(self, text: str) -> list[tuple[int, str]]:
        lines = commitments.find_open(text, limit=SEARCH_LIMIT)
        self._found = {line.id: line for line in lines}
        return [(line.id, self._promise_label(line)) for line in lines]

    # -- adding what was found -----------------------------------------------------------------
    def _add_person(self, sid: int, name: str) -> None:
        if not self._check_existing(self.people_list, sid):
            item = _add_check(self.people_list, name, sid, True)
            self.people_list.insertItem(0, self.people_list.takeItem(self.people_list.row(item)))
            self.people_list.scrollToTop()
        self.people_list.show()

    def _add_promise(self, cid: int, _label: str) -> None:
        line = self._found.get(cid)
        if line is not None and not self._check_existing(self.promise_list, cid):
            self._add_line(line, True, row=0)
            self.promise_list.scrollToTop()
        self.promise_list.show()

    @staticmethod
    def _check_existing(listing: QListWidget, record_id: int) -> bool:
        """Check the item of ``record_id`` if the list has it (and show it); True if so."""
        item = _find(listing, record_id)
        if item is None:
            return False
        item.setCheckState(Qt.CheckState.Checked)
        listing.scrollToItem(item)
        return True

    # -- layout and the step's contract ----------------------------------------------------------
    def _column(self, *widgets: QWidget) -> QVBoxLayout:
        column = QVBoxLayout()
        column.setSpacing(4)
        for widget in widgets:
            column.addWidget(widget, 1 if isinstance(widget, QListWidget) else 0)
        column.addStretch(0)  # takes the room only while the list is hidden (loading, empty)
        return column

    def _lay_out(self) -> None:
        grid = QGridLayout(self)
        people = self._column(
            plain_label(self.tr("People to reach (most pressing first)"), self, bold=True),
            self.find_person,
            self.people_list,
            self.people_note,
        )
        promises = self._column(
            plain_label(self.tr("Commitments to close (nearest due day first)"), self, bold=True),
            self.find_promise,
            self.promise_list,
            self.promise_note,
        )
        goals = self._column(
            plain_label(self.tr("Brand goals to move"), self, bold=True),
            self.goal_list,
            self.goal_note,
        )
        grid.addLayout(people, 0, 0, 2, 1)
        grid.addLayout(promises, 0, 1)
        grid.addLayout(goals, 1, 1)
        grid.setRowStretch(0, 3)  # the promises, a sentence each, get most of the column
        grid.setRowStretch(1, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.addWidget(plain_label(self.tr("Focus in a sentence"), self, bold=True), 2, 0, 1, 2)
        grid.addWidget(self.focus_note, 3, 0, 1, 2)
        grid.addWidget(self.focus_error, 4, 0, 1, 2)
        trust = QHBoxLayout()
        trust.addWidget(plain_label(self.tr("Someone's view of you changed?"), self, wrap=False))
        trust.addWidget(self.check_person, 1)
        trust.addWidget(self.trust_button)
        grid.addLayout(trust, 5, 0, 1, 2)
        chain = [self.find_person.field, self.find_person.results, self.people_list,
                 self.find_promise.field, self.find_promise.results, self.promise_list,
                 self.goal_list, self.focus_note, self.check_person, self.trust_button]  # fmt: skip
        for before, after in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(before, after)

    def values(self, record: reflections.Reflection | None) -> dict[str, Any]:
        values: dict[str, Any] = {"focus_note": self.focus_note.toPlainText()}
        if self.loaded:  # before, the lists are empty: the choices saved stay as they are
            values["focus_stakeholder_ids"] = _checked(self.people_list)
            values["focus_commitment_ids"] = _checked(self.promise_list)
            values["focus_goal_ids"] = _checked(self.goal_list)
        return values

    def too_long(self) -> bool:
        return self._over_limit(self.focus_note, self.focus_error)

    def first_focus(self) -> QWidget | None:
        if self.loaded and not self.people_list.count():
            return self.find_person.field
        return self.people_list

    def add_trust_check(self) -> QDialog | None:
        from advisor_planner.ui.stakeholder.forms import trust_check_dialog

        index = self.check_person.currentIndex()
        if not 0 <= index < len(self._everyone):
            return None
        dialog = trust_check_dialog(self.context, self._everyone[index], parent=self.window())
        dialog.open()
        self.trust_dialog = dialog
        return dialog
