"""One app instance per database file, through ``QLockFile``.

The lock sits beside the database (``<file>.lock``). Stale detection by age is off: a lock is
stale only when the process that took it is gone, which QLockFile checks by PID and host, so a
killed app's lock is recovered at once and a long-running app's lock never expires.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLockFile


class DatabaseInUseError(RuntimeError):
    """Another running instance holds the database."""


def lock_path(db_path: str | Path) -> Path:
    db_path = Path(db_path)
    return db_path.with_name(f"{db_path.name}.lock")


def acquire_instance_lock(db_path: str | Path) -> QLockFile:
    """Take the database's lock or raise ``DatabaseInUseError`` naming the holder."""
    lock = QLockFile(str(lock_path(db_path)))
    lock.setStaleLockTime(0)
    if lock.tryLock(100):
        return lock
    if lock.error() == QLockFile.LockError.LockFailedError:
        # PySide6 returns (pid, host, app) here, not C++'s bool plus out-parameters.
        pid = lock.getLockInfo()[-3]
        holder = f" by process {pid}" if pid else ""
        raise DatabaseInUseError(f"{db_path} is already open{holder} in another window.")
    raise DatabaseInUseError(f"Could not lock {db_path}: {lock.error().name}")
