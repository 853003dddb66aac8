"""Step 5 of the weekly reflection: the week in the few numbers that matter, and the habit.

A row of cards (``cards.Card`` without items): the week's touchpoints and the people they
reached, the promises kept of those that fell due, the reflection streak and the habit's
strength. Under them, in words, what comes next (the people to reach next week) and where
last week's focus stands; then the habit chart, week by week.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from advisor_planner.services import clock, evidence, reflections
from advisor_planner.ui.i18n import format_count, format_date, format_percent
from advisor_planner.ui.reflection.cards import Card
from advisor_planner.ui.reflection.widgets import StepPage, plain_label


def _names(ids: list[int] | tuple[int, ...], names: dict[int, str]) -> str:
    return ", ".join(names.get(i, f"#{i}") for i in ids)


class SummaryPage(StepPage):
    """What the week held and what comes next; ``fill`` writes it each time it is shown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        # pyqtgraph is imported on first use: only a session that reaches this step pays it.
        from advisor_planner.charts.reflection import ReflectionHabitChart
        from advisor_planner.charts.view import ChartView

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
        self.habit_view = ChartView(ReflectionHabitChart(), self, minimum_height=200)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(10)
        column.addLayout(tiles)
        column.addWidget(self.summary_label)
        column.addWidget(self.habit_view, 1)

    def fill(
        self,
        week: evidence.WeekEvidence,
        monday: date,
        record: reflections.Reflection | None,
        focus: dict[str, Any],
    ) -> None:
        """Write the summary of ``week``, with ``focus`` (the focus step's values, if built)."""
        habit = reflections.habit(today=max(clock.today(), monday))
        self._fill_tiles(week, habit)
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
        self.habit_view.set_series(habit)

    def _fill_tiles(self, week: evidence.WeekEvidence, habit: reflections.ReflectionHabit) -> None:
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
