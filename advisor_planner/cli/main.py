"""Reading the command line and running what it names: the parser with every command, and a
quick read of a plain ``[--db PATH]`` launch that opens the app without building it.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from types import SimpleNamespace
from typing import TYPE_CHECKING

from advisor_planner import APP_ID, __version__
from advisor_planner.cli import app
from advisor_planner.cli.common import add_db_option, run

if TYPE_CHECKING:  # argparse itself is imported only when a parser is built (start-up time)
    import argparse

    from advisor_planner.cli.common import Subparsers

#: Commands whose output is a file: a full disk means "nothing was written".
WRITES_FILES = frozenset({"backup", "report", "export"})


def _subcommands() -> tuple[Callable[[Subparsers], None], ...]:
    """One adder per subcommand, in the order --help lists them; their modules are imported
    only when a parser is built, never on the app's start-up."""
    from advisor_planner.cli import (
        backup,
        change_passphrase,
        check,
        decrypt,
        demo,
        encrypt,
        export,
        import_,
        report,
        restore,
    )

    return (
        check.add,
        backup.add,
        restore.add,
        demo.add,
        report.add,
        import_.add,
        export.add,
        encrypt.add,
        decrypt.add,
        change_passphrase.add,
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
    add_db_option(parser, top_level=True)
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
