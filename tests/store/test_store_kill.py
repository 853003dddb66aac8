"""The kill test: SIGKILL a process writing touchpoints, twenty times; nothing committed is lost
(on a plain database, and once on an encrypted one).

A child process opens the database like the app does and logs touchpoints through the services
in a loop, printing each id once ``create`` has returned (so it is committed). The parent kills
it at a random moment and then checks that the file passes its integrity checks and holds every
printed id. All rounds share one file, so each round also recovers the last round's WAL.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from advisor_planner.store import cipher, encryption, keys
from advisor_planner.store import models as m
from advisor_planner.store.connection import close_database
from advisor_planner.store.integrity import full_check, quick_check
from advisor_planner.store.opening import init_db

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX SIGKILL"),
]

ROUNDS = 20
SEED = 20260320

WRITER = """
import sys
from advisor_planner.services import stakeholders, touchpoints
from advisor_planner.store import cipher
from advisor_planner.store.opening import init_db

if len(sys.argv) > 2:  # an encrypted database: its key, as the app holds it once unlocked
    cipher.unlock(sys.argv[1], bytes.fromhex(sys.argv[2]))
init_db(sys.argv[1])
people = stakeholders.list_all()
person = people[0].id if people else stakeholders.create(name="Kill Test").id
print("ready", flush=True)
n = 0
while True:
    n += 1
    made = touchpoints.create(
        stakeholder_ids=[person], subject=f"write {n}", notes="x" * (n % 500), listening=3
    )
    sys.stdout.write(f"{made.id}\\n")
    sys.stdout.flush()
"""


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    root = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [root, env.get("PYTHONPATH", "")]))
    return env


def _one_round(path: Path, delay: float, key: bytes | None) -> list[int]:
    child = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), *([key.hex()] if key else [])],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_child_env(),
    )
    try:
        first = child.stdout.readline()
        assert first == b"ready\n", child.stderr.read().decode()
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        # Read through the same buffered pipe as the readline above: communicate() reads the
        # file descriptor itself and would miss ids already in that buffer, printed with
        # "ready" in one chunk (which then counted as committed but never printed).
        rest = child.stdout.read()
        err = child.stderr.read()
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        child.stdout.close()
        child.stderr.close()
    assert child.returncode == -signal.SIGKILL, err.decode()
    # Only whole lines: a line is printed after its touchpoint was committed.
    return [int(line) for line in rest.split(b"\n")[:-1]]


def _ids_in(path: Path) -> set[int]:
    con = cipher.connect(str(path), path=path)
    try:
        return {row[0] for row in con.execute("SELECT id FROM touchpoint")}
    finally:
        con.close()


@pytest.mark.parametrize("encrypted", [False, True], ids=["plain", "encrypted"])
def test_sigkill_while_writing_loses_nothing_committed(tmp_path, encrypted: bool):
    path = tmp_path / "killed.sqlite"
    key = _encrypted_start(path) if encrypted else None
    rng = random.Random(SEED)
    printed: list[int] = []
    started = time.monotonic()
    for round_number in range(ROUNDS):
        ids = _one_round(path, rng.uniform(0.05, 0.4), key)
        assert ids, f"round {round_number}: the writer printed nothing before it was killed"
        printed += ids
        # Straight after the kill, the WAL is still there: the read-only check must cope.
        quick = quick_check(path)
        assert quick.ok, (round_number, quick.messages)
        # Reopen as the app does (check, migrate), then read through the models.
        init_db(path)
        try:
            stored = {row.id for row in m.Touchpoint.select(m.Touchpoint.id)}
            links = m.TouchpointStakeholder.select().count()
        finally:
            close_database()
        missing = set(printed) - stored
        assert not missing, f"round {round_number}: committed ids lost: {sorted(missing)[:10]}"
        # Only the one write in flight at each kill may be there without having been printed.
        assert len(stored - set(printed)) <= round_number + 1
        assert links == len(stored)
        full = full_check(path)
        assert full.ok, (round_number, full.messages)
        # Ids only grow: no id was handed out twice across crashes.
        assert printed == sorted(printed)
        assert len(set(printed)) == len(printed)
    assert _ids_in(path) >= set(printed)
    if key is not None:
        assert cipher.PLAIN_HEADER not in path.read_bytes()
        cipher.forget(path)
    assert time.monotonic() - started < 60


def _encrypted_start(path: Path) -> bytes:
    """An empty database, encrypted (as ``encrypt`` leaves it), its key held here too."""
    init_db(path)
    close_database()
    encryption.encrypt(path, "kill test", parameters=keys.Argon2Parameters(1, 8192, 1))
    key = cipher.key_for(path)
    assert key
    return key
