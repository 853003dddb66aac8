"""The trash: deleted records wait here until restored or purged."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from advisor_planner.services.errors import NotFoundError
from advisor_planner.store import trash as store_trash
from advisor_planner.store.models import TrashEntry


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
        query = query.where(TrashEntry.label ** f"%{search.strip()}%")
    return [
        TrashedRecord(*row)
        for row in query.order_by(TrashEntry.deleted_at.desc(), TrashEntry.id.desc()).tuples()
    ]


def _require(entry_id: int) -> None:
    if not TrashEntry.select().where(TrashEntry.id == entry_id).exists():
        raise NotFoundError("trash entry", entry_id)


def restore(*, entry_id: int) -> store_trash.RestoreResult:
    """Put the record and everything deleted with it back under their old ids."""
    _require(entry_id)
    return store_trash.restore(entry_id)


def purge(*, entry_id: int) -> None:
    _require(entry_id)
    store_trash.purge(entry_id)


def empty() -> int:
    return store_trash.empty_trash()


def count() -> int:
    return TrashEntry.select().count()
