"""``advisor-planner import``: contacts (.vcf), meetings (.ics), a CSV or a JSON archive, chosen
by the extension, planned in full and written in one transaction (a malformed file changes
nothing and exits 3). The module is ``import_`` because ``import`` is a keyword."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from advisor_planner.cli.common import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_REFUSED,
    EXIT_USAGE,
    add_db_option,
    day_argument,
    db_path,
    error,
    print_counts,
)
from advisor_planner.cli.opening import database

if TYPE_CHECKING:
    import argparse
    from datetime import date

    from advisor_planner.cli.common import Subparsers
    from advisor_planner.services.imports import ImportPlan


def add(subparsers: Subparsers) -> None:
    parser = subparsers.add_parser(
        "import",
        help="import contacts (.vcf), meetings (.ics), a CSV or an archive (.json)",
        description="Import a file, chosen by its extension: .vcf contacts become stakeholders "
        "(matched by email, then name, and updated, never duplicated); .ics meetings with "
        "known attendees become touchpoints; a .csv of stakeholders or touchpoints; a .json "
        "archive. The whole file is checked first and written in one transaction: a "
        "malformed file changes nothing and exits 3. The database is created if missing.",
    )
    add_db_option(parser)
    parser.add_argument(
        "file", metavar="FILE", type=Path, help="the .vcf, .ics, .csv or .json file to import"
    )
    parser.add_argument("--dry-run", action="store_true", help="show what would happen only")
    parser.add_argument(
        "--add-unknown",
        action="store_true",
        help="calendar or CSV of touchpoints: add the people they name who are not yet "
        "stakeholders",
    )
    parser.add_argument(
        "--merge", action="store_true", help="archive: merge into a database with data"
    )
    parser.add_argument(
        "--until", metavar="YYYY-MM-DD", help="calendar: expand repeats up to this day"
    )
    parser.add_argument(
        "--dates",
        choices=("dmy", "mdy"),
        help="CSV: read slash dates such as 03/04/2026 day first (dmy) or month first (mdy); "
        "needed only when none of the file's dates tells (a 28/04 can only be day first)",
    )
    parser.set_defaults(handler=run)


def _print_plan(plan: ImportPlan, *, limit: int = 50) -> None:
    for warning in plan.warnings:
        print(f"Note: {warning}")
    for action, title in (("add", "Add"), ("merge", "Merge"), ("skip", "Skip")):
        changes = plan.of(action)
        if not changes:
            continue
        print(f"{title} ({len(changes)}):")
        for change in changes[:limit]:
            why = f": {change.reason}" if change.reason else ""
            print(f"  {change.kind} {change.label} [{change.source}]{why}")
        if len(changes) > limit:
            print(f"  … and {len(changes) - limit} more")


def run(args: argparse.Namespace) -> int:
    try:
        until = day_argument(args.until, "--until")
    except SystemExit as exc:
        print(exc, file=sys.stderr)
        return EXIT_USAGE
    source = Path(args.file).expanduser()
    if not source.is_file():
        error(f"no file at {source}")
        return EXIT_USAGE
    path = db_path(args)
    if source.resolve() in {Path(f"{path}{s}").resolve() for s in ("", "-wal", "-shm")}:
        error(f"{source} is the database itself; import files into it, not it")
        return EXIT_USAGE
    if args.dates and source.suffix.lower() != ".csv":
        error(f"--dates is for a CSV file, not {source.name}")
        return EXIT_USAGE
    undecided = _dates_undecided(source) if source.suffix.lower() == ".csv" else None
    if undecided and not args.dates:
        error(
            f"nothing imported: {source.name} writes its dates with slashes (such as "
            f"{undecided}) and none of them tells whether the day or the month "
            "comes first; run again with --dates dmy (day first, 31/03/2026) or --dates mdy "
            "(month first, 03/31/2026)"
        )
        return EXIT_USAGE
    with database(args, writing="import"):
        return _import_into(path, source, args, until)


def _dates_undecided(source: Path) -> str | None:
    """The first slash date of a CSV of touchpoints when none of its dates tells their order
    (as the import dialog reads them, before it asks); None when they tell or there are none.
    A file that cannot be read is left for the import itself to refuse, with its reason."""
    from advisor_planner.interchange import csv_import, csv_mapping, csv_table
    from advisor_planner.services.errors import FileRefused

    try:
        table = csv_table.read_table(source)
    except FileRefused:
        return None
    kind = csv_mapping.guess_kind(table.headers)
    if kind != "touchpoints":
        return None
    cells = csv_mapping.date_cells(table, csv_mapping.suggest_mapping(table.headers, kind))
    if not csv_import.has_slash_dates(cells) or csv_import.slash_date_order(cells):
        return None
    return next(c.strip() for c in cells if csv_import.has_slash_dates([c]))


def _import_into(path: Path, source: Path, args: argparse.Namespace, until: date | None) -> int:
    from advisor_planner.services import imports
    from advisor_planner.services.errors import FileRefused

    try:
        if source.suffix.lower() == ".json":
            return _import_archive(source, merge=args.merge, dry_run=args.dry_run)
        from advisor_planner.interchange import plan_import
        from advisor_planner.interchange.csv_import import plan_csv

        if args.dates:  # (a CSV: run() refuses --dates for any other file)
            plan = plan_csv(source, date_order=args.dates, add_unknown=args.add_unknown)
        else:
            plan = plan_import(source, add_unknown=args.add_unknown, until=until)
        _print_plan(plan)
        if args.dry_run:
            print(f"Dry run, nothing written: {plan.summary()}.")
            return EXIT_OK
        result = imports.apply(plan)
    except FileRefused as exc:
        error(f"nothing imported: {exc}")
        return EXIT_REFUSED
    except imports.ImportFailed as exc:
        error(f"nothing imported: {exc}")
        return EXIT_FAILED
    print(f"Imported into {path}: {result.added} added, {result.merged} merged, "
          f"{result.skipped} skipped.")  # fmt: skip
    return EXIT_OK


def _import_archive(source: Path, *, merge: bool, dry_run: bool) -> int:
    from advisor_planner.services import archive, archive_read

    if dry_run:
        contents = archive_read.read(source)
        print(f"Dry run, nothing written. {source.name} holds:")
        print_counts({name: contents.count(name) for name in contents.tables})
        if not archive.is_empty() and not merge:
            print("This database already holds data: importing needs --merge.")
        return EXIT_OK
    result = archive.load(source, merge=merge)
    print(f"Imported {source.name}: {result.total_added} rows added, {result.merged} people "
          f"already there, {result.same} rows already there.")  # fmt: skip
    print_counts({name: count for name, count in result.added.items() if count})
    for reason in result.skipped[:50]:
        print(f"  skipped {reason}")
    if len(result.skipped) > 50:
        print(f"  … and {len(result.skipped) - 50} more skipped")
    return EXIT_OK
