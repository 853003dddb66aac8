"""Sample data: a realistic, deterministic dataset for demos, screenshots and benchmarks.

``generate(size="small" | "large", seed=N)`` fills an empty database with one technology
leader's stakeholders, touchpoints, commitments, trust checks, feedback, brand goals,
reflections and initiatives. The same seed and the same ``today`` always give the same rows
(the only input from outside is the local time zone, which turns local meeting times into the
stored UTC moments).

Every table is written in bulk by ``writer.Writer``.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Callable
from datetime import date, datetime, timedelta
from itertools import accumulate
from typing import Any

from advisor_planner.demo.people import stakeholders, trust_checks
from advisor_planner.demo.phrases import (
    CHECKPOINT_NOTES,
    COMMITMENT_TEXTS,
    DIFFICULT,
    FEEDBACK_TEXTS,
    FOCUS_NOTES,
    GOAL_TEMPLATES,
    GOAL_TOPICS,
    HARD,
    LESSONS,
    MILESTONES,
    NOT_PRESENT,
    NOTE_CLOSINGS,
    NOTE_OPENINGS,
    PROJECTS,
    SUBJECTS,
    TOPICS,
    WINS,
)
from advisor_planner.demo.world import Plan, World, clamp, exact_mix, timestamp, weighted
from advisor_planner.demo.writer import Writer
from advisor_planner.domain import trust
from advisor_planner.domain.enums import (
    Channel,
    CommitmentStatus,
    FeedbackAspect,
    GoalStatus,
    InitiativeStatus,
    Initiator,
    Purpose,
    Reciprocity,
    TrustStage,
)
from advisor_planner.services import clock
from advisor_planner.services.errors import ValidationError
from advisor_planner.store import models as m

Progress = Callable[[str, int, int], None]

SIZES = ("small", "large")

PLANS = {
    "small": Plan(
        stakeholders=25,
        days=365,
        touchpoints=234,
        commitments=150,
        trust_checks=None,
        reflections=None,
        goals=3,
        initiatives=6,
        feedback=24,
        focus_people=8,
        archived_share=0.0,
        recent_commitment_share=0.05,
    ),
    "large": Plan(
        stakeholders=1000,
        days=3652,
        touchpoints=100_000,
        commitments=20_000,
        trust_checks=5000,
        reflections=520,
        goals=200,
        initiatives=300,
        feedback=3000,
        focus_people=30,
        archived_share=0.04,
        recent_commitment_share=0.006,
    ),
}

# -- proportions ------------------------------------------------------------------------------
# These stay in code, unlike the text (``phrases``): they shape the statistics the tests check,
# and the enum values they name are guarded below.
CHANNEL_WEIGHTS = (
    ("one_on_one", 30), ("meeting", 25), ("call", 10), ("email", 12), ("message", 8),
    ("informal", 10), ("workshop", 5),
)  # fmt: skip
# How many people take part, by channel: (1, 2, 3) weights. Overall about 1.5 per touchpoint.
PEOPLE_PER_CHANNEL = {
    "one_on_one": (1, 0, 0), "meeting": (0, 6, 4), "call": (9, 1, 0), "email": (8, 2, 0),
    "message": (1, 0, 0), "informal": (9, 1, 0), "workshop": (0, 1, 4),
}  # fmt: skip
PURPOSE_WEIGHTS = (
    ("listen", 24), ("inform", 22), ("decide", 14), ("difficult_conversation", 6),
    ("feedback", 8), ("celebrate", 6), ("help", 20),
)  # fmt: skip
STAGE_WEIGHTS = (("engage", 25), ("listen", 30), ("frame", 20), ("envision", 12), ("commit", 13))
RECIPROCITY_WEIGHTS = (("gave", 40), ("asked", 25), ("mutual", 35))
# The mix for commitments whose due day has passed.
CLOSED_MIX = (
    ("kept", 64.0), ("late", 17.0), ("broken", 8.0), ("renegotiated", 3.5),
    ("cancelled", 2.5), ("open", 5.0),
)  # fmt: skip
MOOD = {"unaware": 0.0, "resistant": -0.8, "neutral": 0.1, "supportive": 0.6, "leading": 0.9}

# Guard the enums the weight tables spell out, so a renamed value fails here, not in the UI.
assert {c for c, _ in CHANNEL_WEIGHTS} == set(Channel.values())
assert {p for p, _ in PURPOSE_WEIGHTS} == set(Purpose.values())
assert {s for s, _ in STAGE_WEIGHTS} == set(TrustStage.values())
assert {r for r, _ in RECIPROCITY_WEIGHTS} == set(Reciprocity.values())
assert {s for s, _ in CLOSED_MIX} == set(CommitmentStatus.values())


# -- touchpoints ------------------------------------------------------------------------------
def _week_allocation(world: World, total: int) -> list[tuple[date, int]]:
    """Spread ``total`` over the weeks of the history, quieter around the new year."""
    rng = world.rng
    monday = clock.week_start(world.start)
    weeks: list[date] = []
    while monday <= world.today:
        weeks.append(monday)
        monday += timedelta(days=7)
    weights = []
    for monday in weeks:
        w = 0.7 + 0.6 * rng.random()
        if (monday.month == 12 and monday.day > 20) or (monday.month == 1 and monday.day < 4):
            w *= 0.3
        if monday == weeks[-1]:  # the current week is only partly over
            w *= (min(5, (world.today - monday).days + 1)) / 5
        weights.append(w)
    scale = total / sum(weights)
    exact = [w * scale for w in weights]
    counts = [math.floor(x) for x in exact]
    missing = total - sum(counts)
    by_remainder = sorted(range(len(weeks)), key=lambda k: (counts[k] - exact[k], k))
    for k in by_remainder[:missing]:
        counts[k] += 1
    return list(zip(weeks, counts, strict=True))


def touchpoints(world: World) -> None:
    rng, plan, today = world.rng, world.plan, world.today
    people = world.people
    weights = [(30 / p.cadence) * (1.5 if p.focus else 1.0) for p in people]
    cum_all = list(accumulate(weights))
    cum_active = list(
        accumulate(0 if p.archived else w for p, w in zip(people, weights, strict=True))
    )
    archive_cutoff = world.start + timedelta(days=int(plan.days * 0.6))
    ids = list(range(1, len(people) + 1))

    slots: list[tuple[date, int, int]] = []
    for monday, count in _week_allocation(world, plan.touchpoints):
        last = min(6, (today - monday).days)
        for _ in range(count):
            if rng.random() < 0.03 and last >= 5:
                offset = rng.randint(5, last)
            else:
                offset = rng.randint(0, min(4, last))
            slots.append(
                (
                    monday + timedelta(days=offset),
                    rng.randint(8, 17),
                    rng.choice((0, 15, 30, 45)),
                )
            )
    slots.sort()
    n = len(slots)
    channels = weighted(rng, CHANNEL_WEIGHTS, n)
    purposes = weighted(rng, PURPOSE_WEIGHTS, n)
    stages = weighted(rng, STAGE_WEIGHTS, n)
    reciprocity = weighted(rng, RECIPROCITY_WEIGHTS, n)
    rows, link_rows = [], []
    for index, ((day, hour, minute), channel) in enumerate(zip(slots, channels, strict=True)):
        tid = index + 1
        size = rng.choices((1, 2, 3), PEOPLE_PER_CHANNEL[channel])[0]
        cum = cum_all if day < archive_cutoff else cum_active
        chosen: list[int] = []
        while len(chosen) < size:
            pid = rng.choices(ids, cum_weights=cum)[0]
            if pid not in chosen:
                chosen.append(pid)
        lead = people[chosen[0] - 1]
        has_time = not (channel == "informal" and rng.random() < 0.1)
        if has_time:
            at = world.utc(day, hour, minute)
            on = day
        else:
            at = clock.to_utc_naive(datetime(day.year, day.month, day.day))
            on = clock.local_day(at)
        at_text = at.isoformat(" ")
        frac = world.frac(day)
        mood = sum(MOOD[people[p - 1].engagement] for p in chosen) / size
        if lead.focus:
            mood += 1.2 * frac - 0.3
        template = rng.choice(SUBJECTS[channel])
        topic = rng.choice(TOPICS)
        rows.append(
            (
                tid,
                at_text,
                on.isoformat(),
                has_time,
                template.format(
                    first=lead.first,
                    unit=lead.unit,
                    topic=topic,
                    Topic=topic[:1].upper() + topic[1:],
                ),
                channel,
                purposes[index],
                None if channel in ("email", "message") and rng.random() < 0.3 else stages[index],
                clamp(3.3 + 0.9 * frac + rng.gauss(0, 0.8), 1, 5),
                clamp(mood + rng.gauss(0.3, 0.8), -2, 2),
                reciprocity[index],
                Initiator.ME.value if rng.random() < 0.62 else Initiator.THEM.value,
                rng.choice(NOTE_OPENINGS).format(first=lead.first, topic=topic)
                + rng.choice(NOTE_CLOSINGS),
                at_text,
                at_text,
            )
        )
        on_text = on.isoformat()
        for pid in chosen:
            link_rows.append((tid, pid, on_text, at_text, at_text))
        world.tp_days.append(on)
        world.tp_people.append(tuple(chosen))
        world.tp_moments.append(at_text)
    world.writer.insert(
        m.Touchpoint,
        (
            "id", "occurred_at", "occurred_on", "has_time", "subject", "channel", "purpose",
            "stage", "listening", "sentiment", "reciprocity", "initiated_by", "notes",
            "created_at", "updated_at",
        ),
        rows,
    )  # fmt: skip
    world.writer.insert(
        m.TouchpointStakeholder,
        ("touchpoint", "stakeholder", "occurred_on", "created_at", "updated_at"),
        link_rows,
    )
    world.counts["touchpoints"] = n


# -- commitments ------------------------------------------------------------------------------
def commitments(world: World) -> None:
    rng, today = world.rng, world.today
    days = world.tp_days
    n_tp = len(days)
    recent_from = bisect_left(days, today - timedelta(days=20))
    overdue_from = bisect_left(days, today - timedelta(days=120))
    # The mix is dealt exactly (then shuffled), so even 150 commitments show it faithfully.
    statuses = exact_mix(CLOSED_MIX, world.plan.commitments)
    rng.shuffle(statuses)
    rows = []
    for cid, mixed_status in enumerate(statuses, start=1):
        if rng.random() < world.plan.recent_commitment_share and recent_from < n_tp:
            index = rng.randrange(recent_from, n_tp)
        elif mixed_status == "open" and overdue_from < n_tp:
            # Promises still open are recent: nobody keeps a years-old one on the list.
            index = rng.randrange(overdue_from, n_tp)
        else:
            index = rng.randrange(n_tp)
        made = days[index]
        stakeholder = rng.choice(world.tp_people[index])
        person = world.people[stakeholder - 1]
        lead = rng.choice((1, 2, 3, 5, 7, 7, 10, 14, 14, 21, 30))
        due = made + timedelta(days=lead)
        improving = person.focus and rng.random() < 0.35 * world.frac(made)
        if due >= today:
            status = "kept" if rng.random() < 0.2 else "open"
        elif improving and mixed_status in ("late", "broken"):
            # Someone being worked on gets better follow-through as the year goes on.
            status = "kept"
        else:
            status = mixed_status
        if status == "open":
            closed = None
        elif status == "kept":
            closed = made + timedelta(days=rng.randint(0, lead))
            if rng.random() < 0.05:
                closed = due + timedelta(days=rng.randint(1, 3))
        elif status == "late":
            closed = due + timedelta(days=rng.randint(1, 14))
        elif status == "broken":
            closed = due + timedelta(days=rng.randint(3, 30))
        elif status == "renegotiated":
            closed = made + timedelta(days=rng.randint(0, lead + 5))
        else:  # cancelled
            closed = made + timedelta(days=rng.randint(0, lead))
        if closed is not None and closed > today:
            closed = today
        with_touchpoint = rng.random() < 0.92
        text = rng.choice(COMMITMENT_TEXTS).format(
            first=person.first, unit=person.unit, topic=rng.choice(TOPICS)
        )
        created = world.tp_moments[index]
        updated = timestamp(closed, 17) if closed else created
        rows.append(
            (
                cid,
                text,
                stakeholder,
                index + 1 if with_touchpoint else None,
                made.isoformat(),
                due.isoformat(),
                status,
                closed.isoformat() if closed else None,
                created,
                max(created, updated),
            )
        )
    world.writer.insert(
        m.Commitment,
        (
            "id", "text", "stakeholder", "touchpoint", "made_on", "due_on", "status",
            "closed_on", "created_at", "updated_at",
        ),
        rows,
    )  # fmt: skip
    world.counts["commitments"] = len(rows)


# -- feedback ---------------------------------------------------------------------------------
def feedback(world: World) -> None:
    rng = world.rng
    rows = []
    aspects = FeedbackAspect.values()
    for fid in range(1, world.plan.feedback + 1):
        index = rng.randrange(len(world.tp_days))
        day = world.tp_days[index]
        person = world.people[rng.choice(world.tp_people[index]) - 1]
        aspect = rng.choice(aspects)
        text = world.fill(rng.choice(FEEDBACK_TEXTS[aspect]), person)
        moment = timestamp(day, 19)
        rows.append((fid, person.id, day.isoformat(), text, aspect, moment, moment))
    rows.sort(key=lambda row: (row[2], row[0]))
    rows = [(k, *row[1:]) for k, row in enumerate(rows, start=1)]
    world.writer.insert(
        m.Feedback,
        ("id", "stakeholder", "received_on", "text", "aspect", "created_at", "updated_at"),
        rows,
    )
    world.counts["feedback"] = len(rows)


# -- brand goals ------------------------------------------------------------------------------
def goals(world: World) -> None:
    rng, plan, today = world.rng, world.plan, world.today
    focus = [p for p in world.people if p.focus]
    key = [p for p in world.people if p.key and not p.focus and not p.archived]
    goal_rows, audience_rows, checkpoint_rows, milestone_rows = [], [], [], []
    current = min(plan.goals, 3 if plan.goals <= 3 else max(3, plan.goals // 20))
    groups = [focus[k::current] for k in range(current)]
    checkpoint_id = milestone_id = 0
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
        # Monthly checkpoints moving from the baseline towards the target.
        reach = {"achieved": 1.0, "abandoned": 0.35, "paused": 0.5}.get(status, 1.0)
        day = start
        last = min(end, today)
        span = max(1, (end - start).days)
        while day <= last:
            frac = (day - start).days / span
            value = baseline + (target - baseline) * min(1.0, frac * reach * 1.05)
            value += rng.gauss(0, abs(target - baseline) * 0.08)
            checkpoint_id += 1
            moment = timestamp(day, 17)
            checkpoint_rows.append(
                (checkpoint_id, gid, day.isoformat(), round(value, 1),
                 rng.choice(CHECKPOINT_NOTES), moment, moment)
            )  # fmt: skip
            day += timedelta(days=rng.randint(26, 35))
        titles = sorted(rng.sample(range(len(MILESTONES)), rng.randint(2, 4)))
        for k, title_index in enumerate(titles, start=1):
            due = start + timedelta(days=span * k // (len(titles) + 1))
            done = None
            if due <= today and rng.random() < 0.85:
                done = min(today, due + timedelta(days=rng.randint(-10, 14)))
                done = max(done, start)
            milestone_id += 1
            milestone_rows.append(
                (milestone_id, gid, MILESTONES[title_index], due.isoformat(),
                 done.isoformat() if done else None, created, created)
            )  # fmt: skip
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
def initiatives(world: World) -> None:
    rng, plan, today = world.rng, world.plan, world.today
    checked = [p for p in world.people if p.checks]
    # (id, name, unit, sponsor, start, end, status, people, mean trust score 0-1)
    drafts: list[list[Any]] = []
    for iid in range(1, plan.initiatives + 1):
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
        else:
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
        drafts.append([iid, name, sponsor.unit, sponsor.id, start, end, status, team, mean])
    finished = [d for d in drafts if d[6] == InitiativeStatus.FINISHED.value and d[8] is not None]
    values = [d[8] for d in finished]
    mean_all = sum(values) / len(values) if values else 0.0
    sd = math.sqrt(sum((x - mean_all) ** 2 for x in values) / len(values)) if values else 0.0
    rows, link_rows = [], []
    for iid, name, unit, sponsor, start, end, status, team, score in drafts:
        outcome: tuple[Any, ...] = (None, None, None, None, None, None)
        if status == InitiativeStatus.FINISHED.value and score is not None:
            z = (score - mean_all) / sd if sd > 1e-9 else 0.0
            z = max(-2.5, min(2.5, z))
            outcome = (
                round(max(1.0, min(5.0, 3.3 + 0.75 * z + rng.gauss(0, 0.45))), 1),
                rng.random() < 1 / (1 + math.exp(-(0.3 + 1.4 * z))),
                rng.random() < 1 / (1 + math.exp(-(0.1 + 1.2 * z))),
                max(0, round(18 - 7 * z + rng.gauss(0, 5))),
                float(max(0, round((60 - 22 * z + rng.gauss(0, 10)) * 1000, -2))),
                round(max(0.0, min(100.0, 68 + 13 * z + rng.gauss(0, 7))), 1),
            )
        created = timestamp(start, 9)
        updated = timestamp(min(end, today), 17) if status != "planned" else created
        rows.append(
            (
                iid, name, unit, sponsor, start.isoformat(), end.isoformat(), status,
                *outcome, "", created, max(created, updated),
            )
        )  # fmt: skip
        for pid in sorted({p.id for p in team}):
            link_rows.append((iid, pid, created, created))
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


def _run(world: World, progress: Progress | None) -> dict[str, int]:
    stages = (
        ("stakeholders", stakeholders),
        ("touchpoints", touchpoints),
        ("commitments", commitments),
        ("trust checks", trust_checks),
        ("feedback", feedback),
        ("goals", goals),
        ("reflections", reflections),
        ("initiatives", initiatives),
    )
    for done, (name, stage) in enumerate(stages):
        if progress is not None:
            progress(name, done, len(stages))
        stage(world)
    if progress is not None:
        progress("done", len(stages), len(stages))
    return world.counts


def generate(
    *,
    size: str = "small",
    seed: int = 0,
    today: date | None = None,
    progress: Progress | None = None,
) -> dict[str, int]:
    """Write a demo dataset into the bound (empty) database; return the rows written per kind.

    ``size`` is "small" (about 25 people over a year) or "large" (1,000 people, 100,000
    touchpoints over ten years). The same ``seed`` and ``today`` always give the same data.
    ``progress(stage, done, total)`` is called before each stage with the stages done so far,
    and once more as ``("done", total, total)``. Refuses a database that already holds
    stakeholders, so demo data never mixes with real data. Everything is written in one
    transaction: a failure leaves the database as it was.
    """
    if size not in PLANS:
        raise ValidationError("size", f"'{size}' is not one of: {', '.join(SIZES)}")
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise ValidationError("seed", "must be a whole number")
    day = today or clock.today()
    db = m.database.obj
    if db is None:
        raise RuntimeError("No database is open; call store.opening.init_db first.")
    if m.Stakeholder.select().exists():
        raise ValidationError(
            "database",
            "already holds stakeholders; demo data is written only into an empty database",
        )
    with db.atomic():
        counts = _run(World(PLANS[size], seed, day, Writer(db)), progress)
    order = (
        "stakeholders", "touchpoints", "commitments", "trust_checks", "feedback", "goals",
        "goal_checkpoints", "milestones", "reflections", "initiatives",
    )  # fmt: skip
    return {name: counts.get(name, 0) for name in order}
