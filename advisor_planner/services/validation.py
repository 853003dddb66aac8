"""Small validators shared by the record services.

Each takes the field's name and a raw value, returns the clean value, or raises
``ValidationError(field, problem)``. They accept what a form or an import naturally hands in
(strings for dates and numbers included) so every entry point validates the same way. Each
problem is a whole phrase translated under "Validation" (``advisor_planner.translation``),
the values filled in afterwards; ``field`` stays the field's name.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date, datetime
from enum import Enum
from functools import cache
from typing import Any, Literal, TypeVar, overload

from advisor_planner.services.errors import ValidationError
from advisor_planner.translation import translate

MAX_SHORT_TEXT = 200
MAX_LONG_TEXT = 20_000

E = TypeVar("E", bound=Enum)


def too_long(length: int, limit: int) -> str:
    """The problem with a text of ``length`` characters where ``limit`` is the most."""
    return translate("Validation", "is {0:,} characters long; the limit is {1:,}").format(
        length, limit
    )


def not_one_of(value: str, allowed: str) -> str:
    """The problem with a choice that is none of ``allowed`` (written out, comma-separated)."""
    return translate("Validation", "'{0}' is not one of: {1}").format(value, allowed)


def text(field: str, value: Any, *, required: bool = False, max_len: int = MAX_SHORT_TEXT) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ValidationError(field, translate("Validation", "must be text"))
    clean = value.strip()
    if required and not clean:
        raise ValidationError(field, translate("Validation", "must not be empty"))
    if len(clean) > max_len:
        raise ValidationError(field, too_long(len(clean), max_len))
    return clean


def long_text(field: str, value: Any) -> str:
    return text(field, value, max_len=MAX_LONG_TEXT)


@overload
def integer(
    field: str, value: Any, lo: int, hi: int, *, optional: Literal[False] = False
) -> int: ...
@overload
def integer(field: str, value: Any, lo: int, hi: int, *, optional: bool) -> int | None: ...
def integer(field: str, value: Any, lo: int, hi: int, *, optional: bool = False) -> int | None:
    if value is None or value == "":
        if optional:
            return None
        raise ValidationError(field, translate("Validation", "is required"))
    if isinstance(value, bool):
        raise ValidationError(field, translate("Validation", "must be a whole number"))
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str):
        try:
            value = int(value.strip())
        except ValueError:
            raise ValidationError(
                field, translate("Validation", "'{0}' is not a whole number").format(value)
            ) from None
    if not isinstance(value, int):
        raise ValidationError(field, translate("Validation", "must be a whole number"))
    if not lo <= value <= hi:
        problem = translate("Validation", "must be between {0} and {1}, not {2}")
        raise ValidationError(field, problem.format(lo, hi, value))
    return value


@overload
def number(
    field: str, value: Any, lo: float = ..., hi: float = ..., *, optional: Literal[False]
) -> float: ...
@overload
def number(
    field: str, value: Any, lo: float = ..., hi: float = ..., *, optional: bool = True
) -> float | None: ...
def number(
    field: str, value: Any, lo: float = -math.inf, hi: float = math.inf, *, optional: bool = True
) -> float | None:
    if value is None or value == "":
        if optional:
            return None
        raise ValidationError(field, translate("Validation", "is required"))
    if isinstance(value, bool):
        raise ValidationError(field, translate("Validation", "must be a number"))
    try:
        result = float(value)
    except (TypeError, ValueError):
        raise ValidationError(
            field, translate("Validation", "'{0}' is not a number").format(value)
        ) from None
    if not math.isfinite(result):
        raise ValidationError(field, translate("Validation", "must be a finite number"))
    if not lo <= result <= hi:
        problem = translate("Validation", "must be between {0:g} and {1:g}, not {2:g}")
        raise ValidationError(field, problem.format(lo, hi, result))
    return result


@cache
def _values_of(enum: type[Enum]) -> frozenset[str]:
    # (Made once per enum: an archive of ten years checks a choice some million times.)
    return frozenset(member.value for member in enum)


@overload
def choice(field: str, value: Any, enum: type[E], *, optional: Literal[False] = False) -> str: ...
@overload
def choice(field: str, value: Any, enum: type[E], *, optional: bool) -> str | None: ...
def choice(field: str, value: Any, enum: type[E], *, optional: bool = False) -> str | None:
    if value is None or value == "":
        if optional:
            return None
        raise ValidationError(field, translate("Validation", "is required"))
    raw = value.value if isinstance(value, Enum) else str(value)
    if raw not in _values_of(enum):
        allowed = ", ".join(member.value for member in enum)
        raise ValidationError(field, not_one_of(raw, allowed))
    return raw


#: The years a date may fall in: wide enough for any record of a working life, narrow enough
#: to refuse a mistyped year (0226 for 2026) that would stretch every chart to hold it.
YEARS = (1900, 2200)


@overload
def a_date(field: str, value: Any, *, optional: Literal[False] = False) -> date: ...
@overload
def a_date(field: str, value: Any, *, optional: bool) -> date | None: ...
def a_date(field: str, value: Any, *, optional: bool = False) -> date | None:
    if value is None or value == "":
        if optional:
            return None
        raise ValidationError(field, translate("Validation", "is required"))
    if isinstance(value, datetime):
        day = value.date()
    elif isinstance(value, date):
        day = value
    elif isinstance(value, str):
        try:
            day = date.fromisoformat(value.strip())
        except ValueError:
            raise ValidationError(
                field, translate("Validation", "'{0}' is not a date (YYYY-MM-DD)").format(value)
            ) from None
    else:
        raise ValidationError(field, translate("Validation", "must be a date"))
    if not YEARS[0] <= day.year <= YEARS[1]:
        first, last = YEARS
        problem = translate("Validation", "is in {0}; a date must be from {1} to {2}")
        raise ValidationError(field, problem.format(day.year, first, last))
    return day


@overload
def boolean(field: str, value: Any, *, optional: Literal[False] = False) -> bool: ...
@overload
def boolean(field: str, value: Any, *, optional: bool) -> bool | None: ...
def boolean(field: str, value: Any, *, optional: bool = False) -> bool | None:
    if value is None and optional:
        return None
    if isinstance(value, bool):
        return value
    raise ValidationError(field, translate("Validation", "must be yes or no"))


def not_before(field: str, later: date | None, earlier: date | None, problem: str) -> None:
    """Refuse ``later`` before ``earlier``. ``problem`` says so, with ``{0}`` for ``later`` and
    ``{1}`` for ``earlier``, marked ``QT_TRANSLATE_NOOP("Validation", "{0} is before the start
    ({1})")`` where it is written and translated here, only when it is said."""
    if later is not None and earlier is not None and later < earlier:
        said = translate("Validation", problem)
        raise ValidationError(field, said.format(later.isoformat(), earlier.isoformat()))


def ids(field: str, values: Iterable[Any] | None) -> tuple[int, ...]:
    if values is None:
        return ()
    if isinstance(values, (str, bytes)):
        raise ValidationError(field, translate("Validation", "must be a list of ids"))
    result: list[int] = []
    for value in values:
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ValidationError(
                field, translate("Validation", "'{0}' is not a record id").format(value)
            )
        if value not in result:
            result.append(value)
    return tuple(result)
