"""Brand goals' progress against time (``insights.goal_series``)."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from advisor_planner.services import goals
from advisor_planner.services.insights import goal_series

D = date


# -- goals ------------------------------------------------------------------------------------
def test_goal_progress_and_time_elapsed(data):
    g1 = goals.create(
        title="Up", start_on=D(2026, 1, 1), target_on=D(2026, 6, 30), baseline=2, target=10
    )
    goals.add_checkpoint(goal_id=g1.id, recorded_on=D(2026, 3, 1), value=6)
    goals.add_checkpoint(goal_id=g1.id, recorded_on=D(2026, 2, 1), value=4)
    g2 = goals.create(title="Open-ended", start_on=D(2026, 1, 1))
    g3 = goals.create(
        title="Down", start_on=D(2026, 1, 1), target_on=D(2026, 3, 1), baseline=10, target=5
    )
    goals.add_checkpoint(goal_id=g3.id, recorded_on=D(2026, 2, 20), value=4)
    paused = goals.create(title="Paused", status="paused")
    result = goal_series.goal_progress()
    assert [g.goal_id for g in result] == [g3.id, g1.id, g2.id]  # by target day, none last
    down, up, open_ended = result
    assert up.latest == 6.0
    assert up.progress == pytest.approx((6 - 2) / (10 - 2))
    assert up.time_elapsed == pytest.approx(78 / 180)  # 1 Jan → 20 Mar of 1 Jan → 30 Jun
    assert up.checkpoints == [(D(2026, 2, 1), 4.0), (D(2026, 3, 1), 6.0)]
    assert down.progress == pytest.approx((4 - 10) / (5 - 10))  # 1.2: past the target
    assert down.time_elapsed == 1.0
    assert (open_ended.latest, open_ended.progress, open_ended.time_elapsed) == (None, None, None)
    assert paused.id in [g.goal_id for g in goal_series.goal_progress(status=None)]
    assert (up.start_on, up.target_on) == (D(2026, 1, 1), D(2026, 6, 30))

    path = goal_series.goal_trajectory(goal_id=g1.id)  # one goal, whatever its status
    assert path == up
    assert goal_series.goal_trajectory(goal_id=paused.id).title == "Paused"
    assert goal_series.goal_trajectory(goal_id=9999) is None
    # The goal window's preview of values not saved yet, by the same arithmetic.
    preview = goal_series.goal_path_preview(
        title=up.title,
        metric=up.metric,
        baseline=up.baseline,
        target=up.target,
        start_on=up.start_on,
        target_on=up.target_on,
        checkpoints=reversed(up.checkpoints),  # in any order
    )
    assert dataclasses.replace(preview, goal_id=up.goal_id) == up
