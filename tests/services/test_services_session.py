"""``services.session`` as the command line uses it, without Qt: ``opened`` and ``locked``
refuse with one ``CannotOpen`` sentence (a usage problem only when there is no file), and
``back_up`` / ``restore_from`` copy and put back a checked file. The commands' own words
and exit codes are tested in ``tests/cli``."""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor_planner.services import session, stakeholders
from advisor_planner.store import models


def test_reading_a_missing_file_is_a_usage_problem(tmp_path: Path) -> None:
    path = tmp_path / "none.sqlite"
    with pytest.raises(session.CannotOpen) as caught, session.opened(path):
        pass
    assert caught.value.usage
    assert str(caught.value) == f"no database at {path}"
    assert not path.exists()


def test_writing_creates_the_file_then_reading_opens_it_read_only(tmp_path: Path) -> None:
    path = tmp_path / "planner.sqlite"
    with session.opened(path, writing="test"):
        stakeholders.create(name="Ada Lovelace")
    with session.opened(path):
        db = models.database.obj
        assert db is not None and db.read_only
        assert [p.name for p in stakeholders.list_all()] == ["Ada Lovelace"]
    assert db.is_closed()


def test_a_held_lock_refuses_naming_its_holder(tmp_path: Path) -> None:
    path = tmp_path / "planner.sqlite"
    with session.locked(path, "restore"):
        with pytest.raises(session.CannotOpen) as caught, session.opened(path, writing="import"):
            pass
        with pytest.raises(session.CannotOpen), session.locked(path, "restore"):
            pass
    assert not caught.value.usage
    assert "advisor-planner restore (pid" in str(caught.value)
    with session.locked(path, "restore"):  # released after the block
        pass


def test_a_writer_that_holds_the_lock_already_opens_under_it(tmp_path: Path) -> None:
    """``lock_held``: the lock spans more than the open file (unlock before, encrypt after)."""
    path = tmp_path / "planner.sqlite"
    with session.locked(path, "demo"):
        with session.opened(path, writing="demo", lock_held=True):
            stakeholders.create(name="Ada Lovelace")
        with pytest.raises(session.CannotOpen, match="advisor-planner demo"):
            with session.opened(path, writing="import"):
                pass
    with session.opened(path):
        assert [p.name for p in stakeholders.list_all()] == ["Ada Lovelace"]


def test_back_up_then_restore_from_keeps_the_replaced_file(tmp_path: Path) -> None:
    path = tmp_path / "planner.sqlite"
    with session.opened(path, writing="test"):
        stakeholders.create(name="Ada Lovelace")
    copy = session.back_up(path, tmp_path / "copy.sqlite")
    manual = session.back_up(path)
    assert manual.parent == session.backup_folder(path)
    assert session.newest_good_backup(path) == manual

    aside = session.restore_from(copy, path)
    assert aside.is_file()
    assert [name for name, _ in session.table_counts(path)] == [
        name for name, _ in session.table_counts(copy)
    ]


def test_only_a_sound_file_with_nothing_to_migrate_is_read_before_its_full_check(
    tmp_path: Path, make_damaged
) -> None:
    import sqlite3

    from advisor_planner.store.connection import ReadOnlyDatabaseError, close_database

    path = tmp_path / "planner.sqlite"
    with session.opened(path, writing="test"):
        stakeholders.create(name="Ada Lovelace")
    before = path.read_bytes()
    early = session.open_for_early_reading(path)
    try:
        assert early is not None and early.read_only
        assert [p.name for p in stakeholders.list_all()] == ["Ada Lovelace"]
        with pytest.raises(ReadOnlyDatabaseError, match="still running"):
            stakeholders.create(name="Grace Hopper")
    finally:
        close_database()
    assert path.read_bytes() == before
    # Without the instance lock (a read-only folder), nothing is read early either.
    assert session.open_for_early_reading(path, "The folder is read-only.") is None
    # A file that needs a migration waits for the check and the migration, as before.
    older = tmp_path / "older.sqlite"
    older.write_bytes(before)
    con = sqlite3.connect(older)
    with con:
        con.execute("UPDATE schema_version SET version = version - 1")
    con.close()
    assert session.open_for_early_reading(older) is None
    # So does a file with damaged pages, one that is not there, and an empty one.
    assert session.open_for_early_reading(make_damaged(tmp_path / "damaged.sqlite")) is None
    assert session.open_for_early_reading(tmp_path / "none.sqlite") is None
    (tmp_path / "empty.sqlite").write_bytes(b"")
    assert session.open_for_early_reading(tmp_path / "empty.sqlite") is None
    assert not (tmp_path / "none.sqlite").exists()


def test_a_worker_closes_what_it_opened_when_the_binding_changes_under_it(
    tmp_path: Path,
) -> None:
    """The start-up binds a read-only database for the first data, then the checked one; a
    worker that began on the first must not keep its connection to it (freed with the
    thread's state, SQLCipher's connection aborts the process)."""
    import threading

    from advisor_planner.services.workers import on_worker
    from advisor_planner.store.connection import close_database, open_database

    path = tmp_path / "planner.sqlite"
    with session.opened(path, writing="test"):
        stakeholders.create(name="Ada Lovelace")
    early = open_database(path, read_only=True)
    early.close()
    seen: dict[str, object] = {}

    def work() -> int:
        count = stakeholders.count()  # through the early database
        seen["checked"] = open_database(path)  # the check binds the writable one meanwhile
        return count + stakeholders.count()

    def worker() -> None:
        seen["counted"] = on_worker(work)
        seen["early closed"] = early.is_closed()  # (this thread's connection)
        seen["checked closed"] = seen["checked"].is_closed()  # type: ignore[attr-defined]

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join(10)
    close_database()
    assert seen["counted"] == 2
    assert seen["early closed"] and seen["checked closed"]
