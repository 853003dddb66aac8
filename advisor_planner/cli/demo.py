"""``advisor-planner demo``: write a deterministic sample dataset into a database (created if
missing), with progress on a terminal. With ``--passphrase-file`` a new or plain database is
encrypted once the data is in (written plain, then encrypted, all under the instance lock,
so no other process sees the plain file) and the recovery key is printed; an encrypted one
is unlocked with it, as every command does."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from advisor_planner import APP_ID
from advisor_planner.cli.common import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    Refused,
    add_db_option,
    db_path,
    error,
    print_counts,
)
from advisor_planner.cli.opening import database, is_encrypted, locked, unlock
from advisor_planner.cli.passphrases import read_secret, show_recovery_key

# As demo.SIZES; spelled here so that ``--help`` does not import the generator and the store.
SIZES = ("small", "large", "huge")

if TYPE_CHECKING:
    import argparse
    from pathlib import Path

    from advisor_planner.cli.common import Subparsers


def add(subparsers: Subparsers) -> None:
    parser = subparsers.add_parser(
        "demo",
        help="write a realistic sample dataset",
        description="Write a deterministic sample dataset into the database (created if "
        "missing): 'small' is a year of one leader's practice, 'large' ten years at scale, "
        "'huge' three times 'large' (for benchmarks). "
        "With --passphrase-file, the database is encrypted once the data is in, and its "
        "recovery key printed.",
    )
    add_db_option(
        parser,
        required=True,
        help_text="the database to fill",
        passphrase_help="encrypt the demo database with the passphrase on FILE's first line "
        "(or unlock it, if it is encrypted already)",
    )
    parser.add_argument(
        "--size",
        choices=SIZES,
        required=True,
        help="small: a year of one leader's practice; large: ten years at scale; huge: "
        "large three times over (for the benchmarks)",
    )
    parser.add_argument(
        "--seed", type=int, default=0, help="random seed; the same seed gives the same data"
    )
    parser.set_defaults(handler=run)


def _progress(stage: str, done: int, total: int) -> None:
    print(f"  [{done}/{total}] {stage}", file=sys.stderr, flush=True)


def run(args: argparse.Namespace) -> int:
    path = db_path(args)
    with locked(path, "demo"):
        passphrase = None
        if args.passphrase_file is not None and not is_encrypted(path):
            if args.recovery_key_file is not None:
                raise Refused("give --passphrase-file or --recovery-key-file, not both", EXIT_USAGE)
            passphrase = read_secret(args.passphrase_file, "--passphrase-file")
        else:
            unlock(args, path)
        code = _fill(args, path)
        if code != EXIT_OK or passphrase is None:
            return code
        recovery = _encrypt(path, passphrase)
    print(f"Encrypted {path}.")
    show_recovery_key(path, recovery)
    return EXIT_OK


def _fill(args: argparse.Namespace, path: Path) -> int:
    """Write the sample data (the lock held) and say what was written."""
    from advisor_planner import demo
    from advisor_planner.services import ValidationError

    with database(args, writing="demo", lock_held=True, unlocking=False):
        try:
            progress = _progress if sys.stderr.isatty() else None
            counts = demo.generate(size=args.size, seed=args.seed, progress=progress)
        except ValidationError as exc:  # e.g. the database already holds real data
            error(f"demo data not written: {exc}{_instead(args, exc)}")
            return EXIT_FAILED
    print(f"Wrote {args.size} sample data to {path}:")
    print_counts(counts)
    return EXIT_OK


def _instead(args: argparse.Namespace, exc: Exception) -> str:
    """What to do when the database has data already: sample data goes into a new file."""
    if getattr(exc, "field", None) != "database":
        return ""
    return (
        f". To look around with sample data, write it to a new file and open that: "
        f"{APP_ID} demo --db demo.sqlite --size {args.size}, then {APP_ID} --db demo.sqlite"
    )


def _encrypt(path: Path, passphrase: str) -> str:
    from advisor_planner.services import encryption

    try:
        return encryption.encrypt(path, passphrase)
    except encryption.EncryptionError as exc:
        raise Refused(f"the demo data is written, not encrypted: {exc}") from None
