"""An archive loads only what the app could have written (issue 14 §3).

Each of these archives once imported with exit 0 and then broke the app; each is now refused
whole (``FileRefused``, naming the table, the row and its id, and the field), and the database
is left exactly as it was:

- a touchpoint with ``channel: "telepathy"`` (``export --what touchpoints`` then crashed);
- a reflection with ``week: "notaweek"``, a trust check with ``self_orientation: 0`` (the
  report crashed, the app showed a raw ValueError);
- a settings value ``{"bad":`` (the report crashed with a JSONDecodeError);
- two stakeholders with id 1, merged (one person's touchpoints went to the other);
- a record in the trash that would come back with a channel of ``telepathy``.

The id sequences are derived from the rows: ``sequences`` of 2**63 − 1 (after which every
create failed) is ignored, and an id past ``archive_format.MAX_ID`` is refused.

Last, Hypothesis confuses a real archive (a value of the wrong type, a bad choice, numbers out
of range, a column or key left out, bad dates and weeks, huge integers, nested junk, damaged
JSON in settings, reflections' answers and the trash) and loads it into a fresh database: it
is refused (and nothing written) or loaded, and then the report, every export, the services
the app's sections use and the trash's restore all run.
"""

from __future__ import annotations

import copy
import json
import sqlite3
import tempfile
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import peewee
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from advisor_planner import demo
from advisor_planner.__main__ import main
from advisor_planner.cli.common import EXIT_OK, EXIT_REFUSED
from advisor_planner.cli.export import EXPORT_LISTS
from advisor_planner.domain import enums
from advisor_planner.services import (
    archive,
    archive_checks,
    archive_format,
    clock,
    commitments,
    dashboard,
    evidence,
    feedback,
    goals,
    initiatives,
    reflections,
    stakeholders,
    touchpoints,
    trash,
    trust_checks,
)
from advisor_planner.services import settings as app_settings
from advisor_planner.services.errors import FileRefused, ServiceError
from advisor_planner.services.insights import (
    goal_series,
    outcome_series,
    person_series,
    relationships,
)
from advisor_planner.store import models as m
from advisor_planner.store.connection import close_database
from advisor_planner.store.opening import init_db

DEMO_DAY = date(2026, 11, 30)
#: The day the small practice of the Hypothesis test is written on.
SOURCE_DAY = date(2026, 3, 20)


# -- archives made by the app -----------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_archive(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The small demo with settings and a touchpoint (and its commitments) in the trash,
    exported, as its JSON."""
    folder = tmp_path_factory.mktemp("demo")
    init_db(folder / "demo.sqlite")
    try:
        demo.generate(size="small", seed=0, today=DEMO_DAY)
        app_settings.set_values({"leader_name": "Grace", "reflection_time": "17:15"})
        promise = next(c for c in commitments.list_filtered(which="all") if c.touchpoint_id)
        touchpoints.delete(touchpoint_id=promise.touchpoint_id)
        archive.export(folder / "demo.json")
    finally:
        close_database()
    return json.loads((folder / "demo.json").read_text(encoding="utf-8"))


def small_practice() -> None:
    """One of every kind of record, link, setting and trash entry, written through the
    services on SOURCE_DAY."""
    clock.set_today(SOURCE_DAY)
    try:
        ada = stakeholders.create(
            name="Ada Lovelace", email="ada@example.org", tags=("Board", "Finance"), power=5,
            interest=4, cadence_days=14, engagement_current="supportive",
        )  # fmt: skip
        bo = stakeholders.create(name="Bo Example", kind="external", engagement_current="resistant")
        cy = stakeholders.create(name="Cy Gone", tags=("Board",))
        trust_checks.create(
            stakeholder_id=ada.id, checked_on=date(2026, 3, 1), credibility=7, reliability=6,
            intimacy=5, self_orientation=3, warmth=6, competence=8, note="After the offsite",
        )  # fmt: skip
        trust_checks.create(stakeholder_id=bo.id, checked_on=date(2026, 2, 1), self_orientation=9)
        logged = touchpoints.log(
            stakeholder_ids=[ada.id, bo.id], occurred_at=datetime(2026, 3, 2, 9, 30).astimezone(),
            channel="meeting", purpose="decide", stage="frame", listening=4, sentiment=1,
            reciprocity="mutual", subject="Budget", notes="Went well",
            commitments_made=[{"text": "Send the figures", "due_on": date(2026, 3, 9)}],
        )  # fmt: skip
        promise = logged.commitments[0]
        commitments.set_status(commitment_id=promise.id, status="kept", on=date(2026, 3, 8))
        commitments.create(text="Review the plan", stakeholder_id=bo.id, made_on=date(2026, 3, 3),
                           due_on=date(2026, 3, 6))  # fmt: skip
        touchpoints.create(stakeholder_ids=[bo.id], occurred_on=date(2026, 3, 10), has_time=False,
                           channel="call", purpose="listen", sentiment=-1)  # fmt: skip
        feedback.create(stakeholder_id=ada.id, received_on=date(2026, 3, 5), text="Clear",
                        aspect="competence")  # fmt: skip
        goal = goals.create(
            title="Finance calls me first", trust_factor="credibility", start_on=date(2026, 1, 1),
            target_on=date(2026, 6, 30), metric="calls", baseline=1, target=5,
            audience_ids=[ada.id],
        )  # fmt: skip
        goals.add_checkpoint(goal_id=goal.id, recorded_on=date(2026, 2, 1), value=2)
        goals.add_milestone(goal_id=goal.id, title="First call", due_on=date(2026, 2, 15))
        reflections.create(
            week="2026-W10", wins="A good week", answers={"extra": "An answer"},
            self_awareness=4, energy=3, completed_at=datetime(2026, 3, 6, 16, 0),
            focus_stakeholder_ids=[ada.id], focus_goal_ids=[goal.id],
            focus_commitment_ids=[promise.id],
        )  # fmt: skip
        initiatives.create(
            name="Cloud move", sponsor_id=ada.id, stakeholder_ids=[ada.id, bo.id],
            start_on=date(2026, 1, 1), end_on=date(2026, 3, 1), status="finished",
            user_satisfaction=4.5, on_time=True, on_budget=False, defect_count=3,
            change_order_amount=1000.0, adoption=80.0,
        )  # fmt: skip
        initiatives.create(name="Side project", sponsor_id=cy.id)
        app_settings.set_values({"leader_name": "Grace", "reflection_time": "17:15"})
        # The trash: Cy with the trust check, touchpoint link and promise that go with them,
        # and the sponsorship deleting clears; their touchpoint stays, with nobody.
        touchpoints.log(stakeholder_ids=[cy.id], occurred_on=date(2026, 3, 11),
                        commitments_made=[{"text": "Call back"}])  # fmt: skip
        trust_checks.create(stakeholder_id=cy.id, checked_on=date(2026, 3, 11))
        stakeholders.delete(stakeholder_id=cy.id)
    finally:
        clock.set_today(None)


@pytest.fixture(scope="module")
def practice_archive(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """``small_practice`` exported, as its JSON."""
    folder = tmp_path_factory.mktemp("practice")
    init_db(folder / "practice.sqlite")
    try:
        small_practice()
        archive.export(folder / "practice.json")
    finally:
        close_database()
    return json.loads((folder / "practice.json").read_text(encoding="utf-8"))


# -- helpers ----------------------------------------------------------------------------------


def rows_of(document: dict[str, Any], table: str) -> list[dict[str, Any]]:
    """A table of the archive as dicts by column (copies: edit with ``set_cell``)."""
    columns = document["tables"][table]["columns"]
    return [dict(zip(columns, row, strict=True)) for row in document["tables"][table]["rows"]]


def set_cell(document: dict[str, Any], table: str, index: int, column: str, value: Any) -> int:
    """Set a cell of row ``index`` (from 0) of ``table``; return the row's id."""
    columns = document["tables"][table]["columns"]
    row = document["tables"][table]["rows"][index]
    row[columns.index(column)] = value
    return row[columns.index("id")]


def write(path: Path, document: dict[str, Any]) -> Path:
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def new_database(path: Path) -> Path:
    """A new, migrated database file at ``path`` (closed)."""
    init_db(path)
    close_database()
    return path


def everything(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table of the file, the id sequences included (the query planner's
    statistics aside: SQLite may gather them on closing)."""
    con = sqlite3.connect(path)
    try:
        names = [
            n
            for (n,) in con.execute("SELECT name FROM sqlite_master WHERE type='table'")
            if not n.startswith("sqlite_stat")
        ]
        return {n: sorted(con.execute(f'SELECT * FROM "{n}"').fetchall(), key=repr) for n in names}
    finally:
        con.close()


def refused_by_import(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    document: dict[str, Any],
    *,
    merge: bool = False,
    db: Path | None = None,
) -> str:
    """Import ``document`` with the command line into a new database (or ``db``): it must be
    refused with exit 3 and leave the file as it was; the message."""
    path = write(tmp_path / "edited.json", document)
    db = db or new_database(tmp_path / "fresh.sqlite")
    before = everything(db)
    capsys.readouterr()
    code = main(["import", "--db", str(db), str(path), *(["--merge"] if merge else [])])
    err = capsys.readouterr().err
    assert code == EXIT_REFUSED, err
    assert everything(db) == before
    assert "nothing imported: edited.json: " in err
    return err


# -- each archive that once broke the app -----------------------------------------------------


def test_a_touchpoint_with_an_unknown_channel_is_refused(demo_archive, tmp_path, capsys):
    document = copy.deepcopy(demo_archive)
    row_id = set_cell(document, "touchpoint", 2, "channel", "telepathy")
    message = refused_by_import(tmp_path, capsys, document)
    assert f"touchpoint row 3 (id {row_id}): channel 'telepathy' is not one of: one_on_one" in (
        message
    )


def test_a_reflection_of_no_week_is_refused(demo_archive, tmp_path, capsys):
    document = copy.deepcopy(demo_archive)
    row_id = set_cell(document, "reflection", 0, "week", "notaweek")
    message = refused_by_import(tmp_path, capsys, document)
    assert f"reflection row 1 (id {row_id}): week 'notaweek' is not an ISO week" in message


@pytest.mark.parametrize("week", ["2026-W7", "2026-W54", " 2026-W07", "1776-W27"])
def test_a_week_not_as_the_app_writes_it_is_refused(demo_archive, tmp_path, capsys, week):
    document = copy.deepcopy(demo_archive)
    set_cell(document, "reflection", 0, "week", week)
    assert "reflection row 1 (id " in refused_by_import(tmp_path, capsys, document)


def test_a_trust_check_with_a_self_orientation_of_0_is_refused(demo_archive, tmp_path, capsys):
    document = copy.deepcopy(demo_archive)
    row_id = set_cell(document, "trust_check", 4, "self_orientation", 0)
    message = refused_by_import(tmp_path, capsys, document)
    assert (
        f"trust_check row 5 (id {row_id}): self_orientation must be between 1 and 10, not 0"
        in message
    )


def test_a_setting_that_is_not_json_is_refused(demo_archive, tmp_path, capsys):
    document = copy.deepcopy(demo_archive)
    at = next(i for i, r in enumerate(rows_of(document, "setting")) if r["key"] == "leader_name")
    row_id = set_cell(document, "setting", at, "value", '{"bad":')
    message = refused_by_import(tmp_path, capsys, document)
    assert f"setting row {at + 1} (id {row_id}): value of leader_name is not valid JSON" in message


@pytest.mark.parametrize(
    ("key", "value", "problem"),
    [
        ("reflection_weekday", "8", "must be 1 (Monday) to 7 (Sunday)"),
        ("reflection_weekday", "true", "must be int"),
        ("reflection_time", '"25:99"', "value of reflection_time a time is HH:MM"),
        ("dashboard_range", "12", "must be str"),
        ("colour", '"blue"', "key 'colour' is not a known setting"),
    ],
)
def test_a_setting_the_app_would_not_set_is_refused(
    demo_archive, tmp_path, capsys, key, value, problem
):
    document = copy.deepcopy(demo_archive)
    keys = [row["key"] for row in rows_of(document, "setting")]
    at = keys.index(key) if key in keys else 0
    row_id = set_cell(document, "setting", at, "key", key)
    set_cell(document, "setting", at, "value", value)
    message = refused_by_import(tmp_path, capsys, document)
    assert f"setting row {at + 1} (id {row_id}): " in message
    assert problem in message


@pytest.mark.parametrize("merge", [True, False], ids=["merge", "restore"])
def test_two_stakeholders_with_one_id_are_refused(demo_archive, tmp_path, capsys, merge):
    """Once, merged, the second took the first one's touchpoints (the ids were mapped by id)."""
    document = copy.deepcopy(demo_archive)
    first = rows_of(document, "stakeholder")[0]["id"]
    set_cell(document, "stakeholder", 1, "id", first)
    db = new_database(tmp_path / "fresh.sqlite")
    if merge:
        init_db(db)
        try:
            stakeholders.create(name="Someone already here")
        finally:
            close_database()
    message = refused_by_import(tmp_path, capsys, document, merge=merge, db=db)
    assert f"stakeholder row 2 (id {first}): id {first} is also the id of row 1" in message


def test_a_record_in_the_trash_is_held_to_the_same_rules(demo_archive, tmp_path, capsys):
    """Once it loaded, and restoring it from the trash brought back a touchpoint no export
    could write."""
    document = copy.deepcopy(demo_archive)
    (entry,) = rows_of(document, "trash_entry")
    payload = json.loads(entry["payload"])
    (touchpoint,) = payload["rows"]["touchpoint"]
    touchpoint["channel"] = "telepathy"
    set_cell(document, "trash_entry", 0, "payload", json.dumps(payload))
    message = refused_by_import(tmp_path, capsys, document)
    assert (
        f"trash_entry row 1 (id {entry['id']}): payload touchpoint row 1 (id {touchpoint['id']}): "
        "channel 'telepathy' is not one of" in message
    )


def test_a_tag_named_as_no_tag_can_be_is_refused(demo_archive, tmp_path, capsys):
    document = copy.deepcopy(demo_archive)
    set_cell(document, "tag", 0, "name", "   ")
    assert "tag row 1 (id " in refused_by_import(tmp_path, capsys, document)


def test_a_link_to_a_row_the_archive_lacks_is_refused(demo_archive, tmp_path, capsys):
    document = copy.deepcopy(demo_archive)
    set_cell(document, "commitment", 0, "stakeholder_id", 999)
    message = refused_by_import(tmp_path, capsys, document, merge=True)
    assert "commitment row 1 (id " in message
    assert "stakeholder_id 999 is the id of no stakeholder in the archive" in message


def test_a_date_out_of_the_years_a_record_may_have_is_refused(demo_archive, tmp_path, capsys):
    document = copy.deepcopy(demo_archive)
    set_cell(document, "feedback", 0, "received_on", "0226-03-04")
    message = refused_by_import(tmp_path, capsys, document)
    assert "feedback row 1 (id " in message
    assert "received_on is in 226; a date must be from 1900 to 2200" in message


def test_sequences_at_sqlites_limit_are_not_taken(demo_archive, tmp_path, capsys):
    """Once every create after the load failed ('cannot rollback - no transaction is
    active'): the sequences are derived from the rows now."""
    document = copy.deepcopy(demo_archive)
    document["sequences"] = {name: 2**63 - 1 for name in document["sequences"]}
    path = write(tmp_path / "edited.json", document)
    db = tmp_path / "fresh.sqlite"
    assert main(["import", "--db", str(db), str(path)]) == EXIT_OK, capsys.readouterr().err

    trashed = {
        row["id"]
        for entry in rows_of(document, "trash_entry")
        for row in json.loads(entry["payload"])["rows"]["touchpoint"]
    }
    largest = max({row["id"] for row in rows_of(document, "touchpoint")} | trashed)
    init_db(db)
    try:
        made = touchpoints.create(stakeholder_ids=[1], channel="call", purpose="listen")
        assert made.id == largest + 1  # past the touchpoint waiting in the trash, too
        person = stakeholders.create(name="After the load")
        assert person.id == max(row["id"] for row in rows_of(document, "stakeholder")) + 1
    finally:
        close_database()


@pytest.mark.parametrize("row_id", [2**31, 2**63 - 1])  # MAX_ID + 1, SQLite's largest
def test_an_id_past_max_id_is_refused(demo_archive, tmp_path, capsys, row_id):
    document = copy.deepcopy(demo_archive)
    at = len(document["tables"]["goal_milestone"]["rows"]) - 1
    set_cell(document, "goal_milestone", at, "id", row_id)
    message = refused_by_import(tmp_path, capsys, document)
    assert f"goal_milestone row {at + 1} (id {row_id}): id must be between 1 and " in message


def test_the_rules_of_the_day_it_is_are_not_applied(demo_archive, tmp_path, pin_today):
    """An archive from another day (or zone) may hold trust checks and feedback after today,
    and reflections of weeks yet to begin: the app wrote them, so they load."""
    pin_today(date(2026, 1, 5))
    path = write(tmp_path / "demo.json", demo_archive)
    init_db(tmp_path / "fresh.sqlite")
    try:
        result = archive.load(path)
        assert result.added["trust_check"] == len(demo_archive["tables"]["trust_check"]["rows"])
        later = [c for c in trust_checks.between(start=date(2026, 1, 6), end=DEMO_DAY)]
        assert later  # trust checks "in the future" of the pinned day, loaded
    finally:
        close_database()


def test_every_record_table_is_checked_by_its_kind():
    """A record kind added later must be added to ``archive_checks._kinds`` too."""
    record_tables = {model for model in archive_format.TABLES if issubclass(model, m.Record)}
    assert set(archive_checks._kinds()) == record_tables


# -- confused archives: refused, or loaded and the app runs on them ---------------------------

#: Values that are wrong somewhere: of another type, a choice no enum holds, out of range,
#: huge, bad dates and weeks, nested junk, JSON texts good and bad.
NASTY_VALUES = (
    None, True, False, 0, -1, 1, 2, 5, 6, 11, 99, 2**31, 2**53, 2**62, 2**63 - 1, -(2**63),
    2**64, 1.5, -0.0, 1e308, "", " ", "telepathy", "one_on_one", "kept", "meeting",
    "2026-W07", "2026-W7", "2100-W01", "notaweek", "2026-02-30", "0001-01-01", "9999-12-31",
    "1899-12-31", "2201-01-01", "2026-03-04", "2026-03-04T10:00:00",
    "2026-03-04T10:00:00+05:00", "2026-03-04 25:00", "20260304", '{"bad":', "{}", "[]",
    "null", '"text"', "1e999", "NaN", '{"a": 1}', "x" * 301, [], [1, 2], {},
    {"a": {"b": [None]}}, [[[[]]]],
)  # fmt: skip
NASTY = (
    st.sampled_from(NASTY_VALUES)
    | st.integers()
    | st.floats()
    | st.text(max_size=10)
    | st.recursive(st.none() | st.integers() | st.text(max_size=4), st.lists, max_leaves=4)
)
#: Values the app may well hold somewhere: every choice of every list, the first and last days
#: a date may have, the ends of the ranges, tags' and weeks' edges.
EDGE_VALUES = (
    *(member.value for enum in vars(enums).values() if isinstance(enum, type)
      and issubclass(enum, enums._Choice) and enum is not enums._Choice for member in enum),
    "1900-01-01", "2200-12-31", "1900-01-01T00:00:00", "2200-12-31T23:59:59.999999",
    "1900-W01", "2200-W52", "2026-W10", "2026-W11", 1, 3, 5, 7, 10, -2, 2, 0, 100, 10**9,
    0.0, 100.0, "", "Board", "x" * 200, "{}", '{"extra": "text"}',
)  # fmt: skip
EDGE_TEXTS = [value for value in EDGE_VALUES if isinstance(value, str)]
edges = st.sampled_from(EDGE_VALUES)
#: Cells that hold JSON of their own.
JSON_CELLS = (("setting", "value"), ("reflection", "answers"), ("trash_entry", "payload"))
JSON_TEXT = st.sampled_from(('{"bad":', "", "[", "{}", "[]", "null", "1e999", '"\\ud800"')) | (
    NASTY.map(json.dumps)
)
HOW = ("a cell",) * 6 + ("a json cell", "the trash", "a column", "a key", "sequences")


def of_the_type(table: str, column: str, document: dict[str, Any]) -> st.SearchStrategy[Any]:
    """Values of the column's own type, often within what the app allows, edges included."""
    model = archive_format.BY_NAME[table]
    spec = next((f for f in model._meta.sorted_fields if f.column_name == column), None)
    if isinstance(spec, peewee.ForeignKeyField):
        target = document["tables"].get(spec.rel_model._meta.table_name, {})
        columns = target.get("columns", [])
        ids = (
            [row[columns.index("id")] for row in target.get("rows", [])] if "id" in columns else []
        )
        return st.sampled_from(ids or [1]) | st.integers(0, 5)
    if isinstance(spec, peewee.DateTimeField):
        moments = st.datetimes(datetime(1900, 1, 1), datetime(2200, 12, 31, 23, 59))
        return moments.map(datetime.isoformat)
    if isinstance(spec, peewee.DateField):
        return st.dates(date(1900, 1, 1), date(2200, 12, 31)).map(date.isoformat)
    if isinstance(spec, peewee.BooleanField):
        return st.booleans()
    if isinstance(spec, peewee.IntegerField):
        return st.integers(-3, 12) | st.integers(0, 10**9)
    if isinstance(spec, peewee.FloatField):
        return st.floats(-1e9, 1e9) | st.sampled_from([0.0, 1.0, 5.0, 100.0, 101.0])
    return st.sampled_from(EDGE_TEXTS) | st.text(max_size=20)


@st.composite
def confused(draw: st.DrawFn, document: dict[str, Any]) -> dict[str, Any]:
    """``document`` with one or two things in it changed, often for the worse."""
    doc = copy.deepcopy(document)
    tables = doc["tables"]
    for _ in range(draw(st.integers(1, 2))):
        how = draw(st.sampled_from(HOW), label="how")
        full = sorted(name for name in tables if tables[name]["rows"])
        if how == "a cell":
            table_name = draw(st.sampled_from(full), label="table")
            table = tables[table_name]
            row = draw(st.sampled_from(table["rows"]))
            at = draw(st.sampled_from(range(len(table["columns"]))), label="column")
            name = table["columns"][at]
            same = st.sampled_from([other[at] for other in table["rows"]])  # another row's
            fitting = of_the_type(table_name, name, doc)
            row[at] = draw(st.one_of(same, fitting, fitting, fitting, edges, NASTY), label="value")
        elif how == "a json cell":
            name, column = draw(st.sampled_from(JSON_CELLS), label="cell")
            table = tables[name]
            if table["rows"]:
                row = draw(st.sampled_from(table["rows"]))
                row[table["columns"].index(column)] = draw(JSON_TEXT, label="json")
        elif how == "the trash":
            _confuse_a_payload(draw, tables["trash_entry"])
        elif how == "a column":
            table = tables[draw(st.sampled_from(full), label="table")]
            at = draw(st.sampled_from(range(len(table["columns"]))), label="column")
            del table["columns"][at]
            for row in table["rows"]:
                del row[at]
        elif how == "a key":
            where = draw(st.sampled_from(("document", "tables", "table")), label="where")
            if where == "document":
                del doc[draw(st.sampled_from(sorted(doc)), label="key")]
                if "tables" not in doc:
                    return doc
            elif where == "tables":
                del tables[draw(st.sampled_from(sorted(tables)), label="key")]
            else:
                table = tables[draw(st.sampled_from(sorted(tables)), label="table")]
                del table[draw(st.sampled_from(sorted(table)), label="key")]
                return doc
        else:
            sequences = doc.setdefault("sequences", {})
            name = draw(st.sampled_from(sorted(tables)), label="table")
            sequences[name] = draw(NASTY | st.integers(2**62, 2**63 - 1), label="sequence")
    return doc


def _confuse_a_payload(draw: st.DrawFn, table: dict[str, Any]) -> None:
    """A value in a trash payload (or a key of it) made wrong, if an earlier change left one."""
    columns = table.get("columns")
    if not isinstance(columns, list) or "payload" not in columns or not table.get("rows"):
        return
    row = draw(st.sampled_from(table["rows"]))
    at = columns.index("payload")
    try:
        payload = json.loads(row[at])
        rows = payload["rows"]
        relinks = list(payload["relinks"])
        tables = sorted(name for name, table in rows.items() if table)
    except (TypeError, ValueError, KeyError, AttributeError, IndexError):
        return
    what = draw(st.sampled_from(("value", "key", "relink")), label="payload part")
    if what == "relink" and relinks and isinstance(relinks[0], dict):
        relink = relinks[0]
        relink[draw(st.sampled_from(sorted(relink)))] = draw(NASTY, label="value")
    elif tables:
        one = draw(st.sampled_from(rows[draw(st.sampled_from(tables), label="table")]))
        if not isinstance(one, dict) or not one:
            return
        key = draw(st.sampled_from(sorted(one)), label="key")
        if what == "key":
            del one[key]
        else:
            one[key] = draw(st.sampled_from(EDGE_VALUES) | NASTY, label="value")
    row[at] = json.dumps(payload)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    yield tmp_path_factory.mktemp("confused")


def snapshot() -> dict[str, list[tuple]]:
    return {
        model._meta.table_name: list(model.select().order_by(model._meta.primary_key).tuples())
        for model in m.ALL_MODELS
    }


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code = main(argv)
    err = capsys.readouterr().err
    assert code == EXIT_OK, f"{' '.join(argv[:1])}: {err}"


def the_app_runs(db: Path, folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The report, every export, the services the sections use and the trash all run on
    ``db``; what it exports loads again."""
    where = ["--db", str(db)]
    span = ["--from", "2025-06-01", "--to", "2026-12-31"]
    run(["report", *where, "--out", str(folder / "report.pdf"), *span], capsys)
    run(["export", *where, "--out", str(folder / "all.json")], capsys)
    for what in EXPORT_LISTS:
        run(["export", *where, "--out", str(folder / f"{what}.csv"), "--what", what], capsys)
    init_db(db)
    try:
        the_services_run()
        for entry in trash.list_entries():
            try:
                trash.restore(entry_id=entry.entry_id)
            except ServiceError:  # a record made meanwhile clashes, say: said in a sentence
                pass
        the_services_run()
    finally:
        close_database()
    for what in EXPORT_LISTS:  # after the trash came back
        run(["export", *where, "--out", str(folder / f"{what}.csv"), "--what", what], capsys)
    init_db(folder / "again.sqlite")
    try:
        archive.load(folder / "all.json")
    finally:
        close_database()


def the_services_run() -> None:
    today = clock.today()
    people = stakeholders.list_all(include_archived=True)
    for person in people:
        person_series.person_trust(stakeholder_id=person.id)
        person_series.person_contact(stakeholder_id=person.id)
        person_series.stakeholder_trend(stakeholder_id=person.id)
        commitments.for_stakeholder(stakeholder_id=person.id)
        feedback.for_stakeholder(stakeholder_id=person.id)
    stakeholders.list_all(search="a")
    touchpoints.page()
    touchpoints.page(search="a")
    touchpoints.between(start=date(2025, 6, 1), end=date(2026, 12, 31))
    for which in commitments.FILTERS:
        commitments.list_filtered(which=which)
    for goal in goals.list_all():
        goals.checkpoints(goal_id=goal.id)
        goals.milestones(goal_id=goal.id)
        goal_series.goal_trajectory(goal_id=goal.id)
    for reflection in reflections.list_all():
        assert isinstance(reflection.answer_map, dict)
        try:
            evidence.week_evidence(week=reflection.week)
        except ServiceError:  # a week yet to begin (an archive of another day)
            pass
    reflections.habit()
    reflections.ratings_by_week()
    reflections.missed_weeks()
    evidence.focus_now()
    initiatives.list_all()
    for measure in initiatives.OUTCOME_MEASURES:
        outcome_series.trust_vs_outcomes(measure=measure)
    relationships.needs_attention(today=today)
    for period in (
        dashboard.period_for("12m"),
        dashboard.period_for("custom", custom=(date(2025, 6, 1), date(2026, 12, 31))),
    ):
        dashboard.load(parts=dashboard.PARTS, period=period)
    app_settings.all_settings()
    for key in app_settings.DEFAULTS:
        app_settings.get(key)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data(), merge=st.booleans())
def test_a_confused_archive_is_refused_or_the_app_runs_on_it(
    practice_archive, scratch, capsys, data, merge
):
    document = data.draw(confused(practice_archive), label="archive")
    folder = Path(tempfile.mkdtemp(dir=scratch))
    path = write(folder / "confused.json", document)
    db = folder / "fresh.sqlite"
    init_db(db)
    try:
        if merge:  # into a database with data: the merge
            stakeholders.create(name="Ada Lovelace", email="ADA@example.org")
            stakeholders.create(name="Someone else", tags=("Board",))
        before = snapshot()
        try:
            archive.load(path, merge=merge)
        except FileRefused as exc:
            assert str(exc).startswith("confused.json: "), exc
            assert snapshot() == before
            event("refused")
            return
    finally:
        close_database()
    event("loaded")
    the_app_runs(db, folder, capsys)
