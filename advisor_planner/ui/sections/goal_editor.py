"""The goal window: a brand goal's form, with its checkpoints and milestones beside it.

One save model, the form's: nothing in the window is written until Save, and Cancel discards
everything. Adding, editing or removing a checkpoint or milestone changes the lists beside the
form (and the path chart above them) at once, but only Save writes them, together with the
goal, as one undoable step ("Add goal …"; a lone change is named as itself, "Add checkpoint
…"), and Cancel on a window with such changes asks before discarding them, as for the fields.
Why this model rather than saving each checkpoint at once: it is the one every other form in
the app follows, so Save and Cancel mean what they say; a new goal is no longer saved behind
the user's back by its first checkpoint; and one Ctrl+Z takes back a whole session's edit.
The line above the chart says so. (``goal_progress`` holds the lists and the save command.)

The initiatives' form shares its helpers: metric numbers as people write them and type them
(``metric_text``, ``ParsedNumberEditor``) and the people a picker offers (``people_names``).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, QTimer
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QVBoxLayout,
    QWidget,
)

from advisor_planner.domain.enums import GoalStatus, TrustFactor
from advisor_planner.services import goals, stakeholders
from advisor_planner.services.changes import Change, Changes
from advisor_planner.services.errors import NotFoundError
from advisor_planner.services.insights import goal_series
from advisor_planner.translation import QT_TRANSLATE_NOOP
from advisor_planner.ui.commands import CreateRecord, RecordApi, UpdateRecord, action_name
from advisor_planner.ui.context import AppContext
from advisor_planner.ui.fields import (
    ChoiceEditor,
    DateEditor,
    HintLabel,
    LineEditor,
    LongTextEditor,
    PeopleEditor,
    TextEditor,
    shown_number,
)
from advisor_planner.ui.i18n import choice_label, format_date, format_number, translate
from advisor_planner.ui.record_apis import CHECKPOINT, GOAL, MILESTONE
from advisor_planner.ui.record_form import FieldSpec, RecordDialog
from advisor_planner.ui.sections.goal_progress import SaveGoal, StagedList
from advisor_planner.ui.table import Column


def status_choices() -> list[tuple[str, str]]:
    return [(status.value, choice_label(status)) for status in GoalStatus]


def trust_factor_choices() -> list[tuple[str, str]]:
    return [(factor.value, choice_label(factor)) for factor in TrustFactor]


def _checkpoint_label(checkpoint: goals.Checkpoint) -> str:
    day = checkpoint.recorded_on
    assert day is not None  # services give every stored checkpoint its day (today by default)
    return QCoreApplication.translate("GoalDialog", "{0} on {1}").format(
        metric_text(checkpoint.value), format_date(day)
    )


# The services label of a checkpoint already says "checkpoint"; without it undo reads
# "Undo add checkpoint 42 on 2024-05-01" rather than "... checkpoint checkpoint 42 ...".
CHECKPOINT_API: RecordApi = dataclasses.replace(CHECKPOINT, label=_checkpoint_label)
MILESTONE_API: RecordApi = MILESTONE
# As the goal window's lists check them: their own fields, the goal being checked on Save.
STAGED_CHECKPOINT_API = dataclasses.replace(CHECKPOINT_API, validate=goals.check_checkpoint)
STAGED_MILESTONE_API = dataclasses.replace(MILESTONE_API, validate=goals.check_milestone)


def metric_text(value: float | None) -> str:
    """A metric value as people write it: 40, 12.5, 1,250 (no trailing zeros), with the
    locale's digit grouping and decimal mark."""
    if value is None:
        return ""
    if not math.isfinite(value):
        return str(value)
    if float(value).is_integer():
        return format_number(value)
    return format_number(value, 2).rstrip("0").rstrip(QLocale().decimalPoint())


class ParsedNumberEditor(LineEditor):
    """A number field whose value is the number when the text is one (so an unchanged form
    compares equal to the record it shows), else the text, for ``services`` to explain.

    Outside the C locale the number is shown and read with the locale's decimal mark (12,5),
    and the plain form (12.5) is still understood."""

    def value(self) -> float | str | None:
        text = self.edit.text().strip()
        if not text:
            return None
        locale = QLocale()
        if locale.language() != QLocale.Language.C:
            number, ok = locale.toDouble(text)
            if ok:
                return number
        try:
            return float(text)
        except ValueError:
            return text

    def set_value(self, value: Any) -> None:
        locale = QLocale()
        if isinstance(value, float) and locale.language() != QLocale.Language.C:
            value = locale.toString(value, "g", 15)
        super().set_value(shown_number(value))


def people_names(keep: Iterable[int] = ()) -> dict[int, str]:
    """Everyone a picker offers, plus anyone already chosen who has since been archived (so
    editing a record does not silently drop them)."""
    names = stakeholders.names()
    missing = [sid for sid in keep if sid not in names]
    if missing:
        everyone = stakeholders.names(include_archived=True)
        names.update({sid: everyone[sid] for sid in missing if sid in everyone})
    return names


@dataclasses.dataclass(frozen=True, slots=True)
class GoalReading:
    """What the goal window shows from the database, read in one go (on a worker)."""

    record: goals.BrandGoal | None  # None: a new goal
    names: dict[int, str]  # the people its audience picker offers
    checkpoints: list[goals.Checkpoint]
    milestones: list[goals.Milestone]


def read_goal(goal_id: int | None) -> GoalReading:
    """What the window of goal ``goal_id`` (None: a new goal) shows; raises
    ``NotFoundError`` when the goal is gone."""
    if goal_id is None:
        return GoalReading(None, people_names(), [], [])
    record = goals.get(goal_id=goal_id)
    return GoalReading(
        record,
        people_names(record.audience_ids),
        goals.checkpoints(goal_id=goal_id),
        goals.milestones(goal_id=goal_id),
    )


# -- the editor -------------------------------------------------------------------------------
def goal_fields(names: dict[int, str]) -> list[FieldSpec]:
    return [
        FieldSpec(
            "title",
            QT_TRANSLATE_NOOP("Field", "Title"),
            lambda p: TextEditor(
                placeholder=translate("Field", "The advisor Finance calls first on cloud cost"),
                parent=p,
            ),
        ),
        FieldSpec(
            "statement",
            QT_TRANSLATE_NOOP("Field", "Statement"),
            lambda p: LongTextEditor(
                placeholder=translate("Field", "What I want to be known for, and by whom"),
                parent=p,
            ),
        ),
        FieldSpec(
            "trust_factor",
            QT_TRANSLATE_NOOP("Field", "Trust factor"),
            lambda p: ChoiceEditor(trust_factor_choices(), optional=True, parent=p),
            QT_TRANSLATE_NOOP(
                "Field", "The part of the trust equation (or warmth / competence) this goal builds"
            ),
        ),
        FieldSpec(
            "audience_ids",
            QT_TRANSLATE_NOOP("Field", "Audience"),
            lambda p: PeopleEditor(names, parent=p),
            QT_TRANSLATE_NOOP("Field", "The people whose view of me this goal is about"),
        ),
        FieldSpec("start_on", QT_TRANSLATE_NOOP("Field", "Start"), lambda p: DateEditor(parent=p)),
        FieldSpec(
            "target_on",
            QT_TRANSLATE_NOOP("Field", "Target date"),
            lambda p: DateEditor(optional=True, parent=p),
            QT_TRANSLATE_NOOP("Field", "Tick to set a date by which the goal should be reached"),
        ),
        FieldSpec(
            "status",
            QT_TRANSLATE_NOOP("Field", "Status"),
            lambda p: ChoiceEditor(status_choices(), parent=p),
        ),
        FieldSpec(
            "metric",
            QT_TRANSLATE_NOOP("Field", "Metric"),
            lambda p: TextEditor(
                placeholder=translate("Field", "Finance requests routed to me per month"),
                parent=p,
            ),
        ),
        FieldSpec(
            "baseline",
            QT_TRANSLATE_NOOP("Field", "Baseline"),
            lambda p: ParsedNumberEditor(placeholder=translate("Field", "e.g. 2"), parent=p),
        ),
        FieldSpec(
            "target",
            QT_TRANSLATE_NOOP("Field", "Target"),
            lambda p: ParsedNumberEditor(placeholder=translate("Field", "e.g. 10"), parent=p),
        ),
    ]


def checkpoint_fields() -> list[FieldSpec]:
    return [
        FieldSpec(
            "recorded_on", QT_TRANSLATE_NOOP("Field", "Date"), lambda p: DateEditor(parent=p)
        ),
        FieldSpec(
            "value",
            QT_TRANSLATE_NOOP("Field", "Value"),
            lambda p: ParsedNumberEditor(placeholder=translate("Field", "e.g. 6"), parent=p),
        ),
        FieldSpec(
            "note",
            QT_TRANSLATE_NOOP("Field", "Note"),
            lambda p: TextEditor(
                placeholder=translate("Field", "Where the number came from"),
                parent=p,
            ),
        ),
    ]


def milestone_fields() -> list[FieldSpec]:
    return [
        FieldSpec(
            "title",
            QT_TRANSLATE_NOOP("Field", "Title"),
            lambda p: TextEditor(
                placeholder=translate("Field", "Cost review with the CFO"),
                parent=p,
            ),
        ),
        FieldSpec(
            "due_on",
            QT_TRANSLATE_NOOP("Field", "Due"),
            lambda p: DateEditor(optional=True, parent=p),
        ),
        FieldSpec(
            "done_on",
            QT_TRANSLATE_NOOP("Field", "Done on"),
            lambda p: DateEditor(optional=True, parent=p),
            QT_TRANSLATE_NOOP("Field", "Tick when the milestone is reached"),
        ),
    ]


CHECKPOINT_COLUMNS = [
    Column(QT_TRANSLATE_NOOP("Column", "Date"), lambda c: c.recorded_on, width=95),
    Column(
        QT_TRANSLATE_NOOP("Column", "Value"),
        lambda c: c.value,
        text=metric_text,
        numeric=True,
        width=70,
    ),
    Column(QT_TRANSLATE_NOOP("Column", "Note"), lambda c: " ".join(c.note.split())),
]
MILESTONE_COLUMNS = [
    Column(QT_TRANSLATE_NOOP("Column", "Milestone"), lambda ms: ms.title, width=200),
    Column(QT_TRANSLATE_NOOP("Column", "Due"), lambda ms: ms.due_on, width=95),
    Column(QT_TRANSLATE_NOOP("Column", "Done on"), lambda ms: ms.done_on),
]


class GoalDialog(RecordDialog):
    """A brand goal's form, with its checkpoints and milestones beside it, all saved together
    by Save (one undoable step) and all discarded by Cancel."""

    record: goals.BrandGoal | None

    def __init__(
        self,
        context: AppContext,
        record: goals.BrandGoal | None = None,
        *,
        parent: QWidget | None = None,
        reading: GoalReading | None = None,
    ) -> None:
        # ``reading``: what the window shows, read already (``read_goal``, on a worker);
        # without it the window reads it here.
        names = reading.names if reading else people_names(record.audience_ids if record else ())
        super().__init__(context, GOAL, goal_fields(names), record=record, parent=parent)
        self.setMinimumWidth(980)
        self.editors["statement"].setMaximumHeight(110)
        self.checkpoints = StagedList(
            context,
            title=self.tr("Progress checkpoints"),
            api=STAGED_CHECKPOINT_API,
            blank=goals.Checkpoint(),
            columns=CHECKPOINT_COLUMNS,
            fields=checkpoint_fields,
            order=lambda c: c.recorded_on,
            name="checkpoints",
            rows_shown=6,
            new_initial={"value": None},  # typed each time: no 0 to save by mistake
            parent=self,
        )
        self.milestones = StagedList(
            context,
            title=self.tr("Milestones"),
            api=STAGED_MILESTONE_API,
            blank=goals.Milestone(),
            columns=MILESTONE_COLUMNS,
            fields=milestone_fields,
            order=lambda ms: (ms.due_on is None, ms.due_on),
            name="milestones",
            rows_shown=4,
            parent=self,
        )
        # The path chart imports pyqtgraph: with the dialog, not with the Goals section.
        from advisor_planner.charts.goals import GoalPathChart
        from advisor_planner.charts.palette import ChartPalette
        from advisor_planner.charts.view import ChartView

        palette = ChartPalette.from_palette(self.palette())
        self.path_chart = ChartView(GoalPathChart(palette), self, minimum_height=190)
        # Drawn and shown once the window has painted (``paintEvent``), so the chart paints
        # in a turn of its own: with the window's first paint it made that turn half as long
        # again. Its room is kept meanwhile, so nothing moves when it comes.
        policy = self.path_chart.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.path_chart.setSizePolicy(policy)
        self.path_chart.hide()
        self.sub_note = HintLabel(self)
        self.sub_note.setObjectName("subRecordNote")
        self._arrange()
        if reading is not None:
            self._show_lists(reading.checkpoints, reading.milestones, exists=True)
        else:
            self._load_lists()
        for part in (self.checkpoints, self.milestones):
            part.changed.connect(self._lists_changed)
        # The path is drawn a turn later, once for all that changed meanwhile: the window is
        # drawn before it on opening, and a burst of typing draws it once, not per key.
        self._path_timer = QTimer(self)
        self._path_timer.setSingleShot(True)
        self._path_timer.setInterval(0)
        self._path_timer.timeout.connect(self._draw_path)
        for editor in self.editors.values():
            editor.changed.connect(self._path_timer.start)
        context.events.changed.connect(self._on_changed)
        self._painted = False

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        if not self._painted:  # the window is on screen: its path next (see __init__)
            self._painted = True
            self._path_timer.start()

    def _arrange(self) -> None:
        """The form (the first item of RecordDialog's layout) and the lists side by side."""
        side = QWidget(self)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.sub_note)
        side_layout.addWidget(self.path_chart, 2)
        side_layout.addWidget(self.checkpoints, 3)
        side_layout.addWidget(self.milestones, 2)
        outer = self.main_layout
        form = self.form_layout
        outer.removeItem(form)
        form.setParent(None)
        form_column = QVBoxLayout()
        form_column.addLayout(form)
        form_column.addStretch(1)
        row = QHBoxLayout()
        row.addLayout(form_column, 5)
        row.addSpacing(12)
        row.addWidget(side, 4)
        outer.insertLayout(0, row, 1)

    # -- the lists and the path ------------------------------------------------------------
    def _goal_exists(self) -> bool:
        if self.record is None:
            return False
        try:
            goals.get(goal_id=self.record.id)
        except NotFoundError:  # deleted (or its creation undone) while open
            return False
        return True

    def _load_lists(self) -> None:
        exists = self._goal_exists()
        goal_id = self.record.id if self.record is not None and exists else None
        self._show_lists(
            goals.checkpoints(goal_id=goal_id) if goal_id else [],
            goals.milestones(goal_id=goal_id) if goal_id else [],
            exists=exists,
        )

    def _show_lists(
        self,
        checkpoints: list[goals.Checkpoint],
        milestones: list[goals.Milestone],
        *,
        exists: bool,
    ) -> None:
        self.checkpoints.load(checkpoints)
        self.milestones.load(milestones)
        if self.record is not None and not exists:
            self.sub_note.setText(
                self.tr("This goal is no longer in the database (it was deleted).")
            )
        else:
            self.sub_note.setText(
                self.tr(
                    "Checkpoints and milestones are saved with the goal when you press Save; "
                    "Cancel discards every change made in this window."
                )
            )

    def _on_changed(self, changes: Changes) -> None:
        # Changed elsewhere (an undo, say): shown, unless this window holds changes of its own.
        if changes.touches(Change.CHECKPOINT, Change.MILESTONE, Change.GOAL) and not (
            self.checkpoints.is_dirty() or self.milestones.is_dirty()
        ):
            self._load_lists()

    def _lists_changed(self) -> None:
        if self.checkpoints.is_dirty() or self.milestones.is_dirty():
            self.sub_note.setText(
                self.tr(
                    "Not saved yet: your changes to checkpoints and milestones are saved with "
                    "the goal when you press Save, and discarded by Cancel."
                )
            )
        self._path_timer.start()
        self.validate()

    def _draw_path(self) -> None:
        """The path to the target as the form and its checkpoints stand, saved or not."""
        values = self.values()

        def number(name: str) -> float | None:
            value = values[name]
            return float(value) if isinstance(value, int | float) else None

        path = goal_series.goal_path_preview(
            title=str(values["title"]),
            metric=str(values["metric"]),
            baseline=number("baseline"),
            target=number("target"),
            start_on=values["start_on"],
            target_on=values["target_on"],
            checkpoints=[(c.recorded_on, c.value) for c in self.checkpoints.rows],
        )
        self.path_chart.set_series(path)
        self.path_chart.show()

    # -- saving and closing ----------------------------------------------------------------
    def is_dirty(self) -> bool:
        return super().is_dirty() or self.checkpoints.is_dirty() or self.milestones.is_dirty()

    def save(self) -> None:
        """The goal and every change to its checkpoints and milestones, in one step."""
        if not (self.checkpoints.is_dirty() or self.milestones.is_dirty()):
            super().save()
            return
        self._show_all = True
        if not self.validate():
            return
        record = self.record
        if record is not None and not self._goal_exists():
            self.context.show_error(self.tr("Save"), NotFoundError(GOAL.kind, record.id))
            return
        values = self.values()

        def goal_step() -> CreateRecord | UpdateRecord | None:
            if record is None:
                return CreateRecord(self.context, self.api, self.hidden_values() | values)
            changes = {k: v for k, v in values.items() if v != getattr(record, k)}
            return UpdateRecord(self.context, self.api, record.id, changes) if changes else None

        shown = record or goals.BrandGoal(**self.api.validate(self.full_values()))
        command = SaveGoal(
            self.context,
            action_name("edit" if record else "add", self.api, shown),
            goal_step=goal_step,
            goal_id=record.id if record else None,
            lists=(self.checkpoints, self.milestones),
        )
        if self.context.run(command):
            self.saved = command.result or record
            self._initial = values
            self.checkpoints.load(self.checkpoints.rows)  # (nothing left to save)
            self.milestones.load(self.milestones.rows)
            self.accept()
