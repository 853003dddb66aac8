"""The Trash: deleted records wait here until restored, purged or the trash is emptied.

Restoring is undoable (undo deletes the record again, through its kind's ``RecordApi``, so it
goes back to the trash); purging and emptying ask first and cannot be undone. The list
refreshes whenever any record changes, since any delete elsewhere lands here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from advisor_planner.services import clock, trash
from advisor_planner.services.changes import Change, Changes
from advisor_planner.services.trash import TrashedRecord
from advisor_planner.translation import QT_TRANSLATE_NOOP
from advisor_planner.ui import record_apis
from advisor_planner.ui.commands import CallCommand, RecordApi
from advisor_planner.ui.context import AppContext
from advisor_planner.ui.i18n import format_count, translate
from advisor_planner.ui.list_page import RecordListPage
from advisor_planner.ui.table import Column

DELETED_COLUMN = 2


def _all_apis() -> dict[str, RecordApi]:
    apis = [value for value in vars(record_apis).values() if isinstance(value, RecordApi)]
    return {api.kind: api for api in apis}


APIS = _all_apis()


# What each kind of record is called in the list (the services' kind names, capitalised).
KIND_LABELS = {
    "brand goal": QT_TRANSLATE_NOOP("TrashPage", "Brand goal"),
    "commitment": QT_TRANSLATE_NOOP("TrashPage", "Commitment"),
    "feedback": QT_TRANSLATE_NOOP("TrashPage", "Feedback"),
    "goal checkpoint": QT_TRANSLATE_NOOP("TrashPage", "Goal checkpoint"),
    "initiative": QT_TRANSLATE_NOOP("TrashPage", "Initiative"),
    "milestone": QT_TRANSLATE_NOOP("TrashPage", "Milestone"),
    "reflection": QT_TRANSLATE_NOOP("TrashPage", "Reflection"),
    "stakeholder": QT_TRANSLATE_NOOP("TrashPage", "Stakeholder"),
    "touchpoint": QT_TRANSLATE_NOOP("TrashPage", "Touchpoint"),
    "trust check": QT_TRANSLATE_NOOP("TrashPage", "Trust check"),
}


def kind_label(kind: str) -> str:
    known = KIND_LABELS.get(kind)
    return translate("TrashPage", known) if known else kind[:1].upper() + kind[1:]


def deleted_local(row: TrashedRecord) -> datetime | None:
    """When it was deleted, in the user's zone (the store keeps naive UTC)."""
    # (Typed a datetime, but peewee hands back stored text it cannot parse as it is.)
    moment: object = row.deleted_at
    if not isinstance(moment, datetime):
        return None
    return clock.from_utc_naive(moment) if moment.tzinfo is None else moment


COLUMNS = [
    Column(QT_TRANSLATE_NOOP("Column", "What"), lambda r: r.label, width=360, stretch=True),
    Column(QT_TRANSLATE_NOOP("Column", "Kind"), lambda r: r.kind, text=kind_label, width=120),
    Column(QT_TRANSLATE_NOOP("Column", "Deleted"), deleted_local, width=140),
]


@dataclass
class _Restored:
    """One entry a restore command handles: where it is in the trash now, and its record."""

    entry_id: int
    kind: str
    record_id: int


def restore_command(context: AppContext, rows: list[TrashedRecord]) -> CallCommand:
    """Restore ``rows`` from the trash; undo deletes them again (back into the trash)."""
    items = [_Restored(r.entry_id, r.kind, r.record_id) for r in rows]
    if len(rows) == 1:
        text = translate("TrashPage", "Restore {0}").format(rows[0].label)
        done = translate("TrashPage", "Restored {0}").format(rows[0].label)
    else:
        text = translate("TrashPage", "Restore {0} records").format(format_count(len(rows)))
        done = translate("TrashPage", "Restored {0} records").format(format_count(len(rows)))

    def do() -> None:
        done: list[_Restored] = []
        try:
            for item in items:
                trash.restore(entry_id=item.entry_id)
                done.append(item)
        except Exception:
            _delete_again(done)  # all or nothing: take back the ones already restored
            raise

    def undo() -> None:
        _delete_again(items)

    return CallCommand(context, text, Changes.everything(), do, undo, done_text=done)


def _delete_again(items: list[_Restored]) -> None:
    for item in reversed(items):
        api = APIS.get(item.kind)
        if api is not None:
            item.entry_id = api.delete(item.record_id).entry_id


class TrashPage(RecordListPage):
    """The trash list with Restore, Purge and Empty trash."""

    def __init__(self, context: AppContext, empty_page: QWidget | None = None) -> None:
        super().__init__(
            context,
            key="trash",
            columns=COLUMNS,
            load=trash.list_entries,
            kinds=tuple(Change),
            empty_page=empty_page if empty_page is not None else make_empty_page(),
            api=None,
            search_placeholder=self.tr("Search the trash (Ctrl+F)"),
            list_name=self.tr("Trash list"),
        )
        for button in (self.new_button, self.edit_button, self.delete_button):
            button.hide()
        self.restore_button = QPushButton(self.tr("Restore"), self)
        self.restore_button.setObjectName("trashRestore")
        self.restore_button.setToolTip(
            self.tr("Put the selected records back where they were (undo with Ctrl+Z)")
        )
        self.purge_button = QPushButton(self.tr("Purge…"), self)
        self.purge_button.setObjectName("trashPurge")
        self.purge_button.setToolTip(self.tr("Delete the selected records for good"))
        self.empty_button = QPushButton(self.tr("Empty trash…"), self)
        self.empty_button.setObjectName("trashEmpty")
        self.empty_button.setToolTip(self.tr("Delete everything in the trash for good"))
        for button in (self.restore_button, self.purge_button, self.empty_button):
            self.toolbar.addWidget(button)
        self.restore_button.clicked.connect(self.restore_selected)
        self.purge_button.clicked.connect(self.purge_selected)
        self.empty_button.clicked.connect(self.empty_trash)
        if not context.settings.contains("lists/trash/header"):
            self.table.sortByColumn(DELETED_COLUMN, Qt.SortOrder.DescendingOrder)
        self._update_buttons()

    def _on_changed(self, changes: Changes) -> None:
        # Every delete anywhere lands here, and restores change the trash: refresh on any kind.
        self._stale = True
        if self.isVisible():
            self.refresh()

    def _update_buttons(self, *_: object) -> None:
        super()._update_buttons()
        if not hasattr(self, "restore_button"):
            return
        has = bool(self.table.selectionModel().selectedRows())
        writable = self.context.writable
        self.restore_button.setEnabled(has and writable)
        self.purge_button.setEnabled(has and writable)
        self.empty_button.setEnabled(self.model.rowCount() > 0 and writable)

    def _show_count(self) -> None:
        super()._show_count()
        self._update_buttons()

    # -- actions -----------------------------------------------------------------------------
    def restore_selected(self) -> bool:
        rows = self.table.selected_rows()
        if not rows or not self.context.writable:
            return False
        return self.context.run(restore_command(self.context, rows))

    def purge_selected(self) -> bool:
        rows = self.table.selected_rows()
        if not rows or not self.context.writable:
            return False
        if len(rows) == 1:
            title = self.tr("Purge {0}?").format(rows[0].label)
            question = self.tr(
                "Delete “{0}” for good? This cannot be undone: it will no longer be possible "
                "to restore it."
            ).format(rows[0].label)
        else:
            count = format_count(len(rows))
            title = self.tr("Purge {0} records?").format(count)
            question = self.tr(
                "Delete these {0} records for good? This cannot be undone: it will no longer "
                "be possible to restore them."
            ).format(count)
        if not self._confirm(title, question):
            return False
        try:
            for row in rows:
                trash.purge(entry_id=row.entry_id)
        except Exception as exc:  # noqa: BLE001 - a disk or database error: say what failed
            self.context.show_error(self.tr("Purge"), exc)
        self.context.events.announce(Changes.of(Change.TRASH))
        return True

    def empty_trash(self) -> bool:
        total = trash.count()
        if not total or not self.context.writable:
            return False
        question = self.tr(
            "Delete all {0} records in the trash for good? This cannot be undone: none of "
            "them can be restored afterwards."
        ).format(format_count(total))
        if not self._confirm(self.tr("Empty the trash?"), question):
            return False
        try:
            trash.empty()
        except Exception as exc:  # noqa: BLE001 - a disk or database error: say what failed
            self.context.show_error(self.tr("Empty the trash"), exc)
        self.context.events.announce(Changes.of(Change.TRASH))
        return True

    def _confirm(self, title: str, question: str) -> bool:
        answer = QMessageBox.question(
            self,
            title,
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes


def make_empty_page() -> QWidget:
    """What the trash shows while it is empty."""
    from advisor_planner.ui.empty_state import EmptyStatePage, Section

    section = Section(
        "trash",
        translate("TrashPage", "Trash"),
        translate("TrashPage", "The trash is empty"),
        translate(
            "TrashPage", "Deleted records wait here until you restore them or empty the trash."
        ),
        translate(
            "TrashPage",
            "Anything you delete elsewhere (with Delete, or the Delete button) comes here, "
            "newest first. Ctrl+Z undoes a delete straight away.",
        ),
    )
    return EmptyStatePage(section)


def build_page(context: AppContext, empty_page: QWidget | None = None) -> QWidget:
    """The Trash page, showing ``empty_page`` while the trash is empty (without one, its own:
    "The trash is empty. Deleted records wait here until you restore them or empty the
    trash.")."""
    return TrashPage(context, empty_page)
