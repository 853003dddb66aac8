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
from collections.abc import Callable, Sequence
from types import SimpleNamespace
from typing import TYPE_CHECKING

from advisor_planner import APP_ID, __version__
from advisor_planner.cli.common import (
    EXIT_USAGE,
    db_path,
    error,
    run,
)

if TYPE_CHECKING:  # argparse itself is imported only when a parser is built (start-up time)
    import argparse

    _Subparsers = argparse._SubParsersAction  # what ``add_subparsers`` returns

NO_DISPLAY_MESSAGE = (
    "no display found; set QT_QPA_PLATFORM=offscreen or run under a desktop session"
)


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
        error(f"Qt could not be loaded ({exc}); see README.md for the packages Qt needs")
        return EXIT_USAGE
    size = getattr(args, "window_size", None)
    return run_app(
        db_path(args),
        exit_when_shown=args.exit_when_shown,
        exit_when_drawn=getattr(args, "exit_when_drawn", False),
        window_size=_size(size) if size else None,
    )


def _size(text: str) -> tuple[int, int]:
    width, _, height = text.lower().partition("x")
    return int(width), int(height)


# -- the parser ------------------------------------------------------------------------------


#: Commands whose output is a file: a full disk means "nothing was written".
WRITES_FILES = frozenset({"backup", "report", "export"})


def _subcommands() -> tuple[Callable[[_Subparsers], None], ...]:
    """One adder per subcommand, in the order --help lists them; their modules are imported
    only when a parser is built, never on the app's start-up."""
    from advisor_planner.cli import backup, check, demo, export, import_, report, restore

    return (
        check.add,
        backup.add,
        restore.add,
        demo.add,
        report.add,
        import_.add,
        export.add,
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
    for add in _subcommands():
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
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
