"""The machinery every record service shares: create, update, get, list and delete to trash.

A record kind pairs a peewee model with a frozen dataclass whose fields are the model's
columns (a foreign key ``stakeholder`` appears as ``stakeholder_id``), any many-to-many links
(as tuples of ids), and ``id``/``created_at``/``updated_at``. Every dataclass field has a
default, which is also the default a new record gets. Each kind supplies ``clean``, which
validates a whole record's values and raises ``ValidationError``; writes happen in one
transaction after it passes.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from peewee import ForeignKeyField, IntegrityError

from advisor_planner.services.errors import NotFoundError, ValidationError
from advisor_planner.services.rows import tuples
from advisor_planner.store import trash
from advisor_planner.store.models import BaseModel, Record, database, utc_now
from advisor_planner.translation import translate

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

R = TypeVar("R", bound="DataclassInstance")
#: What a record holds for a many-to-many link: the linked records' ids, or their names for a
#: link ``by_name`` (a person's tags).
LinkTarget = int | str
AUTO_FIELDS = frozenset({"id", "created_at", "updated_at"})


@dataclass(frozen=True, slots=True)
class Link:
    """A many-to-many link held in ``through``: ``owner`` points at the record, ``target`` out."""

    through: type[BaseModel]
    owner: str
    target: str
    # Extra columns copied onto each link row from the owner's clean values.
    extra: Callable[[Mapping[str, Any]], dict[str, Any]] | None = None
    # For links to named things (tags): the target model and its name field. The record then
    # holds names, and writing creates any target that does not exist yet.
    by_name: tuple[type[BaseModel], str] | None = None


@dataclass(frozen=True, slots=True)
class TrashItem:
    """What a delete returns: the trash entry that can restore the record."""

    entry_id: int
    kind: str
    record_id: int
    label: str


@dataclass
class RecordKind(Generic[R]):
    name: str
    model: type[Record]
    record_type: type[R]
    clean: Callable[[dict[str, Any]], dict[str, Any]]
    # What a person calls one record ("trust check on 2026-11-22"), in their language. The
    # trash keeps it as written at the delete, so a record deleted before the language
    # changed keeps the old words: the entry holds no record to word it afresh from.
    label: Callable[[R], str]
    links: Mapping[str, Link] = field(default_factory=dict)
    # Turns values read from a row into what the dataclass holds (stored UTC → aware, say).
    read: Callable[[dict[str, Any]], dict[str, Any]] | None = None

    def __post_init__(self) -> None:
        self._columns: dict[str, str] = {}  # dataclass field name -> model field name
        for model_field in self.model._meta.sorted_fields:
            if isinstance(model_field, ForeignKeyField):
                self._columns[model_field.object_id_name] = model_field.name
            else:
                self._columns[model_field.name] = model_field.name
        names = [f.name for f in dataclasses.fields(self.record_type)]
        # Fields read straight off a model row (``row.stakeholder_id`` for a foreign key).
        self._row_fields = [name for name in names if name in self._columns]
        self._writable = [
            f.name for f in dataclasses.fields(self.record_type) if f.name not in AUTO_FIELDS
        ]

    # -- reading ---------------------------------------------------------------------------
    def defaults(self) -> dict[str, Any]:
        return {
            f.name: f.default
            for f in dataclasses.fields(self.record_type)
            if f.name not in AUTO_FIELDS
        }

    def to_records(self, rows: Sequence[Record]) -> list[R]:
        """Dataclasses for model rows, with their links fetched in one query per link."""
        link_values: dict[str, dict[int, list[LinkTarget]]] = {}
        row_ids: list[int] = [row.id for row in rows]
        for name, link in self.links.items():
            owner = getattr(link.through, link.owner)
            target = getattr(link.through, link.target)
            by_owner: dict[int, list[LinkTarget]] = {}
            for chunk_start in range(0, len(row_ids), 500):
                chunk = row_ids[chunk_start : chunk_start + 500]
                if link.by_name:
                    name_model, name_field = link.by_name
                    query = (
                        link.through.select(owner, getattr(name_model, name_field))
                        .join(name_model, on=(target == name_model.id))
                        .where(owner.in_(chunk))
                        .order_by(link.through.id)
                    )
                else:
                    query = (
                        link.through.select(owner, target)
                        .where(owner.in_(chunk))
                        .order_by(link.through.id)
                    )
                for owner_id, target_id in tuples(query):
                    by_owner.setdefault(owner_id, []).append(target_id)
            link_values[name] = by_owner
        records = []
        for row in rows:
            values = {name: getattr(row, name) for name in self._row_fields}
            for name, by_owner in link_values.items():
                values[name] = tuple(by_owner.get(row.id, ()))
            if self.read:
                values = self.read(values)
            records.append(self.record_type(**values))
        return records

    def get(self, record_id: int) -> R:
        row = self.model.get_or_none(self.model.id == record_id)
        if row is None:
            raise NotFoundError(self.name, record_id)
        return self.to_records([row])[0]

    # -- writing ---------------------------------------------------------------------------
    def _check_names(self, values: Mapping[str, Any]) -> None:
        for name in values:
            if name not in self._writable:
                problem = translate("Validation", "is not a field of a {0}").format(self.name)
                raise ValidationError(name, problem)

    def _split(self, clean: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, tuple[Any, ...]]]:
        """``clean`` as the model's columns and the links' targets: ids, or names for a link
        ``by_name``, as ``clean`` made them."""
        columns = {self._columns[k]: v for k, v in clean.items() if k not in self.links}
        links = {k: v for k, v in clean.items() if k in self.links}
        return columns, links

    def _write_links(
        self,
        record_id: int,
        links: Mapping[str, tuple[Any, ...]],
        clean: Mapping[str, Any],
    ) -> None:
        for name, targets in links.items():
            link = self.links[name]
            owner = getattr(link.through, link.owner)
            link.through.delete().where(owner == record_id).execute()
            extra = link.extra(clean) if link.extra else {}
            target_ids = _ids_for_names(*link.by_name, targets) if link.by_name else targets
            rows = [{link.owner: record_id, link.target: tid, **extra} for tid in target_ids]
            if rows:
                link.through.insert_many(rows).execute()

    def _checked_write(self, action: Callable[[], int]) -> int:
        try:
            with database.atomic():
                return action()
        except IntegrityError as exc:
            raise _integrity_to_validation(self.name, exc) from exc

    def validate(self, fields: Mapping[str, Any]) -> dict[str, Any]:
        """Check a whole record's values as ``create`` would, writing nothing.

        Forms call this as the user types, so every rule lives here once.
        """
        self._check_names(fields)
        return self.clean({**self.defaults(), **fields})

    def create(self, fields: Mapping[str, Any]) -> R:
        self._check_names(fields)
        values = {**self.defaults(), **fields}
        clean = self.clean(values)
        columns, links = self._split(clean)

        def insert() -> int:
            record_id: int = self.model.insert(**columns).execute()  # the new row's id
            self._write_links(record_id, links, clean)
            return record_id

        return self.get(self._checked_write(insert))

    def create_many(self, many: Sequence[Mapping[str, Any]], *, batch: int = 200) -> list[int]:
        """Create a record for each of ``many`` (an import's thousands) with the same checks
        as ``create``, in one transaction and a few statements per batch; return their ids
        in order. A ``ValidationError`` for one of them carries its index as ``position``;
        nothing is kept then."""
        cleaned = []
        with checking_many():
            for number, fields in enumerate(many, start=1):
                try:
                    cleaned.append(self.validate(fields))
                except ValidationError as exc:
                    exc.position = number - 1
                    raise
        ids: list[int] = []
        name_ids: dict[str, dict[str, int]] = {}  # link name → target name → id
        with database.atomic():
            for start in range(0, len(cleaned), batch):
                chunk = cleaned[start : start + batch]
                columns = [self._split(clean)[0] for clean in chunk]
                try:
                    query = self.model.insert_many(columns).returning(self.model.id).tuples()
                    # SQLite hands out AUTOINCREMENT ids in insertion order; RETURNING's own
                    # order is not promised, so the sorted ids are the rows' in turn.
                    chunk_ids = sorted(row[0] for row in query.execute())
                except IntegrityError as exc:
                    raise _integrity_to_validation(self.name, exc) from exc
                ids += chunk_ids
                for name, link in self.links.items():
                    rows = []
                    for record_id, clean in zip(chunk_ids, chunk, strict=True):
                        targets = clean[name]
                        if link.by_name:
                            known = name_ids.setdefault(name, {})
                            targets = _ids_for_names(*link.by_name, targets, known=known)
                        extra = link.extra(clean) if link.extra else {}
                        rows += [{link.owner: record_id, link.target: t, **extra} for t in targets]
                    for row_start in range(0, len(rows), 400):
                        link.through.insert_many(rows[row_start : row_start + 400]).execute()
        return ids

    def update(self, record_id: int, changes: Mapping[str, Any]) -> R:
        self._check_names(changes)
        current = self.get(record_id)
        values = {name: getattr(current, name) for name in self._writable}
        values.update(changes)
        clean = self.clean(values)
        columns, links = self._split(clean)
        changed_links = {k: v for k, v in links.items() if k in changes or self.links[k].extra}

        def write() -> int:
            self.model.update(**columns, updated_at=utc_now()).where(
                self.model.id == record_id
            ).execute()
            self._write_links(record_id, changed_links, clean)
            return record_id

        return self.get(self._checked_write(write))

    def delete(self, record_id: int) -> TrashItem:
        record = self.get(record_id)
        label = self.label(record)
        entry = trash.move_to_trash(self.model, record_id, kind=self.name, label=label)
        return TrashItem(entry.id, self.name, record_id, label)


def _ids_for_names(
    model: type[BaseModel],
    name_field: str,
    names: Iterable[str],
    *,
    known: dict[str, int] | None = None,
) -> list[int]:
    """The ids of the named things, creating any that do not exist; ``known`` remembers them
    across calls (a bulk create asks for the same few tags thousands of times)."""
    column = getattr(model, name_field)
    result = []
    for name in names:
        if known is not None and name in known:
            result.append(known[name])
            continue
        row = model.get_or_none(column == name)
        record_id = row.id if row else model.insert(**{name_field: name}).execute()
        if known is not None:
            known[name] = record_id
        result.append(record_id)
    return result


def _integrity_to_validation(kind: str, exc: IntegrityError) -> ValidationError:
    message = str(exc)
    if "FOREIGN KEY" in message:
        return ValidationError(
            kind, translate("Validation", "refers to a record that does not exist")
        )
    if "UNIQUE" in message:
        column = message.rsplit(".", 1)[-1]
        return ValidationError(column, translate("Validation", "is already used by another record"))
    return ValidationError(kind, message)


# Within ``checking_many()``, the ids already found to exist, by model: checking thousands of
# records that name the same few hundred people then asks the database once per person.
_confirmed: ContextVar[dict[type[Record], set[int]] | None] = ContextVar("confirmed", default=None)


@contextmanager
def checking_many() -> Iterator[None]:
    """Remember, until the block ends, which linked records were found to exist (for checking
    an import's thousands of records; a record deleted meanwhile still fails at the write,
    on its foreign key)."""
    token = _confirmed.set({})
    try:
        yield
    finally:
        _confirmed.reset(token)


@contextmanager
def known_to_exist(kind: RecordKind[Any], record_ids: Iterable[int]) -> Iterator[None]:
    """Within the block, ``record_ids`` of ``kind`` count as existing without asking the
    database: a form checking what is typed, letter by letter, offers only records it has
    read (the write asks again, and a record deleted meanwhile fails it on its foreign key)."""
    outer = _confirmed.get() or {}
    known = {model: set(ids) for model, ids in outer.items()}
    known.setdefault(kind.model, set()).update(record_ids)
    token = _confirmed.set(known)
    try:
        yield
    finally:
        _confirmed.reset(token)


def require_existing(field_name: str, model: type[Record], record_ids: Iterable[int]) -> None:
    """Raise when any id does not name an existing record of ``model``."""
    wanted = set(record_ids)
    confirmed = _confirmed.get()
    known = confirmed.setdefault(model, set()) if confirmed is not None else set()
    wanted -= known
    if not wanted:
        return
    found = {row[0] for row in tuples(model.select(model.id).where(model.id.in_(list(wanted))))}
    known |= found
    missing = sorted(wanted - found)
    if missing:
        problem = translate("Validation", "no record with id {0}").format(missing[0])
        raise ValidationError(field_name, problem)
