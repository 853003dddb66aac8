"""Help ▸ Keyboard Shortcuts: every shortcut of the app in a two-column table, by area.

The menus' shortcuts come from the window's own actions (``ui.menus.ACTIONS`` and the View
menu's sections; ``ui.menus``, which imports this module, hands in the menus' titles), so the
table shows the keys this platform really binds. The shortcuts outside the menus (a list's
Enter and Delete, the reflection's steps) are the ``OTHER`` table below, and the Commitments
section's marks are read from that section's own table. A new shortcut outside the menus
goes into ``OTHER``.

The keys are written by ``QKeySequence.toString(NativeText)``: the platform's names
(``⌘L`` on macOS), translated by Qt ("Strg+L" in German).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMainWindow,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from advisor_planner.translation import QT_TRANSLATE_NOOP
from advisor_planner.ui.i18n import translate

CONTEXT = "Shortcuts"

#: Shortcuts outside the menus: (area, keys, what they do); the words in the ``Shortcuts``
#: context. Several keys of one row are alternatives or a pair ("the step before / after").
OTHER: tuple[tuple[str, tuple[str, ...], str], ...] = (
    # (In the Edit menu while a database is open; listed here for the window without one.)
    (
        QT_TRANSLATE_NOOP("Shortcuts", "Edit"),
        ("Ctrl+Z",),
        QT_TRANSLATE_NOOP("Shortcuts", "Undo the last change"),
    ),
    (
        QT_TRANSLATE_NOOP("Shortcuts", "Edit"),
        ("Ctrl+Shift+Z",),
        QT_TRANSLATE_NOOP("Shortcuts", "Redo it"),
    ),
    (
        QT_TRANSLATE_NOOP("Shortcuts", "Lists"),
        ("Return",),
        QT_TRANSLATE_NOOP("Shortcuts", "Open the selected record"),
    ),
    (
        QT_TRANSLATE_NOOP("Shortcuts", "Lists"),
        ("Down",),
        QT_TRANSLATE_NOOP("Shortcuts", "From the search box: into the results"),
    ),
    (
        QT_TRANSLATE_NOOP("Shortcuts", "Lists"),
        ("Delete",),
        QT_TRANSLATE_NOOP("Shortcuts", "Move the selected records to the Trash"),
    ),
    (
        QT_TRANSLATE_NOOP("Shortcuts", "Forms"),
        ("Ctrl+Return",),
        QT_TRANSLATE_NOOP("Shortcuts", "Save the open form"),
    ),
    (
        QT_TRANSLATE_NOOP("Shortcuts", "Forms"),
        ("Escape",),
        QT_TRANSLATE_NOOP("Shortcuts", "Close the form without saving"),
    ),
    (
        QT_TRANSLATE_NOOP("Shortcuts", "A person's page"),
        ("Alt+Left",),
        QT_TRANSLATE_NOOP("Shortcuts", "Back to the list"),
    ),
    (
        QT_TRANSLATE_NOOP("Shortcuts", "Weekly reflection"),
        ("Alt+Left", "Alt+Right"),
        QT_TRANSLATE_NOOP("Shortcuts", "The step before / after"),
    ),
)


def keys_text(keys: Iterable[str | QKeySequence]) -> str:
    """``keys`` as this platform names them, alternatives joined by " / "."""
    native = QKeySequence.SequenceFormat.NativeText
    return " / ".join(QKeySequence(key).toString(native) for key in keys)


def _plain(menu_text: str) -> str:
    """A menu entry's words without its mnemonic ("&Import…" → "Import…")."""
    return menu_text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def shortcut_groups(
    window: QMainWindow, menus: Mapping[str, str], menu_context: str
) -> list[tuple[str, list[tuple[str, str]]]]:
    """Every shortcut, grouped by area: [(area, [(keys, what)])], the window's ``menus``
    first (key: source title, in ``menu_context``, as ``ui.menus.MENUS``), in menu order."""
    from advisor_planner.ui.sections.commitments import MARK_ACTIONS, PAGE

    groups: dict[str, list[tuple[str, str]]] = {}
    for key, title in menus.items():
        rows = groups.setdefault(_plain(translate(menu_context, title)), [])
        menu = getattr(window, f"{key}_menu", None)
        if menu is None:
            continue
        for action in menu.actions():
            if action.isSeparator() or action.shortcut().isEmpty():
                continue
            # The main binding only: Undo's alternatives (Alt+Backspace, the Undo key) crowd
            # the line and are not what anyone learns first.
            rows.append((keys_text([action.shortcut()]), _plain(action.text())))
    # The commitments' one-click marks, from the section's own table.
    commitments = QCoreApplication.translate(CONTEXT, "Commitments")
    groups[commitments] = [
        (keys_text([mark.shortcut]), translate(PAGE, mark.tip)) for mark in MARK_ACTIONS
    ]
    for area, keys, what in OTHER:
        rows = groups.setdefault(translate(CONTEXT, area), [])
        bound = {part for shown, _what in rows for part in shown.split(" / ")}
        if not set(keys_text(keys).split(" / ")) <= bound:  # not in its menu already
            rows.append((keys_text(keys), translate(CONTEXT, what)))
    return [(area, rows) for area, rows in groups.items() if rows]


class ShortcutsDialog(QDialog):
    """The shortcuts as a table: keys on the left, what they do on the right, by area."""

    def __init__(
        self, groups: Sequence[tuple[str, list[tuple[str, str]]]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle(self.tr("Keyboard Shortcuts"))
        self.table = QTreeWidget(self)
        self.table.setObjectName("shortcutsTable")
        self.table.setAccessibleName(self.tr("Keyboard shortcuts"))
        self.table.setColumnCount(2)
        self.table.setHeaderLabels([self.tr("Keys"), self.tr("Action")])
        self.table.setRootIsDecorated(False)
        self.table.setIndentation(0)  # the area's title in bold sets its rows apart
        self.table.setItemsExpandable(False)
        self.table.setAlternatingRowColors(False)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        bold = QFont(self.font())
        bold.setBold(True)
        for area, rows in groups:
            heading = QTreeWidgetItem(self.table, [area])
            heading.setFont(0, bold)
            heading.setFlags(Qt.ItemFlag.ItemIsEnabled)
            heading.setFirstColumnSpanned(True)
            for keys, what in rows:
                row = QTreeWidgetItem(heading, [keys, what])
                row.setFlags(Qt.ItemFlag.ItemIsEnabled)
        self.table.expandAll()
        header = self.table.header()
        header.setStretchLastSection(True)
        # The keys' width and a gap, so the words of every row start on one line.
        self.table.setColumnWidth(
            0, self.table.sizeHintForColumn(0) + 3 * self.fontMetrics().averageCharWidth()
        )
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        needed = self.table.columnWidth(0) + self.table.sizeHintForColumn(1) + 64
        self.resize(max(needed, self.fontMetrics().averageCharWidth() * 60), 640)

    def rows(self) -> list[tuple[str, str, str]]:
        """(area, keys, what) of every line, in order: what a test or a screen reader reads."""
        lines = []
        for index in range(self.table.topLevelItemCount()):
            heading = self.table.topLevelItem(index)
            assert heading is not None  # (within the count)
            for child in range(heading.childCount()):
                item = heading.child(child)
                assert item is not None
                lines.append((heading.text(0), item.text(0), item.text(1)))
        return lines


def show_shortcuts(
    window: QMainWindow, menus: Mapping[str, str], menu_context: str
) -> ShortcutsDialog:
    """Help ▸ Keyboard Shortcuts: open the table beside the window (not modal)."""
    dialog = ShortcutsDialog(shortcut_groups(window, menus, menu_context), window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
