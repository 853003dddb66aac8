"""Opening a database for a command and closing it: ``database(args, writing=...)``,
``locked`` (the instance lock alone, for ``restore`` and the encryption commands) and
``unlock``, which every command that opens a database calls first.

Opening is ``services.session``'s (``opened``, ``locked``), the same service the app opens
through; this module only turns its refusals (``CannotOpen``) into ``common.Refused`` and an
exit status.

**Encrypted databases.** ``unlock`` takes the secret from, in this order,
``--passphrase-file``, ``--recovery-key-file``, the OS keychain when the key is remembered
there (the app's "Remember on this computer"), else the terminal (``cli.passphrases``).
``decrypt`` and ``change-passphrase`` want the secret itself, not the keychain: they change
how the file is protected, as the app's dialogs do. It runs before the file is opened:
``services.encryption.is_encrypted`` reads the file's first bytes, which is safe only while
this process has no connection to it; a command that writes takes the instance lock first,
so it neither asks for a secret it cannot use nor finishes an interrupted change beside
another writer. Every refusal is one sentence (a wrong passphrase or recovery key, a damaged
key file or another database's: ``services.encryption``'s words) and comes before anything
is written.

Imports are lazy, as everywhere in ``cli``: a plain database never loads the keychain.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from advisor_planner.cli.common import EXIT_FAILED, EXIT_USAGE, Refused, db_path
from advisor_planner.cli.passphrases import ask_secret, read_secret

if TYPE_CHECKING:
    from advisor_planner.cli.common import Arguments


@contextmanager
def _refusing() -> Iterator[None]:
    """``services.session.CannotOpen`` said as a command's refusal: its sentence, and exit
    status 2 when there was no file to open."""
    from advisor_planner.services.session import CannotOpen

    try:
        yield
    except CannotOpen as exc:
        raise Refused(str(exc), EXIT_USAGE if exc.usage else EXIT_FAILED) from None


@contextmanager
def locked(path: Path, purpose: str) -> Iterator[None]:
    """Hold the instance lock of ``path`` for the block, without opening the file (``restore``
    replaces it); ``Refused`` while another process holds it."""
    from advisor_planner.services import session

    with _refusing(), session.locked(path, purpose):
        yield


@contextmanager
def database(
    args: Arguments, *, writing: str | None = None, lock_held: bool = False, unlocking: bool = True
) -> Iterator[Path]:
    """The database ``--db`` names, unlocked if it is encrypted, open for the block, closed
    when it ends; yields its path.

    ``services.session.opened`` opens it, as it would for the app: a command that writes
    names what it is doing (``writing="import"``, which the lock tells whoever else tries)
    and holds the instance lock for the block (``lock_held``: the command holds it already,
    around more than the open file), the file created or migrated (backed up first); a
    command that only reads gets a read-only connection, safe beside a running app. A file
    the command cannot have (missing, damaged, too new, held by another writer, locked with
    no secret to open it) is ``Refused`` with one line. ``unlocking=False``: the command has
    dealt with the secrets itself (``demo``).
    """
    from advisor_planner.services import session

    path = db_path(args)
    if writing and not lock_held:
        with (
            locked(path, writing),
            database(args, writing=writing, lock_held=True, unlocking=unlocking),
        ):
            yield path
        return
    if unlocking:
        unlock(args, path)
    with _refusing(), session.opened(path, writing=writing, lock_held=lock_held):
        yield path


def is_encrypted(path: Path) -> bool:
    """Whether ``path`` is an encrypted database: no SQLite header, and its key file beside
    it. Without a key file the file is left to the start-up check, which calls it what it
    most likely is: not a database, or one whose first page is damaged."""
    from advisor_planner.services import encryption

    return path.is_file() and encryption.is_encrypted(path)


def unlock(args: Arguments, path: Path, *, keychain: bool = True, lost: bool = False) -> bool:
    """Unlock the database at ``path`` if it is encrypted (see the module docstring); returns
    whether it is. ``Refused`` with one line when it cannot be unlocked, or when a secret is
    given for a database that is not encrypted. ``lost`` (restore): a database that is gone
    while its key file remains counts as encrypted, and is unlocked against its backups."""
    from advisor_planner.services import encryption

    passphrase_file: Path | None = getattr(args, "passphrase_file", None)
    recovery_file: Path | None = getattr(args, "recovery_key_file", None)
    if passphrase_file is not None and recovery_file is not None:
        raise Refused("give --passphrase-file or --recovery-key-file, not both", EXIT_USAGE)
    given = passphrase_file is not None or recovery_file is not None
    gone = encryption.lost_but_encrypted(path)
    if gone and not lost:  # (never a new, plain file beside encrypted backups)
        raise Refused(
            f"{path} is missing or empty, but it was encrypted and its backups remain; "
            "restore one with: advisor-planner restore --latest",
            EXIT_FAILED,
        )
    if given and not path.is_file() and not gone:
        raise Refused(f"there is no database at {path} to unlock", EXIT_USAGE)
    if gone and not given:
        _unlock(path, *ask_secret(path))
        return True
    if given and (gone or encryption.has_encrypted_header(path)):
        # (Without a key file the unlock says so: "There is no key file at …".)
        passphrase = read_secret(passphrase_file, "--passphrase-file") if passphrase_file else None
        recovery = read_secret(recovery_file, "--recovery-key-file") if recovery_file else None
        _unlock(path, passphrase, recovery)
        return True
    if not is_encrypted(path):
        if given:
            raise Refused(f"{path} is not encrypted; no passphrase is needed", EXIT_USAGE)
        return False
    if encryption.is_unlocked(path) or (keychain and encryption.unlock_from_keychain(path)):
        return True
    _unlock(path, *ask_secret(path))
    return True


def _unlock(path: Path, passphrase: str | None, recovery_key: str | None) -> None:
    from advisor_planner.services import encryption

    try:
        encryption.unlock(path, passphrase=passphrase, recovery_key=recovery_key)
    except (encryption.KeyFileError, encryption.EncryptionError) as exc:
        raise Refused(str(exc), EXIT_FAILED) from None
