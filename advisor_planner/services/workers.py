"""Running services on a worker thread: the one place a worker's connection is closed.

peewee gives each thread its own connection to the database. A worker thread's connection
must be closed when its work ends, so none outlives the database it was opened on (a restored
backup, a test's file) and none holds the file open behind the app's back.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


def on_worker(work: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """``work(*args, **kwargs)`` on this (worker) thread, its connection closed after."""
    from advisor_planner.store import models

    try:
        return work(*args, **kwargs)
    finally:
        models.database.close()
