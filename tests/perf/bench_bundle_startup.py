"""Start-up of the standalone app (PyInstaller, packaging/) against the pip install, side by side.

Run by hand (not collected by pytest), after ``packaging/build-linux.sh``::

    python tests/perf/bench_bundle_startup.py [--bundle DIR_OR_ARCHIVE] [--venv .venv] [--runs 9]

``--bundle`` is the unpacked ``advisor-planner`` folder or the ``dist/*.tar.gz`` (unpacked into a
temporary folder); ``--venv`` a virtual environment with the app installed (``pip install .``).
Each run is a fresh process opening the same small demo database with ``--exit-when-shown``;
the two kinds alternate so drift in the machine's load hits both. Two medians each: the time
to the window's first painted frame (as ``bench_startup.py``) and the whole process, launch to
exit. Target: the bundle within 1.2 times the pip install.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

from perf_support import REPO, child_environment, time_launch


def _bundle_executable(given: Path, scratch: Path) -> Path:
    if given.is_file() and given.name.endswith(".tar.gz"):
        with tarfile.open(given) as archive:
            archive.extractall(scratch / "bundle", filter="tar")
        return next((scratch / "bundle").glob("*/advisor-planner/advisor-planner"))
    return given / "advisor-planner" if given.is_dir() else given


def _timed(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(seconds to the first frame, seconds from launch to exit)."""
    started = time.perf_counter()
    shown = time_launch(command, env, "window-exposed-after")
    return shown, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    archives = sorted((REPO / "dist").glob("advisor-planner-*-linux-*.tar.gz"))
    parser.add_argument("--bundle", type=Path, default=archives[-1] if archives else None)
    parser.add_argument("--venv", type=Path, default=REPO / ".venv")
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    if args.bundle is None:
        raise SystemExit("no bundle: run packaging/build-linux.sh or give --bundle")
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        env = child_environment(scratch)
        env.pop("PYTHONPATH", None)  # each runs its own installed copy, not this checkout
        venv_app = [str(args.venv / "bin" / "advisor-planner")]
        bundle_app = [str(_bundle_executable(args.bundle, scratch))]
        db = scratch / "demo.sqlite"
        subprocess.run(
            [*venv_app, "demo", "--db", str(db), "--size", "small"],
            env=env,
            check=True,
            capture_output=True,
        )
        kinds = {"pip install (venv)": venv_app, "bundle (PyInstaller)": bundle_app}
        times: dict[str, list[tuple[float, float]]] = {kind: [] for kind in kinds}
        for command in kinds.values():  # one warm-up each: the page cache, fonts
            _timed([*command, "--db", str(db), "--exit-when-shown"], env)
        for _ in range(args.runs):
            for kind, command in kinds.items():
                times[kind].append(_timed([*command, "--db", str(db), "--exit-when-shown"], env))
    medians = {
        kind: (statistics.median(t[0] for t in runs), statistics.median(t[1] for t in runs))
        for kind, runs in times.items()
    }
    for kind, (shown, whole) in medians.items():
        print(f"{kind:<22} first frame {shown * 1000:6.0f} ms, "
              f"launch to exit {whole * 1000:6.0f} ms")  # fmt: skip
    venv, bundle = medians.values()
    print(f"bundle / venv: first frame {bundle[0] / venv[0]:.2f}, whole {bundle[1] / venv[1]:.2f} "
          "(target: at most 1.2)")  # fmt: skip
    sys.exit(0 if bundle[0] / venv[0] <= 1.2 else 1)


if __name__ == "__main__":
    main()
