"""The demo's people: who the stakeholders are, and how their trust in me moves over the years.

``stakeholders`` writes the people (names, roles, power and interest, engagement, tags) and
keeps each one's starting trust factors on the ``World``; ``trust_checks`` writes the checks,
improving over the last year for the people "being worked on" and drifting for the rest, and
keeps each person's trust quotients, which the initiatives' outcomes follow.
"""

from __future__ import annotations

from datetime import date, timedelta

from advisor_planner.demo.phrases import (
    COMPANY,
    FIRST_NAMES,
    LAST_NAMES,
    PARTNER_TITLES,
    PARTNERS,
    SMALL_ROSTER,
    STAKEHOLDER_NOTES,
    TAGS,
    TITLES,
    TRUST_NOTES,
    UNITS,
)
from advisor_planner.demo.world import Person, World, clamp, timestamp
from advisor_planner.demo.writer import Row
from advisor_planner.domain import trust
from advisor_planner.domain.enums import Engagement, StakeholderKind, TrustSource
from advisor_planner.domain.stakeholder_map import KEY_THRESHOLD
from advisor_planner.store import models as m

# Who a trust check's reading comes from, and how often.
SOURCES = (
    TrustSource.MY_ESTIMATE.value,
    TrustSource.THEIR_FEEDBACK.value,
    TrustSource.MENTOR.value,
)
SOURCE_WEIGHTS = (75, 15, 10)


# -- stakeholders -----------------------------------------------------------------------------
Role = tuple[str, str | None, int]  # business unit, title (None: a partner's), seniority


def _roles(world: World, n: int) -> list[Role]:
    """The small roster as it stands; for more people, units and titles drawn by seniority."""
    rng = world.rng
    if n <= len(SMALL_ROSTER):
        return [SMALL_ROSTER[i] for i in range(n)]
    roles: list[Role] = []
    for _ in range(n):
        unit = rng.choice(UNITS)
        if rng.random() < 0.06:
            roles.append((unit, None, rng.choice((1, 2))))
        else:
            title, seniority = rng.choices(
                TITLES[unit],
                weights=[{3: 1, 2: 4, 1: 12}[s] for _, s in TITLES[unit]],
            )[0]
            roles.append((unit, title, seniority))
    return roles


def _stakeholder(
    world: World, i: int, combo: int, role: Role, in_focus: bool, created: str
) -> tuple[Row, Person]:
    """The row of person ``i`` (named by ``combo``), and the person as later stages see them."""
    rng = world.rng
    first = FIRST_NAMES[combo // len(LAST_NAMES)]
    last = LAST_NAMES[combo % len(LAST_NAMES)]
    unit, title, seniority = role
    external = title is None
    if external:
        title = rng.choice(PARTNER_TITLES)
        organisation = rng.choice(PARTNERS)
    else:
        organisation = COMPANY
    power = clamp(seniority + 1.5 + rng.gauss(0, 0.7), 1, 5)
    interest = clamp(rng.gauss(3.2, 1.1), 1, 5)
    engagement = Engagement.values()
    if in_focus:
        power, interest = max(power, 4), max(interest, 3)
        current = rng.choice(("resistant", "neutral", "neutral"))
        desired = rng.choice(("supportive", "leading"))
    else:
        current = rng.choices(engagement, weights=(1, 2, 5, 6, 2))[0]
        step = 1 if rng.random() < 0.3 else 0
        desired = engagement[min(4, engagement.index(current) + step)]
    key = power * interest >= KEY_THRESHOLD
    cadence = rng.choice((7, 14) if key else (30, 30, 60) if power >= 3 else (60, 90))
    archived = rng.random() < world.plan.archived_share
    email_local = f"{first}.{last}".lower().replace("'", "")
    domain = "example.com" if not external else "partner.example.com"
    row = (
        i + 1, f"{first} {last}", title, organisation, unit,
        StakeholderKind.EXTERNAL.value if external else StakeholderKind.INTERNAL.value,
        f"{email_local}@{domain}", f"+44 20 7946 0{rng.randrange(1000):03d}",
        rng.choice(STAKEHOLDER_NOTES), power, interest, current, desired, cadence, archived,
        created, created,
    )  # fmt: skip
    person = Person(i + 1, first, unit, power, interest, current, archived, cadence, in_focus)
    if person.focus:
        person.base = (
            rng.uniform(3, 5), rng.uniform(3, 5), rng.uniform(2.5, 4.5), rng.uniform(6, 8)
        )  # fmt: skip
    else:
        person.base = (
            rng.uniform(4.5, 8.5), rng.uniform(4, 8.5), rng.uniform(3.5, 8),
            rng.uniform(2.5, 6),
        )  # fmt: skip
    return row, person


def stakeholders(world: World) -> None:
    rng, plan = world.rng, world.plan
    n = plan.stakeholders
    combos = rng.sample(range(len(FIRST_NAMES) * len(LAST_NAMES)), n)
    roles = _roles(world, n)
    # The people being worked on: senior, engaged less than I need them to be.
    senior = [i for i, (_, title, s) in enumerate(roles) if title and s >= 2]
    focus = set(rng.sample(senior, min(plan.focus_people, len(senior))))
    rows: list[Row] = []
    tag_rows: list[Row] = []
    tag_names: dict[str, int] = {}
    created = timestamp(world.start - timedelta(days=30), 9)
    for i, combo in enumerate(combos):
        row, person = _stakeholder(world, i, combo, roles[i], i in focus, created)
        rows.append(row)
        world.people.append(person)
        for tag in sorted(rng.sample(TAGS, rng.choices((0, 1, 2, 3), (3, 4, 2, 1))[0])):
            tag_id = tag_names.setdefault(tag, len(tag_names) + 1)
            tag_rows.append((i + 1, tag_id, created, created))
    world.writer.insert(
        m.Stakeholder,
        (
            "id", "name", "title", "organisation", "business_unit", "kind", "email", "phone",
            "notes", "power", "interest", "engagement_current", "engagement_desired",
            "cadence_days", "archived", "created_at", "updated_at",
        ),
        rows,
    )  # fmt: skip
    tags = sorted(tag_names.items(), key=lambda item: item[1])
    world.writer.insert(
        m.Tag,
        ("id", "name", "created_at", "updated_at"),
        [(tid, name, created, created) for name, tid in tags],
    )
    world.writer.insert(
        m.StakeholderTag, ("stakeholder", "tag", "created_at", "updated_at"), tag_rows
    )
    world.counts["stakeholders"] = len(rows)


# -- trust checks -----------------------------------------------------------------------------
def _check_days(world: World) -> dict[int, list[date]]:
    rng, plan, today = world.rng, world.plan, world.today
    year_ago = today - timedelta(days=365)
    result: dict[int, list[date]] = {}
    if plan.trust_checks is None:
        for p in world.people:
            if p.focus:
                count = rng.randint(5, 7)
            elif p.key:
                count = rng.randint(2, 4)
            else:
                count = 1 if rng.random() < 0.3 else 0
            if count == 0:
                continue
            # The first check early, the rest spread over the year.
            first = world.start + timedelta(days=rng.randint(0, 21))
            later = [
                first + timedelta(days=rng.randint(20, (today - first).days))
                for _ in range(count - 1)
            ]
            result[p.id] = sorted({first, *later})
        return result
    focus = [p for p in world.people if p.focus]
    per_focus = 8
    for p in focus:
        result[p.id] = sorted(
            {year_ago + timedelta(days=rng.randint(0, 365)) for _ in range(per_focus)}
        )
    remaining = plan.trust_checks - sum(len(v) for v in result.values())
    others = [p for p in world.people if not p.focus]
    owners = rng.choices(
        [p.id for p in others], weights=[6 if p.key else 1 for p in others], k=remaining
    )
    taken = {(pid, d) for pid, days in result.items() for d in days}
    for pid in owners:
        while True:
            day = world.start + timedelta(days=rng.randint(0, world.plan.days))
            if (pid, day) not in taken:
                taken.add((pid, day))
                result.setdefault(pid, []).append(day)
                break
    for days in result.values():
        days.sort()
    return result


def trust_checks(world: World) -> None:
    rng = world.rng
    rows: list[Row] = []
    schedule = _check_days(world)
    tid = 0
    for pid in sorted(schedule):
        p = world.people[pid - 1]
        c0, r0, i0, s0 = p.base
        drift = [0.0, 0.0, 0.0, 0.0]
        for day in schedule[pid]:
            trend: tuple[float, ...]
            if p.focus:
                frac = world.frac(day)
                trend = (3.2 * frac, 3.5 * frac, 3.0 * frac, -3.0 * frac)
            else:
                drift = [d * 0.7 + rng.gauss(0, 0.5) for d in drift]
                trend = tuple(drift)
            c = clamp(c0 + trend[0] + rng.gauss(0, 0.6), 1, 10)
            r = clamp(r0 + trend[1] + rng.gauss(0, 0.6), 1, 10)
            i = clamp(i0 + trend[2] + rng.gauss(0, 0.6), 1, 10)
            s = clamp(s0 + trend[3] + rng.gauss(0, 0.6), 1, 10)
            warmth = clamp((i + 11 - s) / 2 + rng.gauss(0, 0.8), 1, 10)
            competence = clamp((c + r) / 2 + rng.gauss(0, 0.8), 1, 10)
            no_wc = rng.random() < 0.08
            source = rng.choices(SOURCES, SOURCE_WEIGHTS)[0]
            tid += 1
            moment = timestamp(day, 18)
            rows.append(
                (
                    tid,
                    pid,
                    day.isoformat(),
                    c,
                    r,
                    i,
                    s,
                    None if no_wc else warmth,
                    None if no_wc else competence,
                    source,
                    rng.choice(TRUST_NOTES),
                    moment,
                    moment,
                )
            )
            p.checks.append((day, trust.trust_quotient(c, r, i, s)))
    world.writer.insert(
        m.TrustCheck,
        (
            "id", "stakeholder", "checked_on", "credibility", "reliability", "intimacy",
            "self_orientation", "warmth", "competence", "source", "note", "created_at",
            "updated_at",
        ),
        rows,
    )  # fmt: skip
    world.counts["trust_checks"] = len(rows)
