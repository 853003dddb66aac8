"""Undo commands for creating, editing and deleting records through ``services``.

Each kind of record is described once by a ``RecordApi`` (``ui.record_apis``). Undoing a
create deletes the record and takes its snapshot out of the trash (so undone work does not
linger there); redoing puts the snapshot back under the same ids. Undoing a delete restores the
record from the trash.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from advisor_planner.services import trash
from advisor_planner.services.changes import Change, Changes
from advisor_planner.services.records import TrashItem
from advisor_planner.ui.context import AppContext, RecordCommand


@dataclass(frozen=True)
class RecordApi:
    """The services functions of one kind of record, in one shape the UI can drive."""

    kind: str  # the trash kind (``RecordKind.name``)
    noun: str  # "stakeholder", for command names: "Add stakeholder Ada"
    create: Callable[..., Any]
    update: Callable[..., Any]  # update(record_id, **changes)
    delete: Callable[[int], TrashItem]
    get: Callable[[int], Any]
    validate: Callable[[Mapping[str, Any]], Any]
    label: Callable[[Any], str]
    defaults: Callable[[], dict[str, Any]]  # the values a new record starts from
    # Other kinds whose views show this one (a touchpoint changes stakeholders' pages...).
    also_changes: tuple[Change, ...] = field(default_factory=tuple)

    @property
    def changes(self) -> Changes:
        """What a change to one of these records touches."""
        return Changes.of(Change(self.kind), self.also_changes)


def action_name(verb: str, api: RecordApi, record: Any) -> str:
    """ "Edit stakeholder Ada", but "Add trust check on 2026-11-22" where the record's own
    label already starts with the noun."""
    label = api.label(record)
    if label.casefold().startswith(api.noun.casefold()):
        return f"{verb} {label}"
    return f"{verb} {api.noun} {label}"


class CreateRecord(RecordCommand):
    def __init__(
        self,
        context: AppContext,
        api: RecordApi,
        fields: Mapping[str, Any],
        *,
        text: str | None = None,
        create: Callable[[], Any] | None = None,
        record_id_of: Callable[[Any], int] = lambda record: record.id,
        changes: Changes | None = None,
    ) -> None:
        # ``changes``: what this change touches when it is narrower than everything the API's
        # records can touch (a touchpoint logged without promises changes no commitment).
        super().__init__(context, text or f"Add {api.noun}", changes or api.changes)
        self._name_after_record = text is None
        self.api = api
        self.fields = dict(fields)
        self._create = create or (lambda: api.create(**self.fields))
        self._record_id_of = record_id_of
        self.result: Any = None
        self.record_id: int | None = None
        self._payload: str | None = None

    def do(self) -> None:
        if self._payload is None:
            self.result = self._create()
            self.record_id = self._record_id_of(self.result)
            if self._name_after_record:
                self.setText(action_name("Add", self.api, self.result))
        else:
            trash.put_back(kind=self.api.kind, payload=self._payload)
            self._payload = None

    def undo_change(self) -> None:
        assert self.record_id is not None
        item = self.api.delete(self.record_id)
        self._payload = trash.withdraw(entry_id=item.entry_id)


class UpdateRecord(RecordCommand):
    def __init__(
        self,
        context: AppContext,
        api: RecordApi,
        record_id: int,
        changes: Mapping[str, Any],
        *,
        text: str | None = None,
    ) -> None:
        current = api.get(record_id)
        super().__init__(context, text or action_name("Edit", api, current), api.changes)
        self.api = api
        self.record_id = record_id
        self.after = dict(changes)
        self.before = {name: getattr(current, name) for name in self.after}
        self.result: Any = None

    def do(self) -> None:
        self.result = self.api.update(self.record_id, **self.after)

    def undo_change(self) -> None:
        self.result = self.api.update(self.record_id, **self.before)


class DeleteRecords(RecordCommand):
    """Move one or more records to the trash; undo restores them."""

    def __init__(
        self,
        context: AppContext,
        api: RecordApi,
        record_ids: Iterable[int],
        *,
        text: str | None = None,
    ) -> None:
        self.record_ids = list(record_ids)
        if text is None:
            if len(self.record_ids) == 1:
                text = action_name("Delete", api, api.get(self.record_ids[0]))
            else:
                text = f"Delete {len(self.record_ids)} {api.noun}s"
        super().__init__(context, text, api.changes)
        self.api = api
        self.entries: list[int] = []

    def do(self) -> None:
        self.entries = [self.api.delete(record_id).entry_id for record_id in self.record_ids]

    def undo_change(self) -> None:
        for entry_id in reversed(self.entries):
            trash.restore(entry_id=entry_id)
        self.entries = []


class CallCommand(RecordCommand):
    """A change given as a pair of functions (marking a commitment kept, restoring from the
    trash...), for what does not fit create, edit or delete."""

    def __init__(
        self,
        context: AppContext,
        text: str,
        changes: Changes,
        do: Callable[[], Any],
        undo: Callable[[], Any],
    ) -> None:
        super().__init__(context, text, changes)
        self._do = do
        self._undo = undo

    def do(self) -> None:
        self._do()

    def undo_change(self) -> None:
        self._undo()
