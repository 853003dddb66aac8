"""What the benchmarks share: making the app start as an installed copy does.

``pip install`` compiles every module's bytecode; a source checkout gets it written on first
import, unless ``PYTHONDONTWRITEBYTECODE`` is set (as it is on our CI machines). Without it
each timed start would compile the app's hundred modules from source (about 250 ms on a
2-core machine) while the baselines' libraries load theirs ready-made.
"""

from __future__ import annotations

import compileall
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def compile_app() -> None:
    """Write the bytecode of every ``advisor_planner`` module beside its source."""
    compileall.compile_dir(REPO / "advisor_planner", quiet=1)
