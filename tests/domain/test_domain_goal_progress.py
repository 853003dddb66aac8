"""A goal's share of the way from baseline to target, and whether it is on track."""

from __future__ import annotations

import pytest

from advisor_planner.domain.goal_progress import on_track, share_of_the_way


def test_share_of_the_way_runs_from_the_baseline_to_the_target_either_way() -> None:
    assert share_of_the_way(2, 10, 2) == 0
    assert share_of_the_way(2, 10, 6) == pytest.approx(0.5)
    assert share_of_the_way(2, 10, 12) == pytest.approx(1.25)  # past the target
    assert share_of_the_way(10, 5, 4) == pytest.approx(1.2)  # a target below the baseline
    assert share_of_the_way(10, 5, 11) == pytest.approx(-0.2)  # moved the wrong way
    assert share_of_the_way(None, 10, 6) is None
    assert share_of_the_way(2, None, 6) is None
    assert share_of_the_way(2, 10, None) is None
    assert share_of_the_way(4, 4, 4) is None  # no way to go


def test_on_track_allows_five_points_behind_the_time_gone() -> None:
    assert on_track(0.45, 0.5) is True
    assert on_track(0.44, 0.5) is False
    assert on_track(None, 0.5) is None and on_track(0.5, None) is None
