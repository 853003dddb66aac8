"""``advisor-planner backup``: a copy of the database through SQLite's backup API, read through a
read-only connection (safe beside the running app) and counted only once it passes the check."""

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

if TYPE_CHECKING:
    import argparse

    from advisor_planner.cli.common import Subparsers


def add(subparsers: Subparsers) -> None:
    parser = subparsers.add_parser(
        "backup",
        help="copy the database to a backup file",
        description="Copy the database with SQLite's backup API (safe while the app is open). "
        "Without --to, the copy goes to a timestamped file in the database's backup folder. "
        "Prints the path of the copy.",
    )
    add_db_option(parser)
    parser.add_argument("--to", metavar="FILE", type=Path, help="where to write the copy")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    import sqlite3

    from advisor_planner.services import session
    from advisor_planner.services.errors import storage_problem

    path = db_path(args)
    if not path.is_file():
        error(f"no database at {path}")
        return EXIT_USAGE
    # Read through a read-only connection (safe beside the running app); the copy counts
    # only once it passes the full check.
    destination = args.to.expanduser() if args.to is not None else None
    try:
        made = session.back_up(path, destination)
    except session.BadBackupError as exc:
        error(f"backup failed: {exc}")
        return EXIT_FAILED
    except (sqlite3.Error, OSError) as exc:
        error(f"backup failed: {storage_problem(exc, destination or path).sentence}")
        return EXIT_FAILED
    print(made)
    return EXIT_OK
