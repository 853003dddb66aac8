"""Evidence-based reliability: how often my commitments to a stakeholder were kept on time.

Reliability = kept on time / considered, over the commitments closed within a window (90 days by
default) plus the open ones that fell due within it and are now overdue (which count as missed).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from advisor_planner.domain.enums import CommitmentStatus

DEFAULT_WINDOW_DAYS = 90

RELIABILITY_FORMULA = (
    "Reliability = commitments kept by their due date / (commitments closed in the window"
    " + open commitments overdue)"
)

_COUNTED_CLOSED = frozenset({CommitmentStatus.KEPT, CommitmentStatus.LATE, CommitmentStatus.BROKEN})


@dataclass(frozen=True, slots=True)
class CommitmentFact:
    """What reliability needs to know about one commitment."""

    made_on: date
    due_on: date | None
    status: str  # a CommitmentStatus value
    closed_on: date | None


@dataclass(frozen=True, slots=True)
class ReliabilityResult:
    """ratio is kept_on_time / considered, or None when nothing counts."""

    ratio: float | None
    kept_on_time: int
    missed: int
    considered: int


def evidence_reliability(
    facts: Iterable[CommitmentFact], *, today: date, window_days: int = DEFAULT_WINDOW_DAYS
) -> ReliabilityResult:
    """Reliability = kept on time / considered, within [today − window_days, today].

    Considered: commitments closed as kept, late or broken whose closed_on falls in the window,
    plus open commitments whose due_on falls in the window and is before today (these count as
    missed). Kept on time: status kept and (no due date or closed_on ≤ due_on); a "kept" closed
    after its due date counts as missed, as do late and broken. Renegotiated and cancelled
    commitments, and closed ones without a closed_on date, are not counted. The ratio is None
    when nothing is considered. Raises ValueError for a window below 1 day or an unknown status.
    """
    if isinstance(window_days, bool) or not isinstance(window_days, int) or window_days < 1:
        raise ValueError(f"window_days must be a whole number of at least 1, got {window_days!r}")
    start = today - timedelta(days=window_days)
    kept = missed = 0
    for fact in facts:
        try:
            status = CommitmentStatus(fact.status)
        except ValueError:
            raise ValueError(
                f"status must be a CommitmentStatus value, got {fact.status!r}"
            ) from None
        if status is CommitmentStatus.OPEN:
            if fact.due_on is not None and start <= fact.due_on < today:
                missed += 1
        elif status in _COUNTED_CLOSED:
            if fact.closed_on is None or not start <= fact.closed_on <= today:
                continue
            on_time = fact.due_on is None or fact.closed_on <= fact.due_on
            if status is CommitmentStatus.KEPT and on_time:
                kept += 1
            else:
                missed += 1
    considered = kept + missed
    return ReliabilityResult(
        ratio=kept / considered if considered else None,
        kept_on_time=kept,
        missed=missed,
        considered=considered,
    )
