"""The one entry point: ``advisor-planner`` opens the app; subcommands serve scripts and tests.

::

    advisor-planner [--db PATH]                      open the app
    advisor-planner check  [--db PATH]               integrity and foreign-key check
    advisor-planner backup [--db PATH] [--to FILE]   copy the database with SQLite's backup API
    advisor-planner restore [--db PATH] (--latest | --from BACKUP)   put a backup in its place
    advisor-planner demo --db PATH --size small|large [--seed N]   write sample data
    advisor-planner report [--db PATH] --out FILE.pdf [--from D] [--to D]
                    [--include-private] [--audience me|mentor] [--paper a4|letter]
    advisor-planner import [--db PATH] FILE [--dry-run] [--add-unknown] [--merge]
                    [--until YYYY-MM-DD]       contacts, meetings, a CSV or an archive
    advisor-planner export [--db PATH] --out FILE.json|FILE.csv [--what LIST]

The database is ``--db``, else ``$ADVISOR_PLANNER_DB``, else a file in the user's data folder
(``advisor_planner.paths``). Imports are lazy: the subcommands never load Qt, so they run
without a display, and nothing here loads pyqtgraph or numpy.

Adding a subcommand: write an
``_add_<name>(subparsers)`` that builds its parser and sets ``handler=_<name>``, write the
``_<name>(args) -> int`` handler (import what it needs inside it), and list the adder in
``SUBCOMMANDS``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING

from advisor_planner import APP_ID, __version__

EXIT_OK = 0
EXIT_FAILED = 1  # the check found damage, the backup failed, the app refused to start
EXIT_USAGE = 2  # a missing file, no display: nothing was attempted
EXIT_REFUSED = 3  # an import refused its file (malformed, or data already there): unchanged

if TYPE_CHECKING:  # argparse itself is imported only when a parser is built (start-up time)
    import argparse
    from datetime import date

    from advisor_planner.store.lock import InstanceLock

    _Subparsers = argparse._SubParsersAction  # what ``add_subparsers`` returns

NO_DISPLAY_MESSAGE = (
    "no display found; set QT_QPA_PLATFORM=offscreen or run under a desktop session"
)


def _db_path(args: argparse.Namespace) -> Path:
    from advisor_planner.paths import default_db_path

    db = getattr(args, "db", None)
    return Path(db).expanduser() if db else default_db_path()


def _error(message: str, command: str | None = None) -> None:
    """One line on stderr: ``advisor-planner[ COMMAND]: message``."""
    where = f"{APP_ID} {command}" if command else APP_ID
    print(f"{where}: {message}", file=sys.stderr)


class Refused(Exception):
    """A command cannot go on: ``message`` is its one line, ``code`` its exit status."""

    def __init__(self, message: str, code: int = EXIT_FAILED) -> None:
        super().__init__(message)
        self.code = code


def _lock(path: Path, purpose: str) -> InstanceLock:
    """The instance lock of ``path`` for a command that writes, or ``Refused`` saying who
    holds it (or why it cannot be made: a read-only folder, a full disk)."""
    from advisor_planner.store.lock import DatabaseInUseError, acquire_instance_lock
    from advisor_planner.store.problems import classify

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return acquire_instance_lock(path, purpose=purpose)
    except DatabaseInUseError as exc:
        raise Refused(str(exc)) from None
    except OSError as exc:
        raise Refused(classify(exc, path).sentence) from None


@contextmanager
def writing_to(path: Path, purpose: str, *, backup_before_migrate: bool = True) -> Iterator[None]:
    """Hold ``path`` for a command that writes: its instance lock, then open and migrate.

    While the app (or another writing command) holds the lock this refuses with one line
    naming it, rather than write beside it: the design allows one writer per file. The
    lock is released, and the database closed, when the block ends.
    """
    from advisor_planner.store.backup import sweep_leftovers
    from advisor_planner.store.connection import close_database
    from advisor_planner.store.integrity import DamagedDatabaseError
    from advisor_planner.store.migrations import SchemaTooNewError
    from advisor_planner.store.opening import init_db
    from advisor_planner.store.problems import StorageError

    lock = _lock(path, purpose)
    try:
        try:
            sweep_leftovers(path)
            init_db(path, backup_before_migrate=backup_before_migrate)
        except (DamagedDatabaseError, SchemaTooNewError, StorageError) as exc:
            raise Refused(str(exc)) from None
        try:
            yield
        finally:
            close_database()
    finally:
        lock.release()


@contextmanager
def reading(path: Path) -> Iterator[None]:
    """Open ``path`` for a command that only reads, through a read-only connection.

    A read-only connection never checkpoints or deletes the WAL, so this is safe beside a
    running app, and works on read-only media. A damaged file is refused (as the app and
    ``check`` would call it damaged); a file older than this app is brought up to date first,
    unless another process holds it.
    """
    from advisor_planner.store.connection import close_database, open_database
    from advisor_planner.store.migrations import SCHEMA_VERSION
    from advisor_planner.store.opening import Verdict, examine

    if not path.is_file():
        raise Refused(f"no database at {path}", EXIT_USAGE)
    found = examine(path, known_schema=SCHEMA_VERSION)
    if found.verdict in (Verdict.DAMAGED, Verdict.TOO_NEW):
        raise Refused(found.sentence)
    if found.verdict is Verdict.NEW or found.schema_version < SCHEMA_VERSION:
        with writing_to(path, "update", backup_before_migrate=True):
            pass
    open_database(path, read_only=True)
    try:
        yield
    finally:
        close_database()


# -- opening the app -------------------------------------------------------------------------


def display_missing(environ: os._Environ[str] | dict[str, str] | None = None) -> bool:
    """True on a Unix desktop platform with neither an X11 nor a Wayland display nor a platform
    named in ``QT_QPA_PLATFORM`` (Qt would abort there with a long message)."""
    env = os.environ if environ is None else environ
    if sys.platform in ("win32", "darwin"):
        return False
    return not any(env.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


def _open_app(args: argparse.Namespace) -> int:
    if display_missing():
        print(NO_DISPLAY_MESSAGE, file=sys.stderr)
        return EXIT_USAGE
    try:
        from advisor_planner.ui.app import run_app
    except ImportError as exc:  # e.g. libGL.so.1 missing on a machine without a desktop
        _error(f"Qt could not be loaded ({exc}); see README.md for the packages Qt needs")
        return EXIT_USAGE
    size = getattr(args, "window_size", None)
    return run_app(
        _db_path(args),
        exit_when_shown=args.exit_when_shown,
        exit_when_drawn=getattr(args, "exit_when_drawn", False),
        window_size=_size(size) if size else None,
    )


def _size(text: str) -> tuple[int, int]:
    width, _, height = text.lower().partition("x")
    return int(width), int(height)


# -- check -----------------------------------------------------------------------------------


def _add_check(subparsers: _Subparsers) -> None:
    parser = subparsers.add_parser(
        "check",
        help="check the database for damage",
        description="Run SQLite's integrity_check and foreign_key_check on the database and "
        "print a summary. Exits 0 when healthy, 1 when not, 2 when the file is missing.",
    )
    _add_db_option(parser)
    parser.set_defaults(handler=_check)


def _table_counts(path: Path) -> list[tuple[str, int]]:
    """Row counts of every table, through a read-only connection."""
    from advisor_planner.store.integrity import connect_read_only

    con = connect_read_only(path)
    try:
        names = [
            row[0]
            for row in con.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        quoted = ['"' + name.replace('"', '""') + '"' for name in names]
        return [
            (name, con.execute(f"SELECT count(*) FROM {q}").fetchone()[0])
            for name, q in zip(names, quoted, strict=True)
        ]
    finally:
        con.close()


def _check(args: argparse.Namespace) -> int:
    from advisor_planner.store.opening import Verdict, examine

    path = _db_path(args)
    if not path.is_file():
        _error(f"no database at {path}")
        return EXIT_USAGE
    # The same examination as the app's start-up, so the two agree on every file.
    found = examine(path)
    print(f"Database: {path}")
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
    counts = _table_counts(path)
    if counts:
        width = max(len(name) for name, _ in counts)
        print("Rows:")
        for name, count in counts:
            print(f"  {name:<{width}}  {count:>9,}")
    if found.verdict in (Verdict.READ_ONLY, Verdict.DISK_FULL):
        print(f"Note: {found.sentence}")
    print("Status: healthy")
    return EXIT_OK


# -- backup ----------------------------------------------------------------------------------


def _add_backup(subparsers: _Subparsers) -> None:
    parser = subparsers.add_parser(
        "backup",
        help="copy the database to a backup file",
        description="Copy the database with SQLite's backup API (safe while the app is open). "
        "Without --to, the copy goes to a timestamped file in the database's backup folder. "
        "Prints the path of the copy.",
    )
    _add_db_option(parser)
    parser.add_argument("--to", metavar="FILE", type=Path, help="where to write the copy")
    parser.set_defaults(handler=_backup)


def _backup(args: argparse.Namespace) -> int:
    import sqlite3

    from advisor_planner.store import backup
    from advisor_planner.store.problems import classify

    path = _db_path(args)
    if not path.is_file():
        _error(f"no database at {path}")
        return EXIT_USAGE
    # Read through a read-only connection (safe beside the running app); the copy counts
    # only once it passes the full check.
    destination = args.to.expanduser() if args.to is not None else None
    try:
        if destination is not None:
            made = backup.backup_file(path, destination)
        else:
            made = backup.make_backup(path, label="manual")
    except backup.BadBackupError as exc:
        _error(f"backup failed: {exc}")
        return EXIT_FAILED
    except (sqlite3.Error, OSError) as exc:
        _error(f"backup failed: {classify(exc, destination or path).sentence}")
        return EXIT_FAILED
    print(made)
    return EXIT_OK


# -- restore ---------------------------------------------------------------------------------


def _add_restore(subparsers: _Subparsers) -> None:
    parser = subparsers.add_parser(
        "restore",
        help="replace the database with a backup",
        description="Replace the database with a backup that passes the full check: the "
        "newest good one (--latest) or the one named (--from). The current file is kept "
        "beside it, renamed (never over an earlier one). Refused while the app has the "
        "database open.",
    )
    _add_db_option(parser)
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--latest", action="store_true", help="the newest backup that is good")
    which.add_argument("--from", dest="source", metavar="BACKUP", type=Path, help="this backup")
    parser.set_defaults(handler=_restore)


def _restore(args: argparse.Namespace) -> int:
    path = _db_path(args)
    try:
        lock = _lock(path, "restore")
    except Refused as exc:
        _error(str(exc))  # (as restore's other refusals say theirs)
        return exc.code
    try:
        return _restore_held(path, args)
    finally:
        lock.release()


def _restore_held(path: Path, args: argparse.Namespace) -> int:
    """``restore`` once the instance lock is held."""
    import sqlite3

    from advisor_planner.store import backup
    from advisor_planner.store.problems import classify

    if args.latest:
        source = backup.newest_good_backup(path)
        if source is None:
            _error(f"no backup of {path} passes the check in {backup.backup_dir(path)}")
            return EXIT_FAILED
    else:
        source = args.source.expanduser()
        if not source.is_file():
            _error(f"no backup at {source}")
            return EXIT_USAGE
    try:
        aside = backup.restore_backup(source, path)
    except backup.BadBackupError as exc:
        _error(f"not restored: {exc}")
        return EXIT_FAILED
    except (sqlite3.Error, OSError) as exc:
        _error(f"not restored, the database is as it was: {classify(exc, path).sentence}")
        return EXIT_FAILED
    print(f"Restored {path} from {source}.")
    if aside.exists():
        print(f"The file it replaced is kept at {aside}.")
    return EXIT_OK


# -- demo ------------------------------------------------------------------------------------


def _add_demo(subparsers: _Subparsers) -> None:
    parser = subparsers.add_parser(
        "demo",
        help="write a realistic sample dataset",
        description="Write a deterministic sample dataset into the database (created if "
        "missing): 'small' is a year of one leader's practice, 'large' ten years at scale.",
    )
    parser.add_argument("--db", metavar="PATH", required=True, help="the database to fill")
    parser.add_argument("--size", choices=("small", "large"), required=True)
    parser.add_argument(
        "--seed", type=int, default=0, help="random seed; the same seed gives the same data"
    )
    parser.set_defaults(handler=_demo)


def _demo_progress(stage: str, done: int, total: int) -> None:
    print(f"  [{done}/{total}] {stage}", file=sys.stderr, flush=True)


def _print_counts(counts: object) -> None:
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


def _demo(args: argparse.Namespace) -> int:
    from advisor_planner.services import ValidationError, demo

    path = Path(args.db).expanduser()
    with writing_to(path, "demo"):
        try:
            progress = _demo_progress if sys.stderr.isatty() else None
            counts = demo.generate(size=args.size, seed=args.seed, progress=progress)
        except ValidationError as exc:  # e.g. the database already holds real data
            _error(f"demo data not written: {exc}")
            return EXIT_FAILED
    print(f"Wrote {args.size} sample data to {path}:")
    _print_counts(counts)
    return EXIT_OK


# -- report ----------------------------------------------------------------------------------


def _add_report(subparsers: _Subparsers) -> None:
    parser = subparsers.add_parser(
        "report",
        help="write a progress report (PDF)",
        description="Write a PDF of trust-building progress for a period (the last 12 months "
        "by default). Private notes are left out unless --include-private is given. Prints the "
        "path and the page count; exits 2 for a bad date or a path that cannot be written.",
    )
    _add_db_option(parser)
    parser.add_argument("--out", metavar="FILE.pdf", required=True, type=Path)
    parser.add_argument("--from", dest="start", metavar="YYYY-MM-DD")
    parser.add_argument("--to", dest="end", metavar="YYYY-MM-DD")
    parser.add_argument("--include-private", action="store_true", help="include private notes")
    parser.add_argument("--audience", choices=("me", "mentor"), default="me")
    parser.add_argument("--paper", choices=("a4", "letter"), default=None)
    parser.set_defaults(handler=_report)


def _day_argument(text: str | None, name: str):
    from datetime import date

    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise SystemExit(f"{APP_ID}: {name} must be a date like 2026-03-31, not {text!r}") from None


def _report(args: argparse.Namespace) -> int:
    from datetime import timedelta

    try:
        start = _day_argument(args.start, "--from")
        end = _day_argument(args.end, "--to")
    except SystemExit as exc:
        print(exc, file=sys.stderr)
        return EXIT_USAGE
    out = Path(args.out).expanduser()
    if not out.parent.is_dir() or (out.exists() and out.is_dir()):
        _error(f"cannot write {out}: no such folder")
        return EXIT_USAGE
    path = _db_path(args)
    if not path.is_file():
        _error(f"no database at {path}")
        return EXIT_USAGE
    if not any(os.environ.get(k) for k in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # no display needed to draw a PDF
    from advisor_planner.services import clock
    from advisor_planner.services.errors import ValidationError

    end = end or clock.today()
    start = start or end - timedelta(days=364)
    try:
        from PySide6.QtWidgets import QApplication
    except ImportError as exc:
        _error(f"Qt could not be loaded ({exc}); see README.md for the packages Qt needs")
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
        _error(str(exc))
        return EXIT_USAGE
    with reading(path):
        try:
            pages = export(options, out)
        except OSError as exc:
            return _write_failed("report", out, exc)
    print(f"{out} ({pages} pages)")
    return EXIT_OK


# -- import ----------------------------------------------------------------------------------


def _add_import(subparsers: _Subparsers) -> None:
    parser = subparsers.add_parser(
        "import",
        help="import contacts (.vcf), meetings (.ics), a CSV or an archive (.json)",
        description="Import a file, chosen by its extension: .vcf contacts become stakeholders "
        "(matched by email, then name, and updated, never duplicated); .ics meetings with "
        "known attendees become touchpoints; a .csv of stakeholders or touchpoints; a .json "
        "archive. The whole file is checked first and written in one transaction: a "
        "malformed file changes nothing and exits 3. The database is created if missing.",
    )
    _add_db_option(parser)
    parser.add_argument("file", metavar="FILE", type=Path)
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
    parser.set_defaults(handler=_import)


def _print_plan(plan, *, limit: int = 50) -> None:
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


def _import(args: argparse.Namespace) -> int:
    try:
        until = _day_argument(args.until, "--until")
    except SystemExit as exc:
        print(exc, file=sys.stderr)
        return EXIT_USAGE
    source = Path(args.file).expanduser()
    if not source.is_file():
        _error(f"no file at {source}")
        return EXIT_USAGE
    path = _db_path(args)
    if source.resolve() in {Path(f"{path}{s}").resolve() for s in ("", "-wal", "-shm")}:
        _error(f"{source} is the database itself; import files into it, not it")
        return EXIT_USAGE
    with writing_to(path, "import"):
        return _import_into(path, source, args, until)


def _import_into(path: Path, source: Path, args: argparse.Namespace, until: date | None) -> int:
    from advisor_planner.services import imports
    from advisor_planner.services.errors import FileRefused

    try:
        if source.suffix.lower() == ".json":
            return _import_archive(source, merge=args.merge, dry_run=args.dry_run)
        from advisor_planner.interchange import plan_import

        plan = plan_import(source, add_unknown=args.add_unknown, until=until)
        _print_plan(plan)
        if args.dry_run:
            print(f"Dry run, nothing written: {plan.summary()}.")
            return EXIT_OK
        result = imports.apply(plan)
    except FileRefused as exc:
        _error(f"nothing imported: {exc}")
        return EXIT_REFUSED
    except imports.ImportFailed as exc:
        _error(f"nothing imported: {exc}")
        return EXIT_FAILED
    print(f"Imported into {path}: {result.added} added, {result.merged} merged, "
          f"{result.skipped} skipped.")  # fmt: skip
    return EXIT_OK


def _import_archive(source: Path, *, merge: bool, dry_run: bool) -> int:
    from advisor_planner.services import archive, archive_read

    if dry_run:
        contents = archive_read.read(source)
        print(f"Dry run, nothing written. {source.name} holds:")
        _print_counts({name: contents.count(name) for name in contents.tables})
        if not archive.is_empty() and not merge:
            print("This database already holds data: importing needs --merge.")
        return EXIT_OK
    result = archive.load(source, merge=merge)
    print(f"Imported {source.name}: {result.total_added} rows added, {result.merged} people "
          f"already there, {result.same} rows already there.")  # fmt: skip
    _print_counts({name: count for name, count in result.added.items() if count})
    for reason in result.skipped[:50]:
        print(f"  skipped {reason}")
    if len(result.skipped) > 50:
        print(f"  … and {len(result.skipped) - 50} more skipped")
    return EXIT_OK


# -- export ----------------------------------------------------------------------------------

EXPORT_LISTS = ("stakeholders", "touchpoints", "commitments", "reflections", "goals", "initiatives")


def _add_export(subparsers: _Subparsers) -> None:
    parser = subparsers.add_parser(
        "export",
        help="export everything (.json) or one list (.csv)",
        description="Write every record and link to a JSON archive (FILE.json), which "
        "'import' restores exactly, or one list to a CSV (FILE.csv; stakeholders unless "
        "--what says otherwise). Cells a spreadsheet would run as formulas are made text.",
    )
    _add_db_option(parser)
    parser.add_argument("--out", metavar="FILE.json|FILE.csv", required=True, type=Path)
    parser.add_argument("--what", choices=EXPORT_LISTS, default=None, help="the list, for CSV")
    parser.set_defaults(handler=_export)


def _export(args: argparse.Namespace) -> int:
    out = Path(args.out).expanduser()
    suffix = out.suffix.lower()
    if suffix not in (".json", ".csv"):
        _error(f"cannot export to {out.name}: name a .json or a .csv file")
        return EXIT_USAGE
    if args.what and suffix == ".json":
        _error("--what is for CSV; a .json archive holds everything")
        return EXIT_USAGE
    if not out.parent.is_dir() or out.is_dir():
        _error(f"cannot write {out}: no such folder")
        return EXIT_USAGE
    path = _db_path(args)
    if not path.is_file():
        _error(f"no database at {path}")
        return EXIT_USAGE
    with reading(path):
        return _export_to(out, suffix, args)


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
        return _write_failed("export", out, exc)
    # (Printed once the file is in place: a closed stdout is not a failed write.)
    if suffix == ".json":
        print(f"{out} ({sum(counts.values()):,} rows)")
        _print_counts({name: count for name, count in counts.items() if count})
    else:
        print(f"{out} ({rows:,} {what})")
    return EXIT_OK


# -- the parser ------------------------------------------------------------------------------


def _add_db_option(parser: argparse.ArgumentParser) -> None:
    import argparse

    # SUPPRESS keeps a subcommand's missing --db from overwriting one given before it.
    parser.add_argument(
        "--db",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="the database file (default: $ADVISOR_PLANNER_DB, else one in your data folder)",
    )


#: Commands whose output is a file: a full disk means "nothing was written".
WRITES_FILES = frozenset({"backup", "report", "export"})

#: One adder per subcommand, in the order --help lists them.
SUBCOMMANDS: tuple[Callable[[_Subparsers], None], ...] = (
    _add_check,
    _add_backup,
    _add_restore,
    _add_demo,
    _add_report,
    _add_import,
    _add_export,
)


def build_parser() -> argparse.ArgumentParser:
    """The command-line parser, with every subcommand."""
    import argparse

    parser = argparse.ArgumentParser(
        prog=APP_ID,
        description="Advisor Planner: build trust with the people you advise. With no "
        "command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--debug", action="store_true", help="show the full traceback when something fails"
    )
    parser.add_argument(
        "--db",
        metavar="PATH",
        default=None,
        help="the database file (default: $ADVISOR_PLANNER_DB, else one in your data folder)",
    )
    # For tests/perf/bench_startup.py: quit once the window is on screen, printing the time;
    # for bench_dashboard.py: once every dashboard chart is drawn, in a window of this size.
    parser.add_argument("--exit-when-shown", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--exit-when-drawn", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--window-size", metavar="WxH", help=argparse.SUPPRESS)
    parser.set_defaults(handler=_open_app)
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND")
    for add in SUBCOMMANDS:
        add(subparsers)
    for name, subparser in subparsers.choices.items():
        subparser.set_defaults(command=name, writes_to=name in WRITES_FILES)
        subparser.add_argument(
            "--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS
        )
    return parser


def _plain_launch(argv: Sequence[str]) -> SimpleNamespace | None:
    """The arguments of a plain ``[--db PATH]`` launch, read without building the parser.

    Importing argparse and building the full parser cost over ten milliseconds of start-up;
    anything but ``--db`` (and the benchmarks' flags) returns None and goes through the parser.
    """
    db: str | None = None
    window_size: str | None = None
    flags = {"--exit-when-shown": False, "--exit-when-drawn": False}
    rest = list(argv)
    while rest:
        arg = rest.pop(0)
        if arg == "--db" and rest and not rest[0].startswith("-"):
            db = rest.pop(0)
        elif arg.startswith("--db=") and len(arg) > 5:
            db = arg[5:]
        elif arg == "--window-size" and rest:
            window_size = rest.pop(0)
        elif arg in flags:
            flags[arg] = True
        else:
            return None
    return SimpleNamespace(
        db=db,
        exit_when_shown=flags["--exit-when-shown"],
        exit_when_drawn=flags["--exit-when-drawn"],
        window_size=window_size,
        handler=_open_app,
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the process exit status."""
    argv = sys.argv[1:] if argv is None else list(argv)
    args = _plain_launch(argv) or build_parser().parse_args(argv)
    command = getattr(args, "command", None)
    try:
        return args.handler(args)
    except Refused as exc:
        _error(str(exc), command)
        return exc.code
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - one line for a person; --debug shows the rest
        if getattr(args, "debug", False):
            raise
        _error(_one_line(exc, args), command)
        return EXIT_FAILED


def _write_failed(command: str, out: Path, error: OSError) -> int:
    """Say in one line why ``out`` was not written (any old file there is as it was)."""
    from advisor_planner.store.problems import ProblemKind, classify

    problem = classify(error, out)
    if problem.kind is ProblemKind.DISK_FULL:
        _error(f"{problem.sentence.split(';')[0]}; nothing was written", command)
        return EXIT_FAILED
    _error(f"cannot write {out}: {error.strerror or error}; nothing was written", command)
    return EXIT_USAGE


def _one_line(error: BaseException, args: argparse.Namespace) -> str:
    """What went wrong, as one sentence (the first error, not what failed after it)."""
    from advisor_planner.store.problems import ProblemKind, classify

    problem = classify(error, _db_path(args))
    if problem.kind is ProblemKind.OTHER:
        text = " ".join(str(error).split()) or type(error).__name__
        return f"{text} (run again with --debug for the details)"
    if getattr(args, "writes_to", None) and problem.kind is ProblemKind.DISK_FULL:
        return f"{problem.sentence.rstrip('.')}; nothing was written"
    return problem.sentence


if __name__ == "__main__":
    sys.exit(main())
