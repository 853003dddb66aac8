"""The working parts of the window once the database is ready: the shared context and the
section pages.

``Workspace.page_for(key, empty_page)`` builds a section's page from
``advisor_planner.ui.sections.<key>.build_page``; a section without such a module keeps its
empty-state page. The workspace also opens the quick log from anywhere (Ctrl+L), and opens
what a view asks for through ``AppContext.navigate`` (``open_link``): a person's page, a goal
or initiative form, a touchpoint or trust check, or the touchpoints of some days.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, Protocol, cast

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QWidget

from advisor_planner.ui.context import AppContext

if TYPE_CHECKING:
    from advisor_planner.charts.base import RecordLink


class SectionWindow(Protocol):
    """What the workspace needs of the main window: to show a section and reach its page.
    (A protocol, not ``ui.main_window.MainWindow``: the window imports the workspace, and the
    workspace importing the window back made a cycle.)"""

    def select_section(self, key: str) -> None: ...

    def page(self, key: str) -> Any: ...


SECTION_MODULES = {
    "dashboard": "advisor_planner.ui.sections.dashboard",
    "stakeholders": "advisor_planner.ui.sections.stakeholders",
    "touchpoints": "advisor_planner.ui.sections.touchpoints",
    "commitments": "advisor_planner.ui.sections.commitments",
    "goals": "advisor_planner.ui.sections.goals",
    "reflections": "advisor_planner.ui.sections.reflections",
    "initiatives": "advisor_planner.ui.sections.initiatives",
    "trash": "advisor_planner.ui.sections.trash",
}


class Workspace:
    def __init__(self, *, settings: QSettings, window: QWidget) -> None:
        self.context = AppContext(settings=settings, parent_widget=window, background_undo=True)
        self.window = window
        self.context.navigate.connect(self.open_link)
        self.last_opened: Any = None  # what open_link showed last (a page or dialog), for tests
        self.reminder: Any = None  # the weekly reflection's reminder, once started

    def close(self) -> None:
        """The database is about to close (locked, or its encryption changing): the reminder
        stops and every dialog of the window closes, unsaved input and all, so nothing of the
        data stays on screen."""
        from PySide6.QtWidgets import QDialog

        if self.reminder is not None:
            self.reminder.stop()
            self.reminder = None
        for dialog in self.window.findChildren(QDialog):
            if dialog.isVisible():
                dialog.done(0)  # (not reject(): a form would ask about its changes)
        self.context.finish_writes()
        self.context.undo_stack.clear()

    def page_for(self, key: str, empty_page: QWidget) -> QWidget | None:
        module_name = SECTION_MODULES.get(key)
        if module_name is None:
            return None
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name == module_name:
                return None  # not built yet: the empty state stays
            raise
        page: QWidget = module.build_page(self.context, empty_page)
        return page

    def quick_log(self, stakeholder_ids: tuple[int, ...] = ()) -> None:
        from advisor_planner.ui.quick_log import open_quick_log

        open_quick_log(self.context, self.window, stakeholder_ids=stakeholder_ids)

    def reflect(self, week: str | None = None) -> Any:
        """Open the weekly reflection session for ``week`` (this week by default)."""
        from advisor_planner.services.errors import ValidationError
        from advisor_planner.ui.reflection.session import open_session

        try:
            session = open_session(self.context, self.window, week)
        except ValidationError as exc:  # a week that has not started
            self.context.show_error(
                QCoreApplication.translate("Workspace", "Open the reflection"), exc
            )
            return None
        if self.reminder is not None:
            session.finished_week.connect(lambda _week: self.reminder.check())
        self.last_opened = session
        return session

    def report(self) -> Any:
        """The progress report's export dialog."""
        from advisor_planner.ui.report_dialog import ReportDialog

        dialog = ReportDialog(self.context, self.window)
        dialog.open()
        self.last_opened = dialog
        return dialog

    def import_file(self, path: Any = None) -> Any:
        """File ▸ Import…: the preview dialog for ``path`` (asked for when not given)."""
        from pathlib import Path

        from advisor_planner.ui.transfer.import_dialog import ImportDialog, choose_import_file

        path = Path(path) if path is not None else choose_import_file(self.window)
        if path is None:
            return None
        dialog = ImportDialog(self.context, path, self.window)
        dialog.open()
        self.last_opened = dialog
        return dialog

    def export_data(self) -> Any:
        """File ▸ Export…: everything as an archive, or one list as CSV."""
        from advisor_planner.ui.transfer.export import choose_export

        return choose_export(self.context, self.window)

    def preferences(self) -> Any:
        from advisor_planner.ui.preferences import PreferencesDialog

        dialog = PreferencesDialog(self.context, self.window)
        dialog.accepted.connect(lambda: self.reminder and self.reminder.check())
        dialog.open()
        self.last_opened = dialog
        return dialog

    def start_reminder(self, now: Any = None) -> Any:
        """Watch for the weekly reflection's time (``now``: a clock for tests)."""
        from advisor_planner.ui.reminder import ReflectionReminder

        if self.reminder is None:
            self.reminder = ReflectionReminder(self.context, self.window, now=now)
            self.reminder.start_requested.connect(lambda: self.reflect())
        self.reminder.check()
        return self.reminder

    def open_link(self, link: RecordLink) -> Any:
        """Open what ``link`` points to; return the page or dialog shown (None if gone)."""
        window = cast(SectionWindow, self.window)
        kind, record_id = link.kind, link.record_id
        opened: Any = None
        if kind == "stakeholder" and record_id is not None:
            window.select_section("stakeholders")
            section = window.page("stakeholders")
            section.open_person(record_id)
            opened = section.person_page
        elif kind in ("brand goal", "initiative") and record_id is not None:
            key = "goals" if kind == "brand goal" else "initiatives"
            window.select_section(key)
            opened = window.page(key).open_record(record_id)
        elif kind == "touchpoint" and record_id is not None:
            opened = window.page("touchpoints").open_record(record_id)
        elif kind == "touchpoints" and link.start is not None:
            window.select_section("touchpoints")
            opened = window.page("touchpoints")
            opened.show_days((link.start, link.end or link.start))
        elif kind == "commitments":
            window.select_section("commitments")
            opened = window.page("commitments")
            opened.set_filter(link.which or "all")
        elif kind == "trust check" and record_id is not None:
            opened = self._open_trust_check(record_id)
        elif kind == "commitment" and record_id is not None:
            window.select_section("commitments")
            page = window.page("commitments")
            page.set_filter("all")
            opened = page.open_record(record_id)
        elif kind == "reflection":
            opened = self.reflect(link.which or None)
        self.last_opened = opened
        return opened

    def _open_trust_check(self, trust_check_id: int) -> Any:
        from advisor_planner.services import trust_checks
        from advisor_planner.services.errors import NotFoundError
        from advisor_planner.ui.stakeholder.forms import trust_check_dialog

        try:
            check = trust_checks.get(trust_check_id=trust_check_id)
        except NotFoundError:
            return None
        dialog = trust_check_dialog(
            self.context, check.stakeholder_id, record=check, parent=self.window
        )
        dialog.open()
        return dialog
