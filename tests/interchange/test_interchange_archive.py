"""The JSON archive: the small demo out and back in exactly; refused over data unless merged;
merging doubles nothing; a load taken back (undo) leaves the database as it was."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from advisor_planner import demo
from advisor_planner.services import archive, archive_format, stakeholders, trash
from advisor_planner.services.errors import FileRefused
from advisor_planner.store import models as m
from advisor_planner.store.connection import close_database
from advisor_planner.store.opening import init_db

DEMO_DAY = date(2026, 11, 30)


def _tables(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table of the data, in id order (the schema's bookkeeping aside)."""
    con = sqlite3.connect(path)
    try:
        names = [model._meta.table_name for model in archive_format.TABLES]
        return {n: con.execute(f'SELECT * FROM "{n}" ORDER BY id').fetchall() for n in names}
    finally:
        con.close()


def _sequences(path: Path) -> dict[str, int]:
    con = sqlite3.connect(path)
    try:
        return dict(con.execute("SELECT name, seq FROM sqlite_sequence"))
    finally:
        con.close()


@pytest.fixture
def small_demo_archive(tmp_path: Path) -> tuple[Path, Path]:
    """The small demo in a database of its own, with one record in the trash, and its
    archive."""
    source = tmp_path / "source.sqlite"
    init_db(source)
    try:
        demo.generate(size="small", seed=0, today=DEMO_DAY)
        newest = max(p.id for p in stakeholders.list_all())
        stakeholders.delete(stakeholder_id=newest)  # a trashed record keeps its id
        archive.export(tmp_path / "archive.json")
    finally:
        close_database()
    return source, tmp_path / "archive.json"


def test_a_round_trip_of_the_small_demo_gives_equal_records(
    small_demo_archive: tuple[Path, Path], tmp_path: Path
) -> None:
    source, path = small_demo_archive
    target = tmp_path / "restored.sqlite"
    init_db(target)
    try:
        result = archive.load(path)
    finally:
        close_database()
    before, after = _tables(source), _tables(target)
    assert {n: len(rows) for n, rows in after.items()} == {n: len(r) for n, r in before.items()}
    assert sum(result.added.values()) == sum(len(rows) for rows in before.values())
    for name in before:
        if name != "setting":  # settings have no lasting ids: compared by key below
            assert after[name] == before[name], name
    key_value = lambda rows: sorted((row[3], row[4]) for row in rows)  # noqa: E731
    assert key_value(after["setting"]) == key_value(before["setting"])
    assert _sequences(target) == _sequences(source)


def test_the_trash_comes_back_and_restores_under_its_own_id(
    small_demo_archive: tuple[Path, Path], tmp_path: Path
) -> None:
    _, path = small_demo_archive
    init_db(tmp_path / "restored.sqlite")
    try:
        archive.load(path)
        (entry,) = trash.list_entries()
        newcomer = stakeholders.create(name="A newcomer")
        assert newcomer.id != entry.record_id  # the id waiting in the trash is not reused
        trash.restore(entry_id=entry.entry_id)
        assert stakeholders.get(stakeholder_id=entry.record_id).name
    finally:
        close_database()


def test_an_archive_over_data_is_refused_unless_merged(db, tmp_path: Path) -> None:
    stakeholders.create(name="Ada Lovelace", email="ada@ae.example")
    path = tmp_path / "one.json"
    archive.export(path)
    with pytest.raises(FileRefused, match="already holds data; merge"):
        archive.load(path)
    assert stakeholders.count() == 1


def test_merging_doubles_no_person_and_no_identical_record(
    small_demo_archive: tuple[Path, Path], tmp_path: Path
) -> None:
    source, path = small_demo_archive
    copy = tmp_path / "copy.sqlite"
    copy.write_bytes(source.read_bytes())
    init_db(copy)
    try:
        result = archive.load(path, merge=True)
        assert result.total_added == 0
        assert result.merged == len(stakeholders.list_all(include_archived=True))
        assert result.same > 0
        assert any("trash" in reason for reason in result.skipped)
    finally:
        close_database()
    assert {n: len(r) for n, r in _tables(copy).items()} == {
        n: len(r) for n, r in _tables(source).items()
    }


def test_merging_into_other_data_adds_and_links_follow(db, tmp_path: Path) -> None:
    ada = stakeholders.create(name="Ada Lovelace", email="ada@ae.example", tags=("Board",))
    archive.export(tmp_path / "ada.json")
    m.Stakeholder.delete().execute()
    m.Tag.delete().execute()
    stakeholders.create(name="Someone else", email="ADA@ae.example")  # the same email
    stakeholders.create(name="Grace Hopper", tags=("Board",))
    result = archive.load(tmp_path / "ada.json", merge=True)
    assert result.merged == 1  # Ada is the person with her email already here
    assert stakeholders.count() == 2
    assert ada.id not in {p.id for p in stakeholders.list_all()}


def test_unload_puts_back_the_settings_a_load_replaced_or_added(
    small_demo_archive: tuple[Path, Path], tmp_path: Path
) -> None:
    from advisor_planner.services import settings

    _, path = small_demo_archive
    data = json.loads(path.read_text())
    table = data["tables"]["setting"]
    stamp = "2026-11-30T09:00:00+00:00"
    values = {"reflection_time": "09:30", "dashboard_range": "3m"}  # one set here, one not
    fields = {"created_at": stamp, "updated_at": stamp}
    table["rows"] = [
        [{"id": n, "key": k, "value": json.dumps(v), **fields}[c] for c in table["columns"]]
        for n, (k, v) in enumerate(values.items(), start=1)
    ]
    path.write_text(json.dumps(data))

    target = tmp_path / "restored.sqlite"
    init_db(target)
    try:
        settings.set_values({"leader_name": "Grace", "reflection_time": "17:15"})
        before = {row.key: (row.value, row.updated_at) for row in m.Setting.select()}
        result = archive.load(path)
        assert settings.get("reflection_time") == "09:30"
        assert settings.get("dashboard_range") == "3m"
        archive.unload(result)
        assert archive.is_empty()
        after = {row.key: (row.value, row.updated_at) for row in m.Setting.select()}
        assert after == before  # replaced ones back as they were, added ones gone
        assert settings.get("leader_name") == "Grace"
    finally:
        close_database()


def test_unload_takes_a_load_back(small_demo_archive: tuple[Path, Path], tmp_path: Path) -> None:
    _, path = small_demo_archive
    target = tmp_path / "restored.sqlite"
    init_db(target)
    try:
        result = archive.load(path)
        archive.unload(result)
        assert archive.is_empty()
    finally:
        close_database()


def test_the_archive_says_what_it_is(db, tmp_path: Path) -> None:
    stakeholders.create(name="Ada Lovelace")
    archive.export(tmp_path / "a.json")
    document = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))
    assert (document["format"], document["version"]) == ("advisor-planner-archive", 1)
    assert (
        document["tables"]["stakeholder"]["rows"][0][
            document["tables"]["stakeholder"]["columns"].index("name")
        ]
        == "Ada Lovelace"
    )
