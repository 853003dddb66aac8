"""Opening the app: ``advisor-planner [--db PATH]`` with no command. This module is on the
start-up path, so it imports Qt (through ``ui.app``) only once it knows there is a display
to draw on and the system libraries Qt needs (``cli.qt_libs``), and nothing else beyond
``cli.common``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING

from advisor_planner.cli.common import EXIT_USAGE, db_path, error

if TYPE_CHECKING:
    from advisor_planner.cli.common import Arguments

NO_DISPLAY_MESSAGE = (
    "no display found; set QT_QPA_PLATFORM=offscreen or run under a desktop session"
)


def display_missing(environ: Mapping[str, str] | None = None) -> bool:
    """True on a Unix desktop platform with neither an X11 nor a Wayland display nor a platform
    named in ``QT_QPA_PLATFORM`` (Qt would abort there with a long message)."""
    env = os.environ if environ is None else environ
    if sys.platform in ("win32", "darwin"):
        return False
    return not any(env.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


def run(args: Arguments) -> int:
    if display_missing():
        print(NO_DISPLAY_MESSAGE, file=sys.stderr)
        return EXIT_USAGE
    # Before Qt: a missing system library would abort the process with four lines of Qt's.
    from advisor_planner.cli import qt_libs

    missing = qt_libs.check()
    if missing:
        error(missing)
        return EXIT_USAGE
    try:
        from advisor_planner.ui.app import run_app
    except ImportError as exc:  # a library qt_libs does not know of
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
