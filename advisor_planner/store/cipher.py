"""Encrypted databases (SQLCipher 4): which files are encrypted, their keys, and connecting.

A database is encrypted when its first 16 bytes are not SQLite's header and its key file
(``store.keys``, ``<database>.keys``) lies beside it. The header is read only before a
connection to the file is open in this process (``store.encryption.state``): closing a file
descriptor releases SQLite's POSIX locks on it (see ``store.lock``). Once a file is open, the
key file alone tells (``store.opening.examine``).

Once unlocked, a database's key is held for this process by :func:`unlock`, for the file and
for its backup folder (its backups are encrypted with the same key), and every connection the
store makes goes through :func:`connect`, which keys it first. The store opens files by path
in many places (the check, the backup, the schema version, the app's connection); keeping
the key beside the path, rather than passing it down each call, is what lets every one of
them work on an encrypted file unchanged. :func:`forget` drops the key when the database is
closed (the idle lock).

The key goes to SQLCipher raw (``PRAGMA key = "x'…'"``): it is random, so SQLCipher's own
key derivation would only add time to every connection.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher

#: What a plain SQLite file starts with; an encrypted one starts with 16 random bytes.
PLAIN_HEADER = b"SQLite format 3\x00"
#: SQLite's and SQLCipher's errors are separate classes; catch both where a file is read.
ERRORS: tuple[type[Exception], ...] = (sqlite3.Error, sqlcipher.Error)
DATABASE_ERRORS: tuple[type[Exception], ...] = (sqlite3.DatabaseError, sqlcipher.DatabaseError)
Connection = sqlcipher.Connection


class LockedDatabaseError(Exception):
    """The database is encrypted and its key is not held: it must be unlocked first."""


_keys: dict[Path, bytes] = {}
_keys_lock = threading.Lock()


def _where(path: str | Path) -> Path:
    return Path(path).expanduser().resolve()


def unlock(database: str | Path, key: bytes, *, backups: Path | None = None) -> None:
    """Hold ``key`` for ``database`` (and every file in its ``backups`` folder)."""
    with _keys_lock:
        _keys[_where(database)] = key
        if backups is not None:
            _keys[_where(backups)] = key


def forget(database: str | Path, *, backups: Path | None = None) -> None:
    with _keys_lock:
        _keys.pop(_where(database), None)
        if backups is not None:
            _keys.pop(_where(backups), None)


def key_for(path: str | Path) -> bytes | None:
    """The key held for the file at ``path``, or for the folder it is in; None if plain
    (``b""``: a file held as plain inside an encrypted database's backup folder)."""
    where = _where(path)
    with _keys_lock:
        if where in _keys:
            return _keys[where]
        return _keys.get(where.parent)


def connect(
    target: str, *, path: str | Path, key: bytes | None = None, **kwargs: Any
) -> sqlite3.Connection:
    """A connection to ``target`` (a file name or a ``file:`` URI for ``path``): SQLite's for
    a plain file, SQLCipher's, keyed, for an encrypted one (``key``, else the one held).
    ``key=b""`` gives SQLCipher's connection to a plain file (for ``sqlcipher_export``)."""
    key = key if key is not None else key_for(path)
    if key is None:
        plain: sqlite3.Connection = sqlite3.connect(target, **kwargs)
        return plain
    # (SQLCipher's connection has sqlite3's API; sqlcipher3 ships no types.)
    connection: sqlite3.Connection = sqlcipher.connect(target, **kwargs)
    try:
        # SQLCipher logs to stderr on a wrong key ("hmac check failed"); the caller says it
        # in one sentence instead.
        connection.execute("PRAGMA cipher_log_level = NONE")
        if key:
            connection.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    except BaseException:
        connection.close()
        raise
    return connection


def is_wrong_key(exc: BaseException) -> bool:
    """Whether ``exc`` is SQLCipher failing to read a file with the key it was given (a
    wrong key, or a plain file opened with a key): SQLite calls both "not a database"."""
    return isinstance(exc, DATABASE_ERRORS) and "file is not a database" in str(exc)
