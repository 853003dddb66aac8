"""What the demo's stages share: the plan, the random stream, the people and the history so far.

Each stage of the generator is a function of one ``World``: it reads
what earlier stages made (the people, the touchpoints' days) and adds its own. Every random
choice comes from the one ``World.rng``, in a fixed order, which is what makes a seed give the
same rows; a stage that draws one number more or less changes everything after it.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import accumulate

from advisor_planner.demo.phrases import TOPICS
from advisor_planner.demo.writer import Writer
from advisor_planner.domain.stakeholder_map import KEY_THRESHOLD
from advisor_planner.services import clock


@dataclass(frozen=True, slots=True)
class Plan:
    """How much of everything one size writes."""

    stakeholders: int
    days: int  # how far back the history reaches
    touchpoints: int
    commitments: int
    trust_checks: int | None  # None: a few per key person
    reflections: int | None  # None: nearly every week of the history
    goals: int
    initiatives: int
    feedback: int
    focus_people: int  # the people "being worked on"
    archived_share: float
    recent_commitment_share: float  # commitments made in the last three weeks (open ones)


@dataclass(slots=True)
class Person:
    """A stakeholder as the later stages need them (the row itself is already written)."""

    id: int
    first: str
    unit: str
    power: int
    interest: int
    engagement: str
    archived: bool
    cadence: int
    focus: bool = False
    base: tuple[float, float, float, float] = (6.0, 6.0, 6.0, 4.0)
    checks: list[tuple[date, float]] = field(default_factory=list)  # (day, trust quotient)

    @property
    def key(self) -> bool:
        return self.power * self.interest >= KEY_THRESHOLD


def timestamp(day: date, hour: int = 12, minute: int = 0) -> str:
    """A stored ``created_at``/``updated_at`` moment on ``day``."""
    return f"{day.isoformat()} {hour:02d}:{minute:02d}:00"


def clamp(value: float, lo: int, hi: int) -> int:
    return max(lo, min(hi, round(value)))


def weighted(rng: random.Random, table: Sequence[tuple[str, float]], k: int) -> list[str]:
    """``k`` names drawn from ``table`` by weight."""
    names = [name for name, _ in table]
    return rng.choices(names, cum_weights=list(accumulate(w for _, w in table)), k=k)


def exact_mix(table: Sequence[tuple[str, float]], total: int) -> list[str]:
    """``total`` names in the proportions of ``table`` (largest remainders round up)."""
    weight = sum(w for _, w in table)
    exact = [(name, w * total / weight) for name, w in table]
    counts = {name: math.floor(x) for name, x in exact}
    by_remainder = sorted(exact, key=lambda item: (counts[item[0]] - item[1], item[0]))
    for name, _ in by_remainder[: total - sum(counts.values())]:
        counts[name] += 1
    return [name for name, _ in table for _ in range(counts[name])]


class World:
    """The state one run of the generator builds up, stage by stage."""

    def __init__(self, plan: Plan, seed: int, today: date, writer: Writer):
        self.plan = plan
        self.rng = random.Random(seed)
        self.today = today
        self.start = today - timedelta(days=plan.days)
        self.writer = writer
        self.counts: dict[str, int] = {}
        self.people: list[Person] = []
        self.tp_days: list[date] = []  # touchpoint day by index (id - 1), sorted
        self.tp_people: list[tuple[int, ...]] = []
        self.tp_moments: list[str] = []
        self.goal_spans: list[
            tuple[int, date, date, tuple[int, ...]]
        ] = []  # id, start, end, people
        self._utc_offsets: dict[date, timedelta] = {}

    def utc(self, day: date, hour: int, minute: int) -> datetime:
        """Local wall-clock time on ``day`` as naive UTC (daytime hours; DST never moves)."""
        offset = self._utc_offsets.get(day)
        if offset is None:
            noon = datetime(day.year, day.month, day.day, 12)
            offset = self._utc_offsets[day] = noon - clock.to_utc_naive(noon)
        return datetime(day.year, day.month, day.day, hour, minute) - offset

    def fill(self, text: str, person: Person | None = None) -> str:
        """``text`` with its placeholders filled for ``person`` (or one chosen at random)."""
        rng = self.rng
        person = person or rng.choice(self.people)
        return text.format(
            first=person.first, name=person.first, unit=person.unit, topic=rng.choice(TOPICS)
        )

    def frac(self, day: date, span_days: int = 365) -> float:
        """How far ``day`` lies into the last ``span_days`` (0 before, 1 today)."""
        return min(1.0, max(0.0, 1 - (self.today - day).days / span_days))
