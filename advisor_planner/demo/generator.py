"""The demo's sizes and the run through its stages: ``generate``.

``generate(size="small" | "large" | "huge", seed=N)`` fills an empty database with one
technology leader's stakeholders, touchpoints, commitments, trust checks, feedback, brand goals,
reflections and initiatives. The same seed and the same ``today`` always give the same rows
(the only input from outside is the local time zone, which turns local meeting times into the
stored UTC moments).

The stages run in a fixed order: each builds on what the ones before it made, and draws from
the one random stream after them, so moving one changes every row after it. Every table is
written in bulk by ``writer.Writer``, all in one transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from advisor_planner.demo.conversations import commitments, feedback, touchpoints
from advisor_planner.demo.growth import goals, initiatives, reflections
from advisor_planner.demo.people import stakeholders, trust_checks
from advisor_planner.demo.world import Plan, World
from advisor_planner.demo.writer import Writer
from advisor_planner.services import clock
from advisor_planner.services.errors import ValidationError
from advisor_planner.store import models as m

Progress = Callable[[str, int, int], None]

SIZES = ("small", "large", "huge")

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
    # Three times "large" over the same ten years: the benchmarks' check that no interaction
    # grows with the data (issue 18 asks each figure to grow by less than 1.5x when it triples).
    "huge": Plan(
        stakeholders=3000,
        days=3652,
        touchpoints=300_000,
        commitments=60_000,
        trust_checks=15_000,
        reflections=520,
        goals=600,
        initiatives=900,
        feedback=9000,
        focus_people=90,
        archived_share=0.04,
        recent_commitment_share=0.006,
    ),
}


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

    ``size`` is "small" (about 25 people over a year), "large" (1,000 people, 100,000
    touchpoints over ten years) or "huge" (3,000 people, 300,000 touchpoints over the same
    ten years, for the benchmarks). The same ``seed`` and ``today`` always give the same data.
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
