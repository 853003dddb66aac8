"""What every command shares: the exit codes, one-line errors, the ``--db`` option, and
turning a failure into one line and a status. Opening a database for a command is
``cli.opening``'s.

Imports are lazy: this module is loaded on the app's start-up path, which must not pay for
the services, the store or argparse before the window is up.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from advisor_planner import APP_ID

EXIT_OK = 0
EXIT_FAILED = 1  # the check found damage, the backup failed, the app refused to start
EXIT_USAGE = 2  # a missing file, no display: nothing was attempted
EXIT_REFUSED = 3  # an import refused its file (malformed, or data already there): unchanged

if TYPE_CHECKING:  # argparse itself is imported only when a parser is built (start-up time)
    import argparse
    from collections.abc import Callable
    from datetime import date
    from types import SimpleNamespace

    Subparsers = argparse._SubParsersAction[argparse.ArgumentParser]  # add_subparsers' result
    #: What a handler is given: the parser's namespace, or a plain launch's, read without
    #: argparse (``main._plain_launch``).
    Arguments = argparse.Namespace | SimpleNamespace
    Handler = Callable[[Arguments], int]


def db_path(args: Arguments) -> Path:
    """The database ``--db`` names, else ``$ADVISOR_PLANNER_DB``, else the data folder's."""
    from advisor_planner.paths import default_db_path

    db = getattr(args, "db", None)
    return Path(db).expanduser() if db else default_db_path()


#: What ``--passphrase-file`` does for a command that opens a database.
UNLOCK_HELP = (
    "an encrypted database: unlock it with the passphrase on FILE's first line (else the "
    "keychain, else it is asked for on a terminal)"
)


def add_db_option(
    parser: argparse.ArgumentParser,
    *,
    top_level: bool = False,
    required: bool = False,
    help_text: str = "the database file (default: $ADVISOR_PLANNER_DB, else one in your "
    "data folder)",
    secrets: bool = True,
    passphrase_help: str = UNLOCK_HELP,
) -> None:
    """``--db PATH`` on ``parser``, and for a command (not the top level, whose app asks in
    its own dialog) ``--passphrase-file FILE`` and ``--recovery-key-file FILE``, which
    ``opening.unlock`` reads. Every command that opens a database adds them here;
    ``secrets=False`` for ``encrypt``, whose passphrase is a new one."""
    import argparse

    parser.add_argument(
        "--db",
        metavar="PATH",
        required=required,
        # SUPPRESS keeps a subcommand's missing --db from overwriting one given before it.
        default=None if top_level else argparse.SUPPRESS,
        help=help_text,
    )
    if top_level or not secrets:
        return
    parser.add_argument("--passphrase-file", metavar="FILE", type=Path, help=passphrase_help)
    parser.add_argument(
        "--recovery-key-file",
        metavar="FILE",
        type=Path,
        help="an encrypted database: unlock it with the recovery key on FILE's first line",
    )


def error(message: str, command: str | None = None) -> None:
    """One line on stderr: ``advisor-planner[ COMMAND]: message``."""
    where = f"{APP_ID} {command}" if command else APP_ID
    print(f"{where}: {message}", file=sys.stderr)


class Refused(Exception):
    """A command cannot go on: ``message`` is its one line, ``code`` its exit status."""

    def __init__(self, message: str, code: int = EXIT_FAILED) -> None:
        super().__init__(message)
        self.code = code


def run(args: Arguments) -> int:
    """Run the command ``args`` names; a failure becomes one line on stderr and a status
    (``--debug`` shows the traceback instead)."""
    command = getattr(args, "command", None)
    handler: Handler = args.handler
    try:
        return handler(args)
    except Refused as exc:
        error(str(exc), command)
        return exc.code
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - one line for a person; --debug shows the rest
        if getattr(args, "debug", False):
            raise
        error(one_line(exc, args), command)
        return EXIT_FAILED


def write_failed(command: str, out: Path, exc: OSError) -> int:
    """Say in one line why ``out`` was not written (any old file there is as it was)."""
    from advisor_planner.services.errors import ProblemKind, storage_problem

    problem = storage_problem(exc, out)
    if problem.kind is ProblemKind.DISK_FULL:
        error(f"{problem.sentence.split(';')[0]}; nothing was written", command)
        return EXIT_FAILED
    error(f"cannot write {out}: {exc.strerror or exc}; nothing was written", command)
    return EXIT_USAGE


def say_plain(out: Path, path: Path) -> None:
    """One line when ``out``, written from the encrypted database at ``path``, is plain (a
    PDF, an archive, a CSV: plain by nature)."""
    from advisor_planner.services import encryption

    if encryption.is_unlocked(path):
        print(
            f"Note: {out} is not encrypted, unlike the database; keep it somewhere private, "
            "or delete it when done."
        )


def one_line(exc: BaseException, args: Arguments) -> str:
    """What went wrong, as one sentence (the first error, not what failed after it)."""
    from advisor_planner.services.errors import ProblemKind, storage_problem

    problem = storage_problem(exc, db_path(args))
    if problem.kind is ProblemKind.OTHER:
        text = " ".join(str(exc).split()) or type(exc).__name__
        return f"{text} (run again with --debug for the details)"
    if getattr(args, "writes_to", None) and problem.kind is ProblemKind.DISK_FULL:
        return f"{problem.sentence.rstrip('.')}; nothing was written"
    return problem.sentence


def day_argument(text: str | None, name: str) -> date | None:
    """The date an option gives, or None; ``SystemExit`` with one line if it is not a date."""
    from datetime import date

    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise SystemExit(f"{APP_ID}: {name} must be a date like 2026-03-31, not {text!r}") from None


def print_counts(counts: object) -> None:
    """Row counts (a dict, or a dataclass of them) as an aligned table, one per line."""
    import dataclasses

    if dataclasses.is_dataclass(counts) and not isinstance(counts, type):
        counts = dataclasses.asdict(counts)
    if isinstance(counts, dict):
        width = max((len(str(name)) for name in counts), default=0)
        for name, value in counts.items():
            shown = f"{value:>9,}" if isinstance(value, int) else str(value)
            print(f"  {name!s:<{width}}  {shown}")
    elif counts is not None:
        print(f"  {counts}")
