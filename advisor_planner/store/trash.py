"""Deleting to the trash: a record and everything that depends on it, kept as JSON.

``move_to_trash`` snapshots the record and all rows that reference it (following the foreign
keys that cascade, and remembering those that would be set to NULL), stores the snapshot in a
``TrashEntry`` and deletes the record, letting the database cascade. ``restore`` puts every row
back under its old id in one transaction; ids are never reused (``StableIdField``), so nothing
can have taken them meanwhile. Rows whose other parents were purged meanwhile are skipped, or
their link is cleared where the column allows NULL.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, cast

from peewee import Field, ForeignKeyField, Model

from advisor_planner.store.models import (
    ALL_MODELS,
    BaseModel,
    StableIdField,
    TrashEntry,
    database,
)

_MODELS_BY_TABLE: dict[str, type[BaseModel]] = {m._meta.table_name: m for m in ALL_MODELS}
# Insert order that satisfies foreign keys: ALL_MODELS lists parents before children.
_TABLE_ORDER = {m._meta.table_name: index for index, m in enumerate(ALL_MODELS)}


def _json_value(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return str(value)
    return value


def _backrefs(model: type[Model]) -> list[ForeignKeyField]:
    return [fk for fk in model._meta.backrefs if fk.model in _MODELS_BY_TABLE.values()]


def snapshot(model: type[BaseModel], record_id: int) -> dict[str, Any]:
    """Every row that deleting ``model`` #``record_id`` would remove, plus links it would clear."""
    rows: dict[str, dict[int | str, dict[str, Any]]] = {}
    relinks: list[dict[str, Any]] = []
    pending: list[tuple[type[BaseModel], list[Any]]] = [(model, [record_id])]
    while pending:
        current, ids = pending.pop()
        pk = _primary_key(current)
        found = cast(Iterable[dict[str, Any]], current.select().where(pk.in_(ids)).dicts())
        table = rows.setdefault(current._meta.table_name, {})
        new_ids = []
        for row in found:
            key = row[pk.name]
            if key not in table:
                table[key] = {k: _json_value(v) for k, v in row.items()}
                new_ids.append(key)
        if not new_ids:
            continue
        for fk in _backrefs(current):
            if fk.on_delete == "CASCADE":
                child_ids = [
                    r[0]
                    for r in fk.model.select(fk.model._meta.primary_key)
                    .where(fk.in_(new_ids))
                    .tuples()
                ]
                if child_ids:
                    pending.append((fk.model, child_ids))
            elif fk.null:
                child_pk = fk.model._meta.primary_key
                for child_id, parent_id in (
                    fk.model.select(child_pk, fk).where(fk.in_(new_ids)).tuples()
                ):
                    relinks.append(
                        {
                            "table": fk.model._meta.table_name,
                            "id": child_id,
                            "column": fk.column_name,
                            "value": parent_id,
                        }
                    )
    return {
        "rows": {table: list(by_id.values()) for table, by_id in rows.items()},
        "relinks": relinks,
    }


def move_to_trash(model: type[BaseModel], record_id: int, *, kind: str, label: str) -> TrashEntry:
    """Snapshot and delete one record with its dependents; return the trash entry."""
    with database.atomic():
        payload = snapshot(model, record_id)
        entry = TrashEntry.create(
            kind=kind, record_id=record_id, label=label[:300], payload=json.dumps(payload)
        )
        model.delete().where(model._meta.primary_key == record_id).execute()
    return entry


@dataclass(frozen=True, slots=True)
class RestoreResult:
    restored_rows: int
    skipped_rows: int


def _exists(model: type[Model], key: Any) -> bool:
    return model.select().where(model._meta.primary_key == key).exists()


def restore(entry_id: int) -> RestoreResult:
    """Put a trashed record and its dependents back, then drop the trash entry."""
    with database.atomic():
        entry = TrashEntry.get_by_id(entry_id)
        result = restore_payload(json.loads(entry.payload))
        entry.delete_instance()
    return result


def withdraw(entry_id: int) -> str:
    """Remove a trash entry and hand back its payload (an undone create keeps it for redo)."""
    with database.atomic():
        entry = TrashEntry.get_by_id(entry_id)
        entry.delete_instance()
    return entry.payload


def restore_payload(payload: dict[str, Any]) -> RestoreResult:
    """Insert the rows of a snapshot (see ``snapshot``) under their old ids."""
    with database.atomic():
        restored = skipped = 0
        tables = sorted(payload["rows"], key=lambda name: _TABLE_ORDER[name])
        for table in tables:
            model = _MODELS_BY_TABLE[table]
            pk = _primary_key(model)
            for row in payload["rows"][table]:
                if not isinstance(pk, StableIdField) and _exists(model, row[pk.name]):
                    # Link rows keep plain rowids, which SQLite hands out again once the
                    # largest is deleted; nothing refers to a link by id, so take a new one.
                    del row[pk.name]
                if _fix_missing_parents(model, row):
                    model.insert(**row).execute()
                    restored += 1
                else:
                    skipped += 1
        for link in payload["relinks"]:
            model = _MODELS_BY_TABLE[link["table"]]
            field = next(f for f in model._meta.sorted_fields if f.column_name == link["column"])
            parent = field.rel_model
            if _exists(parent, link["value"]):
                model.update({field: link["value"]}).where(
                    (model._meta.primary_key == link["id"]) & field.is_null()
                ).execute()
    return RestoreResult(restored, skipped)


def _fix_missing_parents(model: type[BaseModel], row: dict[str, Any]) -> bool:
    """Clear links to parents that no longer exist; False when a required parent is gone."""
    for field in model._meta.sorted_fields:
        if not isinstance(field, ForeignKeyField):
            continue
        value = row.get(field.name)
        if value is None or _exists(field.rel_model, value):
            continue
        if not field.null:
            return False
        row[field.name] = None
    return True


def purge(entry_id: int) -> None:
    TrashEntry.delete().where(_primary_key(TrashEntry) == entry_id).execute()


def empty_trash() -> int:
    return int(TrashEntry.delete().execute())


def _primary_key(model: type[Model]) -> Field:
    """A model's primary key column (peewee types it as possibly False: ours all have one)."""
    return cast(Field, model._meta.primary_key)
