"""Tests of evidence-based reliability."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from advisor_planner.domain.enums import CommitmentStatus
from advisor_planner.domain.reliability import (
    CommitmentFact,
    ReliabilityResult,
    evidence_reliability,
)

TODAY = date(2024, 6, 30)
WINDOW_START = date(2024, 4, 1)  # TODAY − 90 days
MADE = date(2024, 1, 1)


def closed(status: str, closed_on: date, due_on: date | None = None) -> CommitmentFact:
    return CommitmentFact(made_on=MADE, due_on=due_on, status=status, closed_on=closed_on)


def open_(due_on: date | None) -> CommitmentFact:
    return CommitmentFact(made_on=MADE, due_on=due_on, status="open", closed_on=None)


def test_window_start():
    assert TODAY - timedelta(days=90) == WINDOW_START


def test_no_facts():
    assert evidence_reliability([], today=TODAY) == ReliabilityResult(None, 0, 0, 0)


def test_kept_on_time():
    facts = [closed("kept", date(2024, 6, 9), due_on=date(2024, 6, 10))]
    assert evidence_reliability(facts, today=TODAY) == ReliabilityResult(1.0, 1, 0, 1)


def test_kept_on_due_date_counts_as_on_time():
    facts = [closed("kept", date(2024, 6, 10), due_on=date(2024, 6, 10))]
    assert evidence_reliability(facts, today=TODAY).kept_on_time == 1


def test_kept_without_due_date_counts_as_on_time():
    assert evidence_reliability([closed("kept", date(2024, 6, 1))], today=TODAY).ratio == 1.0


def test_kept_after_due_date_counts_as_missed():
    facts = [closed("kept", date(2024, 6, 11), due_on=date(2024, 6, 10))]
    assert evidence_reliability(facts, today=TODAY) == ReliabilityResult(0.0, 0, 1, 1)


@pytest.mark.parametrize("status", ["late", "broken", CommitmentStatus.BROKEN])
def test_late_and_broken_are_missed(status):
    facts = [closed(status, date(2024, 6, 1), due_on=date(2024, 6, 5))]
    assert evidence_reliability(facts, today=TODAY) == ReliabilityResult(0.0, 0, 1, 1)


@pytest.mark.parametrize("status", ["renegotiated", "cancelled"])
def test_renegotiated_and_cancelled_are_not_counted(status):
    facts = [closed(status, date(2024, 6, 1), due_on=date(2024, 5, 1))]
    assert evidence_reliability(facts, today=TODAY) == ReliabilityResult(None, 0, 0, 0)


@pytest.mark.parametrize(
    ("closed_on", "counted"),
    [
        (date(2024, 3, 31), False),  # a day before the window
        (WINDOW_START, True),
        (TODAY, True),
        (date(2024, 7, 1), False),  # after today
    ],
)
def test_closed_window_edges(closed_on, counted):
    result = evidence_reliability([closed("kept", closed_on)], today=TODAY)
    assert result.considered == (1 if counted else 0)


def test_closed_without_closed_on_is_not_counted():
    fact = CommitmentFact(made_on=MADE, due_on=None, status="kept", closed_on=None)
    assert evidence_reliability([fact], today=TODAY).considered == 0


@pytest.mark.parametrize(
    ("due_on", "missed"),
    [
        (date(2024, 6, 29), 1),  # overdue since yesterday
        (TODAY, 0),  # due today: not yet missed
        (date(2024, 7, 5), 0),  # future
        (WINDOW_START, 1),
        (date(2024, 3, 31), 0),  # fell due before the window
        (None, 0),  # no due date: never overdue
    ],
)
def test_open_commitments(due_on, missed):
    result = evidence_reliability([open_(due_on)], today=TODAY)
    assert (result.missed, result.considered) == (missed, missed)


def test_mixed_record():
    facts = [
        closed("kept", date(2024, 5, 1), due_on=date(2024, 5, 2)),  # kept on time
        closed("kept", date(2024, 6, 20)),  # kept on time (no due date)
        closed("kept", date(2024, 6, 21), due_on=date(2024, 6, 20)),  # kept late: missed
        closed("broken", date(2024, 4, 15)),  # missed
        closed("late", date(2024, 2, 1)),  # outside the window
        closed("cancelled", date(2024, 6, 1)),  # not counted
        open_(date(2024, 6, 1)),  # open and overdue: missed
        open_(date(2024, 8, 1)),  # open, not due yet
    ]
    result = evidence_reliability(iter(facts), today=TODAY)
    assert result == ReliabilityResult(ratio=0.4, kept_on_time=2, missed=3, considered=5)


def test_custom_window():
    facts = [closed("kept", date(2024, 6, 23)), closed("broken", date(2024, 6, 22))]
    assert evidence_reliability(facts, today=TODAY, window_days=7) == ReliabilityResult(
        1.0, 1, 0, 1
    )


def test_unknown_status():
    with pytest.raises(ValueError, match="status"):
        evidence_reliability([closed("done", TODAY)], today=TODAY)


@pytest.mark.parametrize("bad", [0, -5, 1.5, True])
def test_bad_window(bad):
    with pytest.raises(ValueError, match="window_days"):
        evidence_reliability([], today=TODAY, window_days=bad)


fact_strategy = st.builds(
    CommitmentFact,
    made_on=st.just(MADE),
    due_on=st.none() | st.dates(date(2024, 1, 1), date(2024, 9, 1)),
    status=st.sampled_from(CommitmentStatus.values()),
    closed_on=st.none() | st.dates(date(2024, 1, 1), date(2024, 9, 1)),
)


@given(st.lists(fact_strategy, max_size=30), st.integers(1, 400))
def test_ratio_bounds_and_counts(facts, window):
    result = evidence_reliability(facts, today=TODAY, window_days=window)
    assert result.kept_on_time + result.missed == result.considered
    assert result.considered <= len(facts)
    if result.considered:
        assert 0.0 <= result.ratio <= 1.0
        assert result.ratio == result.kept_on_time / result.considered
    else:
        assert result.ratio is None
