"""The rows of a peewee query read as tuples, typed as what they are.

peewee's type stubs say ``query.tuples()`` returns the query itself, whose rows would be
model instances; the rows it yields are tuples. ``tuples(query)`` is that same query, typed
as the tuples it yields, so the services' ``for person_id, day in ...`` type-checks. The
columns' own types do not travel into the tuple (peewee's stubs cannot say which columns a
``select`` names), so the items are ``Any``; a caller that wants them checked names them:
``pairs: Iterable[tuple[int, str]] = tuples(query)``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from peewee import BaseQuery

#: One row of a query read as a tuple, its columns in the order the ``select`` named them.
Row = tuple[Any, ...]


def tuples(query: BaseQuery) -> Iterable[Row]:
    """``query.tuples()``: iterating runs the query and yields each row as a tuple."""
    # The one place the stubs' "returns Self" is corrected; the object is peewee's own.
    return cast("Iterable[Row]", query.tuples())
