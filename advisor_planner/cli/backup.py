"""``advisor-planner backup``: a copy of the database through SQLite's backup API, read through a
read-only connection (safe beside the running app) and counted only once it passes the check.
An encrypted database's copy is encrypted with its key (``store.backup``): one made elsewhere
(``--to``) gets a copy of the key file beside it, so it opens on its own, which the command
says."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from advisor_planner.cli.common import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    add_db_option,
    db_path,
    error,
)
from advisor_planner.cli.opening import unlock

if TYPE_CHECKING:
    import argparse

    from advisor_planner.cli.common import Subparsers


def add(subparsers: Subparsers) -> None:
    parser = subparsers.add_parser(
        "backup",
        help="copy the database to a backup file",
        description="Copy the database with SQLite's backup API (safe while the app is open). "
        "Without --to, the copy goes to a timestamped file in the database's backup folder. "
        "Prints the path of the copy. The copy of an encrypted database is encrypted with "
        "the same key.",
    )
    add_db_option(parser)
    parser.add_argument("--to", metavar="FILE", type=Path, help="where to write the copy")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from advisor_planner.services import encryption, session
    from advisor_planner.services.errors import storage_problem

    path = db_path(args)
    if not path.is_file():
        error(f"no database at {path}")
        return EXIT_USAGE
    encrypted = unlock(args, path)
    # Read through a read-only connection (safe beside the running app); the copy counts
    # only once it passes the full check.
    destination = args.to.expanduser() if args.to is not None else None
    try:
        made = session.back_up(path, destination)
    except session.BadBackupError as exc:
        error(f"backup failed: {exc}")
        return EXIT_FAILED
    except session.FILE_ERRORS as exc:
        error(f"backup failed: {storage_problem(exc, destination or path).sentence}")
        return EXIT_FAILED
    print(made)
    if encrypted and destination is not None:
        print(
            f"Note: the copy is encrypted with the database's key; its key file is beside it "
            f"({encryption.key_file(made)}): keep the two together. The copy opens with "
            f"today's passphrase or the recovery key, even after the passphrase changes."
        )
    return EXIT_OK
