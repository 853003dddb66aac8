"""The Dashboard section, for now a short text summary of the week.

On an empty database it is the first-run page: what the app is for, and a button that fills the
database with the small sample data set (after asking). The charts arrive with the charts
issue; until then the page lists who needs attention and what is overdue.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from advisor_planner.services import clock, commitments, demo, insights, stakeholders
from advisor_planner.ui.context import ALL_KINDS, AppContext
from advisor_planner.ui.tasks import Task, run_in_background


def _plain(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


class DashboardPage(QStackedWidget):
    def __init__(self, context: AppContext, empty_page: QWidget) -> None:
        super().__init__()
        self.context = context
        self.setObjectName("page_dashboard")
        self.empty_page = empty_page
        self.sample_button = QPushButton(self.tr("Load sample data…"), empty_page)
        self.sample_button.setObjectName("loadSampleData")
        self.sample_button.setToolTip(
            self.tr("Fill this database with a year of realistic example data to explore")
        )
        self.sample_button.clicked.connect(self.offer_sample_data)
        layout = empty_page.layout()
        if layout is not None:
            layout.insertWidget(
                layout.count() - 1, self.sample_button, 0, Qt.AlignmentFlag.AlignHCenter
            )
        self.addWidget(empty_page)

        self.summary = QWidget(self)
        column = QVBoxLayout(self.summary)
        column.setContentsMargins(24, 24, 24, 24)
        self.heading = _plain(self.tr("This week"), self.summary)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        self.heading.setFont(font)
        self.overdue = _plain("", self.summary)
        self.attention = _plain("", self.summary)
        column.addWidget(self.heading)
        column.addWidget(self.overdue)
        column.addWidget(self.attention)
        column.addStretch(1)
        self.addWidget(self.summary)
        self.task: Task | None = None
        context.events.changed.connect(lambda _kind: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        if stakeholders.count() == 0:
            self.setCurrentWidget(self.empty_page)
            return
        overdue = commitments.overdue_count(today=clock.today())
        if overdue == 0:
            self.overdue.setText(self.tr("No commitment is overdue."))
        elif overdue == 1:
            self.overdue.setText(self.tr("1 commitment is overdue."))
        else:
            self.overdue.setText(self.tr("{0} commitments are overdue.").format(overdue))
        people = insights.needs_attention(limit=5)
        if people:
            lines = [f"• {p.name} — {p.cadence.label}" for p in people]
            self.attention.setText(self.tr("Who needs attention:") + "\n" + "\n".join(lines))
        else:
            self.attention.setText(self.tr("Everyone is within their keep-in-touch cadence."))
        self.setCurrentWidget(self.summary)

    def offer_sample_data(self) -> None:
        answer = QMessageBox.question(
            self,
            self.tr("Load sample data?"),
            self.tr(
                "Fill this database with sample data: 25 stakeholders and a year of "
                "touchpoints, commitments, trust checks and reflections. Use it to explore; "
                "start a new database (File ▸ New Database) for your own."
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.load_sample_data()

    def load_sample_data(self) -> Task:
        self.sample_button.setEnabled(False)
        self.sample_button.setText(self.tr("Loading sample data…"))
        self.task = run_in_background(
            demo.generate,
            size="small",
            seed=1,
            on_success=self._loaded,
            on_error=self._failed,
            name="sample data",
        )
        return self.task

    def _loaded(self, _counts: object) -> None:
        self.context.events.changed.emit(ALL_KINDS)

    def _failed(self, error: BaseException) -> None:
        self.sample_button.setEnabled(True)
        self.sample_button.setText(self.tr("Load sample data…"))
        self.context.show_error(self.tr("load sample data"), error)


def build_page(context: AppContext, empty_page: QWidget) -> QWidget:
    return DashboardPage(context, empty_page)
