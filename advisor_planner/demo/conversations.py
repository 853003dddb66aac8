"""The demo's conversations: touchpoints, the commitments made in them, and feedback received.

``touchpoints`` spreads the plan's touchpoints over the weeks of the history (quieter around the
new year), picks who takes part by how often each person should be seen, and keeps each
touchpoint's day, people and moment on the ``World``; ``commitments`` and ``feedback`` hang off
those touchpoints. The proportions (channels, purposes, stages, how commitments end) are here
in code, unlike the text (``phrases``): they shape the statistics the tests check, and the enum
values they name are guarded on import.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from datetime import date, datetime, timedelta
from itertools import accumulate

from advisor_planner.demo.phrases import (
    COMMITMENT_TEXTS,
    FEEDBACK_TEXTS,
    NOTE_CLOSINGS,
    NOTE_OPENINGS,
    SUBJECTS,
    TOPICS,
)
from advisor_planner.demo.world import World, clamp, exact_mix, timestamp, weighted
from advisor_planner.demo.writer import Row
from advisor_planner.domain.enums import (
    Channel,
    CommitmentStatus,
    FeedbackAspect,
    Initiator,
    Purpose,
    Reciprocity,
    TrustStage,
)
from advisor_planner.services import clock
from advisor_planner.store import models as m

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


def _slots(world: World) -> list[tuple[date, int, int]]:
    """Each touchpoint's (day, hour, minute), in order: weekdays mostly, office hours."""
    rng, today = world.rng, world.today
    slots: list[tuple[date, int, int]] = []
    for monday, count in _week_allocation(world, world.plan.touchpoints):
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
    return slots


def _write_touchpoints(world: World, rows: list[Row], link_rows: list[Row]) -> None:
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
    world.counts["touchpoints"] = len(rows)


def touchpoints(world: World) -> None:
    rng, plan = world.rng, world.plan
    people = world.people
    weights = [(30 / p.cadence) * (1.5 if p.focus else 1.0) for p in people]
    cum_all = list(accumulate(weights))
    cum_active = list(
        accumulate(0 if p.archived else w for p, w in zip(people, weights, strict=True))
    )
    archive_cutoff = world.start + timedelta(days=int(plan.days * 0.6))
    ids = list(range(1, len(people) + 1))

    slots = _slots(world)
    n = len(slots)
    channels = weighted(rng, CHANNEL_WEIGHTS, n)
    purposes = weighted(rng, PURPOSE_WEIGHTS, n)
    stages = weighted(rng, STAGE_WEIGHTS, n)
    reciprocity = weighted(rng, RECIPROCITY_WEIGHTS, n)
    rows: list[Row] = []
    link_rows: list[Row] = []
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
    _write_touchpoints(world, rows, link_rows)


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
