"""Step 1 of the weekly reflection: the week's evidence, assembled from ``services.evidence``.

A page of cards (``cards.Card``) in three groups, each card with its count and its items:

- **People**: the week's touchpoints (by person, with the channels), key stakeholders past
  their cadence, and last week's focus against who was seen;
- **Promises due this week**: kept, late (closed late, or still open past the due day),
  broken, and still open (renegotiated or cancelled ones get a card only when there are any);
- **Trust and goals**: trust checks and feedback, and goal checkpoints and milestones.

Tab moves from card to card, the arrow keys through a card's items; Enter or a double-click
opens an item's record.

The page shows at once, saying the week is being gathered (the session reads it on a
worker); when it arrives the cards are built one per turn of the event loop, then shown.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from advisor_planner.charts.base import RecordLink
from advisor_planner.charts.palette import ChartPalette
from advisor_planner.domain.enums import Channel, CommitmentStatus
from advisor_planner.services import commitments
from advisor_planner.ui.i18n import choice_label, format_count, format_date, format_number
from advisor_planner.ui.reflection.cards import Card, CardItem
from advisor_planner.ui.reflection.widgets import StepPage, cadence_text, plain_label
from advisor_planner.ui.sections.goal_editor import metric_text

if TYPE_CHECKING:  # (imported by the worker that gathers it: see ui.reflection.session)
    from advisor_planner.services import evidence

COLUMNS = 4  # cards across a row of the page


class EvidenceView(QWidget):
    """The week's evidence as cards in groups; each item opens its record."""

    activated_link = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reflectionEvidence")
        self.setAccessibleName(self.tr("This week's evidence"))
        self.groups: dict[str, Card] = {}
        self.headings: dict[str, QLabel] = {}
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(10)
        self._grid.setVerticalSpacing(8)
        for column in range(COLUMNS):
            self._grid.setColumnStretch(column, 1)
        self._row = 0
        self.hues = ChartPalette.from_palette(self.palette())

    def counts(self) -> dict[str, int]:
        """The count each card shows, by card."""
        return {key: card.count for key, card in self.groups.items()}

    def first_list(self) -> QWidget | None:
        """The first card's items that the keyboard can reach (None: every card is empty)."""
        for card in self.groups.values():
            if card.list.focusPolicy() != Qt.FocusPolicy.NoFocus:
                return card.list
        return None

    def building(self, week: evidence.WeekEvidence) -> Iterator[None]:
        """Build the cards of ``week`` one at a time, pausing (a ``yield``) after each: the
        page builds one per turn of the event loop, so a week of hundreds of people and
        promises never holds the window for the whole page (80 ms on the large demo)."""
        yield from self._section(
            "people", self.tr("People"), [self._touchpoints, self._slipped, self._last_focus], week
        )
        due = len(week.commitments_due)
        heading = (
            self.tr("Promises due this week ({0})").format(format_count(due))
            if due
            else self.tr("Promises due this week")
        )
        yield from self._section("promises", heading, self._commitments(week), week)
        yield from self._section(
            "progress", self.tr("Trust and goals"), [self._trust, self._goals], week
        )
        self._grid.setRowStretch(self._row, 1)

    # -- layout ----------------------------------------------------------------------------
    def _section(
        self,
        key: str,
        title: str,
        cards: Sequence[Callable[[evidence.WeekEvidence], Card]],
        week: evidence.WeekEvidence,
    ) -> Iterator[None]:
        heading = plain_label(title, self, bold=True)
        heading.setObjectName(f"evidence_{key}")
        font = QFont(heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.1)
        heading.setFont(font)
        self.headings[key] = heading
        self._grid.addWidget(heading, self._row, 0, 1, COLUMNS)
        self._row += 1
        for index, make in enumerate(cards):
            if index and index % COLUMNS == 0:
                self._row += 1
            self._grid.addWidget(make(week), self._row, index % COLUMNS)
            yield
        self._row += 1

    def _card(self, key: str, title: str, hue: str | None = None) -> Card:
        accent = QColor(self.hues.hue(hue)) if hue else None
        card = Card(key, title, self, accent=accent)
        card.activated_link.connect(self.activated_link)
        self.groups[key] = card
        return card

    # -- the cards -------------------------------------------------------------------------
    def _touchpoints(self, week: evidence.WeekEvidence) -> Card:
        card = self._card("touchpoints", self.tr("Touchpoints"))
        names = week.names
        count, people = len(week.touchpoints), len(week.touchpoints_by_person)
        if not count:
            card.set_content(0, empty=self.tr("None this week."))
            return card
        channels = ", ".join(
            self.tr("{0} {1}", "a channel and its count").format(choice_label(Channel(c)), n)
            for c, n in sorted(week.touchpoints_by_channel.items(), key=lambda kv: -kv[1])
        )
        items: list[CardItem] = [
            (
                self.tr("By channel: {0}").format(channels),
                RecordLink("touchpoints", start=week.monday, end=week.sunday),
            )
        ]
        for sid, n in sorted(
            week.touchpoints_by_person.items(), key=lambda kv: (-kv[1], names.get(kv[0], ""))
        ):
            text = self.tr("{0} — once") if n == 1 else self.tr("{0} — {1} times")
            items.append((text.format(names.get(sid, "?"), n), RecordLink("stakeholder", sid)))
        caption = (
            self.tr("with 1 person")
            if people == 1
            else self.tr("with {0} people").format(format_count(people))
        )
        card.set_content(count, items, caption=caption)
        return card

    def _slipped(self, week: evidence.WeekEvidence) -> Card:
        card = self._card("slipped", self.tr("Key people past their cadence"), "orange")
        items: list[CardItem] = [
            (
                self.tr("{0} — {1}").format(person.name, cadence_text(person.cadence)),
                RecordLink("stakeholder", person.id),
            )
            for person in week.slipped
        ]
        card.set_content(
            len(items), items, empty=self.tr("Every key person is within their cadence.")
        )
        return card

    def _last_focus(self, week: evidence.WeekEvidence) -> Card:
        card = self._card("focus", self.tr("Last week's focus"))
        focus = week.focus
        if focus is None:
            card.set_content(0, figure="–", empty=self.tr("Last week's reflection named no one."))
            return card
        items: list[CardItem] = [
            (
                self.tr("Not seen: {0}").format(week.names.get(sid, "?")),
                RecordLink("stakeholder", sid),
            )
            for sid in focus.missed_ids
        ]
        card.set_content(
            len(focus.seen_ids),
            items,
            figure=self.tr("{0} of {1}").format(
                format_count(len(focus.seen_ids)), format_count(len(focus.planned_ids))
            ),
            caption=self.tr("planned people seen"),
            note=focus.sentence,
        )
        return card

    def _commitments(
        self, week: evidence.WeekEvidence
    ) -> list[Callable[[evidence.WeekEvidence], Card]]:
        """Kept, late, broken and still open; renegotiated or cancelled only when any."""
        broken_value = CommitmentStatus.BROKEN.value
        broken = [c for c in week.late if c.status == broken_value]
        late = [c for c in week.late if c.status != broken_value]
        late_ids = {c.id for c in week.late}  # (by id: a dataclass compared field by field
        still_open = [c for c in week.still_open if c.id not in late_ids]  # was 20 ms)
        shown = {c.id for c in [*week.kept, *week.late, *still_open]}
        other = [c for c in week.commitments_due if c.id not in shown]
        groups = [
            ("kept", self.tr("Kept"), "blue", week.kept, self.tr("None kept.")),
            ("late", self.tr("Late"), "orange", late, self.tr("None late.")),
            ("broken", self.tr("Broken"), "vermillion", broken, self.tr("None broken.")),
            ("open", self.tr("Still open"), "grey", still_open, self.tr("None open.")),
        ]
        if other:
            groups.append(("other", self.tr("Renegotiated or cancelled"), "grey", other, ""))
        return [functools.partial(self._promise_card, *group) for group in groups]

    def _promise_card(
        self,
        key: str,
        title: str,
        hue: str,
        items: list[commitments.Commitment],
        empty: str,
        week: evidence.WeekEvidence,
    ) -> Card:
        card = self._card(key, title, hue)
        card.set_content(
            len(items),
            [(self._promise(c, week), RecordLink("commitment", c.id)) for c in items],
            empty=empty,
        )
        return card

    def _promise(self, c: commitments.Commitment, week: evidence.WeekEvidence) -> str:
        to = week.names.get(c.stakeholder_id, "?")
        if c.status == CommitmentStatus.OPEN.value and c.due_on is not None:
            return self.tr("{0} — {1} (open, due {2})").format(c.text, to, format_date(c.due_on))
        return self.tr("{0} — {1}").format(c.text, to)

    def _trust(self, week: evidence.WeekEvidence) -> Card:
        card = self._card("trust", self.tr("Trust checks and feedback"))
        names = week.names
        items: list[CardItem] = [
            (
                self.tr("Trust check: {0}, quotient {1}").format(
                    names.get(check.stakeholder_id, "?"), format_number(check.quotient, 1)
                ),
                RecordLink("trust check", check.id, owner_id=check.stakeholder_id),
            )
            for check in week.trust_checks
        ]
        for item in week.feedback:
            first = " ".join(item.text.split())[:80]
            items.append(
                (
                    self.tr("Feedback from {0}: {1}").format(
                        names.get(item.stakeholder_id, "?"), first
                    ),
                    RecordLink("stakeholder", item.stakeholder_id),
                )
            )
        caption = self.tr("{0} checks, {1} feedback").format(
            format_count(len(week.trust_checks)), format_count(len(week.feedback))
        )
        card.set_content(
            len(items), items, caption=caption if items else "", empty=self.tr("None recorded.")
        )
        return card

    def _goals(self, week: evidence.WeekEvidence) -> Card:
        card = self._card("goals", self.tr("Goal progress"), "green")
        moved = len(week.checkpoints) + len(week.milestones)
        titles = week.goal_titles
        items: list[CardItem] = []
        for point in week.checkpoints:
            assert point.recorded_on is not None  # listed for the day it was recorded on
            text = self.tr("{0}: {1} on {2}").format(
                titles.get(point.goal_id, "?"),
                metric_text(point.value),
                format_date(point.recorded_on),
            )
            items.append((text, RecordLink("brand goal", point.goal_id)))
        for milestone in week.milestones:
            if milestone.done_on:
                state = self.tr("done")
            else:
                assert milestone.due_on is not None  # not done, so listed for falling due
                state = self.tr("due {0}").format(format_date(milestone.due_on))
            text = self.tr("{0}: {1} ({2})").format(
                titles.get(milestone.goal_id, "?"), milestone.title, state
            )
            items.append((text, RecordLink("brand goal", milestone.goal_id)))
        card.set_content(moved, items, empty=self.tr("No goal moved this week."))
        return card


class EvidencePage(StepPage):
    """The evidence cards under a line saying what to do with them; nothing here is saved.

    The page shows at once, saying the week is being gathered; ``show_evidence`` fills it when
    the week's evidence arrives from the worker (``ReflectionSession`` loads it)."""

    shown = Signal()  # the cards are built and shown

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = EvidenceView()
        self.view.hide()  # until the evidence arrives (then shown whole, its cards with it)
        self.loaded = False
        self._building: Iterator[None] | None = None
        inner = QWidget()
        column = QVBoxLayout(inner)
        column.setContentsMargins(0, 0, 8, 0)
        column.addWidget(
            plain_label(
                self.tr(
                    "What the week holds, from your records. Tab moves between the cards, "
                    "Enter or a double-click opens an item; then Next (Alt+Right) to reflect "
                    "on it."
                ),
                inner,
            )
        )
        self.loading = plain_label(self.tr("Gathering the week's evidence…"), inner, bold=True)
        self.loading.setObjectName("evidenceLoading")
        column.addWidget(self.loading)
        column.addWidget(self.view)
        column.addStretch(1)  # the line and the cards keep to the top
        self._scrolled(inner)

    def show_evidence(self, week: evidence.WeekEvidence) -> None:
        """Build the cards of ``week``, one per turn of the event loop, then show them in
        place of the loading line (``shown``, and ``loaded`` true)."""
        if self._building is not None or self.loaded:
            return
        self._building = self.view.building(week)
        QTimer.singleShot(0, self, self._build_next)

    def _build_next(self) -> None:
        assert self._building is not None
        if next(self._building, StopIteration) is not StopIteration:
            QTimer.singleShot(0, self, self._build_next)
            return
        self.loaded = True
        self.loading.hide()
        self.view.show()
        self.shown.emit()

    def show_failure(self, message: str) -> None:
        """Say, in place of the cards, that the evidence could not be gathered."""
        self.loading.setText(message)

    def first_focus(self) -> QWidget | None:
        return self.view.first_list()
