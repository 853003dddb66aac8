"""Turning a database's encryption on and off, changing its passphrase, and unlocking it.

Every step that replaces a file is ordered so that a crash (a SIGKILL, a power cut) at any
point leaves a database that opens with one of its secrets and holds every row:

- **Encrypt:** the WAL is folded into the file; an encrypted copy is made beside it
  (``sqlcipher_export``) and must pass the full check; the key file is written as
  ``<db>.keys.pending``; the copy replaces the database (its old WAL and ``-shm`` removed);
  the pending key file becomes ``<db>.keys``; then each backup is encrypted the same way.
- **Decrypt:** the backups are decrypted first (while the key is still on disk), then the
  database is copied plain and put in place, and only then is the key file removed.
- :func:`recover` finishes or undoes an interrupted one before a database is opened: the
  database's first 16 bytes decide (the SQLite header, or SQLCipher's random salt), and the
  key files follow them. The backups follow them too, once the key is known: unlocking
  encrypts any an interrupted change left plain (``_finish_backups``).

Reading those first bytes happens only while no connection to the file is open in this
process (before opening it): closing a file descriptor releases SQLite's POSIX locks on it
(``store.lock``). The old plain file is deleted once its encrypted copy is in place; on an
SSD its blocks may survive until overwritten, which no application can prevent.
"""

from __future__ import annotations

import contextlib
import enum
import logging
import os
from pathlib import Path

from advisor_planner import atomic
from advisor_planner.store import cipher, keys
from advisor_planner.store.backup import backup_dir, list_backups, sweep_leftovers
from advisor_planner.store.integrity import full_check
from advisor_planner.store.lock import current_holder
from advisor_planner.translation import translate

PENDING_SUFFIX = ".pending"

log = logging.getLogger(__name__)


class State(enum.Enum):
    NEW = "new"  # no file yet, or an empty one
    PLAIN = "plain"
    ENCRYPTED = "encrypted"


class EncryptionError(Exception):
    """Encryption cannot be changed or the database cannot be unlocked: one sentence."""


_FINISHING_ERRORS: tuple[type[Exception], ...] = (OSError, EncryptionError, *cipher.ERRORS)


def state(database: Path) -> State:
    """Whether ``database`` is plain or encrypted, from its first 16 bytes (call it only while
    this process has no connection to the file open)."""
    try:
        with database.open("rb") as handle:
            head = handle.read(len(cipher.PLAIN_HEADER))
    except FileNotFoundError:
        return State.NEW
    if not head:
        return State.NEW
    return State.PLAIN if head == cipher.PLAIN_HEADER else State.ENCRYPTED


def _pending(database: Path) -> Path:
    path = keys.key_file_path(database)
    return path.with_name(path.name + PENDING_SUFFIX)


def recover(database: Path) -> None:
    """Finish or undo an encryption change a crash interrupted (see the module docstring).

    Not while another process holds the database's instance lock: that process may be in the
    middle of a change (its pending key file is no leftover, and removing it would leave the
    database encrypted with no key file), and it recovered the file when it took the lock.
    """
    key_file, pending = keys.key_file_path(database), _pending(database)
    found = state(database)
    spare = spare_key_file(database)
    if found is State.ENCRYPTED and not key_file.exists() and not pending.exists():
        if spare.exists():  # the key file was lost beside the database: its spare holds
            keys.write_key_file(key_file, keys.read_key_file(spare))
        return
    if not pending.exists() and not (found is State.PLAIN and key_file.exists()):
        return
    if _held_elsewhere(database):
        return
    if pending.exists():
        if found is State.ENCRYPTED:
            with contextlib.suppress(FileNotFoundError):  # (another recovery finished it)
                os.replace(pending, key_file)  # the copy was in place: the new key file holds
        else:
            pending.unlink(missing_ok=True)  # the copy never replaced the file: nothing changed
    if found is State.PLAIN:
        key_file.unlink(missing_ok=True)  # decrypted, all but the last step
    atomic.fsync_folder(database.parent)


def _held_elsewhere(database: Path) -> bool:
    """Whether another process holds the database's instance lock (it may be changing it)."""
    holder = current_holder(database)
    return holder is not None and holder.pid != os.getpid()


def _finish_backups(database: Path, key: bytes) -> None:
    """Once the database is unlocked: encrypt the backups an interrupted change left plain,
    and remove the temporary copies it left (a plain one, if a decrypt was interrupted).

    ``encrypt`` converts the database before its backups and ``decrypt`` after them, so the
    backups take the database's state, as the key file does in :func:`recover`. Not while
    another process holds the lock; a failure (a read-only folder) leaves them for next time.
    """
    if _held_elsewhere(database):
        return
    try:
        sweep_leftovers(database)
        _encrypt_backups(database, key)
    except _FINISHING_ERRORS as exc:
        log.warning("could not finish encrypting the backups of %s: %s", database, exc)


def _encrypt_backups(database: Path, key: bytes) -> None:
    for copy in kept_copies(database):
        if state(copy) is State.PLAIN:
            _put_in_place(_converted(copy, None, key), copy)


def kept_copies(database: Path) -> list[Path]:
    """Every copy of ``database`` the app keeps, which takes its encryption with it: the
    backups, and the files a restore set aside (``<name>.replaced-<time>``)."""
    aside = [
        path
        for path in sorted(database.parent.glob(f"{database.name}.replaced-*"))
        if not path.name.endswith(("-wal", "-shm", "-journal"))
    ]
    return list_backups(database) + aside


# -- unlocking -----------------------------------------------------------------------------------
def unlock(
    database: Path, *, passphrase: str | None = None, recovery_key: str | None = None
) -> bytes:
    """The key of the encrypted ``database``, from its passphrase or recovery key, checked
    against the file and held for this process (``cipher.unlock``); ``EncryptionError`` or
    ``keys.KeyFileError`` (a wrong secret, a damaged key file) saying why not.

    A database that is gone (deleted, or emptied) while its key file or the key file's spare
    remains is unlocked against its backups, so that one of them can be restored; so is one
    whose first page is damaged (``_check_key``)."""
    recover(database)
    found = state(database)
    if found is State.PLAIN or (found is State.NEW and not lost_but_encrypted(database)):
        raise EncryptionError(
            translate("Storage", "{0} is not encrypted; no passphrase is needed.").format(database)
        )
    key_file = keys.read_key_file(_key_file_of(database))
    if recovery_key is not None:
        key = key_file.unlock_with_recovery_key(recovery_key)
    elif passphrase is not None:
        key = key_file.unlock_with_passphrase(passphrase)
    else:
        raise EncryptionError(
            translate("Storage", "{0} is encrypted: give its passphrase.").format(database)
        )
    if found is State.NEW:
        if not _opens_a_backup(database, key):
            raise EncryptionError(
                translate(
                    "Storage", "There is no database at {0}, and none of its backups opens."
                ).format(database)
            )
        beside = keys.key_file_path(database)
        if not beside.exists():  # (the backup restored in its place needs it there)
            keys.write_key_file(beside, key_file)
        cipher.unlock(database, key, backups=backup_dir(database))
        return key
    _check_key(database, key)
    cipher.unlock(database, key, backups=backup_dir(database))
    _finish_backups(database, key)
    return key


def unlock_with_key(database: Path, key: bytes) -> None:
    """Hold ``key`` (from the keychain) for ``database`` once it is checked against the file."""
    recover(database)
    if state(database) is not State.ENCRYPTED:
        raise EncryptionError(
            translate("Storage", "{0} is not encrypted; no passphrase is needed.").format(database)
        )
    _check_key(database, key)
    cipher.unlock(database, key, backups=backup_dir(database))
    _finish_backups(database, key)


def lost_but_encrypted(database: Path) -> bool:
    """Whether ``database`` is gone (missing or empty) while a key file for it remains,
    beside it or as the spare in its backup folder: its backups are encrypted."""
    return state(database) is State.NEW and (
        keys.key_file_path(database).exists() or spare_key_file(database).exists()
    )


def _key_file_of(database: Path) -> Path:
    """The key file beside ``database``, or its spare when only that remains (reading a
    missing one says "There is no key file at …" about the one beside the database)."""
    beside = keys.key_file_path(database)
    spare = spare_key_file(database)
    return spare if not beside.exists() and spare.exists() else beside


def _opens(path: Path, key: bytes) -> bool:
    connection = cipher.connect(str(path), path=path, key=key)
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except cipher.DATABASE_ERRORS:
        return False
    finally:
        connection.close()
    return True


def _opens_a_backup(database: Path, key: bytes) -> bool:
    """Whether ``key`` opens one of the newest few backups of ``database``."""
    return any(_opens(backup, key) for backup in list_backups(database)[:3])


def _check_key(database: Path, key: bytes) -> None:
    """Refuse a key that opens neither the database nor its backups. SQLCipher cannot tell a
    wrong key from a damaged first page; a key that opens the backups is the right one, and
    the start-up check then finds the damage and offers those backups."""
    connection = cipher.connect(str(database), path=database, key=key)
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except cipher.DATABASE_ERRORS as exc:
        if cipher.is_wrong_key(exc) and not _opens_a_backup(database, key):
            raise EncryptionError(
                translate(
                    "Storage",
                    "The key file beside {0} belongs to another database (or the database "
                    "is damaged).",
                ).format(database)
            ) from None
        if not cipher.is_wrong_key(exc):
            raise
    finally:
        connection.close()


# -- changing ----------------------------------------------------------------------------------
def encrypt(
    database: Path, passphrase: str, *, parameters: keys.Argon2Parameters | None = None
) -> str:
    """Encrypt the (closed) ``database`` and its backups; returns the recovery key, which
    is shown once and never stored."""
    recover(database)
    if state(database) is not State.PLAIN:
        raise EncryptionError(
            translate("Storage", "{0} is already encrypted.").format(database)
            if state(database) is State.ENCRYPTED
            else translate("Storage", "There is no database at {0} to encrypt.").format(database)
        )
    key, recovery, key_file = keys.new_key_file(passphrase, parameters=parameters)
    copy = _converted(database, None, key)
    keys.write_key_file(_pending(database), key_file.for_database(_salt_of(copy)))
    _put_in_place(copy, database)
    os.replace(_pending(database), keys.key_file_path(database))
    atomic.fsync_folder(database.parent)
    _write_spare(database)
    cipher.unlock(database, key, backups=backup_dir(database))
    _encrypt_backups(database, key)
    return recovery


def decrypt(database: Path, key: bytes) -> None:
    """Decrypt the (closed, unlocked) ``database`` and its backups; the key file goes last."""
    for kept in kept_copies(database):
        if state(kept) is State.ENCRYPTED:
            _put_in_place(_converted(kept, key, None), kept)
    copy = _converted(database, key, None)
    _put_in_place(copy, database)
    cipher.forget(database, backups=backup_dir(database))
    keys.key_file_path(database).unlink(missing_ok=True)
    spare_key_file(database).unlink(missing_ok=True)
    atomic.fsync_folder(database.parent)


def change_passphrase(database: Path, key: bytes, new_passphrase: str) -> None:
    """Rewrap the key under ``new_passphrase``; the database itself is not touched."""
    path = keys.key_file_path(database)
    keys.write_key_file(path, keys.read_key_file(path).with_passphrase(key, new_passphrase))
    _write_spare(database)


def spare_key_file(database: Path) -> Path:
    """A copy of the key file in the backup folder: the backups are encrypted with the
    database's key, so they are kept together, and a key file lost beside the database is
    put back from it (the file holds nothing readable without a secret)."""
    return backup_dir(database) / keys.key_file_path(database).name


def copy_key_file(database: Path, copy: Path) -> Path | None:
    """Put a copy of ``database``'s key file beside ``copy`` (an encrypted copy of it made
    elsewhere), so that the copy opens on its own with today's passphrase or the recovery
    key, even once the database's passphrase has changed or its encryption is removed.
    Returns where, or None for a plain database. The file holds nothing readable without a
    secret, so it is as safe beside the copy as it is beside the database."""
    source = keys.key_file_path(database)
    if not source.exists():
        return None
    target = keys.key_file_path(copy)
    keys.write_key_file(target, keys.read_key_file(source))
    return target


def _write_spare(database: Path) -> None:
    spare = spare_key_file(database)
    spare.parent.mkdir(mode=0o700, exist_ok=True)
    keys.write_key_file(spare, keys.read_key_file(keys.key_file_path(database)))


# -- copies ----------------------------------------------------------------------------------------
def _converted(source: Path, source_key: bytes | None, key: bytes | None) -> Path:
    """A checked copy of ``source`` beside it, keyed with ``key`` (plain for None)."""
    _fold_wal(source, source_key)
    temporary = atomic.temporary_beside(source)
    try:
        connection = cipher.connect(str(source), path=source, key=source_key or b"")
        try:
            literal = f"x'{key.hex()}'" if key else ""
            connection.execute(f'ATTACH DATABASE ? AS converted KEY "{literal}"', (str(temporary),))
            connection.execute("SELECT sqlcipher_export('converted')")
            connection.execute("DETACH DATABASE converted")
        finally:
            connection.close()
        cipher.unlock(temporary, key or b"")  # (b"": plain, whatever folder it is in)
        try:
            result = full_check(temporary)
        finally:
            cipher.forget(temporary)
        if not result.ok:
            raise EncryptionError(
                translate("Storage", "The converted copy of {0} failed its check: {1}").format(
                    source, result.summary()
                )
            )
        atomic.fsync_file(temporary)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def _fold_wal(source: Path, key: bytes | None) -> None:
    """Checkpoint ``source``'s WAL into it, so the file alone holds every row."""
    connection = cipher.connect(str(source), path=source, key=key or b"")
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    finally:
        connection.close()


def _put_in_place(copy: Path, target: Path) -> None:
    os.replace(copy, target)
    for side in ("-wal", "-shm"):  # the old file's: applied to the new one they would ruin it
        Path(f"{target}{side}").unlink(missing_ok=True)
    atomic.fsync_folder(target.parent)


def _salt_of(copy: Path) -> bytes:
    with copy.open("rb") as handle:  # (a copy no connection has open)
        return handle.read(keys.DATABASE_SALT_BYTES)
