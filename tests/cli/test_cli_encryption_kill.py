"""The kill test of the encryption commands: SIGKILL ``encrypt``, ``decrypt`` or
``change-passphrase`` at a random moment, round after round; every round the database opens
plain or with one of the two passphrases, holds every row, and so does every backup.

Each round runs one command on the database as it then is (``encrypt`` a plain one with
either passphrase; ``decrypt`` an encrypted one, or change its passphrase to the other) in a
child process and kills it after a random delay. The first run of each command is not killed
and says how long it takes; later kills fall in its second half, where the files are
converted and swapped (the first half is the start-up and the Argon2id derivation). Then
another child opens the database as a command would (``services.encryption``, then
``services.session``), trying no secret, then each passphrase, and prints what it found;
once it is unlocked, no file in its folders may hold a planted name (a killed decrypt's
plain temporary copy included). All rounds share one database, so each also recovers what
the last one left.
"""

from __future__ import annotations

import json
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from encryption_support import PEOPLE, PLANTED, REPO, child_env, plant, write_secret

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX SIGKILL"),
]

ROUNDS = 60
SEED = 20261216
FILLER_ROWS = 2000  # ~2 MB, so converting the file and its backups takes a while to hit
SECRETS = ("first passphrase", "second passphrase")

OPEN = """
import json, sys
from pathlib import Path
from advisor_planner.services import encryption, session
from advisor_planner.store.integrity import full_check

path, secrets = Path(sys.argv[1]), sys.argv[2:]
found = {"secret": None}
if encryption.is_encrypted(path):
    for secret in secrets:
        try:
            encryption.unlock(path, passphrase=secret)
        except encryption.WrongSecretError:
            continue
        found["secret"] = secret
        break
else:
    found["secret"] = ""
if found["secret"] is not None:
    found["counts"] = dict(session.table_counts(path))
    found["backups"] = {
        copy.name: [open(copy, "rb").read(16) == b"SQLite format 3\\x00", full_check(copy).ok]
        for copy in sorted(session.backup_folder(path).glob("*.sqlite"))
    }
print(json.dumps(found))
"""


def _fill(path: Path) -> None:
    """Rows beyond the planted people (in a table of their own), and a second backup."""
    from advisor_planner.services import session

    con = sqlite3.connect(path)
    with con:
        con.execute("CREATE TABLE filler (id INTEGER PRIMARY KEY, body TEXT NOT NULL)")
        con.executemany(
            "INSERT INTO filler (body) VALUES (?)",
            [(f"{n:05d}" * 200,) for n in range(FILLER_ROWS)],
        )
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    session.back_up(path, session.backup_folder(path) / "manual-filled.sqlite")


def _command(state: str, rng: random.Random, files: dict[str, Path]) -> list[str | Path]:
    """The command to run on a database that opens with ``state`` ("" when plain)."""
    if not state:
        return ["encrypt", "--passphrase-file", files[rng.choice(SECRETS)]]
    if rng.random() < 0.4:
        return ["decrypt", "--passphrase-file", files[state]]
    other = next(secret for secret in SECRETS if secret != state)
    return [
        "change-passphrase",
        "--passphrase-file",
        files[state],
        "--new-passphrase-file",
        files[other],
    ]


def _run_and_kill(db: Path, command: list[str | Path], delay: float | None) -> float:
    """Run ``command`` on ``db``, killed after ``delay`` seconds (None: let it finish); returns
    how long it ran."""
    started = time.monotonic()
    child = subprocess.Popen(
        [sys.executable, "-m", "advisor_planner", command[0], "--db", str(db)]
        + [str(part) for part in command[1:]],
        cwd=REPO,
        env=child_env(),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        if delay is None:
            _, err = child.communicate(timeout=120)
            assert child.returncode == 0, err.decode()
        else:
            try:
                child.wait(timeout=delay)
            except subprocess.TimeoutExpired:
                child.send_signal(signal.SIGKILL)
            _, err = child.communicate(timeout=120)
            assert child.returncode in (0, -signal.SIGKILL), err.decode()
    finally:
        if child.poll() is None:
            child.kill()
            child.communicate()
    return time.monotonic() - started


def _opened(db: Path) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", OPEN, str(db), *SECRETS],
        cwd=REPO,
        env=child_env(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_sigkill_during_encrypt_decrypt_or_change_passphrase_loses_nothing(tmp_path: Path):
    db = plant(tmp_path / "data" / "planner.sqlite")
    _fill(db)
    files = {secret: write_secret(tmp_path / f"{secret[:5]}.txt", secret) for secret in SECRETS}
    rng = random.Random(SEED)
    durations: dict[str, float] = {}
    state, killed, kinds = "", 0, set()
    for round_number in range(ROUNDS):
        command = _command(state, rng, files)
        kind = str(command[0])
        known = durations.get(kind)
        delay = None if known is None else rng.uniform(0.5, 1.02) * known
        took = _run_and_kill(db, command, delay)
        if known is None:
            durations[kind] = took
        elif took < delay:
            # It finished first: a round without a kill. The first run of a kind (cold
            # caches) can be the slowest; aim the next kills by the fastest run seen.
            durations[kind] = min(known, took)
        else:
            killed += 1
            kinds.add(kind)
        found = _opened(db)
        where = (round_number, command[0], delay)
        assert found["secret"] is not None, f"{where}: opens with neither passphrase"
        state = found["secret"]
        counts = found["counts"]
        assert counts["stakeholder"] == PEOPLE and counts["filler"] == FILLER_ROWS, where
        assert len(found["backups"]) == 2, (where, found["backups"])
        for name, (plain, ok) in found["backups"].items():
            assert ok, f"{where}: backup {name} does not open"
            assert plain == (not state), f"{where}: backup {name} is plain={plain}"
        if state:  # once unlocked, no plain copy is left anywhere: not even a killed one's
            for path in db.parent.rglob("*"):
                data = path.read_bytes() if path.is_file() else b""
                assert PLANTED[0].encode() not in data, f"{where}: {path} is readable"
    assert killed >= 40, f"only {killed} of {ROUNDS} rounds were killed mid-command"
    assert kinds == {"encrypt", "decrypt", "change-passphrase"}, kinds
