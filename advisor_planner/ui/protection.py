"""What the app does about an encrypted database: it asks for the passphrase while the
database is locked, locks it again after the idle time set in Preferences, and runs File ▸
Encrypt Database…, Change Passphrase… and Remove Encryption….

``ui.app.attach_session`` makes one ``Protection`` beside each window's ``DatabaseSession``:
the window shows states and asks (``unlock_requested``, ``encrypt_requested``…), the session
opens and closes the file, and this object goes between them. Nothing here reads the file:
whether it is encrypted is decided by the session's check (its ``locked`` signal), and
whether this process holds its key by ``services.encryption.is_unlocked``.

An encryption change runs as a restore does (``DatabaseSession.restore``), under the app's
own instance lock, held since start (``ui.app.run_app``): the working pages come down, the
session closes, the change runs on a worker while a box says so, and the session is opened
and checked again; the status bar then says what happened (``changed``). Locking closes the
session, forgets the key (``services.encryption.lock``) and shows the locked page; the
passphrase is then asked for again, and the keychain is not tried: a lock the keychain undid
at once would not be one.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QThreadPool, Signal
from PySide6.QtWidgets import QDialog, QMessageBox

from advisor_planner.services import encryption
from advisor_planner.services import session as service
from advisor_planner.services.session import Verdict
from advisor_planner.ui.encryption_dialogs import (
    BusyDialog,
    ChangePassphraseDialog,
    EncryptDialog,
    RemoveEncryptionDialog,
)
from advisor_planner.ui.idle import IdleMonitor, idle_lock_minutes
from advisor_planner.ui.recovery_key import RecoveryKeyDialog
from advisor_planner.ui.tasks import Task, run_in_background
from advisor_planner.ui.unlock import UnlockDialog

if TYPE_CHECKING:
    from advisor_planner.ui.context import AppContext
    from advisor_planner.ui.main_window import MainWindow
    from advisor_planner.ui.startup import DatabaseSession

STATUS_SHOWN_MS = 15_000


class Protection(QObject):
    """Unlocking, the idle lock and the encryption changes of one window's database."""

    #: The unlock dialog, just opened (at start, after the idle lock, or from Unlock…).
    unlock_shown = Signal(object)
    #: An encryption change is done and the database open again: what the status bar says.
    changed = Signal(str)
    #: An encryption change failed (the database is as it was): the sentence shown.
    change_failed = Signal(str)

    def __init__(
        self,
        window: MainWindow,
        session: DatabaseSession,
        *,
        pool: QThreadPool | None = None,
        protect_new: bool = False,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.session = session
        self.path = session.path
        self._pool = pool
        # Set when File ▸ New Database… was asked to protect this database: once it has
        # been made, its passphrase is asked for.
        self._protect_new = protect_new
        self.idle = IdleMonitor(self)
        self.idle.idle.connect(self.lock)
        self.dialog: QDialog | None = None  # the dialog open now
        self.task: Task | None = None  # the last encryption change
        self._said_when_open = ""  # what the status bar says once the database is open again
        self._watched: AppContext | None = None  # whose Preferences can change the idle time
        session.locked.connect(self._on_locked)
        session.ready.connect(self._on_open)
        session.read_only.connect(self._on_open)
        for refusal in (session.damaged, session.unusable):
            refusal.connect(self._on_refused)
        window.unlock_requested.connect(self.ask_unlock)
        window.encrypt_requested.connect(self.encrypt)
        window.change_passphrase_requested.connect(self.change_passphrase)
        window.remove_encryption_requested.connect(self.remove_encryption)

    # -- the database's state ----------------------------------------------------------------

    def _on_open(self) -> None:
        self.window.set_encrypted(encryption.is_unlocked(self.path))
        workspace = self.window.workspace
        if workspace is not None and workspace.context is not self._watched:
            self._watched = workspace.context
            workspace.context.preferences_saved.connect(self.arm_idle_lock)
        self.arm_idle_lock()
        self._say_pending()
        if self._protect_new and self.session.state.verdict is Verdict.NEW:
            self._protect_new = False
            self.encrypt(new_database=True)

    def _on_refused(self, *_why: object) -> None:
        self.idle.stop()
        self._say_pending()

    def _say_pending(self) -> None:
        said, self._said_when_open = self._said_when_open, ""
        if said:
            self.window.statusBar().showMessage(said, STATUS_SHOWN_MS)
            self.changed.emit(said)

    def arm_idle_lock(self) -> None:
        """Start the idle lock's clock (Preferences ▸ Lock after N minutes idle) while an
        encrypted database is open; stop it otherwise."""
        workspace = self.window.workspace
        minutes = idle_lock_minutes(workspace.context.settings) if workspace is not None else 0
        if minutes and encryption.is_unlocked(self.path):
            self.idle.start(minutes * 60_000)
        else:
            self.idle.stop()

    # -- locking and unlocking -------------------------------------------------------------

    def _on_locked(self, _sentence: str) -> None:
        self.window.show_locked()
        self.ask_unlock()

    def ask_unlock(self) -> UnlockDialog:
        """Ask for the passphrase (or recovery key); unlocked, the database is checked and
        opened. Cancelled, the window stays locked, its Unlock… button asking again."""
        if isinstance(self.dialog, UnlockDialog) and self.dialog.isVisible():
            return self.dialog
        dialog = UnlockDialog(self.path, self.window, pool=self._pool)
        dialog.succeeded.connect(self._unlocked)
        self._open(dialog)
        self.unlock_shown.emit(dialog)
        return dialog

    def _unlocked(self, warning: object) -> None:
        self._said_when_open = str(warning or "")
        self._reopen()

    def _reopen(self) -> None:
        self.window.set_checking()
        self.session.open()
        self.session.start_check()

    def lock(self) -> bool:
        """Lock the open, encrypted database now (the idle lock): it closes, its key is
        forgotten, nothing of it stays on screen, and the passphrase is asked for again.
        False (and nothing done) for a plain or already locked database."""
        if self.window.locked or not encryption.is_unlocked(self.path):
            return False
        self.idle.stop()
        self._close_quietly()
        encryption.lock(self.path)
        self.window.show_locked()
        self.ask_unlock()
        return True

    # -- File ▸ Encrypt Database…, Change Passphrase…, Remove Encryption… ------------------

    def encrypt(self, *, new_database: bool = False) -> EncryptDialog:
        """Ask for a passphrase, then encrypt the database and its backups and show the
        recovery key once."""
        dialog = EncryptDialog(
            self.path,
            self.window,
            keychain_reason=encryption.keychain_status(),
            new_database=new_database,
        )
        dialog.accepted.connect(lambda: self._encrypt(dialog.passphrase(), dialog.remember_key()))
        self._open(dialog)
        return dialog

    def _encrypt(self, passphrase: str, remember: bool) -> Task:
        path = self.path
        not_kept = self.tr("The keychain did not keep the key: {0}")

        def work() -> tuple[str, str]:
            recovery = encryption.encrypt(path, passphrase)
            if not remember:
                return recovery, ""
            try:
                encryption.remember(path)
            except Exception as exc:  # noqa: BLE001 - encrypted all the same; said after
                return recovery, not_kept.format(exc)
            return recovery, ""

        return self._change(
            work,
            busy=self.tr("Encrypting the database and its backups…"),
            done=self.tr("The database and its backups are encrypted."),
            then=self._show_recovery_key,
        )

    def _show_recovery_key(self, result: object) -> None:
        recovery, warning = result if isinstance(result, tuple) else ("", "")
        if warning:
            self._said_when_open = f"{self._said_when_open} {warning}"
        self._open(RecoveryKeyDialog(str(recovery), self.path, self.window))

    def change_passphrase(self) -> ChangePassphraseDialog:
        """Ask for the current secret and a new passphrase, then rewrap the key under it."""
        dialog = ChangePassphraseDialog(self.path, self.window, pool=self._pool)
        dialog.succeeded.connect(
            lambda _checked: self._change(
                partial(encryption.change_passphrase, self.path, dialog.new_passphrase()),
                busy=self.tr("Changing the passphrase…"),
                done=self.tr("The passphrase is changed; the recovery key stays the same."),
            )
        )
        self._open(dialog)
        return dialog

    def remove_encryption(self) -> RemoveEncryptionDialog:
        """Ask for the current secret to confirm, then store the database plain again."""
        dialog = RemoveEncryptionDialog(self.path, self.window, pool=self._pool)
        dialog.succeeded.connect(
            lambda _checked: self._change(
                partial(encryption.decrypt, self.path),
                busy=self.tr("Decrypting the database and its backups…"),
                done=self.tr("The database and its backups are no longer encrypted."),
            )
        )
        self._open(dialog)
        return dialog

    def _change(
        self,
        work: Callable[[], object],
        *,
        busy: str,
        done: str,
        then: Callable[[object], None] | None = None,
    ) -> Task:
        """Close the database, run ``work`` on a worker while a box says ``busy``, then open
        the database again and say ``done`` (or why it failed: it is then as it was)."""
        self.idle.stop()
        self._close_quietly()
        self.window.set_checking()
        self.window.statusBar().showMessage(busy)
        box = BusyDialog(busy, self.window)
        box.show()

        def succeeded(result: object) -> None:
            box.close()
            box.deleteLater()
            self._said_when_open = done
            self._reopen()
            if then is not None:
                then(result)

        def failed(error: BaseException) -> None:
            box.close()
            box.deleteLater()
            sentence = self.tr("{0} The database is as it was.").format(error)
            self._said_when_open = sentence
            self._reopen()
            self.change_failed.emit(sentence)
            warning = QMessageBox(
                QMessageBox.Icon.Warning, self.window.windowTitle(), sentence, parent=self.window
            )
            self._open(warning)

        self.task = run_in_background(
            work, on_success=succeeded, on_error=failed, pool=self._pool, name="encryption"
        )
        return self.task

    def _close_quietly(self) -> None:
        """Close the database with nothing of the window left to use it.

        The work in flight (a page loading in the background) finishes and is delivered to
        the pages while they are still there, twice over for work that delivery started;
        only then do the pages come down (their deletion waits for the event loop, and a
        result arriving after it would reach a deleted page), and any connection a delivery
        opened again is closed.
        """
        for _round in range(2):
            self.session.close()  # (waits for the workers)
            QCoreApplication.sendPostedEvents()
        self.window.remove_workspace()
        service.close()

    def _open(self, dialog: QDialog) -> None:
        """Open ``dialog`` (window-modal, without a nested event loop); it is deleted once
        closed."""
        self.dialog = dialog

        def closed() -> None:
            if self.dialog is dialog:
                self.dialog = None
            dialog.deleteLater()

        dialog.finished.connect(closed)
        dialog.open()
