"""Evidence-based reliability: how often my commitments to a stakeholder were kept on time.

Reliability = kept on time / considered, over the commitments closed within a window (90 days by
default) plus the open ones that fell due within it and are now overdue (which count as missed).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from advisor_planner.domain.enums import CommitmentStatus
from advisor_planner.translation import QT_TRANSLATE_NOOP, translate

DEFAULT_WINDOW_DAYS = 90

RELIABILITY_FORMULA = QT_TRANSLATE_NOOP(
    "Formula",
    "Reliability = commitments kept by their due date / (commitments closed in the window"
    " + open commitments overdue)",
)


def reliability_formula() -> str:
    """``RELIABILITY_FORMULA`` in the user's language."""
    return translate("Formula", RELIABILITY_FORMULA)


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


def rolling_reliability(
    facts: Iterable[CommitmentFact],
    week_ends: Sequence[date],
    *,
    window_days: int = DEFAULT_WINDOW_DAYS,
) -> list[ReliabilityResult]:
    """``evidence_reliability`` as it stood at each date in ``week_ends`` (sorted ascending).

    Each commitment is judged as of that date: one closed later than it still counted as open
    then. Computed with one pass over the commitments and difference arrays over the dates,
    O(commitments × log dates + dates), so a year of weeks over thousands of promises is cheap.
    """
    if isinstance(window_days, bool) or not isinstance(window_days, int) or window_days < 1:
        raise ValueError(f"window_days must be a whole number of at least 1, got {window_days!r}")
    if any(a > b for a, b in zip(week_ends, week_ends[1:], strict=False)):
        raise ValueError("week_ends must be sorted ascending")
    # Work in day ordinals: integer comparisons keep this cheap over thousands of promises.
    days = [day.toordinal() for day in week_ends]
    size = len(days)
    kept_delta = [0] * (size + 1)
    missed_delta = [0] * (size + 1)
    counted_closed = {status.value for status in _COUNTED_CLOSED}
    valid = {status.value for status in CommitmentStatus}
    kept_value, open_value = CommitmentStatus.KEPT.value, CommitmentStatus.OPEN.value
    for fact in facts:
        status = fact.status
        if status not in valid:
            raise ValueError(f"status must be a CommitmentStatus value, got {status!r}")
        closed = fact.closed_on.toordinal() if fact.closed_on is not None else None
        due = fact.due_on.toordinal() if fact.due_on is not None else None
        if closed is not None and status in counted_closed:
            # Counted at every date d with closed_on ≤ d ≤ closed_on + window.
            first = bisect_left(days, closed)
            stop = bisect_right(days, closed + window_days)
            on_time = due is None or closed <= due
            delta = kept_delta if status == kept_value and on_time else missed_delta
            if first < stop:
                delta[first] += 1
                delta[stop] -= 1
        if due is not None:
            # Open and overdue at d when due_on < d ≤ due_on + window and not yet closed at d.
            last = due + window_days
            if closed is not None and status != open_value:
                last = min(last, closed - 1)
            first = bisect_right(days, due)
            stop = bisect_right(days, last)
            if first < stop:
                missed_delta[first] += 1
                missed_delta[stop] -= 1
    results = []
    kept = missed = 0
    for index in range(size):
        kept += kept_delta[index]
        missed += missed_delta[index]
        considered = kept + missed
        results.append(
            ReliabilityResult(
                ratio=kept / considered if considered else None,
                kept_on_time=kept,
                missed=missed,
                considered=considered,
            )
        )
    return results
