"""Tests of relationship health."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from advisor_planner.domain.health import (
    HEALTH_WEIGHTS,
    HealthInputs,
    frequency_component,
    recency_component,
    relationship_health,
)


def inputs(**kwargs) -> HealthInputs:
    base = {"days_since_contact": None, "cadence_days": None, "touchpoints_in_window": 0}
    base.update(kwargs)
    return HealthInputs(**base)


def test_weights_table():
    assert dict(HEALTH_WEIGHTS) == {
        "recency": 0.30,
        "frequency": 0.20,
        "listening": 0.15,
        "sentiment": 0.10,
        "reciprocity": 0.10,
        "follow_through": 0.15,
    }
    assert math.fsum(HEALTH_WEIGHTS.values()) == pytest.approx(1.0)
    with pytest.raises(TypeError):
        HEALTH_WEIGHTS["recency"] = 1.0  # type: ignore[index]


def test_no_evidence():
    result = relationship_health(inputs(cadence_days=14))
    assert result.score is None
    assert result.components == {}


@pytest.mark.parametrize(
    ("days", "cadence", "expected"),
    [
        (0, 14, 1.0),
        (14, 14, 1.0),  # due today: still fresh
        (21, 14, 0.7071068),  # half a cadence late
        (28, 14, 0.5),  # one cadence late: half
        (42, 14, 0.25),
        (60, None, 0.5),  # missing cadence counts as 30 days
        (60, 0, 0.5),
    ],
)
def test_recency(days, cadence, expected):
    assert recency_component(days, cadence) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("touchpoints", "window", "cadence", "expected"),
    [
        (0, 90, 14, 0.0),
        (6, 90, 14, 0.9333333),  # expected 90/14 = 6.43
        (3, 90, None, 1.0),  # expected 90/30 = 3
        (1, 90, 180, 1.0),  # expected at least 1
        (10, 90, 7, 0.7777778),  # expected 90/7 = 12.86
        (40, 90, 7, 1.0),  # capped at 1
    ],
)
def test_frequency(touchpoints, window, cadence, expected):
    assert frequency_component(touchpoints, window, cadence) == pytest.approx(expected)


def test_full_example():
    result = relationship_health(
        inputs(
            days_since_contact=21,
            cadence_days=14,
            touchpoints_in_window=3,
            mean_listening=4.0,
            mean_sentiment=1.0,
            gave=3,
            asked=1,
            mutual=2,
            follow_through=0.8,
        )
    )
    assert result.components == pytest.approx(
        {
            "recency": 0.7071068,
            "frequency": 0.4666667,
            "listening": 0.75,
            "sentiment": 0.75,
            "reciprocity": 0.6666667,
            "follow_through": 0.8,
        }
    )
    # 0.3×0.7071 + 0.2×0.4667 + 0.15×0.75 + 0.1×0.75 + 0.1×0.6667 + 0.15×0.8 = 0.67963
    assert result.score == pytest.approx(67.963, abs=1e-3)


def test_single_component_is_renormalised():
    result = relationship_health(inputs(mean_listening=5))
    assert result.score == pytest.approx(100.0)
    assert result.components == {"listening": 1.0}


def test_two_components_renormalised():
    result = relationship_health(inputs(mean_listening=2, follow_through=1.0))
    # (0.15 × 0.25 + 0.15 × 1.0) / 0.30 = 0.625
    assert result.score == pytest.approx(62.5)


def test_neutral_ratings_give_fifty():
    result = relationship_health(inputs(mean_listening=3, mean_sentiment=0))
    assert result.score == pytest.approx(50.0)


def test_never_contacted_drops_recency_and_frequency():
    result = relationship_health(inputs(cadence_days=14, follow_through=0.5))
    assert set(result.components) == {"follow_through"}
    assert result.score == pytest.approx(50.0)


def test_contacted_long_ago_has_zero_frequency():
    result = relationship_health(inputs(days_since_contact=200, cadence_days=30))
    assert result.components["frequency"] == 0.0
    # recency 0.5^(170/30) = 0.019686; (0.3 × 0.019686 + 0.2 × 0) / 0.5
    assert result.score == pytest.approx(1.1812, abs=1e-4)


def test_touchpoints_without_last_contact_still_count():
    result = relationship_health(inputs(touchpoints_in_window=3))
    assert result.components == {"frequency": 1.0}


@pytest.mark.parametrize(
    ("gave", "asked", "mutual", "expected"),
    [
        (0, 0, 4, 1.0),  # all mutual: balanced
        (4, 0, 0, 0.0),  # only giving
        (0, 2, 0, 0.0),  # only asking
        (2, 2, 0, 1.0),
        (3, 1, 0, 0.5),
        (1, 0, 1, 0.5),
    ],
)
def test_reciprocity(gave, asked, mutual, expected):
    result = relationship_health(inputs(gave=gave, asked=asked, mutual=mutual))
    assert result.components["reciprocity"] == pytest.approx(expected)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("mean_listening", 0.5),
        ("mean_listening", 5.5),
        ("mean_sentiment", 3),
        ("mean_sentiment", -2.1),
        ("follow_through", 1.2),
        ("follow_through", math.nan),
        ("gave", -1),
        ("asked", -1),
        ("mutual", -2),
        ("days_since_contact", -1),
        ("window_days", 0),
        ("touchpoints_in_window", -1),
        ("cadence_days", -3),
    ],
)
def test_out_of_range(field, value):
    with pytest.raises(ValueError, match=field):
        relationship_health(inputs(**{field: value}))


health_inputs = st.builds(
    HealthInputs,
    days_since_contact=st.none() | st.integers(0, 2000),
    cadence_days=st.none() | st.integers(0, 365),
    touchpoints_in_window=st.integers(0, 100),
    window_days=st.integers(1, 365),
    mean_listening=st.none() | st.floats(1, 5),
    mean_sentiment=st.none() | st.floats(-2, 2),
    gave=st.integers(0, 50),
    asked=st.integers(0, 50),
    mutual=st.integers(0, 50),
    follow_through=st.none() | st.floats(0, 1),
)


@given(health_inputs)
def test_bounds(data):
    result = relationship_health(data)
    assert set(result.components) <= set(HEALTH_WEIGHTS)
    assert all(0.0 <= value <= 1.0 for value in result.components.values())
    if result.components:
        assert 0.0 <= result.score <= 100.0
    else:
        assert result.score is None


@given(st.integers(0, 1000), st.integers(0, 1000), st.none() | st.integers(1, 120))
def test_recency_never_improves_with_time(a, b, cadence):
    early, late = sorted((a, b))
    assert recency_component(late, cadence) <= recency_component(early, cadence)
