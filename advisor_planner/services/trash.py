"""The trash: deleted records wait here until restored or purged."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from peewee import IntegrityError

from advisor_planner.services.errors import NotFoundError
from advisor_planner.services.records import TrashItem, _integrity_to_validation
from advisor_planner.services.rows import tuples
from advisor_planner.store import models as m
from advisor_planner.store import trash as store_trash
from advisor_planner.store.models import TrashEntry
from advisor_planner.translation import QT_TRANSLATE_NOOP


@dataclass(frozen=True, slots=True)
class TrashedRecord:
    entry_id: int
    kind: str
    record_id: int
    label: str
    deleted_at: datetime


def list_entries(*, search: str = "") -> list[TrashedRecord]:
    query = TrashEntry.select(
        TrashEntry.id,
        TrashEntry.kind,
        TrashEntry.record_id,
        TrashEntry.label,
        TrashEntry.deleted_at,
    )
    if search.strip():
        query = query.where(TrashEntry.label.contains(search.strip()))
    ordered = query.order_by(TrashEntry.deleted_at.desc(), TrashEntry.id.desc())
    return [TrashedRecord(*row) for row in tuples(ordered)]


def _require(entry_id: int) -> None:
    if not TrashEntry.select().where(TrashEntry.id == entry_id).exists():
        raise NotFoundError(QT_TRANSLATE_NOOP("Record", "trash entry"), entry_id)


def restore(*, entry_id: int) -> store_trash.RestoreResult:
    """Put the record and everything deleted with it back under their old ids.

    Raises ``ValidationError`` when a record made meanwhile holds a value that must be unique
    (the reflection of the same week, say); nothing is restored then and the entry stays.
    """
    _require(entry_id)
    entry = TrashEntry.get_by_id(entry_id)
    with m.database.atomic():
        result = _put_back(entry.kind, json.loads(entry.payload))
        store_trash.purge(entry_id)
    return result


def withdraw(*, entry_id: int) -> str:
    """Take an entry out of the trash without restoring it; return its payload.

    Undoing a create uses this: the record is deleted as usual, but what it made should not
    linger in the trash, and redo puts it back from the payload (``put_back``).
    """
    _require(entry_id)
    return store_trash.withdraw(entry_id)


def take_back(delete: Callable[[], TrashItem]) -> str:
    """``delete()`` a record just made, then ``withdraw`` it, in one transaction; return the
    payload ``put_back`` restores. (Undoing a create: as two transactions it waited for the
    disk twice, 10-40 ms each on the large demo, on the GUI thread.)"""
    with m.database.atomic():
        item = delete()
        return withdraw(entry_id=item.entry_id)


def put_back(*, kind: str, payload: str) -> store_trash.RestoreResult:
    """Restore records from a payload that ``withdraw`` returned."""
    return _put_back(kind, json.loads(payload))


def _put_back(kind: str, payload: dict[str, Any]) -> store_trash.RestoreResult:
    moved = {row["touchpoint"] for row in payload["rows"].get("touchpoint_stakeholder", ())}
    try:
        with m.database.atomic():
            result = store_trash.restore_payload(payload)
            _resync_link_days(moved)
    except IntegrityError as exc:
        raise _integrity_to_validation(kind, exc) from exc
    return result


def _resync_link_days(touchpoint_ids: set[int]) -> None:
    """Restored links carry the day their touchpoint had when trashed; it may have moved since."""
    link = m.TouchpointStakeholder
    ids = sorted(touchpoint_ids)
    for start in range(0, len(ids), 500):
        for touchpoint_id, day in tuples(
            m.Touchpoint.select(m.Touchpoint.id, m.Touchpoint.occurred_on).where(
                m.Touchpoint.id.in_(ids[start : start + 500])
            )
        ):
            link.update(occurred_on=day).where(
                (link.touchpoint == touchpoint_id) & (link.occurred_on != day)
            ).execute()


def purge(*, entry_id: int) -> None:
    _require(entry_id)
    store_trash.purge(entry_id)


def empty() -> int:
    return store_trash.empty_trash()


def count() -> int:
    return TrashEntry.select().count()
