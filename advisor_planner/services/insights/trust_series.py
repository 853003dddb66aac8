"""Trust over time: the weekly trust index of the key stakeholders, each person's trust points
and scores, and how warm and competent people see me."""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from peewee import ModelSelect, fn

from advisor_planner.domain import stakeholder_map
from advisor_planner.domain import trust as trust_rules
from advisor_planner.domain.trust_index import TrustPoint, trust_index_change, trust_index_series
from advisor_planner.services import clock
from advisor_planner.services.insights.query import (
    QUOTIENT,
    as_date,
    cached_rows,
    query_rows,
    week_ends,
)
from advisor_planner.store import models as m


@dataclass(frozen=True, slots=True)
class TrustIndexSeries:
    """The weekly trust index, and the trust checks behind each week's change.

    ``checks_by_week`` maps a week end to the (stakeholder id, score 0–100) of each key
    stakeholder's check that week; ``names`` holds the key stakeholders' names and
    ``unchecked`` the ids of those with no check yet by the last week.
    """

    week_ends: list[date]
    values: list[float | None]
    change: float | None
    key_stakeholders: int
    checks_by_week: dict[date, list[tuple[int, float]]] = field(default_factory=dict)
    names: dict[int, str] = field(default_factory=dict)
    unchecked: tuple[int, ...] = ()


def _key_stakeholders() -> ModelSelect[m.Stakeholder]:
    """The key stakeholders (power × interest ≥ 12, not archived) as a query of id and weight."""
    s = m.Stakeholder
    product = s.power * s.interest
    return s.select(s.id, product).where(
        (s.archived == False) & (product >= stakeholder_map.KEY_THRESHOLD)  # noqa: E712
    )


def key_stakeholder_weights() -> dict[int, float]:
    """power × interest for each key stakeholder."""
    return {sid: float(weight) for sid, weight in query_rows(_key_stakeholders())}


def trust_points(
    *,
    until: date,
    since: date | None = None,
    people: ModelSelect[m.Stakeholder] | Sequence[int] | None = None,
) -> list[TrustPoint]:
    """Trust quotients checked on or before ``until``, oldest first.

    With ``since``, only the checks from ``since`` on plus each person's latest check before
    it: all that a series starting at ``since`` needs, however long the history. ``people``
    narrows to a query of stakeholder ids.
    """
    t = m.TrustCheck
    in_range = t.checked_on <= until if since is None else t.checked_on.between(since, until)
    query = t.select(t.stakeholder, t.checked_on, QUOTIENT).where(in_range)
    if people is not None:
        query = query.where(t.stakeholder.in_(people))
    rows = query_rows(query.order_by(t.checked_on, t.id))
    if since is not None:
        earlier = m.TrustCheck.alias()
        latest = earlier.select(earlier.stakeholder, fn.MAX(earlier.checked_on).alias("day")).where(
            earlier.checked_on < since
        )
        if people is not None:
            latest = latest.where(earlier.stakeholder.in_(people))
        latest = latest.group_by(earlier.stakeholder)
        before = (
            t.select(t.stakeholder, t.checked_on, QUOTIENT)
            .join(
                latest,
                on=(t.stakeholder == latest.c.stakeholder_id) & (t.checked_on == latest.c.day),
            )
            .order_by(t.checked_on, t.id)
        )
        rows = query_rows(before) + rows
    return [TrustPoint(sid, as_date(on), quotient) for sid, on, quotient in rows]


#: ``trust_scale_100`` remembered: a quotient is (C + R + I) / S over small whole numbers, so a
#: few hundred values serve every check (two logarithms each were a third of trust_index's
#: time on 3,000 key checks).
_score = functools.lru_cache(maxsize=4096)(trust_rules.trust_scale_100)


def trust_index(*, start: date, end: date) -> TrustIndexSeries:
    """The weekly trust index (see ``domain.trust_index``) for the weeks of [start, end]."""
    s = m.Stakeholder
    key = {
        sid: (float(weight), name)
        for sid, weight, name in query_rows(_key_stakeholders().select_extend(s.name))
    }
    weights = {sid: weight for sid, (weight, _name) in key.items()}
    weeks = week_ends(start, end)
    points = []
    if weights:
        key_ids = _key_stakeholders().select(m.Stakeholder.id)
        # From the first week's Monday, so every check of that week is listed in it.
        points = trust_points(since=weeks[0] - timedelta(days=6), until=weeks[-1], people=key_ids)
    values = trust_index_series(points, weights, weeks)
    by_week: dict[date, list[tuple[int, float]]] = defaultdict(list)
    first_week_start = weeks[0] - timedelta(days=6)
    for point in points:
        if point.on >= first_week_start:
            week_end = clock.week_start(point.on) + timedelta(days=6)
            by_week[week_end].append((point.stakeholder_id, _score(point.quotient)))
    checked = {point.stakeholder_id for point in points}
    return TrustIndexSeries(
        weeks,
        values,
        trust_index_change(values),
        len(weights),
        dict(by_week),
        {sid: name for sid, (_weight, name) in key.items()},
        tuple(
            sorted((sid for sid in weights if sid not in checked), key=lambda sid: -weights[sid])
        ),
    )


def trust_scores_between(
    *,
    start: date,
    end: date,
    people: ModelSelect[m.Stakeholder] | Sequence[int] | None = None,
) -> dict[int, tuple[float, float]]:
    """Each person's trust score (0–100) at the start of [start, end] and at its end: the
    latest check by ``start`` (or, for someone first checked during the period, that first
    check) and the latest by ``end``. People checked only once in all show the same score
    twice. ``people`` narrows to some stakeholder ids (a list or query)."""
    first: dict[int, float] = {}
    last: dict[int, float] = {}
    for point in trust_points(until=end, people=people):  # oldest first
        score = trust_rules.trust_scale_100(point.quotient)
        if point.on <= start or point.stakeholder_id not in first:
            first[point.stakeholder_id] = score
        last[point.stakeholder_id] = score
    return {sid: (first[sid], last[sid]) for sid in last}


# -- perception ------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Perception:
    stakeholder_id: int
    name: str
    warmth: int
    competence: int
    checked_on: date


def warmth_competence() -> list[Perception]:
    """Each active person's latest warmth and competence as they see me."""
    rows = cached_rows("warmth_competence", _warmth_competence_query)
    return [Perception(sid, name, w, c, as_date(on)) for sid, name, w, c, on in rows]


def _warmth_competence_query() -> ModelSelect[m.Stakeholder]:
    s, t = m.Stakeholder, m.TrustCheck
    rated = m.TrustCheck.alias()
    # Each person's latest rated check, found by one index seek per person.
    latest_rated = (
        rated.select(rated.id)
        .where(
            (rated.stakeholder == s.id)
            & rated.warmth.is_null(False)
            & rated.competence.is_null(False)
        )
        .order_by(rated.checked_on.desc(), rated.id.desc())
        .limit(1)
    )
    return (
        s.select(s.id, s.name, t.warmth, t.competence, t.checked_on)
        .join(t, on=(t.id == latest_rated))
        .where(s.archived == False)  # noqa: E712
        .order_by(s.name)
    )
