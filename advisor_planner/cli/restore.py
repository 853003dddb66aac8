"""``advisor-planner restore``: put a backup that passes the full check in the database's place,
the newest good one or the one named, keeping the current file beside it; refused while
another process holds the database. Every refusal is said without the command's name.

An encrypted database is unlocked first (its backups share its key); a backup named with
``--from`` is read with its key, and a plain one is refused, so a restore never stores an
encrypted database plain."""

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

if TYPE_CHECKING:
    import argparse

    from advisor_planner.cli.common import Subparsers


def add(subparsers: Subparsers) -> None:
    parser = subparsers.add_parser(
        "restore",
        help="replace the database with a backup",
        description="Replace the database with a backup that passes the full check: the "
        "newest good one (--latest) or the one named (--from). The current file is kept "
        "beside it, renamed (never over an earlier one). Refused while the app has the "
        "database open. An encrypted database is unlocked first, and only an encrypted "
        "backup goes in its place; when the database is gone or damaged, its passphrase is checked "
        "against the backups.",
    )
    add_db_option(parser)
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--latest", action="store_true", help="the newest backup that is good")
    which.add_argument("--from", dest="source", metavar="BACKUP", type=Path, help="this backup")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    path = db_path(args)
    try:
        with locked(path, "restore"):
            return _restore_held(path, args)
    except Refused as exc:  # the lock's refusal, said as restore says its others
        error(str(exc))
        return exc.code


def _restore_held(path: Path, args: argparse.Namespace) -> int:
    """``restore`` once the instance lock is held."""
    from advisor_planner.services import encryption, session
    from advisor_planner.services.errors import storage_problem

    encrypted = unlock(args, path, lost=True)
    if args.latest:
        source = session.newest_good_backup(path)
        if source is None:
            error(f"no backup of {path} passes the check in {session.backup_folder(path)}")
            return EXIT_FAILED
    else:
        source = args.source.expanduser()
        if not source.is_file():
            error(f"no backup at {source}")
            return EXIT_USAGE
        if not encryption.unlock_copy(path, source) and encrypted:
            error(
                f"not restored: {source} is not encrypted and {path} is; decrypt the "
                "database first to put a plain backup in its place"
            )
            return EXIT_FAILED
    try:
        aside = session.restore_from(source, path)
    except session.BadBackupError as exc:
        error(f"not restored: {exc}")
        return EXIT_FAILED
    except session.FILE_ERRORS as exc:
        error(f"not restored, the database is as it was: {storage_problem(exc, path).sentence}")
        return EXIT_FAILED
    print(f"Restored {path} from {source}.")
    if aside.exists():
        print(f"The file it replaced is kept at {aside}.")
    return EXIT_OK
