"""The JSON archive: every record and every link, taken out and put back exactly.

``export(path)`` writes every table (stakeholders, tags, trust checks, touchpoints and their
people, commitments, feedback, goals with their audience, checkpoints and milestones,
reflections with their focus, initiatives with their people, settings and the trash) as column
names and rows, with a format version and the id sequences, to a temporary file moved into
place. Only the schema's own bookkeeping is left out.

``read(path)`` checks the whole file before anything is written, and ``load`` refuses
(``FileRefused``, naming the table, the row and its id, and the field) any archive the app could
not have written: every row must pass the rules ``create`` applies to its kind (each service's
own ``validate``; the settings' own checks), every id must be unique in its table and within
``MAX_ID``, every link must name a row the archive holds, no two rows may share what must be
unique, every date must fall in ``validation.YEARS``, and the trash's payloads must be what
deleting to the trash writes. Rules that depend on the day it is (no trust check in the
future, no reflection for a week not yet begun) are not applied: the archive may come from
another day or another time zone. The id sequences are derived from the rows (and the ids
waiting in the trash), never taken from the file.

``load(path, merge=...)`` then writes it in one transaction:

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
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

import peewee

from advisor_planner.atomic import write_text
from advisor_planner.services import clock, records
from advisor_planner.services import validation as v
from advisor_planner.services.archive_format import (
    BY_NAME,
    FORMAT,
    MAX_ID,
    TABLES,
    VERSION,
    cell_value,
    decoder,
    unique_keys,
)
from advisor_planner.services.errors import FileRefused, ValidationError
from advisor_planner.store import models as m
from advisor_planner.store.migrations import SCHEMA_VERSION

#: An archive of a large practice is bigger than any card or calendar file.
#: The largest archive read. Ten years of a busy practice (the large demo: 100,000 touchpoints)
#: export to 44 MB and 2.9 million values, read in 0.8 s and 250 MB; a file five times that is
#: refused by its size, before it is read.
MAX_BYTES = 200 * 1024 * 1024
#: The most values (counted by their commas, before parsing) an archive may hold: parsing turns
#: each into a Python object, and a 300 MB array of numbers once took 3.3 GB to be refused.
MAX_VALUES = 10_000_000


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
            for row in model.select(*fields).order_by(model._meta.primary_key).tuples()
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


def _where(file: str, table: str, index: int, row_id: Any) -> str:
    """Where a row is, for a refusal: "archive.json: touchpoint row 3 (id 17)"."""
    if isinstance(row_id, int) and not isinstance(row_id, bool):
        return f"{file}: {table} row {index} (id {row_id})"
    return f"{file}: {table} row {index}"


@dataclass(slots=True)
class Archive:
    tables: dict[str, list[dict]]  # table → rows as field values
    sequences: dict[str, int]  # table → the largest id its rows and the trash hold

    def count(self, table: str) -> int:
        return len(self.tables.get(table, []))


def read(path: Path) -> Archive:
    """The archive's tables, checked: refuses a file that is not one, or is damaged."""
    from advisor_planner.services.imports import is_database_file

    path = Path(path)
    if is_database_file(path):
        raise FileRefused(f"{path.name} is the database itself; import files into it, not it")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise FileRefused(f"{path.name}: cannot be read ({exc.strerror or exc})") from None
    if size > MAX_BYTES:
        raise FileRefused(
            f"{path.name}: {size / 2**20:.0f} MB is more than an archive may be "
            f"({MAX_BYTES / 2**20:.0f} MB)"
        )
    data = path.read_bytes()
    if data.count(b",") > MAX_VALUES:
        raise FileRefused(
            f"{path.name}: holds more than {MAX_VALUES:,} values, more than an archive may"
        )
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise FileRefused(f"{path.name}: not a JSON archive ({exc})") from None
    except RecursionError:
        raise FileRefused(f"{path.name}: not an archive (its JSON is nested too deep)") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise FileRefused(f"{path.name}: not an Advisor Planner archive")
    if document.get("version") != VERSION:
        raise FileRefused(
            f"{path.name}: archive format {document.get('version')!r}; this app reads {VERSION}"
        )
    tables = document.get("tables")
    if not isinstance(tables, dict):
        raise FileRefused(f"{path.name}: the archive holds no tables")
    checked: dict[str, list[dict]] = {}
    for name, table in tables.items():
        model = BY_NAME.get(name)
        if model is None:
            raise FileRefused(f"{path.name}: unknown table {name!r}")
        if not isinstance(table, dict) or not isinstance(table.get("rows"), list):
            raise FileRefused(f"{path.name}: table {name} is damaged")
        columns = table.get("columns")
        expected = {f.column_name for f in model._meta.sorted_fields}
        if (
            not isinstance(columns, list)
            or not all(isinstance(c, str) for c in columns)
            or len(set(columns)) != len(columns)
        ):
            raise FileRefused(f"{path.name}: the columns of table {name} are damaged")
        missing = sorted(expected - set(columns))
        if missing:
            raise FileRefused(f"{path.name}: table {name} lacks the column {missing[0]}")
        fields = {f.column_name: f for f in model._meta.sorted_fields}
        unknown = [column for column in columns if column not in fields]
        if unknown:
            raise FileRefused(f"{path.name}: table {name} has an unknown column {unknown[0]!r}")
        decode = decoder([fields[column] for column in columns])
        rows = []
        for index, row in enumerate(table["rows"], start=1):
            if not isinstance(row, list) or len(row) != len(columns):
                raise FileRefused(f"{path.name}: {name} row {index} is damaged")
            try:
                rows.append(decode(row))
            except (TypeError, ValueError) as exc:
                where = _where(path.name, name, index, row[columns.index("id")])
                raise FileRefused(f"{where}: {exc}") from None
        checked[name] = rows
    sequences = document.get("sequences", {})
    if not isinstance(sequences, dict) or not all(
        name in BY_NAME and isinstance(seq, int) for name, seq in sequences.items()
    ):
        raise FileRefused(f"{path.name}: the archive's id sequences are damaged")
    # The file's sequences are not trusted (one at SQLite's limit left no id for any record
    # made after the load): each is derived from the ids the archive holds.
    return Archive(checked, _check(path.name, checked))


# -- what the app could have written -------------------------------------------------------
#
# ``_check`` holds every row to the rules the app writes by: the record kinds' own ``validate``
# (what ``create`` checks), the settings' checks, and what the tables themselves promise (ids,
# links, unique values, dates). Each refusal names the table, the row (its place in the file
# and its id) and the field.

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


def _kinds() -> dict[type[m.BaseModel], records.RecordKind]:
    """Each record table's kind, whose ``validate`` holds the rules of ``create``."""
    from advisor_planner.services import (
        commitments,
        feedback,
        goals,
        initiatives,
        reflections,
        stakeholders,
        touchpoints,
        trust_checks,
    )

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
            confirmed.setdefault(model, set()).update(known)  # type: ignore[arg-type]
        yield


def _check(file: str, tables: dict[str, list[dict]]) -> dict[str, int]:
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
                        f"{_where(file, name, index, row['id'])}: {_say(exc)}"
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
    file: str, model: type[m.BaseModel], rows: list[dict], ids: Mapping[type[m.BaseModel], set[int]]
) -> set[int]:
    """A table's ids (unique), links (to rows the archive holds), unique values and dates;
    the ids."""
    name = model._meta.table_name
    links = [f for f in model._meta.sorted_fields if isinstance(f, peewee.ForeignKeyField)]
    keys = unique_keys(model)
    columns = {f.name: f.column_name for f in model._meta.sorted_fields}
    seen_ids: dict[int, int] = {}
    seen_keys: list[dict[tuple, int]] = [{} for _ in keys]
    for index, row in enumerate(rows, start=1):
        try:
            _cells(model, row)
        except ValidationError as exc:
            raise FileRefused(f"{_where(file, name, index, row['id'])}: {_say(exc)}") from None
        row_id = row["id"]
        if row_id in seen_ids:
            where = _where(file, name, index, row_id)
            raise FileRefused(f"{where}: id {row_id} is also the id of row {seen_ids[row_id]}")
        seen_ids[row_id] = index
        for link in links:
            target = row[link.name]
            if target is not None and target not in ids[link.rel_model]:
                raise FileRefused(
                    f"{_where(file, name, index, row_id)}: {link.column_name} {target} is the "
                    f"id of no {link.rel_model._meta.table_name} in the archive"
                )
        for key, seen in zip(keys, seen_keys, strict=True):
            value = tuple(row[f] for f in key)
            if None in value:  # NULLs never clash (SQL's rule for unique columns)
                continue
            if value in seen:
                shown = ", ".join(f"{columns[f]} {row[f]!r}" for f in key)
                where = _where(file, name, index, row_id)
                raise FileRefused(f"{where}: {shown} is already in row {seen[value]}")
            seen[value] = index
    return set(seen_ids)


def _linked(tables: Mapping[str, list[dict]], link: records.Link) -> dict[int, list[Any]]:
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


def _check_record(
    kind: records.RecordKind, row: Mapping[str, Any], links: Mapping[str, tuple]
) -> None:
    """The rules ``create`` applies to the record, but those of the day it is (see
    ``_AS_OF_ANY_DAY``); ``links`` holds its many-to-many links (its tags, its people)."""
    from advisor_planner.services import touchpoints

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
        raise ValidationError("week", f"'{week}' is not an ISO week like 2026-W07")
    v.a_date("week", monday)


def _check_tag(name: str) -> None:
    """A tag's name as ``stakeholders.create`` keeps one (trimmed, not empty, not too long)."""
    from advisor_planner.services import stakeholders

    try:
        kept = stakeholders.KIND.validate({"name": "tag", "tags": (name,)})["tags"]
    except ValidationError as exc:
        raise ValidationError("name", exc.problem) from None
    if kept != (name,):
        raise ValidationError("name", f"{name[:40]!r} is not a tag's name as the app keeps one")


def _check_setting(key: str, text: str) -> None:
    """A setting ``settings.set_value`` could have written: a known key, its value's JSON of
    the default's type and passing the setting's own check."""
    from advisor_planner.services import settings

    if key not in settings.DEFAULTS:
        raise ValidationError("key", f"'{key[:40]}' is not a known setting")
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        raise ValidationError("value", f"of {key} is not valid JSON ({text[:40]!r})") from None
    default = settings.DEFAULTS[key]
    # settings.set_value's own rule of types (a bool is no int there).
    if not isinstance(value, type(default)) or isinstance(value, bool) != isinstance(default, bool):
        raise ValidationError("value", f"of {key} must be {type(default).__name__}")
    try:
        settings._check(key, value)
    except ValidationError as exc:
        raise ValidationError("value", f"of {key} {exc.problem}") from None


def _check_trash_entry(
    row: Mapping[str, Any],
    kinds: Mapping[type[m.BaseModel], records.RecordKind],
    live: Mapping[type[m.BaseModel], set[int]],
    trashed: dict[type[m.BaseModel], set[int]],
) -> None:
    """An entry as ``store.trash.move_to_trash`` writes it: a record's kind, its id, a label and
    a payload ``store.trash.restore_payload`` can put back; ``trashed`` gathers the record ids
    the payloads hold (no two may hold the same, nor one the archive holds)."""
    models = {kind.name: model for model, kind in kinds.items()}
    model = models.get(row["kind"])
    if model is None:
        raise ValidationError("kind", f"'{row['kind'][:40]}' is not one of: {', '.join(models)}")
    v.integer("record_id", row["record_id"], 1, MAX_ID)
    v.text("label", row["label"], max_len=m.TrashEntry.label.max_length)
    try:
        payload = json.loads(row["payload"])
    except (ValueError, RecursionError):
        raise ValidationError("payload", "is not valid JSON") from None
    if (
        not isinstance(payload, dict)
        or set(payload) != {"rows", "relinks"}
        or not isinstance(payload["rows"], dict)
        or not isinstance(payload["relinks"], list)
    ):
        raise ValidationError("payload", "is not what deleting to the trash writes")
    own = payload["rows"].get(model._meta.table_name)
    if not isinstance(own, list) or not any(
        isinstance(one, dict) and one.get("id") == row["record_id"] for one in own
    ):
        raise ValidationError("payload", f"does not hold the {row['kind']} {row['record_id']}")
    for table, rows in payload["rows"].items():
        target = BY_NAME.get(table)
        if target is None or target in (m.Setting, m.TrashEntry) or not isinstance(rows, list):
            raise ValidationError("payload", f"holds a table {table[:40]!r} it cannot")
        for index, one in enumerate(rows, start=1):
            try:
                record_id = _check_trashed_row(target, one, kinds.get(target))
            except (ValueError, TypeError) as exc:
                place = f"{table} row {index}"
                raise ValidationError("payload", f"{place}: {exc}") from None
            except ValidationError as exc:
                place = f"{table} row {index} (id {one['id']})"
                raise ValidationError("payload", f"{place}: {_say(exc)}") from None
            if isinstance(target._meta.primary_key, m.StableIdField):
                others = trashed.setdefault(target, set())
                if record_id in live[target] or record_id in others:
                    raise ValidationError(
                        "payload", f"{table} {record_id} is in the archive already"
                    )
                others.add(record_id)
    for relink in payload["relinks"]:
        _check_relink(relink)


def _check_trashed_row(model: type[m.BaseModel], row: Any, kind: records.RecordKind | None) -> int:
    """A row of a trash payload: its fields (by name, as ``store.trash.snapshot`` writes
    them, dates as ``str`` gives them) and, for a record, the rules of its kind; its id."""
    fields = {f.name: f for f in model._meta.sorted_fields}
    if not isinstance(row, dict) or set(row) != set(fields):
        raise ValueError("is not a row as deleting to the trash writes one")
    values = {}
    for name, spec in fields.items():
        value = cell_value(spec, row[name])
        if isinstance(value, date) and str(value) != row[name]:
            raise ValueError(f"{spec.column_name} {row[name]!r} is not written as the app does")
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
    return values["id"]


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
        raise ValidationError("payload", "holds a cleared link that is damaged")
    v.integer("payload link id", relink["id"], 1, MAX_ID)
    v.integer("payload link value", relink["value"], 1, MAX_ID)


def is_empty() -> bool:
    """True when the database holds no records (settings aside)."""
    return not any(model.select().exists() for model in TABLES if model is not m.Setting)


def load(path: Path, *, merge: bool = False) -> LoadResult:
    """Put the archive at ``path`` into the database, in one transaction (see the module)."""
    archive = read(path)
    if not is_empty() and not merge:
        raise FileRefused(
            f"{Path(path).name}: this database already holds data; merge the archive into it "
            "(--merge), or import it into a new database"
        )
    result = LoadResult()
    try:
        with m.database.atomic():
            if is_empty():
                _restore(archive, result)
            else:
                _merge(archive.tables, result)
    except peewee.IntegrityError as exc:  # links to rows the archive does not hold, say
        raise FileRefused(f"{Path(path).name}: the archive is damaged ({exc})") from None
    return result


def _restore(archive: Archive, result: LoadResult) -> None:
    # Settings an empty database already has (written at start-up) give way to the archive's.
    keys = [row["key"] for row in archive.tables.get(m.Setting._meta.table_name, [])]
    if keys:
        result.settings_before = dict.fromkeys(keys)
        for row in m.Setting.select().where(m.Setting.key.in_(keys)).dicts():
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
                model.delete().where(model.id.in_(ids[start : start + 500])).execute()
        keys = list(result.settings_before)
        for start in range(0, len(keys), 500):
            m.Setting.delete().where(m.Setting.key.in_(keys[start : start + 500])).execute()
        earlier = [row for row in result.settings_before.values() if row is not None]
        for start in range(0, len(earlier), 400):
            m.Setting.insert_many(earlier[start : start + 400]).execute()


def _foreign_keys(model: type[m.BaseModel]) -> dict[str, type[m.BaseModel]]:
    return {
        f.name: f.rel_model
        for f in model._meta.sorted_fields
        if isinstance(f, peewee.ForeignKeyField)
    }


_NOT_CONTENT = {"id", "created_at", "updated_at"}


def _content_fields(model: type[m.BaseModel]) -> list[str]:
    return [f.name for f in model._meta.sorted_fields if f.name not in _NOT_CONTENT]


def _existing(model: type[m.BaseModel]) -> tuple[dict[tuple, int], list[set[tuple]]]:
    """Rows already there: their content → id, and the values of each unique key."""
    content = _content_fields(model)
    keys = unique_keys(model)
    by_content: dict[tuple, int] = {}
    taken: list[set[tuple]] = [set() for _ in keys]
    for row in model.select().dicts():
        row = {k: (v.id if isinstance(v, m.BaseModel) else v) for k, v in row.items()}
        by_content.setdefault(tuple(row[name] for name in content), row["id"])
        for index, key in enumerate(keys):
            taken[index].add(tuple(row[name] for name in key))
    return by_content, taken


def _merge(tables: dict[str, list[dict]], result: LoadResult) -> None:
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
                result.skipped.append(f"{len(rows)} records in the archive's trash: not merged")
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
                result.skipped.append(f"{name} ({shown or old_id}): one is already there")
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
            result.skipped.append(f"{orphans} {name} rows: what they belong to was left out")
