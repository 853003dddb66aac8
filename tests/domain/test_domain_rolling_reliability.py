"""rolling_reliability must agree with evidence_reliability judged as of each date."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from advisor_planner.domain.enums import CommitmentStatus
from advisor_planner.domain.reliability import (
    CommitmentFact,
    evidence_reliability,
    rolling_reliability,
)

START = date(2026, 1, 5)


def as_of(fact: CommitmentFact, day: date) -> CommitmentFact | None:
    """The fact as it stood on ``day``: not yet made → None; closed later → still open."""
    if fact.made_on > day:
        return None
    if fact.closed_on is not None and fact.closed_on > day:
        return replace(fact, status=CommitmentStatus.OPEN.value, closed_on=None)
    return fact


@st.composite
def facts(draw):
    made = START + timedelta(days=draw(st.integers(0, 200)))
    due = made + timedelta(days=draw(st.integers(0, 40)))
    status = draw(st.sampled_from(list(CommitmentStatus)))
    closed = None
    if status is not CommitmentStatus.OPEN:
        closed = made + timedelta(days=draw(st.integers(0, 80)))
    return CommitmentFact(made, due if draw(st.booleans()) else None, status.value, closed)


@settings(max_examples=60, deadline=None)
@given(st.lists(facts(), max_size=25), st.integers(1, 60))
def test_matches_evidence_reliability_as_of_each_week(items, window):
    weeks = [START + timedelta(days=7 * k) for k in range(40)]
    rolling = rolling_reliability(items, weeks, window_days=window)
    for week_end, result in zip(weeks, rolling, strict=True):
        snapshot = [f for f in (as_of(item, week_end) for item in items) if f is not None]
        assert result == evidence_reliability(snapshot, today=week_end, window_days=window)


def test_a_promise_kept_late_counts_as_missed_while_overdue_and_after():
    fact = CommitmentFact(date(2026, 1, 1), date(2026, 1, 10), "late", date(2026, 1, 20))
    weeks = [date(2026, 1, 9), date(2026, 1, 15), date(2026, 1, 25)]
    ratios = [(r.ratio, r.missed) for r in rolling_reliability([fact], weeks, window_days=90)]
    assert ratios == [(None, 0), (0.0, 1), (0.0, 1)]


def test_no_weeks_and_unsorted_weeks():
    assert rolling_reliability([], []) == []
    with pytest.raises(ValueError, match="sorted"):
        rolling_reliability([], [date(2026, 2, 1), date(2026, 1, 1)])
