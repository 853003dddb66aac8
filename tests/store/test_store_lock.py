"""One instance per database file: a second lock is refused, a killed holder's lock recovered."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from advisor_planner.store.lock import DatabaseInUseError, acquire_instance_lock, lock_path

HOLDER = """
import sys
from advisor_planner.store.lock import acquire_instance_lock
lock = acquire_instance_lock(sys.argv[1])
print("locked", flush=True)
sys.stdin.read()
"""


def test_lock_sits_beside_the_database(tmp_path):
    assert lock_path(tmp_path / "data.sqlite") == tmp_path / "data.sqlite.lock"


def test_second_lock_in_the_same_process_is_refused(tmp_path):
    db_path = tmp_path / "data.sqlite"
    first = acquire_instance_lock(db_path)
    try:
        assert lock_path(db_path).exists()
        with pytest.raises(DatabaseInUseError, match=f"already open by process {os.getpid()}"):
            acquire_instance_lock(db_path)
    finally:
        first.unlock()
    assert not lock_path(db_path).exists()
    again = acquire_instance_lock(db_path)
    again.unlock()


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX SIGKILL")
def test_lock_of_a_running_then_killed_process(tmp_path):
    db_path = tmp_path / "data.sqlite"
    env = dict(os.environ)
    root = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [root, env.get("PYTHONPATH", "")]))
    child = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    try:
        assert child.stdout.readline() == b"locked\n", child.stderr.read().decode()
        with pytest.raises(DatabaseInUseError, match=f"by process {child.pid}"):
            acquire_instance_lock(db_path)
        child.send_signal(signal.SIGKILL)
        child.communicate(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.communicate()
    # The holder died without unlocking: its lock file is left behind, and is stale.
    assert lock_path(db_path).exists()
    recovered = acquire_instance_lock(db_path)
    try:
        assert recovered.isLocked()
    finally:
        recovered.unlock()
