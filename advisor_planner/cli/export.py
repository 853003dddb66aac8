"""``advisor-planner export``: every record and link to a JSON archive that ``import`` restores
exactly, or one list to a CSV, read through a read-only connection. Both are plain by
nature: from an encrypted database, a last line says the file is not encrypted."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from advisor_planner.cli.common import (
    EXIT_OK,
    EXIT_USAGE,
    add_db_option,
    db_path,
    error,
    print_counts,
    say_plain,
    write_failed,
)
from advisor_planner.cli.opening import database

if TYPE_CHECKING:
    import argparse

    from advisor_planner.cli.common import Subparsers

#: The lists a CSV export can hold (--what), stakeholders by default.
EXPORT_LISTS = ("stakeholders", "touchpoints", "commitments", "reflections", "goals", "initiatives")


def add(subparsers: Subparsers) -> None:
    parser = subparsers.add_parser(
        "export",
        help="export everything (.json) or one list (.csv)",
        description="Write every record and link to a JSON archive (FILE.json), which "
        "'import' restores exactly, or one list to a CSV (FILE.csv; stakeholders unless "
        "--what says otherwise). Cells a spreadsheet would run as formulas are made text. The "
        "file is not encrypted, even when the database is.",
    )
    add_db_option(parser)
    parser.add_argument(
        "--out",
        metavar="FILE.json|FILE.csv",
        required=True,
        type=Path,
        help="the file to write: .json for everything, .csv for one list",
    )
    parser.add_argument("--what", choices=EXPORT_LISTS, default=None, help="the list, for CSV")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    out = Path(args.out).expanduser()
    suffix = out.suffix.lower()
    if suffix not in (".json", ".csv"):
        error(f"cannot export to {out.name}: name a .json or a .csv file")
        return EXIT_USAGE
    if args.what and suffix == ".json":
        error("--what is for CSV; a .json archive holds everything")
        return EXIT_USAGE
    if not out.parent.is_dir() or out.is_dir():
        error(f"cannot write {out}: no such folder")
        return EXIT_USAGE
    path = db_path(args)
    if not path.is_file():
        error(f"no database at {path}")
        return EXIT_USAGE
    with database(args):
        code = _export_to(out, suffix, args)
    if code == EXIT_OK:
        say_plain(out, path)
    return code


def _export_to(out: Path, suffix: str, args: argparse.Namespace) -> int:
    what = args.what or "stakeholders"
    try:
        if suffix == ".json":
            from advisor_planner.services import archive

            counts = archive.export(out)
        else:
            from advisor_planner.interchange.csv_export import export_csv

            rows = export_csv(out, what)
    except OSError as exc:
        return write_failed("export", out, exc)
    # (Printed once the file is in place: a closed stdout is not a failed write.)
    if suffix == ".json":
        print(f"{out} ({sum(counts.values()):,} rows)")
        print_counts({name: count for name, count in counts.items() if count})
    else:
        print(f"{out} ({rows:,} {what})")
    return EXIT_OK
