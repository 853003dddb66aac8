"""The demo's growth: brand goals, weekly reflections and initiatives.

``goals`` writes a few current goals aimed at the people "being worked on" (and, for the large
set, past ones), each with monthly checkpoints from baseline towards target and a handful of
milestones, and keeps their spans on the ``World``; ``reflections`` writes nearly every past
week's reflection, its ratings rising over the history; ``initiatives`` writes projects whose
outcomes follow the mean trust of the people in them, as the trust-and-outcomes chart expects.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import date, timedelta

from advisor_planner.demo.phrases import (
    CHECKPOINT_NOTES,
    DIFFICULT,
    FOCUS_NOTES,
    GOAL_TEMPLATES,
    GOAL_TOPICS,
    HARD,
    LESSONS,
    MILESTONES,
    NOT_PRESENT,
    PROJECTS,
    WINS,
)
from advisor_planner.demo.world import Person, World, clamp, timestamp
from advisor_planner.demo.writer import Row
from advisor_planner.domain import trust
from advisor_planner.domain.enums import GoalStatus, InitiativeStatus
from advisor_planner.services import clock
from advisor_planner.store import models as m


# -- brand goals ------------------------------------------------------------------------------
def _checkpoints(
    world: World,
    gid: int,
    span: tuple[date, date],
    status: str,
    path: tuple[float, float],
    last_id: int,
) -> list[Row]:
    """Monthly checkpoints moving from the baseline towards the target (numbered after
    ``last_id``), as far as the goal's status says it got."""
    rng = world.rng
    start, end = span
    baseline, target = path
    rows: list[Row] = []
    reach = {"achieved": 1.0, "abandoned": 0.35, "paused": 0.5}.get(status, 1.0)
    day = start
    last = min(end, world.today)
    days = max(1, (end - start).days)
    while day <= last:
        frac = (day - start).days / days
        value = baseline + (target - baseline) * min(1.0, frac * reach * 1.05)
        value += rng.gauss(0, abs(target - baseline) * 0.08)
        moment = timestamp(day, 17)
        rows.append(
            (last_id + len(rows) + 1, gid, day.isoformat(), round(value, 1),
             rng.choice(CHECKPOINT_NOTES), moment, moment)
        )  # fmt: skip
        day += timedelta(days=rng.randint(26, 35))
    return rows


def _milestones(
    world: World, gid: int, span: tuple[date, date], created: str, last_id: int
) -> list[Row]:
    """Two to four milestones spread over the goal, most of the past ones done."""
    rng, today = world.rng, world.today
    start, end = span
    days = max(1, (end - start).days)
    rows: list[Row] = []
    titles = sorted(rng.sample(range(len(MILESTONES)), rng.randint(2, 4)))
    for k, title_index in enumerate(titles, start=1):
        due = start + timedelta(days=days * k // (len(titles) + 1))
        done = None
        if due <= today and rng.random() < 0.85:
            done = min(today, due + timedelta(days=rng.randint(-10, 14)))
            done = max(done, start)
        rows.append(
            (last_id + k, gid, MILESTONES[title_index], due.isoformat(),
             done.isoformat() if done else None, created, created)
        )  # fmt: skip
    return rows


def _write_goals(
    world: World,
    goal_rows: list[Row],
    audience_rows: list[Row],
    checkpoint_rows: list[Row],
    milestone_rows: list[Row],
) -> None:
    world.writer.insert(
        m.BrandGoal,
        (
            "id", "title", "statement", "trust_factor", "start_on", "target_on", "status",
            "metric", "baseline", "target", "created_at", "updated_at",
        ),
        goal_rows,
    )  # fmt: skip
    world.writer.insert(
        m.GoalAudience, ("goal", "stakeholder", "created_at", "updated_at"), audience_rows
    )
    world.writer.insert(
        m.GoalCheckpoint,
        ("id", "goal", "recorded_on", "value", "note", "created_at", "updated_at"),
        checkpoint_rows,
    )
    world.writer.insert(
        m.GoalMilestone,
        ("id", "goal", "title", "due_on", "done_on", "created_at", "updated_at"),
        milestone_rows,
    )
    world.counts["goals"] = len(goal_rows)
    world.counts["goal_checkpoints"] = len(checkpoint_rows)
    world.counts["milestones"] = len(milestone_rows)


def goals(world: World) -> None:
    rng, plan, today = world.rng, world.plan, world.today
    focus = [p for p in world.people if p.focus]
    key = [p for p in world.people if p.key and not p.focus and not p.archived]
    goal_rows: list[Row] = []
    audience_rows: list[Row] = []
    checkpoint_rows: list[Row] = []
    milestone_rows: list[Row] = []
    current = min(plan.goals, 3 if plan.goals <= 3 else max(3, plan.goals // 20))
    groups = [focus[k::current] for k in range(current)]
    for gid in range(1, plan.goals + 1):
        is_current = gid > plan.goals - current
        if is_current:
            start = today - timedelta(days=rng.randint(240, 330))
            end = today + timedelta(days=rng.randint(30, 120))
            audience = list(groups[gid - (plan.goals - current) - 1])
            if key and rng.random() < 0.5:
                audience.append(rng.choice(key))
        else:
            latest = (today - timedelta(days=400)) - world.start
            start = world.start + timedelta(days=rng.randint(0, max(1, latest.days)))
            end = start + timedelta(days=rng.randint(120, 420))
            pool = [p for p in world.people if p.key] or world.people
            audience = rng.sample(pool, min(len(pool), rng.randint(2, 5)))
        lead = audience[0] if audience else rng.choice(world.people)
        title, factor, statement, metric, baseline, target = GOAL_TEMPLATES[
            (gid - 1) % len(GOAL_TEMPLATES) if is_current else rng.randrange(len(GOAL_TEMPLATES))
        ]
        fill = {"unit": lead.unit, "topic": rng.choice(GOAL_TOPICS)}
        if end <= today:
            status = rng.choices(
                (
                    GoalStatus.ACHIEVED.value,
                    GoalStatus.ABANDONED.value,
                    GoalStatus.PAUSED.value,
                ),
                (6, 2, 1),
            )[0]
        else:
            status = GoalStatus.ACTIVE.value
        created = timestamp(start, 9)
        goal_rows.append(
            (
                gid, title.format(**fill), statement.format(**fill), factor.value,
                start.isoformat(), end.isoformat(), status, metric.format(**fill),
                float(baseline), float(target), created, created,
            )
        )  # fmt: skip
        for person in sorted({p.id for p in audience}):
            audience_rows.append((gid, person, created, created))
        world.goal_spans.append((gid, start, end, tuple(sorted({p.id for p in audience}))))
        checkpoint_rows += _checkpoints(
            world, gid, (start, end), status, (baseline, target), len(checkpoint_rows)
        )
        milestone_rows += _milestones(world, gid, (start, end), created, len(milestone_rows))
    _write_goals(world, goal_rows, audience_rows, checkpoint_rows, milestone_rows)


# -- reflections ------------------------------------------------------------------------------
def reflections(world: World) -> None:
    rng, today = world.rng, world.today
    # Weeks that are over (their Sunday has passed), newest first.
    monday = clock.week_start(today) - timedelta(days=7)
    history_weeks = max(1, (monday - clock.week_start(world.start)).days // 7 + 1)
    wanted = world.plan.reflections
    if wanted is None:
        skip = rng.randint(3, 6)
        weeks = [monday - timedelta(days=7 * k) for k in range(min(52, history_weeks))]
        weeks = sorted(rng.sample(weeks, max(0, len(weeks) - skip)))
    else:
        available = max(wanted, history_weeks)
        weeks = [monday - timedelta(days=7 * k) for k in range(available)]
        weeks = sorted(rng.sample(weeks, wanted))
    focus = [p for p in world.people if p.focus] or world.people
    rows, people_rows, goal_rows = [], [], []
    first = weeks[0] if weeks else today
    span = max(1, (weeks[-1] - first).days) if weeks else 1
    for rid, week_monday in enumerate(weeks, start=1):
        growth = (week_monday - first).days / span
        person = rng.choice(focus)
        ratings = [clamp(2.4 + 1.6 * growth + rng.gauss(0, 0.7), 1, 5) for _ in range(5)]
        finished = week_monday + timedelta(days=rng.choice((4, 4, 4, 5, 6)))
        completed = world.utc(finished, rng.randint(15, 18), rng.choice((0, 15, 30, 45)))
        moment = completed.isoformat(" ")
        rows.append(
            (
                rid,
                clock.iso_week(week_monday),
                world.fill(rng.choice(WINS), person),
                world.fill(rng.choice(HARD), person),
                world.fill(rng.choice(NOT_PRESENT), person),
                world.fill(rng.choice(DIFFICULT), person),
                world.fill(rng.choice(LESSONS), person),
                world.fill(rng.choice(FOCUS_NOTES), person),
                "{}",
                *ratings,
                clamp(rng.gauss(3.4, 0.9), 1, 5),
                moment,
                moment,
                moment,
            )
        )
        chosen = {person.id}
        for _ in range(rng.randint(0, 2)):
            chosen.add(rng.choice(focus).id)
        for pid in sorted(chosen):
            people_rows.append((rid, pid, moment, moment))
        active = [g for g in world.goal_spans if g[1] <= week_monday <= g[2]]
        if active and rng.random() < 0.5:
            goal_rows.append((rid, rng.choice(active)[0], moment, moment))
    world.writer.insert(
        m.Reflection,
        (
            "id", "week", "wins", "hard", "not_present", "difficult_conversations", "lessons",
            "focus_note", "answers", "self_awareness", "self_regulation", "motivation",
            "empathy", "social_skill", "energy", "completed_at", "created_at", "updated_at",
        ),
        rows,
    )  # fmt: skip
    world.writer.insert(
        m.ReflectionFocusStakeholder,
        ("reflection", "stakeholder", "created_at", "updated_at"),
        people_rows,
    )
    world.writer.insert(
        m.ReflectionFocusGoal, ("reflection", "goal", "created_at", "updated_at"), goal_rows
    )
    world.counts["reflections"] = len(rows)


# -- initiatives ------------------------------------------------------------------------------
@dataclass(slots=True)
class _Draft:
    """An initiative before its outcome: outcomes are drawn against every draft's trust."""

    id: int
    name: str
    unit: str
    sponsor: int
    start: date
    end: date
    status: str
    team: list[Person]
    mean_trust: float | None  # the team's mean trust (0-1) when it ended, as far as known


def _dates_and_status(world: World, iid: int) -> tuple[date, date, str]:
    rng, plan, today = world.rng, world.plan, world.today
    if plan.initiatives <= 6:
        # One running now, the rest finished during the year.
        if iid == plan.initiatives:
            status = InitiativeStatus.ACTIVE.value
            start = today - timedelta(days=rng.randint(60, 150))
            end = today + timedelta(days=rng.randint(60, 180))
        else:
            status = InitiativeStatus.FINISHED.value
            end = today - timedelta(days=rng.randint(20, 200))
            start = end - timedelta(days=rng.randint(90, 200))
        return start, end, status
    start = world.start + timedelta(days=rng.randint(0, plan.days + 60))
    end = start + timedelta(days=rng.randint(90, 540))
    if start > today:
        status = InitiativeStatus.PLANNED.value
    elif end > today:
        status = InitiativeStatus.ACTIVE.value
    elif rng.random() < 0.06:
        status = InitiativeStatus.CANCELLED.value
    else:
        status = InitiativeStatus.FINISHED.value
    return start, end, status


def _draft(world: World, iid: int, checked: list[Person]) -> _Draft:
    """Initiative ``iid``: its dates, a sponsor and team among people with trust checks by
    then, and their mean trust when it ended."""
    rng = world.rng
    start, end, status = _dates_and_status(world, iid)
    known = [p for p in checked if p.checks[0][0] <= end]
    pool = known if len(known) >= 3 else world.people
    same_unit = [p for p in pool if p.key] or pool
    sponsor = rng.choice(same_unit)
    others = rng.sample(pool, min(len(pool), rng.randint(2, 4)))
    team = [sponsor] + [p for p in others if p.id != sponsor.id]
    scores = []
    for p in team:
        before = [q for d, q in p.checks if d <= end]
        if before:
            scores.append(trust.trust_scale_100(before[-1]) / 100)
    mean = sum(scores) / len(scores) if scores else None
    name = PROJECTS[(iid - 1) % len(PROJECTS)]
    if iid > len(PROJECTS):
        name = f"{name} wave {(iid - 1) // len(PROJECTS) + 1}"
    return _Draft(iid, name, sponsor.unit, sponsor.id, start, end, status, team, mean)


def _outcome(rng: random.Random, z: float) -> Row:
    """User satisfaction, on time, on budget, defects, change orders and adoption of a finished
    initiative whose team's trust lies ``z`` standard deviations from the others'."""
    return (
        round(max(1.0, min(5.0, 3.3 + 0.75 * z + rng.gauss(0, 0.45))), 1),
        rng.random() < 1 / (1 + math.exp(-(0.3 + 1.4 * z))),
        rng.random() < 1 / (1 + math.exp(-(0.1 + 1.2 * z))),
        max(0, round(18 - 7 * z + rng.gauss(0, 5))),
        float(max(0, round((60 - 22 * z + rng.gauss(0, 10)) * 1000, -2))),
        round(max(0.0, min(100.0, 68 + 13 * z + rng.gauss(0, 7))), 1),
    )


def initiatives(world: World) -> None:
    rng, today = world.rng, world.today
    checked = [p for p in world.people if p.checks]
    drafts = [_draft(world, iid, checked) for iid in range(1, world.plan.initiatives + 1)]
    values = [
        d.mean_trust
        for d in drafts
        if d.status == InitiativeStatus.FINISHED.value and d.mean_trust is not None
    ]
    mean_all = sum(values) / len(values) if values else 0.0
    sd = math.sqrt(sum((x - mean_all) ** 2 for x in values) / len(values)) if values else 0.0
    rows: list[Row] = []
    link_rows: list[Row] = []
    for d in drafts:
        outcome: Row = (None, None, None, None, None, None)
        if d.status == InitiativeStatus.FINISHED.value and d.mean_trust is not None:
            z = (d.mean_trust - mean_all) / sd if sd > 1e-9 else 0.0
            outcome = _outcome(rng, max(-2.5, min(2.5, z)))
        created = timestamp(d.start, 9)
        updated = timestamp(min(d.end, today), 17) if d.status != "planned" else created
        rows.append(
            (
                d.id, d.name, d.unit, d.sponsor, d.start.isoformat(), d.end.isoformat(),
                d.status, *outcome, "", created, max(created, updated),
            )
        )  # fmt: skip
        for pid in sorted({p.id for p in d.team}):
            link_rows.append((d.id, pid, created, created))
    world.writer.insert(
        m.Initiative,
        (
            "id", "name", "business_unit", "sponsor", "start_on", "end_on", "status",
            "user_satisfaction", "on_time", "on_budget", "defect_count",
            "change_order_amount", "adoption", "notes", "created_at", "updated_at",
        ),
        rows,
    )  # fmt: skip
    world.writer.insert(
        m.InitiativeStakeholder,
        ("initiative", "stakeholder", "created_at", "updated_at"),
        link_rows,
    )
    world.counts["initiatives"] = len(rows)
