"""The history tabs of a person's page: their trust checks, touchpoints, commitments and
feedback, each a sortable table (or, while empty, a line saying what to do first).

Column titles are source text in the ``Column`` context (the table translates them); tooltips
and cell sentences are in the page's context, ``StakeholderPage``; stored choices show through
``i18n.choice_label``, dates and numbers by the user's locale (``i18n.format_*``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from advisor_planner.domain import trust
from advisor_planner.domain.enums import Channel, CommitmentStatus, Purpose, TrustSource
from advisor_planner.services import clock, commitments, touchpoints, trust_checks
from advisor_planner.translation import QT_TRANSLATE_NOOP
from advisor_planner.ui.context import AppContext
from advisor_planner.ui.i18n import (
    choice_label,
    format_iso_moment,
    format_number,
    format_short_date,
    format_short_datetime,
    translate,
)
from advisor_planner.ui.list_page import RecordTable
from advisor_planner.ui.sections.commitments import status_tone
from advisor_planner.ui.stakeholder.forms import ASPECT_LABELS
from advisor_planner.ui.stakeholder.widgets import PAGE, plain_label
from advisor_planner.ui.table import Column, RecordFilterProxy, RecordTableModel, Tone, first_line
from advisor_planner.ui.touchpoint_fields import sentiment_text

#: The factors of ``domain.trust.read_trust``'s ``weakest``, as a sentence names them.
FACTOR_NAMES = {
    "credibility": QT_TRANSLATE_NOOP("StakeholderPage", "credibility"),
    "reliability": QT_TRANSLATE_NOOP("StakeholderPage", "reliability"),
    "intimacy": QT_TRANSLATE_NOOP("StakeholderPage", "intimacy"),
}


class HistorySection(QWidget):
    """A table in a tab, with a line of explanation above and an empty state in its place.

    Rows given while the tab is hidden wait until it is shown: filling a table resets its
    model, and the reset has its columns measured (10-30 ms a table on ten years of data), so
    opening a page filled four tables nobody was looking at in the turn it was drawn.
    """

    activated_row = Signal(object)

    def __init__(
        self,
        context: AppContext,
        key: str,
        columns: list[Column],
        empty_text: str,
        *,
        caption: str = "",
        sort: tuple[int, Qt.SortOrder] = (0, Qt.SortOrder.DescendingOrder),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.model = RecordTableModel(columns, self)
        self.proxy = RecordFilterProxy(self)
        settings_key = f"stakeholder_page/{key}"
        fresh = context.settings.value(f"{settings_key}/header") is None
        self.table = RecordTable(self.model, self.proxy, settings_key, context, self)
        self.table.setObjectName(f"{key}Table")
        if fresh:
            self.table.sortByColumn(*sort)
        self.table.activated_row.connect(self.activated_row)
        self.empty = plain_label(self, wrap=True)
        self.empty.setText(empty_text)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setObjectName(f"{key}Empty")
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        if caption:
            self.caption = plain_label(self, wrap=True)
            self.caption.setText(caption)
            layout.addWidget(self.caption)
        layout.addWidget(self.stack, 1)
        self._pending: list[Any] | None = None  # rows given while hidden

    def set_rows(self, rows: list[Any]) -> None:
        """Show ``rows``: at once while the tab is shown, else when it next shows."""
        self.stack.setCurrentWidget(self.table if rows else self.empty)
        self._pending = rows
        if self.isVisible():
            self._fill()

    def clear(self) -> None:
        """No rows, and no empty-state sentence either: another person's are on their way."""
        self.set_rows([])
        self.stack.setCurrentWidget(self.table)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._pending is not None:
            self._fill()

    def _fill(self) -> None:
        rows, self._pending = self._pending or [], None
        current = self.table.current_row()
        current_id = getattr(current, "id", None)
        self.model.set_rows(rows)
        self.table.resort()  # the rows in the order the header's arrow shows
        if current_id is None:
            return
        for row, item in enumerate(rows):
            if getattr(item, "id", None) == current_id:
                self.table.setCurrentIndex(self.proxy.mapFromSource(self.model.index(row, 0)))
                break


def trust_columns() -> list[Column]:
    def reading(check: trust_checks.TrustCheck) -> trust.TrustReading:
        return trust.read_trust(
            check.credibility, check.reliability, check.intimacy, check.self_orientation
        )

    def uneven(check: trust_checks.TrustCheck) -> str:
        r = reading(check)
        if not r.uneven:
            return ""
        weakest = translate(PAGE, FACTOR_NAMES[r.weakest])
        return QCoreApplication.translate("StakeholderPage", "⚠ uneven — weakest: {0}").format(
            weakest
        )

    return [
        Column(QT_TRANSLATE_NOOP("Column", "Date"), lambda c: c.checked_on, width=90),
        Column(QT_TRANSLATE_NOOP("Column", "C"), lambda c: c.credibility, numeric=True, width=36,
               tooltip=lambda c: QCoreApplication.translate("StakeholderPage", "Credibility")),
        Column(QT_TRANSLATE_NOOP("Column", "R"), lambda c: c.reliability, numeric=True, width=36,
               tooltip=lambda c: QCoreApplication.translate("StakeholderPage", "Reliability")),
        Column(QT_TRANSLATE_NOOP("Column", "I"), lambda c: c.intimacy, numeric=True, width=36,
               tooltip=lambda c: QCoreApplication.translate("StakeholderPage", "Intimacy")),
        Column(QT_TRANSLATE_NOOP("Column", "S"), lambda c: c.self_orientation, numeric=True,
               width=36,
               tooltip=lambda c: QCoreApplication.translate(
                   "StakeholderPage", "Self-orientation (lower is better)")),
        Column(QT_TRANSLATE_NOOP("Column", "Quotient"), lambda c: c.quotient,
               text=lambda q: format_number(q, 1), numeric=True, width=72,
               tooltip=lambda c: trust.trust_quotient_formula()),
        Column(QT_TRANSLATE_NOOP("Column", "Score"), lambda c: reading(c).score_100,
               text=format_number, numeric=True, width=56,
               tooltip=lambda c: trust.trust_scale_formula()),
        Column(QT_TRANSLATE_NOOP("Column", "Warmth"), lambda c: c.warmth, numeric=True,
               width=62),
        Column(QT_TRANSLATE_NOOP("Column", "Competence"), lambda c: c.competence, numeric=True,
               width=86),
        Column(QT_TRANSLATE_NOOP("Column", "Source"), lambda c: c.source,
               text=lambda s: choice_label(TrustSource(s)), width=100),
        Column(QT_TRANSLATE_NOOP("Column", "Balance"), uneven, width=170,
               tooltip=lambda c: QCoreApplication.translate(
                   "StakeholderPage", "Uneven when C, R and I differ by 4 or more")),
        Column(QT_TRANSLATE_NOOP("Column", "Note"), lambda c: first_line(c.note),
               tooltip=lambda c: c.note, stretch=True),
    ]  # fmt: skip


def touchpoint_columns(
    stakeholder_id: Callable[[], int], names: Callable[[], dict[int, str]]
) -> list[Column]:
    """The touchpoint table's columns; "Also there" names the others present (``names()``)
    than the person shown (``stakeholder_id()``: the page shows one person after another)."""

    def when(t: touchpoints.Touchpoint) -> str:
        assert t.occurred_at is not None
        year = clock.today().year
        if t.has_time:
            return format_short_datetime(t.occurred_at.astimezone(), this_year=year)
        assert t.occurred_on is not None  # (set with occurred_at)
        return format_short_date(t.occurred_on, this_year=year)

    def when_iso(t: touchpoints.Touchpoint) -> str:
        assert t.occurred_at is not None
        if t.has_time:
            return format_iso_moment(t.occurred_at.astimezone())
        return t.occurred_on.isoformat() if t.occurred_on else ""

    def summary(t: touchpoints.Touchpoint) -> str:
        line = first_line(t.notes)
        if t.subject and line:
            return f"{t.subject} — {line}"
        return t.subject or line

    def full_notes(t: touchpoints.Touchpoint) -> str:
        return "\n\n".join(part for part in (t.subject, t.notes) if part)

    def with_whom(t: touchpoints.Touchpoint) -> str:
        return ", ".join(
            names().get(sid, "?") for sid in t.stakeholder_ids if sid != stakeholder_id()
        )

    return [
        Column(QT_TRANSLATE_NOOP("Column", "When"), lambda t: t, text=when, width=130,
               sort=lambda t: t.occurred_at.timestamp(), tooltip=when_iso),
        Column(QT_TRANSLATE_NOOP("Column", "Channel"), lambda t: t.channel,
               text=lambda c: choice_label(Channel(c)), width=80),
        Column(QT_TRANSLATE_NOOP("Column", "Purpose"), lambda t: t.purpose,
               text=lambda p: choice_label(Purpose(p)), width=150),
        Column(QT_TRANSLATE_NOOP("Column", "Sentiment"), lambda t: t.sentiment,
               text=sentiment_text, width=110),
        Column(QT_TRANSLATE_NOOP("Column", "Listening"), lambda t: t.listening, numeric=True,
               width=70,
               tooltip=lambda t: QCoreApplication.translate(
                   "StakeholderPage", "How much I listened, 1–5")),
        Column(QT_TRANSLATE_NOOP("Column", "Also there"), with_whom, width=150,
               tooltip=with_whom),
        Column(QT_TRANSLATE_NOOP("Column", "Notes"), summary,
               tooltip=full_notes, stretch=True),
    ]  # fmt: skip


def commitment_columns() -> list[Column]:
    today = clock.today

    def status(c: commitments.Commitment) -> str:
        label = choice_label(CommitmentStatus(c.status))
        if c.is_overdue(today()):
            return QCoreApplication.translate("StakeholderPage", "{0} — overdue").format(label)
        return label

    def tone(c: commitments.Commitment) -> Tone | None:
        return Tone.ALERT if c.is_overdue(today()) else status_tone(c.status)

    def status_order(c: commitments.Commitment) -> tuple[int, int]:
        # Overdue first, then open by due day, then closed, most recently closed first.
        if c.status == CommitmentStatus.OPEN.value:
            due = c.due_on.toordinal() if c.due_on else date.max.toordinal()
            return (0 if c.is_overdue(today()) else 1, due)
        closed = c.closed_on.toordinal() if c.closed_on else 0
        return (2, -closed)

    return [
        Column(QT_TRANSLATE_NOOP("Column", "Status"), status, sort=status_order, width=150,
               tone=tone, keep=True),
        Column(QT_TRANSLATE_NOOP("Column", "Commitment"), lambda c: c.text, width=360,
               tooltip=lambda c: c.text, stretch=True),
        Column(QT_TRANSLATE_NOOP("Column", "Made"), lambda c: c.made_on, width=90),
        Column(QT_TRANSLATE_NOOP("Column", "Due"), lambda c: c.due_on, width=90),
        Column(QT_TRANSLATE_NOOP("Column", "Closed"), lambda c: c.closed_on, width=90),
    ]  # fmt: skip


def feedback_columns() -> list[Column]:
    return [
        Column(QT_TRANSLATE_NOOP("Column", "Received"), lambda f: f.received_on, width=90),
        Column(QT_TRANSLATE_NOOP("Column", "Speaks to"), lambda f: f.aspect,
               text=lambda a: translate(PAGE, ASPECT_LABELS.get(a, a)), width=160),
        Column(QT_TRANSLATE_NOOP("Column", "What was said"), lambda f: first_line(f.text),
               tooltip=lambda f: f.text, stretch=True),
    ]  # fmt: skip
