"""One person's page: their profile, where the relationship stands, and its whole history.

The header names the person and shows the cadence status, engagement now → wanted, power and
interest, relationship health and the latest trust reading (``facts``). Tabs below hold the
profile details, the trends (charts of the trust factors and quotient over time, and the
touchpoint timeline with sentiment and cadence; clicking a point opens its check or
touchpoint), the trust-check history (with each check's trust quotient), the touchpoint list,
the commitments made to them and the feedback they gave (``tabs``, ``history``). Buttons log a
touchpoint, add a trust check or add feedback for this person (``forms``); trust checks and
feedback are edited with a double-click (or Enter) and deleted with Delete, every change
undoable.

The person's summary (cadence status, health, evidence reliability) is the one the people list
and the dashboard show, from ``services.insights.relationships``; it loads on a worker thread
(``ui.tasks``), and the contact and health panels fill in when it arrives. So does the history
(touchpoints, commitments, trust checks, feedback): ten years of one person's took 70–150 ms
of queries on the GUI thread, so the page drew that much later; now the heading and profile
(one row) are drawn at once and the tabs fill in a frame or two later.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLayout,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QStyle,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from advisor_planner.domain import cadence
from advisor_planner.domain.enums import CommitmentStatus, StakeholderKind
from advisor_planner.services import (
    clock,
    commitments,
    feedback,
    stakeholders,
    touchpoints,
    trust_checks,
)
from advisor_planner.services.changes import Change, Changes
from advisor_planner.services.errors import NotFoundError
from advisor_planner.services.insights.relationships import PersonStatus, person_status
from advisor_planner.services.workers import on_worker
from advisor_planner.ui.commands import DeleteRecords, RecordApi
from advisor_planner.ui.context import AppContext, RefreshWhenShown
from advisor_planner.ui.i18n import choice_label
from advisor_planner.ui.record_apis import FEEDBACK, TRUST_CHECK
from advisor_planner.ui.record_form import RecordDialog
from advisor_planner.ui.stakeholder.facts import RelationshipFacts
from advisor_planner.ui.stakeholder.forms import feedback_dialog, trust_check_dialog
from advisor_planner.ui.stakeholder.history import (
    HistorySection,
    commitment_columns,
    feedback_columns,
    touchpoint_columns,
    trust_columns,
)
from advisor_planner.ui.stakeholder.tabs import ProfileTab, TrendsTab
from advisor_planner.ui.stakeholder.widgets import plain_label
from advisor_planner.ui.table import plain_tooltip
from advisor_planner.ui.tasks import Task, run_in_background

#: The kinds of record whose changes show on this page.
SHOWS = (
    Change.STAKEHOLDER,
    Change.TOUCHPOINT,
    Change.COMMITMENT,
    Change.TRUST_CHECK,
    Change.FEEDBACK,
)


@dataclass(frozen=True, slots=True)
class History:
    """What the page's tabs list for one person (read on a worker)."""

    names: dict[int, str]
    touchpoints: list[touchpoints.Touchpoint]  # newest first
    commitments: list[commitments.Commitment]
    checks: list[trust_checks.TrustCheck]
    feedback: list[feedback.Feedback]


def _read_history(stakeholder_id: int) -> History:
    history = touchpoints.between(
        start=date(1900, 1, 1), end=date(9999, 12, 31), stakeholder_id=stakeholder_id
    )
    history.reverse()  # newest first
    return History(
        names=stakeholders.names(include_archived=True),
        touchpoints=history,
        commitments=commitments.for_stakeholder(stakeholder_id=stakeholder_id),
        checks=trust_checks.for_stakeholder(stakeholder_id=stakeholder_id),
        feedback=feedback.for_stakeholder(stakeholder_id=stakeholder_id),
    )


def load_history(stakeholder_id: int, generation: int) -> tuple[int, History]:
    """On a worker: the person's history, tagged with the load it answers."""
    return generation, on_worker(_read_history, stakeholder_id)


def load_summary(
    stakeholder_id: int, today: date, generation: int
) -> tuple[int, date, PersonStatus | None]:
    """On a worker: the person's summary as of ``today``, tagged with the load it answers."""
    summary = on_worker(person_status, stakeholder_id=stakeholder_id, today=today)
    return generation, today, summary


class StakeholderPage(RefreshWhenShown, QWidget):
    """Everything about one stakeholder, with buttons to add to their record."""

    back_requested = Signal()
    edit_requested = Signal(int)
    summary_shown = Signal()  # the summary asked for last is in the contact and health panels
    history_shown = Signal()  # the history asked for last is in the tabs

    def __init__(
        self, context: AppContext, stakeholder_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.stakeholder_id = stakeholder_id
        self.person: stakeholders.Stakeholder | None = None
        self.summary: PersonStatus | None = None
        self.status: cadence.CadenceStatus | None = None
        self.health_score: float | None = None
        self.summary_task: Task | None = None
        self._summary_asked = 0  # loads started
        self._summary_answered = 0  # the newest load shown
        self._history_asked = 0
        self._history_answered = 0
        self.last_dialog: QDialog | None = None
        self._names: dict[int, str] = {}
        self.quick_log_dialog: QWidget | None = None
        self._laid_out = False  # shown and laid out at least once
        self.setObjectName("stakeholderPage")

        top = self._build_top_bar()
        self._build_heading()
        self.facts = RelationshipFacts(self)
        self.facts.show_loading()
        self._build_tabs()
        self.content = QWidget(self)
        body = QVBoxLayout(self.content)
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(6)
        body.addWidget(self.name_label)
        body.addWidget(self.role_label)
        body.addSpacing(6)
        body.addWidget(self.facts)
        body.addSpacing(4)
        body.addWidget(self.tabs, 1)

        self.gone = plain_label(self, wrap=True)
        self.gone.setObjectName("goneLabel")
        self.gone.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.gone.setText(
            self.tr("This person is no longer in the database (deleted, or their creation undone).")
        )
        self.body = QStackedWidget(self)
        self.body.addWidget(self.content)
        self.body.addWidget(self.gone)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 12)
        layout.addLayout(top)
        layout.addWidget(self.body, 1)

        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(0)
        self._refresh_timer.timeout.connect(self.refresh)
        context.events.changed.connect(self._on_changed)
        self.refresh()

    # -- building ------------------------------------------------------------------------------
    def _build_top_bar(self) -> QLayout:
        """Back, then the actions."""
        self.back_button = QPushButton(self.tr("Stakeholders"), self)
        self.back_button.setObjectName("backButton")
        self.back_button.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_ArrowBack))
        self.back_button.setToolTip(
            self.tr("Back to the list ({0})").format(
                QKeySequence(QKeySequence.StandardKey.Back).toString(
                    QKeySequence.SequenceFormat.NativeText
                )
                or "Alt+Left"
            )
        )
        self.back_button.setFlat(True)
        self.back_button.clicked.connect(self.back_requested)
        self.log_button = QPushButton(self.tr("Log touchpoint…"), self)
        self.log_button.setObjectName("logTouchpointButton")
        self.log_button.setToolTip(self.tr("Log a conversation with this person"))
        self.trust_button = QPushButton(self.tr("Add trust check…"), self)
        self.trust_button.setObjectName("addTrustCheckButton")
        self.feedback_button = QPushButton(self.tr("Add feedback…"), self)
        self.feedback_button.setObjectName("addFeedbackButton")
        self.edit_button = QPushButton(self.tr("Edit profile…"), self)
        self.edit_button.setObjectName("editProfileButton")
        self.log_button.clicked.connect(self.log_touchpoint)
        self.trust_button.clicked.connect(lambda: self.add_trust_check())
        self.feedback_button.clicked.connect(lambda: self.add_feedback())
        self.edit_button.clicked.connect(lambda: self.edit_requested.emit(self.stakeholder_id))
        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addStretch(1)
        for button in (self.log_button, self.trust_button, self.feedback_button, self.edit_button):
            top.addWidget(button)
        return top

    def _build_heading(self) -> None:
        """The name, then title · organisation · unit · internal/external."""
        self.name_label = plain_label(self, selectable=True)
        self.name_label.setObjectName("nameLabel")
        font = self.name_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.7)
        font.setBold(True)
        self.name_label.setFont(font)
        self.name_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.role_label = plain_label(self, wrap=True, selectable=True)
        self.role_label.setObjectName("roleLabel")

    def _build_tabs(self) -> None:
        context = self.context
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("stakeholderTabs")
        self.tabs.setDocumentMode(True)
        self.profile_tab = ProfileTab()
        self.trust_section = HistorySection(
            context,
            "trust_checks",
            trust_columns(),
            self.tr(
                "No trust checks yet. Add one to see how far this person trusts you, and "
                "repeat it every few months to see the trend."
            ),
            caption=self.tr(
                "Trust quotient = (C + R + I) / S, from 0.3 to 30; score: the quotient on a "
                "0–100 scale (3 → 50). Uneven: C, R and I differ by 4 or more."
            ),
        )
        self.touchpoint_section = HistorySection(
            context,
            "touchpoints",
            touchpoint_columns(lambda: self.stakeholder_id, lambda: self._names),
            self.tr("No touchpoints yet. Log touchpoint records a conversation with them."),
        )
        self.commitment_section = HistorySection(
            context,
            "commitments",
            commitment_columns(),
            self.tr("No commitments to this person yet. Add them when you log a touchpoint."),
            sort=(0, Qt.SortOrder.AscendingOrder),
        )
        self.feedback_section = HistorySection(
            context,
            "feedback",
            feedback_columns(),
            self.tr("No feedback from this person yet. Add feedback records what they said."),
        )
        self.trends_tab = TrendsTab(context, self.stakeholder_id, self)
        self.trends_tab.activated.connect(self.open_link)
        self.tabs.addTab(self.profile_tab, self.tr("Profile"))
        self.tabs.addTab(self.trends_tab, self.tr("Trends"))
        self.tabs.addTab(self.trust_section, self.tr("Trust checks"))
        self.tabs.addTab(self.touchpoint_section, self.tr("Touchpoints"))
        self.tabs.addTab(self.commitment_section, self.tr("Commitments"))
        self.tabs.addTab(self.feedback_section, self.tr("Feedback"))
        tab = context.settings.value("stakeholder_page/tab", 0)
        self.tabs.setCurrentIndex(int(str(tab)) if str(tab).isdigit() else 0)
        self.tabs.currentChanged.connect(
            lambda index: context.settings.setValue("stakeholder_page/tab", index)
        )

        self.trust_section.activated_row.connect(self.edit_trust_check)
        self.feedback_section.activated_row.connect(self.edit_feedback)
        for section, api in ((self.trust_section, TRUST_CHECK), (self.feedback_section, FEEDBACK)):
            shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), section.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(
                lambda section=section, api=api: self.delete_selected(section, api)
            )

    # -- data ----------------------------------------------------------------------------------
    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(*SHOWS):
            self.mark_stale()

    def reload_soon(self) -> None:
        self._refresh_timer.start()  # one reload for the several kinds a change names

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "facts"):
            self.facts.recolour()

    def refresh(self) -> None:
        """Reload the person and their history from services."""
        self._refresh_timer.stop()
        self._stale = False
        try:
            person = stakeholders.get(stakeholder_id=self.stakeholder_id)
        except NotFoundError:
            self.person = None
            self.body.setCurrentWidget(self.gone)
            self._update_buttons()
            return
        self.person = person
        self.body.setCurrentWidget(self.content)
        self._show_heading(person)
        self.profile_tab.show_person(person)
        self._load_summary(clock.today())
        self._load_history()
        self.facts.show_engagement(person)
        self.facts.show_map(person)
        self.trends_tab.mark_stale()
        self._update_buttons()

    def show_person(self, stakeholder_id: int) -> None:
        """Show another person on this page. What the page built is kept (four tables and
        three charts: building them again took 10-30 ms each, the most of opening a page);
        nothing of the last person's stays on screen while the new one's history loads."""
        self.stakeholder_id = stakeholder_id
        self.summary = self.status = self.health_score = None
        self._hold_heading()
        self.facts.show_loading()
        for section in self._history_sections():
            section.clear()
        self._show_counts([], [], [], [])
        self._history_answered = self._history_asked  # (a load under way is for the last one)
        self._summary_answered = self._summary_asked
        self.trends_tab.show_person(stakeholder_id)
        self._stale = True
        if self.isVisible():
            self.refresh()

    def _hold_heading(self) -> None:
        """Keep the heading and fact panels at least as tall as they are: they shrank to one
        line each while the next person loaded ("Loading…") and grew when their facts came,
        and each time the tabs below were resized, the Trends tab's three charts laid out and
        painted again (10-20 ms each). Released when the page's width changes."""
        if not self._laid_out:
            return  # (the heights are Qt's defaults until the page has been shown)
        for widget in (self.role_label, self.facts):
            widget.setMinimumHeight(max(widget.minimumHeight(), widget.height()))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._laid_out = self._laid_out or self.isVisible()
        if event.oldSize().width() != event.size().width():
            for widget in (self.role_label, self.facts):
                widget.setMinimumHeight(0)  # (the text wraps anew)

    def _history_sections(self) -> tuple[HistorySection, ...]:
        return (
            self.trust_section,
            self.touchpoint_section,
            self.commitment_section,
            self.feedback_section,
        )

    def _load_history(self) -> None:
        self._history_asked += 1
        run_in_background(
            load_history,
            self.stakeholder_id,
            self._history_asked,
            on_success=self._history_arrived,
            on_error=self._history_failed,
            name="person history",
        )

    def _history_arrived(self, result: tuple[int, History]) -> None:
        generation, history = result
        if generation <= self._history_answered:
            return  # an older load, overtaken by one already shown
        self._history_answered = generation
        self._names = history.names
        self.facts.show_trust(history.checks)
        self.trust_section.set_rows(history.checks)
        self.touchpoint_section.set_rows(history.touchpoints)
        self.commitment_section.set_rows(history.commitments)
        self.feedback_section.set_rows(history.feedback)
        self._show_counts(
            history.checks, history.touchpoints, history.commitments, history.feedback
        )
        self.history_shown.emit()

    def _history_failed(self, error: BaseException) -> None:
        self._history_answered = self._history_asked
        self.context.show_error(self.tr("Load the history"), error)

    @property
    def loading(self) -> bool:
        """Whether a summary or history asked for has yet to be shown."""
        return (
            self._summary_answered < self._summary_asked
            or self._history_answered < self._history_asked
        )

    def _load_summary(self, today: date) -> None:
        self._summary_asked += 1
        self.summary_task = run_in_background(
            load_summary,
            self.stakeholder_id,
            today,
            self._summary_asked,
            on_success=self._summary_arrived,
            on_error=self._summary_failed,
            name="person summary",
        )

    def _summary_arrived(self, result: tuple[int, date, PersonStatus | None]) -> None:
        generation, today, summary = result
        if generation <= self._summary_answered:
            return  # an older load, overtaken by one already shown
        self._summary_answered = generation
        if summary is not None:  # (None: gone meanwhile; the next refresh says so)
            self.summary = summary
            self.status = summary.cadence
            self.health_score = summary.health
            self.facts.show_summary(summary, today)
        self.summary_shown.emit()

    def _summary_failed(self, error: BaseException) -> None:
        self._summary_answered = self._summary_asked
        self.context.show_error(self.tr("Load the relationship summary"), error)

    def _show_counts(
        self,
        checks: list[trust_checks.TrustCheck],
        history: list[touchpoints.Touchpoint],
        promises: list[commitments.Commitment],
        received: list[feedback.Feedback],
    ) -> None:
        """Each history tab's title with how many it holds ("Trust checks (3)")."""
        open_count = sum(1 for c in promises if c.status == CommitmentStatus.OPEN.value)
        titles = {
            self.trust_section: self.tr("Trust checks ({0})").format(len(checks))
            if checks
            else self.tr("Trust checks"),
            self.touchpoint_section: self.tr("Touchpoints ({0})").format(len(history))
            if history
            else self.tr("Touchpoints"),
            self.feedback_section: self.tr("Feedback ({0})").format(len(received))
            if received
            else self.tr("Feedback"),
            self.commitment_section: self.tr("Commitments ({0}, {1} open)").format(
                len(promises), open_count
            )
            if promises
            else self.tr("Commitments"),
        }
        for section, title in titles.items():
            self.tabs.setTabText(self.tabs.indexOf(section), title)

    def _update_buttons(self) -> None:
        present = self.person is not None
        writable = present and self.context.writable
        for button in (self.log_button, self.trust_button, self.feedback_button, self.edit_button):
            button.setEnabled(writable)

    def _show_heading(self, person: stakeholders.Stakeholder) -> None:
        self.name_label.setText(person.name)
        self.name_label.setToolTip(plain_tooltip(person.name))
        kind = choice_label(StakeholderKind(person.kind))
        parts = [person.title, person.organisation, person.business_unit, kind]
        if person.archived:
            parts.append(self.tr("archived"))
        self.role_label.setText(" · ".join(part for part in parts if part))

    # -- actions -------------------------------------------------------------------------------
    def open_link(self, link: Any) -> QWidget | None:
        """Open what a chart point leads to: this page's own trust checks and touchpoints here,
        anything else through the window."""
        if link.kind == "trust check":
            try:
                check = trust_checks.get(trust_check_id=link.record_id)
            except NotFoundError:
                return None
            return self.edit_trust_check(check)
        if link.kind == "touchpoint":
            from advisor_planner.ui.sections.touchpoints import touchpoint_dialog

            self.last_dialog = touchpoint_dialog(self.context, link.record_id, self.window())
            return self.last_dialog
        self.context.navigate.emit(link)
        return None

    def log_touchpoint(self) -> QWidget:
        """Open the quick log with this person filled in; return it."""
        from advisor_planner.ui.quick_log import open_quick_log

        self.quick_log_dialog = open_quick_log(
            self.context, self, stakeholder_ids=(self.stakeholder_id,)
        )
        return self.quick_log_dialog

    def _open(self, dialog: RecordDialog) -> RecordDialog:
        self.last_dialog = dialog
        dialog.open()
        return dialog

    def add_trust_check(self) -> RecordDialog:
        return self._open(trust_check_dialog(self.context, self.stakeholder_id, parent=self))

    def edit_trust_check(self, check: trust_checks.TrustCheck) -> RecordDialog:
        return self._open(
            trust_check_dialog(self.context, self.stakeholder_id, record=check, parent=self)
        )

    def add_feedback(self) -> RecordDialog:
        return self._open(feedback_dialog(self.context, self.stakeholder_id, parent=self))

    def edit_feedback(self, item: feedback.Feedback) -> RecordDialog:
        return self._open(
            feedback_dialog(self.context, self.stakeholder_id, record=item, parent=self)
        )

    def delete_selected(self, section: HistorySection, api: RecordApi) -> None:
        if not self.context.writable:
            return
        rows = section.table.selected_rows()
        if rows:
            self.context.run(DeleteRecords(self.context, api, [row.id for row in rows]))
