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
