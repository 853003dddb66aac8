"""``advisor-planner decrypt``: store an encrypted database and its backups plain again, once
its passphrase or recovery key is given (a file, or the terminal; not the keychain: taking
the protection off wants the secret itself). The instance lock is held while the files
change, so it refuses while the app has the database open; the conversion is crash safe."""

from __future__ import annotations

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
from advisor_planner.cli.opening import locked, unlock

if TYPE_CHECKING:
    import argparse

    from advisor_planner.cli.common import Subparsers


def add(subparsers: Subparsers) -> None:
    parser = subparsers.add_parser(
        "decrypt",
        help="remove the encryption of the database and its backups",
        description="Store the database and every backup plain again (readable by anyone "
        "who can read the files) and remove its key file. Needs the passphrase or the "
        "recovery key (a file, else asked on a terminal). Refused while the app has the "
        "database open.",
    )
    add_db_option(
        parser,
        passphrase_help="the passphrase, on FILE's first line (else asked on a terminal)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from advisor_planner.services import encryption

    path = db_path(args)
    if not path.is_file():
        error(f"no database at {path}")
        return EXIT_USAGE
    with locked(path, "decrypt"):
        if not unlock(args, path, keychain=False):
            raise Refused(f"{path} is not encrypted", EXIT_FAILED)
        try:
            encryption.decrypt(path)
        except encryption.EncryptionError as exc:
            raise Refused(str(exc), EXIT_FAILED) from None
    print(f"Decrypted {path} and its backups: they are plain SQLite files again.")
    print(
        "Copies made elsewhere (backup --to) stay encrypted: each opens with the key file "
        "beside it and the passphrase or recovery key of the day it was made."
    )
    return EXIT_OK
