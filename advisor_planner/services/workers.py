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

    # The database bound when the work starts may not be the one bound when it ends: the
    # start-up binds a read-only one for the first data, then the checked one (``ui.startup``).
    # Both connections are closed here: one left in the thread's state is freed when the pool
    # drops the thread's Python state, and SQLCipher's connection then aborts the process.
    started_on = models.database.obj
    try:
        return work(*args, **kwargs)
    finally:
        models.database.close()
        if started_on is not None and started_on is not models.database.obj:
            started_on.close()
