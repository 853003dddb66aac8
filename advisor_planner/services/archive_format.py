"""The JSON archive's format: its tables, and what a value in each column may be.

Writing (``archive.export``), reading (``archive_read``), checking (``archive_checks``) and
loading (``archive.load``) all go by these: ``TABLES`` in the order they load, the largest id
an archive may hold, the field sets no two rows may share, and for each column how a JSON
value becomes what it holds (``converter``, chosen once per column: an archive of ten years
holds some three million cells).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date, datetime, timezone
from typing import Any

import peewee

from advisor_planner.store import models as m
from advisor_planner.translation import translate

FORMAT = "advisor-planner-archive"
VERSION = 1
#: The tables in the order they can be loaded (each after those it points to).
TABLES: tuple[type[m.BaseModel], ...] = tuple(
    model for model in m.ALL_MODELS if model is not m.SchemaVersion
)
#: A row as its fields' values by name: JSON values, read for their columns by ``decoder``.
Row = dict[str, Any]
#: Each table by the name the archive gives it.
BY_NAME = {model._meta.table_name: model for model in TABLES}
#: The largest id an archive may hold. Ids are handed out one by one, so no practice comes near
#: it; beyond it a Qt signal's int (32 bits) would carry another id, and an id sequence near
#: SQLite's limit would leave no id for the next record.
MAX_ID = 2**31 - 1


def unique_keys(model: type[m.BaseModel]) -> list[tuple[str, ...]]:
    """The field sets no two rows may share (unique fields and unique indexes)."""
    keys: list[tuple[str, ...]] = [
        (f.name,) for f in model._meta.sorted_fields if f.unique and not f.primary_key
    ]
    keys += [tuple(fields) for fields, unique in model._meta.indexes if unique]
    return keys


def converter(spec: peewee.Field) -> Callable[[Any], Any]:
    """How a JSON value becomes what the column ``spec`` holds; the function raises
    ``ValueError`` for a value of the wrong type. Chosen once per column, not per cell: an
    archive of ten years holds some three million cells."""
    name = spec.column_name
    nullable = bool(spec.null or spec.primary_key)
    if isinstance(spec, peewee.DateField | peewee.DateTimeField):
        day_only = isinstance(spec, peewee.DateField) and not isinstance(spec, peewee.DateTimeField)
        return _moment(name, nullable, day_only)
    if isinstance(spec, peewee.BooleanField):
        return _boolean(name, nullable)
    if isinstance(spec, peewee.IntegerField | peewee.ForeignKeyField | peewee.AutoField):
        return _whole(name, nullable)
    if isinstance(spec, peewee.FloatField):
        return _number(name, nullable)
    return _text(name, nullable)


def _too_large(name: str) -> str:
    return translate("Archive", "{0} is too large").format(name)


def _not_a_number(name: str) -> str:
    return translate("Archive", "{0} is not a number").format(name)


def _allow_empty(name: str, nullable: bool) -> None:
    """An empty (null) value, refused unless the column may be empty."""
    if not nullable:
        raise ValueError(translate("Archive", "{0} may not be empty").format(name))


def _moment(name: str, nullable: bool, day_only: bool) -> Callable[[Any], Any]:
    def moment(value: Any) -> Any:
        if value is None:
            _allow_empty(name, nullable)
            return None
        if not isinstance(value, str):
            raise ValueError(translate("Archive", "{0} is not a date").format(name))
        try:
            if day_only:
                return date.fromisoformat(value)
            read = datetime.fromisoformat(value)
        except (ValueError, OverflowError):
            said = translate("Archive", "{0} {1!r} is not a date")
            raise ValueError(said.format(name, value[:40])) from None
        if read.tzinfo is not None:  # the app keeps every moment as a naive UTC one
            read = read.astimezone(timezone.utc).replace(tzinfo=None)
        return read

    return moment


def _boolean(name: str, nullable: bool) -> Callable[[Any], Any]:
    def boolean(value: Any) -> Any:
        if value is None:
            _allow_empty(name, nullable)
            return None
        if not isinstance(value, bool):
            raise ValueError(translate("Archive", "{0} is not true or false").format(name))
        return value

    return boolean


def _whole(name: str, nullable: bool) -> Callable[[Any], Any]:
    def whole(value: Any) -> Any:
        if value is None:
            _allow_empty(name, nullable)
            return None
        if value.__class__ is not int:  # (not a bool, which is an int subclass)
            raise ValueError(translate("Archive", "{0} is not a whole number").format(name))
        if not -(2**63) <= value < 2**63:  # what an SQLite integer holds
            raise ValueError(_too_large(name))
        return value

    return whole


def _number(name: str, nullable: bool) -> Callable[[Any], Any]:
    def number(value: Any) -> Any:
        if value is None:
            _allow_empty(name, nullable)
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(_not_a_number(name))
        try:
            read = float(value)  # an int past 64 bits is a float to SQLite as well
        except OverflowError:
            raise ValueError(_too_large(name)) from None
        if not math.isfinite(read):
            raise ValueError(_not_a_number(name))
        return read

    return number


def _text(name: str, nullable: bool) -> Callable[[Any], Any]:
    def text(value: Any) -> Any:
        if value is None:
            _allow_empty(name, nullable)
            return None
        if value.__class__ is not str:
            raise ValueError(translate("Archive", "{0} is not text").format(name))
        if not value.isascii():
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:  # a lone surrogate ("\ud800" in the JSON)
                raise ValueError(
                    translate("Archive", "{0} is not valid text").format(name)
                ) from None
        return value

    return text


def cell_value(spec: peewee.Field, value: Any) -> Any:
    """A JSON value as the column holds it; ``ValueError`` for one of the wrong type."""
    return converter(spec)(value)


def decoder(specs: list[peewee.Field]) -> Callable[[list[Any]], Row]:
    """Turns a row's cells into field values, by field name (``specs``: the columns' fields)."""
    convert = [(spec.name, converter(spec)) for spec in specs]

    def decode(row: list[Any]) -> Row:
        return {name: to(value) for (name, to), value in zip(convert, row, strict=True)}

    return decode
