"""Start-up of an encrypted database: to the unlock dialog, and from Unlock to the dashboard.

Run by hand (not collected by pytest)::

    python tests/perf/bench_unlock.py PATH_TO_DB [--runs 5]

``PATH_TO_DB`` is a plain database (the large demo, say). The script copies it twice into a
scratch folder, encrypts one copy with ``advisor-planner encrypt``, and then times fresh
processes, alternately:

- **bare**: a bare PySide6 ``QMainWindow`` to its first exposed frame (as ``bench_startup``);
- **plain**: the app on the plain copy, from its window shown to every dashboard chart drawn
  (both in the same run);
- **encrypted**: the app on the encrypted copy, to the unlock dialog on screen; the child then
  types the passphrase, presses Unlock (once the start-up's chart preload is done, as it is
  by the time a person has typed), and reports the dashboard drawn.

It prints three figures and their targets (issue 16):

1. launch to unlock dialog against the bare window: at most 1.5x;
2. Unlock pressed to dashboard drawn, against what it has to do: the key derivation (timed in
   this process, Argon2id with the key file's own parameters) plus the plain copy's window
   shown to dashboard drawn (the opening, check and drawing an unlocked database needs too):
   at most 1.0x, within noise;
3. the key derivation alone (0.3-1 s on a 2-core machine);

and where the encrypted run's time after Unlock went (its child stamps each step): the key
derived, the first data (the quick look at the file, through SQLCipher), the dashboard drawn,
and the full check passed.

The encrypted child runs ``ui.app.run_app`` and watches the unlock dialog's window for its
first frame (through ``Protection.unlock_shown``); the plain runs go through
``python -m advisor_planner`` as a user does. Settings and backups go to the scratch folder;
no keychain is used.

Measured 2026-12-03 on the large demo (2 cores shared with other work, so the fastest runs are
the fairest): see the closing note of issue 16.

Issue 18 (same day, the huge demo, load 4-6, 5 runs): Unlock to dashboard 5.1 s median
(3.2-7.7), of which the key derivation 1.2 s, key to first data 2.2 s (the quick look reads
and decrypts the whole 164 MB file; 0.2 s on the plain copy), first data to dashboard 1.9 s
(its queries beside the full check, which decrypts it all again: 12.8 s to passing); the
plain copy's window shown to dashboard 2.6 s (then taken from two runs: 1.7-5.5 s). Unlock
was then pressed the moment the dialog showed, racing the start-up's chart preload: the
derivation took 1.2-2.0 s against 0.9-1.1 alone. Pressed once the preload is done (as a
person types), load 4-8: Unlock to key derived 1.0 s (alone 0.8), key to first data 3.9 s,
first data to dashboard 2.6 s, full check 17.8 s; ratio 1.36 (fastest runs 0.74). What is
left over the target is the quick look through SQLCipher (services/store, not this bench).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_startup import BARE_WINDOW
from perf_support import LAUNCH_ENV, REPO, child_environment, compile_app

# Tall enough for every dashboard chart to be on screen: "drawn" waits for all of them.
TALL = ["--window-size", "1400x3200"]
PASSPHRASE = "correct horse battery staple, benchmark"  # noqa: S105 - a scratch copy's

# The app on an encrypted database, unlocking itself as soon as its dialog is on screen.
AUTO_UNLOCK = """
import os, sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

launched = float(os.environ["ADVISOR_PLANNER_LAUNCH_TS"])
app = QApplication(sys.argv[:1])


class Probe(QObject):
    # Watches the unlock dialog's window only: an application-wide filter written in Python
    # would see every event of the start-up and slow it down.
    dialog = None

    def attach(self):
        from advisor_planner.ui.main_window import MainWindow
        from advisor_planner.ui.protection import Protection

        window = next((w for w in app.topLevelWidgets() if isinstance(w, MainWindow)), None)
        protection = window.findChild(Protection) if window is not None else None
        if protection is None:  # (made once the window is on screen)
            QTimer.singleShot(5, self.attach)
        else:
            protection.unlock_shown.connect(self.shown)

    def shown(self, dialog):
        self.dialog = dialog
        if dialog.windowHandle().isExposed():
            self.report()
        else:
            dialog.windowHandle().installEventFilter(self)

    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Expose and watched.isExposed():
            watched.removeEventFilter(self)
            self.report()
        return False

    def report(self):
        print(f"unlock-dialog-after {time.time() - launched:.4f}", flush=True)
        QTimer.singleShot(0, self.when_settled)

    def when_settled(self):
        # A person takes seconds to type the passphrase: by then the start-up's own work
        # (the chart preload) is done. Pressed at once, Unlock raced it for the two cores.
        from advisor_planner.ui.chart_preload import ChartPreload

        busy = [p for p in self.dialog.parent().findChildren(ChartPreload) if not p.done]
        if busy:
            QTimer.singleShot(10, self.when_settled)
        else:
            self.unlock()

    def unlock(self):
        from advisor_planner.ui.startup import DatabaseSession

        # The steps after Unlock, each stamped: the key derived, the first data, the check.
        self.dialog.succeeded.connect(lambda *_: self.stamp("key-derived"))
        session = self.dialog.parent().findChild(DatabaseSession)
        session.early.connect(lambda: self.stamp("early-data"))
        session.ready.connect(lambda: self.stamp("ready"))
        self.dialog.field.edit.setText(os.environ["BENCH_PASSPHRASE"])
        print(f"unlock-pressed-after {time.time() - launched:.4f}", flush=True)
        self.dialog.ok_button.click()

    def stamp(self, what):
        print(f"{what}-stamp-after {time.time() - launched:.4f}", flush=True)


probe = Probe()
QTimer.singleShot(0, probe.attach)  # (the window exists once the event loop runs)
from advisor_planner.ui.app import run_app

sys.exit(run_app(sys.argv[1], exit_when_drawn=True, window_size=(1400, 3200)))
"""


def timings(command: list[str], env: dict[str, str]) -> dict[str, float]:
    """Every ``name-after SECONDS`` line the child prints, by name."""
    env = dict(env)
    env[LAUNCH_ENV] = repr(time.time())
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    found = {
        line.split()[0]: float(line.split()[1])
        for line in result.stdout.splitlines()
        if line.split() and line.split()[0].endswith("-after")
    }
    if not found:
        raise RuntimeError(
            f"{command[:3]} printed no timing (exit {result.returncode}):\n{result.stderr[-2000:]}"
        )
    return found


def key_derivation_seconds(database: Path, runs: int) -> float:
    """The median time to derive the key-wrapping key from the passphrase, with the key
    file's own Argon2id parameters (what Unlock spends before it opens anything)."""
    sys.path.insert(0, str(REPO))
    from advisor_planner.store import keys

    key_file = keys.read_key_file(keys.key_file_path(database))
    spent = []
    for _ in range(runs):
        start = time.perf_counter()
        key_file.unlock_with_passphrase(PASSPHRASE)
        spent.append(time.perf_counter() - start)
    return statistics.median(spent)


def prepare(source: Path, scratch: Path, env: dict[str, str]) -> tuple[Path, Path]:
    """A plain and an encrypted copy of ``source`` in ``scratch``."""
    plain = scratch / "plain.db"
    encrypted = scratch / "encrypted.db"
    shutil.copyfile(source, plain)
    shutil.copyfile(source, encrypted)
    secret = scratch / "passphrase.txt"
    secret.write_text(PASSPHRASE + "\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "advisor_planner", "encrypt", "--db", str(encrypted),
         "--passphrase-file", str(secret)],
        env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    if done.returncode != 0:
        raise RuntimeError(f"encrypt failed: {done.stderr.strip()}")
    return plain, encrypted


def describe(name: str, values: list[float]) -> str:
    return (
        f"{name:<34} median {statistics.median(values) * 1000:7.1f} ms  "
        f"(min {min(values) * 1000:.1f}, max {max(values) * 1000:.1f})"
    )


#: The steps of an unlock, as the encrypted child stamps them (``AUTO_UNLOCK``).
UNLOCK_STEPS = (
    ("Unlock to key derived", "unlock-pressed-after", "key-derived-stamp-after"),
    ("key derived to first data", "key-derived-stamp-after", "early-data-stamp-after"),
    ("first data to dashboard drawn", "early-data-stamp-after", "dashboard-drawn-after"),
    ("key derived to full check passed", "key-derived-stamp-after", "ready-stamp-after"),
)


def print_unlock_steps(runs: list[dict[str, float]]) -> None:
    """Where the time from Unlock to the dashboard goes (medians over the runs that have
    both stamps: without the first data early, the dashboard waits for the full check)."""
    for label, start, end in UNLOCK_STEPS:
        spans = [run[end] - run[start] for run in runs if start in run and end in run]
        if spans:
            print(f"  {label:<32} median {statistics.median(spans) * 1000:7.1f} ms "
                  f"({len(spans)} of {len(runs)} runs)")  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("db", type=Path, help="a plain database to copy (e.g. a large demo)")
    parser.add_argument("--runs", type=int, default=5, help="runs of each kind (default 5)")
    args = parser.parse_args(argv)
    if not args.db.is_file():
        parser.error(f"no database at {args.db}")

    compile_app()
    with tempfile.TemporaryDirectory(prefix="bench-unlock-") as scratch_name:
        scratch = Path(scratch_name)
        env = child_environment(scratch)
        env.pop("DBUS_SESSION_BUS_ADDRESS", None)  # no keychain: the dialog must ask
        env["BENCH_PASSPHRASE"] = PASSPHRASE
        plain, encrypted = prepare(args.db, scratch, env)
        bare_cmd = [sys.executable, "-c", BARE_WINDOW]
        plain_cmd = [sys.executable, "-m", "advisor_planner", "--db", str(plain), *TALL]
        encrypted_cmd = [sys.executable, "-c", AUTO_UNLOCK, str(encrypted)]
        for command in (bare_cmd, plain_cmd + ["--exit-when-drawn"], encrypted_cmd):
            timings(command, env)  # one untimed run each warms the file cache
        bare, dialog, unlock_to_drawn, shown_to_drawn = [], [], [], []
        runs: list[dict[str, float]] = []
        for _ in range(args.runs):
            bare.append(timings(bare_cmd, env)["window-exposed-after"])
            # Both from the same run: taken from two runs (as until December 2026), the
            # difference carried both runs' noise (1.7 to 5.5 s on the huge demo).
            plain_run = timings(plain_cmd + ["--exit-when-drawn"], env)
            shown_to_drawn.append(
                plain_run["dashboard-drawn-after"] - plain_run["window-exposed-after"]
            )
            run = timings(encrypted_cmd, env)
            dialog.append(run["unlock-dialog-after"])
            unlock_to_drawn.append(run["dashboard-drawn-after"] - run["unlock-pressed-after"])
            runs.append(run)
        derivation = key_derivation_seconds(encrypted, args.runs)

    size_mb = args.db.stat().st_size / 1e6
    print(f"database: {args.db} ({size_mb:.1f} MB); {args.runs} runs each")
    print(describe("bare QMainWindow", bare))
    print(describe("launch to unlock dialog", dialog))
    print(describe("plain: window shown to dashboard", shown_to_drawn))
    print(describe("encrypted: Unlock to dashboard", unlock_to_drawn))
    print(f"{'key derivation (Argon2id)':<34} median {derivation * 1000:7.1f} ms")
    print_unlock_steps(runs)
    dialog_ratio = statistics.median(dialog) / statistics.median(bare)
    allowed = statistics.median(shown_to_drawn) + derivation
    unlock_ratio = statistics.median(unlock_to_drawn) / allowed
    fastest_unlock = min(unlock_to_drawn) / (min(shown_to_drawn) + derivation)
    print(
        f"unlock dialog / bare window: {dialog_ratio:.2f} (fastest runs "
        f"{min(dialog) / min(bare):.2f}; target <= 1.50)"
    )
    print(
        f"Unlock to dashboard / (key derivation + plain opening): {unlock_ratio:.2f} "
        f"(fastest runs {fastest_unlock:.2f}; target <= 1.00)"
    )
    met = dialog_ratio <= 1.5 and unlock_ratio <= 1.05  # (5 %: the two are separate processes)
    print("ok" if met else "OVER TARGET")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
