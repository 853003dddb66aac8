"""Touchpoints: conversations with one or more stakeholders, and the promises made in them."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from peewee import JOIN, Expression, ModelSelect, fn

from advisor_planner.domain.enums import Channel, Initiator, Purpose, Reciprocity, TrustStage
from advisor_planner.services import clock, commitments
from advisor_planner.services import validation as v
from advisor_planner.services.errors import ValidationError
from advisor_planner.services.records import Link, RecordKind, TrashItem, require_existing
from advisor_planner.services.rows import tuples
from advisor_planner.store import models as m
from advisor_planner.store.connection import interruptible
from advisor_planner.translation import translate

MAX_PEOPLE = 100


@dataclass(frozen=True, slots=True, kw_only=True)
class Touchpoint:
    id: int = 0
    occurred_at: datetime | None = None  # aware, UTC
    occurred_on: date | None = None  # the local calendar day
    has_time: bool = True
    subject: str = ""
    channel: str = Channel.ONE_ON_ONE.value
    purpose: str = Purpose.LISTEN.value
    stage: str | None = None
    listening: int | None = None
    sentiment: int | None = None
    reciprocity: str | None = None
    initiated_by: str = Initiator.ME.value
    notes: str = ""
    external_uid: str | None = None
    stakeholder_ids: tuple[int, ...] = ()
    created_at: datetime | None = None
    updated_at: datetime | None = None


EARLIEST_YEAR = 1900


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    people = v.ids("stakeholder_ids", values["stakeholder_ids"])
    if not people:
        raise ValidationError(
            "stakeholder_ids", translate("Validation", "name at least one person")
        )
    if len(people) > MAX_PEOPLE:
        problem = translate("Validation", "at most {0} people").format(MAX_PEOPLE)
        raise ValidationError("stakeholder_ids", problem)
    require_existing("stakeholder_ids", m.Stakeholder, people)
    return {**_clean_all_but_people(values), "stakeholder_ids": people}


def validate_all_but_people(fields: Mapping[str, Any]) -> None:
    """Check a touchpoint as ``create`` would, apart from who it was with: an import checks
    this way a touchpoint whose people it has yet to add."""
    _clean_all_but_people({**KIND.defaults(), **fields})


def _clean_all_but_people(values: Mapping[str, Any]) -> dict[str, Any]:
    has_time = v.boolean("has_time", values["has_time"])
    raw_moment = values["occurred_at"]
    if raw_moment is None and values["occurred_on"] is not None:
        # A day alone (an all-day calendar event, say) makes a date-only touchpoint.
        day = v.a_date("occurred_on", values["occurred_on"])
        if day.year < EARLIEST_YEAR:
            problem = translate("Validation", "is before {0}").format(EARLIEST_YEAR)
            raise ValidationError("occurred_on", problem)
        raw_moment = clock.start_of_local_day(day)
        has_time = False
    if raw_moment is None:
        raw_moment = datetime.now().astimezone()
    if not isinstance(raw_moment, datetime):
        raise ValidationError("occurred_at", translate("Validation", "must be a date and time"))
    if raw_moment.year < EARLIEST_YEAR:  # and local-time arithmetic breaks down near year 1
        problem = translate("Validation", "is before {0}").format(EARLIEST_YEAR)
        raise ValidationError("occurred_at", problem)
    if not has_time:
        raw_moment = clock.start_of_local_day(clock.local_day(raw_moment.astimezone()))
    occurred_at = clock.to_utc_naive(raw_moment)
    occurred_on = clock.local_day(occurred_at)
    if occurred_on > clock.today() + timedelta(days=366):
        problem = translate("Validation", "is more than a year in the future")
        raise ValidationError("occurred_at", problem)
    return {
        "occurred_at": occurred_at,
        "occurred_on": occurred_on,
        "has_time": has_time,
        "subject": v.text("subject", values["subject"], max_len=300),
        "channel": v.choice("channel", values["channel"], Channel),
        "purpose": v.choice("purpose", values["purpose"], Purpose),
        "stage": v.choice("stage", values["stage"], TrustStage, optional=True),
        "listening": v.integer("listening", values["listening"], 1, 5, optional=True),
        "sentiment": v.integer("sentiment", values["sentiment"], -2, 2, optional=True),
        "reciprocity": v.choice("reciprocity", values["reciprocity"], Reciprocity, optional=True),
        "initiated_by": v.choice("initiated_by", values["initiated_by"], Initiator),
        "notes": v.long_text("notes", values["notes"]),
        "external_uid": v.text("external_uid", values["external_uid"], max_len=500) or None,
    }


KIND: RecordKind[Touchpoint] = RecordKind(
    name="touchpoint",
    model=m.Touchpoint,
    record_type=Touchpoint,
    clean=_clean,
    label=lambda t: translate("Record", "touchpoint on {0}").format(t.occurred_on),
    links={
        "stakeholder_ids": Link(
            m.TouchpointStakeholder,
            "touchpoint",
            "stakeholder",
            extra=lambda clean: {"occurred_on": clean["occurred_on"]},
        )
    },
    read=lambda values: {**values, "occurred_at": clock.from_utc_naive(values["occurred_at"])},
)


def create(**fields: Any) -> Touchpoint:
    return KIND.create(fields)


def create_many(many: Sequence[Mapping[str, Any]]) -> list[int]:
    """Create many at once (an import), checked as ``create`` checks one; their ids."""
    return KIND.create_many(many)


def update(*, touchpoint_id: int, **changes: Any) -> Touchpoint:
    if changes.get("occurred_on") is not None and changes.get("occurred_at") is None:
        # A new day alone moves the touchpoint to that day (the stored moment would otherwise
        # win and the new day be silently dropped), keeping its local time when it has one.
        day = v.a_date("occurred_on", changes["occurred_on"])
        current = KIND.get(touchpoint_id)
        if changes.get("has_time", current.has_time) and current.occurred_at is not None:
            wall = current.occurred_at.astimezone().time()
            changes["occurred_at"] = datetime.combine(day, wall).astimezone()
        else:
            changes["occurred_at"] = None
    return KIND.update(touchpoint_id, changes)


def get(*, touchpoint_id: int) -> Touchpoint:
    return KIND.get(touchpoint_id)


def delete(*, touchpoint_id: int) -> TrashItem:
    """Move the touchpoint and the commitments made in it to the trash."""
    return KIND.delete(touchpoint_id)


@dataclass(frozen=True, slots=True)
class LoggedTouchpoint:
    touchpoint: Touchpoint
    commitments: tuple[commitments.Commitment, ...]


def log(*, commitments_made: Sequence[Mapping[str, Any]] = (), **fields: Any) -> LoggedTouchpoint:
    """Quick log: a touchpoint and the commitments made in it, in one transaction.

    Each commitment is a mapping with ``text`` and optionally ``due_on`` and ``stakeholder_id``
    (default: the first person in the touchpoint); it is made on the touchpoint's day.
    """
    with m.database.atomic():
        touchpoint = create(**fields)
        made = []
        for index, promise in enumerate(commitments_made):
            try:
                made.append(
                    commitments.create(
                        text=promise.get("text", ""),
                        due_on=promise.get("due_on"),
                        stakeholder_id=promise.get("stakeholder_id")
                        or touchpoint.stakeholder_ids[0],
                        touchpoint_id=touchpoint.id,
                        made_on=touchpoint.occurred_on,
                    )
                )
            except ValidationError as exc:
                raise ValidationError(f"commitment {index + 1} {exc.field}", exc.problem) from exc
    return LoggedTouchpoint(touchpoint, tuple(made))


@dataclass(frozen=True, slots=True)
class TouchpointRow:
    """A touchpoint as the list shows it: the people as names, notes cut short."""

    id: int
    occurred_at: datetime
    has_time: bool
    people: str
    channel: str
    purpose: str
    listening: int | None
    sentiment: int | None
    subject: str


def _filtered(
    search: str, stakeholder_id: int | None, start: date | None = None, end: date | None = None
) -> ModelSelect[m.Touchpoint]:
    t = m.Touchpoint
    query = t.select()
    if start is not None:
        query = query.where(t.occurred_on >= start)
    if end is not None:
        query = query.where(t.occurred_on <= end)
    if stakeholder_id is not None:
        query = query.where(
            t.id.in_(
                m.TouchpointStakeholder.select(m.TouchpointStakeholder.touchpoint).where(
                    m.TouchpointStakeholder.stakeholder == stakeholder_id
                )
            )
        )
    if search.strip():
        query = query.where(_matches(search.strip()))
    return query


#: Above this many people whose names match, the search names them through a subquery rather
#: than as a list of ids (SQLite takes up to 32,766 parameters; a list this long is no faster).
MAX_LISTED_PEOPLE = 500


def _matches(needle: str) -> Expression:
    """Subject, notes or one of the people's names contains ``needle``.

    The people are looked up first (a few thousand names at most), so the touchpoints are still
    walked newest first down the ``occurred_at`` index and the walk stops at the hundredth
    match; each row asks the link index whether one of those people was there. The former
    ``id IN (links JOIN names)`` built the list of every touchpoint of every matching person
    before the walk could start (50–200 ms on 100,000 touchpoints for any search with a
    name-like fragment); with no name matching, the search costs what a raw ``LIKE`` on subject
    and notes costs.
    """
    t, link, s = m.Touchpoint, m.TouchpointStakeholder, m.Stakeholder
    text = t.subject.contains(needle) | t.notes.contains(needle)
    named = s.select(s.id).where(s.name.contains(needle))
    ids = [sid for (sid,) in tuples(named.limit(MAX_LISTED_PEOPLE + 1))]
    if not ids:
        return text
    people = named if len(ids) > MAX_LISTED_PEOPLE else ids
    # (``+ 0``: each touchpoint's one or two links are read and their people looked up in the
    # list, where SQLite would otherwise seek the index once per listed person: 85 seeks a row
    # for "sa".)
    with_them = link.select(link.id).where(
        (link.touchpoint == t.id) & (link.stakeholder + 0).in_(people)
    )
    return text | fn.EXISTS(with_them)


def count(
    *,
    search: str = "",
    stakeholder_id: int | None = None,
    start: date | None = None,
    end: date | None = None,
) -> int:
    """How many touchpoints match; ``start`` and ``end`` (local days, inclusive) narrow to
    the touchpoints of those days."""
    return _filtered(search, stakeholder_id, start, end).count()


def page(
    *,
    offset: int = 0,
    limit: int = 200,
    search: str = "",
    stakeholder_id: int | None = None,
    start: date | None = None,
    end: date | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> list[TouchpointRow]:
    """One page of the touchpoint list, newest first; the list fetches pages as it scrolls.

    ``start`` and ``end`` (local days, inclusive) narrow it to the touchpoints of those days.
    With ``cancelled``, the queries stop as soon as it turns true and ``Interrupted`` is
    raised: a search on a worker, overtaken by the next keystroke, gives way to it.
    """
    if cancelled is not None:
        with interruptible(cancelled):
            return page(
                offset=offset, limit=limit, search=search, stakeholder_id=stakeholder_id,
                start=start, end=end,
            )  # fmt: skip
    t = m.Touchpoint
    query = (
        _filtered(search, stakeholder_id, start, end)
        .select(
            t.id,
            t.occurred_at,
            t.has_time,
            t.channel,
            t.purpose,
            t.listening,
            t.sentiment,
            t.subject,
        )
        .order_by(t.occurred_at.desc(), t.id.desc())
        .offset(offset)
        .limit(limit)
    )
    rows = list(tuples(query))
    names = _people_names([row[0] for row in rows])
    return [
        TouchpointRow(
            id=row[0],
            occurred_at=clock.from_utc_naive(row[1]),
            has_time=row[2],
            people=", ".join(names.get(row[0], ())),
            channel=row[3],
            purpose=row[4],
            listening=row[5],
            sentiment=row[6],
            subject=row[7],
        )
        for row in rows
    ]


def _people_names(touchpoint_ids: Iterable[int]) -> dict[int, list[str]]:
    ids = list(touchpoint_ids)
    if not ids:
        return {}
    link = m.TouchpointStakeholder
    query = (
        link.select(link.touchpoint, m.Stakeholder.name)
        .join(m.Stakeholder, JOIN.INNER)
        .where(link.touchpoint.in_(ids))
        .order_by(link.id)
    )
    names: dict[int, list[str]] = {}
    for touchpoint_id, name in tuples(query):
        names.setdefault(touchpoint_id, []).append(name)
    return names


def between(*, start: date, end: date, stakeholder_id: int | None = None) -> list[Touchpoint]:
    """Touchpoints whose local day is in [start, end], oldest first."""
    query = _filtered("", stakeholder_id).where(m.Touchpoint.occurred_on.between(start, end))
    return KIND.to_records(list(query.order_by(m.Touchpoint.occurred_at, m.Touchpoint.id)))


def last_contact_by_stakeholder() -> dict[int, date]:
    """Each stakeholder's most recent touchpoint day (an index-only scan of the link table)."""
    link = m.TouchpointStakeholder
    query = link.select(link.stakeholder, fn.MAX(link.occurred_on)).group_by(link.stakeholder)
    return {sid: _as_date(day) for sid, day in tuples(query)}


def _as_date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


@dataclass(frozen=True, slots=True)
class Imported:
    """A touchpoint a calendar import made, and when it stands now."""

    touchpoint_id: int
    occurred_at: datetime  # local, aware
    has_time: bool


def imported() -> dict[str, Imported]:
    """The touchpoints imports made, by where each came from (``external_uid``)."""
    t = m.Touchpoint
    rows = t.select(t.external_uid, t.id, t.occurred_at, t.has_time).where(
        t.external_uid.is_null(False)
    )
    return {
        uid: Imported(touchpoint_id, clock.from_utc_naive(moment), bool(has_time))
        for uid, touchpoint_id, moment, has_time in tuples(rows)
    }


def external_uids() -> set[str]:
    """Where imported touchpoints came from (an iCalendar UID and start each), so importing
    the same calendar again adds nothing."""
    t = m.Touchpoint
    return {uid for (uid,) in tuples(t.select(t.external_uid).where(t.external_uid.is_null(False)))}
