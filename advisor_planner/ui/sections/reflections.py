"""The Reflections section: one reflection per week, newest first, and its editor.

The search box looks through everything a reflection says (wins, what was hard, lessons,
next week's focus and the guided answers), not only the columns on screen: the last column
holds all of that text on one line. A double-click (or Enter) opens that week's guided session
(``ui.reflection``); New… and Edit… open the plain form.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime, timezone
from functools import partial
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QMenu, QPushButton, QWidget

from advisor_planner.services import clock, reflections, stakeholders
from advisor_planner.services.changes import Change
from advisor_planner.services.errors import ValidationError
from advisor_planner.translation import QT_TRANSLATE_NOOP
from advisor_planner.ui.context import AppContext
from advisor_planner.ui.fields import (
    BoxEditor,
    ChoiceEditor,
    LongTextEditor,
    PeopleEditor,
    TextEditor,
    rating_choices,
)
from advisor_planner.ui.i18n import (
    FIELD,
    format_day_month,
    format_short_date,
    format_week,
    plural,
    translate,
)
from advisor_planner.ui.list_page import RecordListPage
from advisor_planner.ui.record_apis import REFLECTION
from advisor_planner.ui.record_form import FieldSpec, RecordDialog
from advisor_planner.ui.table import Column, first_line

# What each rating means, as source text translated when the form is built.
RATING_ANCHORS = {
    1: QT_TRANSLATE_NOOP("ReflectionDialog", "rarely"),
    2: QT_TRANSLATE_NOOP("ReflectionDialog", "occasionally"),
    3: QT_TRANSLATE_NOOP("ReflectionDialog", "sometimes"),
    4: QT_TRANSLATE_NOOP("ReflectionDialog", "often"),
    5: QT_TRANSLATE_NOOP("ReflectionDialog", "consistently"),
}
ENERGY_MEANINGS = {
    1: QT_TRANSLATE_NOOP("ReflectionDialog", "drained"),
    2: QT_TRANSLATE_NOOP("ReflectionDialog", "low"),
    3: QT_TRANSLATE_NOOP("ReflectionDialog", "steady"),
    4: QT_TRANSLATE_NOOP("ReflectionDialog", "good"),
    5: QT_TRANSLATE_NOOP("ReflectionDialog", "full of energy"),
}
# (field, label, hint: what a high rating means), labels and hints in the Field context.
RATINGS = (
    (
        "self_awareness",
        QT_TRANSLATE_NOOP("Field", "Self-awareness"),
        QT_TRANSLATE_NOOP(
            "Field", "5 — consistently: I noticed my moods and how they affected others"
        ),
    ),
    (
        "self_regulation",
        QT_TRANSLATE_NOOP("Field", "Self-regulation"),
        QT_TRANSLATE_NOOP("Field", "5 — consistently: I paused before reacting and kept my word"),
    ),
    (
        "motivation",
        QT_TRANSLATE_NOOP("Field", "Motivation"),
        QT_TRANSLATE_NOOP(
            "Field", "5 — consistently: I worked towards what matters, not only what was urgent"
        ),
    ),
    (
        "empathy",
        QT_TRANSLATE_NOOP("Field", "Empathy"),
        QT_TRANSLATE_NOOP(
            "Field", "5 — consistently: I understood how others saw things before I answered"
        ),
    ),
    (
        "social_skill",
        QT_TRANSLATE_NOOP("Field", "Social skill"),
        QT_TRANSLATE_NOOP(
            "Field", "5 — consistently: I built rapport and moved people towards common ground"
        ),
    ),
)
# (field, label) of the written parts, in the order a reflection is written.
TEXTS = (
    ("wins", QT_TRANSLATE_NOOP("Field", "Wins")),
    ("hard", QT_TRANSLATE_NOOP("Field", "What was hard")),
    ("not_present", QT_TRANSLATE_NOOP("Field", "Where I was not present")),
    ("difficult_conversations", QT_TRANSLATE_NOOP("Field", "Difficult conversations")),
    ("lessons", QT_TRANSLATE_NOOP("Field", "Lessons")),
    ("focus_note", QT_TRANSLATE_NOOP("Field", "Next week's focus")),
)
WEEK_COLUMN = 0


def _meanings(meanings: dict[int, str]) -> list[tuple[int, str]]:
    return rating_choices(
        {score: translate("ReflectionDialog", meaning) for score, meaning in meanings.items()}
    )


def ratings_average(record: reflections.Reflection) -> float | None:
    scores = [getattr(record, name) for name, _label, _hint in RATINGS]
    given = [score for score in scores if score is not None]
    return sum(given) / len(given) if given else None


def all_text(record: reflections.Reflection) -> str:
    """Everything the reflection says, on one line, for the search and the word count."""
    parts = [getattr(record, name).strip() for name, _label in TEXTS]
    try:
        answers = json.loads(record.answers or "{}")
    except ValueError:
        answers = {}
    if isinstance(answers, dict):
        parts.extend(str(text).strip() for text in answers.values())
    return " · ".join(" ".join(part.split()) for part in parts if part)


def full_text_tooltip(record: reflections.Reflection) -> str:
    """The written parts under their headings (the table model shows it as plain text)."""
    return "\n\n".join(
        translate("ReflectionsPage", "{0}:\n{1}").format(translate(FIELD, label), text.strip())
        for name, label in TEXTS
        if (text := getattr(record, name)).strip()
    )


def week_text(week: str) -> str:
    """ "Week 48 (23–29 Nov)", the year added when it is not this one."""
    year, number = week.split("-W")
    return format_week(int(year), int(number), this_year=clock.today().year)


def completed_on(record: reflections.Reflection) -> date | None:
    """The day the reflection was finished, in the user's zone (None: not yet)."""
    moment = record.completed_at
    if moment is None:
        return None
    if moment.tzinfo is None:  # stored as naive UTC
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone().date()


def completed_text(day: date | None) -> str:
    if day is None:
        return translate("ReflectionsPage", "Not finished")
    return format_short_date(day, this_year=clock.today().year)


def written_text(record: reflections.Reflection) -> str:
    """ "412 words · 5 of 6 parts": how much was written, and of which of the parts."""
    parts = [getattr(record, name) for name, _label in TEXTS]
    done = sum(1 for part in parts if part.strip())
    words = len(all_text(record).replace(" · ", " ").split())
    return translate("ReflectionsPage", "{0} · {1}").format(
        plural(QCoreApplication.translate("ReflectionsPage", "%n word(s)", None, words), words),
        translate("ReflectionsPage", "{0} of {1} parts").format(done, len(parts)),
    )


COLUMNS = [
    Column(
        QT_TRANSLATE_NOOP("Column", "Week"),
        lambda r: r.week,
        text=week_text,
        width=90,
        tooltip=lambda r: r.week,
        search=lambda r: f"{r.week} {week_text(r.week)}",
    ),
    Column(
        QT_TRANSLATE_NOOP("Column", "Completed"),
        completed_on,
        text=completed_text,
        width=85,
        sort=lambda r: (completed_on(r) or date.min).toordinal(),
    ),
    Column(
        QT_TRANSLATE_NOOP("Column", "Wins"),
        lambda r: first_line(r.wins),
        width=260,
        stretch=True,
        tooltip=lambda r: r.wins.strip(),
    ),
    Column(QT_TRANSLATE_NOOP("Column", "Energy"), lambda r: r.energy, numeric=True, width=60),
    Column(
        QT_TRANSLATE_NOOP("Column", "Self-rating"),
        ratings_average,
        numeric=True,
        width=85,
        tooltip=lambda r: translate(
            "ReflectionsPage", "Average of the five self-ratings (1 — rarely … 5 — consistently)"
        ),
    ),
    Column(
        QT_TRANSLATE_NOOP("Column", "Written"),
        lambda r: r,
        text=written_text,
        sort=lambda r: len(all_text(r).split()),
        tooltip=full_text_tooltip,
        search=all_text,  # the search looks through all of it, not only the count
    ),
]


class CompletedEditor(BoxEditor):
    """Whether the week's reflection is finished; its value is the moment (naive UTC, as the
    store keeps it) it was marked so, kept as it was while the box stays ticked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(translate("CompletedEditor", "This reflection is finished"), parent)
        self._moment: datetime | None = None

    def value(self) -> datetime | None:
        if not self.box.isChecked():
            return None
        if self._moment is None:
            self._moment = datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)
        return self._moment

    def set_value(self, value: Any) -> None:
        self._moment = value if isinstance(value, datetime) else None
        self.box.setChecked(value is not None)


def _long(parent: QWidget, placeholder: str = "") -> LongTextEditor:
    editor = LongTextEditor(placeholder=placeholder, parent=parent)
    editor.edit.setMinimumHeight(48)
    editor.edit.setMaximumHeight(90)
    return editor


def _people_for(record: reflections.Reflection | None) -> dict[int, str]:
    """Everyone current, plus anyone the reflection names who has been archived since."""
    names = stakeholders.names()
    if record is not None and any(i not in names for i in record.focus_stakeholder_ids):
        everyone = stakeholders.names(include_archived=True)
        names |= {i: everyone[i] for i in record.focus_stakeholder_ids if i in everyone}
    return names


def reflection_fields(names: dict[int, str]) -> list[FieldSpec]:
    placeholders = {
        "wins": translate("Field", "What went well, and why"),
        "not_present": translate("Field", "Meetings where my mind was elsewhere"),
    }
    fields = [
        FieldSpec(
            "week",
            QT_TRANSLATE_NOOP("Field", "Week"),
            lambda p: TextEditor(placeholder="2026-W47", parent=p),
            QT_TRANSLATE_NOOP(
                "Field",
                "The ISO week: the year, W and the week number, like 2026-W47. "
                "A week that has not started yet cannot be reflected on.",
            ),
        ),
        *(
            FieldSpec(name, label, partial(_long, placeholder=placeholders.get(name, "")))
            for name, label in TEXTS
        ),
        FieldSpec(
            "focus_stakeholder_ids",
            QT_TRANSLATE_NOOP("Field", "Focus on (people)"),
            lambda p: PeopleEditor(names, parent=p),
            QT_TRANSLATE_NOOP(
                "Field",
                "The people to give most attention next week: type part of a name, then Enter",
            ),
        ),
    ]
    for name, label, hint in RATINGS:
        fields.append(
            FieldSpec(
                name,
                label,
                lambda p: ChoiceEditor(_meanings(RATING_ANCHORS), optional=True, parent=p),
                hint,
            )
        )
    fields.append(
        FieldSpec(
            "energy",
            QT_TRANSLATE_NOOP("Field", "Energy"),
            lambda p: ChoiceEditor(_meanings(ENERGY_MEANINGS), optional=True, parent=p),
            QT_TRANSLATE_NOOP("Field", "How much energy I had this week"),
        )
    )
    fields.append(
        FieldSpec(
            "completed_at",
            QT_TRANSLATE_NOOP("Field", "Finished"),
            lambda p: CompletedEditor(parent=p),
        )
    )
    return fields


class ReflectionDialog(RecordDialog):
    """The reflection form; it also refuses a week that already has a reflection."""

    def validate(self) -> bool:
        if not super().validate():
            return False
        try:
            existing = reflections.for_week(week=self.values()["week"])
        except ValidationError:
            return True  # the services' own check passed above; nothing more to say
        if existing is not None and (self.record is None or existing.id != self.record.id):
            label = self.errors["week"]
            label.setText(
                self.tr("{0} already has a reflection; open it from the list to edit it.").format(
                    existing.week
                )
            )
            label.show()
            self.save_button.setEnabled(False)
            return False
        return True


def reflection_dialog(
    context: AppContext,
    record: reflections.Reflection | None = None,
    *,
    week: str | None = None,
    parent: QWidget | None = None,
) -> ReflectionDialog:
    initial: dict[str, Any] = {}
    if record is None:
        initial["week"] = week or clock.iso_week(clock.today())
    title = ""
    if record is not None:
        title = translate("ReflectionDialog", "Reflection for {0}").format(record.week)
    return ReflectionDialog(
        context,
        REFLECTION,
        reflection_fields(_people_for(record)),
        record=record,
        initial=initial,
        title=title,
        parent=parent,
    )


class ReflectionsPage(RecordListPage):
    """The list, with the guided session a click away: this week's (Ctrl+R), a missed week's,
    or any listed week's (double-click or Enter). New… and Edit… open the plain form. Above
    the list, the habit's strength and the self-ratings over the weeks."""

    def __init__(self, context: AppContext, empty_page: QWidget | None) -> None:
        super().__init__(
            context,
            key="reflections",
            columns=COLUMNS,
            load=reflections.list_all,
            kinds=(Change.REFLECTION,),
            empty_page=empty_page,
            api=REFLECTION,
            new_label=self.tr("New reflection…"),
            search_placeholder=self.tr("Search everything written (Ctrl+F)"),
            list_name=self.tr("Reflections list"),
        )
        self.last_dialog: QWidget | None = None
        self.session_button = QPushButton(self.tr("This week's reflection…"), self)
        self.session_button.setObjectName("reflectionsSession")
        self.session_button.setToolTip(
            self.tr("The guided session for this week: evidence, reflection, focus (Ctrl+R)")
        )
        self.session_button.clicked.connect(lambda: self.open_session())
        self.missed_button = QPushButton(self.tr("A missed week…"), self)
        self.missed_button.setObjectName("reflectionsMissed")
        self.missed_button.setToolTip(self.tr("Reflect on a week you skipped"))
        self.missed_menu = QMenu(self.missed_button)
        self.missed_menu.aboutToShow.connect(self.fill_missed)
        self.missed_button.setMenu(self.missed_menu)
        at = self.toolbar.indexOf(self.new_button)
        self.toolbar.insertWidget(at, self.missed_button)
        self.toolbar.insertWidget(at, self.session_button)
        self.table.activated_row.disconnect()
        self.table.activated_row.connect(lambda row: self.open_session(row.week))
        self.charts: dict[str, Any] = {}
        self._made: dict[str, Any] = {}  # chart views made, by key, not yet drawn into
        self.charts_row = QHBoxLayout()
        self.main_layout.insertLayout(1, self.charts_row)
        if not context.settings.contains("lists/reflections/header"):
            self.table.sortByColumn(WEEK_COLUMN, Qt.SortOrder.DescendingOrder)
        self.loaded.connect(self._rows_arrived)

    # The habit and self-ratings read with the rows (on the worker), and whether the charts
    # still wait to show them (the rows arrived while the page was hidden).
    _series: tuple[reflections.ReflectionHabit, list[reflections.WeekRatings]] | None = None
    _charts_due = False
    _chart_steps: list[str] = []  # the charts still to draw, one a turn

    def load_work(self) -> Callable[[], tuple[list[reflections.Reflection], Any]]:
        def work() -> tuple[list[reflections.Reflection], Any]:
            return reflections.list_all(), (reflections.habit(), reflections.ratings_by_week())

        return work

    def take_extra(self, extra: Any) -> None:
        self._series = extra
        self._charts_due = True

    def _rows_arrived(self) -> None:
        if self.isVisible():
            self._show_charts()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._charts_due and not self.loading:
            self._show_charts()

    def _show_charts(self) -> None:
        """The habit and self-ratings charts, a piece a turn of the event loop: building and
        drawing each took 30-50 ms on the large demo (the first loads pyqtgraph), which
        together with the rows held the GUI thread over 100 ms."""
        self._charts_due = False
        if self.model.rowCount() == 0 or self._series is None:
            for view in self.charts.values():
                view.hide()
            return
        self._chart_steps = ["habit", "ratings"]
        QTimer.singleShot(0, self, self._draw_next_chart)

    def _draw_next_chart(self) -> None:
        """Make the next chart's view, or draw its series into it: one a turn (each 10-30 ms
        on the large demo)."""
        if not self._chart_steps or self._series is None:
            return
        key = self._chart_steps[0]
        view = self.charts.get(key) or self._made.get(key)
        if view is None:
            from advisor_planner.charts.reflection import ReflectionHabitChart, SelfRatingsChart
            from advisor_planner.charts.view import ChartView

            chart = ReflectionHabitChart() if key == "habit" else SelfRatingsChart()
            view = ChartView(chart, self, minimum_height=190)
            view.setMaximumHeight(240)
            view.activated.connect(self.context.navigate)
            view.hide()  # (until it has its series: "Loading…" would only flash)
            # Half the row each: by their size hints alone, the habit's line took nine
            # tenths of it and the six small charts of the self-ratings were squeezed unreadable.
            self.charts_row.addWidget(view, 1)
            self._made[key] = view
        else:
            self._chart_steps.pop(0)
            habit, ratings = self._series
            view.set_series(habit if key == "habit" else ratings)
            self.charts[key] = view  # (once it shows its series)
            view.show()
        if self._chart_steps:
            QTimer.singleShot(0, self, self._draw_next_chart)

    def fill_missed(self) -> None:
        self.missed_menu.clear()
        missed = reflections.missed_weeks()
        if not missed:
            action = self.missed_menu.addAction(self.tr("No week missed in the last 12"))
            action.setEnabled(False)
        for week in missed:
            monday, sunday = clock.week_bounds(week)
            label = self.tr("{0} ({1} – {2})").format(
                week, format_day_month(monday), format_day_month(sunday)
            )
            self.missed_menu.addAction(label, partial(self.open_session, week))

    def open_session(self, week: str | None = None) -> QWidget | None:
        """The guided session of ``week`` (this week by default)."""
        from advisor_planner.ui.reflection.session import open_session

        self.last_dialog = open_session(self.context, self.window(), week)
        return self.last_dialog

    def open_editor(self, row: reflections.Reflection | None) -> None:
        record = reflections.get(reflection_id=row.id) if row is not None else None
        dialog = reflection_dialog(self.context, record, parent=self)
        self.last_dialog = dialog
        dialog.open()


def build_page(context: AppContext, empty_page: QWidget) -> QWidget:
    return ReflectionsPage(context, empty_page)
