"""``advisor-planner change-passphrase``: rewrap an encrypted database's key under a new
passphrase, once the current passphrase or the recovery key is given (a file, or the
terminal; not the keychain). The database itself is not rewritten and the recovery key stays
the same; the key file is replaced whole, under the instance lock, so it refuses while the
app has the database open."""

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
from advisor_planner.cli.opening import locked, unlock
from advisor_planner.cli.passphrases import new_passphrase

if TYPE_CHECKING:
    import argparse

    from advisor_planner.cli.common import Subparsers


def add(subparsers: Subparsers) -> None:
    parser = subparsers.add_parser(
        "change-passphrase",
        help="change the passphrase of an encrypted database",
        description="Change the passphrase of an encrypted database. Needs the current "
        "passphrase or the recovery key (a file, else asked on a terminal) and the new "
        "passphrase (--new-passphrase-file, else asked twice). The recovery key stays the "
        "same. Refused while the app has the database open.",
    )
    add_db_option(
        parser,
        passphrase_help="the current passphrase, on FILE's first line (else asked on a terminal)",
    )
    parser.add_argument(
        "--new-passphrase-file",
        metavar="FILE",
        type=Path,
        help="the new passphrase, on FILE's first line (else asked twice on a terminal)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from advisor_planner.services import encryption

    path = db_path(args)
    if not path.is_file():
        error(f"no database at {path}")
        return EXIT_USAGE
    with locked(path, "change-passphrase"):
        if not unlock(args, path, keychain=False):
            raise Refused(f"{path} is not encrypted; encrypt it to give it a passphrase")
        passphrase = new_passphrase(args.new_passphrase_file, "--new-passphrase-file")
        try:
            encryption.change_passphrase(path, passphrase)
        except encryption.EncryptionError as exc:
            raise Refused(str(exc), EXIT_FAILED) from None
    print(f"Changed the passphrase of {path}; the recovery key is unchanged.")
    return EXIT_OK
