"""Step 5 of the weekly reflection: the week in the few numbers that matter, and the habit.

A row of cards (``cards.Card`` without items): the week's touchpoints and the people they
reached, the promises kept of those that fell due, the reflection streak and the habit's
strength. Under them, in words, what comes next (the people to reach next week) and where
last week's focus stands; then the habit chart, week by week.

The step shows at once with what the session holds (the week's evidence, the focus chosen);
the habit is read on a worker, the chart's view is built once the step is painted, and the
habit is drawn into it in a turn of its own: its arrival, the view and the drawing were one
turn (25-36 ms on the large demo), and with the query before, 80-170 ms on a busy machine.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from advisor_planner.services import clock, evidence, reflections
from advisor_planner.ui.i18n import format_count, format_date, format_percent
from advisor_planner.ui.reflection.cards import Card
from advisor_planner.ui.reflection.widgets import StepPage, plain_label
from advisor_planner.ui.tasks import run_in_background


def _read_habit(asked: int, today: date) -> tuple[int, reflections.ReflectionHabit]:
    """The habit as of ``today`` (on a worker), with the number of the read that asked."""
    return asked, reflections.habit(today=today)


def _names(ids: list[int] | tuple[int, ...], names: dict[int, str]) -> str:
    return ", ".join(names.get(i, f"#{i}") for i in ids)


class SummaryPage(StepPage):
    """What the week held and what comes next; ``fill`` writes it each time it is shown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tiles = {
            key: Card(key, title, self, with_items=False)
            for key, title in (
                ("touchpoints", self.tr("Touchpoints")),
                ("kept", self.tr("Promises kept")),
                ("streak", self.tr("Reflection streak")),
                ("strength", self.tr("Habit strength")),
            )
        }
        tiles = QHBoxLayout()
        tiles.setSpacing(10)
        for tile in self.tiles.values():
            tiles.addWidget(tile, 1, Qt.AlignmentFlag.AlignTop)
        self.summary_label = plain_label("", self)
        self.summary_label.setObjectName("reflectionSummary")
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.habit_view: Any = None  # the chart's ChartView, built a turn after the page
        self.habit: reflections.ReflectionHabit | None = None  # as last read
        self._asked = 0  # habit reads started; only the latest one's answer is shown
        self._column = QVBoxLayout(self)
        self._column.setContentsMargins(0, 0, 0, 0)
        self._column.setSpacing(10)
        self._column.addLayout(tiles)
        self._column.addWidget(self.summary_label)
        self._column.addStretch(1)  # where the chart goes
        self._painted = False  # the chart's view is built once the step is on screen
        self._draw_timer = QTimer(self)  # the habit drawn into it, a turn of its own
        self._draw_timer.setSingleShot(True)
        self._draw_timer.setInterval(0)
        self._draw_timer.timeout.connect(self._draw_habit)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self, self._build_chart)

    def _build_chart(self) -> None:
        # pyqtgraph is imported on first use: only a session that reaches this step pays it.
        from advisor_planner.charts.reflection import ReflectionHabitChart
        from advisor_planner.charts.view import ChartView

        self.habit_view = ChartView(ReflectionHabitChart(), self, minimum_height=200)
        self._column.takeAt(self._column.count() - 1)  # the stretch that held its place
        self._column.addWidget(self.habit_view, 1)
        if self.habit is not None:
            self._draw_timer.start()

    def _draw_habit(self) -> None:
        if self.habit_view is not None and self.habit is not None:
            self.habit_view.set_series(self.habit)

    def fill(
        self,
        week: evidence.WeekEvidence,
        monday: date,
        record: reflections.Reflection | None,
        focus: dict[str, Any],
    ) -> None:
        """Write the summary of ``week``, with ``focus`` (the focus step's values, if built);
        the habit's tiles and chart follow from a worker."""
        self._fill_tiles(week)
        self._asked += 1
        run_in_background(
            _read_habit,
            self._asked,
            max(clock.today(), monday),
            on_success=self._habit_arrived,
            name="reflection habit",
        )
        lines = []
        if focus.get("focus_stakeholder_ids"):
            lines.append(
                self.tr("Next week you mean to reach {0}.").format(
                    _names(focus["focus_stakeholder_ids"], week.names)
                )
            )
        if week.slipped:
            lines.append(
                self.tr("{0} key stakeholders are past their cadence.").format(
                    format_count(len(week.slipped))
                )
            )
        if week.focus is not None:
            lines.append(week.focus.sentence)
        if record is not None and record.completed_at is not None:
            lines.append(
                self.tr("Finished on {0}.").format(format_date(record.completed_at.date()))
            )
        self.summary_label.setText("\n".join(lines))
        self.summary_label.setVisible(bool(lines))

    def _habit_arrived(self, answer: tuple[int, reflections.ReflectionHabit]) -> None:
        asked, habit = answer
        if asked != self._asked:
            return  # overtaken by a later fill
        self.habit = habit
        self._fill_habit(habit)
        if self.habit_view is not None:
            self._draw_timer.start()

    def _fill_tiles(self, week: evidence.WeekEvidence) -> None:
        count, people = len(week.touchpoints), len(week.touchpoints_by_person)
        self.tiles["touchpoints"].set_content(
            count,
            caption=self.tr("with 1 person")
            if people == 1
            else self.tr("with {0} people").format(format_count(people)),
        )
        kept, due = len(week.kept), len(week.commitments_due)
        if due:
            self.tiles["kept"].set_content(
                kept,
                figure=self.tr("{0} of {1}").format(format_count(kept), format_count(due)),
                caption=self.tr("that fell due"),
            )
        else:
            self.tiles["kept"].set_content(0, figure="–", caption=self.tr("none fell due"))

    def _fill_habit(self, habit: reflections.ReflectionHabit) -> None:
        streak = self.tr("1 week") if habit.streak == 1 else self.tr("{0} weeks")
        self.tiles["streak"].set_content(
            habit.streak,
            figure=streak.format(format_count(habit.streak)),
            caption=self.tr("longest {0}").format(format_count(habit.longest)),
        )
        strength = habit.strength[-1] if habit.strength else 0.0
        self.tiles["strength"].set_content(
            round(strength * 100),
            figure=format_percent(strength),
            caption=self.tr("grows with each week reflected"),
        )
