"""``advisor-planner check``: the app's start-up examination of a database, printed, with the
row count of every table; exits 0 when healthy, 1 when damaged, 2 when the file is missing.
An encrypted database is unlocked first (``opening.unlock``) and checked through its key."""

from __future__ import annotations

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
        "check",
        help="check the database for damage",
        description="Run SQLite's integrity_check and foreign_key_check on the database and "
        "print a summary. Exits 0 when healthy, 1 when not, 2 when the file is missing. An "
        "encrypted database is unlocked first.",
    )
    add_db_option(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from advisor_planner.services.session import Verdict, examine, table_counts

    path = db_path(args)
    if not path.is_file():
        error(f"no database at {path}")
        return EXIT_USAGE
    encrypted = unlock(args, path)
    # The same examination as the app's start-up, so the two agree on every file.
    found = examine(path)
    print(f"Database: {path}")
    if encrypted:
        print("Encrypted: yes")
    if found.verdict is Verdict.DAMAGED:
        print("Status: DAMAGED")
        print(f"  {found.sentence}")
        for message in found.messages[:20]:
            if message != "ok":
                print(f"  {message}")
        print(
            "Do not write to this file; restore a backup (advisor-planner restore --latest, "
            "or the app, which opens it read-only and offers one)."
        )
        return EXIT_FAILED
    if found.verdict is Verdict.NEW:
        print("Status: empty (a new database; nothing in it yet)")
        return EXIT_OK
    print("Integrity: ok")
    print("Foreign keys: ok")
    counts = table_counts(path)
    if counts:
        width = max(len(name) for name, _ in counts)
        print("Rows:")
        for name, count in counts:
            print(f"  {name:<{width}}  {count:>9,}")
    if found.verdict in (Verdict.READ_ONLY, Verdict.DISK_FULL):
        print(f"Note: {found.sentence}")
    print("Status: healthy")
    return EXIT_OK
