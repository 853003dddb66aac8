"""Tests of contact cadence."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from advisor_planner.domain.cadence import CadenceStatus, cadence_status, days_overdue

TODAY = date(2024, 6, 30)


@pytest.mark.parametrize("cadence", [None, 0])
@pytest.mark.parametrize("last", [None, date(2024, 1, 1)])
def test_no_cadence(cadence, last):
    status = cadence_status(last, cadence, today=TODAY)
    assert (status.due_on, status.days_until_due, status.overdue, status.label) == (
        None,
        None,
        False,
        "no cadence set",
    )
    assert days_overdue(status) == 0


def test_never_contacted():
    status = cadence_status(None, 14, today=TODAY)
    assert (status.due_on, status.days_until_due, status.overdue, status.label) == (
        None,
        None,
        True,
        "never contacted",
    )
    assert days_overdue(status) == 14


@pytest.mark.parametrize(
    ("last", "due_on", "days", "overdue", "label", "late"),
    [
        (date(2024, 6, 16), date(2024, 6, 30), 0, False, "due today", 0),
        (date(2024, 6, 17), date(2024, 7, 1), 1, False, "due tomorrow", 0),
        (date(2024, 6, 20), date(2024, 7, 4), 4, False, "due in 4 days", 0),
        (date(2024, 6, 15), date(2024, 6, 29), -1, True, "1 day overdue", 1),
        (date(2024, 6, 1), date(2024, 6, 15), -15, True, "15 days overdue", 15),
    ],
)
def test_labels(last, due_on, days, overdue, label, late):
    status = cadence_status(last, 14, today=TODAY)
    assert status == CadenceStatus(due_on, days, overdue, label, 14)
    assert days_overdue(status) == late


def test_days_overdue_of_a_status_without_cadence():
    assert days_overdue(CadenceStatus(None, None, True, "never contacted")) == 0


@pytest.mark.parametrize("bad", [-1, 1.5, True])
def test_bad_cadence(bad):
    with pytest.raises(ValueError, match="cadence_days"):
        cadence_status(TODAY, bad, today=TODAY)


@given(
    last=st.dates(date(2023, 1, 1), date(2025, 1, 1)),
    cadence=st.integers(1, 400),
)
def test_status_is_consistent(last, cadence):
    status = cadence_status(last, cadence, today=TODAY)
    assert status.due_on == last + timedelta(days=cadence)
    assert status.days_until_due == (status.due_on - TODAY).days
    assert status.overdue is (status.days_until_due < 0)
    assert days_overdue(status) == max(0, -status.days_until_due)
    assert str(abs(status.days_until_due)) in status.label or status.days_until_due in (0, 1)
