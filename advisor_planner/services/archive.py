"""The JSON archive: every record and every link, taken out and put back exactly.

``export(path)`` writes every table (stakeholders, tags, trust checks, touchpoints and their
people, commitments, feedback, goals with their audience, checkpoints and milestones,
reflections with their focus, initiatives with their people, settings and the trash) as column
names and rows, with a format version and the id sequences, to a temporary file moved into
place. Only the schema's own bookkeeping is left out.

``load(path, merge=...)`` reads the whole file first (``archive_read.read``), refusing any
archive the app could not have written (``archive_checks`` says how) before anything is
written, the id sequences derived from its rows, never taken from the file; then it writes it
in one transaction:

- Into an empty database the rows go back under their own ids, and each id sequence is set past
  the largest id the archive holds (a record in the trash keeps its id to itself), so counts,
  links and text are exactly as they were.
- Into one that holds data it refuses unless ``merge``. Merging gives every row a new id (the
  links follow); a stakeholder with the same email (any case) or exact name as one already
  there is that person; a row identical to one already there (its links followed, its
  timestamps aside) is that row; a row that would clash with one already there (a second
  reflection for a week, a setting already set) is skipped, and so is what belongs to it. The
  trash is not merged: its records would come back under ids that now mean others.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, cast

import peewee

from advisor_planner.atomic import write_text
from advisor_planner.services.archive_format import (
    BY_NAME,
    FORMAT,
    TABLES,
    VERSION,
    Row,
    unique_keys,
)
from advisor_planner.services.archive_read import Archive, read
from advisor_planner.services.errors import FileRefused
from advisor_planner.store import models as m
from advisor_planner.store.migrations import SCHEMA_VERSION
from advisor_planner.translation import translate


@dataclass(slots=True)
class LoadResult:
    added: dict[str, int] = field(default_factory=dict)  # table → rows written
    merged: int = 0  # stakeholders who were already there
    same: int = 0  # other rows identical to ones already there
    skipped: list[str] = field(default_factory=list)  # what was left out, and why
    created: dict[str, list[int]] = field(default_factory=dict)  # table → ids, for ``unload``
    #: Each setting the load wrote → its row before (None: it was not set), for ``unload``.
    settings_before: dict[str, dict[str, Any] | None] = field(default_factory=dict)

    @property
    def total_added(self) -> int:
        return sum(self.added.values())


def _encode(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def export(path: Path) -> dict[str, int]:
    """Write every record to ``path`` as JSON (atomically); return the row count per table."""
    path = Path(path)
    tables: dict[str, Any] = {}
    counts: dict[str, int] = {}
    for model in TABLES:
        fields = list(model._meta.sorted_fields)
        rows = [
            [_encode(value) for value in row]
            for row in _tuples(model.select(*fields).order_by(model._meta.primary_key))
        ]
        tables[model._meta.table_name] = {
            "columns": [f.column_name for f in fields],
            "rows": rows,
        }
        counts[model._meta.table_name] = len(rows)
    document = {
        "format": FORMAT,
        "version": VERSION,
        "schema": SCHEMA_VERSION,
        "exported_at": m.utc_now().isoformat(),
        "tables": tables,
        "sequences": _sequences(),
    }
    write_text(path, lambda out: json.dump(document, out, ensure_ascii=False))
    return counts


def _sequences() -> dict[str, int]:
    """The highest id each table ever handed out (SQLite's AUTOINCREMENT bookkeeping)."""
    try:
        rows = m.database.execute_sql("SELECT name, seq FROM sqlite_sequence").fetchall()
    except peewee.OperationalError:  # no AUTOINCREMENT table yet
        return {}
    return {name: seq for name, seq in rows if name in BY_NAME}


def _restore_sequences(sequences: dict[str, int]) -> None:
    for name, seq in sequences.items():
        cursor = m.database.execute_sql(
            "UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = ?", (seq, name)
        )
        if not cursor.rowcount:  # no row of the table was written (all of them in the trash)
            m.database.execute_sql(
                "INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)", (name, seq)
            )


def is_empty() -> bool:
    """True when the database holds no records (settings aside)."""
    return not any(model.select().exists() for model in TABLES if model is not m.Setting)


def load(path: Path, *, merge: bool = False) -> LoadResult:
    """Put the archive at ``path`` into the database, in one transaction (see the module)."""
    archive = read(path)
    if not is_empty() and not merge:
        raise FileRefused(
            translate(
                "Archive",
                "{0}: this database already holds data; merge the archive into it (--merge), or"
                " import it into a new database",
            ).format(Path(path).name)
        )
    result = LoadResult()
    try:
        with m.database.atomic():
            if is_empty():
                _restore(archive, result)
            else:
                _merge(archive.tables, result)
    except peewee.IntegrityError as exc:  # links to rows the archive does not hold, say
        said = translate("Archive", "{0}: the archive is damaged ({1})")
        raise FileRefused(said.format(Path(path).name, exc)) from None
    return result


def _restore(archive: Archive, result: LoadResult) -> None:
    # Settings an empty database already has (written at start-up) give way to the archive's.
    keys = [row["key"] for row in archive.tables.get(m.Setting._meta.table_name, [])]
    if keys:
        result.settings_before = dict.fromkeys(keys)
        for row in _dicts(m.Setting.select().where(m.Setting.key.in_(keys))):
            del row["id"]
            result.settings_before[row["key"]] = row
        m.Setting.delete().where(m.Setting.key.in_(keys)).execute()
    for model in TABLES:
        name = model._meta.table_name
        rows = archive.tables.get(name, [])
        if model is m.Setting:
            rows = [{k: v for k, v in row.items() if k != "id"} for row in rows]
        for start in range(0, len(rows), 400):
            model.insert_many(rows[start : start + 400]).execute()
        result.added[name] = len(rows)
        if model is not m.Setting:
            result.created[name] = [row["id"] for row in rows]
    _restore_sequences(archive.sequences)


def unload(result: LoadResult) -> None:
    """Take a load back (the app's undo), in one transaction: delete the rows it wrote and put
    back the settings it replaced (those it added go)."""
    with m.database.atomic():
        for model in reversed(TABLES):
            ids = result.created.get(model._meta.table_name, [])
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                model.delete().where(_primary_key(model).in_(chunk)).execute()
        keys = list(result.settings_before)
        for start in range(0, len(keys), 500):
            m.Setting.delete().where(m.Setting.key.in_(keys[start : start + 500])).execute()
        earlier = [row for row in result.settings_before.values() if row is not None]
        for start in range(0, len(earlier), 400):
            m.Setting.insert_many(earlier[start : start + 400]).execute()


#: The values of some of a row's fields, in order: its content, or one of its unique keys.
Values = tuple[Any, ...]


def _dicts(query: peewee.ModelSelect[Any]) -> Iterable[Row]:
    """``query``'s rows as dicts: peewee's stubs type ``dicts()`` as yielding models."""
    return cast(Iterable[Row], query.dicts())


def _tuples(query: peewee.ModelSelect[Any]) -> Iterable[tuple[Any, ...]]:
    """``query``'s rows as tuples: peewee's stubs type ``tuples()`` as yielding models."""
    return cast(Iterable[tuple[Any, ...]], query.tuples())


def _primary_key(model: type[m.BaseModel]) -> peewee.Field:
    """A table's id column (peewee types it as possibly False: every table here has one)."""
    return cast(peewee.Field, model._meta.primary_key)


def _id(record: m.BaseModel) -> Any:
    return record.get_id()  # type: ignore[no-untyped-call]  # peewee leaves get_id untyped


def _foreign_keys(model: type[m.BaseModel]) -> dict[str, type[m.BaseModel]]:
    return {
        f.name: f.rel_model
        for f in model._meta.sorted_fields
        if isinstance(f, peewee.ForeignKeyField)
    }


_NOT_CONTENT = {"id", "created_at", "updated_at"}


def _content_fields(model: type[m.BaseModel]) -> list[str]:
    return [f.name for f in model._meta.sorted_fields if f.name not in _NOT_CONTENT]


def _existing(model: type[m.BaseModel]) -> tuple[dict[Values, int], list[set[Values]]]:
    """Rows already there: their content → id, and the values of each unique key."""
    content = _content_fields(model)
    keys = unique_keys(model)
    by_content: dict[Values, int] = {}
    taken: list[set[Values]] = [set() for _ in keys]
    for found in _dicts(model.select()):
        row = {k: (_id(v) if isinstance(v, m.BaseModel) else v) for k, v in found.items()}
        by_content.setdefault(tuple(row[name] for name in content), row["id"])
        for index, key in enumerate(keys):
            taken[index].add(tuple(row[name] for name in key))
    return by_content, taken


def _merge(tables: dict[str, list[Row]], result: LoadResult) -> None:
    ids: dict[type[m.BaseModel], dict[int, int]] = {}
    people = {p.email.lower(): p.id for p in m.Stakeholder.select() if p.email}
    names = {p.name: p.id for p in m.Stakeholder.select()}
    for model in TABLES:
        name = model._meta.table_name
        rows = tables.get(name, [])
        mapping = ids.setdefault(model, {})
        result.added[name] = 0
        if model is m.TrashEntry:
            if rows:
                said = translate("Archive", "{0} records in the archive's trash: not merged")
                result.skipped.append(said.format(len(rows)))
            continue
        links = _foreign_keys(model)
        content = _content_fields(model)
        keys = unique_keys(model)
        by_content, taken = _existing(model)
        orphans = 0
        for original in rows:
            row = dict(original)
            old_id = row.pop("id", None)
            if model is m.Stakeholder:
                match = people.get((row.get("email") or "").lower()) or names.get(row["name"])
                if match is not None:
                    mapping[old_id] = match
                    result.merged += 1
                    continue
            if any(
                row.get(column) is not None and row[column] not in ids[target]
                for column, target in links.items()
            ):
                orphans += 1
                continue
            for column, target in links.items():
                if row.get(column) is not None:
                    row[column] = ids[target][row[column]]
            same = by_content.get(tuple(row.get(field_name) for field_name in content))
            if same is not None:
                mapping[old_id] = same
                result.same += 1
                continue
            values = [tuple(row.get(f) for f in key) for key in keys]
            clash = next(  # NULLs never clash (SQL's rule for unique columns)
                (key for key, value, seen in zip(keys, values, taken, strict=True)
                 if None not in value and value in seen),
                None,
            )  # fmt: skip
            if clash is not None:
                shown = ", ".join(f"{f} {row.get(f)}" for f in clash if f not in links)
                said = translate("Archive", "{0} ({1}): one is already there")
                result.skipped.append(said.format(name, shown or old_id))
                continue
            new_id = model.insert(row).execute()
            for value, seen in zip(values, taken, strict=True):
                seen.add(value)
            if old_id is not None:
                mapping[old_id] = new_id
            result.added[name] += 1
            if model is m.Setting:
                result.settings_before[row["key"]] = None  # (one already set is a clash)
            else:
                result.created.setdefault(name, []).append(new_id)
        if orphans:
            said = translate("Archive", "{0} {1} rows: what they belong to was left out")
            result.skipped.append(said.format(orphans, name))
