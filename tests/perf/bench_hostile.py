"""Hostile-file benchmark: small or damaged files made to exhaust memory or time, each imported
in a fresh process, with its time and peak memory.

Run by hand (not collected by pytest)::

    python tests/perf/bench_hostile.py [--keep]

Each file is generated into a temporary folder and imported with ``advisor-planner import``
into a new database, in its own process, so the peak resident memory (``wait4``'s
``ru_maxrss``) is that import's alone. A baseline row imports a real, modest file (200
contacts) the same way, so the interpreter's own start-up is visible beside the rest.

**Target:** every file refused or imported within 10 s and 300 MB peak. The script exits
non-zero when one is not, and the last line reads ``hostile files: N within target of M``.

The files (what each once did, measured with a 6 GB cap, December 2026):

- ``minutely.ics``: 290 bytes, ``RRULE:FREQ=MINUTELY`` from 2023 (5.65 GB, killed at 150 s);
- ``secondly.ics``: ``FREQ=SECONDLY`` from 2020 (1.67 GB in 60 s);
- ``hourly.ics``: ``FREQ=HOURLY`` from 1900 (1.1 million touchpoints planned, 3.4 GB);
- ``wide.csv``: 48 MB, one line of 25 million cells (5.7 GB, killed at 180 s);
- ``floats.json``: a 300 MB JSON array of floats (3.3 GB before being refused);
- ``attendees.ics``: one meeting with 5,000 attendees, ``--add-unknown``;
- ``nul.csv``: a CSV with a NUL byte past its first 4 KB;
- ``rows.csv``: 60,000 rows of stakeholders.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
LIMIT_SECONDS = 10.0
LIMIT_MB = 300.0


def _calendar(rule: str, start: str) -> str:
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//EN\r\nBEGIN:VEVENT\r\nUID:storm@x\r\n"
        f"SUMMARY:Storm\r\nDTSTART:{start}\r\nRRULE:{rule}\r\n"
        "ORGANIZER:mailto:me@x.example\r\nATTENDEE:mailto:a@x.example\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n"
    )


def _write_contacts(path: Path) -> None:
    path.write_text(
        "".join(
            f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person {n}\r\nEMAIL:p{n}@x.example\r\nEND:VCARD\r\n"
            for n in range(200)
        )
    )


def _write_wide_csv(path: Path) -> None:
    with path.open("w") as out:
        chunk = "a," * 1_000_000
        for _ in range(24):
            out.write(chunk)
        out.write("a\r\n")


def _write_floats(path: Path) -> None:
    with path.open("w") as out:
        out.write("[")
        chunk = "0.5," * 1_000_000
        while out.tell() < 300 * 1024 * 1024:
            out.write(chunk)
        out.write("0.5]")


def _write_attendees(path: Path) -> None:
    people = "".join(f"ATTENDEE;CN=P {n}:mailto:p{n}@x.example\r\n" for n in range(5000))
    path.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:all@x\r\nSUMMARY:All hands\r\n"
        f"DTSTART:20261110T160000Z\r\nORGANIZER:mailto:me@x.example\r\n{people}"
        "END:VEVENT\r\nEND:VCALENDAR\r\n"
    )


def _write_nul(path: Path) -> None:
    rows = "".join(f"P{n},p{n}@x.example\r\n" for n in range(1000))
    path.write_bytes(("Name,Email\r\n" + rows).encode() + b"Bad\x00Row,b@x.example\r\n")


def _write_rows(path: Path) -> None:
    rows = "".join(f"P{n},p{n}@x.example\r\n" for n in range(60_000))
    path.write_text("Name,Email\r\n" + rows)


#: name -> (writer, extra import arguments)
FILES: dict[str, tuple[Callable[[Path], None], list[str]]] = {
    "baseline.vcf": (_write_contacts, []),
    "minutely.ics": (
        lambda p: p.write_text(_calendar("FREQ=MINUTELY", "20230101T090000Z")),
        ["--add-unknown"],
    ),
    "secondly.ics": (
        lambda p: p.write_text(_calendar("FREQ=SECONDLY", "20200101T090000Z")),
        ["--add-unknown"],
    ),
    "hourly.ics": (
        lambda p: p.write_text(_calendar("FREQ=HOURLY", "19000101T090000Z")),
        ["--add-unknown"],
    ),
    "wide.csv": (_write_wide_csv, []),
    "floats.json": (_write_floats, []),
    "attendees.ics": (_write_attendees, ["--add-unknown"]),
    "nul.csv": (_write_nul, []),
    "rows.csv": (_write_rows, []),
}


def _import(folder: Path, file: Path, extra: list[str]) -> tuple[float, float, int, str]:
    """Seconds, peak MB, exit code and the last line printed, for one import process."""
    db = folder / f"{file.stem}.sqlite"
    env = dict(os.environ, PYTHONPATH=str(REPO), QT_QPA_PLATFORM="offscreen")
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "advisor_planner", "import", "--db", str(db), str(file), *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=env,
        cwd=REPO,
    )
    deadline = started + 120
    while True:
        pid, status, usage = os.wait4(child.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            child.kill()
            continue
        time.sleep(0.02)
    seconds = time.perf_counter() - started
    output = child.stdout.read().decode(errors="replace") if child.stdout else ""
    last = next((line for line in reversed(output.splitlines()) if line.strip()), "")
    code = os.waitstatus_to_exitcode(status)
    return seconds, usage.ru_maxrss / 1024, code, last


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", action="store_true", help="keep the generated files")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-hostile-"))
    within = 0
    try:
        print(f"{'file':<15} {'size':>9} {'seconds':>8} {'peak MB':>8} {'exit':>5}  what it said")
        for name, (write, extra) in FILES.items():
            file = folder / name
            write(file)
            seconds, peak, code, last = _import(folder, file, extra)
            size = file.stat().st_size
            shown = f"{size / 1e6:.1f} MB" if size > 1e6 else f"{size:,} B"
            ok = seconds <= LIMIT_SECONDS and peak <= LIMIT_MB
            within += ok and name != "baseline.vcf"
            print(f"{name:<15} {shown:>9} {seconds:>8.2f} {peak:>8.0f} {code:>5}  "
                  f"{'' if ok else 'OVER TARGET  '}{last[:110]}")  # fmt: skip
            if not args.keep:
                file.unlink()
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
        else:
            print(f"files kept in {folder}")
    total = len(FILES) - 1
    print(f"hostile files: {within} within target of {total} "
          f"(target: {LIMIT_SECONDS:.0f} s and {LIMIT_MB:.0f} MB each)")  # fmt: skip
    return 0 if within == total else 1


if __name__ == "__main__":
    sys.exit(main())
