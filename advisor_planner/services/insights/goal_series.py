"""Brand goals: each goal's progress from baseline to target beside the time gone, and one
goal's whole path of checkpoints."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from peewee import JOIN, ModelSelect

from advisor_planner.domain import goal_progress as goal_rules
from advisor_planner.services import clock
from advisor_planner.services.insights.query import (
    Row,
    as_date,
    as_optional_date,
    cached_rows,
    query_rows,
)
from advisor_planner.store import models as m


@dataclass(frozen=True, slots=True)
class GoalProgress:
    goal_id: int
    title: str
    metric: str
    baseline: float | None
    target: float | None
    latest: float | None
    progress: float | None  # share of the way from baseline to target, 0..1 (may exceed 1)
    time_elapsed: float | None  # share of the time from start to target day, 0..1
    checkpoints: list[tuple[date, float]]
    start_on: date | None = None
    target_on: date | None = None


def goal_progress(
    *, today: date | None = None, status: str | None = "active", until: date | None = None
) -> list[GoalProgress]:
    """Each goal's progress (those of ``status``; None: all), its time gone as of ``today``.

    ``until`` leaves out the checkpoints recorded after it, so a report on an earlier period
    reads each goal as it stood then.
    """
    rows = cached_rows(("goal_progress", status), lambda: _goal_progress_query(status))
    return _progress_of(rows, today or clock.today(), until)


def on_track_tally(goals: Iterable[GoalProgress]) -> tuple[int, int]:
    """How many of ``goals`` are on track (``domain.goal_progress.on_track``), and of how many
    that can be judged (a baseline, a target, a checkpoint and dates)."""
    states = [goal_rules.on_track(g.progress, g.time_elapsed) for g in goals]
    judged = [state for state in states if state is not None]
    return sum(judged), len(judged)


def goal_trajectory(*, goal_id: int, today: date | None = None) -> GoalProgress | None:
    """One goal's progress with every checkpoint, for the chart of its path to the target
    (None when there is no such goal)."""
    rows = query_rows(_goal_progress_query(None).where(m.BrandGoal.id == goal_id))
    found = _progress_of(rows, today or clock.today())
    return found[0] if found else None


def goal_path_preview(
    *,
    title: str,
    metric: str,
    baseline: float | None,
    target: float | None,
    start_on: date | None,
    target_on: date | None,
    checkpoints: Iterable[tuple[date, float]],
    today: date | None = None,
) -> GoalProgress:
    """A goal's path from values not saved yet (the goal window, while checkpoints wait for
    its Save), by the same arithmetic as ``goal_trajectory``."""
    head = (0, title, metric, baseline, target, start_on, target_on)
    points = sorted(checkpoints)
    rows: list[Row] = [(*head, day, value) for day, value in points] or [(*head, None, None)]
    return _progress_of(rows, today or clock.today())[0]


def _progress_of(rows: Iterable[Row], today: date, until: date | None = None) -> list[GoalProgress]:
    goals: list[Row] = []
    points: dict[int, list[tuple[date, float]]] = defaultdict(list)
    for row in rows:
        goal_id, checkpoint_on, checkpoint_value = row[0], row[7], row[8]
        if not goals or goals[-1][0] != goal_id:
            goals.append(row[:5] + (as_optional_date(row[5]), as_optional_date(row[6])))
        if checkpoint_on is not None:
            day = as_date(checkpoint_on)
            if until is None or day <= until:
                points[goal_id].append((day, checkpoint_value))
    result = []
    for goal_id, title, metric, baseline, target, start_on, target_on in goals:
        series = points.get(goal_id, [])
        latest = series[-1][1] if series else None
        progress = goal_rules.share_of_the_way(baseline, target, latest)
        elapsed = None
        if target_on and start_on and target_on > start_on:
            elapsed = min(1.0, max(0.0, (today - start_on).days / (target_on - start_on).days))
        result.append(
            GoalProgress(
                goal_id, title, metric, baseline, target, latest, progress, elapsed, series,
                start_on, target_on,
            )
        )  # fmt: skip
    return result


def _goal_progress_query(status: str | None) -> ModelSelect[m.BrandGoal]:
    g, cp = m.BrandGoal, m.GoalCheckpoint
    query = (
        g.select(
            g.id,
            g.title,
            g.metric,
            g.baseline,
            g.target,
            g.start_on,
            g.target_on,
            cp.recorded_on,
            cp.value,
        )
        .join(cp, JOIN.LEFT_OUTER, on=(cp.goal == g.id))
        .order_by(g.target_on.is_null(), g.target_on, g.id, cp.recorded_on, cp.id)
    )
    return query.where(g.status == status) if status else query
