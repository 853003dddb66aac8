"""Weekly reflections: one per ISO week, with self-ratings and next week's focus."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from advisor_planner.services import clock
from advisor_planner.services import validation as v
from advisor_planner.services.errors import ValidationError
from advisor_planner.services.records import Link, RecordKind, TrashItem, require_existing
from advisor_planner.services.rows import tuples
from advisor_planner.store import models as m
from advisor_planner.translation import translate

RATING_FIELDS = ("self_awareness", "self_regulation", "motivation", "empathy", "social_skill")
TEXT_FIELDS = ("wins", "hard", "not_present", "difficult_conversations", "lessons", "focus_note")


@dataclass(frozen=True, slots=True, kw_only=True)
class Reflection:
    id: int = 0
    week: str = ""
    wins: str = ""
    hard: str = ""
    not_present: str = ""
    difficult_conversations: str = ""
    lessons: str = ""
    focus_note: str = ""
    answers: str = "{}"
    self_awareness: int | None = None
    self_regulation: int | None = None
    motivation: int | None = None
    empathy: int | None = None
    social_skill: int | None = None
    energy: int | None = None
    completed_at: datetime | None = None
    focus_stakeholder_ids: tuple[int, ...] = ()
    focus_goal_ids: tuple[int, ...] = ()
    focus_commitment_ids: tuple[int, ...] = ()
    created_at: datetime | None = None
    updated_at: datetime | None = None

    @property
    def monday(self) -> date:
        return clock.week_bounds(self.week)[0]

    @property
    def answer_map(self) -> dict[str, str]:
        answers: dict[str, str] = json.loads(self.answers or "{}")  # as ``_clean`` wrote it
        return answers


def not_a_week(text: str) -> str:
    """The problem with ``text`` where an ISO week was wanted."""
    return translate("Validation", "'{0}' is not an ISO week like 2026-W07").format(text)


def parse_week(field: str, value: Any) -> str:
    """Accept ``YYYY-Www`` or any date inside the week; refuse weeks that have not begun."""
    if isinstance(value, (date, datetime)):
        week = clock.iso_week(value if isinstance(value, date) else value.date())
    else:
        week = v.text(field, value, required=True, max_len=8)
        try:
            clock.week_bounds(week)
        except ValueError:
            raise ValidationError(field, not_a_week(week)) from None
        year, number = week.split("-W")
        week = f"{int(year)}-W{int(number):02d}"
    if clock.week_bounds(week)[0] > clock.today():
        problem = translate("Validation", "{0} has not started yet; reflect on it when it has")
        raise ValidationError(field, problem.format(week))
    return week


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    answers = values["answers"]
    if isinstance(answers, dict):
        answers = json.dumps({str(k): v.long_text("answers", t) for k, t in answers.items()})
    else:
        try:
            parsed = json.loads(answers or "{}")
        except ValueError:
            raise ValidationError("answers", translate("Validation", "is not valid JSON")) from None
        if not isinstance(parsed, dict):
            raise ValidationError("answers", translate("Validation", "must map prompts to text"))
    people = v.ids("focus_stakeholder_ids", values["focus_stakeholder_ids"])
    goals = v.ids("focus_goal_ids", values["focus_goal_ids"])
    promises = v.ids("focus_commitment_ids", values["focus_commitment_ids"])
    require_existing("focus_stakeholder_ids", m.Stakeholder, people)
    require_existing("focus_goal_ids", m.BrandGoal, goals)
    require_existing("focus_commitment_ids", m.Commitment, promises)
    completed_at = values["completed_at"]
    if completed_at is not None and not isinstance(completed_at, datetime):
        raise ValidationError("completed_at", translate("Validation", "must be a date and time"))
    clean: dict[str, Any] = {
        "week": parse_week("week", values["week"]),
        "answers": answers,
        "energy": v.integer("energy", values["energy"], 1, 5, optional=True),
        "completed_at": completed_at,
        "focus_stakeholder_ids": people,
        "focus_goal_ids": goals,
        "focus_commitment_ids": promises,
    }
    for name in TEXT_FIELDS:
        clean[name] = v.long_text(name, values[name])
    for name in RATING_FIELDS:
        clean[name] = v.integer(name, values[name], 1, 5, optional=True)
    return clean


KIND: RecordKind[Reflection] = RecordKind(
    name="reflection",
    model=m.Reflection,
    record_type=Reflection,
    clean=_clean,
    label=lambda r: translate("Record", "reflection for {0}").format(r.week),
    links={
        "focus_stakeholder_ids": Link(m.ReflectionFocusStakeholder, "reflection", "stakeholder"),
        "focus_goal_ids": Link(m.ReflectionFocusGoal, "reflection", "goal"),
        "focus_commitment_ids": Link(m.ReflectionFocusCommitment, "reflection", "commitment"),
    },
)


def create(**fields: Any) -> Reflection:
    return KIND.create(fields)


def update(*, reflection_id: int, **changes: Any) -> Reflection:
    return KIND.update(reflection_id, changes)


def get(*, reflection_id: int) -> Reflection:
    return KIND.get(reflection_id)


def delete(*, reflection_id: int) -> TrashItem:
    return KIND.delete(reflection_id)


def for_week(*, week: str | date) -> Reflection | None:
    week = parse_week("week", week)
    row = m.Reflection.get_or_none(m.Reflection.week == week)
    return KIND.to_records([row])[0] if row else None


def save_week(*, week: str | date, **fields: Any) -> Reflection:
    """Create or update the reflection of ``week`` (drafts are saved step by step this way)."""
    # Only the id is looked up: the whole record (its three lists of choices) is read by
    # ``update`` anyway, and the session saves at every step.
    week = parse_week("week", week)
    r = m.Reflection
    existing = r.select(r.id).where(r.week == week).scalar()
    if existing is None:
        return create(week=week, **fields)
    return update(reflection_id=existing, **fields)


def list_all(*, search: str = "") -> list[Reflection]:
    """Every reflection, newest week first; ``search`` looks through all of their text."""
    query = m.Reflection.select()
    if search.strip():
        needle = search.strip()
        condition = m.Reflection.answers.contains(needle)
        for name in TEXT_FIELDS:
            condition |= getattr(m.Reflection, name).contains(needle)
        query = query.where(condition)
    return KIND.to_records(list(query.order_by(m.Reflection.week.desc())))


def completed_weeks() -> set[str]:
    query = m.Reflection.select(m.Reflection.week).where(m.Reflection.completed_at.is_null(False))
    return {row[0] for row in tuples(query)}


# -- the habit and the self-ratings over the weeks ----------------------------------------------
@dataclass(frozen=True, slots=True)
class ReflectionHabit:
    """Each week from the first finished reflection to last week (to this week once it is
    done): done or not, the habit strength at its end (``domain.habit``, Loop's formula) and
    the streaks."""

    weeks: list[str]
    done: list[bool]
    strength: list[float]
    streak: int  # finished weeks in a row up to now (this week counts once it is done)
    longest: int
    this_week_done: bool


def _weeks_between(first: date, last: date) -> list[str]:
    monday = clock.week_start(first)
    end = clock.week_start(last)
    weeks = []
    while monday <= end:
        weeks.append(clock.iso_week(monday))
        monday += timedelta(days=7)
    return weeks


def habit(*, today: date | None = None) -> ReflectionHabit:
    """The weekly reflection habit, week by week (a missed week filled in later counts)."""
    from advisor_planner.domain import habit as habit_rules

    today = today or clock.today()
    done_weeks = completed_weeks()
    this_week = clock.iso_week(today)
    started = [week for week in done_weeks if week <= this_week]
    if not started:
        return ReflectionHabit([this_week], [False], [0.0], 0, 0, False)
    first = clock.week_bounds(min(started))[0]
    this_week_done = this_week in done_weeks
    # This week counts once it is done; until then it is not missed, only not over yet.
    last = today if this_week_done else clock.week_start(today) - timedelta(days=7)
    weeks = _weeks_between(first, last) if last >= first else []
    if not weeks:  # the only finished week is this one, or none before it
        weeks = [this_week] if this_week_done else [clock.iso_week(first)]
    done = [week in done_weeks for week in weeks]
    strength = habit_rules.weekly_habit_strength(done)
    return ReflectionHabit(
        weeks,
        done,
        strength,
        habit_rules.streak(done),
        habit_rules.longest_streak(done),
        this_week_done,
    )


@dataclass(frozen=True, slots=True)
class WeekRatings:
    week: str
    ratings: dict[str, int | None]  # by RATING_FIELDS
    energy: int | None


def ratings_by_week(*, since: date | None = None) -> list[WeekRatings]:
    """The self-ratings and energy of every reflection that has any, oldest week first."""
    r = m.Reflection
    columns = [getattr(r, name) for name in RATING_FIELDS]
    query = r.select(r.week, *columns, r.energy).order_by(r.week)
    if since is not None:
        query = query.where(r.week >= clock.iso_week(since))
    result = []
    for week, *scores, energy in tuples(query):
        if any(score is not None for score in scores) or energy is not None:
            result.append(WeekRatings(week, dict(zip(RATING_FIELDS, scores, strict=True)), energy))
    return result


def missed_weeks(*, today: date | None = None, limit: int = 12) -> list[str]:
    """Weeks without a finished reflection, newest first, back to ``limit`` weeks ago but not
    before the first record of any kind (this week not among them): the ones a leader may
    still fill in."""
    today = today or clock.today()
    done = completed_weeks()
    # Not before the practice began: the first reflection, touchpoint or trust check.
    from advisor_planner.services.insights import activity_series

    starts = [clock.week_bounds(min(done))[0]] if done else []
    span = activity_series.data_span()
    if span is not None:
        starts.append(span[0])
    if not starts:
        return []
    first = clock.week_start(min(starts))
    monday = clock.week_start(today)
    weeks = [
        clock.iso_week(monday - timedelta(days=7 * k))
        for k in range(1, limit + 1)
        if monday - timedelta(days=7 * k) >= first
    ]
    return [week for week in weeks if week not in done]
