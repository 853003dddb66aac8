"""One week's evidence, assembled for the weekly reflection with no typing.

``week_evidence`` gathers what happened in an ISO week: touchpoints by person and channel,
commitments that fell due and how they ended, key stakeholders who slipped past their cadence,
trust checks and feedback recorded, goal checkpoints and milestones, and last week's focus set
against who was actually seen.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from advisor_planner.domain.enums import CommitmentStatus, GoalStatus
from advisor_planner.services import (
    clock,
    commitments,
    feedback,
    goals,
    reflections,
    stakeholders,
    touchpoints,
    trust_checks,
)
from advisor_planner.services.rows import tuples
from advisor_planner.store import models as m
from advisor_planner.translation import translate


@dataclass(frozen=True, slots=True)
class FocusReview:
    """Last week's plan against this week's touchpoints."""

    planned_ids: tuple[int, ...]
    seen_ids: tuple[int, ...]
    missed_ids: tuple[int, ...]
    sentence: str  # in the user's language


@dataclass(frozen=True, slots=True)
class WeekEvidence:
    week: str
    monday: date
    sunday: date
    touchpoints: list[touchpoints.Touchpoint]
    touchpoints_by_person: dict[int, int]
    touchpoints_by_channel: dict[str, int]
    commitments_due: list[commitments.Commitment]
    kept: list[commitments.Commitment]
    late: list[commitments.Commitment]
    still_open: list[commitments.Commitment]
    slipped: list[stakeholders.Lapsed]
    trust_checks: list[trust_checks.TrustCheck]
    feedback: list[feedback.Feedback]
    checkpoints: list[goals.Checkpoint]
    milestones: list[goals.Milestone]
    focus: FocusReview | None
    names: dict[int, str]
    #: The titles of the goals that moved this week (their checkpoints and milestones).
    goal_titles: dict[int, str] = field(default_factory=dict)


def _join_names(ids: tuple[int, ...], names: dict[int, str]) -> str:
    people = [names.get(i, f"#{i}") for i in ids]
    if len(people) <= 1:
        return "".join(people)
    return translate("Evidence", "{0} and {1}").format(", ".join(people[:-1]), people[-1])


def _focus_review(week: str, seen: set[int], names: dict[int, str]) -> FocusReview | None:
    monday = clock.week_bounds(week)[0]
    previous = reflections.for_week(week=monday - timedelta(days=7))
    if previous is None or not previous.focus_stakeholder_ids:
        return None
    planned = previous.focus_stakeholder_ids
    met = tuple(i for i in planned if i in seen)
    missed = tuple(i for i in planned if i not in seen)
    if met:
        sentence = translate("Evidence", "You planned to see {0}; you saw {1}.").format(
            _join_names(planned, names), _join_names(met, names)
        )
    else:
        sentence = translate("Evidence", "You planned to see {0}; you saw none of them.").format(
            _join_names(planned, names)
        )
    return FocusReview(planned, met, missed, sentence)


def week_evidence(*, week: str | date, today: date | None = None) -> WeekEvidence:
    """Everything the reflection's evidence step shows for ``week`` (``YYYY-Www`` or a date)."""
    week = reflections.parse_week("week", week)
    monday, sunday = clock.week_bounds(week)
    today = today or clock.today()
    as_of = min(sunday, today)
    met = touchpoints.between(start=monday, end=sunday)
    by_person: Counter[int] = Counter()
    for touchpoint in met:
        by_person.update(touchpoint.stakeholder_ids)
    due = commitments.due_between(start=monday, end=sunday)
    names = stakeholders.names(include_archived=True)
    # Key people past their cadence as of the week's end, in the dashboard's order; only
    # their cadences are read (people_status's health work cost 70 ms of 110 on 3,000 people).
    slipped = stakeholders.past_cadence(today=as_of, key_only=True)
    cp, ms = m.GoalCheckpoint, m.GoalMilestone
    checkpoints = goals.CHECKPOINT.to_records(
        list(cp.select().where(cp.recorded_on.between(monday, sunday)).order_by(cp.recorded_on))
    )
    milestones = goals.MILESTONE.to_records(
        list(
            ms.select()
            .where(ms.due_on.between(monday, sunday) | ms.done_on.between(monday, sunday))
            .order_by(ms.due_on)
        )
    )
    return WeekEvidence(
        week=week,
        monday=monday,
        sunday=sunday,
        touchpoints=met,
        touchpoints_by_person=dict(by_person),
        touchpoints_by_channel=dict(Counter(t.channel for t in met)),
        commitments_due=due,
        kept=[c for c in due if c.status == CommitmentStatus.KEPT.value],
        late=[c for c in due if c.status in ("late", "broken") or c.is_overdue(as_of)],
        still_open=[c for c in due if c.status == CommitmentStatus.OPEN.value],
        slipped=slipped,
        trust_checks=trust_checks.between(start=monday, end=sunday),
        feedback=feedback.between(start=monday, end=sunday),
        checkpoints=checkpoints,
        milestones=milestones,
        focus=_focus_review(week, set(by_person), names),
        names=names,
        goal_titles=_goal_titles(
            {p.goal_id for p in checkpoints} | {g.goal_id for g in milestones}
        ),
    )


def _goal_titles(ids: set[int]) -> dict[int, str]:
    g = m.BrandGoal
    return dict(tuples(g.select(g.id, g.title).where(g.id.in_(sorted(ids))))) if ids else {}


@dataclass(frozen=True, slots=True)
class FocusNow:
    """This week's focus: what last week's reflection chose, and who has been seen so far."""

    week: str
    chosen_in: str | None  # the week whose reflection chose it (None: no focus was chosen)
    people: list[tuple[int, str, bool]]  # id, name, seen this week yet
    goals: list[tuple[int, str]]
    note: str
    this_week_done: bool
    #: The promises it chose to keep: id, what was promised, closed yet.
    commitments: list[tuple[int, str, bool]] = field(default_factory=list)


def focus_now(*, today: date | None = None) -> FocusNow:
    """The focus the previous week's reflection set for the week holding ``today``.

    A handful of small queries (it is reloaded whenever a touchpoint is logged): only the
    chosen people's names and goals' titles are read.
    """
    today = today or clock.today()
    week = clock.iso_week(today)
    monday = clock.week_start(today)
    r = m.Reflection
    done = r.select(r.id).where((r.week == week) & r.completed_at.is_null(False)).exists()
    previous = reflections.for_week(week=monday - timedelta(days=7))
    if previous is None or not (
        previous.focus_stakeholder_ids
        or previous.focus_goal_ids
        or previous.focus_commitment_ids
        or previous.focus_note.strip()
    ):
        return FocusNow(week, None, [], [], "", done)
    people = list(previous.focus_stakeholder_ids)
    s, link, g = m.Stakeholder, m.TouchpointStakeholder, m.BrandGoal
    names: dict[int, str] = (
        dict(tuples(s.select(s.id, s.name).where(s.id.in_(people)))) if people else {}
    )
    seen = {
        sid
        for (sid,) in tuples(
            link.select(link.stakeholder).where(
                link.stakeholder.in_(people)
                & link.occurred_on.between(monday, min(today, monday + timedelta(days=6)))
            )
        )
    }
    chosen_goals = list(previous.focus_goal_ids)
    titles: dict[int, str] = (
        dict(tuples(g.select(g.id, g.title).where(g.id.in_(chosen_goals)))) if chosen_goals else {}
    )
    promises = list(previous.focus_commitment_ids)
    c = m.Commitment
    rows: Iterable[tuple[int, str, str]] = (
        tuples(c.select(c.id, c.text, c.status).where(c.id.in_(promises))) if promises else []
    )
    closed = {cid: (text, status != CommitmentStatus.OPEN.value) for cid, text, status in rows}
    return FocusNow(
        week,
        previous.week,
        [(sid, names.get(sid, "?"), sid in seen) for sid in people],
        [(gid, titles.get(gid, "?")) for gid in chosen_goals],
        previous.focus_note.strip(),
        done,
        [(cid, *closed.get(cid, ("?", False))) for cid in promises],
    )


#: How many people and promises the focus step offers before "and N more".
FOCUS_LIMIT = 30


@dataclass(frozen=True, slots=True)
class FocusChoices:
    """What the reflection's focus step offers to choose from: what a leader would act on
    next week, bounded, plus whatever the reflection has chosen already."""

    people: list[stakeholders.Lapsed]  # past their cadence, most pressing first
    people_total: int  # how many are past their cadence in all
    promises: list[commitments.PromiseLine]  # overdue or due soon, nearest today first
    promises_total: int
    goals: list[tuple[int, str]]  # the active goals, and any chosen: id, title
    chosen_people: list[tuple[int, str]]  # chosen and not among ``people``: id, name
    chosen_promises: list[commitments.PromiseLine]  # chosen and not among ``promises``
    everyone: list[tuple[int, str]]  # the active people by name (the trust check's choice)


def focus_choices(
    *,
    today: date | None = None,
    chosen_people: Iterable[int] = (),
    chosen_promises: Iterable[int] = (),
    chosen_goals: Iterable[int] = (),
    limit: int = FOCUS_LIMIT,
) -> FocusChoices:
    """The focus step's choices as of ``today``: the people past their cadence and the open
    promises overdue or due within ``commitments.DUE_SOON_DAYS`` days, at most ``limit`` of
    each, with the totals, and the chosen ones beyond them.

    Bounded: the promises are a LIMITed range of the (status, due_on) index, the people one
    index seek each; it runs on a worker, so the step shows at once.
    """
    today = today or clock.today()
    lapsed = stakeholders.past_cadence(today=today)
    promises, promises_total = commitments.due_soon(today=today, limit=limit)
    people = lapsed[:limit]
    shown_people = {p.id for p in people}
    extra_people = [i for i in chosen_people if i not in shown_people]
    names = stakeholders.names_of(extra_people)
    shown_promises = {p.id for p in promises}
    g = m.BrandGoal
    goal_ids = list(chosen_goals)
    goal_rows = g.select(g.id, g.title).where(
        (g.status == GoalStatus.ACTIVE.value) | g.id.in_(goal_ids)
    )
    return FocusChoices(
        people=people,
        people_total=len(lapsed),
        promises=promises,
        promises_total=promises_total,
        goals=list(tuples(goal_rows.order_by(g.start_on.desc(), g.id))),
        chosen_people=[(i, names[i]) for i in extra_people if i in names],
        chosen_promises=commitments.lines_of(i for i in chosen_promises if i not in shown_promises),
        everyone=list(stakeholders.names().items()),
    )
