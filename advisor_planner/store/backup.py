"""Backups through SQLite's online backup API, never a file copy of a live database.

- The source is read through a **read-only** connection (or the caller's open one): a
  read-write connection in another process, closing as what it believed was the last one,
  would checkpoint and delete the WAL under a running app (see ``store.lock``).
- A backup is written to a temporary file beside its destination (``atomic.replacing``: mode
  0600, fsync before the rename and of the folder after it) and counts only once
  ``integrity_check`` and ``foreign_key_check`` pass **on the copy**; a copy of a damaged file
  is refused, so the rotation never replaces good backups with bad ones.
- The backup folder is 0700. ``rotate_backups`` keeps the last seven daily and four weekly
  copies; the app runs it on a worker thread.
- ``restore_backup`` checks the backup, sets the current file (with its WAL) aside under a name
  never used before, and moves a checked copy into place.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from advisor_planner import atomic
from advisor_planner.store import cipher
from advisor_planner.store.integrity import CheckResult, connect_read_only, full_check
from advisor_planner.translation import translate

KEEP_DAILY = 7
KEEP_WEEKLY = 4
KEEP_PRE_MIGRATION = 3
BACKUP_SUFFIX = ".sqlite"
FOLDER_MODE = 0o700
SIDE_FILES = ("-wal", "-shm", "-journal")


class BadBackupError(RuntimeError):
    """A copy (or the backup to restore) failed its integrity check."""

    def __init__(self, path: Path, result: CheckResult) -> None:
        self.path = path
        self.result = result
        super().__init__(
            translate("Storage", "{0} failed its integrity check: {1}").format(
                path, result.summary()
            )
        )


def backup_dir(db_path: str | Path) -> Path:
    """Where the backups of ``db_path`` live: a folder beside it named after it."""
    db_path = Path(db_path)
    return db_path.with_name(f"{db_path.name}.backups")


def ensure_backup_dir(db_path: str | Path) -> Path:
    """The backup folder, made (0700) if missing, and its stale temporary files swept."""
    folder = backup_dir(db_path)
    folder.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    with contextlib.suppress(OSError):
        os.chmod(folder, FOLDER_MODE)
    atomic.sweep_leftovers(folder)
    return folder


def sweep_leftovers(db_path: str | Path) -> list[Path]:
    """Remove what killed writers left beside ``db_path`` and in its backup folder: temporary
    copies of processes that are gone, and a staged restore that never finished. Run at
    start-up, under the instance lock (so no restore of ours is in progress)."""
    db_path = Path(db_path)
    removed = atomic.sweep_leftovers(db_path.parent)
    if backup_dir(db_path).is_dir():
        removed += atomic.sweep_leftovers(backup_dir(db_path))
    staged = db_path.with_name(f".{db_path.name}.restoring")
    if staged.exists():
        _remove_with_side_files(staged)
        removed.append(staged)
    return removed


def _remove_with_side_files(path: Path) -> None:
    for suffix in ("", *SIDE_FILES):
        with contextlib.suppress(OSError):
            Path(f"{path}{suffix}").unlink()


def _verify(copy: Path) -> None:
    result = full_check(copy)
    if not result.ok:
        raise BadBackupError(copy, result)


def backup_file(
    source: str | Path | sqlite3.Connection, destination: str | Path, *, verify: bool = True
) -> Path:
    """Copy a database (a path, read read-only, or an open connection) to ``destination``
    with the backup API; with ``verify``, the copy must pass the full check before it
    replaces whatever was at ``destination``."""
    destination = Path(destination)
    destination.parent.mkdir(parents=True, exist_ok=True)
    atomic.sweep_leftovers(destination.parent, name=destination.name)
    if isinstance(source, (sqlite3.Connection, cipher.Connection)):
        src, own_source, key = source, False, None
    else:
        src, own_source, key = connect_read_only(source), True, cipher.key_for(source)
    temporary: Path | None = None
    try:
        with atomic.replacing(destination, check=_verify if verify else None) as temporary:
            if key is not None:  # an encrypted database's copies take its key
                cipher.unlock(temporary, key)
                cipher.unlock(destination, key)
            dst = cipher.connect(str(temporary), path=temporary)
            try:
                src.backup(dst)
                # A backup of a WAL database is itself in WAL mode; make the copy one file.
                dst.execute("PRAGMA journal_mode=DELETE")
            finally:
                dst.close()
    except BaseException:
        if temporary is not None:
            _remove_with_side_files(temporary)
        raise
    finally:
        if own_source:
            src.close()
    return destination


def make_backup(db_path: str | Path, *, label: str, now: datetime | None = None) -> Path:
    """A named backup of ``db_path`` in its backup folder: ``<label>-<timestamp>.sqlite``."""
    now = now or datetime.now()
    folder = ensure_backup_dir(db_path)
    name = f"{label}-{now:%Y%m%d-%H%M%S}{BACKUP_SUFFIX}"
    path = backup_file(db_path, folder / name)
    _prune(folder, label, KEEP_PRE_MIGRATION if label.startswith("pre-") else 50)
    return path


_DATED = re.compile(r"^(daily|weekly)-(.+)\.sqlite$")


@dataclass(frozen=True, slots=True)
class RotationResult:
    made: tuple[Path, ...]
    removed: tuple[Path, ...]


def rotate_backups(db_path: str | Path, *, now: datetime | None = None) -> RotationResult:
    """Make today's daily and this ISO week's weekly backup if missing, then prune old ones."""
    db_path = Path(db_path)
    now = now or datetime.now()
    folder = ensure_backup_dir(db_path)
    iso = now.isocalendar()
    wanted = {
        folder / f"daily-{now:%Y-%m-%d}{BACKUP_SUFFIX}",
        folder / f"weekly-{iso.year}-W{iso.week:02d}{BACKUP_SUFFIX}",
    }
    made = []
    for target in sorted(wanted):
        if not target.exists():
            made.append(backup_file(db_path, target))
    removed = _prune(folder, "daily", KEEP_DAILY) + _prune(folder, "weekly", KEEP_WEEKLY)
    return RotationResult(tuple(made), tuple(removed))


def _prune(folder: Path, label: str, keep: int) -> tuple[Path, ...]:
    # Names sort by date because the timestamps in them are zero-padded and most significant first.
    backups = sorted(folder.glob(f"{label}-*{BACKUP_SUFFIX}"))
    stale = backups[:-keep] if keep else backups
    for path in stale:
        path.unlink(missing_ok=True)
    return tuple(stale)


def list_backups(db_path: str | Path) -> list[Path]:
    """Every backup of ``db_path``, newest first (by modification time)."""
    folder = backup_dir(db_path)
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"*{BACKUP_SUFFIX}"), key=lambda p: p.stat().st_mtime, reverse=True)


def newest_good_backup(db_path: str | Path) -> Path | None:
    """The newest backup that passes the full check (integrity and foreign keys), or None."""
    for candidate in list_backups(db_path):
        try:
            if full_check(candidate).ok:
                return candidate
        except cipher.ERRORS:
            continue  # could not be checked (unreadable, no room): not one to offer
    return None


def _reserve_aside(db_path: Path, now: datetime) -> Path:
    """A name for setting ``db_path`` aside that no earlier restore used, made (empty) so that
    a second restore in the same second cannot take it too."""
    stem = f"{db_path.name}.replaced-{now:%Y%m%d-%H%M%S}"
    for number in range(1, 10_000):
        candidate = db_path.with_name(stem if number == 1 else f"{stem}-{number}")
        if any(Path(f"{candidate}{suffix}").exists() for suffix in SIDE_FILES):
            continue
        try:
            fd = os.open(candidate, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        except FileExistsError:
            continue
        os.close(fd)
        return candidate
    raise FileExistsError(translate("Storage", "no free name to set {0} aside").format(db_path))


def restore_backup(backup: str | Path, db_path: str | Path) -> Path:
    """Replace the (closed) database at ``db_path`` with ``backup``, keeping the old file aside.

    The backup must pass the full check. The current file is moved, with its WAL, to
    ``<name>.replaced-<timestamp>[-N]`` rather than deleted, so a mistaken restore loses
    nothing; its ``-shm`` (an index rebuilt from the WAL) is removed. Returns that path. If
    anything fails, the database is left as it was.
    """
    backup, db_path = Path(backup), Path(db_path)
    result = full_check(backup)
    if not result.ok:
        raise BadBackupError(backup, result)
    staged = backup_file(backup, db_path.with_name(f".{db_path.name}.restoring"))
    aside: Path | None = None
    try:
        aside = _reserve_aside(db_path, datetime.now())
        if db_path.exists():
            os.replace(db_path, aside)
        else:
            aside.unlink()
        wal = Path(f"{db_path}-wal")
        if wal.exists():
            os.replace(wal, f"{aside}-wal")
        Path(f"{db_path}-shm").unlink(missing_ok=True)
        os.replace(staged, db_path)
    except BaseException:
        # Put the current file back where it was; the staged copy goes.
        if aside is not None and aside.exists() and not db_path.exists():
            os.replace(aside, db_path)
            if Path(f"{aside}-wal").exists():
                os.replace(f"{aside}-wal", f"{db_path}-wal")
        elif aside is not None and aside.exists() and aside.stat().st_size == 0:
            aside.unlink(missing_ok=True)
        _remove_with_side_files(staged)
        raise
    atomic.fsync_folder(db_path.parent)
    return aside
