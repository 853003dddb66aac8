"""Backups through SQLite's online backup API, never a file copy of a live database.

A backup is written to a temporary file beside its destination (mode 0600) and moved into
place, so a failed backup never replaces a good one. ``rotate_backups`` keeps the last seven
daily and four weekly copies; the app runs it on a worker thread.
"""

from __future__ import annotations

import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from advisor_planner.store.connection import FILE_MODE, create_private_file
from advisor_planner.store.integrity import quick_check

KEEP_DAILY = 7
KEEP_WEEKLY = 4
KEEP_PRE_MIGRATION = 3
BACKUP_SUFFIX = ".sqlite"


def backup_dir(db_path: str | Path) -> Path:
    """Where the backups of ``db_path`` live: a folder beside it named after it."""
    db_path = Path(db_path)
    return db_path.with_name(f"{db_path.name}.backups")


def backup_file(source: str | Path | sqlite3.Connection, destination: str | Path) -> Path:
    """Copy a database (a path or an open connection) to ``destination`` with the backup API."""
    destination = Path(destination)
    destination.parent.mkdir(parents=True, exist_ok=True)
    tmp = destination.with_name(f".{destination.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    create_private_file(tmp)
    own_source = not isinstance(source, sqlite3.Connection)
    src = sqlite3.connect(str(source)) if own_source else source
    try:
        dst = sqlite3.connect(str(tmp))
        try:
            src.backup(dst)
            # A backup of a WAL database is itself in WAL mode; make the copy a single file.
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
        os.chmod(tmp, FILE_MODE)
        os.replace(tmp, destination)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    finally:
        if own_source:
            src.close()
    return destination


def make_backup(db_path: str | Path, *, label: str, now: datetime | None = None) -> Path:
    """A named backup of ``db_path`` in its backup folder: ``<label>-<timestamp>.sqlite``."""
    now = now or datetime.now()
    name = f"{label}-{now:%Y%m%d-%H%M%S}{BACKUP_SUFFIX}"
    path = backup_file(db_path, backup_dir(db_path) / name)
    _prune(backup_dir(db_path), label, KEEP_PRE_MIGRATION if label.startswith("pre-") else 50)
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
    folder = backup_dir(db_path)
    folder.mkdir(parents=True, exist_ok=True)
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
    """The newest backup that passes ``quick_check``, or None."""
    for candidate in list_backups(db_path):
        if quick_check(candidate).ok:
            return candidate
    return None


def restore_backup(backup: str | Path, db_path: str | Path) -> Path:
    """Replace the (closed) database at ``db_path`` with ``backup``, keeping the old file aside.

    The current file is moved to ``<name>.replaced-<timestamp>`` rather than deleted, so a
    mistaken restore loses nothing.
    """
    db_path = Path(db_path)
    aside = db_path.with_name(f"{db_path.name}.replaced-{datetime.now():%Y%m%d-%H%M%S}")
    staged = backup_file(backup, db_path.with_name(f".{db_path.name}.restoring"))
    if db_path.exists():
        os.replace(db_path, aside)
    for suffix in ("-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    os.replace(staged, db_path)
    return aside
