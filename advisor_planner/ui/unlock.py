"""Unlocking an encrypted database: the dialog that asks for its passphrase or recovery key,
and the page the window shows while the database stays locked.

``SecretDialog`` is what every dialog that asks for the current secret shares (this one,
Change Passphrase… and Remove Encryption…): the field that "Use recovery key" turns into a
recovery key field, the work done on a worker (``ui.tasks``) while the dialog says it is
working (deriving the key with Argon2id takes about half a second), and a wrong secret said
in the dialog in one sentence. There is no limit on tries: a limit could only lock the owner
out of their own notes, and Argon2id already makes each guess cost half a second.

"Remember on this computer" keeps the key in the OS keychain (``services.encryption``);
where no keychain runs, the box is greyed out and says why.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, QThreadPool, Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from advisor_planner.services import encryption
from advisor_planner.ui.colours import blend
from advisor_planner.ui.icons import load_icon
from advisor_planner.ui.record_form import error_label
from advisor_planner.ui.tasks import Task, run_in_background


def secondary_label(text: str, parent: QWidget) -> QLabel:
    """A line of plain, wrapped text in a muted colour (a note under a field)."""
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    palette = label.palette()
    muted = blend(
        palette.color(QPalette.ColorRole.WindowText), palette.color(QPalette.ColorRole.Window), 0.4
    )
    palette.setColor(QPalette.ColorRole.WindowText, muted)
    label.setPalette(palette)
    return label


def heading_label(text: str, parent: QWidget) -> QLabel:
    """A dialog's heading: plain text, a quarter larger than the dialog's, semibold."""
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * 1.25)
    font.setWeight(QFont.Weight.DemiBold)
    label.setFont(font)
    return label


class SecretField(QWidget):
    """The passphrase, or (with "Use recovery key" ticked) the recovery key."""

    def __init__(self, parent: QWidget | None = None, *, caption: str = "") -> None:
        super().__init__(parent)
        self._caption_text = caption or self.tr("Passphrase")
        self.caption = QLabel(self._caption_text, self)
        self.caption.setTextFormat(Qt.TextFormat.PlainText)
        self.edit = QLineEdit(self)
        self.edit.setObjectName("secret")
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.caption.setBuddy(self.edit)
        self.use_recovery_key = QCheckBox(self.tr("Use recovery key"), self)
        self.use_recovery_key.setObjectName("useRecoveryKey")
        self.use_recovery_key.setToolTip(
            self.tr("The key of eight groups of four shown when the database was encrypted")
        )
        self.use_recovery_key.toggled.connect(self._switch)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.caption)
        layout.addWidget(self.edit)
        layout.addWidget(self.use_recovery_key)

    def set_caption(self, caption: str) -> None:
        """What the field is called while it asks for the passphrase."""
        self._caption_text = caption
        if not self.recovery:
            self.caption.setText(caption)

    def _switch(self, recovery: bool) -> None:
        self.edit.clear()
        if recovery:
            self.caption.setText(self.tr("Recovery key"))
            self.edit.setEchoMode(QLineEdit.EchoMode.Normal)
            self.edit.setPlaceholderText(self.tr("XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX"))
            self.edit.setFont(QFont("monospace"))
        else:
            self.caption.setText(self._caption_text)
            self.edit.setEchoMode(QLineEdit.EchoMode.Password)
            self.edit.setPlaceholderText("")
            self.edit.setFont(QFont())
        self.edit.setFocus()

    @property
    def recovery(self) -> bool:
        return self.use_recovery_key.isChecked()

    def secret(self) -> str:
        return self.edit.text()

    def secrets(self) -> dict[str, str]:
        """The secret as ``services.encryption`` takes it (``passphrase=`` or
        ``recovery_key=``)."""
        return {"recovery_key" if self.recovery else "passphrase": self.secret()}

    def wrong(self) -> str:
        """What the dialog says when this secret does not open the database."""
        if self.recovery:
            return self.tr(
                "That recovery key is wrong. It is eight groups of four letters and digits: "
                "check each group and try again."
            )
        return self.tr("That passphrase is wrong. Check it (and Caps Lock) and try again.")


class KeychainChoice(QWidget):
    """The "Remember on this computer" box, and the note under it: what it does, or, where no
    keychain runs (``services.encryption.keychain_status``), why it is greyed out."""

    def __init__(self, reason: str | None, parent: QWidget | None = None) -> None:
        """``reason``: "" when a keychain runs, why not when none does, None while that is
        not known yet (``set_reason`` then tells)."""
        super().__init__(parent)
        self.box = QCheckBox(self.tr("Remember on this computer"), self)
        self.box.setObjectName("rememberKey")
        self.note = secondary_label("", self)
        self.note.setObjectName("keychainNote")
        self.set_reason(reason)
        style = self.style()
        indent = style.pixelMetric(style.PixelMetric.PM_IndicatorWidth) + style.pixelMetric(
            style.PixelMetric.PM_CheckBoxLabelSpacing
        )
        self.note.setContentsMargins(indent, 0, 0, 0)  # (under the box's words)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(self.box)
        column.addWidget(self.note)

    def set_reason(self, reason: str | None) -> None:
        """Offer the box ("" for a running keychain) or grey it out, saying why."""
        known = reason is not None
        if reason is None:
            reason = self.tr("Looking for this computer's keychain…")
        usable = known and not reason
        self.note.setText(
            reason
            or self.tr(
                "The key is kept in this computer's keychain, which opens the database at "
                "start without asking."
            )
        )
        self.box.setEnabled(usable)
        self.box.setProperty("unavailable", not usable)
        self.box.setToolTip("" if usable or not known else reason)

    def chosen(self) -> bool:
        return self.box.isEnabled() and self.box.isChecked()


class SecretDialog(QDialog):
    """A dialog that asks for the current secret and, on OK, does ``work`` with it on a
    worker, saying it works meanwhile; a wrong secret is said in the dialog, which stays open.

    Subclasses lay out their own fields around ``self.field`` (``_lay_out``), may refuse
    early (``problem``), and give ``work`` (run off the GUI thread) and ``busy_text``.
    """

    #: The work's result, once it is done (the dialog then accepts).
    succeeded = Signal(object)
    #: The secret did not do (or the work failed): the sentence the dialog now shows.
    refused = Signal(str)

    def __init__(
        self,
        database: Path,
        parent: QWidget | None = None,
        *,
        pool: QThreadPool | None = None,
        ok_text: str = "",
    ) -> None:
        super().__init__(parent)
        self.database = database
        self._pool = pool
        self.task: Task | None = None
        self.secrets: dict[str, str] = {}  # the field's secret, read when OK is pressed
        self.field = SecretField(self)
        self.error = error_label(self)
        self.error.setObjectName("secretError")
        self.busy = QWidget(self)
        self.busy.setObjectName("busy")
        bar = QProgressBar(self.busy)
        bar.setRange(0, 0)  # (no steps to count: it moves while the work runs)
        bar.setTextVisible(False)
        bar.setMaximumHeight(10)
        self.busy_label = QLabel(self.busy)
        self.busy_label.setTextFormat(Qt.TextFormat.PlainText)
        busy_row = QHBoxLayout(self.busy)
        busy_row.setContentsMargins(0, 0, 0, 0)
        busy_row.addWidget(self.busy_label)
        busy_row.addWidget(bar, 1)
        self.busy.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(ok_text or self.tr("OK"))
        self.ok_button.setObjectName("okButton")
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.start)
        self.buttons.rejected.connect(self.reject)

    def _column(self, *parts: QWidget) -> QVBoxLayout:
        """The dialog's layout: ``parts``, then the error, the busy bar and the buttons."""
        layout = QVBoxLayout(self)
        for part in parts:
            layout.addWidget(part)
        layout.addWidget(self.error)
        layout.addWidget(self.busy)
        layout.addWidget(self.buttons)
        return layout

    # -- what subclasses give --------------------------------------------------------------

    def problem(self) -> str:
        """Why the dialog cannot go on as it is ("" when it can)."""
        if not self.field.secret():
            return (
                self.tr("Type the recovery key.")
                if self.field.recovery
                else self.tr("Type the passphrase.")
            )
        return ""

    def work(self) -> object:
        """Runs on a worker: it must not touch a widget (``self.secrets`` holds the secret)."""
        raise NotImplementedError

    def busy_text(self) -> str:
        return self.tr("Checking…")

    # -- running it ------------------------------------------------------------------------

    def start(self) -> Task | None:
        """OK: check the fields, then run the work on a worker."""
        problem = self.problem()
        if problem:
            self._say(problem)
            self.refused.emit(problem)
            return None
        self.secrets = self.field.secrets()  # (read here: the work runs on a worker)
        self._set_busy(True)
        self.task = run_in_background(
            self.work,
            on_success=self._done,
            on_error=self._failed,
            pool=self._pool,
            name=type(self).__name__,
        )
        return self.task

    def _done(self, result: object) -> None:
        self._set_busy(False)
        self.succeeded.emit(result)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        if isinstance(error, encryption.WrongSecretError):
            self._say(self.field.wrong())
            self.field.edit.selectAll()
        else:
            self._say(str(error) or type(error).__name__)
        self.refused.emit(self.error.text())

    def _say(self, sentence: str) -> None:
        self.error.setText(sentence)
        self.error.show()
        self.field.edit.setFocus()

    def _set_busy(self, busy: bool) -> None:
        inputs: list[QWidget] = [*self.findChildren(QLineEdit), *self.findChildren(QCheckBox)]
        for widget in inputs:
            if not widget.property("unavailable"):  # (greyed out for a reason of its own)
                widget.setEnabled(not busy)
        self.ok_button.setEnabled(not busy)
        self.cancel_button.setEnabled(not busy)
        self.busy_label.setText(self.busy_text())
        self.busy.setVisible(busy)
        if busy:
            self.error.hide()

    def reject(self) -> None:
        if self.task is not None and not self.task.done:
            return  # (the key derivation cannot be stopped half-way; it ends in a second)
        super().reject()

    @property
    def working(self) -> bool:
        return self.task is not None and not self.task.done


class UnlockDialog(SecretDialog):
    """Asks for the passphrase (or the recovery key) of the encrypted ``database`` and
    unlocks it for this process; ``succeeded`` carries a warning ("" when none) if the
    keychain would not keep the key."""

    def __init__(
        self,
        database: Path,
        parent: QWidget | None = None,
        *,
        keychain_reason: str | None = None,
        pool: QThreadPool | None = None,
    ) -> None:
        """``keychain_reason`` None: whether a keychain runs is found out on a worker once
        the dialog is up (finding ``keyring``'s backend takes up to a second, and the
        dialog is what start-up shows first)."""
        super().__init__(database, parent, pool=pool, ok_text=self.tr("Unlock"))
        self.setObjectName("unlockDialog")
        self.setWindowTitle(self.tr("Unlock Database"))
        heading = heading_label(self.tr("“{0}” is encrypted").format(database.name), self)
        intro = secondary_label(
            self.tr("Type its passphrase to open it, or use the recovery key."), self
        )
        self.keychain = KeychainChoice(keychain_reason, self)
        self.remember, self.keychain_note = self.keychain.box, self.keychain.note
        header = QWidget(self)
        row = QHBoxLayout(header)
        row.setContentsMargins(0, 0, 0, 8)
        icon = QLabel(header)
        icon.setPixmap(load_icon("locked").pixmap(QSize(40, 40)))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        words = QVBoxLayout()
        words.addWidget(heading)
        words.addWidget(intro)
        row.addWidget(icon)
        row.addLayout(words, 1)
        self._column(header, self.field, self.keychain)
        self.setMinimumWidth(460)
        self.field.edit.setFocus()
        self.keychain_task: Task | None = None
        if keychain_reason is None:
            self.keychain_task = run_in_background(
                encryption.keychain_status,
                on_success=self._keychain_known,
                on_error=self._keychain_unknown,
                pool=pool,
                name="keychain status",
            )

    def _keychain_unknown(self, error: BaseException) -> None:
        self._keychain_known(str(error) or type(error).__name__)

    def _keychain_known(self, reason: object) -> None:
        self.keychain.set_reason(str(reason))
        if self.working:  # (the inputs stay greyed out while the key is derived)
            self.keychain.box.setEnabled(False)

    def work(self) -> str:
        encryption.unlock(self.database, **self.secrets)
        if not self._remember:
            return ""
        try:
            encryption.remember(self.database)
        except Exception as exc:  # noqa: BLE001 - unlocked all the same; the warning says why
            return self._keychain_failed.format(exc)
        return ""

    def start(self) -> Task | None:
        # Read on the GUI thread: the work runs on a worker and touches no widget.
        self._remember = self.keychain.chosen()
        self._keychain_failed = self.tr("Unlocked, but the keychain did not keep the key: {0}")
        return super().start()

    def busy_text(self) -> str:
        return self.tr("Unlocking…")


class LockedPage(QWidget):
    """What the window shows while the database is locked: nothing of the data, and the
    Unlock… button that asks for the passphrase again."""

    unlock_clicked = Signal()

    def __init__(self, database: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lockedPage")
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        icon = QLabel(self)
        icon.setPixmap(load_icon("locked").pixmap(QSize(56, 56)))
        icon.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.heading = QLabel(self.tr("The database is locked"), self)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        font = QFont(self.heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setWeight(QFont.Weight.DemiBold)
        self.heading.setFont(font)
        name = database.name if database is not None else ""
        self.description = secondary_label(
            self.tr(
                "“{0}” is encrypted, and nothing of it is shown until it is unlocked with its "
                "passphrase or recovery key."
            ).format(name),
            self,
        )
        self.description.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.unlock_button = QPushButton(self.tr("Unlock…"), self)
        self.unlock_button.setObjectName("unlockButton")
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.unlock_clicked)
        column = QVBoxLayout()
        column.setSpacing(12)
        column.addWidget(icon)
        column.addWidget(self.heading)
        column.addWidget(self.description)
        column.addWidget(self.unlock_button, 0, Qt.AlignmentFlag.AlignHCenter)
        holder = QWidget(self)
        holder.setLayout(column)
        holder.setMaximumWidth(520)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(holder, 100)
        row.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addStretch(2)
        outer.addLayout(row)
        outer.addStretch(3)
