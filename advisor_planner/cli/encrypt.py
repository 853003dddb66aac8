"""``advisor-planner encrypt``: encrypt a plain database and its backups with a new passphrase
(from ``--passphrase-file``, else asked twice on a terminal) and print the recovery key, once.

The database is examined first, as the app's start-up does (a damaged or newer file is not
converted), and the instance lock is held while the file changes, so it refuses while the
app has the database open. The conversion itself (``services.encryption``) is crash safe: a
kill at any moment leaves the database plain or encrypted, every row in it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from advisor_planner.cli.common import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    Refused,
    add_db_option,
    db_path,
    error,
)
from advisor_planner.cli.opening import is_encrypted, locked
from advisor_planner.cli.passphrases import new_passphrase, show_recovery_key

if TYPE_CHECKING:
    import argparse

    from advisor_planner.cli.common import Subparsers


def add(subparsers: Subparsers) -> None:
    parser = subparsers.add_parser(
        "encrypt",
        help="encrypt the database and its backups",
        description="Encrypt the database, its WAL and every backup (SQLCipher) with a new "
        "passphrase, and print the recovery key, which opens it if the passphrase is lost; "
        "it is shown this once. The key file <database>.keys must stay beside the database. "
        "Refused while the app has the database open.",
    )
    add_db_option(parser, secrets=False)
    parser.add_argument(
        "--passphrase-file",
        metavar="FILE",
        type=Path,
        help="the new passphrase, on FILE's first line (else asked twice on a terminal)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    path = db_path(args)
    if not path.is_file():
        error(f"no database at {path}")
        return EXIT_USAGE
    with locked(path, "encrypt"):
        if is_encrypted(path):
            raise Refused(f"{path} is already encrypted", EXIT_FAILED)
        # Asked before the file is examined: a read-only connection to a database in WAL
        # mode leaves its -wal and -shm beside it, and a refused passphrase writes nothing.
        passphrase = new_passphrase(args.passphrase_file, "--passphrase-file")
        _refuse_unless_healthy(path)
        recovery = _encrypt(path, passphrase)
    print(f"Encrypted {path} and its backups.")
    show_recovery_key(path, recovery)
    return EXIT_OK


def _refuse_unless_healthy(path: Path) -> None:
    """``Refused`` for a database the start-up check would not open for writing (damaged,
    too new, not a database, read-only, a full disk): it is not converted."""
    from advisor_planner.services.session import Verdict, examine

    found = examine(path)
    if found.verdict is Verdict.NEW:
        raise Refused(f"{path} is empty; there is nothing to encrypt yet", EXIT_FAILED)
    if found.verdict is Verdict.DISK_FULL:  # (its sentence is the app's "opened read-only")
        from advisor_planner.services.errors import disk_full_sentence

        raise Refused(f"not encrypted: {disk_full_sentence(path)}", EXIT_FAILED)
    if found.verdict is not Verdict.HEALTHY:
        raise Refused(f"not encrypted: {found.sentence}", EXIT_FAILED)


def _encrypt(path: Path, passphrase: str) -> str:
    from advisor_planner.services import encryption

    try:
        return encryption.encrypt(path, passphrase)
    except encryption.EncryptionError as exc:
        raise Refused(str(exc), EXIT_FAILED) from None
