"""Opening the database: the pragmas that keep data safe, private file modes, the write gate."""

from __future__ import annotations

import os
import stat
import threading

import pytest

from advisor_planner.services import stakeholders
from advisor_planner.store import models as m
from advisor_planner.store.connection import (
    GateState,
    ReadOnlyDatabaseError,
    close_database,
    database_path,
    open_database,
)
from advisor_planner.store.opening import init_db


def _mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_pragmas_are_wal_full_sync_and_foreign_keys(db):
    assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute_sql("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1


def test_pragmas_hold_on_a_connection_made_by_another_thread(db):
    # peewee keeps one connection per thread; each must get the pragmas, not just the first.
    seen = {}

    def probe():
        try:
            seen["journal"] = db.execute_sql("PRAGMA journal_mode").fetchone()[0]
            seen["sync"] = db.execute_sql("PRAGMA synchronous").fetchone()[0]
            seen["fk"] = db.execute_sql("PRAGMA foreign_keys").fetchone()[0]
        finally:
            db.close()

    worker = threading.Thread(target=probe)
    worker.start()
    worker.join(10)
    assert seen == {"journal": "wal", "sync": 2, "fk": 1}


def test_database_file_and_wal_are_private(db, db_path):
    stakeholders.create(name="Ada")
    assert _mode(db_path) == 0o600
    wal = db_path.with_name(db_path.name + "-wal")
    assert wal.exists()
    assert _mode(wal) == 0o600


def test_init_db_makes_missing_folders_and_a_0600_file(tmp_path):
    path = tmp_path / "nested" / "fresh.sqlite"
    db = init_db(path)
    try:
        assert path.exists()
        assert _mode(path) == 0o600
        assert database_path(db) == path
    finally:
        close_database()


def test_foreign_keys_are_enforced(db):
    from peewee import IntegrityError

    with pytest.raises(IntegrityError):
        m.TrustCheck.insert(
            stakeholder=999,
            checked_on="2026-01-01",
            credibility=5,
            reliability=5,
            intimacy=5,
            self_orientation=5,
        ).execute()


def test_close_database_checkpoints_the_wal(db, db_path):
    stakeholders.create(name="Ada")
    close_database()
    wal = db_path.with_name(db_path.name + "-wal")
    # TRUNCATE checkpoint leaves an empty (or no) WAL: the main file stands on its own.
    assert not wal.exists() or wal.stat().st_size == 0
    assert db.is_closed()


def test_read_only_open_refuses_writes_and_still_reads(db, db_path):
    stakeholders.create(name="Ada")
    close_database()
    ro = open_database(db_path, read_only=True)
    try:
        assert ro.gate_state is GateState.CLOSED
        assert [s.name for s in stakeholders.list_all()] == ["Ada"]
        with pytest.raises(ReadOnlyDatabaseError):
            stakeholders.create(name="Bea")
    finally:
        ro.close()


def test_read_only_open_of_a_missing_file_raises(tmp_path):
    with pytest.raises(FileNotFoundError):
        open_database(tmp_path / "absent.sqlite", read_only=True)
    assert not (tmp_path / "absent.sqlite").exists()


# -- the write gate ---------------------------------------------------------------------------
def test_pending_gate_holds_a_write_until_opened(db, db_path):
    close_database()
    gated = open_database(db_path, gate=GateState.PENDING)
    try:
        # Reads go through while the check runs.
        assert stakeholders.count() == 0
        done = threading.Event()
        outcome = {}

        def write():
            try:
                outcome["id"] = stakeholders.create(name="Waiting Wanda").id
            except Exception as exc:  # pragma: no cover - reported through the assert below
                outcome["error"] = exc
            finally:
                gated.close()
                done.set()

        writer = threading.Thread(target=write)
        writer.start()
        # The writer is parked at the gate: nothing lands while the state is PENDING.
        assert not done.wait(0.3)
        assert stakeholders.count() == 0
        gated.set_gate(GateState.OPEN)
        assert done.wait(10)
        writer.join(10)
        assert "error" not in outcome
        assert stakeholders.get(stakeholder_id=outcome["id"]).name == "Waiting Wanda"
    finally:
        gated.close()


def test_pending_gate_then_closed_refuses_the_waiting_write(db, db_path):
    close_database()
    gated = open_database(db_path, gate=GateState.PENDING)
    try:
        outcome = {}

        def write():
            try:
                stakeholders.create(name="Never")
            except ReadOnlyDatabaseError as exc:
                outcome["error"] = exc
            finally:
                gated.close()

        writer = threading.Thread(target=write)
        writer.start()
        writer.join(0.2)
        assert writer.is_alive()
        gated.set_gate(GateState.CLOSED, "failed its check")
        writer.join(10)
        assert str(outcome["error"]) == "failed its check"
        assert stakeholders.count() == 0
    finally:
        gated.close()


def test_closed_gate_raises_at_once(db):
    db.set_gate(GateState.CLOSED, "damaged")
    try:
        with pytest.raises(ReadOnlyDatabaseError, match="damaged"):
            stakeholders.create(name="Nope")
        assert stakeholders.count() == 0
    finally:
        db.set_gate(GateState.OPEN)


def test_pending_gate_times_out_with_read_only_error(db, monkeypatch):
    monkeypatch.setattr(type(db), "gate_timeout", 0.1)
    db.set_gate(GateState.PENDING)
    try:
        with pytest.raises(ReadOnlyDatabaseError, match="still running"):
            stakeholders.create(name="Impatient")
    finally:
        db.set_gate(GateState.OPEN)
    assert stakeholders.count() == 0


def test_gate_bypass_lets_only_its_own_thread_write_while_pending(tmp_path):
    import threading

    from advisor_planner.store.connection import GateState, close_database, open_database
    from advisor_planner.store.models import Stakeholder, database

    db = open_database(tmp_path / "gate.sqlite")
    database.create_tables([Stakeholder])
    db.set_gate(GateState.PENDING)
    db.gate_timeout = 0.2
    with db.gate_bypass():
        Stakeholder.create(name="written by the migrating thread")
    failures: list[BaseException] = []

    def other_thread() -> None:
        try:
            Stakeholder.create(name="must wait")
        except BaseException as exc:  # noqa: BLE001 - inspected below
            failures.append(exc)
        finally:
            database.close()

    worker = threading.Thread(target=other_thread)
    worker.start()
    worker.join()
    assert [type(exc).__name__ for exc in failures] == ["ReadOnlyDatabaseError"]
    assert [s.name for s in Stakeholder.select()] == ["written by the migrating thread"]
    db.set_gate(GateState.OPEN)
    close_database()
