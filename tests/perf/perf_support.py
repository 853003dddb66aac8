"""What the benchmarks share: making the app start as an installed copy does, and timing a
fresh process from its launch.

``pip install`` compiles every module's bytecode; a source checkout gets it written on first
import, unless ``PYTHONDONTWRITEBYTECODE`` is set (as it is on our CI machines). Without it
each timed start would compile the app's hundred modules from source (about 250 ms on a
2-core machine) while the baselines' libraries load theirs ready-made.
"""

from __future__ import annotations

import argparse
import compileall
import os
import subprocess
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
#: The launcher's ``time.time()`` just before it starts a child; the child prints how long
#: after it its window painted (the app reads it too: ``ui.app.LAUNCH_TIMESTAMP_ENV``).
LAUNCH_ENV = "ADVISOR_PLANNER_LAUNCH_TS"


def compile_app() -> None:
    """Write the bytecode of every ``advisor_planner`` module beside its source."""
    compileall.compile_dir(REPO / "advisor_planner", quiet=1)


def child_environment(scratch: Path) -> dict[str, str]:
    """The environment for a timed child: offscreen Qt unless there is a display, this
    checkout importable, and the user's folders (settings, data) inside ``scratch``."""
    env = dict(os.environ)
    if not any(env.get(k) for k in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")):
        env["QT_QPA_PLATFORM"] = "offscreen"
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    for name in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME"):
        env[name] = str(scratch / name.lower())
    return env


def time_launch(command: list[str], env: dict[str, str], marker: str) -> float:
    """Seconds from launching ``command`` to what it reports on its line starting ``marker``
    (``"window-exposed-after 0.412"``, say)."""
    env = dict(env)
    env[LAUNCH_ENV] = repr(time.time())
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    for line in result.stdout.splitlines():
        if line.startswith(marker):
            return float(line.split()[1])
    raise RuntimeError(
        f"{command[:3]} printed no timing (exit {result.returncode}):\n{result.stderr[-2000:]}"
    )


def add_database_arguments(parser: argparse.ArgumentParser, name: str = "db") -> None:
    """The database argument every benchmark takes, and ``--huge`` for one with 3 × the data
    (``advisor-planner demo --size huge``), measured beside it."""
    parser.add_argument(name, type=Path, help="the database to measure (e.g. the large demo)")
    parser.add_argument(
        "--huge", type=Path, help="a database with 3 x the data: every figure side by side"
    )


def databases(parser: argparse.ArgumentParser, first: Path, huge: Path | None) -> dict[str, Path]:
    """The databases to measure by size ("1x", and "3x" with ``--huge``); stops with one
    message when a file is missing. (Each benchmark opens only copies of them.)"""
    given = {"1x": first, **({"3x": huge} if huge is not None else {})}
    for path in given.values():
        if not path.is_file():
            parser.error(f"no database at {path}")
    return given
