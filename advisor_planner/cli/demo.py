"""``advisor-planner demo``: write a deterministic sample dataset into a database (created if
missing), with progress on a terminal."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from advisor_planner.cli.common import (
    EXIT_FAILED,
    EXIT_OK,
    add_db_option,
    error,
    print_counts,
)
from advisor_planner.cli.opening import database

if TYPE_CHECKING:
    import argparse

    from advisor_planner.cli.common import Subparsers


def add(subparsers: Subparsers) -> None:
    parser = subparsers.add_parser(
        "demo",
        help="write a realistic sample dataset",
        description="Write a deterministic sample dataset into the database (created if "
        "missing): 'small' is a year of one leader's practice, 'large' ten years at scale.",
    )
    add_db_option(parser, required=True, help_text="the database to fill")
    parser.add_argument("--size", choices=("small", "large"), required=True)
    parser.add_argument(
        "--seed", type=int, default=0, help="random seed; the same seed gives the same data"
    )
    parser.set_defaults(handler=run)


def _progress(stage: str, done: int, total: int) -> None:
    print(f"  [{done}/{total}] {stage}", file=sys.stderr, flush=True)


def run(args: argparse.Namespace) -> int:
    from advisor_planner import demo
    from advisor_planner.services import ValidationError

    with database(args, writing="demo") as path:
        try:
            progress = _progress if sys.stderr.isatty() else None
            counts = demo.generate(size=args.size, seed=args.seed, progress=progress)
        except ValidationError as exc:  # e.g. the database already holds real data
            error(f"demo data not written: {exc}")
            return EXIT_FAILED
    print(f"Wrote {args.size} sample data to {path}:")
    print_counts(counts)
    return EXIT_OK
