"""Refusing an archive the app could not have written, before anything of it is written.

``check(file, tables)`` holds every row ``archive_read.read`` decoded to the rules the app
writes by, and refuses (``FileRefused``, naming the table, the row (its place in the file and
its id) and the field) any archive that breaks one: every row must pass the rules ``create``
applies to its kind (each service's own ``validate``; the settings' own checks), every id must
be unique in its table and within ``MAX_ID``, every link must name a row the archive holds, no
two rows may share what must be unique, every date must fall in ``validation.YEARS``, and the
trash's payloads must be what deleting to the trash writes. Rules that depend on the day it is
(no trust check in the future, no reflection for a week not yet begun) are not applied: the
archive may come from another day or another time zone. The id sequences it returns are
derived from the rows (and the ids waiting in the trash), never taken from the file.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import date, datetime, timezone
from typing import Any

import peewee

from advisor_planner.services import (
    clock,
    commitments,
    feedback,
    goals,
    initiatives,
    records,
    reflections,
    settings,
    stakeholders,
    touchpoints,
    trust_checks,
)
from advisor_planner.services import validation as v
from advisor_planner.services.archive_format import (
    BY_NAME,
    MAX_ID,
    TABLES,
    Row,
    cell_value,
    unique_keys,
)
from advisor_planner.services.errors import FileRefused, ValidationError
from advisor_planner.store import models as m
from advisor_planner.translation import translate


def located(file: str, table: str, index: int, row_id: Any) -> str:
    """Where a row is, for a refusal: "archive.json: touchpoint row 3 (id 17)"."""
    if isinstance(row_id, int) and not isinstance(row_id, bool):
        return translate("Archive", "{0}: {1} row {2} (id {3})").format(file, table, index, row_id)
    return translate("Archive", "{0}: {1} row {2}").format(file, table, index)


#: A day long past, handed to ``validate`` for the fields whose ``create`` rules depend on the
#: day it is: a trust check or feedback may not be in the future, a touchpoint not more than a
#: year ahead, a reflection not for a week yet to begin. An archive made on another day, or in
#: another time zone, rightly holds records those rules would refuse today; the archive's own
#: values are held to ``validation.YEARS`` (as every date is) and a week to the form the app
#: writes (``_check_week``).
_LONG_AGO = date(2000, 1, 3)  # a Monday
_AS_OF_ANY_DAY: dict[type[m.BaseModel], dict[str, Any]] = {
    m.TrustCheck: {"checked_on": _LONG_AGO},
    m.Feedback: {"received_on": _LONG_AGO},
    m.Touchpoint: {"occurred_at": datetime(2000, 1, 3, 12, tzinfo=timezone.utc)},
    m.Reflection: {"week": clock.iso_week(_LONG_AGO)},
}


#: A kind of record, of whichever record type (the archive checks them all alike).
Kind = records.RecordKind[Any]


def _kinds() -> dict[type[m.BaseModel], Kind]:
    """Each record table's kind, whose ``validate`` holds the rules of ``create``."""
    kinds = (
        stakeholders.KIND, trust_checks.KIND, touchpoints.KIND, commitments.KIND, feedback.KIND,
        goals.KIND, goals.CHECKPOINT, goals.MILESTONE, reflections.KIND, initiatives.KIND,
    )  # fmt: skip
    return {kind.model: kind for kind in kinds}


def _say(error: ValidationError) -> str:
    return f"{error.field} {error.problem}"


@contextmanager
def _taken_as_existing(ids: Mapping[type[m.BaseModel], Iterable[int]]) -> Iterator[None]:
    """Within it, ``records.require_existing`` takes ``ids`` for records that exist: an
    archive's links are checked against its own rows (``_check_table``), not the database's."""
    with records.checking_many():
        confirmed = records._confirmed.get()
        assert confirmed is not None
        for model, known in ids.items():
            if issubclass(model, m.Record):  # (only records are ever required to exist)
                confirmed.setdefault(model, set()).update(known)
        yield


def check(file: str, tables: dict[str, list[Row]]) -> dict[str, int]:
    """Refuse (``FileRefused``) an archive the app could not have written; return the id
    sequences its rows imply: each table's largest id, those waiting in the trash included."""
    kinds = _kinds()
    ids: dict[type[m.BaseModel], set[int]] = {}
    for model in TABLES:  # each after those it links to
        ids[model] = _check_table(file, model, tables.get(model._meta.table_name, []), ids)
    trashed: dict[type[m.BaseModel], set[int]] = {}
    with _taken_as_existing(ids):
        for model in TABLES:
            name = model._meta.table_name
            kind = kinds.get(model)
            links = (
                {link: _linked(tables, spec) for link, spec in kind.links.items()} if kind else {}
            )
            for index, row in enumerate(tables.get(name, []), start=1):
                try:
                    if kind is not None:
                        linked = {
                            link: tuple(by_owner.get(row["id"], ()))
                            for link, by_owner in links.items()
                        }
                        _check_record(kind, row, linked)
                    elif model is m.Tag:
                        _check_tag(row["name"])
                    elif model is m.Setting:
                        _check_setting(row["key"], row["value"])
                    elif model is m.TrashEntry:
                        _check_trash_entry(row, kinds, ids, trashed)
                except ValidationError as exc:
                    raise FileRefused(
                        f"{located(file, name, index, row['id'])}: {_say(exc)}"
                    ) from None
    sequences = {}
    for model in TABLES:
        if isinstance(model._meta.primary_key, m.StableIdField):
            largest = max(ids[model] | trashed.get(model, set()), default=0)
            if largest:
                sequences[model._meta.table_name] = largest
    return sequences


def _cells(model: type[m.BaseModel], row: Mapping[str, Any]) -> None:
    """The id and links whole numbers from 1 to ``MAX_ID``, every date within
    ``validation.YEARS``; ``ValidationError`` naming the column otherwise."""
    v.integer("id", row["id"], 1, MAX_ID)
    ids, dates = _CELLS[model]
    for name, column in ids:
        if row[name] is not None:
            v.integer(column, row[name], 1, MAX_ID)
    for name, column in dates:
        if row[name] is not None:
            v.a_date(column, row[name])


#: Each table's links and dates (field and column names), for ``_cells``.
_CELLS = {
    model: (
        [
            (f.name, f.column_name)
            for f in model._meta.sorted_fields
            if isinstance(f, peewee.ForeignKeyField)
        ],
        [
            (f.name, f.column_name)
            for f in model._meta.sorted_fields
            if isinstance(f, peewee.DateField | peewee.DateTimeField)
        ],
    )
    for model in TABLES
}


def _check_table(
    file: str, model: type[m.BaseModel], rows: list[Row], ids: Mapping[type[m.BaseModel], set[int]]
) -> set[int]:
    """A table's ids (unique), links (to rows the archive holds), unique values and dates;
    the ids."""
    name = model._meta.table_name
    links = [f for f in model._meta.sorted_fields if isinstance(f, peewee.ForeignKeyField)]
    keys = unique_keys(model)
    columns = {f.name: f.column_name for f in model._meta.sorted_fields}
    seen_ids: dict[int, int] = {}
    seen_keys: list[dict[tuple[Any, ...], int]] = [{} for _ in keys]
    for index, row in enumerate(rows, start=1):
        try:
            _cells(model, row)
        except ValidationError as exc:
            raise FileRefused(f"{located(file, name, index, row['id'])}: {_say(exc)}") from None
        row_id = row["id"]
        if row_id in seen_ids:
            where = located(file, name, index, row_id)
            said = translate("Archive", "{0}: id {1} is also the id of row {2}")
            raise FileRefused(said.format(where, row_id, seen_ids[row_id]))
        seen_ids[row_id] = index
        for link in links:
            target = row[link.name]
            if target is not None and target not in ids[link.rel_model]:
                said = translate("Archive", "{0}: {1} {2} is the id of no {3} in the archive")
                raise FileRefused(
                    said.format(
                        located(file, name, index, row_id),
                        link.column_name,
                        target,
                        link.rel_model._meta.table_name,
                    )
                )
        for key, seen in zip(keys, seen_keys, strict=True):
            value = tuple(row[f] for f in key)
            if None in value:  # NULLs never clash (SQL's rule for unique columns)
                continue
            if value in seen:
                shown = ", ".join(f"{columns[f]} {row[f]!r}" for f in key)
                where = located(file, name, index, row_id)
                said = translate("Archive", "{0}: {1} is already in row {2}")
                raise FileRefused(said.format(where, shown, seen[value]))
            seen[value] = index
    return set(seen_ids)


def _linked(tables: Mapping[str, list[Row]], link: records.Link) -> dict[int, list[Any]]:
    """Owner id → the ids (or, for tags, the names) a link table of the archive holds."""
    by_owner: dict[int, list[Any]] = {}
    rows = sorted(tables.get(link.through._meta.table_name, []), key=lambda row: row["id"])
    for row in rows:
        by_owner.setdefault(row[link.owner], []).append(row[link.target])
    if link.by_name:
        model, name_field = link.by_name
        names = {row["id"]: row[name_field] for row in tables.get(model._meta.table_name, [])}
        by_owner = {owner: [names[i] for i in targets] for owner, targets in by_owner.items()}
    return by_owner


def _record_fields(model: type[m.BaseModel], row: Mapping[str, Any]) -> dict[str, Any]:
    """A row's values as its kind's ``validate`` takes them (a link as ``stakeholder_id``)."""
    return {name: row[field_name] for name, field_name in _FIELDS[model]}


#: Each table's fields, as ``validate`` names them and as the model does (``_record_fields``).
_FIELDS = {
    model: [
        (f.object_id_name if isinstance(f, peewee.ForeignKeyField) else f.name, f.name)
        for f in model._meta.sorted_fields
        if f.name not in records.AUTO_FIELDS
    ]
    for model in TABLES
}


def _check_record(kind: Kind, row: Mapping[str, Any], links: Mapping[str, tuple[Any, ...]]) -> None:
    """The rules ``create`` applies to the record, but those of the day it is (see
    ``_AS_OF_ANY_DAY``); ``links`` holds its many-to-many links (its tags, its people)."""
    fields = {**_record_fields(kind.model, row), **links}
    if kind.model is m.Reflection:
        _check_week(fields["week"])
        try:
            answers = json.loads(fields["answers"] or "{}")
        except (ValueError, RecursionError):
            answers = None  # left as it is: ``validate`` says what is wrong with it
        if isinstance(answers, dict):
            fields["answers"] = answers  # so that each answer is checked as text
    fields.update(_AS_OF_ANY_DAY.get(kind.model, {}))
    if kind.model is m.Touchpoint and not fields.get("stakeholder_ids"):
        # Deleting the last of its people leaves a touchpoint with none (``create`` asks for one).
        fields.pop("stakeholder_ids", None)
        touchpoints.validate_all_but_people(fields)
    else:
        kind.validate(fields)


def _check_week(week: str) -> None:
    """A reflection's week as the app writes it (``clock.iso_week``), begun or not."""
    try:
        monday: date | None = clock.week_bounds(week)[0]
    except (ValueError, OverflowError):
        monday = None
    if monday is None or clock.iso_week(monday) != week:
        raise ValidationError("week", reflections.not_a_week(week))
    v.a_date("week", monday)


def _check_tag(name: str) -> None:
    """A tag's name as ``stakeholders.create`` keeps one (trimmed, not empty, not too long)."""
    try:
        kept = stakeholders.KIND.validate({"name": "tag", "tags": (name,)})["tags"]
    except ValidationError as exc:
        raise ValidationError("name", exc.problem) from None
    if kept != (name,):
        said = translate("Archive", "{0!r} is not a tag's name as the app keeps one")
        raise ValidationError("name", said.format(name[:40]))


def _check_setting(key: str, text: str) -> None:
    """A setting ``settings.set_value`` could have written: a known key, its value's JSON of
    the default's type and passing the setting's own check."""
    if key not in settings.DEFAULTS:
        said = translate("Archive", "'{0}' is not a known setting")
        raise ValidationError("key", said.format(key[:40]))
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        said = translate("Archive", "of {0} is not valid JSON ({1!r})")
        raise ValidationError("value", said.format(key, text[:40])) from None
    default = settings.DEFAULTS[key]
    # settings.set_value's own rule of types (a bool is no int there).
    if not isinstance(value, type(default)) or isinstance(value, bool) != isinstance(default, bool):
        said = translate("Archive", "of {0} must be {1}")
        raise ValidationError("value", said.format(key, type(default).__name__))
    try:
        settings._check(key, value)
    except ValidationError as exc:
        said = translate("Archive", "of {0} {1}")
        raise ValidationError("value", said.format(key, exc.problem)) from None


def _check_trash_entry(
    row: Mapping[str, Any],
    kinds: Mapping[type[m.BaseModel], Kind],
    live: Mapping[type[m.BaseModel], set[int]],
    trashed: dict[type[m.BaseModel], set[int]],
) -> None:
    """An entry as ``store.trash.move_to_trash`` writes it: a record's kind, its id, a label and
    a payload ``store.trash.restore_payload`` can put back; ``trashed`` gathers the record ids
    the payloads hold (no two may hold the same, nor one the archive holds)."""
    models = {kind.name: model for model, kind in kinds.items()}
    model = models.get(row["kind"])
    if model is None:
        raise ValidationError("kind", v.not_one_of(row["kind"][:40], ", ".join(models)))
    v.integer("record_id", row["record_id"], 1, MAX_ID)
    v.text("label", row["label"], max_len=m.TrashEntry.label.max_length)
    try:
        payload = json.loads(row["payload"])
    except (ValueError, RecursionError):
        raise ValidationError("payload", translate("Validation", "is not valid JSON")) from None
    if (
        not isinstance(payload, dict)
        or set(payload) != {"rows", "relinks"}
        or not isinstance(payload["rows"], dict)
        or not isinstance(payload["relinks"], list)
    ):
        said = translate("Archive", "is not what deleting to the trash writes")
        raise ValidationError("payload", said)
    own = payload["rows"].get(model._meta.table_name)
    if not isinstance(own, list) or not any(
        isinstance(one, dict) and one.get("id") == row["record_id"] for one in own
    ):
        said = translate("Archive", "does not hold the {0} {1}")
        raise ValidationError("payload", said.format(row["kind"], row["record_id"]))
    for table, rows in payload["rows"].items():
        target = BY_NAME.get(table)
        if target is None or target in (m.Setting, m.TrashEntry) or not isinstance(rows, list):
            said = translate("Archive", "holds a table {0!r} it cannot")
            raise ValidationError("payload", said.format(table[:40]))
        for index, one in enumerate(rows, start=1):
            try:
                record_id = _check_trashed_row(target, one, kinds.get(target))
            except (ValueError, TypeError) as exc:
                said = translate("Archive", "{0} row {1}: {2}")
                raise ValidationError("payload", said.format(table, index, exc)) from None
            except ValidationError as exc:
                said = translate("Archive", "{0} row {1} (id {2}): {3}")
                problem = said.format(table, index, one["id"], _say(exc))
                raise ValidationError("payload", problem) from None
            if isinstance(target._meta.primary_key, m.StableIdField):
                others = trashed.setdefault(target, set())
                if record_id in live[target] or record_id in others:
                    said = translate("Archive", "{0} {1} is in the archive already")
                    raise ValidationError("payload", said.format(table, record_id))
                others.add(record_id)
    for relink in payload["relinks"]:
        _check_relink(relink)


def _check_trashed_row(model: type[m.BaseModel], row: Any, kind: Kind | None) -> int:
    """A row of a trash payload: its fields (by name, as ``store.trash.snapshot`` writes
    them, dates as ``str`` gives them) and, for a record, the rules of its kind; its id."""
    fields = {f.name: f for f in model._meta.sorted_fields}
    if not isinstance(row, dict) or set(row) != set(fields):
        raise ValueError(translate("Archive", "is not a row as deleting to the trash writes one"))
    values: Row = {}
    for name, spec in fields.items():
        value = cell_value(spec, row[name])
        if isinstance(value, date) and str(value) != row[name]:
            said = translate("Archive", "{0} {1!r} is not written as the app does")
            raise ValueError(said.format(spec.column_name, row[name]))
        values[name] = value
    _cells(model, values)
    if kind is not None:
        # Its links to other records may be to ones restored with it, to ones the archive
        # holds, or to ones gone for good (restoring skips it then, or clears the link).
        links: dict[type[m.BaseModel], list[int]] = {}
        for spec in fields.values():
            if isinstance(spec, peewee.ForeignKeyField) and values[spec.name] is not None:
                links.setdefault(spec.rel_model, []).append(values[spec.name])
        with _taken_as_existing(links):
            _check_record(kind, values, {})
    elif model is m.Tag:
        _check_tag(values["name"])
    record_id: int = values["id"]  # (a whole number from 1 to MAX_ID: ``_cells``)
    return record_id


def _check_relink(relink: Any) -> None:
    """A link deleting cleared (a sponsor, say), as ``store.trash.snapshot`` writes it."""
    table = relink.get("table") if isinstance(relink, dict) else None
    model = BY_NAME.get(table) if isinstance(table, str) else None
    spec = next(
        (
            f
            for f in (model._meta.sorted_fields if model else ())
            if isinstance(f, peewee.ForeignKeyField) and f.null
            and f.column_name == relink.get("column")
        ),
        None,
    )  # fmt: skip
    if spec is None or set(relink) != {"table", "id", "column", "value"}:
        said = translate("Archive", "holds a cleared link that is damaged")
        raise ValidationError("payload", said)
    v.integer("payload link id", relink["id"], 1, MAX_ID)
    v.integer("payload link value", relink["value"], 1, MAX_ID)
