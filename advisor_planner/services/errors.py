"""The errors services raise; each carries a message fit to show a person."""

from __future__ import annotations

from pathlib import Path

from advisor_planner.store.connection import Interrupted, ReadOnlyDatabaseError
from advisor_planner.store.problems import Problem, ProblemKind, classify, disk_full
from advisor_planner.translation import translate

__all__ = [
    "FileRefused",
    "Interrupted",  # a query given up because what asked for it no longer wants it
    "NotFoundError",
    "Problem",  # a storage problem: its kind and the sentence a person reads
    "ProblemKind",
    "ReadOnlyDatabaseError",  # a write refused: the database is read-only or still checked
    "ServiceError",
    "ValidationError",
    "disk_full_sentence",
    "storage_problem",
    "storage_sentence",
]


class ServiceError(Exception):
    """Base of every error a service raises on purpose."""


class ValidationError(ServiceError):
    """A value was refused. ``field`` names the field, ``problem`` says what is wrong.

    ``position`` is set when one record of a batch (``RecordKind.create_many``) was refused:
    its index in the batch, so an import can name the card or line at fault.
    """

    def __init__(self, field: str, problem: str):
        self.field = field
        self.problem = problem
        self.position: int | None = None
        super().__init__(f"{field.replace('_', ' ').capitalize()}: {problem}")


class NotFoundError(ServiceError):
    """No record of that kind has that id (it may be in the trash); ``kind`` is the kind's
    stored name (``services.changes.Change``), translated in the message."""

    def __init__(self, kind: str, record_id: int):
        self.kind = kind
        self.record_id = record_id
        super().__init__(
            translate("Record", "No {0} with id {1}; it may have been deleted.").format(
                translate("Record", kind), record_id
            )
        )


class FileRefused(ServiceError):
    """A file cannot be imported as it is; the message says why and where (the card, line or
    event at fault). Nothing was written."""


def storage_sentence(error: BaseException, path: Path | None = None) -> str:
    """``error`` (a database or OS error from a write) as the one sentence a person reads:
    "The disk holding … is full (12 KB free); …" rather than SQLite's own words. ``path`` is
    the file being written (the database's, when not given)."""
    from advisor_planner.store import models
    from advisor_planner.store.connection import database_path

    if path is None:
        db = models.database.obj
        if db is None:
            return str(error)
        path = database_path(db)
    problem = storage_problem(error, path)
    return str(error) if problem.kind is ProblemKind.OTHER else problem.sentence


def storage_problem(error: BaseException, path: Path) -> Problem:
    """Which storage trouble ``error`` (a database or OS error) is, with its sentence: the
    command line words a full disk and a failed write differently by ``Problem.kind``.
    ``ProblemKind.OTHER`` when it is none of them; its sentence is then "``path``: error"."""
    return classify(error, path)


def disk_full_sentence(path: Path) -> str:
    """The disk holding ``path`` is full, said for a change that was not made (not the
    start-up's "opened for reading only")."""
    return disk_full(path).sentence
