"""Encryption at rest, for the app and the command line alike (no Qt).

Whether a database is encrypted, unlocking it (passphrase, recovery key, or the key the OS
keychain remembers), turning encryption on and off, changing the passphrase, and locking it
again (the idle lock). The work is ``store.encryption``'s and ``store.keys``'s; this module is
what the layers above may call (they never import ``store``).

Encrypting, decrypting and changing the passphrase need the database closed and its
instance lock held by the caller (``services.session.locked``), as a restore does.

**The keychain.** "Remember on this computer" keeps the unwrapped key in the OS keychain
through ``keyring`` (Secret Service on Linux, Keychain on macOS, Credential Locker on
Windows), under the service ``advisor-planner`` and the database's full path. Where no
keychain answers, :func:`keychain_status` says why and the option is offered greyed out.

Which databases have their key there is also noted in a small file in the user's data folder
(``remembered-in-keychain.txt``: their paths, nothing secret). Start-up asks the keychain only
for those: ``keyring`` takes 0.3-1 s to import and find its backend on a 2-core machine, and
the unlock dialog of a database whose key was never remembered should not wait for it.
"""

from __future__ import annotations

import hmac
import logging
from pathlib import Path

from advisor_planner import atomic
from advisor_planner.paths import user_data_dir
from advisor_planner.store import cipher, keys
from advisor_planner.store import encryption as store_encryption
from advisor_planner.store.backup import backup_dir
from advisor_planner.store.connection import database_path
from advisor_planner.store.models import database
from advisor_planner.translation import translate

__all__ = [
    "EncryptionError",
    "KeyFileError",
    "LockedDatabaseError",
    "WrongSecretError",
    "change_passphrase",
    "check_secret",
    "decrypt",
    "encrypt",
    "forget_remembered",
    "has_encrypted_header",
    "is_encrypted",
    "is_unlocked",
    "key_file",
    "keychain_status",
    "lock",
    "lost_but_encrypted",
    "open_database_encrypted",
    "remember",
    "remembered_here",
    "unlock",
    "unlock_copy",
    "unlock_from_keychain",
]

EncryptionError = store_encryption.EncryptionError
KeyFileError = keys.KeyFileError
WrongSecretError = keys.WrongSecretError
LockedDatabaseError = cipher.LockedDatabaseError

KEYCHAIN_SERVICE = "advisor-planner"
REMEMBERED_FILE_NAME = "remembered-in-keychain.txt"

log = logging.getLogger(__name__)


def is_encrypted(database: Path) -> bool:
    """Whether ``database`` is encrypted: no SQLite header, and its key file beside it
    (a file with neither is left to the start-up check: not a database, or damaged). It
    finishes an interrupted change first. Call it before the database is opened: it reads
    the file's first bytes."""
    store_encryption.recover(database)
    return (
        store_encryption.state(database) is store_encryption.State.ENCRYPTED
        and keys.key_file_path(database).exists()
    )


def has_encrypted_header(database: Path) -> bool:
    """Whether ``database`` lacks SQLite's header, key file or not (a command given a
    passphrase for it then says what is missing). Before the database is opened only."""
    store_encryption.recover(database)
    return store_encryption.state(database) is store_encryption.State.ENCRYPTED


def lost_but_encrypted(database: Path) -> bool:
    """Whether ``database`` is gone (missing or emptied) while its key file (or the key
    file's spare) remains: its backups are encrypted, and unlocking opens them to restore."""
    store_encryption.recover(database)
    return store_encryption.lost_but_encrypted(database)


def is_unlocked(database: Path) -> bool:
    """Whether this process holds the key of ``database``."""
    return bool(cipher.key_for(database))


def open_database_encrypted() -> bool:
    """Whether the database this process works on (the one the models are bound to) is
    encrypted: what is exported from it (JSON, CSV, the PDF report) is not, and the dialogs
    that write those say so."""
    db = database.obj
    return db is not None and is_unlocked(database_path(db))


def check_secret(
    database: Path, *, passphrase: str | None = None, recovery_key: str | None = None
) -> None:
    """Raise ``WrongSecretError`` unless the secret opens the key of the unlocked ``database``.

    It reads the key file only, never the database, so it may run while the database is open:
    the app asks for the current secret before a passphrase change or a decryption, so that
    whoever finds the computer unlocked cannot make them.
    """
    held = _held_key(database)
    key_file = keys.read_key_file(keys.key_file_path(database))
    if recovery_key is not None:
        key = key_file.unlock_with_recovery_key(recovery_key)
    elif passphrase is not None:
        key = key_file.unlock_with_passphrase(passphrase)
    else:
        raise EncryptionError(translate("Storage", "Give the passphrase or the recovery key."))
    if not hmac.compare_digest(key, held):
        raise WrongSecretError(
            translate("Storage", "The key file beside {0} does not hold its key.").format(database)
        )


def unlock(
    database: Path, *, passphrase: str | None = None, recovery_key: str | None = None
) -> None:
    """Unlock ``database`` for this process; a wrong secret raises ``WrongSecretError``."""
    store_encryption.unlock(database, passphrase=passphrase, recovery_key=recovery_key)


def key_file(database: Path) -> Path:
    """Where ``database``'s key file is: beside it. Without it neither secret opens the
    database, and an encrypted-looking file without one may be no database at all."""
    return keys.key_file_path(database)


def unlock_copy(database: Path, copy: Path) -> bool:
    """Whether ``copy`` is encrypted; if so and ``database`` is unlocked, ``copy`` (a backup
    of it kept outside its backup folder: ``backup --to``, then ``restore --from``) is read
    with the database's key. Call it before ``copy`` is opened."""
    if store_encryption.state(copy) is not store_encryption.State.ENCRYPTED:
        return False
    key = cipher.key_for(database)
    if key:
        cipher.unlock(copy, key)
    return True


def lock(database: Path) -> None:
    """Drop the key of the (closed) ``database``: it must be unlocked again to be opened."""
    cipher.forget(database, backups=backup_dir(database))


def encrypt(database: Path, passphrase: str) -> str:
    """Encrypt the closed ``database`` and its backups; returns the recovery key to show once."""
    if not passphrase:
        raise EncryptionError(translate("Storage", "The passphrase cannot be empty."))
    return store_encryption.encrypt(database, passphrase)


def decrypt(database: Path) -> None:
    """Store the closed, unlocked ``database`` and its backups plain again."""
    store_encryption.decrypt(database, _held_key(database))
    forget_remembered(database)


def change_passphrase(database: Path, new_passphrase: str) -> None:
    """Rewrap the unlocked ``database``'s key under ``new_passphrase``."""
    if not new_passphrase:
        raise EncryptionError(translate("Storage", "The passphrase cannot be empty."))
    store_encryption.change_passphrase(database, _held_key(database), new_passphrase)


def _held_key(database: Path) -> bytes:
    key = cipher.key_for(database)
    if not key:
        raise LockedDatabaseError(
            translate("Storage", "{0} is encrypted: give its passphrase.").format(database)
        )
    return key


# -- the keychain ------------------------------------------------------------------------------
def keychain_status() -> str:
    """ "" when an OS keychain can remember keys, else the reason it cannot (one sentence)."""
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return translate("Storage", "No keychain support is installed.")
    from keyring.errors import KeyringError

    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 0) <= 0:
        return translate(
            "Storage", "No keychain is running on this computer (Secret Service, Keychain)."
        )
    try:  # a keychain that is running but locked, or that asks a question nobody answers
        backend.get_password(KEYCHAIN_SERVICE, "(probe)")
    except KeyringError as exc:
        return translate("Storage", "The keychain cannot be used: {0}").format(exc)
    return ""


def _account(database: Path) -> str:
    return str(database.expanduser().resolve())


def remember(database: Path) -> None:
    """Keep the unlocked ``database``'s key in the OS keychain."""
    import keyring

    keyring.set_password(KEYCHAIN_SERVICE, _account(database), _held_key(database).hex())
    _note_remembered(database, True)


def forget_remembered(database: Path) -> None:
    """Take ``database``'s key out of the keychain (nothing if it is not there)."""
    _note_remembered(database, False)
    if keychain_status():
        return
    import keyring
    from keyring.errors import PasswordDeleteError

    try:
        keyring.delete_password(KEYCHAIN_SERVICE, _account(database))
    except PasswordDeleteError:
        pass


def _remembered_file() -> Path:
    return user_data_dir() / REMEMBERED_FILE_NAME


def _remembered_accounts() -> set[str] | None:
    """The databases whose key was kept in the keychain here; None if the note cannot be
    read (then the keychain is asked, as it was before the note existed)."""
    try:
        text = _remembered_file().read_text(encoding="utf-8")
    except FileNotFoundError:
        return set()
    except (OSError, UnicodeDecodeError) as exc:
        log.warning("the note of keys kept in the keychain cannot be read: %s", exc)
        return None
    return {line for line in text.splitlines() if line}


def _note_remembered(database: Path, remembered: bool) -> None:
    accounts = _remembered_accounts() or set()
    account = _account(database)
    if (account in accounts) == remembered:
        return
    accounts = accounts | {account} if remembered else accounts - {account}
    path = _remembered_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic.write_text(path, lambda out: out.writelines(f"{a}\n" for a in sorted(accounts)))


def remembered_here(database: Path) -> bool:
    """Whether ``database``'s key was kept in this computer's keychain (by the note: the
    keychain itself is not asked). True when the note cannot be read."""
    accounts = _remembered_accounts()
    return accounts is None or _account(database) in accounts


def unlock_from_keychain(database: Path) -> bool:
    """Unlock ``database`` with the key the keychain remembers; False if it holds none (or
    one that no longer opens the database, which is then forgotten). The keychain is asked
    only for a database whose key was remembered here (``remembered_here``)."""
    if not remembered_here(database) or keychain_status():
        return False
    import keyring

    remembered = keyring.get_password(KEYCHAIN_SERVICE, _account(database))
    if not remembered:
        _note_remembered(database, False)  # (taken out of the keychain by other means)
        return False
    try:
        key = bytes.fromhex(remembered)
        store_encryption.unlock_with_key(database, key)
    except (ValueError, EncryptionError):
        forget_remembered(database)
        return False
    return True
