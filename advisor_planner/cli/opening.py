"""Opening a database for a command and closing it: ``database(args, writing=...)`` and
``locked`` (the instance lock alone, for ``restore``).

Opening is ``services.session``'s (``opened``, ``locked``), the same service the app opens
through; this module only turns its refusals (``CannotOpen``) into ``common.Refused`` and an
exit status.

Imports are lazy, as everywhere in ``cli``: the services are loaded only when a command runs.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from advisor_planner.cli.common import EXIT_FAILED, EXIT_USAGE, Refused, db_path

if TYPE_CHECKING:
    from advisor_planner.cli.common import Arguments


@contextmanager
def _refusing() -> Iterator[None]:
    """``services.session.CannotOpen`` said as a command's refusal: its sentence, and exit
    status 2 when there was no file to open."""
    from advisor_planner.services.session import CannotOpen

    try:
        yield
    except CannotOpen as exc:
        raise Refused(str(exc), EXIT_USAGE if exc.usage else EXIT_FAILED) from None


@contextmanager
def locked(path: Path, purpose: str) -> Iterator[None]:
    """Hold the instance lock of ``path`` for the block, without opening the file (``restore``
    replaces it); ``Refused`` while another process holds it."""
    from advisor_planner.services import session

    with _refusing(), session.locked(path, purpose):
        yield


@contextmanager
def database(args: Arguments, *, writing: str | None = None) -> Iterator[Path]:
    """The database ``--db`` names, open for the block, closed when it ends; yields its path.

    ``services.session.opened`` opens it, as it would for the app: a command that writes
    names what it is doing (``writing="import"``, which the lock tells whoever else tries)
    and holds the instance lock for the block, the file created or migrated (backed up
    first); a command that only reads gets a read-only connection, safe beside a running
    app. A file the command cannot have (missing, damaged, too new, held by another writer)
    is ``Refused`` with one line.
    """
    from advisor_planner.services import session

    path = db_path(args)
    with _refusing(), session.opened(path, writing=writing):
        yield path
