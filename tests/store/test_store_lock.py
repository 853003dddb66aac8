"""One writer per database file: a second lock is refused naming its holder and lock file, a
killed holder's lock is recovered, a PID reused by another program does not hold it, and a
folder that cannot take the lock file is not reported as another window."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from advisor_planner.store.lock import (
    DatabaseInUseError,
    LockHolder,
    acquire_instance_lock,
    current_holder,
    lock_path,
    process_start_time,
)

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
        with pytest.raises(DatabaseInUseError, match=f"already open in .*pid {os.getpid()}") as e:
            acquire_instance_lock(db_path)
        assert str(lock_path(db_path)) in str(e.value)  # the refusal names the lock file
    finally:
        first.release()
    assert not lock_path(db_path).exists()
    again = acquire_instance_lock(db_path)
    again.release()


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
        with pytest.raises(DatabaseInUseError, match=f"pid {child.pid}"):
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
        assert recovered.held
    finally:
        recovered.release()


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    root = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [root, env.get("PYTHONPATH", "")]))
    return env


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc start times")
def test_a_lock_naming_a_reused_pid_is_stale(tmp_path):
    """A lock file left by a dead app whose PID now belongs to another program (here: a
    sleeping child) does not hold the database."""
    db_path = tmp_path / "data.sqlite"
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        stale = LockHolder(pid=other.pid, started="1", boot_id="", host="", purpose="app")
        lock_path(db_path).write_text(stale.to_json())
        assert process_start_time(other.pid) not in ("", "1")
        assert current_holder(db_path) is None
        lock = acquire_instance_lock(db_path)
        assert lock.held
        lock.release()
    finally:
        other.kill()
        other.wait()


def test_an_old_qlockfile_lock_left_behind_is_stale(tmp_path):
    db_path = tmp_path / "data.sqlite"
    lock_path(db_path).write_text(f"{os.getpid()}\nadvisor-planner\nsomehost\n")
    with acquire_instance_lock(db_path) as lock:
        assert lock.held


def test_the_lock_file_is_private_and_names_its_holder(tmp_path):
    db_path = tmp_path / "data.sqlite"
    with acquire_instance_lock(db_path, purpose="import"):
        assert lock_path(db_path).stat().st_mode & 0o777 == 0o600
        holder = current_holder(db_path)
        assert holder is not None and holder.pid == os.getpid()
        assert holder.described() == f"advisor-planner import (pid {os.getpid()})"
    assert current_holder(db_path) is None


def test_opening_and_closing_the_lock_file_elsewhere_keeps_the_lock(tmp_path):
    """Unlike SQLite's POSIX locks, closing another descriptor of the file releases nothing."""
    db_path = tmp_path / "data.sqlite"
    with acquire_instance_lock(db_path):
        os.close(os.open(lock_path(db_path), os.O_RDONLY))
        lock_path(db_path).read_text()
        code = (
            "import sys; from advisor_planner.store.lock import current_holder;"
            "print(current_holder(sys.argv[1]))"
        )
        out = subprocess.run(
            [sys.executable, "-c", code, str(db_path)],
            capture_output=True,
            text=True,
            env=_child_env(),
            check=True,
        ).stdout
        assert f"pid={os.getpid()}" in out


def test_a_read_only_folder_is_not_another_window(tmpfs):
    """A folder the lock file cannot be made in raises the OS's error, which says what it
    is (read-only), never ``DatabaseInUseError`` (it used to say "already open")."""
    import subprocess

    folder = tmpfs("64k")
    subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
    with pytest.raises(OSError) as raised:
        acquire_instance_lock(folder / "data.sqlite")
    assert not isinstance(raised.value, DatabaseInUseError)
    assert raised.value.errno == errno.EROFS
