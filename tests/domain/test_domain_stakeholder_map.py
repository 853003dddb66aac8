"""Tests of the stakeholder map rules."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from advisor_planner.domain.enums import Engagement
from advisor_planner.domain.stakeholder_map import (
    ATTENTION_ORDER,
    KEY_THRESHOLD,
    attention_priority,
    attention_rank,
    cadences_overdue,
    engagement_gap,
    is_key_stakeholder,
    quadrant,
)

ratings = st.integers(1, 5)


@pytest.mark.parametrize(
    ("power", "interest", "key"),
    [(3, 4, True), (4, 3, True), (3, 3, False), (5, 5, True), (2, 5, False), (1, 1, False)],
)
def test_is_key(power, interest, key):
    assert KEY_THRESHOLD == 12
    assert is_key_stakeholder(power, interest) is key


@pytest.mark.parametrize(
    ("power", "interest", "expected"),
    [
        (3, 3, "manage closely"),
        (5, 5, "manage closely"),
        (5, 1, "keep satisfied"),
        (3, 2, "keep satisfied"),
        (2, 5, "keep informed"),
        (2, 3, "keep informed"),
        (2, 2, "monitor"),
        (1, 1, "monitor"),
    ],
)
def test_quadrant(power, interest, expected):
    assert quadrant(power, interest) == expected


@pytest.mark.parametrize("bad", [0, 6, 3.0, True, None])
def test_ratings_out_of_range(bad):
    with pytest.raises(ValueError, match="power"):
        quadrant(bad, 3)
    with pytest.raises(ValueError, match="interest"):
        is_key_stakeholder(3, bad)
    with pytest.raises(ValueError, match="power"):
        attention_priority(bad, 3, 1)


@pytest.mark.parametrize(
    ("current", "desired", "gap"),
    [
        ("neutral", "supportive", 1),
        ("unaware", "leading", 4),
        ("leading", "unaware", -4),
        ("resistant", "resistant", 0),
        (Engagement.RESISTANT, Engagement.SUPPORTIVE, 2),
    ],
)
def test_engagement_gap(current, desired, gap):
    assert engagement_gap(current, desired) == gap


def test_engagement_gap_rejects_unknown():
    with pytest.raises(ValueError, match="current"):
        engagement_gap("hostile", "neutral")
    with pytest.raises(ValueError, match="desired"):
        engagement_gap("neutral", "champion")


@pytest.mark.parametrize(
    ("power", "interest", "days", "expected"),
    [(4, 5, 3, 60), (5, 5, 0, 0), (1, 1, 1, 1), (2, 3, 10, 60)],
)
def test_attention_priority(power, interest, days, expected):
    assert attention_priority(power, interest, days) == expected


@pytest.mark.parametrize("bad", [-1, 1.5, True])
def test_attention_priority_rejects_bad_days(bad):
    with pytest.raises(ValueError, match="days_overdue"):
        attention_priority(3, 3, bad)


@given(ratings, ratings)
def test_key_stakeholders_are_managed_closely(power, interest):
    if is_key_stakeholder(power, interest):
        assert quadrant(power, interest) == "manage closely"


@given(ratings, ratings, st.integers(0, 1000), st.integers(0, 1000))
def test_priority_grows_with_days(power, interest, a, b):
    low, high = sorted((a, b))
    assert attention_priority(power, interest, low) <= attention_priority(power, interest, high)


# -- who needs attention first ----------------------------------------------------------------
def test_cadences_overdue_is_days_over_the_cadence():
    assert cadences_overdue(64, 30) == pytest.approx(64 / 30)
    assert cadences_overdue(0, 30) == 0
    assert cadences_overdue(5, 0) == 0  # no cadence: nothing is overdue against it


def test_attention_order_key_first_then_cadences_then_never_contacted():
    # (name, key, cadences overdue (None: never contacted), power × interest)
    people = [
        ("a: other, 3 cadences", False, 3.0, 9),
        ("b: key, never", True, None, 20),
        ("c: key, 0.5 cadence", True, 0.5, 12),
        ("d: other, never", False, None, 4),
        ("e: key, 2 cadences", True, 2.0, 12),
        ("f: key, 2 cadences, more power", True, 2.0, 25),
    ]
    ranked = sorted(people, key=lambda p: attention_rank(key=p[1], cadences=p[2], weight=p[3]))
    assert [p[0][0] for p in ranked] == ["f", "e", "c", "b", "a", "d"]
    assert "key" in ATTENTION_ORDER and "never" in ATTENTION_ORDER
