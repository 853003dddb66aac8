"""``advisor-planner report``: a PDF of trust-building progress for a period, drawn offscreen
(no display needed) from a read-only connection; prints the path and the page count. A PDF
is plain by nature: from an encrypted database, a last line says the PDF is not encrypted."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from advisor_planner import APP_ID
from advisor_planner.cli.common import (
    EXIT_OK,
    EXIT_USAGE,
    add_db_option,
    day_argument,
    db_path,
    error,
    say_plain,
    write_failed,
)
from advisor_planner.cli.opening import database

if TYPE_CHECKING:
    import argparse

    from advisor_planner.cli.common import Subparsers


def add(subparsers: Subparsers) -> None:
    parser = subparsers.add_parser(
        "report",
        help="write a progress report (PDF)",
        description="Write a PDF of trust-building progress for a period (the last 12 months "
        "by default). Private notes are left out unless --include-private is given. Prints the "
        "path and the page count; exits 2 for a bad date or a path that cannot be written. The "
        "PDF is not encrypted, even when the database is.",
    )
    add_db_option(parser)
    parser.add_argument(
        "--out", metavar="FILE.pdf", required=True, type=Path, help="the PDF to write"
    )
    parser.add_argument(
        "--from", dest="start", metavar="YYYY-MM-DD", help="first day (default: a year before --to)"
    )
    parser.add_argument("--to", dest="end", metavar="YYYY-MM-DD", help="last day (default: today)")
    parser.add_argument("--include-private", action="store_true", help="include private notes")
    parser.add_argument(
        "--audience",
        choices=("me", "mentor"),
        default="me",
        help="me (default), or mentor: leaves out your self-ratings",
    )
    parser.add_argument(
        "--paper",
        choices=("a4", "letter"),
        default=None,
        help="paper size (default: letter where your locale's region uses it: the US, Canada, "
        "Mexico and a few more; A4 elsewhere)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from datetime import timedelta

    try:
        start = day_argument(args.start, "--from")
        end = day_argument(args.end, "--to")
    except SystemExit as exc:
        print(exc, file=sys.stderr)
        return EXIT_USAGE
    out = Path(args.out).expanduser()
    if not out.parent.is_dir() or (out.exists() and out.is_dir()):
        error(f"cannot write {out}: no such folder")
        return EXIT_USAGE
    path = db_path(args)
    if not path.is_file():
        error(f"no database at {path}")
        return EXIT_USAGE
    if not any(os.environ.get(k) for k in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # no display needed to draw a PDF
    from advisor_planner.services import clock
    from advisor_planner.services.errors import ValidationError

    end = end or clock.today()
    start = start or end - timedelta(days=364)
    from advisor_planner.cli import qt_libs

    missing = qt_libs.check()
    if missing:
        error(missing)
        return EXIT_USAGE
    try:
        from PySide6.QtWidgets import QApplication
    except ImportError as exc:
        error(f"Qt could not be loaded ({exc}); see README.md for the packages Qt needs")
        return EXIT_USAGE
    from advisor_planner.reports import export
    from advisor_planner.reports.data import ReportOptions, default_paper

    app = QApplication.instance() or QApplication([APP_ID])  # noqa: F841 - fonts need it
    try:
        options = ReportOptions(
            start=start,
            end=end,
            include_private=args.include_private,
            audience=args.audience,
            paper=args.paper or default_paper(),
        )
    except ValidationError as exc:
        error(str(exc))
        return EXIT_USAGE
    with database(args):
        try:
            pages = export(options, out)
        except OSError as exc:
            return write_failed("report", out, exc)
    print(f"{out} ({pages} pages)")
    say_plain(out, path)
    return EXIT_OK
