"""Stakeholders: the people whose trust I am building."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from peewee import fn

from advisor_planner.domain import stakeholder_map
from advisor_planner.domain.cadence import CadenceStatus, cadence_status, days_overdue
from advisor_planner.domain.enums import Engagement, StakeholderKind
from advisor_planner.services import clock
from advisor_planner.services import validation as v
from advisor_planner.services.errors import ValidationError
from advisor_planner.services.insights.query import as_optional_date, query_rows
from advisor_planner.services.records import Link, RecordKind, TrashItem
from advisor_planner.services.rows import tuples
from advisor_planner.store import models as m
from advisor_planner.translation import translate

MAX_CADENCE_DAYS = 365
MAX_TAGS = 30


@dataclass(frozen=True, slots=True, kw_only=True)
class Stakeholder:
    id: int = 0
    name: str = ""
    title: str = ""
    organisation: str = ""
    business_unit: str = ""
    kind: str = StakeholderKind.INTERNAL.value
    email: str = ""
    phone: str = ""
    notes: str = ""
    power: int = 3
    interest: int = 3
    engagement_current: str = Engagement.NEUTRAL.value
    engagement_desired: str = Engagement.SUPPORTIVE.value
    cadence_days: int | None = None
    archived: bool = False
    tags: tuple[str, ...] = ()
    created_at: datetime | None = None
    updated_at: datetime | None = None


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    email = v.text("email", values["email"], max_len=320)
    if email and ("@" not in email or " " in email):
        problem = translate("Validation", "'{0}' is not an email address").format(email)
        raise ValidationError("email", problem)
    tags = values["tags"] or ()
    if isinstance(tags, str):
        tags = [part for part in tags.split(",")]
    clean_tags: list[str] = []
    for tag in tags:
        name = v.text("tags", tag, max_len=100)
        if name and name not in clean_tags:
            clean_tags.append(name)
    if len(clean_tags) > MAX_TAGS:
        raise ValidationError("tags", translate("Validation", "at most {0} tags").format(MAX_TAGS))
    return {
        "name": v.text("name", values["name"], required=True),
        "title": v.text("title", values["title"]),
        "organisation": v.text("organisation", values["organisation"]),
        "business_unit": v.text("business_unit", values["business_unit"]),
        "kind": v.choice("kind", values["kind"], StakeholderKind),
        "email": email,
        "phone": v.text("phone", values["phone"], max_len=64),
        "notes": v.long_text("notes", values["notes"]),
        "power": v.integer("power", values["power"], 1, 5),
        "interest": v.integer("interest", values["interest"], 1, 5),
        "engagement_current": v.choice(
            "engagement_current", values["engagement_current"], Engagement
        ),
        "engagement_desired": v.choice(
            "engagement_desired", values["engagement_desired"], Engagement
        ),
        "cadence_days": v.integer(
            "cadence_days", values["cadence_days"], 1, MAX_CADENCE_DAYS, optional=True
        ),
        "archived": v.boolean("archived", values["archived"]),
        "tags": tuple(clean_tags),
    }


KIND: RecordKind[Stakeholder] = RecordKind(
    name="stakeholder",
    model=m.Stakeholder,
    record_type=Stakeholder,
    clean=_clean,
    label=lambda s: s.name,
    links={"tags": Link(m.StakeholderTag, "stakeholder", "tag", by_name=(m.Tag, "name"))},
)


def create(**fields: Any) -> Stakeholder:
    return KIND.create(fields)


def create_many(many: Sequence[Mapping[str, Any]]) -> list[int]:
    """Create many at once (an import), checked as ``create`` checks one; their ids."""
    return KIND.create_many(many)


def update(*, stakeholder_id: int, **changes: Any) -> Stakeholder:
    return KIND.update(stakeholder_id, changes)


def get(*, stakeholder_id: int) -> Stakeholder:
    return KIND.get(stakeholder_id)


def delete(*, stakeholder_id: int) -> TrashItem:
    """Move the person, their trust checks, feedback, commitments and links to the trash."""
    return KIND.delete(stakeholder_id)


def list_all(*, include_archived: bool = False, search: str = "") -> list[Stakeholder]:
    """Everyone, by name; ``search`` matches name, title, organisation, unit, email or tags."""
    query = m.Stakeholder.select()
    if not include_archived:
        query = query.where(m.Stakeholder.archived == False)  # noqa: E712 - peewee expression
    if search.strip():
        needle = search.strip()
        tagged = (
            m.StakeholderTag.select(m.StakeholderTag.stakeholder)
            .join(m.Tag)
            .where(m.Tag.name.contains(needle))
        )
        query = query.where(
            m.Stakeholder.name.contains(needle)
            | m.Stakeholder.title.contains(needle)
            | m.Stakeholder.organisation.contains(needle)
            | m.Stakeholder.business_unit.contains(needle)
            | m.Stakeholder.email.contains(needle)
            | (m.Stakeholder.id.in_(tagged))
        )
    return KIND.to_records(list(query.order_by(fn.LOWER(m.Stakeholder.name), m.Stakeholder.id)))


def names(*, include_archived: bool = False) -> dict[int, str]:
    """id → name, cheaply, for pickers and labels (the driver's rows: peewee's conversion
    of each row was most of the time, 6 ms of the first quick log's opening for 1,000 people
    on the GUI thread)."""
    query = m.Stakeholder.select(m.Stakeholder.id, m.Stakeholder.name)
    if not include_archived:
        query = query.where(m.Stakeholder.archived == False)  # noqa: E712
    return dict(query_rows(query.order_by(fn.LOWER(m.Stakeholder.name))))


def find_by_name(text: str, *, limit: int = 10) -> list[tuple[int, str]]:
    """Type-ahead: names starting with ``text`` first, then names containing it."""
    text = text.strip()
    if not text:
        return []
    base = m.Stakeholder.select(m.Stakeholder.id, m.Stakeholder.name).where(
        m.Stakeholder.archived == False  # noqa: E712
    )
    starts: list[tuple[int, str]] = list(
        tuples(
            base.where(m.Stakeholder.name.startswith(text))
            .order_by(fn.LOWER(m.Stakeholder.name))
            .limit(limit)
        )
    )
    if len(starts) < limit:
        seen = {row[0] for row in starts}
        contains = base.where(m.Stakeholder.name.contains(text)).order_by(
            fn.LOWER(m.Stakeholder.name)
        )
        starts += [row for row in tuples(contains.limit(limit * 2)) if row[0] not in seen]
    return starts[:limit]


def count() -> int:
    return m.Stakeholder.select().count()


# -- bounded queries for the weekly reflection ------------------------------------------------
@dataclass(frozen=True, slots=True)
class Lapsed:
    """Someone past their cadence: who, whether a key person, and where the cadence stands."""

    id: int
    name: str
    power: int
    interest: int
    key: bool
    cadence: CadenceStatus

    @property
    def cadences_overdue(self) -> float | None:
        """Cadences passed since they were due (None: never contacted)."""
        if self.cadence.days_until_due is None:
            return None
        return stakeholder_map.cadences_overdue(
            days_overdue(self.cadence), self.cadence.cadence_days or 0
        )


def past_cadence(*, today: date | None = None, key_only: bool = False) -> list[Lapsed]:
    """The active people past their cadence, most pressing first: the order of the dashboard's
    "who needs attention" (``insights.relationships.needs_attention``: key people first, then
    by cadences overdue, never contacted last), which a test holds equal.

    Only the people with a cadence are read, each one's last contact by one seek in the
    (stakeholder, occurred_on) index: none of ``people_status``'s health and follow-through
    work, which is a whole window of touchpoints and promises.
    """
    today = today or clock.today()
    s, link = m.Stakeholder, m.TouchpointStakeholder
    last_contact = link.select(fn.MAX(link.occurred_on)).where(
        (link.stakeholder == s.id) & (link.occurred_on <= today)
    )
    # Past due in SQL (last contact + cadence before today; never contacted: no due day, read
    # as ""), so only the lapsed rows reach Python: the per-row work had been two thirds of
    # the time on 3,000 people.
    due_on = fn.COALESCE(fn.date(last_contact, fn.printf("+%d days", s.cadence_days)), "")
    query = s.select(s.id, s.name, s.power, s.interest, s.cadence_days, last_contact).where(
        (s.archived == False)  # noqa: E712 - peewee expression
        & (s.cadence_days > 0)
        & (due_on < today.isoformat())
    )
    if key_only:
        query = query.where(s.power * s.interest >= stakeholder_map.KEY_THRESHOLD)
    lapsed = []
    for sid, name, power, interest, cadence_days, last in query_rows(query):
        status = cadence_status(as_optional_date(last), cadence_days, today=today)
        key = stakeholder_map.is_key_stakeholder(power, interest)
        lapsed.append(Lapsed(sid, name, power, interest, key, status))
    lapsed.sort(
        key=lambda p: (
            stakeholder_map.attention_rank(
                key=p.key, cadences=p.cadences_overdue, weight=p.power * p.interest
            ),
            p.name.casefold(),
        )
    )
    return lapsed


def names_of(ids: Iterable[int]) -> dict[int, str]:
    """id → name of the people ``ids`` (archived too), in one indexed query."""
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return {}
    query = m.Stakeholder.select(m.Stakeholder.id, m.Stakeholder.name)
    return dict(tuples(query.where(m.Stakeholder.id.in_(wanted))))
