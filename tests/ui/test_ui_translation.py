"""Every visible word goes through translation: a pseudo translation walks the whole app.

``ui.i18n.PseudoTranslator`` wraps every translated string in ``⟦…⟧``. The walk opens the
window on the small demo, visits every section, opens every record form and stakeholder page
it can reach from a list, triggers every menu entry (each dialog it opens is read and closed,
the weekly reflection stepped through to its end) and reads every text a person can see:
labels, buttons, titles, tabs, menus, headers, table cells, tree items, combo items,
placeholders and tool tips. Any letters left outside the brackets are a string that bypassed
``tr()``, unless they are the user's own data (names, notes: every text stored in the
database), or a month or day name that ``QLocale`` wrote.
"""

from __future__ import annotations

import html
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QDate, QLocale, QSettings, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QFileDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QTabBar,
    QTableView,
    QTabWidget,
    QTextEdit,
    QTreeWidget,
    QWidget,
)

from advisor_planner import demo, translation
from advisor_planner.ui.i18n import PSEUDO_CLOSE, PSEUDO_OPEN, PseudoTranslator
from advisor_planner.ui.main_window import MainWindow

LETTER = re.compile(r"[^\W\d_]")
TAG = re.compile(r"<[^>]+>")
#: Menu entries that end the walk or leave the database (they are tried by their own tests).
SKIPPED_ACTIONS = {"quitAction", "newDatabaseAction", "openDatabaseAction", "restoreAction"}
CELL_ROWS = 15  # table rows read per view: enough to meet every kind of cell


@pytest.fixture
def pseudo(qapp) -> Iterator[None]:
    translator = PseudoTranslator()
    qapp.installTranslator(translator)
    translation.use(QCoreApplication.translate)  # as install_translators does
    try:
        yield
    finally:
        translation.use(None)
        qapp.removeTranslator(translator)


@pytest.fixture
def sample_db(db, db_path: Path) -> Path:
    demo.generate(size="small", seed=11)
    return db_path


def outside_brackets(text: str) -> str:
    """``text`` with every bracketed (translated) part removed, nested brackets included."""
    kept, depth = [], 0
    for char in text:
        if char == PSEUDO_OPEN:
            depth += 1
        elif char == PSEUDO_CLOSE and depth:
            depth -= 1
        elif not depth:
            kept.append(char)
    return "".join(kept)


class Reader:
    """Collects the texts that bypassed translation, with where they were seen."""

    def __init__(self, db_path: Path) -> None:
        self.data = self._stored_texts(db_path) + [str(db_path), db_path.name]
        self.data.sort(key=len, reverse=True)
        locale = QLocale()
        self.calendar_words = {
            name.casefold()
            for i in range(1, 13)
            for form in (QLocale.FormatType.LongFormat, QLocale.FormatType.ShortFormat)
            for name in (locale.monthName(i, form), locale.standaloneMonthName(i, form))
        } | {
            locale.dayName(i, form).casefold()
            for i in range(1, 8)
            for form in (QLocale.FormatType.LongFormat, QLocale.FormatType.ShortFormat)
        }
        self.calendar_words |= {QDate(2026, 1, 1).toString("AP").casefold(), "am", "pm"}
        self.untranslated: dict[str, str] = {}
        self.texts_read = 0

    @staticmethod
    def _stored_texts(db_path: Path) -> list[str]:
        connection = sqlite3.connect(db_path)
        try:
            tables = [
                row[0]
                for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            ]
            texts: set[str] = set()
            for table in tables:
                for row in connection.execute(f'SELECT * FROM "{table}"'):
                    texts.update(v for v in row if isinstance(v, str) and len(v) > 1)
            # A note shows as its first line in a cell, and a tag list joined with commas.
            texts |= {line for text in list(texts) for line in text.splitlines() if line}
            return sorted(texts)
        finally:
            connection.close()

    def check(self, where: str, text: object) -> None:
        if not text or not isinstance(text, str):
            return
        self.texts_read += 1
        # A tooltip is HTML: its tags go, and its entities (R&amp;D) read as what they stand for.
        rest = html.unescape(outside_brackets(TAG.sub(" ", text)))
        if not LETTER.search(rest):
            return
        for value in self.data:
            if value in rest:
                rest = rest.replace(value, " ")
        rest = rest.replace("&", "")  # a mnemonic's marker
        # A lone letter is a key's name ("Ctrl+K": Qt translates "Ctrl", never the K).
        words = [word for word in re.findall(r"[^\W\d_]+", rest) if len(word) > 1]
        if any(word.casefold() not in self.calendar_words for word in words):
            self.untranslated.setdefault(text, where)

    def read(self, root: QWidget, where: str) -> None:
        """Every visible text in ``root`` and its children."""
        for widget in [root, *root.findChildren(QWidget)]:
            if not widget.isVisibleTo(root) and widget is not root:
                continue
            place = f"{where} › {type(widget).__name__} {widget.objectName()}".rstrip()
            self.check(place, widget.toolTip())
            if widget.isWindow():
                self.check(place, widget.windowTitle())
            if isinstance(widget, QLabel | QAbstractButton):
                self.check(place, widget.text())
            if isinstance(widget, QGroupBox):
                self.check(place, widget.title())
            if isinstance(widget, QLineEdit):
                self.check(place, widget.placeholderText())
            if isinstance(widget, QTextEdit):
                self.check(place, widget.placeholderText())
            if isinstance(widget, QTabBar):
                for i in range(widget.count()):
                    self.check(place, widget.tabText(i))
            if isinstance(widget, QComboBox):
                for i in range(widget.count()):
                    self.check(place, widget.itemText(i))
            if isinstance(widget, QTreeWidget):
                self._read_tree(widget, place)
            elif isinstance(widget, QAbstractItemView):
                self._read_view(widget, place)

    def _read_view(self, view: QAbstractItemView, place: str) -> None:
        model = view.model()
        if model is None:
            return
        columns = 1 if isinstance(view, QListView) else model.columnCount()
        for column in range(columns):
            if not isinstance(view, QListView):
                self.check(place, model.headerData(column, Qt.Orientation.Horizontal))
            for row in range(min(model.rowCount(), CELL_ROWS)):
                index = model.index(row, column)
                self.check(place, model.data(index))
                self.check(place, model.data(index, Qt.ItemDataRole.ToolTipRole))

    def _read_tree(self, tree: QTreeWidget, place: str) -> None:
        header = tree.headerItem()
        for column in range(tree.columnCount()):
            self.check(place, header.text(column))
        stack = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
        while stack:
            item = stack.pop()
            for column in range(tree.columnCount()):
                self.check(place, item.text(column))
            stack.extend(item.child(i) for i in range(item.childCount()))

    def read_menu(self, menu: QMenu, where: str) -> None:
        self.check(where, menu.title())
        for action in menu.actions():
            self.check(f"{where} › {action.objectName()}", action.text())
            self.check(f"{where} › {action.objectName()}", action.statusTip())
            if action.menu() is not None:
                self.read_menu(action.menu(), where)


def _open_windows() -> list[QWidget]:
    return [w for w in QApplication.topLevelWidgets() if w.isVisible()]


def _read_and_close(qtbot, reader: Reader, before: set[int], where: str) -> None:
    """Read and close every window that opened since ``before`` (steps a wizard through)."""
    for window in _open_windows():
        if id(window) in before or isinstance(window, QMenu):
            continue
        qtbot.wait(150)  # a window that loads in the background fills itself in
        if isinstance(window, QFileDialog):
            reader.check(where, window.windowTitle())  # the rest is Qt's own, translated by Qt
        else:
            _read_steps(qtbot, reader, window, where)
        if isinstance(window, QDialog):
            window.reject()
        else:
            window.close()


def _read_tabs(qtbot, reader: Reader, root: QWidget, where: str) -> None:
    """Read ``root`` with each tab of each of its tab widgets shown in turn."""
    reader.read(root, where)
    for tabs in root.findChildren(QTabWidget):
        if not tabs.isVisibleTo(root):
            continue
        first = tabs.currentIndex()
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            qtbot.wait(200)  # a tab may load in the background
            reader.read(tabs.widget(index), f"{where} › tab {tabs.tabText(index)}")
        tabs.setCurrentIndex(first)


def _read_steps(qtbot, reader: Reader, window: QWidget, where: str) -> None:
    """Read ``window``, and each next step while it has an enabled Next button."""
    for _step in range(8):
        _read_tabs(qtbot, reader, window, f"{where} › {window.windowTitle()}")
        following = [
            b for b in window.findChildren(QAbstractButton)
            if b.objectName() == "next" and b.isVisible() and b.isEnabled()
        ]  # fmt: skip
        if not following:
            return
        following[0].click()
        qtbot.wait(100)


def _trigger_watched(qtbot, reader: Reader, trigger, where: str) -> None:
    """Run ``trigger`` (which may open a modal dialog) and read whatever it opens."""
    before = {id(w) for w in _open_windows()}
    pending = {"seen": False}

    def look() -> None:
        modal = QApplication.activeModalWidget()
        if modal is not None and id(modal) not in before:
            pending["seen"] = True
            _read_and_close(qtbot, reader, before, where)

    timer = QTimer()
    timer.setInterval(100)
    timer.timeout.connect(look)
    timer.start()
    try:
        trigger()
        qtbot.wait(300)
        look()
        _read_and_close(qtbot, reader, before, where)
    finally:
        timer.stop()


def test_no_visible_text_bypasses_translation(qtbot, pseudo, sample_db, tmp_path) -> None:
    reader = Reader(sample_db)
    win = MainWindow(settings=QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    win.resize(1400, 1000)
    win.show()
    win.set_ready()

    for action in win.menuBar().actions():
        reader.read_menu(action.menu(), "menu")
    for key in win.section_keys():
        win.select_section(key)
        qtbot.wait(600)
        reader.read(win, f"section {key}")
        page = win.page(key)
        table = page.findChild(QTableView)
        if table is not None and table.model() is not None and table.model().rowCount():
            table.setFocus()
            table.setCurrentIndex(table.model().index(0, 0))
            _trigger_watched(
                qtbot,
                reader,
                lambda t=table: qtbot.keyClick(t, Qt.Key.Key_Return),
                f"section {key} › open first row",
            )
            _read_tabs(qtbot, reader, win, f"section {key} › after opening a row")

    menu_actions = [a for menu in win.menuBar().actions() for a in menu.menu().actions()]
    for action in menu_actions:
        if action.objectName() in SKIPPED_ACTIONS or action.menu() is not None:
            continue
        if not action.isEnabled() or not action.text():
            continue
        _trigger_watched(qtbot, reader, action.trigger, f"action {action.objectName()}")

    assert reader.texts_read > 500  # the walk reached the app, not just an empty window
    report = "\n".join(f"  {text!r:60}  at {where}" for text, where in reader.untranslated.items())
    assert not reader.untranslated, f"{len(reader.untranslated)} texts bypass tr():\n{report}"


def test_the_check_tells_wrapped_from_bare_text(sample_db) -> None:
    reader = Reader(sample_db)
    reader.check("here", "⟦Save⟧")
    name = next(value for value in reader.data if " " in value and value.istitle())
    reader.check("here", f"⟦Last contact with⟧ {name}")  # the user's own words
    reader.check("here", "42 · 7 %")
    reader.check("here", "⟦Due ⟦today⟧ soon⟧")
    reader.check("here", f"<p>{html.escape(name)} · ⟦R&amp;D⟧</p>")
    assert not reader.untranslated
    reader.check("there", "Save")
    reader.check("there", "⟦Trust⟧ index")
    assert set(reader.untranslated) == {"Save", "⟦Trust⟧ index"}
