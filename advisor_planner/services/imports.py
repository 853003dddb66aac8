"""Applying an import plan in one transaction, and taking a whole import back.

``interchange`` parses a file and plans what to add, merge and skip (``ImportPlan``); nothing
is written until ``apply(plan)``, which writes every change in one transaction: if any change
fails, none is kept and the database is as it was. The ``ImportResult`` it returns is what
``revert`` needs to take the import back as one step (the app's undo): the records it created
are deleted and the ones it merged into get their old values back.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from advisor_planner.services import stakeholders, touchpoints
from advisor_planner.services.errors import ServiceError, ValidationError
from advisor_planner.store import models as m
from advisor_planner.translation import translate

ADD, MERGE, SKIP = "add", "merge", "skip"
#: The largest file an import reads (a JSON archive may be larger: ``archive_read.MAX_BYTES``).
MAX_IMPORT_BYTES = 50 * 1024 * 1024
#: The most records (cards, meetings, rows) one import plans: a real leader's files hold a
#: few thousand; a file past this is refused before its work is done.
MAX_IMPORT_RECORDS = 50_000


@dataclass(slots=True)
class Change:
    """One planned change: add a record, merge into ``record_id``, or skip (with why)."""

    action: str
    kind: str  # "stakeholder" or "touchpoint"
    label: str  # what a person reads: a name, an event's summary and day
    source: str = ""  # where in the file: "card 3", "line 12", an event's UID
    reason: str = ""  # why it is merged or skipped
    fields: dict[str, Any] = field(default_factory=dict)
    record_id: int | None = None
    # A touchpoint's people who are themselves added by this import (``person_key``).
    new_people: tuple[str, ...] = ()


def is_database_file(path: Path) -> bool:
    """Whether ``path`` is the open database or one of its side files: never to be read as
    an import (opening it outside SQLite would release SQLite's locks; see ``store.lock``)."""
    from advisor_planner.store.connection import database_path

    db = m.database.obj
    if db is None:
        return False
    own = database_path(db).resolve()
    try:
        target = Path(path).resolve()
    except OSError:
        return False
    return target in {own, *(own.with_name(own.name + s) for s in ("-wal", "-shm", "-journal"))}


def person_key(email: str, name: str) -> str:
    """How a touchpoint names a person its import adds: by email (any case), else by name."""
    return email.lower() if email else f"name:{name}"


@dataclass(slots=True)
class ImportPlan:
    source: str
    file_kind: str  # "vcard", "icalendar", "csv", "json"
    changes: list[Change] = field(default_factory=list)
    #: What a person should know of the file as a whole (read as Windows-1252, say).
    warnings: list[str] = field(default_factory=list)

    def of(self, action: str) -> list[Change]:
        return [c for c in self.changes if c.action == action]

    @property
    def counts(self) -> dict[str, int]:
        return {action: len(self.of(action)) for action in (ADD, MERGE, SKIP)}

    def summary(self) -> str:
        counts = self.counts
        return translate("Import", "{0} to add, {1} to merge, {2} skipped").format(
            counts[ADD], counts[MERGE], counts[SKIP]
        )


@dataclass(slots=True)
class ImportResult:
    created: list[tuple[str, int]] = field(default_factory=list)  # (kind, id), in order
    updated: list[tuple[str, int, dict[str, Any]]] = field(default_factory=list)  # old values
    added: int = 0
    merged: int = 0
    skipped: int = 0


class ImportFailed(ServiceError):
    """The import was refused or failed part-way; nothing of it was kept."""


def apply(plan: ImportPlan, *, progress: Callable[[int, int], None] | None = None) -> ImportResult:
    """Write ``plan``'s adds and merges in one transaction; ``progress(done, total)`` is told
    as it goes. Raises ``ImportFailed`` naming the change at fault (nothing is kept then).

    People go first (the touchpoints may name people the same import adds), each kind's adds
    in bulk (``create_many``: an import of thousands is a few statements per hundred).
    """
    result = ImportResult(skipped=len(plan.of(SKIP)))
    people = [c for c in plan.changes if c.kind == "stakeholder" and c.action == ADD]
    merges = [c for c in plan.changes if c.action == MERGE]  # people, and meetings moved
    meetings = [c for c in plan.changes if c.kind == "touchpoint" and c.action == ADD]
    total = len(people) + len(merges) + len(meetings)
    done = 0

    def advance(count: int) -> None:
        nonlocal done
        done += count
        if progress is not None and total:
            progress(done, total)

    with m.database.atomic():
        added: dict[str, int] = {}  # person_key → id, for the touchpoints that name them
        people_ids = _bulk(stakeholders.create_many, people, [c.fields for c in people])
        for change, person_id in zip(people, people_ids, strict=True):
            result.created.append(("stakeholder", person_id))
            email = change.fields.get("email", "")
            if email:
                added[person_key(email, "")] = person_id
            added.setdefault(person_key("", change.fields["name"]), person_id)
        result.added += len(people)
        advance(len(people))
        for change in merges:
            try:
                _merge(change, result)
            except ServiceError as exc:
                raise _failed(change, exc) from exc
            advance(1)
        rows = [_touchpoint_fields(change, added) for change in meetings]
        for start in range(0, len(rows), 1000):
            chunk = meetings[start : start + 1000]
            ids = _bulk(touchpoints.create_many, chunk, rows[start : start + 1000])
            result.created += [("touchpoint", i) for i in ids]
            advance(len(chunk))
        result.added += len(meetings)
    return result


def _bulk(
    create_many: Callable[[Sequence[Mapping[str, Any]]], list[int]],
    changes: list[Change],
    rows: list[dict[str, Any]],
) -> list[int]:
    """``create_many(rows)``, its failure named after the change whose row it was."""
    try:
        return create_many(rows)
    except ServiceError as exc:
        if isinstance(exc, ValidationError) and exc.position is not None:
            raise _failed(changes[exc.position], exc) from exc
        said = (
            translate("Import", "{0} stakeholders could not be written: {1}")
            if changes[0].kind == "stakeholder"
            else translate("Import", "{0} touchpoints could not be written: {1}")
        )
        raise ImportFailed(said.format(len(changes), exc)) from exc


def _failed(change: Change, exc: Exception) -> ImportFailed:
    where = f" ({change.source})" if change.source else ""
    return ImportFailed(f"{change.label}{where}: {exc}")


def _merge(change: Change, result: ImportResult) -> None:
    assert change.record_id is not None
    if change.kind == "touchpoint":  # a meeting moved since it was imported
        meeting = touchpoints.get(touchpoint_id=change.record_id)
        old = {name: getattr(meeting, name) for name in ("occurred_at", "has_time", "external_uid")}
        touchpoints.update(touchpoint_id=change.record_id, **change.fields)
    else:
        person = stakeholders.get(stakeholder_id=change.record_id)
        old = {name: getattr(person, name) for name in change.fields}
        stakeholders.update(stakeholder_id=change.record_id, **change.fields)
    result.updated.append((change.kind, change.record_id, old))
    result.merged += 1


def _touchpoint_fields(change: Change, added: dict[str, int]) -> dict[str, Any]:
    fields = dict(change.fields)
    people = list(fields.pop("stakeholder_ids", ()))
    for key in change.new_people:
        if key not in added:
            who = key.removeprefix("name:")
            problem = translate("Import", "{0} was not added").format(who)
            raise _failed(change, ValidationError("stakeholder_ids", problem))
        people.append(added[key])
    fields["stakeholder_ids"] = list(dict.fromkeys(people))
    return fields


def revert(result: ImportResult) -> None:
    """Take an import back: delete what it created (touchpoints first) and restore what it
    merged into, in one transaction."""
    with m.database.atomic():
        touchpoint_ids = [i for kind, i in result.created if kind == "touchpoint"]
        people_ids = [i for kind, i in result.created if kind == "stakeholder"]
        if touchpoint_ids:
            m.Touchpoint.delete().where(m.Touchpoint.id.in_(touchpoint_ids)).execute()
        if people_ids:
            m.Stakeholder.delete().where(m.Stakeholder.id.in_(people_ids)).execute()
        for kind, record_id, old in result.updated:
            if kind == "stakeholder":
                stakeholders.update(stakeholder_id=record_id, **old)
            elif kind == "touchpoint":
                touchpoints.update(touchpoint_id=record_id, **old)
