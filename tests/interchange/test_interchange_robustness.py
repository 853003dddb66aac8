"""Robustness of the importers: a bad file is refused whole, a plan is applied whole or not at all.

For each importer (vCard, iCalendar and CSV through ``interchange.plan_import``, the JSON
archive through ``services.archive.load``):

- Hand-made malformed files are refused with ``FileRefused``, whose message names the file and
  the card, line, event or row at fault, and the database is exactly as it was.
- Hypothesis feeds random text, random bytes and mutations of valid files (the samples from
  Outlook, Google and Apple, a CSV written here, an archive exported here): lines deleted,
  duplicated or swapped, the file cut short, characters inserted. Every one is either refused
  (``FileRefused``) or planned, and a plan either applies or fails with ``ImportFailed``;
  nothing else may escape, and whatever is refused or fails leaves every table as it was.
- A plan is all-or-nothing: one invalid change makes ``imports.apply`` fail naming it, and
  none of the plan's other changes is kept.

The last tests pin bugs the fuzzing found (each says what once went wrong).
"""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, currently_in_test_context, event, given, settings
from hypothesis import strategies as st

from advisor_planner.interchange import plan_import
from advisor_planner.services import archive, archive_format, imports, stakeholders, touchpoints
from advisor_planner.services.errors import FileRefused, ServiceError
from advisor_planner.services.imports import ADD, MAX_IMPORT_BYTES, MERGE, SKIP, ImportFailed
from advisor_planner.store import models as m

SAMPLES = Path(__file__).parent / "samples"
VCARD_SAMPLES = ("outlook_2_1.vcf", "google_3_0.vcf", "apple_grouped.vcf", "vcard_4_0.vcf")
ICS_SAMPLE = "outlook_windows_zone.ics"
#: The sample calendar's meetings are in March 2026; recurring ones expand up to this day.
TODAY = date(2026, 3, 20)

STAKEHOLDER_CSV = (
    "Name,Email,Job Title,Company,Department,Power,Interest,Keep in touch,Tags,Notes\r\n"
    "Priya Raman,priya.raman@contoso.example,CFO,Contoso Ltd,Finance,5,4,14,Finance; Board,"
    '"Prefers numbers first.\r\nHates surprises."\r\n'
    "Ngozi Okafor,ngozi.okafor@northwind.example,COO,Northwind Group,Operations,4,3,,Ops,\r\n"
    '"García, Tomás",tomas.garcia@contoso.example,Sales lead,Contoso Ltd,Sales,2,5,30,Sales,'
    "'=not a formula\r\n"
)
TOUCHPOINT_CSV = (
    "Date,Time,Emails,Subject,Channel,Purpose,Listening,Sentiment,Notes\r\n"
    "2026-03-02,09:00,priya.raman@contoso.example,Cloud cost 1:1,1:1,Inform,4,1,Went well\r\n"
    "2026-03-05,,priya.raman@contoso.example; tomas.garcia@contoso.example,Finance offsite,"
    'Meeting,Decide,,,"Two days,\r\nmany slides"\r\n'
    "2026-03-11 16:00,,tomas.garcia@contoso.example,Pipeline review,Call,Listen,3,−1,\r\n"
)
CSV_FILES = {"stakeholders.csv": STAKEHOLDER_CSV, "touchpoints.csv": TOUCHPOINT_CSV}

#: Hypothesis settings for the fuzz tests: the ``db`` fixture lives for the whole test, so
#: each example takes its own snapshot of the database.
FUZZ = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
}


# -- fixtures ---------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def pinned_today(pin_today) -> date:
    """Pin ``clock.today()`` (recurring meetings expand up to it), and release it after."""
    return pin_today(TODAY)


@pytest.fixture
def known_people(db: object) -> list[stakeholders.Stakeholder]:
    """The people the sample calendar and the touchpoint CSV meet."""
    return seed_people()


@pytest.fixture
def archive_document(db: object, tmp_path: Path) -> dict[str, Any]:
    """A valid archive (people, tags, a touchpoint) as exported, parsed back from its JSON."""
    seed_people()
    path = tmp_path / "valid-archive.json"
    archive.export(path)
    return json.loads(path.read_text(encoding="utf-8"))


# -- helpers ----------------------------------------------------------------------------------


def seed_people() -> list[stakeholders.Stakeholder]:
    """Two stakeholders with tags and a meeting with both."""
    priya = stakeholders.create(
        name="Priya Raman", email="priya.raman@contoso.example", tags=("Finance",)
    )
    tomas = stakeholders.create(name="Tomás García", email="tomas.garcia@contoso.example")
    touchpoints.create(
        stakeholder_ids=[priya.id, tomas.id],
        occurred_on=date(2026, 3, 4),
        has_time=False,
        channel="meeting",
        purpose="inform",
        subject="Quarterly numbers",
    )
    return [priya, tomas]


def empty_database() -> None:
    """Delete every record (settings included), each table after those that point to it."""
    for model in reversed(archive_format.TABLES):
        model.delete().execute()


def row_counts() -> dict[str, int]:
    """How many rows each table holds."""
    return {model._meta.table_name: model.select().count() for model in m.ALL_MODELS}


def snapshot() -> dict[str, list[tuple]]:
    """Every row of every table, in id order: what "the database is unchanged" compares."""
    return {
        model._meta.table_name: list(model.select().order_by(model._meta.primary_key).tuples())
        for model in m.ALL_MODELS
    }


def assert_unchanged(counts: dict[str, int], rows: dict[str, list[tuple]]) -> None:
    assert row_counts() == counts
    assert snapshot() == rows


def sample(name: str) -> bytes:
    return (SAMPLES / name).read_bytes()


def write(path: Path, content: bytes | str) -> Path:
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


#: What ``import_outcome`` may find; anything else raised fails the test.
OUTCOMES = ("refused", "failed", "applied")


def _seen(outcome: str) -> str:
    """Count ``outcome`` in Hypothesis's statistics (``--hypothesis-show-statistics``)."""
    if currently_in_test_context():
        event(outcome)
    return outcome


def import_outcome(path: Path, **options: Any) -> str:
    """Plan and apply the import of ``path``: "refused", "failed" or "applied".

    Anything but ``FileRefused`` from the plan or ``ImportFailed`` from applying it escapes
    (and fails the test); after a refusal or a failure every table must be as it was, and
    after an import, planning the same file again must find nothing to add."""
    counts, rows = row_counts(), snapshot()
    try:
        plan = plan_import(path, **options)
    except FileRefused as exc:
        assert path.name in str(exc)
        assert_unchanged(counts, rows)
        return _seen("refused")
    assert_unchanged(counts, rows)  # planning writes nothing
    try:
        imports.apply(plan)
    except ImportFailed:
        assert_unchanged(counts, rows)
        return _seen("failed")
    again = plan_import(path, **options)
    assert again.of(ADD) == [], "importing the same file again must add nothing"
    return _seen("applied")


def load_outcome(path: Path, *, merge: bool) -> str:
    """Load the archive at ``path``: "refused" or "loaded" (refused leaves every table as is)."""
    counts, rows = row_counts(), snapshot()
    try:
        archive.load(path, merge=merge)
    except FileRefused as exc:
        assert path.name in str(exc)
        assert_unchanged(counts, rows)
        return _seen("refused")
    return _seen("loaded")


def refusal(path: Path, **options: Any) -> str:
    """The message ``plan_import`` refuses ``path`` with (the database left as it was)."""
    counts, rows = row_counts(), snapshot()
    with pytest.raises(FileRefused) as refused:
        plan_import(path, **options)
    assert_unchanged(counts, rows)
    message = str(refused.value)
    assert message.startswith(f"{path.name}:"), message
    return message


def archive_refusal(path: Path) -> str:
    """The message ``archive.load`` refuses ``path`` with (the database left as it was)."""
    counts, rows = row_counts(), snapshot()
    with pytest.raises(FileRefused) as refused:
        archive.load(path, merge=True)
    assert_unchanged(counts, rows)
    message = str(refused.value)
    assert message.startswith(f"{path.name}:"), message
    return message


# -- strategies -------------------------------------------------------------------------------

#: Pieces of the formats, so random text gets past the first checks now and then.
TOKENS = (
    "BEGIN:VCARD", "END:VCARD", "VERSION:2.1", "VERSION:3.0", "VERSION:4.0", "FN:Ann Example",
    "N:Example;Ann;;;", "EMAIL:ann@example.org", "TEL:+1 555 0100", "ORG:Acme;Sales",
    "CATEGORIES:A,B", "NOTE;ENCODING=QUOTED-PRINTABLE:a=", "item1.EMAIL;type=pref:x@y.z",
    "BEGIN:VCALENDAR", "END:VCALENDAR", "BEGIN:VEVENT", "END:VEVENT", "VERSION:2.0",
    "UID:fuzz-1", "DTSTART:20260301T100000Z", "DTSTART;VALUE=DATE:20260302",
    "DTSTART;TZID=Nowhere/Zone:20260303T090000", "RRULE:FREQ=DAILY;COUNT=3", "RRULE:FREQ=",
    "EXDATE:20260302T100000Z", "ATTENDEE;CN=Ann:mailto:ann@example.org",
    "ORGANIZER:mailto:me@example.org", "STATUS:CANCELLED", "SUMMARY:Fuzz",
    "ATTENDEE;CN=Room 5:mailto:Room 5", "RRULE:FREQ=WEEKLY",
    "BEGIN:VTIMEZONE", "END:VTIMEZONE", "TZID:GMT Standard Time",
    "Name,Email,Power", "Date,People,Subject", "Ann,ann@example.org,4", "2026-03-01,Ann,x",
    '"unclosed', ";", ",", "\t", ":", "=", '"', "'=", "\\n", " ", "\ufeff", "é", "\x00",
)  # fmt: skip
JUNK = st.one_of(st.sampled_from(TOKENS), st.text(max_size=12))

random_content = st.one_of(
    st.binary(max_size=1500),
    st.text(max_size=1500).map(str.encode),
    st.lists(JUNK, max_size=40).map(lambda parts: "\r\n".join(parts).encode("utf-8")),
)

MUTATIONS = (
    "delete a line",
    "duplicate a line",
    "swap two lines",
    "replace a line",
    "cut the file short",
    "insert characters",
    "delete a span",
    "replace a byte",
)


@st.composite
def _mutated_once(draw: st.DrawFn, data: bytes) -> bytes:
    how = draw(st.sampled_from(MUTATIONS))
    lines = data.splitlines(keepends=True)
    if how in ("delete a line", "duplicate a line", "swap two lines", "replace a line"):
        if not lines:
            return data
        i = draw(st.integers(0, len(lines) - 1))
        if how == "delete a line":
            del lines[i]
        elif how == "duplicate a line":
            lines.insert(i, lines[i])
        elif how == "swap two lines":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        else:
            lines[i] = draw(JUNK).encode("utf-8") + b"\r\n"
        return b"".join(lines)
    if how == "cut the file short":
        return data[: draw(st.integers(0, len(data)))]
    at = draw(st.integers(0, len(data)))
    if how == "insert characters":
        return data[:at] + draw(JUNK).encode("utf-8") + data[at:]
    if how == "delete a span":
        return data[:at] + data[at + draw(st.integers(1, 40)) :]
    return data[:at] + bytes([draw(st.integers(0, 255))]) + data[at + 1 :]


@st.composite
def mutations_of(draw: st.DrawFn, original: bytes, most: int = 3) -> bytes:
    """``original`` after one to ``most`` random mutations."""
    data = original
    for _ in range(draw(st.integers(1, most))):
        data = draw(_mutated_once(data))
    return data


#: Any JSON value; integers within SQLite's 64 bits (beyond them is a known bug of its own:
#: ``test_an_archive_integer_beyond_64_bits_is_refused``).
JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**63), 2**63 - 1)
    | st.floats(allow_nan=False)
    | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner),
    max_leaves=6,
)


def _anywhere(draw: st.DrawFn, document: dict[str, Any]) -> tuple[Any, Any]:
    """A container somewhere inside ``document`` and one of its keys (or indexes)."""
    container: Any = document
    while True:
        keys = list(container) if isinstance(container, dict) else list(range(len(container)))
        key = draw(st.sampled_from(keys))
        child = container[key]
        if isinstance(child, dict | list) and child and draw(st.integers(0, 4)) > 0:
            container = child
            continue
        return container, key


@st.composite
def damaged_documents(draw: st.DrawFn, document: dict[str, Any]) -> dict[str, Any]:
    """``document`` with a cell, a row, a column or any value inside changed."""
    damaged = copy.deepcopy(document)
    tables = damaged["tables"]
    table = tables[draw(st.sampled_from(sorted(name for name in tables if tables[name]["rows"])))]
    columns, rows = table["columns"], table["rows"]
    what = draw(st.sampled_from(("a cell", "a row", "a column", "anything")))
    if what == "a cell":
        row = draw(st.sampled_from(rows))
        row[draw(st.integers(0, len(row) - 1))] = draw(JSON_VALUES)
    elif what == "a row":
        at = draw(st.integers(0, len(rows) - 1))
        how = draw(st.sampled_from(("delete", "duplicate", "replace")))
        if how == "delete":
            del rows[at]
        elif how == "duplicate":
            rows.insert(at, copy.deepcopy(rows[at]))
        else:
            rows[at] = draw(JSON_VALUES)
    elif what == "a column":
        at = draw(st.integers(0, len(columns) - 1))
        if draw(st.booleans()):  # left out of the header and of every row
            del columns[at]
            for row in rows:
                del row[at]
        else:
            columns[at] = draw(st.sampled_from(columns) | st.text(max_size=8))
    else:
        container, key = _anywhere(draw, damaged)
        how = draw(st.sampled_from(("replace", "delete", "duplicate")))
        if how == "delete":
            del container[key]
        elif how == "duplicate" and isinstance(container, list):
            container.insert(key, copy.deepcopy(container[key]))
        else:
            container[key] = draw(JSON_VALUES)
    return damaged


# -- malformed files are refused, naming the place at fault -----------------------------------

GOOD_CARD = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Example\r\nEND:VCARD\r\n"


def test_a_card_without_end_is_refused_naming_the_card_and_its_line(db, tmp_path):
    path = write(tmp_path / "unclosed.vcf", GOOD_CARD + "BEGIN:VCARD\r\nFN:Bo Example\r\n")
    message = refusal(path)
    assert "card 2" in message
    assert "line 5" in message
    assert "no END:VCARD" in message
    assert stakeholders.count() == 0  # not even the good first card


def test_an_end_without_begin_is_refused_naming_the_line(db, tmp_path):
    path = write(tmp_path / "stray-end.vcf", GOOD_CARD + "END:VCARD\r\n")
    message = refusal(path)
    assert "line 5" in message
    assert "without a BEGIN:VCARD" in message


def test_an_event_without_a_start_is_skipped_naming_the_event(known_people, tmp_path):
    """It used to refuse the whole file; now it alone is skipped, and the rest imports."""
    calendar = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
        "BEGIN:VEVENT\r\nUID:review-1@example.org\r\nDTSTART:20260302T100000Z\r\n"
        "SUMMARY:Cost review\r\nATTENDEE:mailto:priya.raman@contoso.example\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:budget-2@example.org\r\nSUMMARY:Budget walkthrough\r\n"
        "ATTENDEE:mailto:priya.raman@contoso.example\r\nEND:VEVENT\r\n"
        "END:VCALENDAR\r\n"
    )
    plan = plan_import(write(tmp_path / "no-start.ics", calendar))
    skipped = [(c.label, c.source, c.reason) for c in plan.of(SKIP)]
    assert skipped == [("Budget walkthrough", "budget-2@example.org", "it has no start (DTSTART)")]
    assert [c.label for c in plan.of(ADD)] == ["Cost review on 2026-03-02"]


@pytest.mark.parametrize("suffix", [".vcf", ".ics", ".csv"])
def test_random_bytes_are_refused_as_binary(db, tmp_path, suffix):
    junk = bytes(range(256)) * 4 + bytes((i * 7919) % 256 for i in range(3000))
    assert "binary" in refusal(write(tmp_path / f"junk{suffix}", junk))


@pytest.mark.parametrize("suffix", [".vcf", ".ics", ".csv"])
@pytest.mark.parametrize("content", [b"", b" \r\n\t\n  \r\n"], ids=["empty", "whitespace"])
def test_an_empty_file_is_refused(db, tmp_path, suffix, content):
    assert "empty" in refusal(write(tmp_path / f"nothing{suffix}", content))


@pytest.mark.parametrize("suffix", [".vcf", ".ics", ".csv"])
def test_a_file_over_50_mb_is_refused_before_it_is_read(db, tmp_path, suffix):
    path = tmp_path / f"huge{suffix}"
    with path.open("wb") as handle:
        handle.truncate(MAX_IMPORT_BYTES + 1)  # sparse: only the size is looked at
    assert "50 MB" in refusal(path)


def test_a_csv_row_with_more_cells_than_the_header_is_refused_naming_the_line(db, tmp_path):
    table = "Name,Email\r\nAnn,ann@example.org\r\nBo,bo@example.org,surplus\r\n"
    message = refusal(write(tmp_path / "wide.csv", table))
    assert "line 3" in message
    assert "3 cells" in message
    assert "header names 2" in message


def test_a_csv_without_a_name_column_is_refused(db, tmp_path):
    message = refusal(write(tmp_path / "nameless.csv", "Colour,Size\r\nred,large\r\n"))
    assert "name" in message.lower()


def test_a_file_of_another_kind_is_refused(db, tmp_path):
    assert "cannot import" in refusal(write(tmp_path / "notes.txt", "hello"))


def test_an_archive_that_is_not_json_is_refused(archive_document, tmp_path):
    path = write(tmp_path / "broken.json", json.dumps(archive_document)[:-40])
    assert "not a JSON archive" in archive_refusal(path)


def test_an_archive_of_another_format_is_refused(archive_document, tmp_path):
    path = write(tmp_path / "other.json", json.dumps({**archive_document, "format": "other"}))
    assert "not an Advisor Planner archive" in archive_refusal(path)


def test_an_archive_with_a_damaged_row_is_refused_naming_the_row(archive_document, tmp_path):
    document = copy.deepcopy(archive_document)
    document["tables"]["stakeholder"]["rows"][1].pop()  # one cell short
    message = archive_refusal(write(tmp_path / "damaged.json", json.dumps(document)))
    assert "stakeholder row 2 is damaged" in message


def test_an_archive_with_an_unknown_table_is_refused_naming_it(archive_document, tmp_path):
    document = copy.deepcopy(archive_document)
    document["tables"]["gossip"] = {"columns": ["id"], "rows": [[1]]}
    message = archive_refusal(write(tmp_path / "gossip.json", json.dumps(document)))
    assert "unknown table 'gossip'" in message


def test_an_archive_with_a_dangling_link_is_refused(archive_document, tmp_path):
    document = copy.deepcopy(archive_document)
    links = document["tables"]["touchpoint_stakeholder"]
    links["rows"][0][links["columns"].index("stakeholder_id")] = 999
    path = write(tmp_path / "dangling.json", json.dumps(document))
    empty_database()
    counts, rows = row_counts(), snapshot()
    link = (
        r"touchpoint_stakeholder row 1 \(id \d+\): stakeholder_id 999 is the id of no stakeholder"
    )
    with pytest.raises(FileRefused, match=link):
        archive.load(path)
    assert_unchanged(counts, rows)


# -- random and mutated files: refused, or imported whole -------------------------------------


@pytest.mark.parametrize("suffix", [".vcf", ".ics", ".csv"])
@settings(max_examples=50, **FUZZ)
@given(content=random_content)
def test_random_content_is_refused_or_imported_whole(db, tmp_path, suffix, content):
    assert import_outcome(write(tmp_path / f"random{suffix}", content)) in OUTCOMES


@settings(max_examples=50, **FUZZ)
@given(content=random_content, merge=st.booleans())
def test_random_content_is_refused_as_an_archive(db, tmp_path, content, merge):
    assert load_outcome(write(tmp_path / "random.json", content), merge=merge) == "refused"


@settings(max_examples=80, **FUZZ)
@given(data=st.data(), name=st.sampled_from(VCARD_SAMPLES))
def test_mutated_vcards_are_refused_or_imported_whole(db, tmp_path, data, name):
    content = data.draw(mutations_of(sample(name)), label="mutated card file")
    assert import_outcome(write(tmp_path / "mutated.vcf", content)) in OUTCOMES


@settings(max_examples=60, **FUZZ)
@given(content=mutations_of(sample(ICS_SAMPLE)), add_unknown=st.booleans())
def test_mutated_calendars_are_refused_or_imported_whole(
    known_people, tmp_path, content, add_unknown
):
    path = write(tmp_path / "mutated.ics", content)
    assert import_outcome(path, add_unknown=add_unknown) in OUTCOMES


@settings(max_examples=60, **FUZZ)
@given(data=st.data(), name=st.sampled_from(sorted(CSV_FILES)))
def test_mutated_csv_files_are_refused_or_imported_whole(known_people, tmp_path, data, name):
    content = data.draw(mutations_of(CSV_FILES[name].encode("utf-8")), label="mutated table")
    assert import_outcome(write(tmp_path / name, content)) in OUTCOMES


@settings(max_examples=50, **FUZZ)
@given(data=st.data(), merge=st.booleans())
def test_mutated_archive_text_is_refused_or_loaded_whole(archive_document, tmp_path, data, merge):
    original = json.dumps(archive_document, ensure_ascii=False, indent=1).encode("utf-8")
    content = data.draw(mutations_of(original), label="mutated archive")
    empty_database()
    if merge:
        seed_people()
    assert load_outcome(write(tmp_path / "mutated.json", content), merge=merge) in (
        "refused",
        "loaded",
    )


@settings(max_examples=60, **FUZZ)
@given(data=st.data(), merge=st.booleans())
def test_damaged_archive_structure_is_refused_or_loaded_whole(
    archive_document, tmp_path, data, merge
):
    document = data.draw(damaged_documents(archive_document), label="damaged archive")
    empty_database()
    if merge:
        seed_people()
    path = write(tmp_path / "damaged.json", json.dumps(document))
    assert load_outcome(path, merge=merge) in ("refused", "loaded")


# -- a plan is applied whole or not at all ----------------------------------------------------


def test_one_invalid_change_keeps_none_of_the_plan(db, tmp_path):
    priya = stakeholders.create(name="Priya Raman", email="priya.raman@contoso.example")
    path = write(tmp_path / "google.vcf", sample("google_3_0.vcf"))
    plan = plan_import(path)
    assert [c.action for c in plan.changes] == [MERGE, ADD]  # Priya is known, Tomás is new
    broken = plan.of(ADD)[-1]
    broken.fields["power"] = 99
    counts, rows = row_counts(), snapshot()

    with pytest.raises(ImportFailed) as failed:
        imports.apply(plan)

    message = str(failed.value)
    assert broken.label in message
    assert broken.source in message
    assert "99" in message
    assert_unchanged(counts, rows)
    assert stakeholders.get(stakeholder_id=priya.id) == priya  # the merge was taken back too
    assert [p.name for p in stakeholders.list_all()] == ["Priya Raman"]

    broken.fields["power"] = 3  # the rest of the plan was sound
    result = imports.apply(plan)
    assert (result.added, result.merged) == (1, 1)
    assert stakeholders.get(stakeholder_id=priya.id).title == "CFO"


#: A value each kind of record refuses, by field.
BAD_VALUES = {
    "stakeholder": [("power", 99), ("email", "not an email"), ("kind", "alien")],
    "touchpoint": [("listening", 99), ("channel", "carrier pigeon"), ("subject", "x" * 301)],
}


@pytest.mark.parametrize(
    ("name", "options"),
    [("outlook_windows_zone.ics", {"add_unknown": True}), ("google_3_0.vcf", {})],
    ids=["calendar", "cards"],
)
@settings(max_examples=30, **FUZZ)
@given(data=st.data())
def test_any_one_broken_change_keeps_none_of_the_plan(known_people, tmp_path, name, options, data):
    plan = plan_import(write(tmp_path / name, sample(name)), **options)
    work = [change for change in plan.changes if change.action != SKIP]
    assert len(work) > 1
    broken = data.draw(st.sampled_from(work), label="broken change")
    field, value = data.draw(st.sampled_from(BAD_VALUES[broken.kind]), label="bad value")
    broken.fields[field] = value
    counts, rows = row_counts(), snapshot()

    with pytest.raises(ImportFailed) as failed:
        imports.apply(plan)

    assert broken.label in str(failed.value)
    assert_unchanged(counts, rows)


# -- bugs the fuzzing found: the input that once broke the app, and what it does now ---------


@pytest.mark.parametrize("cell", ["inf", "1e400"])
def test_a_csv_number_that_is_infinite_skips_the_row(db, tmp_path, cell):
    path = write(tmp_path / "infinite.csv", f"Name,Power\r\nAnn Example,{cell}\r\n")
    plan = plan_import(path)
    assert [(c.action, c.source) for c in plan.changes] == [(SKIP, "line 2")]
    assert "Power" in plan.changes[0].reason


@pytest.mark.parametrize("day", ["0001-01-01", "0001-01-01 00:00"])
def test_a_csv_touchpoint_in_year_one_skips_the_row(known_people, tmp_path, day):
    table = f"Date,Emails,Subject\r\n{day},priya.raman@contoso.example,Ancient\r\n"
    plan = plan_import(write(tmp_path / "ancient.csv", table))
    assert [(c.action, c.source) for c in plan.changes] == [(SKIP, "line 2")]


def test_a_deeply_nested_archive_is_refused(db, tmp_path):
    path = write(tmp_path / "nested.json", "[" * 100_000)
    assert load_outcome(path, merge=True) == "refused"


def test_an_archive_table_without_ids_is_refused(archive_document, tmp_path):
    """Once a KeyError: ``_restore`` read ``row["id"]`` of a table whose columns lacked id."""
    document = copy.deepcopy(archive_document)
    table = document["tables"]["stakeholder"]
    at = table["columns"].index("id")
    del table["columns"][at]
    for row in table["rows"]:
        del row[at]
    path = write(tmp_path / "no-ids.json", json.dumps(document))
    empty_database()
    assert "stakeholder" in archive_refusal(path)


@pytest.mark.parametrize(
    ("column", "value"), [("email", 5), ("name", ["Ann"]), ("notes", {"a": 1})]
)
def test_an_archive_cell_of_the_wrong_type_is_refused(archive_document, tmp_path, column, value):
    """Once a crash: merging called ``.lower()`` on an email of 5 (AttributeError) and looked
    a list up in a dict (TypeError); restoring bound a dict as a parameter (ProgrammingError)."""
    document = copy.deepcopy(archive_document)
    table = document["tables"]["stakeholder"]
    row = table["rows"][0]
    row[table["columns"].index("name")] = "Someone New"
    row[table["columns"].index("email")] = "someone.new@example.org"
    row[table["columns"].index(column)] = value
    path = write(tmp_path / "wrong-type.json", json.dumps(document))
    assert "stakeholder row 1" in archive_refusal(path)  # merging into the people there
    empty_database()
    assert "stakeholder row 1" in archive_refusal(path)  # restoring into an empty database


@pytest.mark.parametrize("merge", [False, True], ids=["restore", "merge"])
def test_an_archive_integer_beyond_64_bits_is_refused(archive_document, tmp_path, merge):
    document = copy.deepcopy(archive_document)
    table = document["tables"]["stakeholder"]
    row = table["rows"][0]
    row[table["columns"].index("name")] = "Someone New"
    row[table["columns"].index("email")] = "someone.new@example.org"
    row[table["columns"].index("power" if merge else "id")] = 2**63
    path = write(tmp_path / "big.json", json.dumps(document))
    if not merge:
        empty_database()
    assert load_outcome(path, merge=merge) == "refused"


ROOM_BOOKING = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:room-1@example.org\r\n"
    "SUMMARY:Room booking\r\nDTSTART:20260302T100000Z\r\n"
    "ATTENDEE:mailto:priya.raman@contoso.example\r\n"
    "ATTENDEE;CN=Room 5:mailto:Room 5\r\n"
    "ATTENDEE;CN=New Person:mailto:new.person@example.org\r\n"
    "END:VEVENT\r\nEND:VCALENDAR\r\n"
)


def test_an_attendee_without_an_email_address_does_not_sink_the_calendar(known_people, tmp_path):
    plan = plan_import(write(tmp_path / "rooms.ics", ROOM_BOOKING), add_unknown=True)
    imports.apply(plan)
    assert m.Touchpoint.select().where(m.Touchpoint.subject == "Room booking").count() == 1


WEEKLY_FOREVER = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:weekly-1@example.org\r\n"
    "SUMMARY:Weekly catch-up\r\nDTSTART:20260302T100000Z\r\nRRULE:FREQ=WEEKLY\r\n"
    "ATTENDEE:mailto:priya.raman@contoso.example\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)


def test_occurrences_over_a_year_ahead_do_not_sink_the_calendar(known_people, tmp_path):
    path = write(tmp_path / "weekly.ics", WEEKLY_FOREVER)
    plan = plan_import(path, until=date(TODAY.year + 2, TODAY.month, TODAY.day))
    imports.apply(plan)
    assert m.Touchpoint.select().where(m.Touchpoint.subject == "Weekly catch-up").count() > 0


def test_the_service_errors_are_the_ones_the_importers_promise():
    """The fuzz tests accept exactly these; both are service errors a person is shown."""
    assert issubclass(FileRefused, ServiceError)
    assert issubclass(ImportFailed, ServiceError)
