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

import sys
from collections.abc import Callable, Sequence
from types import SimpleNamespace
from typing import TYPE_CHECKING

from advisor_planner import APP_ID, __version__
from advisor_planner.cli import app
from advisor_planner.cli.common import run

if TYPE_CHECKING:  # argparse itself is imported only when a parser is built (start-up time)
    import argparse

    _Subparsers = argparse._SubParsersAction  # what ``add_subparsers`` returns


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
    parser.set_defaults(handler=app.run)
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
        handler=app.run,
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the process exit status."""
    argv = sys.argv[1:] if argv is None else list(argv)
    args = _plain_launch(argv) or build_parser().parse_args(argv)
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
