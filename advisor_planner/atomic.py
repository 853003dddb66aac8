"""Writing a file so that a failure never leaves half of one.

Everything the app writes outside its database (progress PDFs, archives, CSV exports, backups)
goes through a temporary file beside the target, moved into place only when the write
finished: a failed or cancelled write leaves no partial file and never replaces a good one.

Durability: the temporary file is ``fsync``-ed before the rename and its folder after it, so a
power cut leaves the old file or the new one, never an empty one (a rename can reach the disk
before the data it names does).

Leftovers: the temporary file's name carries the writer's PID (``.NAME.PID.RANDOM.part``), so
``sweep_leftovers`` can remove those of writers that are gone (killed mid-write) without
touching one that is still being written by a running process.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TextIO

PART_SUFFIX = ".part"
#: With less than this free after a write that came out short, the disk is taken to be full.
FULL_DISK_BYTES = 1024 * 1024


def incomplete(path: Path, what: str) -> OSError:
    """The error for a write that finished without error yet left a file that is not whole
    (Qt's writers report no I/O errors; the file tells): a full disk when it is nearly full."""
    try:
        free = shutil.disk_usage(Path(path).parent).free
    except OSError:
        free = None
    if free is not None and free < FULL_DISK_BYTES:
        return OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
    return OSError(errno.EIO, f"the {what} was not written completely", str(path))


def check_tail(marker: bytes, what: str) -> Callable[[Path], None]:
    """A ``check`` for ``replacing``: the file is not empty and its last KB holds ``marker``
    (a PDF's ``%%EOF``, a PNG's ``IEND``)."""

    def check(path: Path) -> None:
        size = path.stat().st_size
        with path.open("rb") as handle:
            handle.seek(max(0, size - 1024))
            tail = handle.read()
        if size == 0 or marker not in tail:
            raise incomplete(path, what)

    return check


# (With SQLite's side files too: a database written as a temporary file, as an encrypted
# copy is, leaves ``-journal``, ``-wal`` or ``-shm`` beside it when its writer is killed.)
_PART_NAME = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d+)\.[^.]+\.part(?:-journal|-wal|-shm)?$")


def fsync_folder(folder: Path) -> None:
    """Make a rename or unlink in ``folder`` durable (no-op where folders cannot be opened)."""
    if os.name == "nt":  # pragma: no cover - Windows has no directory handles to fsync
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some filesystems refuse fsync on a folder; the rename is as durable as they allow
    finally:
        os.close(fd)


def fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def temporary_beside(path: Path) -> Path:
    """A new empty file (mode 0600) beside ``path``, named for ``sweep_leftovers``."""
    handle, temporary = tempfile.mkstemp(
        prefix=f".{path.name}.{os.getpid()}.", suffix=PART_SUFFIX, dir=path.parent
    )
    os.close(handle)
    return Path(temporary)


@contextlib.contextmanager
def replacing(path: Path, check: Callable[[Path], None] | None = None) -> Iterator[Path]:
    """A temporary path beside ``path``, moved onto it when the block ends without an error
    and deleted when it raises (the error goes on).

    ``check(temporary)`` runs before the move and raises if the file is not whole (a PDF
    without its end, a copy shorter than it should be): the old file is then left as it was.
    """
    path = Path(path)
    temporary_path = temporary_beside(path)
    try:
        yield temporary_path
        if check is not None:
            check(temporary_path)
        fsync_file(temporary_path)
        os.replace(temporary_path, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary_path.unlink()
        raise
    fsync_folder(path.parent)


def write_text(path: Path, write: Callable[[TextIO], None], *, newline: str | None = None) -> None:
    """Call ``write`` with a UTF-8 text stream whose content replaces ``path`` at the end."""
    with replacing(path) as temporary:
        with temporary.open("w", encoding="utf-8", newline=newline) as out:
            write(out)


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # alive but someone else's, or we cannot tell: leave it
    return True


def sweep_leftovers(folder: Path, *, name: str | None = None) -> list[Path]:
    """Remove the temporary files of writers that are gone from ``folder`` (only those named
    for ``name`` when given); return what was removed."""
    removed: list[Path] = []
    try:
        entries = list(Path(folder).iterdir())
    except OSError:
        return removed
    for entry in entries:
        match = _PART_NAME.match(entry.name)
        if match is None or (name is not None and match["name"] != name):
            continue
        if _running(int(match["pid"])):
            continue
        with contextlib.suppress(OSError):
            entry.unlink()
            removed.append(entry)
    return removed
