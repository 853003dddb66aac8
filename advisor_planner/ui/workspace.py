"""The working parts of the window once the database is ready: the shared context and the
section pages.

``Workspace.page_for(key, empty_page)`` builds a section's page from
``advisor_planner.ui.sections.<key>.build_page``; a section without such a module keeps its
empty-state page. The workspace also opens the quick log from anywhere (Ctrl+L).
"""

from __future__ import annotations

import importlib

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QWidget

from advisor_planner.ui.context import AppContext

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
        self.context = AppContext(settings=settings, parent_widget=window)
        self.window = window

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
        return module.build_page(self.context, empty_page)

    def quick_log(self, stakeholder_ids: tuple[int, ...] = ()) -> None:
        from advisor_planner.ui.quick_log import open_quick_log

        open_quick_log(self.context, self.window, stakeholder_ids=stakeholder_ids)
