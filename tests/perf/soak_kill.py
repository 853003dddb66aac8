"""Soak test: SIGKILL a process writing through the services, round after round; nothing
committed may be lost and the file must stay sound.

Run by hand (not collected by pytest; POSIX only, it needs SIGKILL)::

    python tests/perf/soak_kill.py [--rounds 200] [--seed S] [--db PATH]

It is ``tests/store/test_store_kill.py`` made longer and wider. Each round starts a child
process that opens the database as the app's code does (``store.opening.init_db``) and then
writes in a loop through ``advisor_planner.services``, one kind of write per round in turn:

1. touchpoints (``touchpoints.create``), each with a unique subject;
2. commitments (``commitments.create``), each with a unique text;
3. reflection saves (``reflections.save_week``) over a pool of ten years of ISO weeks,
   each with a unique marker in its answers (and ratings and energy): the first saves of a
   week create it, later ones update it, as the weekly session's drafts do;
4. imports: a small vCard or CSV (in turn) of new stakeholders with unique names and emails,
   planned with ``interchange.plan_import`` and written with ``services.imports.apply``.

After each write has returned (so it is committed) the child prints one line naming it. The
parent kills the child with SIGKILL after a random delay, keeps only the whole lines, and then
checks the file through a read-only ``sqlite3`` connection: ``PRAGMA integrity_check`` is "ok",
``PRAGMA foreign_key_check`` is empty, and every confirmed write so far is there with its own
marker (so an id handed out twice after a crash is caught too). A reflection save counts as kept
while its week holds its marker or a later one. An import must be there whole or not at all.
All rounds share one file, so each round also recovers the WAL the last one left.

At the end it prints the figures per kind and a last line
``soak: R rounds, W confirmed writes, L lost, I integrity errors, F foreign-key errors``
(the errors count the rounds whose check failed; it stops at the first damaged file); it
exits 1 if anything was lost or any check failed (the database is then kept for a look), and 2
if a writer could not start or died by itself.
"""

from __future__ import annotations

import argparse
import os
import random
import secrets
import select
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

KINDS = ("touchpoint", "commitment", "reflection", "import")
PEOPLE_PER_IMPORT = 5
WEEK_POOL = 520  # ten years of ISO weeks for the reflection saves
DELAY = (0.05, 0.5)  # seconds from "ready" to SIGKILL
READY_TIMEOUT = 120.0

# The child: argv is database, kind, token, round, first reflection slot, scratch folder.
# Each line it prints is tab-separated: kind, key (an id or a week; the marker for an import),
# marker (for an import, the names it added).
WRITER_CODE = r"""
import sys
from datetime import timedelta
from pathlib import Path

from advisor_planner.interchange import plan_import
from advisor_planner.services import clock, commitments, imports, reflections, stakeholders
from advisor_planner.services import touchpoints
from advisor_planner.store.opening import init_db

path, kind, token, round_number, first_slot, scratch = sys.argv[1:7]
round_number, first_slot = int(round_number), int(first_slot)
PEOPLE, POOL = int(sys.argv[7]), int(sys.argv[8])

init_db(path)
known = {name: i for i, name in stakeholders.names(include_archived=True).items()}
people = [
    known.get(name) or stakeholders.create(name=name).id
    for name in ("Soak Writer A", "Soak Writer B")
]
this_monday = clock.week_start(clock.today())
print("ready", flush=True)


def say(*fields):
    sys.stdout.write("\t".join(str(f) for f in fields) + "\n")
    sys.stdout.flush()


def touchpoint(n, marker):
    made = touchpoints.create(
        stakeholder_ids=people[: 1 + n % 2], subject=marker, notes="x" * (n % 500), listening=3
    )
    say("touchpoint", made.id, marker)


def commitment(n, marker):
    made = commitments.create(
        text=marker, stakeholder_id=people[n % 2], due_on=clock.today() + timedelta(days=n % 30)
    )
    say("commitment", made.id, marker)


def reflection(n, marker):
    week = clock.iso_week(this_monday - timedelta(weeks=(first_slot + n) % POOL))
    saved = reflections.save_week(
        week=week,
        wins=marker,
        answers={"wins": marker, "lessons": "y" * (n % 300)},
        self_awareness=1 + n % 5,
        energy=1 + (n // 5) % 5,
    )
    say("reflection", saved.week, marker)


def import_people(n, marker):
    names = [f"Soak Import {marker} {k}" for k in range(1, PEOPLE + 1)]
    emails = [f"{marker}-{k}@soak.example" for k in range(1, PEOPLE + 1)]
    if n % 2:
        file = Path(scratch) / "people.vcf"
        cards = [
            f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{name}\r\nN:{name.rsplit(' ', 1)[0]};{k};;;\r\n"
            f"EMAIL;TYPE=INTERNET:{email}\r\nORG:Soak Ltd;Durability\r\nEND:VCARD\r\n"
            for k, (name, email) in enumerate(zip(names, emails), start=1)
        ]
        file.write_text("".join(cards), encoding="utf-8")
    else:
        file = Path(scratch) / "people.csv"
        rows = [f"{name},{email},Soak Ltd" for name, email in zip(names, emails)]
        file.write_text("Name,Email,Company\n" + "\n".join(rows) + "\n", encoding="utf-8")
    plan = plan_import(file, add_unknown=False, until=None)
    if plan.counts != {"add": PEOPLE, "merge": 0, "skip": 0}:
        raise SystemExit(f"{file.name}: planned {plan.summary()}, not {PEOPLE} to add")
    result = imports.apply(plan)
    if result.added != PEOPLE:
        raise SystemExit(f"{file.name}: added {result.added}, not {PEOPLE}")
    say("import", marker, *names)


write = {
    "touchpoint": touchpoint,
    "commitment": commitment,
    "reflection": reflection,
    "import": import_people,
}[kind]
n = 0
while True:
    n += 1
    write(n, f"soak-{token}-r{round_number:04d}-n{n:06d}")
"""


class WriterFailed(RuntimeError):
    """The child did not start, or died by itself instead of by our SIGKILL."""


def _order(marker: str) -> tuple[int, int]:
    """(round, n) of a marker ``soak-TOKEN-rRRRR-nNNNNNN``: later writes sort later."""
    *_, round_part, n_part = marker.split("-")
    return int(round_part[1:]), int(n_part[1:])


@dataclass
class Confirmed:
    """Every write the children confirmed, by kind, with what the file must show for it."""

    touchpoints: dict[int, str] = field(default_factory=dict)  # id → subject
    commitments: dict[int, str] = field(default_factory=dict)  # id → text
    reflections: dict[str, list[str]] = field(default_factory=dict)  # week → markers, in order
    imports: dict[str, list[str]] = field(default_factory=dict)  # marker → names
    count: Counter = field(default_factory=Counter)  # kind → confirmed writes
    duplicates: list[str] = field(default_factory=list)  # an id confirmed twice

    def add_line(self, line: str) -> None:
        kind, key, *rest = line.split("\t")
        if kind == "touchpoint" or kind == "commitment":
            (marker,) = rest
            table = self.touchpoints if kind == "touchpoint" else self.commitments
            if int(key) in table:
                self.duplicates.append(f"{kind} {key}: {table[int(key)]} and {marker}")
            table[int(key)] = marker
        elif kind == "reflection":
            (marker,) = rest
            self.reflections.setdefault(key, []).append(marker)
        elif kind == "import":
            if len(rest) != PEOPLE_PER_IMPORT:
                raise ValueError(f"an import line with {len(rest)} names")
            self.imports[key] = rest
        else:
            raise ValueError(f"unknown kind {kind!r}")
        self.count[kind] += 1


@dataclass
class Check:
    """What one look at the file found."""

    integrity: list[str]  # integrity_check's messages other than "ok"
    foreign_keys: list[tuple]  # foreign_key_check's rows
    lost: set[tuple[str, str]]  # (kind, which write)
    unconfirmed: Counter  # kind → writes in the file that no line confirmed (in flight)
    partial_imports: list[str]  # import markers with some of their people only


def check_file(path: Path, token: str, confirmed: Confirmed) -> Check:
    """Open ``path`` read-only with plain sqlite3 and check it against ``confirmed``."""
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        integrity = [row[0] for row in con.execute("PRAGMA integrity_check")]
        foreign_keys = con.execute("PRAGMA foreign_key_check").fetchall()
        like = f"soak-{token}-%"
        touchpoints = dict(
            con.execute("SELECT id, subject FROM touchpoint WHERE subject LIKE ?", (like,))
        )
        commitments = dict(
            con.execute("SELECT id, text FROM commitment WHERE text LIKE ?", (like,))
        )
        weeks = dict(con.execute("SELECT week, wins FROM reflection"))
        imported = [
            row[0]
            for row in con.execute(
                "SELECT name FROM stakeholder WHERE name LIKE ?", (f"Soak Import {like}",)
            )
        ]
    finally:
        con.close()

    lost: set[tuple[str, str]] = set()
    unconfirmed: Counter = Counter()
    for kind, stored, wanted in (
        ("touchpoint", touchpoints, confirmed.touchpoints),
        ("commitment", commitments, confirmed.commitments),
    ):
        lost |= {(kind, f"{i} {marker}") for i, marker in wanted.items() if stored.get(i) != marker}
        unconfirmed[kind] = len(stored.keys() - wanted.keys())

    saved = {marker for markers in confirmed.reflections.values() for marker in markers}
    for week, markers in confirmed.reflections.items():
        stored = weeks.get(week, "")
        held = _order(stored) if stored.startswith(f"soak-{token}-") else (-1, -1)
        lost |= {("reflection", f"{week} {m}") for m in markers if _order(m) > held}
    unconfirmed["reflection"] = sum(
        1 for wins in weeks.values() if wins.startswith(f"soak-{token}-") and wins not in saved
    )

    by_import = Counter(name.split(" ")[2] for name in imported)
    names = set(imported)
    for marker, people in confirmed.imports.items():
        lost |= {("import", f"{marker} {name}") for name in people if name not in names}
    partial = sorted(m for m, k in by_import.items() if k != PEOPLE_PER_IMPORT)
    unconfirmed["import"] = len(by_import.keys() - confirmed.imports.keys())

    return Check(
        integrity=[m for m in integrity if m != "ok"],
        foreign_keys=foreign_keys,
        lost=lost,
        unconfirmed=unconfirmed,
        partial_imports=partial,
    )


def _child_env(scratch: Path) -> dict[str, str]:
    """This checkout importable, and the user's folders inside ``scratch``."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH", "")]))
    for name in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME"):
        env[name] = str(scratch / name.lower())
    return env


def _wait_for_ready(child: subprocess.Popen) -> bytes:
    """Read the child's stdout up to its "ready" line; return what came after it."""
    fd = child.stdout.fileno()
    buffer = b""
    deadline = time.monotonic() + READY_TIMEOUT
    while b"\n" not in buffer:
        left = deadline - time.monotonic()
        if left <= 0:
            raise WriterFailed(f"no 'ready' within {READY_TIMEOUT:.0f} s")
        readable, _, _ = select.select([fd], [], [], left)
        if readable:
            chunk = os.read(fd, 65536)
            if not chunk:
                break  # the child closed its stdout: it has died
            buffer += chunk
    first, _, rest = buffer.partition(b"\n")
    if first != b"ready":
        raise WriterFailed(f"the writer printed {first[:200]!r} instead of 'ready'")
    return rest


def run_round(
    path: Path, scratch: Path, kind: str, token: str, round_number: int, slot: int, delay: float
) -> list[str]:
    """One child writing ``kind`` until SIGKILL after ``delay`` s; its whole lines."""
    command = [
        sys.executable,
        "-c",
        WRITER_CODE,
        str(path),
        kind,
        token,
        str(round_number),
        str(slot),
        str(scratch),
        str(PEOPLE_PER_IMPORT),
        str(WEEK_POOL),
    ]
    child = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_child_env(scratch)
    )
    try:
        try:
            head = _wait_for_ready(child)
        except WriterFailed as exc:
            child.kill()
            _, err = child.communicate(timeout=30)
            raise WriterFailed(
                f"{exc}\n--- its stderr ---\n{err.decode(errors='replace')}"
            ) from None
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        rest, err = child.communicate(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.communicate()
    if child.returncode != -signal.SIGKILL:
        raise WriterFailed(
            f"the writer exited by itself with {child.returncode}\n"
            f"--- its stderr ---\n{err.decode(errors='replace')}"
        )
    # Only whole lines: each is printed once its write has committed; a cut one is dropped.
    return (head + rest).decode().split("\n")[:-1]


def _print_summary(
    rounds: int,
    per_kind_rounds: Counter,
    confirmed: Confirmed,
    last: Check | None,
    lost: set[tuple[str, str]],
    integrity_errors: int,
    fk_errors: int,
    partial_imports: set[str],
    elapsed: float,
) -> None:
    print()
    print(f"{'kind':<12}{'rounds':>8}{'confirmed':>11}{'lost':>7}{'in flight':>11}")
    lost_by_kind = Counter(kind for kind, _ in lost)
    unconfirmed = last.unconfirmed if last else Counter()
    for kind in KINDS:
        print(
            f"{kind:<12}{per_kind_rounds[kind]:>8}{confirmed.count[kind]:>11}"
            f"{lost_by_kind[kind]:>7}{unconfirmed[kind]:>11}"
        )
    total = sum(confirmed.count.values())
    print(f"{'total':<12}{rounds:>8}{total:>11}{len(lost):>7}{sum(unconfirmed.values()):>11}")
    print(f"(each import adds {PEOPLE_PER_IMPORT} stakeholders; 'in flight' = in the file though")
    print(" no line confirmed it: the write under way at a kill, at most one a round)")
    print(f"integrity errors:   {integrity_errors}")
    print(f"foreign-key errors: {fk_errors}")
    print(f"partial imports:    {len(partial_imports)}")
    print(f"ids confirmed twice: {len(confirmed.duplicates)}")
    print(f"elapsed: {elapsed:.1f} s ({elapsed / max(rounds, 1):.2f} s a round)")
    print(
        f"soak: {rounds} rounds, {total} confirmed writes, {len(lost)} lost, "
        f"{integrity_errors} integrity errors, {fk_errors} foreign-key errors"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=200, help="kills (default 200)")
    parser.add_argument("--seed", type=int, default=None, help="for the kill delays")
    parser.add_argument("--db", type=Path, default=None, help="default: a fresh temporary file")
    args = parser.parse_args(argv)
    if not hasattr(signal, "SIGKILL"):
        print("soak: needs POSIX SIGKILL", file=sys.stderr)
        return 2
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")

    seed = args.seed if args.seed is not None else secrets.randbelow(2**31)
    rng = random.Random(seed)
    token = secrets.token_hex(3)  # tells this run's writes from any already in --db
    scratch = Path(tempfile.mkdtemp(prefix="soak-kill-"))
    path = (args.db or scratch / "soak.sqlite").resolve()
    print(f"soak: {args.rounds} rounds on {path} (seed {seed}, run {token})", flush=True)

    confirmed = Confirmed()
    per_kind_rounds: Counter = Counter()
    lost: set[tuple[str, str]] = set()
    partial_imports: set[str] = set()
    integrity_errors = fk_errors = 0
    last: Check | None = None
    rounds_done = 0
    failed_to_run = ""
    started = time.monotonic()
    for round_number in range(1, args.rounds + 1):
        kind = KINDS[(round_number - 1) % len(KINDS)]
        delay = rng.uniform(*DELAY)
        slot = confirmed.count["reflection"]
        try:
            lines = run_round(path, scratch, kind, token, round_number, slot, delay)
        except WriterFailed as exc:
            failed_to_run = f"round {round_number} ({kind}): {exc}"
            break
        for line in lines:
            confirmed.add_line(line)
        per_kind_rounds[kind] += 1
        rounds_done = round_number

        try:
            last = check_file(path, token, confirmed)
        except sqlite3.DatabaseError as exc:  # not even readable: as damaged as it gets
            last = Check([f"cannot read the file: {exc}"], [], set(), Counter(), [])
        new_losses = last.lost - lost
        lost |= last.lost
        partial_imports |= set(last.partial_imports)
        integrity_errors += bool(last.integrity)
        fk_errors += bool(last.foreign_keys)
        status = "ok"
        if last.integrity or last.foreign_keys or new_losses or last.partial_imports:
            status = "FAILED"
        print(
            f"round {round_number:>4}/{args.rounds} {kind:<10} killed after {delay:.2f} s: "
            f"{len(lines):>4} confirmed, {status}",
            flush=True,
        )
        for message in last.integrity[:5]:
            print(f"    integrity_check: {message}")
        for row in last.foreign_keys[:5]:
            print(f"    foreign_key_check: {row}")
        for kind_lost, which in sorted(new_losses)[:10]:
            print(f"    lost {kind_lost}: {which}")
        for marker in last.partial_imports[:5]:
            print(f"    partial import: {marker}")
        if last.integrity:
            print("    the file is damaged; stopping (the next writer would refuse it)")
            break

    elapsed = time.monotonic() - started
    _print_summary(
        rounds_done,
        per_kind_rounds,
        confirmed,
        last,
        lost,
        integrity_errors,
        fk_errors,
        partial_imports,
        elapsed,
    )
    too_many_unconfirmed = [
        kind for kind in KINDS if last and last.unconfirmed[kind] > per_kind_rounds[kind]
    ]
    if too_many_unconfirmed:
        print(f"soak: more unconfirmed writes than kills for {', '.join(too_many_unconfirmed)}")
    for duplicate in confirmed.duplicates[:10]:
        print(f"soak: id confirmed twice: {duplicate}")
    failed = bool(
        lost
        or integrity_errors
        or fk_errors
        or partial_imports
        or too_many_unconfirmed
        or confirmed.duplicates
    )
    if failed_to_run:
        print(f"soak: a writer failed: {failed_to_run}", file=sys.stderr)
    if args.db is not None or not (failed or failed_to_run):
        # The import files (and the default database, once it has passed every check).
        shutil.rmtree(scratch, ignore_errors=True)
    if failed or failed_to_run:
        print(f"soak: database kept at {path}", file=sys.stderr)
    return 2 if failed_to_run else 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
