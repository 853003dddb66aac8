"""The main window: the sections, what can be done when, and the state of the database.

Its parts live beside it: the navigation (``ui.sidebar``), the sections and their empty states
(``ui.empty_state``), the menus and toolbar, built from a table (``ui.menus``), the banner
shown when the database cannot be written to (``ui.problem_banner``), Undo and Redo with their
keys (``ui.undo_keys``) and the status bar's word after each change (``ui.status_feedback``).

The window knows nothing of the database: it shows what it is told (``set_ready``,
``show_damaged``...) and asks for work through its signals (``backup_requested``,
``restore_requested``); ``ui.app`` wires those to a ``DatabaseSession``. Until the database is
ready each section is an empty-state page saying what it will hold and what to do first; then
``install_workspace`` puts the working pages (``ui.sections``) in their place.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QByteArray,
    QMimeData,
    QSettings,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
)
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMenu,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from advisor_planner.services.changes import Changes
from advisor_planner.ui.empty_state import EmptyStatePage, window_sections
from advisor_planner.ui.icons import load_icon
from advisor_planner.ui.menus import Needs, build_menus
from advisor_planner.ui.sidebar import navigation_list

if TYPE_CHECKING:
    from advisor_planner.ui.problem_banner import ProblemBanner
    from advisor_planner.ui.unlock import LockedPage
    from advisor_planner.ui.workspace import Workspace

_SETTINGS_GEOMETRY = "main_window/geometry"
_SETTINGS_STATE = "main_window/state"
_SETTINGS_SPLITTER = "main_window/splitter"
_SETTINGS_SECTION = "main_window/section"

_DEFAULT_SIZE = QSize(1120, 740)
_NAV_WIDTH = 210


class MainWindow(QMainWindow):
    """The app's one main window."""

    backup_requested = Signal()
    restore_requested = Signal(object)  # Path of the backup to restore
    section_changed = Signal(str)
    # Handled by ui.protection, which asks for the passphrases.
    unlock_requested = Signal()
    encrypt_requested = Signal()
    change_passphrase_requested = Signal()
    remove_encryption_requested = Signal()

    # Set by ui.menus.build_menus, one per row of its ACTIONS and MENUS tables.
    quick_log_action: QAction
    reflect_action: QAction
    report_action: QAction
    import_action: QAction
    export_action: QAction
    new_database_action: QAction
    open_database_action: QAction
    backup_action: QAction
    restore_action: QAction
    encrypt_database_action: QAction
    change_passphrase_action: QAction
    remove_encryption_action: QAction
    quit_action: QAction
    find_action: QAction
    preferences_action: QAction
    shortcuts_action: QAction
    about_action: QAction
    file_menu: QMenu
    edit_menu: QMenu
    view_menu: QMenu
    help_menu: QMenu

    def __init__(
        self,
        *,
        settings: QSettings | None = None,
        db_path: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings if settings is not None else QSettings()
        self._db_path = Path(db_path) if db_path is not None else None
        self._offered_backup: Path | None = None
        self._restore_error = ""  # why the last restore failed, until the banner says it
        self.sections = window_sections()

        self.setWindowTitle(self.tr("Advisor Planner"))
        self.setWindowIcon(load_icon("app"))
        self.setObjectName("mainWindow")
        self.setAcceptDrops(True)  # a dropped .vcf, .ics, .csv or .json opens its import

        self._banner: ProblemBanner | None = None  # made when first needed
        self.workspace: Workspace | None = None  # the section pages, once the data is ready
        self._workspace_actions: list[QAction] = []  # Undo, Redo and their separator
        self.locked_page: LockedPage | None = None  # made when the database is first locked
        self._sound = False  # what Needs.SOUND_DATABASE was last set to
        self._early = False  # the pages show data read before the full check (show_early)
        self._encrypted = False

        self.navigation = navigation_list(self.sections, self)

        self.stack = QStackedWidget(self)
        self.stack.setObjectName("sections")
        # Pages are built when first shown, so start-up pays for one page, not seven.
        self.pages: dict[str, QWidget] = {}
        for _ in self.sections:
            self.stack.addWidget(QWidget(self.stack))
        self.navigation.currentRowChanged.connect(self._on_row_changed)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.navigation)
        self.splitter.addWidget(self.stack)
        self.splitter.setCollapsible(0, False)
        self.splitter.setCollapsible(1, False)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([_NAV_WIDTH, _DEFAULT_SIZE.width() - _NAV_WIDTH])

        central = QWidget(self)
        self._central_layout = QVBoxLayout(central)
        self._central_layout.setContentsMargins(0, 0, 0, 0)
        self._central_layout.setSpacing(0)
        self._central_layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

        menus = build_menus(self, self.sections, self.choose_section)
        self.toolbar = menus.toolbar
        self.section_actions = menus.section_actions
        self._actions_needing = menus.waiting
        self._build_status_bar()
        self._restore_settings()
        self.set_checking()
        # The content area, not the navigation, takes the focus at start: a focused list draws
        # a focus frame on its current row, which reads as a stray box before anyone has typed.
        self.stack.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        QWidget.setTabOrder(self.stack, self.navigation)

    # -- construction ------------------------------------------------------------------------

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        self.db_label = QLabel(self)
        self.db_label.setTextFormat(Qt.TextFormat.PlainText)
        self.db_label.setObjectName("databaseLabel")
        if self._db_path is not None:
            self.db_label.setText(self._db_path.name)
            self.db_label.setToolTip(str(self._db_path))
        status.addPermanentWidget(self.db_label)

    # -- sections ----------------------------------------------------------------------------

    def section_keys(self) -> list[str]:
        return [section.key for section in self.sections]

    def current_section(self) -> str:
        return self.sections[self.stack.currentIndex()].key

    def select_section(self, key: str) -> None:
        """Show the section ``key`` (one of ``section_keys()``)."""
        self.navigation.setCurrentRow(self.section_keys().index(key))

    def choose_section(self, key: str) -> None:
        """View ▸ a section (Ctrl+1…): show it; shown already, go back to its start (from a
        person's page to the Stakeholders list)."""
        start = getattr(self.pages.get(key), "show_list", None)
        if key == self.current_section() and callable(start):
            start()
        self.select_section(key)

    def page(self, key: str) -> QWidget:
        """The page of section ``key``, built now if it has not been shown yet."""
        page = self.pages.get(key)
        if page is None:
            row = self.section_keys().index(key)
            placeholder = self.stack.widget(row)
            assert placeholder is not None  # every section has a page or its placeholder
            page = EmptyStatePage(self.sections[row], self.stack)
            if self.workspace is not None:
                page = self.workspace.page_for(key, page) or page
            self.stack.insertWidget(row, page)
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
            self.pages[key] = page
        return page

    def _on_row_changed(self, row: int) -> None:
        if row < 0:
            return
        self.page(self.sections[row].key)
        self.stack.setCurrentIndex(row)
        key = self.sections[row].key
        self.section_actions[key].setChecked(True)
        self.section_changed.emit(key)

    # -- database state ----------------------------------------------------------------------

    @property
    def banner(self) -> ProblemBanner:
        """The problem banner above the sections (hidden until there is a problem)."""
        if self._banner is None:
            from advisor_planner.ui.problem_banner import ProblemBanner

            self._banner = ProblemBanner(self.centralWidget())
            self._banner.hide()
            self._banner.restore_clicked.connect(self._confirm_restore)
            self._central_layout.insertWidget(0, self._banner)
        return self._banner

    @property
    def banner_visible(self) -> bool:
        return self._banner is not None and self._banner.isVisible()

    def set_checking(self) -> None:
        """The start-up check is running: writes wait."""
        if self.locked_page is not None:
            self.locked_page.hide()
            self.splitter.show()
        self._enable(Needs.SOUND_DATABASE, False)
        self.statusBar().showMessage(self.tr("Checking the database…"))

    def show_locked(self) -> None:
        """The database is encrypted and locked: nothing of it is shown, and the page's
        Unlock… button asks for the passphrase again (``unlock_requested``)."""
        self.remove_workspace()
        if self.locked_page is None:
            from advisor_planner.ui.unlock import LockedPage

            self.locked_page = LockedPage(self._db_path, self.centralWidget())
            self.locked_page.unlock_clicked.connect(self.unlock_requested)
            self._central_layout.addWidget(self.locked_page, 1)
        if self._banner is not None:
            self._banner.hide()
        self.splitter.hide()
        self.locked_page.show()
        self._enable(Needs.SOUND_DATABASE, False)
        self.statusBar().showMessage(self.tr("Locked"))

    @property
    def locked(self) -> bool:
        return self.locked_page is not None and not self.locked_page.isHidden()

    def set_encrypted(self, encrypted: bool) -> None:
        """Whether the open database is encrypted (which of the encryption entries apply)."""
        self._encrypted = encrypted
        self._enable(Needs.SOUND_DATABASE, self._sound)

    def install_workspace(self, workspace: Workspace) -> None:
        """Put the working section pages in place of the empty states (the data is ready)."""
        self.workspace = workspace
        from advisor_planner.ui.status_feedback import StatusFeedback
        from advisor_planner.ui.undo_keys import UndoKeys

        self._undo_keys = UndoKeys(self, workspace.context.undo_stack)
        self.undo_action, self.redo_action = self._undo_keys.actions
        self._feedback = StatusFeedback(workspace.context.undo_stack, self.statusBar())
        self.edit_menu.insertActions(self.find_action, [self.undo_action, self.redo_action])
        separator = self.edit_menu.insertSeparator(self.find_action)
        self._workspace_actions = [self.undo_action, self.redo_action, separator]
        self._enable(Needs.DATA, True)
        self._enable(Needs.WRITABLE_DATA, True)
        self._rebuild_pages()

    def remove_workspace(self) -> None:
        """Take the working pages down before the database closes (locked, or its encryption
        changing): nothing of the data stays on screen, and nothing asks the closed file for
        more. The next ``set_ready`` builds them again."""
        self._early = False
        workspace, self.workspace = self.workspace, None
        if workspace is None:
            return
        workspace.close()
        for action in self._workspace_actions:
            self.edit_menu.removeAction(action)
            action.deleteLater()
        self._workspace_actions = []
        self._undo_keys.deleteLater()
        self._feedback.deleteLater()
        self._enable(Needs.DATA, False)
        self._enable(Needs.WRITABLE_DATA, False)
        self._rebuild_pages()

    def _rebuild_pages(self) -> None:
        """Drop every page built so far; the current one is built again (from the workspace,
        or as its empty state when there is none)."""
        for key in list(self.pages):
            row = self.section_keys().index(key)
            old = self.pages.pop(key)
            self.stack.insertWidget(row, QWidget(self.stack))
            self.stack.removeWidget(old)
            old.deleteLater()
        current = self.navigation.currentRow()
        if current >= 0:
            self._on_row_changed(current)

    def show_early(self) -> None:
        """The data can be read while the start-up's full check runs on: the pages go up now,
        through a read-only connection (a save meanwhile says the check still runs; Back Up
        Now and the encryption entries wait for it, and the status bar says it checks)."""
        from advisor_planner.ui.workspace import Workspace

        self.remove_workspace()  # (reopened while open, by File ▸ Restore from Backup…)
        self.install_workspace(Workspace(settings=self._settings, window=self))
        self._early = True

    def _take_down_early(self) -> None:
        """The full check refused the file read early: its pages come down, as if never up."""
        if self._early:
            self.remove_workspace()

    def set_ready(self) -> None:
        """The database passed its check and is open for writing."""
        workspace = self.workspace
        if workspace is None:
            from advisor_planner.ui.workspace import Workspace

            workspace = Workspace(settings=self._settings, window=self)
            self.install_workspace(workspace)
        elif self._early:  # the same file, unchanged since it was read (nothing could write)
            workspace.context.writable = True
        else:  # reopened (after a restore): everything may have changed
            workspace.context.writable = True
            workspace.context.undo_stack.clear()
            workspace.context.events.announce(Changes.everything())
        self._early = False
        if self._banner is not None:
            self._banner.hide()
        self._offered_backup = None
        # Writing again after a restore: what show_damaged turned off comes back.
        self._enable(Needs.WRITABLE_DATA, True)
        self._enable(Needs.SOUND_DATABASE, True)
        self.statusBar().showMessage(self.tr("Ready"))
        workspace.start_reminder()

    def add_notice(self, notice: QWidget) -> None:
        """Show ``notice`` (a quiet banner, e.g. the reflection reminder) above the sections."""
        index = 1 if self._banner is not None else 0
        self._central_layout.insertWidget(index, notice)

    def show_damaged(self, reason: str, backup: Path | None) -> None:
        """The database failed its check: say so, and offer ``backup`` if there is one."""
        from advisor_planner.ui.problem_banner import backup_date, damage_message

        self._take_down_early()
        self._disable_writing()
        if self.workspace is not None:
            self.workspace.context.writable = False
        self._offered_backup = backup
        message = damage_message(empty="(0 bytes)" in reason, backup=backup is not None)
        failed, self._restore_error = self._restore_error, ""
        if failed:
            message = f"{failed}\n{message}"
        self.banner.message.setText(message)
        self.banner.message.setToolTip(reason)
        if backup is not None:
            self.banner.restore_button.setText(
                self.tr("Restore Backup from {0}").format(backup_date(backup))
            )
            self.banner.restore_button.setToolTip(str(backup))
        self.banner.restore_button.setVisible(backup is not None)
        self.banner.show()
        status = (
            self.tr("Read-only: the database file is empty")
            if "(0 bytes)" in reason
            else self.tr("Read-only: the database failed its check")
        )
        self.statusBar().showMessage(failed or status)

    def _disable_writing(self) -> None:
        self._enable(Needs.WRITABLE_DATA, False)
        self._enable(Needs.SOUND_DATABASE, False)

    def _enable(self, needs: Needs, on: bool) -> None:
        """Turn on or off the actions that need ``needs`` (see ``ui.menus.Needs``)."""
        for action in self._actions_needing.get(needs, ()):
            action.setEnabled(on)
        if needs is Needs.SOUND_DATABASE:  # (the encryption entries need it, and one more)
            self._sound = on
            self._enable(Needs.PLAIN_DATABASE, on and not self._encrypted)
            self._enable(Needs.ENCRYPTED_DATABASE, on and self._encrypted)

    def show_read_only(self, message: str) -> None:
        """The database is healthy but cannot be written here (read-only media, a full disk):
        show its data, say why nothing can change, and let nothing try."""
        self._early = False
        if self.workspace is None:
            from advisor_planner.ui.workspace import Workspace

            workspace = Workspace(settings=self._settings, window=self)
            workspace.context.writable = False  # before any page reads it
            self.install_workspace(workspace)
        else:
            self.workspace.context.writable = False
            self.workspace.context.events.announce(Changes.everything())
        self._disable_writing()
        self._offered_backup = None
        self.banner.message.setText(message)
        self.banner.message.setToolTip("")
        self.banner.restore_button.hide()
        self.banner.show()
        self.statusBar().showMessage(self.tr("Read-only"))

    def show_restore_failed(self, message: str) -> None:
        """A restore did not happen: the database is as it was (its check runs again)."""
        self._restore_error = message
        self.statusBar().showMessage(message)

    def show_unusable(self, message: str) -> None:
        """The database is healthy but cannot be used (e.g. made by a newer version)."""
        self._take_down_early()
        self._enable(Needs.SOUND_DATABASE, False)
        self._offered_backup = None
        self.banner.message.setText(message)
        self.banner.restore_button.hide()
        self.banner.show()
        self.statusBar().showMessage(self.tr("Read-only"))

    def show_restoring(self) -> None:
        if self._banner is not None:
            self._banner.hide()
        self.set_checking()
        self.statusBar().showMessage(self.tr("Restoring the backup…"))

    def show_backup_made(self, path: Path) -> None:
        self.statusBar().showMessage(self.tr("Backed up to {0}").format(path), 10_000)

    def show_backup_failed(self, message: str) -> None:
        self.statusBar().showMessage(self.tr("Backup failed: {0}").format(message))

    @property
    def offered_backup(self) -> Path | None:
        return self._offered_backup

    def _confirm_restore(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from advisor_planner.ui.problem_banner import backup_date

        backup = self._offered_backup
        if backup is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Restore Backup"),
            self.tr(
                "Replace the damaged database with the backup of {0}?\n\nThe damaged file is "
                "kept beside it, renamed, so nothing is deleted."
            ).format(backup_date(backup)),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.show_restoring()
            self.restore_requested.emit(backup)

    # -- settings ----------------------------------------------------------------------------

    def _restore_settings(self) -> None:
        geometry = self._settings.value(_SETTINGS_GEOMETRY)
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            available = self.screen().availableGeometry().size()
            self.resize(_DEFAULT_SIZE.boundedTo(available * 0.9))
        state = self._settings.value(_SETTINGS_STATE)
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)
        splitter = self._settings.value(_SETTINGS_SPLITTER)
        if isinstance(splitter, QByteArray) and not splitter.isEmpty():
            self.splitter.restoreState(splitter)
        section = self._settings.value(_SETTINGS_SECTION)
        keys = self.section_keys()
        self.select_section(section if section in keys else keys[0])

    def save_settings(self) -> None:
        self._settings.setValue(_SETTINGS_GEOMETRY, self.saveGeometry())
        self._settings.setValue(_SETTINGS_STATE, self.saveState())
        self._settings.setValue(_SETTINGS_SPLITTER, self.splitter.saveState())
        self._settings.setValue(_SETTINGS_SECTION, self.current_section())
        self._settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if not self._close_open_forms():
            event.ignore()
            return
        self.save_settings()
        super().closeEvent(event)

    def _close_open_forms(self) -> bool:
        """Ask about forms with unsaved changes; False keeps the window open to finish them."""
        from PySide6.QtWidgets import QDialog, QMessageBox

        dirty = [
            d
            for d in self.findChildren(QDialog)
            if d.isVisible() and getattr(d, "is_dirty", lambda: False)()
        ]
        if not dirty:
            return True
        answer = QMessageBox.question(
            self,
            self.tr("Unsaved form"),
            self.tr(
                "A form has changes that are not saved. Keep it open to save them, or "
                "discard the changes and quit?"
            )
            if len(dirty) == 1
            else self.tr(
                "{0} forms have changes that are not saved. Keep them open to save, or "
                "discard the changes and quit?"
            ).format(len(dirty)),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Discard:
            dirty[0].raise_()
            dirty[0].activateWindow()
            return False
        for dialog in dirty:
            dialog.done(0)
        return True

    # -- menu actions ------------------------------------------------------------------------

    def dropped_import(self, mime: QMimeData) -> Path | None:
        """The one file in ``mime`` that File ▸ Import… takes, if there is one."""
        from advisor_planner.ui.transfer.import_dialog import IMPORTABLE_SUFFIXES

        files = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
        if len(files) != 1 or files[0].suffix.lower() not in IMPORTABLE_SUFFIXES:
            return None
        return files[0]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt override
        if self.import_action.isEnabled() and self.dropped_import(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt override
        path = self.dropped_import(event.mimeData())
        if path is None or self.workspace is None or not self.import_action.isEnabled():
            event.ignore()
            return
        event.acceptProposedAction()
        self.workspace.import_file(path)

    def _focus_search(self) -> None:
        if callable(focus := getattr(self.stack.currentWidget(), "focus_search", None)):
            focus()

    def _new_database(self) -> None:
        from advisor_planner.ui.database_files import choose_database

        choose_database(self, self._db_path, create=True)

    def _open_database(self) -> None:
        from advisor_planner.ui.database_files import choose_database

        choose_database(self, self._db_path, create=False)

    def _choose_backup(self) -> None:
        from advisor_planner import file_dialogs
        from advisor_planner.services.session import backup_folder

        if self._db_path is None:
            return
        path, _ = file_dialogs.open_file_name(
            self,
            self.tr("Restore from Backup"),
            str(backup_folder(self._db_path)),
            self.tr("Backups (*.sqlite);;All files (*)"),
        )
        if path:
            self._offered_backup = Path(path)
            self._confirm_restore()
