"""Where each relationship stands: one person's summary, and everybody's.

A ``PersonStatus`` holds a stakeholder's cadence status (and days overdue), relationship
health with its components, and the evidence-based reliability behind it. ``people_status``
gives it for everyone in four queries (the people list, the dashboard's map and attention list,
the weekly evidence and the report); ``person_status`` runs the same queries narrowed to one
person (their page). Both read the same rows through the same arithmetic, so every view shows
the same numbers. ``needs_attention`` picks who is most pressingly past their cadence.

``refresh_people`` brings an earlier ``people_status`` list up to date after a change that
touched a few people (a quick log names its people in ``services.changes.Changes.people``):
only theirs is read again, ~1 ms against 35–100 ms for everyone on 1,000 people, and the
result equals a full ``people_status`` (a test holds them equal).

Each person's summary is remembered with everything it was worked out from (their rows, the
day, the window, the language): reading everyone again after a change works out afresh only
the people whose rows changed. That arithmetic (``domain.health``, the cadence label) was two
thirds of ``people_status``'s time on 3,000 people, the SQL the other third.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from peewee import JOIN, BaseQuery, Case, ModelSelect, fn

from advisor_planner import translation
from advisor_planner.domain import cadence, health, stakeholder_map
from advisor_planner.domain.enums import CommitmentStatus
from advisor_planner.services import clock
from advisor_planner.services.insights.query import (
    Row,
    as_optional_date,
    cached_rows,
    query_rows,
)
from advisor_planner.store import models as m

#: The days of touchpoints and promises a health reading (and its reliability) looks back over.
HEALTH_WINDOW_DAYS = 90

#: A person's touchpoints in the window: count, mean listening, mean sentiment, gave, asked,
#: mutual. Someone with none reads as this.
_NO_TOUCHPOINTS: Row = (0, None, None, 0, 0, 0)


@dataclass(frozen=True, slots=True)
class PersonStatus:
    """One stakeholder's summary: where they sit on the map, where they stand against their
    cadence, and how healthy the relationship is over the last ``HEALTH_WINDOW_DAYS``."""

    id: int
    name: str
    business_unit: str
    power: int
    interest: int
    engagement_current: str
    engagement_desired: str
    gap: int
    quadrant: str
    key: bool
    last_contact: date | None
    cadence: cadence.CadenceStatus
    health: float | None
    health_components: dict[str, float] = field(default_factory=dict)
    #: Share of the promises judged in the window that were kept on time (None: none judged);
    #: the health reading's follow-through.
    evidence_reliability: float | None = None
    touchpoints_in_window: int = 0

    @property
    def days_overdue(self) -> int:
        return cadence.days_overdue(self.cadence)

    @property
    def cadences_overdue(self) -> float | None:
        """How many cadences have passed since they were due (None: never contacted)."""
        if self.cadence.overdue and self.cadence.days_until_due is None:
            return None
        return stakeholder_map.cadences_overdue(self.days_overdue, self.cadence.cadence_days or 0)

    @property
    def attention_priority(self) -> int:
        return stakeholder_map.attention_priority(self.power, self.interest, self.days_overdue)


def people_status(
    *,
    today: date | None = None,
    window_days: int = HEALTH_WINDOW_DAYS,
    include_archived: bool = False,
) -> list[PersonStatus]:
    """Every active stakeholder (and the archived, if asked) by id, in four queries."""
    return _statuses(today or clock.today(), window_days, include_archived=include_archived)


def person_status(
    *, stakeholder_id: int, today: date | None = None, window_days: int = HEALTH_WINDOW_DAYS
) -> PersonStatus | None:
    """One stakeholder's summary, archived or not (None when there is no such person)."""
    found = _statuses(
        today or clock.today(), window_days, include_archived=True, stakeholder_ids=[stakeholder_id]
    )
    return found[0] if found else None


def refresh_people(
    previous: Sequence[PersonStatus],
    stakeholder_ids: Iterable[int],
    *,
    today: date | None = None,
    window_days: int = HEALTH_WINDOW_DAYS,
    include_archived: bool = False,
) -> list[PersonStatus]:
    """``previous`` (what ``people_status`` gave with the same day, window and archived
    choice) with the people ``stakeholder_ids`` read again: those added, changed, archived or
    deleted since come out as a full ``people_status`` would give them."""
    ids = set(stakeholder_ids)
    if not ids:
        return list(previous)
    fresh = _statuses(
        today or clock.today(), window_days, include_archived=include_archived,
        stakeholder_ids=sorted(ids),
    )  # fmt: skip
    kept = [person for person in previous if person.id not in ids]
    return sorted([*kept, *fresh], key=lambda person: person.id)


def _statuses(
    today: date,
    window_days: int,
    *,
    include_archived: bool,
    stakeholder_ids: Collection[int] | None = None,
) -> list[PersonStatus]:
    since = today - timedelta(days=window_days)
    people = _people(today, include_archived, stakeholder_ids)
    recent = _touchpoints_in_window(since, today, stakeholder_ids)
    follow = reliability_by_person(since, today, stakeholder_ids=stakeholder_ids)
    # The cadence labels are in the language of the moment: a summary worked out in another
    # one is not reused.
    language = translation.translate("Cadence", "due today")
    if len(_REMEMBERED) > _REMEMBERED_LIMIT:
        _REMEMBERED.clear()
    database = id(m.database.obj)
    statuses = []
    for row in people:
        sid = row[0]
        inputs = (row, recent.get(sid), follow.get(sid), today, window_days, language)
        found = _REMEMBERED.get((database, sid))
        if found is None or found[0] != inputs:
            found = (inputs, _summary(row, recent, follow, today, window_days, language))
            _REMEMBERED[database, sid] = found
        statuses.append(found[1])
    return statuses


#: Each person's latest summary by database and id, with the inputs it was worked out from.
#: One entry per person (a changed person's replaces theirs). Which database is only a hint
#: (two open at once keep their own): an entry is used only when its inputs, the person's
#: rows among them, equal the ones at hand. Workers may read it at the same time: each get and
#: set is atomic.
_REMEMBERED: dict[tuple[int, int], tuple[Row, PersonStatus]] = {}
_REMEMBERED_LIMIT = 50_000


def forget_summaries() -> None:
    """Work every summary out afresh from now on (for tests and benchmarks of a first reading)."""
    _REMEMBERED.clear()
    _cadence.cache_clear()


def _people(
    today: date, include_archived: bool, stakeholder_ids: Collection[int] | None
) -> list[Row]:
    return _everybody_or_some(
        ("people_status people", today, include_archived),
        lambda: _people_query(today, include_archived, stakeholder_ids),
        stakeholder_ids,
    )


def _people_query(
    today: date, include_archived: bool, stakeholder_ids: Collection[int] | None
) -> ModelSelect[m.Stakeholder]:
    s, kept = m.Stakeholder, m.LastContact
    link = m.TouchpointStakeholder
    # Last contact as triggers keep it (schema v3): each person's latest day, read with their
    # row. Only when that day is after ``today`` (a touchpoint planned ahead, or a day looked
    # back from) is the latest by ``today`` sought in the links' index (stakeholder, day).
    latest_by_today = link.select(fn.MAX(link.occurred_on)).where(
        (link.stakeholder == s.id) & (link.occurred_on <= today)
    )
    last_contact = Case(
        None,
        [(kept.occurred_on.is_null(), None), (kept.occurred_on <= today, kept.occurred_on)],
        latest_by_today,
    )
    query = s.select(
        s.id,
        s.name,
        s.business_unit,
        s.power,
        s.interest,
        s.engagement_current,
        s.engagement_desired,
        s.cadence_days,
        last_contact,
    ).join(kept, JOIN.LEFT_OUTER, on=(kept.stakeholder_id == s.id))
    if not include_archived:
        query = query.where(s.archived == False)  # noqa: E712
    if stakeholder_ids is not None:
        query = query.where(s.id.in_(list(stakeholder_ids)))
    return query.order_by(s.id)


def _everybody_or_some(
    key: Hashable, build: Callable[[], BaseQuery], some: Collection[int] | None
) -> list[Row]:
    """The rows of ``build()``: for everybody (``some`` None) compiled once per ``key``, the
    same query for every refresh of a day."""
    return query_rows(build()) if some is not None else cached_rows(key, build)


def _touchpoints_in_window(
    since: date, today: date, stakeholder_ids: Collection[int] | None
) -> dict[int, Row]:
    """Each person's touchpoints in [since, today]: count, mean listening and sentiment, and
    how many were giving, asking and mutual."""
    rows = _everybody_or_some(
        ("people_status window", since, today),
        lambda: _touchpoints_in_window_query(since, today, stakeholder_ids),
        stakeholder_ids,
    )
    return {row[0]: row[1:] for row in rows}


def _touchpoints_in_window_query(
    since: date, today: date, stakeholder_ids: Collection[int] | None
) -> ModelSelect[m.Touchpoint]:
    t, link = m.Touchpoint, m.TouchpointStakeholder
    recip = t.reciprocity
    # Driven from the touchpoints in the window (indexed by day), then their links.
    query = (
        t.select(
            link.stakeholder,
            fn.COUNT(t.id),
            fn.AVG(t.listening),
            fn.AVG(t.sentiment),
            fn.SUM((recip == "gave").cast("integer")),
            fn.SUM((recip == "asked").cast("integer")),
            fn.SUM((recip == "mutual").cast("integer")),
        )
        .join(link, JOIN.INNER, on=(link.touchpoint == t.id))
        .where(t.occurred_on.between(since, today))
    )
    if stakeholder_ids is not None:
        # (The link's own day lets SQLite seek each person's links in its index.)
        query = query.where(
            link.stakeholder.in_(list(stakeholder_ids)) & link.occurred_on.between(since, today)
        )
    return query.group_by(link.stakeholder)


def _summary(
    person: Row,
    recent: dict[int, Row],
    follow: dict[int, float],
    today: date,
    window_days: int,
    language: str,
) -> PersonStatus:
    sid, name, unit, power, interest, current, desired, cadence_days, last_day = person
    last = as_optional_date(last_day)
    count, listening, sentiment, gave, asked, mutual = recent.get(sid, _NO_TOUCHPOINTS)
    reading = health.relationship_health(
        health.HealthInputs(
            days_since_contact=(today - last).days if last else None,
            cadence_days=cadence_days,
            touchpoints_in_window=count,
            window_days=window_days,
            mean_listening=listening,
            mean_sentiment=sentiment,
            gave=gave or 0,
            asked=asked or 0,
            mutual=mutual or 0,
            follow_through=follow.get(sid),
        )
    )
    return PersonStatus(
        id=sid,
        name=name,
        business_unit=unit,
        power=power,
        interest=interest,
        engagement_current=current,
        engagement_desired=desired,
        gap=_engagement_gap(current, desired),
        quadrant=_quadrant(power, interest),
        key=_is_key(power, interest),
        last_contact=last,
        cadence=_cadence(last, cadence_days, today, language),
        health=reading.score,
        health_components=reading.components,
        evidence_reliability=follow.get(sid),
        touchpoints_in_window=count,
    )


# The map's pure rules, remembered: a few dozen combinations of their inputs serve thousands
# of people, and engagement_gap alone (two fsums and two enum lookups) was a fifth of
# people_status's time on 3,000 people.
_engagement_gap = functools.lru_cache(maxsize=256)(stakeholder_map.engagement_gap)
_quadrant = functools.lru_cache(maxsize=256)(stakeholder_map.quadrant)
_is_key = functools.lru_cache(maxsize=256)(stakeholder_map.is_key_stakeholder)


@functools.lru_cache(maxsize=4096)
def _cadence(
    last: date | None, cadence_days: int | None, today: date, language: str
) -> cadence.CadenceStatus:
    """``cadence_status`` remembered: 3,000 people share some 550 pairs of last contact and
    cadence, and its label is worked out in ``language`` (part of the key only)."""
    return cadence.cadence_status(last, cadence_days, today=today)


def reliability_by_person(
    since: date,
    today: date,
    *,
    stakeholder_id: int | None = None,
    stakeholder_ids: Collection[int] | None = None,
) -> dict[int, float]:
    """Each person's evidence-based reliability over [since, today], in one grouped query.

    The SQL form of ``domain.reliability.evidence_reliability`` (a test holds them equal on
    the demo data): promises closed kept, late or broken in the window, and promises still
    open whose due day fell in it; kept on time over all of them.
    """
    if stakeholder_id is None and stakeholder_ids is None:
        rows = cached_rows(
            ("reliability_by_person", since, today),
            lambda: _reliability_query(since, today, None, None),
        )
    else:
        rows = query_rows(_reliability_query(since, today, stakeholder_id, stakeholder_ids))
    return {sid: kept / considered for sid, kept, considered in rows if considered}


def _reliability_query(
    since: date,
    today: date,
    stakeholder_id: int | None,
    stakeholder_ids: Collection[int] | None,
) -> ModelSelect[m.Commitment]:
    c = m.Commitment
    kept_on_time = (c.status == CommitmentStatus.KEPT.value) & (
        c.due_on.is_null() | (c.closed_on <= c.due_on)
    )
    counted_closed = c.status.in_(["kept", "late", "broken"]) & c.closed_on.between(since, today)
    overdue_open = (
        (c.status == CommitmentStatus.OPEN.value) & (c.due_on >= since) & (c.due_on < today)
    )
    query = c.select(
        c.stakeholder,
        fn.SUM((counted_closed & kept_on_time).cast("integer")),
        fn.SUM((counted_closed | overdue_open).cast("integer")),
    ).where(counted_closed | overdue_open)
    if stakeholder_id is not None:
        query = query.where(c.stakeholder == stakeholder_id)
    if stakeholder_ids is not None:
        query = query.where(c.stakeholder.in_(list(stakeholder_ids)))
    return query.group_by(c.stakeholder)


def needs_attention(
    people: Sequence[PersonStatus] | None = None,
    *,
    today: date | None = None,
    limit: int | None = 10,
) -> list[PersonStatus]:
    """People past their cadence, most pressing first (``stakeholder_map.attention_rank``: key
    people first, then by cadences overdue, never contacted last); all of them when ``limit``
    is None."""
    people = people if people is not None else people_status(today=today)
    overdue = [p for p in people if p.cadence.overdue]
    overdue.sort(
        key=lambda p: (
            stakeholder_map.attention_rank(
                key=p.key, cadences=p.cadences_overdue, weight=p.power * p.interest
            ),
            p.name.casefold(),
        )
    )
    return overdue if limit is None else overdue[:limit]
