"""The weekly reflection session: five steps from the week's evidence to next week's focus.

``ReflectionSession`` is a window titled "Weekly Reflection — 2026-W49". Back and Next
(Alt+Left and Alt+Right) move between the steps; Enter moves on (Next, Finish on the last
step) and never back:

1. **Evidence**, assembled from ``services.evidence`` with no typing (on a worker: the window
   shows at once, the step saying it is gathering the week): the week's touchpoints by
   person and channel, commitments that fell due (kept, late, still open), key stakeholders
   who slipped past their cadence, trust checks and feedback, goal checkpoints and milestones,
   and last week's focus set against what happened. Enter or a double-click opens an item.
2. **Reflect**: the prompts of ``resources/reflection/prompts.json`` (``services.prompts``).
3. **Self-ratings**, 1–5 with labelled anchors: Goleman's five components of emotional
   intelligence, and energy. A digit key sets the rating of the row with the focus.
4. **Next week's focus**: the people to reach (past their cadence, key ones first) and the
   promises to close (overdue or due within two weeks), each list bounded with a search above
   it for anyone else, the brand goals to move, and a trust check for anyone whose view
   changed.
5. **Summary**: the week in a few lines, the streak and the habit's strength; Finish
   (Ctrl+Enter) marks the week done.

Every step is saved as the user moves on (and when the window closes; a step whose values are
those already saved writes nothing): a half-done session is a draft, and opening the week
again resumes at the step where it was left. The saves are written on a worker
(``drafts.DraftWriter``): the next step shows at once, Finish closes the window once the week
is written, and closing waits for what is under way. Drafts are saved straight through ``services``
rather than as undo steps (one per click of Next would bury the undo history); deleting a
reflection from the list is undoable as usual. Text longer than the services' limit is kept
in its box with a message, and the step does not move on.

Each step is a page in a module of its own (``evidence``, ``reflect``, ``ratings``, ``focus``,
``summary``), built the first time it is shown; the session asks a page only what
``widgets.StepPage`` offers (what it holds, what is too long, where the keyboard starts).
Each step's module is imported when its page is built, and ``services.evidence`` (with the
prompts) on the worker that gathers the week: importing them all made the first opening
15-20 ms longer on the GUI thread.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QFont, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from advisor_planner.services import clock, reflections
from advisor_planner.services.changes import Change, Changes
from advisor_planner.services.errors import ServiceError
from advisor_planner.translation import QT_TRANSLATE_NOOP
from advisor_planner.ui.context import AppContext
from advisor_planner.ui.i18n import format_day_month, translate
from advisor_planner.ui.record_form import error_label
from advisor_planner.ui.reflection.drafts import DraftWriter
from advisor_planner.ui.reflection.evidence import EvidencePage, EvidenceView
from advisor_planner.ui.reflection.widgets import StepPage, plain_label
from advisor_planner.ui.tasks import run_in_background

if TYPE_CHECKING:  # (imported when needed: see the module's docstring)
    from advisor_planner.services import evidence
    from advisor_planner.services.prompts import PromptSet
    from advisor_planner.ui.reflection.ratings import RatingRow

STEPS = (
    QT_TRANSLATE_NOOP("ReflectionSession", "Evidence"),
    QT_TRANSLATE_NOOP("ReflectionSession", "Reflect"),
    QT_TRANSLATE_NOOP("ReflectionSession", "Self-ratings"),
    QT_TRANSLATE_NOOP("ReflectionSession", "Next week's focus"),
    QT_TRANSLATE_NOOP("ReflectionSession", "Summary"),
)
EVIDENCE, REFLECT, RATINGS, FOCUS, SUMMARY = range(len(STEPS))
_STEP_SETTING = "reflection/step/{0}"

PageT = TypeVar("PageT", bound=StepPage)


def _gather(week: str) -> tuple[evidence.WeekEvidence, PromptSet]:
    """The week's evidence and the prompts (on a worker, importing what they need there)."""
    from advisor_planner.services import evidence, prompts

    return evidence.week_evidence(week=week), prompts.load_prompts()


class ReflectionSession(QDialog):
    """One week's guided reflection; see the module's docstring."""

    finished_week = Signal(str)  # the week, once Finish has saved it as done

    def __init__(self, context: AppContext, week: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.week = reflections.parse_week("week", week)
        self.monday, self.sunday = clock.week_bounds(self.week)
        self.setObjectName("reflectionSession")
        self.setWindowTitle(
            self.tr("Weekly Reflection — {0} ({1} – {2})").format(
                self.week,
                format_day_month(self.monday),
                format_day_month(self.sunday, with_year=True),
            )
        )
        self.setModal(False)
        self.resize(860, 640)
        self.record = reflections.for_week(week=self.week)
        self._prompts: PromptSet | None = None  # read with the evidence (_gather)
        # The week's evidence is gathered on a worker (a week of 300,000 touchpoints took
        # 110-360 ms on the GUI thread): the window shows at once, the evidence step saying so.
        self.evidence: evidence.WeekEvidence | None = None
        self.evidence_task = run_in_background(
            _gather,
            self.week,
            on_success=self._evidence_arrived,
            on_error=self._evidence_failed,
            name="week evidence",
        )
        self.saved_count = 0
        self.last_error = ""
        self.drafts = DraftWriter(self.week, self)  # the saves, written on a worker
        self.drafts.written.connect(self._written)
        self.drafts.failed.connect(self._write_failed)
        self._finishing = False  # Finish pressed: the window closes once the week is written
        self._opened_item = False  # an evidence item opened by the key being handled

        steps_row = self._build_step_row()
        self.stack = QStackedWidget(self)
        for _ in STEPS:
            self.stack.addWidget(QWidget(self.stack))
        self.pages: dict[int, StepPage] = {}
        self.error = error_label(self)
        buttons = self._build_buttons()
        self._bind_keys()
        layout = QVBoxLayout(self)
        layout.addLayout(steps_row)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)

        self.show_step(self._resume_step())
        if not context.writable:
            self.error.setText(
                self.tr("The database is read-only: what you write here cannot be saved.")
            )
            self.error.show()

    def _build_step_row(self) -> QHBoxLayout:
        """The five steps' titles across the top; the current one is shown in bold."""
        self.step_labels: list[QLabel] = []
        steps_row = QHBoxLayout()
        steps_row.setSpacing(4)
        for index, title in enumerate(STEPS):
            text = f"{index + 1}  {translate('ReflectionSession', title)}"
            label = plain_label(text, self, wrap=False)
            label.setContentsMargins(8, 4, 8, 4)
            self.step_labels.append(label)
            steps_row.addWidget(label)
            if index < len(STEPS) - 1:
                steps_row.addWidget(plain_label("›", self, wrap=False))
        steps_row.addStretch(1)
        return steps_row

    def _build_buttons(self) -> QHBoxLayout:
        self.back_button = QPushButton(self.tr("&Back"), self)
        self.back_button.setObjectName("reflectionBack")
        self.back_button.setToolTip(self.tr("The step before (Alt+Left)"))
        self.next_button = QPushButton(self.tr("&Next"), self)
        self.next_button.setObjectName("reflectionNext")
        self.next_button.setToolTip(self.tr("The next step (Alt+Right); every step is saved"))
        self.finish_button = QPushButton(self.tr("&Finish"), self)
        self.finish_button.setObjectName("reflectionFinish")
        self.finish_button.setToolTip(self.tr("Mark this week's reflection done (Ctrl+Enter)"))
        self.close_button = QPushButton(self.tr("Close"), self)
        self.close_button.setToolTip(self.tr("Close; what you wrote is kept as a draft"))
        # As QWizard does: no button takes Enter by having had the focus; Next (Finish on the
        # last step) is the one default, so Enter moves on and never back (show_step).
        for button in (self.back_button, self.next_button, self.finish_button, self.close_button):
            button.setAutoDefault(False)
        self.back_button.clicked.connect(self.back)
        self.next_button.clicked.connect(self.next)
        self.finish_button.clicked.connect(self.finish)
        self.close_button.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.close_button)
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.next_button)
        buttons.addWidget(self.finish_button)
        return buttons

    def _bind_keys(self) -> None:
        for keys, slot in (
            ("Alt+Right", self.next),
            ("Alt+Left", self.back),
            ("Ctrl+Return", self._finish_or_next),
            ("Ctrl+Enter", self._finish_or_next),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(slot)

    @property
    def prompts(self) -> PromptSet:
        """The reflect and ratings steps' prompts: read with the evidence, or now if moved on
        before it came."""
        if self._prompts is None:
            from advisor_planner.services import prompts

            self._prompts = prompts.load_prompts()
        return self._prompts

    # -- the pages ---------------------------------------------------------------------------
    def page(self, step: int) -> StepPage:
        """The page of ``step``, built the first time it is needed (only the evidence is
        built when the session opens)."""
        if step not in self.pages:
            page = self._build_page(step)
            placeholder = self.stack.widget(step)
            assert placeholder is not None  # every step has a page or its placeholder
            self.stack.insertWidget(step, page)
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
            self.pages[step] = page
        return self.pages[step]

    def _build_page(self, step: int) -> StepPage:
        if step == EVIDENCE:
            page = EvidencePage(self.stack)
            page.shown.connect(self._evidence_shown)
            if self.evidence is not None:
                page.show_evidence(self.evidence)
            page.view.activated_link.connect(self.context.navigate)
            page.view.activated_link.connect(self._item_opened)
            return page
        # Each step's module is imported as its page is first built (module docstring).
        if step == REFLECT:
            from advisor_planner.ui.reflection.reflect import ReflectPage

            return ReflectPage(self.prompts, self.record, self.stack)
        if step == RATINGS:
            from advisor_planner.ui.reflection.ratings import RatingsPage

            return RatingsPage(self.prompts, self.record, self.stack)
        if step == FOCUS:
            from advisor_planner.ui.reflection.focus import FocusPage

            return FocusPage(self.context, self.record, self.stack)
        from advisor_planner.ui.reflection.summary import SummaryPage

        return SummaryPage(self.stack)

    def _page_as(self, step: int, kind: type[PageT]) -> PageT:
        page = self.page(step)
        assert isinstance(page, kind)
        return page

    # Each step's widgets by name, as the tests drive them (building the step if need be).
    @property
    def evidence_view(self) -> EvidenceView:
        return self._page_as(EVIDENCE, EvidencePage).view

    @property
    def answers(self) -> dict[str, QPlainTextEdit]:
        """The reflect step's boxes, by prompt id."""
        from advisor_planner.ui.reflection.reflect import ReflectPage

        return self._page_as(REFLECT, ReflectPage).answers

    @property
    def answer_errors(self) -> dict[str, QLabel]:
        """The message under each of the reflect step's boxes, by prompt id."""
        from advisor_planner.ui.reflection.reflect import ReflectPage

        return self._page_as(REFLECT, ReflectPage).answer_errors

    @property
    def ratings(self) -> dict[str, RatingRow]:
        """The self-ratings step's rows, by field."""
        from advisor_planner.ui.reflection.ratings import RatingsPage

        return self._page_as(RATINGS, RatingsPage).ratings

    @property
    def people_list(self) -> QListWidget:
        """The focus step's people to reach."""
        from advisor_planner.ui.reflection.focus import FocusPage

        return self._page_as(FOCUS, FocusPage).people_list

    @property
    def summary_label(self) -> QLabel:
        """The summary step's lines."""
        from advisor_planner.ui.reflection.summary import SummaryPage

        return self._page_as(SUMMARY, SummaryPage).summary_label

    # -- steps -------------------------------------------------------------------------------
    @property
    def step(self) -> int:
        return self.stack.currentIndex()

    def _resume_step(self) -> int:
        saved = self.context.settings.value(_STEP_SETTING.format(self.week))
        if self.record is None:
            return EVIDENCE
        try:
            return max(EVIDENCE, min(SUMMARY, int(saved)))
        except (TypeError, ValueError):
            return SUMMARY if self.record.completed_at else REFLECT

    def show_step(self, step: int) -> None:
        page = self.page(step)
        if step == SUMMARY and self.evidence is not None:
            self._fill_summary(self.evidence)
        self.stack.setCurrentIndex(step)
        self.context.settings.setValue(_STEP_SETTING.format(self.week), step)
        for index, label in enumerate(self.step_labels):
            font = QFont(label.font())
            font.setBold(index == step)
            label.setFont(font)
            label.setEnabled(index <= step or index in self.pages)
        self.back_button.setEnabled(step > EVIDENCE)
        self.next_button.setVisible(step < SUMMARY)
        self.finish_button.setVisible(step == SUMMARY)
        self.finish_button.setEnabled(self.context.writable)
        self.next_button.setDefault(step < SUMMARY)
        self.finish_button.setDefault(step == SUMMARY)
        focus = self.finish_button if step == SUMMARY else page.first_focus()
        if focus is not None:
            focus.setFocus(Qt.FocusReason.OtherFocusReason)

    def _fill_summary(self, week: evidence.WeekEvidence) -> None:
        from advisor_planner.ui.reflection.summary import SummaryPage

        summary = self._page_as(SUMMARY, SummaryPage)
        summary.fill(week, self.monday, self.record, self._step_values(FOCUS))

    def _evidence_arrived(self, gathered: tuple[evidence.WeekEvidence, PromptSet]) -> None:
        week, self._prompts = gathered
        self.evidence = week
        if EVIDENCE in self.pages:
            self._page_as(EVIDENCE, EvidencePage).show_evidence(week)
        if SUMMARY in self.pages and self.step == SUMMARY:
            self._fill_summary(week)

    def _evidence_shown(self) -> None:
        """The cards are there: the keyboard starts on them, if still on this step."""
        focus = self._page_as(EVIDENCE, EvidencePage).first_focus()
        if self.step == EVIDENCE and focus is not None:
            focus.setFocus(Qt.FocusReason.OtherFocusReason)

    def _evidence_failed(self, error: BaseException) -> None:
        if EVIDENCE in self.pages:
            self._page_as(EVIDENCE, EvidencePage).show_failure(
                self.tr("The week's evidence could not be gathered: {0}").format(error)
            )
        self.context.show_error(self.tr("Gather the week's evidence"), error)

    def next(self) -> bool:
        if self.step >= SUMMARY or not self.save():
            return False
        self.show_step(self.step + 1)
        return True

    def back(self) -> bool:
        if self.step <= EVIDENCE or not self.save():
            return False
        self.show_step(self.step - 1)
        return True

    def _finish_or_next(self) -> None:
        if self.step == SUMMARY:
            self.finish()
        else:
            self.next()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        # A list ignores the Enter it opened an item with, which then reaches the dialog and
        # would press Next as well: Enter on an evidence item opens it and stays.
        if self._opened_item and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            return
        super().keyPressEvent(event)

    def _item_opened(self) -> None:
        self._opened_item = True  # until this turn of the event loop ends
        QTimer.singleShot(0, self, lambda: setattr(self, "_opened_item", False))

    # -- saving ------------------------------------------------------------------------------
    def _step_values(self, step: int) -> dict[str, Any]:
        page = self.pages.get(step)
        return page.values(self.record) if page is not None else {}

    def values(self) -> dict[str, Any]:
        """What the built steps hold, as ``reflections.save_week`` takes it."""
        values: dict[str, Any] = {}
        for step in sorted(self.pages):
            values |= self._step_values(step)
        return values

    def _too_long(self) -> bool:
        """Say where text is over the limit (keeping it in its box); True if anywhere."""
        over = False
        for step in sorted(self.pages):
            # Every step is asked (no early return) so each shows or clears its messages.
            over = self.pages[step].too_long() or over
        return over

    def save(self, *, completed: bool = False) -> bool:
        """Save what is written as this week's reflection (a draft unless ``completed``), on a
        worker; False, with the reason shown, if text is over the limit (nothing is lost). A
        write that fails says why when it does (``_write_failed``)."""
        if not self.context.writable:
            return True  # read-only (said at the top): moving between steps still works
        self.error.hide()
        if self._too_long():
            return False
        values = self.values()
        if completed:
            values["completed_at"] = datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)
        if not values or (not completed and self._unchanged(values)):
            return True  # nothing to keep, or nothing changed: no write
        self.drafts.write(values)
        return True

    @property
    def writing(self) -> bool:
        """A save is being written on a worker."""
        return self.drafts.busy

    def _written(self, record: reflections.Reflection) -> None:
        self.record = record
        self.saved_count += 1
        self.context.events.announce(Changes.of(Change.REFLECTION))
        if self._finishing and not self.drafts.busy:
            self._finished()

    def _write_failed(self, error: BaseException) -> None:
        self.last_error = str(error)
        if self._finishing:
            self._finishing = False
            self.finish_button.setEnabled(self.context.writable)
        if isinstance(error, ServiceError):
            self.error.setText(str(error))
            self.error.show()
        else:  # a disk or database error: say what failed (the values stay in their steps)
            self.context.show_error(self.tr("Save the reflection"), error)

    def _unchanged(self, values: dict[str, Any]) -> bool:
        """Whether ``values`` are what the saved record (or the write under way) holds."""
        if self.drafts.busy:
            return values == self.drafts.latest
        if self.record is None:
            return False
        for name, value in values.items():
            held = self.record.answer_map if name == "answers" else getattr(self.record, name)
            if (tuple(value) if isinstance(value, list) else value) != held:
                return False
        return True

    def finish(self) -> bool:
        """Save the week as done; the window closes once it is written."""
        if self._finishing or not self.save(completed=True):
            return self._finishing
        if self.drafts.busy:
            self._finishing = True
            self.finish_button.setEnabled(False)
        else:
            self._finished()  # (read-only: nothing to write)
        return True

    def _finished(self) -> None:
        self._finishing = False
        self.context.settings.remove(_STEP_SETTING.format(self.week))
        self.finished_week.emit(self.week)
        self.accept()

    def _saved_before_closing(self) -> bool:
        """What is under way is waited for, then what changed is written: False (the window
        stays, the message saying why) if that could not be."""
        self.drafts.wait()
        if not self.save():  # (after a failed write too: tried again)
            return False
        self.drafts.wait()
        return not self.drafts.failed_last

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if not self._saved_before_closing():
            event.ignore()  # the message says what to fix; the text stays in its box
            return
        super().closeEvent(event)

    def reject(self) -> None:  # Esc closes too, keeping the draft
        if self._saved_before_closing():
            super().reject()

    def is_dirty(self) -> bool:
        """Never: every step is saved as a draft when the window closes (see closeEvent)."""
        return False


def open_session(
    context: AppContext, parent: QWidget | None, week: str | None = None
) -> ReflectionSession:
    """Show the session for ``week`` (this week by default), raising it if already open."""
    week = reflections.parse_week("week", week or clock.iso_week(clock.today()))
    if parent is not None:
        for existing in parent.findChildren(ReflectionSession):
            if existing.week == week and existing.isVisible():
                existing.raise_()
                existing.activateWindow()
                return existing
    session = ReflectionSession(context, week, parent)
    session.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    session.show()
    session.raise_()
    session.activateWindow()
    return session
