"""Undo commands for creating, editing and deleting records through ``services``.

Each kind of record is described once by a ``RecordApi`` (``ui.record_apis``). Undoing a
create deletes the record and takes its snapshot out of the trash (so undone work does not
linger there); redoing puts the snapshot back under the same ids. Undoing a delete restores the
record from the trash.

A command's name shows in the Edit menu ("Undo Add stakeholder Ada"): it is made from a
whole translated sentence with named placeholders, and the record's noun is translated by
its ``RecordApi``; the record's label is the services' own (a name, or "trust check on …").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QCoreApplication

from advisor_planner.services import trash
from advisor_planner.services.changes import Change, Changes
from advisor_planner.services.records import TrashItem
from advisor_planner.translation import QT_TRANSLATE_NOOP
from advisor_planner.ui.context import AppContext, RecordCommand
from advisor_planner.ui.i18n import format_count, translate

#: The context of a record's noun (``RecordApi.noun_text``), marked in ``ui.record_apis``.
NOUN = "RecordApi"
#: The context of the commands' names.
COMMAND = "RecordCommand"

# Each verb's command name: with the record's noun and label ("Edit stakeholder Ada"), and
# with the label alone where the label already names its kind ("Add trust check on …").
_ACTIONS = {
    "add": (
        QT_TRANSLATE_NOOP("RecordCommand", "Add {noun} {label}"),
        QT_TRANSLATE_NOOP("RecordCommand", "Add {label}"),
    ),
    "edit": (
        QT_TRANSLATE_NOOP("RecordCommand", "Edit {noun} {label}"),
        QT_TRANSLATE_NOOP("RecordCommand", "Edit {label}"),
    ),
    "delete": (
        QT_TRANSLATE_NOOP("RecordCommand", "Delete {noun} {label}"),
        QT_TRANSLATE_NOOP("RecordCommand", "Delete {label}"),
    ),
}
# What the status bar says once each is done ("Deleted stakeholder Ada · Undo").
_DONE = {
    "add": (
        QT_TRANSLATE_NOOP("RecordCommand", "Added {noun} {label}"),
        QT_TRANSLATE_NOOP("RecordCommand", "Added {label}"),
    ),
    "edit": (
        QT_TRANSLATE_NOOP("RecordCommand", "Saved {noun} {label}"),
        QT_TRANSLATE_NOOP("RecordCommand", "Saved {label}"),
    ),
    "delete": (
        QT_TRANSLATE_NOOP("RecordCommand", "Deleted {noun} {label}"),
        QT_TRANSLATE_NOOP("RecordCommand", "Deleted {label}"),
    ),
}


@dataclass(frozen=True)
class RecordApi:
    """The services functions of one kind of record, in one shape the UI can drive."""

    kind: str  # the trash kind (``RecordKind.name``)
    # "stakeholder" and "stakeholders", for command names and titles ("Add stakeholder Ada",
    # "Delete 3 stakeholders"): source text marked QT_TRANSLATE_NOOP("RecordApi", ...).
    noun_text: str
    plural_text: str
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

    @property
    def noun(self) -> str:
        """The record's noun in the user's language ("stakeholder")."""
        return translate(NOUN, self.noun_text)

    @property
    def plural(self) -> str:
        """The noun for several records in the user's language ("stakeholders")."""
        return translate(NOUN, self.plural_text)


def action_name(verb: str, api: RecordApi, record: Any, *, done: bool = False) -> str:
    """ "Edit stakeholder Ada", but "Add trust check on 2026-11-22" where the record's own
    label already starts with the noun; ``verb`` is "add", "edit" or "delete". ``done``: what
    the status bar says after it ("Saved stakeholder Ada")."""
    named, labelled = (_DONE if done else _ACTIONS)[verb]
    label = api.label(record)
    # The services' labels are English, so they are compared with the English noun.
    if label.casefold().startswith(api.noun_text.casefold()):
        return translate(COMMAND, labelled).format(label=label)
    return translate(COMMAND, named).format(noun=api.noun, label=label)


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
        default = QCoreApplication.translate("RecordCommand", "Add {noun}").format(noun=api.noun)
        super().__init__(context, text or default, changes or api.changes)
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
                self.setText(action_name("add", self.api, self.result))
                self.done_text = action_name("add", self.api, self.result, done=True)
        else:
            trash.put_back(kind=self.api.kind, payload=self._payload)
            self._payload = None

    def undo_change(self) -> None:
        record_id = self.record_id
        assert record_id is not None
        self._payload = trash.take_back(lambda: self.api.delete(record_id))


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
        super().__init__(context, text or action_name("edit", api, current), api.changes)
        if text is None:
            self.done_text = action_name("edit", api, current, done=True)
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
        done = ""
        if text is None:
            if len(self.record_ids) == 1:
                record = api.get(self.record_ids[0])
                text = action_name("delete", api, record)
                done = action_name("delete", api, record, done=True)
            else:
                count = format_count(len(self.record_ids))
                text = QCoreApplication.translate("RecordCommand", "Delete {count} {nouns}").format(
                    count=count, nouns=api.plural
                )
                done = QCoreApplication.translate(
                    "RecordCommand", "Deleted {count} {nouns}"
                ).format(count=count, nouns=api.plural)
        super().__init__(context, text, api.changes)
        self.done_text = done
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
        *,
        done_text: str = "",
    ) -> None:
        super().__init__(context, text, changes)
        self.done_text = done_text
        self._do = do
        self._undo = undo

    def do(self) -> None:
        self._do()

    def undo_change(self) -> None:
        self._undo()
