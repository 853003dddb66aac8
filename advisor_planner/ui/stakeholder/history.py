"""The history tabs of a person's page: their trust checks, touchpoints, commitments and
feedback, each a sortable table (or, while empty, a line saying what to do first)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from advisor_planner.domain import trust
from advisor_planner.domain.enums import Channel, CommitmentStatus, Purpose, TrustSource
from advisor_planner.services import clock, commitments, touchpoints, trust_checks
from advisor_planner.ui.context import AppContext
from advisor_planner.ui.list_page import RecordTable
from advisor_planner.ui.stakeholder.forms import ASPECT_LABELS
from advisor_planner.ui.stakeholder.widgets import page_tr as _tr
from advisor_planner.ui.stakeholder.widgets import plain_label
from advisor_planner.ui.table import Column, RecordFilterProxy, RecordTableModel, first_line

SENTIMENT_MEANINGS = {
    -2: "very negative",
    -1: "negative",
    0: "neutral",
    1: "positive",
    2: "very positive",
}


class HistorySection(QWidget):
    """A table in a tab, with a line of explanation above and an empty state in its place."""

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

    def set_rows(self, rows: list[Any]) -> None:
        current = self.table.current_row()
        current_id = getattr(current, "id", None)
        self.model.set_rows(rows)
        self.stack.setCurrentWidget(self.table if rows else self.empty)
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
        return _tr("⚠ uneven — weakest: {0}").format(_tr(r.weakest)) if r.uneven else ""

    return [
        Column(_tr("Date"), lambda c: c.checked_on, width=90),
        Column(_tr("C"), lambda c: c.credibility, numeric=True, width=36,
               tooltip=lambda c: _tr("Credibility")),
        Column(_tr("R"), lambda c: c.reliability, numeric=True, width=36,
               tooltip=lambda c: _tr("Reliability")),
        Column(_tr("I"), lambda c: c.intimacy, numeric=True, width=36,
               tooltip=lambda c: _tr("Intimacy")),
        Column(_tr("S"), lambda c: c.self_orientation, numeric=True, width=36,
               tooltip=lambda c: _tr("Self-orientation (lower is better)")),
        Column(_tr("Quotient"), lambda c: c.quotient, text=lambda q: f"{q:.1f}",
               numeric=True, width=72, tooltip=lambda c: trust.TRUST_QUOTIENT_FORMULA),
        Column(_tr("Score"), lambda c: reading(c).score_100,
               text=lambda s: f"{s:.0f}", numeric=True, width=56,
               tooltip=lambda c: trust.TRUST_SCALE_FORMULA),
        Column(_tr("Warmth"), lambda c: c.warmth, numeric=True, width=62),
        Column(_tr("Competence"), lambda c: c.competence, numeric=True, width=86),
        Column(_tr("Source"), lambda c: c.source,
               text=lambda s: _tr(TrustSource(s).label), width=100),
        Column(_tr("Balance"), uneven, width=170,
               tooltip=lambda c: _tr("Uneven when C, R and I differ by 4 or more")),
        Column(_tr("Note"), lambda c: first_line(c.note),
               tooltip=lambda c: c.note),
    ]  # fmt: skip


def touchpoint_columns(stakeholder_id: int, names: Callable[[], dict[int, str]]) -> list[Column]:
    """The touchpoint table's columns; "Also there" names the others present (``names()``)."""

    def when(t: touchpoints.Touchpoint) -> str:
        assert t.occurred_at is not None
        local = t.occurred_at.astimezone()
        return local.strftime("%Y-%m-%d %H:%M") if t.has_time else str(t.occurred_on)

    def sentiment(value: int | None) -> str:
        if value is None:
            return ""
        sign = "+" if value > 0 else "−" if value < 0 else ""
        return f"{sign}{abs(value)} {_tr(SENTIMENT_MEANINGS[value])}"

    def summary(t: touchpoints.Touchpoint) -> str:
        line = first_line(t.notes)
        if t.subject and line:
            return f"{t.subject} — {line}"
        return t.subject or line

    def full_notes(t: touchpoints.Touchpoint) -> str:
        return "\n\n".join(part for part in (t.subject, t.notes) if part)

    def with_whom(t: touchpoints.Touchpoint) -> str:
        return ", ".join(
            names().get(sid, "?") for sid in t.stakeholder_ids if sid != stakeholder_id
        )

    return [
        Column(_tr("When"), lambda t: t, text=when, width=130,
               sort=lambda t: t.occurred_at.timestamp()),
        Column(_tr("Channel"), lambda t: t.channel,
               text=lambda c: _tr(Channel(c).label), width=80),
        Column(_tr("Purpose"), lambda t: t.purpose,
               text=lambda p: _tr(Purpose(p).label), width=150),
        Column(_tr("Sentiment"), lambda t: t.sentiment, text=sentiment, width=110),
        Column(_tr("Listening"), lambda t: t.listening, numeric=True, width=70,
               tooltip=lambda t: _tr("How much I listened, 1–5")),
        Column(_tr("Also there"), with_whom, width=150,
               tooltip=with_whom),
        Column(_tr("Notes"), summary,
               tooltip=full_notes),
    ]  # fmt: skip


def commitment_columns() -> list[Column]:
    today = clock.today

    def status(c: commitments.Commitment) -> str:
        label = _tr(CommitmentStatus(c.status).label)
        if c.is_overdue(today()):
            return _tr("{0} — overdue").format(label)
        return label

    def status_order(c: commitments.Commitment) -> tuple[int, int]:
        # Overdue first, then open by due day, then closed, most recently closed first.
        if c.status == CommitmentStatus.OPEN.value:
            due = c.due_on.toordinal() if c.due_on else date.max.toordinal()
            return (0 if c.is_overdue(today()) else 1, due)
        closed = c.closed_on.toordinal() if c.closed_on else 0
        return (2, -closed)

    return [
        Column(_tr("Status"), status, sort=status_order, width=150),
        Column(_tr("Commitment"), lambda c: c.text, width=360,
               tooltip=lambda c: c.text),
        Column(_tr("Made"), lambda c: c.made_on, width=90),
        Column(_tr("Due"), lambda c: c.due_on, width=90),
        Column(_tr("Closed"), lambda c: c.closed_on, width=90),
    ]  # fmt: skip


def feedback_columns() -> list[Column]:
    return [
        Column(_tr("Received"), lambda f: f.received_on, width=90),
        Column(_tr("Speaks to"), lambda f: f.aspect,
               text=lambda a: _tr(ASPECT_LABELS.get(a, a)), width=160),
        Column(_tr("What was said"), lambda f: first_line(f.text),
               tooltip=lambda f: f.text),
    ]  # fmt: skip
