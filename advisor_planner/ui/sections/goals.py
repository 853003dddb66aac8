"""The Goals section: brand goals and how far each has come.

The list shows each goal's metric from baseline to target, the latest checkpoint and the share
of the way covered; a goal opens in ``goal_editor.GoalDialog``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from advisor_planner.domain.enums import GoalStatus, TrustFactor
from advisor_planner.services import goals
from advisor_planner.services.changes import Change
from advisor_planner.services.errors import NotFoundError
from advisor_planner.services.insights import goal_series
from advisor_planner.translation import QT_TRANSLATE_NOOP
from advisor_planner.ui.context import AppContext
from advisor_planner.ui.i18n import choice_label, format_percent
from advisor_planner.ui.list_page import RecordListPage
from advisor_planner.ui.record_apis import GOAL
from advisor_planner.ui.sections.goal_editor import GoalDialog, metric_text
from advisor_planner.ui.table import Column


@dataclass(frozen=True, slots=True)
class GoalRow:
    """A goal as the list shows it, with where its metric stands now."""

    id: int
    record: goals.BrandGoal
    latest: float | None
    progress: float | None  # share of the way from baseline to target


def load_rows() -> list[GoalRow]:
    progress = {p.goal_id: p for p in goal_series.goal_progress(status=None)}
    rows = []
    for goal in goals.list_all():
        known = progress.get(goal.id)
        rows.append(
            GoalRow(
                goal.id,
                goal,
                known.latest if known else None,
                known.progress if known else None,
            )
        )
    return rows


def _span(goal: goals.BrandGoal) -> str:
    if goal.baseline is None and goal.target is None:
        return ""
    return f"{metric_text(goal.baseline) or '?'} → {metric_text(goal.target) or '?'}"


def _number_sort(value: float | None) -> float:
    return -math.inf if value is None else value


def _percent(value: float | None) -> str:
    return "" if value is None else format_percent(value)


COLUMNS = [
    Column(QT_TRANSLATE_NOOP("Column", "Title"), lambda r: r.record.title, width=260, stretch=True),
    Column(
        QT_TRANSLATE_NOOP("Column", "Trust factor"),
        lambda r: choice_label(TrustFactor(r.record.trust_factor)) if r.record.trust_factor else "",
        width=110,
    ),
    Column(QT_TRANSLATE_NOOP("Column", "Metric"), lambda r: r.record.metric, width=200),
    Column(
        QT_TRANSLATE_NOOP("Column", "Baseline → target"),
        lambda r: _span(r.record),
        numeric=True,
        sort=lambda r: _number_sort(r.record.target),
        width=120,
    ),
    Column(
        QT_TRANSLATE_NOOP("Column", "Latest"),
        lambda r: r.latest,
        text=metric_text,
        numeric=True,
        sort=lambda r: _number_sort(r.latest),
        width=70,
    ),
    Column(
        QT_TRANSLATE_NOOP("Column", "Progress"),
        lambda r: r.progress,
        text=_percent,
        numeric=True,
        sort=lambda r: _number_sort(r.progress),
        tooltip=lambda r: QCoreApplication.translate(
            "GoalListPage", "Share of the way from baseline to target at the latest checkpoint"
        ),
        width=70,
    ),
    Column(QT_TRANSLATE_NOOP("Column", "Target date"), lambda r: r.record.target_on, width=95),
    Column(
        QT_TRANSLATE_NOOP("Column", "Status"),
        lambda r: choice_label(GoalStatus(r.record.status)),
    ),
]


class GoalListPage(RecordListPage):
    def __init__(self, context: AppContext, empty_page: QWidget | None) -> None:
        super().__init__(
            context,
            key="goals",
            columns=COLUMNS,
            load=load_rows,
            kinds=(Change.GOAL, Change.CHECKPOINT, Change.MILESTONE),
            empty_page=empty_page,
            api=GOAL,
            new_label=self.tr("New goal…"),
            search_placeholder=self.tr("Search titles, metrics, trust factors (Ctrl+F)"),
            list_name=self.tr("Goals list"),
        )
        self.last_dialog: GoalDialog | None = None

    def open_editor(self, row: GoalRow | None) -> GoalDialog | None:
        record = None
        if row is not None:
            try:
                record = goals.get(goal_id=row.id)
            except NotFoundError:  # deleted elsewhere since the list was loaded
                self.refresh()
                return None
        if self.last_dialog is not None and not self.last_dialog.isVisible():
            self.last_dialog.deleteLater()
        dialog = GoalDialog(self.context, record, parent=self)
        dialog.finished.connect(lambda _result: self._select_saved(dialog))
        dialog.open()
        self.last_dialog = dialog
        return dialog

    def _select_saved(self, dialog: GoalDialog) -> None:
        """Select what the window saved once the list has it (the save's change is already
        reloading the list); a window closed without saving leaves the list alone."""
        if dialog.saved is None:
            return
        if not self.loading:
            self.refresh()
        self.select_when_loaded(dialog.saved.id)


def build_page(context: AppContext, empty_page: QWidget) -> QWidget:
    return GoalListPage(context, empty_page)
