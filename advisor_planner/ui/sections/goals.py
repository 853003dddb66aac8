"""The Goals section: brand goals and how far each has come.

The list shows each goal's metric from baseline to target, the latest checkpoint and the share
of the way covered; a goal opens in ``goal_editor.GoalDialog``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QWidget

from advisor_planner.domain.enums import GoalStatus, TrustFactor
from advisor_planner.services import goals
from advisor_planner.services.changes import Change
from advisor_planner.services.errors import (
    NotFoundError,
    ReadOnlyDatabaseError,
    ServiceError,
    storage_sentence,
)
from advisor_planner.services.insights import goal_series
from advisor_planner.services.workers import on_worker
from advisor_planner.translation import QT_TRANSLATE_NOOP
from advisor_planner.ui.context import AppContext, StorageProblem
from advisor_planner.ui.i18n import choice_label, format_percent
from advisor_planner.ui.list_page import RecordListPage
from advisor_planner.ui.record_apis import GOAL
from advisor_planner.ui.sections.goal_editor import (
    GoalDialog,
    GoalReading,
    metric_text,
    read_goal,
)
from advisor_planner.ui.table import Column
from advisor_planner.ui.tasks import run_in_background


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
    #: A goal's window has opened (its goal read on a worker): the dialog.
    editor_opened = Signal(object)

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
        self._opening = 0  # which open_editor the next window read is for

    def open_editor(self, row: GoalRow | None) -> GoalDialog | None:
        """Read the goal (None: a new one) on a worker, and open its window when read
        (``editor_opened``); returns None, the window not open yet. Read here, the goal, the
        people its audience offers and its checkpoints and milestones took 10-20 ms of the
        turn that builds the window (61 ms on the large demo)."""
        self._opening += 1
        opening = self._opening
        run_in_background(
            on_worker,
            read_goal,
            row.id if row is not None else None,
            on_success=lambda reading: self._open_read(opening, reading),
            on_error=lambda error: self._read_failed(opening, error),
            name="open goal",
        )
        return None

    def _open_read(self, opening: int, reading: GoalReading) -> None:
        if opening != self._opening:
            return  # (Enter again meanwhile: the later one opens)
        if self.last_dialog is not None and not self.last_dialog.isVisible():
            self.last_dialog.deleteLater()
        dialog = GoalDialog(self.context, reading.record, parent=self, reading=reading)
        dialog.finished.connect(lambda _result: self._select_saved(dialog))
        dialog.open()
        self.last_dialog = dialog
        self.editor_opened.emit(dialog)

    def _read_failed(self, opening: int, error: BaseException) -> None:
        if opening != self._opening:
            return
        if isinstance(error, NotFoundError):  # deleted elsewhere since the list was loaded
            self.refresh()
            return
        if not isinstance(error, ServiceError | ReadOnlyDatabaseError | OSError):
            error = StorageProblem(storage_sentence(error))
        self.context.show_error(self.tr("Open the goal"), error)

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
