"""Step 5 of the weekly reflection: the week in a few lines, the streak and the habit chart."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from advisor_planner.services import clock, evidence, reflections
from advisor_planner.ui.i18n import format_count, format_date, format_percent
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
        self.summary_label = plain_label("", self)
        self.summary_label.setObjectName("reflectionSummary")
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.habit_view = ChartView(ReflectionHabitChart(), self, minimum_height=200)
        column = QVBoxLayout(self)
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
        lines = self._week_lines(week)
        if focus.get("focus_stakeholder_ids"):
            lines.append(
                self.tr("Next week you mean to reach {0}.").format(
                    _names(focus["focus_stakeholder_ids"], week.names)
                )
            )
        habit = reflections.habit(today=max(clock.today(), monday))
        strength = habit.strength[-1] if habit.strength else 0.0
        if habit.streak == 1:
            streak = self.tr("Reflection streak: 1 week; habit strength {0}.")
        else:
            streak = self.tr("Reflection streak: {1} weeks; habit strength {0}.")
        lines.append(streak.format(format_percent(strength), format_count(habit.streak)))
        if record is not None and record.completed_at is not None:
            lines.append(
                self.tr("Finished on {0}.").format(format_date(record.completed_at.date()))
            )
        self.summary_label.setText("\n".join(lines))
        self.habit_view.set_series(habit)

    def _week_lines(self, week: evidence.WeekEvidence) -> list[str]:
        people = len(week.touchpoints_by_person)
        lines = [
            self.tr("{0} touchpoints with {1} people.").format(
                format_count(len(week.touchpoints)), format_count(people)
            ),
        ]
        if week.commitments_due:
            lines.append(
                self.tr("{0} of {1} commitments that fell due were kept.").format(
                    format_count(len(week.kept)), format_count(len(week.commitments_due))
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
        return lines
