"""File ▸ Encrypt Database…, Change Passphrase… and Remove Encryption…: the dialogs that ask
what each needs. ``ui.protection`` runs the change itself once they are accepted.

- ``EncryptDialog``: the passphrase twice with a hint of its strength, and whether to
  remember the key on this computer (also asked of a new database, ``new_database=True``).
- ``ChangePassphraseDialog``: the current passphrase (or the recovery key), then the new one
  twice; the current one is checked on a worker before the dialog closes.
- ``RemoveEncryptionDialog``: what removing it means, and the current secret to confirm.

The current secret is asked for so that whoever finds the computer unlocked cannot change or
remove the protection; it is checked against the key file only (``check_secret``), while
the database stays open.
"""

from __future__ import annotations

import math
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QThreadPool, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QVBoxLayout,
    QWidget,
)

from advisor_planner.services import encryption
from advisor_planner.ui.record_form import error_label
from advisor_planner.ui.unlock import KeychainChoice, SecretDialog, secondary_label

#: Below this many bits a passphrase is called weak, below the second fair (see
#: ``passphrase_bits``): 45 bits is about what three random common words give.
WEAK_BITS, FAIR_BITS = 45.0, 70.0
#: The kinds of character and how many of each there are, for ``passphrase_bits``: a space
#: between words is one more character, not the 32 other symbols.
_KINDS = (
    (str.islower, 26),
    (str.isupper, 26),
    (str.isdigit, 10),
    (lambda c: c == " ", 1),
    (lambda c: not c.isalnum() and c != " ", 32),
)


def passphrase_bits(text: str) -> float:
    """A rough guess at how hard ``text`` is to guess, in bits: its length (each character
    counted at most twice, so "aaaaaaaa" is short) times the bits of the kinds of character it
    uses. Like every such count it overrates a line from a book; it is a hint, not a rule."""
    if not text:
        return 0.0
    pool = sum(size for test, size in _KINDS if any(test(char) for char in text))
    counted = sum(min(text.count(char), 2) for char in set(text))
    return counted * math.log2(max(pool, 2))


def strength_hint(text: str) -> str:
    """One line on how strong ``text`` is, for under the field ("" when it is empty)."""
    if not text:
        return ""
    bits = passphrase_bits(text)
    if bits < WEAK_BITS:
        return QCoreApplication.translate(
            "NewPassphrase",
            "Weak: easy to guess for whoever copies the file. Four or more words, or 12 "
            "characters or more, are much stronger.",
        )
    if bits < FAIR_BITS:
        return QCoreApplication.translate(
            "NewPassphrase", "Fair: a few more words or characters would make it strong."
        )
    return QCoreApplication.translate("NewPassphrase", "Strong.")


class NewPassphrase(QWidget):
    """A new passphrase, typed twice, with a hint of its strength."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.first = QLineEdit(self)
        self.first.setObjectName("newPassphrase")
        self.first.setEchoMode(QLineEdit.EchoMode.Password)
        self.second = QLineEdit(self)
        self.second.setObjectName("repeatPassphrase")
        self.second.setEchoMode(QLineEdit.EchoMode.Password)
        self.hint = secondary_label("", self)
        self.hint.setObjectName("strengthHint")
        self.hint.hide()
        self.first.textChanged.connect(self._hint)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("New passphrase"), self.first)
        form.addRow("", self.hint)
        form.addRow(self.tr("Type it again"), self.second)

    def _hint(self, text: str) -> None:
        self.hint.setText(strength_hint(text))
        self.hint.setVisible(bool(text))

    def passphrase(self) -> str:
        return self.first.text()

    def problem(self) -> str:
        """Why the passphrase cannot be used ("" when it can)."""
        if not self.first.text():
            return self.tr("Type a passphrase.")
        if self.first.text() != self.second.text():
            return self.tr("The two passphrases differ: type the same one twice.")
        return ""


class EncryptDialog(QDialog):
    """The passphrase for a database about to be encrypted, and whether to remember it."""

    def __init__(
        self,
        database: Path,
        parent: QWidget | None = None,
        *,
        keychain_reason: str = "",
        new_database: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("encryptDialog")
        if new_database:
            self.setWindowTitle(self.tr("Protect the New Database"))
            text = self.tr(
                "“{0}” is new and empty. With a passphrase, it and its backups are encrypted "
                "on disk: without the passphrase or the recovery key, nothing in them can be "
                "read."
            )
        else:
            self.setWindowTitle(self.tr("Encrypt Database"))
            text = self.tr(
                "“{0}” and all its backups will be encrypted on disk: without the passphrase "
                "or the recovery key, nothing in them can be read. Exports and reports you "
                "write stay unencrypted."
            )
        intro = secondary_label(text.format(database.name), self)
        recovery = secondary_label(
            self.tr(
                "Next, a recovery key is shown once. Keep it safe: it is the only way in if "
                "the passphrase is forgotten."
            ),
            self,
        )
        self.new = NewPassphrase(self)
        self.keychain = KeychainChoice(keychain_reason, self)
        self.remember, self.keychain_note = self.keychain.box, self.keychain.note
        self.error = error_label(self)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setObjectName("okButton")
        self.ok_button.setText(self.tr("Protect") if new_database else self.tr("Encrypt"))
        buttons.accepted.connect(self.finish)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for part in (intro, self.new, self.keychain, recovery, self.error):
            layout.addWidget(part)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)
        self.new.first.setFocus()

    def passphrase(self) -> str:
        return self.new.passphrase()

    def remember_key(self) -> bool:
        return self.keychain.chosen()

    def finish(self) -> None:
        problem = self.new.problem()
        if problem:
            self.error.setText(problem)
            self.error.show()
            return
        self.accept()


class ChangePassphraseDialog(SecretDialog):
    """The current secret, checked on a worker, and the new passphrase twice."""

    def __init__(
        self, database: Path, parent: QWidget | None = None, *, pool: QThreadPool | None = None
    ) -> None:
        super().__init__(database, parent, pool=pool, ok_text=self.tr("Change Passphrase"))
        self.setObjectName("changePassphraseDialog")
        self.setWindowTitle(self.tr("Change Passphrase"))
        self.field.set_caption(self.tr("Current passphrase"))
        intro = secondary_label(
            self.tr(
                "The database is not encrypted again: only the key beside it is locked under "
                "the new passphrase. The recovery key stays the same."
            ),
            self,
        )
        self.new = NewPassphrase(self)
        self._column(self.field, self.new, intro)
        self.setMinimumWidth(480)
        self.field.edit.setFocus()

    def problem(self) -> str:
        return super().problem() or self.new.problem()

    def new_passphrase(self) -> str:
        return self.new.passphrase()

    def work(self) -> None:
        encryption.check_secret(self.database, **self.secrets)


class RemoveEncryptionDialog(SecretDialog):
    """What removing the encryption means, and the current secret to confirm it."""

    def __init__(
        self, database: Path, parent: QWidget | None = None, *, pool: QThreadPool | None = None
    ) -> None:
        super().__init__(database, parent, pool=pool, ok_text=self.tr("Remove Encryption"))
        self.setObjectName("removeEncryptionDialog")
        self.setWindowTitle(self.tr("Remove Encryption"))
        warning = QLabel(
            self.tr(
                "“{0}” and all its backups will be stored unencrypted: anyone who can read the "
                "files can read every note in them. The passphrase, the recovery key and a key "
                "remembered on this computer stop being needed."
            ).format(database.name),
            self,
        )
        warning.setObjectName("removeWarning")
        warning.setTextFormat(Qt.TextFormat.PlainText)
        warning.setWordWrap(True)
        confirm = secondary_label(self.tr("Type the passphrase to confirm."), self)
        self._column(warning, confirm, self.field)
        self.setMinimumWidth(480)
        self.field.edit.setFocus()

    def work(self) -> None:
        encryption.check_secret(self.database, **self.secrets)


class BusyDialog(QProgressDialog):
    """A box that says what is being done while the window waits for it (no Cancel: an
    encryption change runs to its end, which leaves the database whole either way)."""

    closed = Signal()

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(text, "", 0, 0, parent)
        self.setObjectName("busyDialog")
        self.setWindowTitle(QCoreApplication.translate("BusyDialog", "Please wait"))
        self.setCancelButton(None)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumDuration(0)
        self.setAutoClose(False)
        self.setAutoReset(False)
