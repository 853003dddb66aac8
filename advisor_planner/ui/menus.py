"""The main window's menus and toolbar, built from a table, and the Help menu's two boxes.

``MENUS`` and ``ACTIONS`` are data tables (their length is their content): the menus in
menu-bar order, and one row per menu entry saying what it is called, what it says, which keys
reach it, what it does and when it can be used. ``build_menus`` turns them into ``QAction``s
and sets each on the window as ``<name>_action`` (as Qt Designer's ``setupUi`` sets its
widgets), so adding an entry is one row here and, if it needs one, one method on the window.
Help ▸ Keyboard Shortcuts (``ui.shortcuts``) lists the shortcuts bound here, and its own table
holds those outside the menus.

The words are marked with ``QT_TRANSLATE_NOOP`` and translated when they are shown, in the
main window's context.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import Enum
from typing import NamedTuple

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QToolBar, QWidget

from advisor_planner.translation import QT_TRANSLATE_NOOP
from advisor_planner.ui.empty_state import Section
from advisor_planner.ui.i18n import translate
from advisor_planner.ui.icons import load_icon

#: The context of every word of the menus, the toolbar and the Help boxes.
CONTEXT = "MainWindow"


class Needs(Enum):
    """When an action can be used; the window turns each group on and off as its state moves."""

    NOTHING = "always"
    #: Once the sections show the data (report, export).
    DATA = "data"
    #: With the data, while it can be changed: off when the database is read-only.
    WRITABLE_DATA = "writable data"
    #: While the database file is healthy and writable: off during the start-up check and a
    #: restore, and when the file is damaged or cannot be used (Back Up Now).
    SOUND_DATABASE = "sound database"
    #: A sound database that is not encrypted (Encrypt Database…).
    PLAIN_DATABASE = "plain database"
    #: A sound database that is encrypted, and unlocked (Change Passphrase…, Remove Encryption…).
    ENCRYPTED_DATABASE = "encrypted database"


StandardKey = QKeySequence.StandardKey  # (keeps the table's rows short)


class MenuAction(NamedTuple):
    """One row of ``ACTIONS``: a menu entry, or a separator when ``name`` is empty."""

    menu: str  # a key of MENUS
    #: The window's ``<name>_action``, whose object name is ``<camelName>Action``.
    name: str = ""
    text: str = ""
    #: A method or signal of the window, by name, or a function called with the window.
    handler: str | Callable[[QMainWindow], object] = ""
    #: Alternatives: the first that this platform binds. A key string always binds; a
    #: StandardKey gives the platform's main binding, or none (Quit and Preferences on some
    #: platforms, hence a fallback after them).
    keys: tuple[str | QKeySequence.StandardKey, ...] = ()
    #: The shortcut works from every window of the app, not only the main one.
    everywhere: bool = False
    tip: str = ""  # the status bar's line while the entry is highlighted
    icon: str = ""  # resources/icons/<icon>.svg, shown in the menu and on the toolbar
    #: Where macOS puts the entry in its application menu (Quit, Preferences, About).
    role: QAction.MenuRole | None = None
    needs: Needs = Needs.NOTHING
    on_toolbar: bool = False


def _separator(menu: str) -> MenuAction:
    return MenuAction(menu)


#: The menu bar, in order: key and title. The View menu holds one entry per section.
MENUS = {
    "file": QT_TRANSLATE_NOOP("MainWindow", "&File"),
    "edit": QT_TRANSLATE_NOOP("MainWindow", "&Edit"),
    "view": QT_TRANSLATE_NOOP("MainWindow", "&View"),
    "help": QT_TRANSLATE_NOOP("MainWindow", "&Help"),
}


def show_shortcuts(window: QMainWindow) -> None:
    """Help ▸ Keyboard Shortcuts (``ui.shortcuts``, which reads this module's tables)."""
    from advisor_planner.ui.shortcuts import show_shortcuts as show

    show(window, MENUS, CONTEXT)


def show_about(window: QMainWindow) -> None:
    """Help ▸ About Advisor Planner."""
    from PySide6.QtWidgets import QMessageBox

    from advisor_planner import __version__

    QMessageBox.about(
        window,
        QCoreApplication.translate("MainWindow", "About Advisor Planner"),
        QCoreApplication.translate(
            "MainWindow",
            "Advisor Planner {0}\n\nA private, offline practice for becoming a trusted "
            "advisor to the business: stakeholders, touchpoints, commitments, goals and "
            "weekly reflection.",
        ).format(__version__),
    )


def _in_workspace(name: str) -> Callable[[QMainWindow], object]:
    """A handler calling the window's workspace's ``name`` (a method taking no arguments);
    there is a workspace once the data is ready, and until then the entry is disabled."""

    def handler(window: QMainWindow) -> object:
        workspace = getattr(window, "workspace", None)
        return getattr(workspace, name)() if workspace is not None else None

    return handler


#: Every entry of the menus except the sections of the View menu, in menu order.
ACTIONS: tuple[MenuAction, ...] = (
    MenuAction(
        "file",
        "quick_log",
        QT_TRANSLATE_NOOP("MainWindow", "&Log Touchpoint…"),
        _in_workspace("quick_log"),
        keys=("Ctrl+L",),
        everywhere=True,
        tip=QT_TRANSLATE_NOOP("MainWindow", "Log a meeting or conversation in seconds"),
        icon="touchpoints",
        needs=Needs.WRITABLE_DATA,
        on_toolbar=True,
    ),
    MenuAction(
        "file",
        "reflect",
        QT_TRANSLATE_NOOP("MainWindow", "Weekly &Reflection…"),
        _in_workspace("reflect"),
        keys=("Ctrl+R",),
        everywhere=True,
        tip=QT_TRANSLATE_NOOP(
            "MainWindow", "This week's guided reflection: the evidence, then next week's focus"
        ),
        icon="reflections",
        needs=Needs.WRITABLE_DATA,
        on_toolbar=True,
    ),
    MenuAction(
        "file",
        "report",
        QT_TRANSLATE_NOOP("MainWindow", "Export Progress &Report…"),
        _in_workspace("report"),
        keys=("Ctrl+P",),
        tip=QT_TRANSLATE_NOOP("MainWindow", "A PDF of your progress, for you or a mentor"),
        needs=Needs.DATA,
    ),
    _separator("file"),
    MenuAction(
        "file",
        "import",
        QT_TRANSLATE_NOOP("MainWindow", "&Import…"),
        _in_workspace("import_file"),
        keys=("Ctrl+Shift+I",),
        tip=QT_TRANSLATE_NOOP(
            "MainWindow",
            "Contacts (vCard), meetings (iCalendar), a CSV or an archive, previewed first",
        ),
        needs=Needs.WRITABLE_DATA,
    ),
    MenuAction(
        "file",
        "export",
        QT_TRANSLATE_NOOP("MainWindow", "E&xport…"),
        _in_workspace("export_data"),
        keys=("Ctrl+Shift+E",),
        tip=QT_TRANSLATE_NOOP("MainWindow", "Everything as an archive, or one list as CSV"),
        needs=Needs.DATA,
    ),
    _separator("file"),
    MenuAction(
        "file",
        "new_database",
        QT_TRANSLATE_NOOP("MainWindow", "&New Database…"),
        "_new_database",
        keys=(StandardKey.New,),
    ),
    MenuAction(
        "file",
        "open_database",
        QT_TRANSLATE_NOOP("MainWindow", "&Open Database…"),
        "_open_database",
        keys=(StandardKey.Open,),
    ),
    _separator("file"),
    MenuAction(
        "file",
        "backup",
        QT_TRANSLATE_NOOP("MainWindow", "&Back Up Now"),
        "backup_requested",
        tip=QT_TRANSLATE_NOOP("MainWindow", "Write a copy of the database to its backups"),
        needs=Needs.SOUND_DATABASE,
    ),
    MenuAction(
        "file",
        "restore",
        QT_TRANSLATE_NOOP("MainWindow", "&Restore from Backup…"),
        "_choose_backup",
    ),
    _separator("file"),
    MenuAction(
        "file",
        "encrypt_database",
        QT_TRANSLATE_NOOP("MainWindow", "&Encrypt Database…"),
        "encrypt_requested",
        tip=QT_TRANSLATE_NOOP(
            "MainWindow", "Protect the database and its backups with a passphrase"
        ),
        needs=Needs.PLAIN_DATABASE,
    ),
    MenuAction(
        "file",
        "change_passphrase",
        QT_TRANSLATE_NOOP("MainWindow", "Change &Passphrase…"),
        "change_passphrase_requested",
        tip=QT_TRANSLATE_NOOP("MainWindow", "Choose a new passphrase; the recovery key stays"),
        needs=Needs.ENCRYPTED_DATABASE,
    ),
    MenuAction(
        "file",
        "remove_encryption",
        QT_TRANSLATE_NOOP("MainWindow", "Remove Encr&yption…"),
        "remove_encryption_requested",
        tip=QT_TRANSLATE_NOOP("MainWindow", "Store the database and its backups unencrypted"),
        needs=Needs.ENCRYPTED_DATABASE,
    ),
    _separator("file"),
    MenuAction(
        "file",
        "quit",
        QT_TRANSLATE_NOOP("MainWindow", "&Quit"),
        "close",
        # Some platforms (offscreen, some Windows themes) bind nothing to Quit; Ctrl+Q is usual.
        keys=(StandardKey.Quit, "Ctrl+Q"),
        role=QAction.MenuRole.QuitRole,
    ),
    MenuAction(
        "edit",
        "find",
        QT_TRANSLATE_NOOP("MainWindow", "&Find"),
        "_focus_search",
        keys=(StandardKey.Find,),
    ),
    _separator("edit"),
    MenuAction(
        "edit",
        "preferences",
        QT_TRANSLATE_NOOP("MainWindow", "&Preferences…"),
        _in_workspace("preferences"),
        keys=(StandardKey.Preferences, "Ctrl+,"),
        role=QAction.MenuRole.PreferencesRole,
        needs=Needs.WRITABLE_DATA,
    ),
    MenuAction(
        "help",
        "shortcuts",
        QT_TRANSLATE_NOOP("MainWindow", "&Keyboard Shortcuts"),
        show_shortcuts,
        keys=(StandardKey.HelpContents,),
    ),
    MenuAction(
        "help",
        "about",
        QT_TRANSLATE_NOOP("MainWindow", "&About Advisor Planner"),
        show_about,
        role=QAction.MenuRole.AboutRole,
    ),
)


class BuiltMenus(NamedTuple):
    """What ``build_menus`` made that the window keeps besides the ``<name>_action``s."""

    toolbar: QToolBar
    #: View ▸ one checkable entry per section, by section key (Ctrl+1 for the first…).
    section_actions: dict[str, QAction]
    #: The actions that wait for something, by what they need; they start disabled.
    waiting: dict[Needs, list[QAction]]


def build_menus(
    window: QMainWindow, sections: Sequence[Section], select_section: Callable[[str], object]
) -> BuiltMenus:
    """Give ``window`` its menus, toolbar and actions, from ``MENUS`` and ``ACTIONS``.

    Each entry is set on the window as ``<name>_action`` and each menu as ``<key>_menu``; the
    View menu's entries call ``select_section`` with their section's key.
    """
    menus = {
        key: window.menuBar().addMenu(translate(CONTEXT, title)) for key, title in MENUS.items()
    }
    toolbar = window.addToolBar(QCoreApplication.translate("MainWindow", "Main"))
    toolbar.setObjectName("mainToolBar")
    toolbar.setMovable(False)
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    waiting: dict[Needs, list[QAction]] = {}
    for entry in ACTIONS:
        if not entry.name:
            menus[entry.menu].addSeparator()
            continue
        action = _action(window, entry)
        menus[entry.menu].addAction(action)
        if entry.on_toolbar:
            toolbar.addAction(action)
        if entry.needs is not Needs.NOTHING:
            action.setEnabled(False)
            waiting.setdefault(entry.needs, []).append(action)
        setattr(window, f"{entry.name}_action", action)
    for key, menu in menus.items():
        setattr(window, f"{key}_menu", menu)
    section_actions = _section_actions(window, menus["view"], sections, select_section)
    return BuiltMenus(toolbar, section_actions, waiting)


def _action(window: QMainWindow, entry: MenuAction) -> QAction:
    action = QAction(translate(CONTEXT, entry.text), window)
    first, *rest = entry.name.split("_")
    action.setObjectName(first + "".join(part.title() for part in rest) + "Action")
    if entry.icon:
        action.setIcon(load_icon(entry.icon))
    shortcut = _first_bound(entry.keys)
    if shortcut is not None:
        action.setShortcut(shortcut)
    if entry.everywhere:
        action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
    if entry.tip:
        action.setStatusTip(translate(CONTEXT, entry.tip))
    if entry.role is not None:
        action.setMenuRole(entry.role)
    handler = entry.handler
    if isinstance(handler, str):
        action.triggered.connect(getattr(window, handler))
    else:
        action.triggered.connect(lambda: handler(window))
    return action


def _first_bound(keys: Sequence[str | QKeySequence.StandardKey]) -> QKeySequence | None:
    """The first of ``keys`` that this platform binds (see ``MenuAction.keys``); a StandardKey
    gives its main binding only, as ``QKeySequence(key)`` does (not the dedicated New, Open,
    Find or Help keys some keyboards have)."""
    for key in keys:
        sequence = QKeySequence(key)
        if not sequence.isEmpty():
            return sequence
    return None


def _section_actions(
    window: QWidget,
    menu: QMenu,
    sections: Sequence[Section],
    select_section: Callable[[str], object],
) -> dict[str, QAction]:
    """View ▸ one checkable entry per section, Ctrl+1 for the first and so on."""
    actions: dict[str, QAction] = {}
    group = QActionGroup(window)
    group.setExclusive(True)
    for number, section in enumerate(sections, start=1):
        action = QAction(load_icon(section.key), section.title, window)
        action.setObjectName(f"show_{section.key}")
        action.setCheckable(True)
        action.setShortcut(QKeySequence(f"Ctrl+{number}"))
        action.triggered.connect(lambda _=False, key=section.key: select_section(key))
        group.addAction(action)
        menu.addAction(action)
        actions[section.key] = action
    return actions
