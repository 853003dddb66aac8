"""One person's page: their profile, where the relationship stands, and its whole history.

The header names the person and shows the cadence status, engagement now → wanted, power and
interest, relationship health and the latest trust reading. Tabs below hold the profile
details, the trends (charts of the trust factors and quotient over time, and the touchpoint
timeline with sentiment and cadence; clicking a point opens its check or touchpoint), the
trust-check history (with each check's trust quotient), the touchpoint list, the commitments
made to them and the feedback they gave. Buttons log a touchpoint, add a trust
check or add feedback for this person; trust checks and feedback are edited with a
double-click (or Enter) and deleted with Delete, every change undoable.

The dialog builders ``trust_check_dialog`` and ``feedback_dialog`` live here so other views
can reuse them.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QStyle,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from advisor_planner.domain import cadence, health, reliability, stakeholder_map, trust
from advisor_planner.domain.enums import (
    Channel,
    CommitmentStatus,
    Engagement,
    FeedbackAspect,
    Purpose,
    StakeholderKind,
    TrustSource,
)
from advisor_planner.services import (
    clock,
    commitments,
    feedback,
    stakeholders,
    touchpoints,
    trust_checks,
)
from advisor_planner.services.errors import NotFoundError
from advisor_planner.ui.colours import blend
from advisor_planner.ui.commands import DeleteRecords, RecordApi
from advisor_planner.ui.context import ALL_KINDS, AppContext, RefreshWhenShown
from advisor_planner.ui.fields import ChoiceEditor, DateEditor, LongTextEditor
from advisor_planner.ui.list_page import RecordTable
from advisor_planner.ui.record_apis import FEEDBACK, TRUST_CHECK
from advisor_planner.ui.record_form import ERROR_COLOUR, FieldSpec, RecordDialog
from advisor_planner.ui.table import (
    Column,
    RecordFilterProxy,
    RecordTableModel,
    first_line,
    plain_tooltip,
)

#: The kinds of record whose changes show on this page.
KINDS = frozenset({"stakeholder", "touchpoint", "commitment", "trust check", "feedback", ALL_KINDS})

HEALTH_WINDOW_DAYS = 90  # as ``services.insights.relationships.HEALTH_WINDOW_DAYS``

FACTOR_MEANINGS = {
    1: "none",
    2: "very little",
    3: "a little",
    4: "some",
    5: "moderate",
    6: "fair",
    7: "strong",
    8: "very strong",
    9: "near complete",
    10: "complete",
}
SELF_ORIENTATION_MEANINGS = {
    1: "all about them",
    2: "nearly all about them",
    3: "mostly about them",
    4: "more them than me",
    5: "balanced",
    6: "more me than them",
    7: "mostly about me",
    8: "very much about me",
    9: "nearly all about me",
    10: "all about me",
}
WARMTH_MEANINGS = {1: "cold", 3: "distant", 5: "neutral", 7: "friendly", 10: "warm"}
COMPETENCE_MEANINGS = {
    1: "not capable",
    3: "doubtful",
    5: "capable enough",
    7: "capable",
    10: "highly capable",
}
SENTIMENT_MEANINGS = {
    -2: "very negative",
    -1: "negative",
    0: "neutral",
    1: "positive",
    2: "very positive",
}
ASPECT_LABELS = {
    FeedbackAspect.WARMTH.value: "Warmth",
    FeedbackAspect.COMPETENCE.value: "Competence",
    FeedbackAspect.BOTH.value: "Warmth and competence",
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("StakeholderPage", text)


def scale_choices(meanings: Mapping[int, str]) -> list[tuple[int, str]]:
    """1 to 10, the anchors given a meaning: "1 — none", "2", … "10 — complete"."""
    return [
        (score, f"{score} — {_tr(meanings[score])}" if score in meanings else str(score))
        for score in range(trust.FACTOR_MIN, trust.FACTOR_MAX + 1)
    ]


def _name_of(stakeholder_id: int) -> str:
    try:
        return stakeholders.get(stakeholder_id=stakeholder_id).name
    except NotFoundError:
        return ""


# -- dialogs -----------------------------------------------------------------------------------
def _wide(editor: ChoiceEditor) -> ChoiceEditor:
    """A choice as wide as the form's other fields, so the column of ratings lines up."""
    editor.combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    return editor


def trust_check_fields() -> list[FieldSpec]:
    def scale(meanings: Mapping[int, str], optional: bool = False):
        return lambda parent: _wide(
            ChoiceEditor(scale_choices(meanings), optional=optional, parent=parent)
        )

    return [
        FieldSpec("checked_on", _tr("Checked on"), lambda p: DateEditor(parent=p)),
        FieldSpec(
            "credibility",
            _tr("Credibility"),
            scale(FACTOR_MEANINGS),
            _tr("How far they believe what I say: my expertise and honesty as they see them"),
        ),
        FieldSpec(
            "reliability",
            _tr("Reliability"),
            scale(FACTOR_MEANINGS),
            _tr("How far they can count on me to do what I said I would"),
        ),
        FieldSpec(
            "intimacy",
            _tr("Intimacy"),
            scale(FACTOR_MEANINGS),
            _tr("How safe they feel sharing with me"),
        ),
        FieldSpec(
            "self_orientation",
            _tr("Self-orientation"),
            scale(SELF_ORIENTATION_MEANINGS),
            _tr("How much I seem focused on myself rather than on them (lower is better)"),
        ),
        FieldSpec(
            "warmth",
            _tr("Warmth (as they see me)"),
            scale(WARMTH_MEANINGS, optional=True),
            _tr("Optional: how warm they find me"),
        ),
        FieldSpec(
            "competence",
            _tr("Competence (as they see me)"),
            scale(COMPETENCE_MEANINGS, optional=True),
            _tr("Optional: how capable they find me"),
        ),
        FieldSpec(
            "source",
            _tr("Source"),
            lambda p: _wide(ChoiceEditor([(s.value, _tr(s.label)) for s in TrustSource], parent=p)),
            _tr("Whose reading this is"),
        ),
        FieldSpec("note", _tr("Note"), lambda p: LongTextEditor(parent=p)),
    ]


def trust_check_dialog(
    context: AppContext,
    stakeholder_id: int,
    record: trust_checks.TrustCheck | None = None,
    parent: QWidget | None = None,
) -> RecordDialog:
    """A new trust check for this person (starting from their last one), or ``record`` edited."""
    initial: dict[str, Any] = {}
    if record is None:
        initial = {"checked_on": clock.today(), "source": TrustSource.MY_ESTIMATE.value}
        history = trust_checks.for_stakeholder(stakeholder_id=stakeholder_id)
        if history:
            last = history[-1]
            for name in (
                "credibility",
                "reliability",
                "intimacy",
                "self_orientation",
                "warmth",
                "competence",
            ):
                initial[name] = getattr(last, name)
        else:
            initial |= {"credibility": 5, "reliability": 5, "intimacy": 5, "self_orientation": 5}
    name = _name_of(stakeholder_id)
    title = (_tr("Edit trust check — {0}") if record else _tr("New trust check — {0}")).format(name)
    dialog = RecordDialog(
        context,
        TRUST_CHECK,
        trust_check_fields(),
        record=record,
        initial=initial,
        title=title if name else "",
        parent=parent,
    )
    dialog.set_hidden(stakeholder_id=stakeholder_id)
    return dialog


def feedback_fields() -> list[FieldSpec]:
    return [
        FieldSpec("received_on", _tr("Received on"), lambda p: DateEditor(parent=p)),
        FieldSpec(
            "text",
            _tr("What was said"),
            lambda p: LongTextEditor(
                placeholder=_tr("In their words, as near as you can"), parent=p
            ),
        ),
        FieldSpec(
            "aspect",
            _tr("Speaks to"),
            lambda p: _wide(
                ChoiceEditor(
                    [(a.value, _tr(ASPECT_LABELS[a.value])) for a in FeedbackAspect], parent=p
                )
            ),
            _tr("Whether it says something about my warmth, my competence or both"),
        ),
    ]


def feedback_dialog(
    context: AppContext,
    stakeholder_id: int,
    record: feedback.Feedback | None = None,
    parent: QWidget | None = None,
) -> RecordDialog:
    """New feedback from this person, or ``record`` edited."""
    initial: dict[str, Any] = {}
    if record is None:
        initial = {"received_on": clock.today(), "aspect": FeedbackAspect.BOTH.value}
    name = _name_of(stakeholder_id)
    title = (_tr("Edit feedback — {0}") if record else _tr("Feedback from {0}")).format(name)
    dialog = RecordDialog(
        context,
        FEEDBACK,
        feedback_fields(),
        record=record,
        initial=initial,
        title=title if name else "",
        parent=parent,
    )
    dialog.set_hidden(stakeholder_id=stakeholder_id)
    return dialog


# -- small pieces ------------------------------------------------------------------------------
def _is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightnessF() < 0.5


def warning_colour(palette: QPalette) -> QColor:
    """The error red, lightened on a dark background so it stays readable."""
    return QColor("#ef7070") if _is_dark(palette) else ERROR_COLOUR


def _plain_label(parent: QWidget, *, wrap: bool = False, selectable: bool = False) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class _Fact(QFrame):
    """A small panel: a caption, a value in larger type, and a line of detail."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.caption = _plain_label(self)
        self.caption.setText(caption.upper())
        font = self.caption.font()
        font.setPointSizeF(font.pointSizeF() * 0.8)
        font.setBold(True)
        self.caption.setFont(font)
        self.value = _plain_label(self, wrap=True)
        font = self.value.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        self.value.setFont(font)
        self.detail = _plain_label(self, wrap=True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(2)
        layout.addWidget(self.caption)
        layout.addWidget(self.value)
        layout.addWidget(self.detail)
        layout.addStretch(1)
        self._warn = False

    def show_fact(self, value: str, detail: str = "", tooltip: str = "", *, warn: bool = False):
        self.value.setText(value)
        self.detail.setText(detail)
        self.detail.setVisible(bool(detail))
        self.setToolTip(tooltip)
        self._warn = warn
        self.recolour()

    def recolour(self) -> None:
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.Text)
        base = palette.color(QPalette.ColorRole.Base)
        muted = blend(text, base, 0.4)
        for label, colour in (
            (self.caption, muted),
            (self.detail, muted),
            (self.value, warning_colour(palette) if self._warn else text),
        ):
            own = label.palette()
            own.setColor(QPalette.ColorRole.WindowText, colour)
            label.setPalette(own)


class _Section(QWidget):
    """A table in a tab, with a line of explanation above and an empty state in its place."""

    activated_row = Signal(object)

    def __init__(
        self,
        context: AppContext,
        key: str,
        columns: list[Column],
        empty_text: str,
        *,
        caption: str = "",
        sort: tuple[int, Qt.SortOrder] = (0, Qt.SortOrder.DescendingOrder),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.model = RecordTableModel(columns, self)
        self.proxy = RecordFilterProxy(self)
        settings_key = f"stakeholder_page/{key}"
        fresh = context.settings.value(f"{settings_key}/header") is None
        self.table = RecordTable(self.model, self.proxy, settings_key, context, self)
        self.table.setObjectName(f"{key}Table")
        if fresh:
            self.table.sortByColumn(*sort)
        self.table.activated_row.connect(self.activated_row)
        self.empty = _plain_label(self, wrap=True)
        self.empty.setText(empty_text)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setObjectName(f"{key}Empty")
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        if caption:
            self.caption = _plain_label(self, wrap=True)
            self.caption.setText(caption)
            layout.addWidget(self.caption)
        layout.addWidget(self.stack, 1)

    def set_rows(self, rows: list[Any]) -> None:
        current = self.table.current_row()
        current_id = getattr(current, "id", None)
        self.model.set_rows(rows)
        self.stack.setCurrentWidget(self.table if rows else self.empty)
        if current_id is None:
            return
        for row, item in enumerate(rows):
            if getattr(item, "id", None) == current_id:
                self.table.setCurrentIndex(self.proxy.mapFromSource(self.model.index(row, 0)))
                break


# -- the trends tab ------------------------------------------------------------------------------
class TrendsTab(RefreshWhenShown, QScrollArea):
    """The person's charts: trust factors and quotient over time, and the touchpoint timeline
    with sentiment and cadence. Built when first shown (pyqtgraph loads on first use) and
    redrawn when shown after a change."""

    activated = Signal(object)  # the RecordLink of a chart point clicked

    def __init__(self, context: AppContext, stakeholder_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.stakeholder_id = stakeholder_id
        self.setObjectName("trendsTab")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.views: dict[str, Any] = {}

    def build(self) -> None:
        from advisor_planner.charts.palette import ChartPalette
        from advisor_planner.charts.stakeholder import (
            TouchpointTimelineChart,
            TrustFactorsChart,
            TrustQuotientChart,
        )
        from advisor_planner.charts.view import ChartView

        palette = ChartPalette.from_palette(self.palette())
        inner = QWidget()
        grid = QGridLayout(inner)
        grid.setContentsMargins(0, 8, 0, 0)
        grid.setSpacing(10)
        self.views = {
            "factors": ChartView(TrustFactorsChart(palette), inner, minimum_height=250),
            "quotient": ChartView(TrustQuotientChart(palette), inner, minimum_height=250),
            "timeline": ChartView(TouchpointTimelineChart(palette), inner, minimum_height=230),
        }
        grid.addWidget(self.views["factors"], 0, 0)
        grid.addWidget(self.views["quotient"], 0, 1)
        grid.addWidget(self.views["timeline"], 1, 0, 1, 2)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        for view in self.views.values():
            view.activated.connect(self.activated)
        self.setWidget(inner)

    def refresh(self) -> None:
        from advisor_planner.services.insights import person_series

        if not self.views:
            self.build()
        self._stale = False
        trust_series = person_series.person_trust(stakeholder_id=self.stakeholder_id)
        self.views["factors"].set_series(trust_series)
        self.views["quotient"].set_series(trust_series)
        self.views["timeline"].set_series(
            person_series.person_contact(stakeholder_id=self.stakeholder_id, today=clock.today())
        )


# -- the page ----------------------------------------------------------------------------------
class StakeholderPage(RefreshWhenShown, QWidget):
    """Everything about one stakeholder, with buttons to add to their record."""

    back_requested = Signal()
    edit_requested = Signal(int)

    def __init__(
        self, context: AppContext, stakeholder_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.stakeholder_id = stakeholder_id
        self.person: stakeholders.Stakeholder | None = None
        self.status: cadence.CadenceStatus | None = None
        self.health_score: float | None = None
        self.last_dialog: RecordDialog | None = None
        self._names: dict[int, str] = {}
        self.quick_log_dialog: QWidget | None = None
        self.setObjectName("stakeholderPage")

        # Top bar: back, then the actions.
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

        # Heading: the name, then title · organisation · unit · internal/external.
        self.name_label = _plain_label(self, selectable=True)
        self.name_label.setObjectName("nameLabel")
        font = self.name_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.7)
        font.setBold(True)
        self.name_label.setFont(font)
        self.name_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.role_label = _plain_label(self, wrap=True, selectable=True)
        self.role_label.setObjectName("roleLabel")

        # Where the relationship stands.
        self.contact_fact = _Fact(self.tr("Contact"), self)
        self.contact_fact.setObjectName("contactFact")
        self.engagement_fact = _Fact(self.tr("Engagement"), self)
        self.map_fact = _Fact(self.tr("Stakeholder map"), self)
        self.health_fact = _Fact(self.tr("Relationship health"), self)
        self.trust_fact = _Fact(self.tr("Trust"), self)
        self.facts = (
            self.contact_fact,
            self.engagement_fact,
            self.map_fact,
            self.health_fact,
            self.trust_fact,
        )
        facts = QGridLayout()
        facts.setHorizontalSpacing(8)
        for column, fact in enumerate(self.facts):
            facts.addWidget(fact, 0, column)
            facts.setColumnStretch(column, 1)

        # The tabs.
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("stakeholderTabs")
        self.tabs.setDocumentMode(True)
        self.profile_tab = self._build_profile()
        self.trust_section = _Section(
            context,
            "trust_checks",
            self._trust_columns(),
            self.tr(
                "No trust checks yet. Add one to see how far this person trusts you, and "
                "repeat it every few months to see the trend."
            ),
            caption=self.tr(
                "Trust quotient = (C + R + I) / S, from 0.3 to 30; score: the quotient on a "
                "0–100 scale (3 → 50). Uneven: C, R and I differ by 4 or more."
            ),
        )
        self.touchpoint_section = _Section(
            context,
            "touchpoints",
            self._touchpoint_columns(),
            self.tr("No touchpoints yet. Log touchpoint records a conversation with them."),
        )
        self.commitment_section = _Section(
            context,
            "commitments",
            self._commitment_columns(),
            self.tr("No commitments to this person yet. Add them when you log a touchpoint."),
            sort=(0, Qt.SortOrder.AscendingOrder),
        )
        self.feedback_section = _Section(
            context,
            "feedback",
            self._feedback_columns(),
            self.tr("No feedback from this person yet. Add feedback records what they said."),
        )
        self.trends_tab = TrendsTab(context, stakeholder_id, self)
        self.trends_tab.activated.connect(self.open_link)
        self.tabs.addTab(self.profile_tab, self.tr("Profile"))
        self.tabs.addTab(self.trends_tab, self.tr("Trends"))
        self.tabs.addTab(self.trust_section, self.tr("Trust checks"))
        self.tabs.addTab(self.touchpoint_section, self.tr("Touchpoints"))
        self.tabs.addTab(self.commitment_section, self.tr("Commitments"))
        self.tabs.addTab(self.feedback_section, self.tr("Feedback"))
        tab = context.settings.value("stakeholder_page/tab", 0)
        self.tabs.setCurrentIndex(int(tab) if str(tab).isdigit() else 0)
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

        self.content = QWidget(self)
        body = QVBoxLayout(self.content)
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(6)
        body.addWidget(self.name_label)
        body.addWidget(self.role_label)
        body.addSpacing(6)
        body.addLayout(facts)
        body.addSpacing(4)
        body.addWidget(self.tabs, 1)

        self.gone = _plain_label(self, wrap=True)
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
    def _build_profile(self) -> QWidget:
        self.profile_labels: dict[str, QLabel] = {}
        inner = QWidget()
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setVerticalSpacing(10)
        form.setHorizontalSpacing(16)
        for name, label in (
            ("title", self.tr("Title")),
            ("organisation", self.tr("Organisation")),
            ("business_unit", self.tr("Business unit")),
            ("kind", self.tr("Internal or external")),
            ("email", self.tr("Email")),
            ("phone", self.tr("Phone")),
            ("cadence", self.tr("Keep in touch")),
            ("tags", self.tr("Tags")),
        ):
            # One-line values do not wrap: a wrapping label in a form row is given the height
            # of one line before its width is known, and "VP Customer Service" lost its last
            # word. Tags may run long, so they still wrap.
            value = _plain_label(inner, wrap=name == "tags", selectable=True)
            value.setObjectName(f"profile_{name}")
            self.profile_labels[name] = value
            form.addRow(label, value)
        notes_heading = QLabel(self.tr("Notes (private)"), inner)
        font = notes_heading.font()
        font.setBold(True)
        notes_heading.setFont(font)
        self.notes_label = _plain_label(inner, wrap=True, selectable=True)
        self.notes_label.setObjectName("profile_notes")
        self.notes_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        notes = QVBoxLayout()
        notes.setSpacing(6)
        notes.addWidget(notes_heading)
        notes.addWidget(self.notes_label)
        notes.addStretch(1)
        details = QVBoxLayout()
        details.addLayout(form)
        details.addStretch(1)
        row = QHBoxLayout(inner)
        row.setContentsMargins(4, 12, 4, 4)
        row.setSpacing(24)
        row.addLayout(details, 1)
        row.addLayout(notes, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(inner)
        return scroll

    def _trust_columns(self) -> list[Column]:
        def reading(check: trust_checks.TrustCheck) -> trust.TrustReading:
            return trust.read_trust(
                check.credibility, check.reliability, check.intimacy, check.self_orientation
            )

        def uneven(check: trust_checks.TrustCheck) -> str:
            r = reading(check)
            return self.tr("⚠ uneven — weakest: {0}").format(self.tr(r.weakest)) if r.uneven else ""

        return [
            Column(self.tr("Date"), lambda c: c.checked_on, width=90),
            Column(self.tr("C"), lambda c: c.credibility, numeric=True, width=36,
                   tooltip=lambda c: self.tr("Credibility")),
            Column(self.tr("R"), lambda c: c.reliability, numeric=True, width=36,
                   tooltip=lambda c: self.tr("Reliability")),
            Column(self.tr("I"), lambda c: c.intimacy, numeric=True, width=36,
                   tooltip=lambda c: self.tr("Intimacy")),
            Column(self.tr("S"), lambda c: c.self_orientation, numeric=True, width=36,
                   tooltip=lambda c: self.tr("Self-orientation (lower is better)")),
            Column(self.tr("Quotient"), lambda c: c.quotient, text=lambda q: f"{q:.1f}",
                   numeric=True, width=72, tooltip=lambda c: trust.TRUST_QUOTIENT_FORMULA),
            Column(self.tr("Score"), lambda c: reading(c).score_100,
                   text=lambda s: f"{s:.0f}", numeric=True, width=56,
                   tooltip=lambda c: trust.TRUST_SCALE_FORMULA),
            Column(self.tr("Warmth"), lambda c: c.warmth, numeric=True, width=62),
            Column(self.tr("Competence"), lambda c: c.competence, numeric=True, width=86),
            Column(self.tr("Source"), lambda c: c.source,
                   text=lambda s: self.tr(TrustSource(s).label), width=100),
            Column(self.tr("Balance"), uneven, width=170,
                   tooltip=lambda c: self.tr("Uneven when C, R and I differ by 4 or more")),
            Column(self.tr("Note"), lambda c: first_line(c.note),
                   tooltip=lambda c: c.note),
        ]  # fmt: skip

    def _touchpoint_columns(self) -> list[Column]:
        def when(t: touchpoints.Touchpoint) -> str:
            assert t.occurred_at is not None
            local = t.occurred_at.astimezone()
            return local.strftime("%Y-%m-%d %H:%M") if t.has_time else str(t.occurred_on)

        def sentiment(value: int | None) -> str:
            if value is None:
                return ""
            sign = "+" if value > 0 else "−" if value < 0 else ""
            return f"{sign}{abs(value)} {self.tr(SENTIMENT_MEANINGS[value])}"

        def summary(t: touchpoints.Touchpoint) -> str:
            line = first_line(t.notes)
            if t.subject and line:
                return f"{t.subject} — {line}"
            return t.subject or line

        def full_notes(t: touchpoints.Touchpoint) -> str:
            return "\n\n".join(part for part in (t.subject, t.notes) if part)

        def with_whom(t: touchpoints.Touchpoint) -> str:
            return ", ".join(
                self._names.get(sid, "?") for sid in t.stakeholder_ids if sid != self.stakeholder_id
            )

        return [
            Column(self.tr("When"), lambda t: t, text=when, width=130,
                   sort=lambda t: t.occurred_at.timestamp()),
            Column(self.tr("Channel"), lambda t: t.channel,
                   text=lambda c: self.tr(Channel(c).label), width=80),
            Column(self.tr("Purpose"), lambda t: t.purpose,
                   text=lambda p: self.tr(Purpose(p).label), width=150),
            Column(self.tr("Sentiment"), lambda t: t.sentiment, text=sentiment, width=110),
            Column(self.tr("Listening"), lambda t: t.listening, numeric=True, width=70,
                   tooltip=lambda t: self.tr("How much I listened, 1–5")),
            Column(self.tr("Also there"), with_whom, width=150,
                   tooltip=with_whom),
            Column(self.tr("Notes"), summary,
                   tooltip=full_notes),
        ]  # fmt: skip

    def _commitment_columns(self) -> list[Column]:
        today = clock.today

        def status(c: commitments.Commitment) -> str:
            label = self.tr(CommitmentStatus(c.status).label)
            if c.is_overdue(today()):
                return self.tr("{0} — overdue").format(label)
            return label

        def status_order(c: commitments.Commitment) -> tuple[int, int]:
            # Overdue first, then open by due day, then closed, most recently closed first.
            if c.status == CommitmentStatus.OPEN.value:
                due = c.due_on.toordinal() if c.due_on else date.max.toordinal()
                return (0 if c.is_overdue(today()) else 1, due)
            closed = c.closed_on.toordinal() if c.closed_on else 0
            return (2, -closed)

        return [
            Column(self.tr("Status"), status, sort=status_order, width=150),
            Column(self.tr("Commitment"), lambda c: c.text, width=360,
                   tooltip=lambda c: c.text),
            Column(self.tr("Made"), lambda c: c.made_on, width=90),
            Column(self.tr("Due"), lambda c: c.due_on, width=90),
            Column(self.tr("Closed"), lambda c: c.closed_on, width=90),
        ]  # fmt: skip

    def _feedback_columns(self) -> list[Column]:
        return [
            Column(self.tr("Received"), lambda f: f.received_on, width=90),
            Column(self.tr("Speaks to"), lambda f: f.aspect,
                   text=lambda a: self.tr(ASPECT_LABELS.get(a, a)), width=160),
            Column(self.tr("What was said"), lambda f: first_line(f.text),
                   tooltip=lambda f: f.text),
        ]  # fmt: skip

    # -- data ----------------------------------------------------------------------------------
    def _on_changed(self, kind: str) -> None:
        if kind in KINDS:
            self.mark_stale()

    def reload_soon(self) -> None:
        self._refresh_timer.start()  # one reload for the several kinds a change names

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "facts"):
            for fact in self.facts:
                fact.recolour()

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
        today = clock.today()
        self._names = stakeholders.names(include_archived=True)
        history = touchpoints.between(
            start=date(1900, 1, 1), end=date(9999, 12, 31), stakeholder_id=person.id
        )
        history.reverse()  # newest first
        promises = commitments.for_stakeholder(stakeholder_id=person.id)
        checks = trust_checks.for_stakeholder(stakeholder_id=person.id)
        received = feedback.for_stakeholder(stakeholder_id=person.id)

        self._show_profile(person)
        past = [t for t in history if t.occurred_on is not None and t.occurred_on <= today]
        last_contact = past[0].occurred_on if past else None
        self.status = cadence.cadence_status(last_contact, person.cadence_days, today=today)
        self._show_contact(last_contact, today)
        self._show_engagement(person)
        self._show_map(person)
        self._show_health(person, past, promises, last_contact, today)
        self._show_trust(checks)

        self.trends_tab.mark_stale()
        self.trust_section.set_rows(checks)
        self.touchpoint_section.set_rows(history)
        self.commitment_section.set_rows(promises)
        self.feedback_section.set_rows(received)
        open_count = sum(1 for c in promises if c.status == CommitmentStatus.OPEN.value)
        self._set_tab_count(self.trust_section, self.tr("Trust checks"), len(checks))
        self._set_tab_count(self.touchpoint_section, self.tr("Touchpoints"), len(history))
        self._set_tab_count(self.feedback_section, self.tr("Feedback"), len(received))
        commitments_title = self.tr("Commitments")
        if promises:
            commitments_title = self.tr("Commitments ({0}, {1} open)").format(
                len(promises), open_count
            )
        self.tabs.setTabText(self.tabs.indexOf(self.commitment_section), commitments_title)
        self._update_buttons()

    def _set_tab_count(self, widget: QWidget, title: str, count: int) -> None:
        self.tabs.setTabText(self.tabs.indexOf(widget), f"{title} ({count})" if count else title)

    def _update_buttons(self) -> None:
        present = self.person is not None
        writable = present and self.context.writable
        for button in (self.log_button, self.trust_button, self.feedback_button, self.edit_button):
            button.setEnabled(writable)

    def _show_profile(self, person: stakeholders.Stakeholder) -> None:
        self.name_label.setText(person.name)
        self.name_label.setToolTip(plain_tooltip(person.name))
        kind = self.tr(StakeholderKind(person.kind).label)
        parts = [person.title, person.organisation, person.business_unit, kind]
        if person.archived:
            parts.append(self.tr("archived"))
        self.role_label.setText(" · ".join(part for part in parts if part))
        cadence_text = (
            self.tr("every {0} days").format(person.cadence_days)
            if person.cadence_days
            else self.tr("no cadence set")
        )
        values = {
            "title": person.title,
            "organisation": person.organisation,
            "business_unit": person.business_unit,
            "kind": kind,
            "email": person.email,
            "phone": person.phone,
            "cadence": cadence_text,
            "tags": ", ".join(person.tags),
        }
        for name, value in values.items():
            self.profile_labels[name].setText(value or "—")
        self.notes_label.setText(person.notes or self.tr("No notes."))

    def _show_contact(self, last_contact: date | None, today: date) -> None:
        assert self.status is not None
        status = self.status
        if last_contact is None:
            detail = self.tr("no touchpoint logged yet")
        else:
            days = (today - last_contact).days
            when = {0: self.tr("today"), 1: self.tr("yesterday")}.get(
                days, self.tr("{0} days ago").format(days)
            )
            detail = self.tr("last contact {0} ({1})").format(last_contact.isoformat(), when)
        tooltip = cadence.CADENCE_FORMULA
        if status.due_on is not None:
            tooltip += "\n" + self.tr("Next contact due {0}").format(status.due_on.isoformat())
        self.contact_fact.show_fact(self.tr(status.label), detail, tooltip, warn=status.overdue)

    def _show_engagement(self, person: stakeholders.Stakeholder) -> None:
        current = Engagement(person.engagement_current)
        desired = Engagement(person.engagement_desired)
        gap = stakeholder_map.engagement_gap(current.value, desired.value)
        if gap == 0:
            value, detail = self.tr(current.label), self.tr("where you want them")
        else:
            value = f"{self.tr(current.label)} → {self.tr(desired.label).lower()}"
            steps = abs(gap)
            detail = (
                self.tr("{0} step to go") if steps == 1 else self.tr("{0} steps to go")
            ).format(steps)
            if gap < 0:
                detail = self.tr("more engaged than needed")
        self.engagement_fact.show_fact(value, detail, self.tr("Engagement now → wanted"))

    def _show_map(self, person: stakeholders.Stakeholder) -> None:
        quadrant = stakeholder_map.quadrant(person.power, person.interest)
        key = stakeholder_map.is_key_stakeholder(person.power, person.interest)
        detail = self.tr(quadrant).capitalize()
        if key:
            detail = self.tr("{0} · key stakeholder").format(detail)
        self.map_fact.show_fact(
            self.tr("Power {0} · interest {1}").format(person.power, person.interest),
            detail,
            self.tr("Power {0} of 5, interest {1} of 5\n{2}").format(
                person.power, person.interest, stakeholder_map.KEY_STAKEHOLDER_FORMULA
            ),
        )

    def _show_health(
        self,
        person: stakeholders.Stakeholder,
        past: list[touchpoints.Touchpoint],
        promises: list[commitments.Commitment],
        last_contact: date | None,
        today: date,
    ) -> None:
        since = today - timedelta(days=HEALTH_WINDOW_DAYS)
        recent = [t for t in past if t.occurred_on is not None and t.occurred_on >= since]
        listening = [t.listening for t in recent if t.listening is not None]
        sentiment = [t.sentiment for t in recent if t.sentiment is not None]
        facts = [
            reliability.CommitmentFact(c.made_on, c.due_on, c.status, c.closed_on)
            for c in promises
            if c.made_on is not None
        ]
        follow = reliability.evidence_reliability(
            facts, today=today, window_days=HEALTH_WINDOW_DAYS
        ).ratio
        reading = health.relationship_health(
            health.HealthInputs(
                days_since_contact=(today - last_contact).days if last_contact else None,
                cadence_days=person.cadence_days,
                touchpoints_in_window=len(recent),
                window_days=HEALTH_WINDOW_DAYS,
                mean_listening=sum(listening) / len(listening) if listening else None,
                mean_sentiment=sum(sentiment) / len(sentiment) if sentiment else None,
                gave=sum(1 for t in recent if t.reciprocity == "gave"),
                asked=sum(1 for t in recent if t.reciprocity == "asked"),
                mutual=sum(1 for t in recent if t.reciprocity == "mutual"),
                follow_through=follow,
            )
        )
        self.health_score = reading.score
        if reading.score is None:
            self.health_fact.show_fact("—", self.tr("no evidence yet"), health.HEALTH_FORMULA)
            return
        parts = [
            f"{self.tr(name.replace('_', '-'))} {value * 100:.0f}"
            for name, value in reading.components.items()
        ]
        detail = self.tr("{0} touchpoints in {1} days").format(len(recent), HEALTH_WINDOW_DAYS)
        if follow is not None:
            detail += " · " + self.tr("{0:.0%} kept on time").format(follow)
        self.health_fact.show_fact(
            self.tr("{0:.0f} / 100").format(reading.score),
            detail,
            health.HEALTH_FORMULA + "\n" + ", ".join(parts),
            warn=reading.score < 40,
        )

    def _show_trust(self, checks: list[trust_checks.TrustCheck]) -> None:
        if not checks:
            self.trust_fact.show_fact(
                "—", self.tr("no trust check yet"), trust.TRUST_QUOTIENT_FORMULA
            )
            return
        last = checks[-1]
        reading = trust.read_trust(
            last.credibility, last.reliability, last.intimacy, last.self_orientation
        )
        value = self.tr("{0:.1f} · score {1:.0f}").format(reading.quotient, reading.score_100)
        detail = self.tr("on {0}").format(last.checked_on)
        if len(checks) > 1:
            detail += " · " + self.tr("was {0:.1f}").format(checks[-2].quotient)
        if reading.uneven:
            detail += " · " + self.tr("uneven")
        self.trust_fact.show_fact(
            value,
            detail,
            f"{trust.TRUST_QUOTIENT_FORMULA}\n{trust.TRUST_SCALE_FORMULA}",
            warn=reading.uneven,
        )

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

    def delete_selected(self, section: _Section, api: RecordApi) -> None:
        if not self.context.writable:
            return
        rows = section.table.selected_rows()
        if rows:
            self.context.run(DeleteRecords(self.context, api, [row.id for row in rows]))


__all__: list[str] = [
    "StakeholderPage",
    "feedback_dialog",
    "trust_check_dialog",
]
