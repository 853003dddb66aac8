"""The dashboard's "Who needs attention": people past their keep-in-touch cadence, most pressing
first, each a click away from their page or from logging a touchpoint with them.

The order is ``services.insights.relationships.needs_attention``'s (key people first, then by
how many of their cadences have passed, never contacted last) and the panel says so in a line
above the rows, so the order can be read rather than guessed. Each row shows the number the
order follows ("20 days overdue · 2.0×", two cadences); key people carry "★ Key" (a sign and a
word, never colour alone). The panel shows the first ``ATTENTION_ROWS``; "Show all N" opens the
whole list in a window of its own, drawn by the same panel.

A person's cadence status is the domain's own sentence, shown as given.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont, QIcon, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from advisor_planner.domain import stakeholder_map
from advisor_planner.resources import icon_path
from advisor_planner.services.insights.relationships import PersonStatus, needs_attention
from advisor_planner.ui.colours import blend
from advisor_planner.ui.context import AppContext
from advisor_planner.ui.i18n import format_count, format_number
from advisor_planner.ui.stakeholder.facts import health_text, health_tooltip

#: Rows the dashboard shows; "Show all N" opens the rest.
ATTENTION_ROWS = 7


def plain_label(text: str, parent: QWidget, *, wrap: bool = True) -> QLabel:
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    return label


class AttentionPanel(QFrame):
    """Who needs attention: people past their cadence, most pressing first (the reason shown),
    key people marked, the first ``limit`` of them (None: all) with "Show all N" for the rest."""

    drawn = Signal()

    def __init__(
        self,
        context: AppContext,
        parent: QWidget | None = None,
        *,
        limit: int | None = ATTENTION_ROWS,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.limit = limit
        self.setObjectName("attentionPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.setAccessibleName(self.tr("Who needs attention"))
        self.setMinimumHeight(210)
        self.people: list[PersonStatus] = []
        self.everyone: list[PersonStatus] = []
        self.all_dialog: AttentionListDialog | None = None
        self._waiting_for_paint = False
        self.name_buttons: list[QPushButton] = []
        self.status_labels: list[QLabel] = []
        self.health_labels: list[QLabel] = []
        self.key_marks: list[QLabel | None] = []
        self.log_buttons: list[QPushButton] = []
        self.rows = QGridLayout()
        self.rows.setContentsMargins(10, 2, 10, 2)
        self.rows.setHorizontalSpacing(10)
        self.rows.setVerticalSpacing(2)
        self.rows.setColumnStretch(1, 1)
        self.empty = plain_label(self.tr("Loading…"), self)
        self.empty.setObjectName("attentionEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setContentsMargins(24, 12, 24, 12)
        self.show_all_button = QPushButton(self)
        self.show_all_button.setObjectName("attentionShowAll")
        self.show_all_button.setAutoDefault(False)
        self.show_all_button.setToolTip(self.tr("Everyone past their cadence, in this order"))
        self.show_all_button.clicked.connect(self.show_all)
        self.show_all_button.hide()
        more = QHBoxLayout()
        more.setContentsMargins(10, 0, 10, 0)
        more.addStretch(1)
        more.addWidget(self.show_all_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(1, 1, 1, 4)
        layout.addLayout(self._build_header())
        layout.addWidget(self.reason)
        layout.addLayout(self.rows)
        layout.addWidget(self.empty, 1)
        layout.addLayout(more)
        layout.addStretch(1)

    def _build_header(self) -> QHBoxLayout:
        """The title, the counts, the ⓘ, and under them the line that says the order."""
        title = plain_label(self.tr("Who needs attention"), self, wrap=False)
        font = QFont(title.font())
        font.setBold(True)
        title.setFont(font)
        self.headline = plain_label("", self, wrap=False)
        self.headline.setObjectName("headline")
        info = QToolButton(self)
        info.setAutoRaise(True)
        info.setText("ⓘ")
        info.setIcon(QIcon(str(icon_path("info"))))
        info.setAccessibleName(self.tr("About this list"))
        info.setToolTip(
            self.tr(
                "Stakeholders past their keep-in-touch cadence. Key people (power × interest "
                "of 12 or more) come first, marked ★ Key; within each group, whoever has "
                "missed the most cadences (days overdue ÷ cadence) comes first, and those never "
                "contacted come after everyone seen. Click a name for their page, or Log to "
                "record a touchpoint with them."
            )
        )
        self.reason = plain_label(stakeholder_map.attention_order(), self)
        self.reason.setObjectName("attentionReason")
        self.reason.setContentsMargins(10, 0, 10, 0)
        header = QHBoxLayout()
        header.setContentsMargins(10, 6, 4, 0)
        header.addWidget(title)
        header.addWidget(self.headline, 1)
        header.addWidget(info)
        return header

    def set_people(self, everyone: list[PersonStatus]) -> None:
        overdue = needs_attention(everyone, limit=None)
        people = overdue if self.limit is None else overdue[: self.limit]
        self.everyone = list(everyone)
        self._show_counts(overdue, len(people))
        if self.all_dialog is not None and self.all_dialog.isVisible():
            self.all_dialog.panel.set_people(everyone)
        if self.name_buttons and people == self.people:
            return
        self.people = people
        self._clear_rows()
        if not self.people:
            self.empty.setText(
                self.tr("Everyone is within their keep-in-touch cadence. Well kept.")
                if everyone
                else self.tr("No stakeholders yet.")
            )
        self.empty.setVisible(not self.people)
        self.reason.setVisible(bool(self.people))
        muted = self._muted()
        for row, person in enumerate(self.people):
            self._add_row(row, person, muted)
        self.reason.setPalette(self._palette_with(muted))
        self.setAccessibleDescription(
            self.tr("{0} people past their cadence; most pressing: {1}").format(
                len(overdue), ", ".join(p.name for p in self.people[:3])
            )
            if self.people
            else self.empty.text()
        )
        self._waiting_for_paint = True
        self.update()

    def _clear_rows(self) -> None:
        while self.rows.count():
            item = self.rows.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.name_buttons, self.status_labels, self.health_labels = [], [], []
        self.key_marks, self.log_buttons = [], []

    def _muted(self) -> QColor:
        # 40 % of the way to the background: about 5:1 on light and dark palettes alike.
        palette = self.palette()
        return blend(
            palette.color(QPalette.ColorRole.Text), palette.color(QPalette.ColorRole.Base), 0.4
        )

    def _palette_with(self, colour: QColor) -> QPalette:
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.WindowText, colour)
        return palette

    def _add_row(self, row: int, person: PersonStatus, muted: QColor) -> None:
        """The key mark, the person's name (opening their page), where they stand against
        their cadence, health and a Log button."""
        mark: QLabel | None = None
        if person.key:
            mark = plain_label(self.tr("★ Key"), self, wrap=False)
            mark.setObjectName(f"attentionKey{row}")
            mark.setAccessibleName(self.tr("Key stakeholder"))
            mark.setToolTip(stakeholder_map.key_stakeholder_formula())
            bold = QFont(mark.font())
            bold.setBold(True)
            mark.setFont(bold)
            self.rows.addWidget(mark, row, 0)
        name = QPushButton(person.name, self)
        name.setFlat(True)
        name.setObjectName(f"attentionName{row}")
        name.setStyleSheet("text-align: left; padding: 2px 4px;")
        name.setToolTip(self.tr("Open {0}'s page").format(person.name))
        name.setAccessibleName(
            self.tr("{0}, key stakeholder").format(person.name) if person.key else person.name
        )
        name.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        name.clicked.connect(lambda _=False, sid=person.id: self._open(sid))
        status = plain_label(self._standing(person), self, wrap=False)
        status.setObjectName(f"attentionStatus{row}")
        status.setToolTip(self._standing_tooltip(person))
        health = plain_label(health_text(person.health), self, wrap=False)
        health.setObjectName(f"attentionHealth{row}")
        health.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        health.setToolTip(
            self.tr("Relationship health {0} / 100").format(health_text(person.health))
            + "\n"
            + health_tooltip(person)
        )
        for label in (status, health):
            label.setPalette(self._palette_with(muted))
        log = QPushButton(self.tr("Log…"), self)
        log.setObjectName(f"attentionLog{row}")
        log.setToolTip(self.tr("Log a touchpoint with {0} (Ctrl+L)").format(person.name))
        log.setEnabled(self.context.writable)
        log.clicked.connect(lambda _=False, sid=person.id: self.log_with(sid))
        self.rows.addWidget(name, row, 1)
        self.rows.addWidget(status, row, 2)
        self.rows.addWidget(health, row, 3)
        self.rows.addWidget(log, row, 4)
        self.key_marks.append(mark)
        self.name_buttons.append(name)
        self.status_labels.append(status)
        self.health_labels.append(health)
        self.log_buttons.append(log)

    def _standing(self, person: PersonStatus) -> str:
        """ "20 days overdue · 2.0×": the number the order follows (cadences passed), beside
        the days; kept short so the name beside it has room at 1280 px."""
        cadences = person.cadences_overdue
        if cadences is None:
            return person.cadence.label  # "never contacted"
        return self.tr("{0} · {1}×").format(person.cadence.label, format_number(cadences, 1))

    def _standing_tooltip(self, person: PersonStatus) -> str:
        every = person.cadence.cadence_days or 0
        if person.cadences_overdue is None:
            return self.tr("Never contacted; cadence every {0} days").format(format_count(every))
        return self.tr("{0} days past a cadence of {1} days: {2} cadences missed").format(
            format_count(person.days_overdue),
            format_count(every),
            format_number(person.cadences_overdue, 1),
        )

    def _show_counts(self, overdue: list[PersonStatus], shown: int) -> None:
        key_overdue = sum(1 for p in overdue if p.key)
        self.headline.setText(
            self.tr("{0} overdue, {1} of them key").format(len(overdue), key_overdue)
            if overdue
            else ""
        )
        self.show_all_button.setText(self.tr("Show all {0}…").format(format_count(len(overdue))))
        self.show_all_button.setVisible(shown < len(overdue))

    def show_all(self) -> None:
        """Open everyone past their cadence, in the same order, in a window of its own."""
        if self.all_dialog is None:
            self.all_dialog = AttentionListDialog(self.context, self.window())
        self.all_dialog.panel.set_people(self.everyone)
        self.all_dialog.show()
        self.all_dialog.raise_()
        self.all_dialog.activateWindow()

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


class AttentionListDialog(QDialog):
    """Everyone past their cadence, most pressing first: the dashboard's panel without its
    limit, in a scrolling window; opening someone's page closes it."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attentionListDialog")
        self.setWindowTitle(self.tr("Who needs attention"))
        self.panel = AttentionPanel(context, limit=None)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.panel)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        self.resize(640, 520)
        context.navigate.connect(self._navigated)

    def _navigated(self, _link: object) -> None:
        if self.isVisible():
            self.accept()  # the page opened is in the main window, behind this one
