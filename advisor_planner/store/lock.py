"""One writer per database file: the instance lock beside it (``<file>.lock``).

The app holds the lock for as long as it has the database open; command-line commands that
write (``import``, ``demo``, ``restore``) take it for their run, and commands that only read
ask who holds it and read through a read-only connection instead (see ``store.opening``).

Why a lock of our own, and why ``flock``
    SQLite's own locks are POSIX advisory locks, which belong to the *process*: closing any
    descriptor of the database file releases all of them (SQLite's "How To Corrupt",
    section 2.2). A process that lost them looks gone to a second connection, which may then
    checkpoint and delete the WAL under it. This lock is an ``flock`` on a separate file: it
    belongs to the open file description, so no other ``open``/``close`` in the process can
    release it, and the kernel drops it the moment the holder dies, so a killed app's lock is
    never stale and a reused PID can never hold it. (On Windows, ``msvcrt.locking`` has the
    same two properties.)

What the file says
    The holder writes who it is: PID, the process's start time and the boot id, host and what
    it is doing. That is for messages ("open in Advisor Planner (pid N)"), and for the rare
    filesystem without ``flock`` (some network shares), where the lock falls back to the file
    alone and a holder counts only while a process with that PID *and* start time runs on this
    boot: a PID reused by another program is stale.

The file is created 0600 and removed when released.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import socket
import sys
from dataclasses import dataclass
from pathlib import Path

from advisor_planner.translation import translate

LOCK_FILE_MODE = 0o600


class DatabaseInUseError(RuntimeError):
    """Another running process holds the database."""

    def __init__(self, db_path: Path, lock_file: Path, holder: LockHolder | None) -> None:
        self.db_path = db_path
        self.lock_file = lock_file
        self.holder = holder
        super().__init__(
            translate(
                "Storage", "{0} is already open in {1}; close it first (lock file: {2})"
            ).format(
                db_path,
                holder.described() if holder else translate("Storage", "another process"),
                lock_file,
            )
        )


@dataclass(frozen=True, slots=True)
class LockHolder:
    """Who holds (or held) a lock, as its file says."""

    pid: int
    started: str = ""  # the process's start time as the OS counts it ("" where unknown)
    boot_id: str = ""
    host: str = ""
    purpose: str = "app"  # "app", or the command holding it ("import", "demo", ...)

    def described(self) -> str:
        """Who holds it, for a sentence: "Advisor Planner (pid 12)", "advisor-planner import
        (pid 12)" (the app's and the command's names are not translated)."""
        what = "Advisor Planner" if self.purpose == "app" else f"advisor-planner {self.purpose}"
        return translate("Storage", "{0} (pid {1})").format(what, self.pid)

    def to_json(self) -> str:
        return json.dumps(
            {
                "pid": self.pid,
                "started": self.started,
                "boot_id": self.boot_id,
                "host": self.host,
                "purpose": self.purpose,
            }
        )

    @classmethod
    def from_text(cls, text: str) -> LockHolder | None:
        try:
            data = json.loads(text)
            return cls(
                pid=int(data["pid"]),
                started=str(data.get("started", "")),
                boot_id=str(data.get("boot_id", "")),
                host=str(data.get("host", "")),
                purpose=str(data.get("purpose", "app")),
            )
        except (ValueError, TypeError, KeyError):
            pass
        # A lock written by QLockFile (versions before this one): "pid\napp\nhost\n".
        first = text.split("\n", 1)[0].strip()
        return cls(pid=int(first)) if first.isdigit() else None


def lock_path(db_path: str | Path) -> Path:
    db_path = Path(db_path)
    return db_path.with_name(f"{db_path.name}.lock")


def process_start_time(pid: int) -> str:
    """When process ``pid`` started, as an opaque string ("" where the OS does not say)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return ""
    # Field 22 (starttime, in clock ticks since boot) counts after the ")" closing the name,
    # which may itself hold spaces and parentheses.
    fields = stat.rsplit(")", 1)[-1].split()
    return fields[19] if len(fields) > 19 else ""


def boot_id() -> str:
    try:
        return Path("/proc/sys/kernel/random/boot_id").read_text().strip()
    except OSError:
        return ""


def this_process(purpose: str) -> LockHolder:
    return LockHolder(
        pid=os.getpid(),
        started=process_start_time(os.getpid()),
        boot_id=boot_id(),
        host=socket.gethostname(),
        purpose=purpose,
    )


def holder_is_running(holder: LockHolder) -> bool:
    """Whether the process a lock file names still runs (for filesystems without ``flock``):
    same host, same boot, a live PID with the same start time."""
    if holder.host and holder.host != socket.gethostname():
        return True  # another machine's: we cannot tell, so it counts
    if holder.boot_id and holder.boot_id != boot_id():
        return False
    try:
        os.kill(holder.pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # alive, someone else's
    except OSError:
        return False
    if holder.started and holder.started != process_start_time(holder.pid):
        return False  # the PID now belongs to another program
    return True


def _read_holder(path: Path) -> LockHolder | None:
    try:
        return LockHolder.from_text(path.read_text(encoding="utf-8", errors="replace"))
    except OSError:
        return None


class _NoKernelLock(Exception):
    """The filesystem does not support the kernel lock; fall back to the file's content."""


def _try_kernel_lock(fd: int) -> bool:
    """Take the kernel lock on ``fd`` without waiting: True if taken, False if held."""
    if sys.platform == "win32":  # pragma: no cover - not testable on these machines
        import msvcrt

        # Lock a byte far past the content, so the holder's details stay readable.
        os.lseek(fd, 1 << 20, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    except OSError as exc:
        if exc.errno in (errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS, errno.EINVAL):
            raise _NoKernelLock from exc
        raise
    return True


class InstanceLock:
    """A held instance lock; ``release()`` (or leaving the ``with`` block) lets it go."""

    def __init__(self, path: Path, fd: int, holder: LockHolder) -> None:
        self.path = path
        self.holder = holder
        self._fd: int | None = fd

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        # Remove the file while still holding the lock: a process that opened it meanwhile
        # finds after its own ``flock`` that the file it locked is no longer the one at the
        # path, and tries again (see ``acquire_instance_lock``).
        with contextlib.suppress(OSError):
            self.path.unlink()
        os.close(fd)

    def __enter__(self) -> InstanceLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()

    def __del__(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._fd)


def acquire_instance_lock(db_path: str | Path, *, purpose: str = "app") -> InstanceLock:
    """Take the lock of ``db_path`` or raise ``DatabaseInUseError`` naming its holder.

    An ``OSError`` (a read-only folder, a full disk, no permission) goes to the caller as it
    is: it says nothing about another process, and ``store.problems`` words it.
    """
    db_path = Path(db_path)
    path = lock_path(db_path)
    me = this_process(purpose)
    for _attempt in range(10):
        fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), LOCK_FILE_MODE)
        try:
            try:
                taken = _try_kernel_lock(fd)
            except _NoKernelLock:
                holder = _read_holder(path)
                taken = holder is None or holder.pid == os.getpid() or not holder_is_running(holder)
                if taken and holder is not None and holder.pid == os.getpid():
                    taken = False  # this process holds it already
            if not taken:
                raise DatabaseInUseError(db_path, path, _read_holder(path))
            if not _same_file(fd, path):
                os.close(fd)
                continue  # the holder removed it as we opened it: take the new one
            if hasattr(os, "fchmod"):
                os.fchmod(fd, LOCK_FILE_MODE)
            content = me.to_json().encode()
            os.ftruncate(fd, 0)
            os.lseek(fd, 0, os.SEEK_SET)
            if os.write(fd, content) != len(content):
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
            os.fsync(fd)
        except BaseException:
            with contextlib.suppress(OSError):
                os.close(fd)
            raise
        return InstanceLock(path, fd, me)
    raise DatabaseInUseError(db_path, path, _read_holder(path))


def _same_file(fd: int, path: Path) -> bool:
    try:
        on_disk = path.stat()
    except FileNotFoundError:
        return False
    mine = os.fstat(fd)
    return (mine.st_dev, mine.st_ino) == (on_disk.st_dev, on_disk.st_ino)


def current_holder(db_path: str | Path) -> LockHolder | None:
    """Who holds the lock of ``db_path`` now, or None when nobody does (a leftover file of a
    process that is gone counts as nobody). Takes nothing and writes nothing."""
    path = lock_path(db_path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        return None
    except OSError:
        holder = _read_holder(path)
        return holder if holder is not None and holder_is_running(holder) else None
    try:
        if sys.platform == "win32":  # pragma: no cover
            holder = _read_holder(path)
            return holder if holder is not None and holder_is_running(holder) else None
        import fcntl

        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return _read_holder(path) or LockHolder(pid=0)
        except OSError:
            holder = _read_holder(path)
            return holder if holder is not None and holder_is_running(holder) else None
        return None  # nobody holds it (our shared lock goes when fd closes)
    finally:
        os.close(fd)
