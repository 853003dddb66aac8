"""CSV both ways: every list exported, formula cells made text and read back safely, headers
matched to fields (Outlook's, Google's, ours), touchpoints imported once."""

from __future__ import annotations

import csv
from datetime import date, datetime
from pathlib import Path

import pytest

from advisor_planner.interchange import csv_export, csv_import, csv_mapping, csv_table, plan_import
from advisor_planner.services import imports, stakeholders, touchpoints
from advisor_planner.services.errors import FileRefused
from advisor_planner.services.imports import ADD, SKIP

HOSTILE = [
    '=HYPERLINK("http://evil.example","click")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A9)",
    "'=quoted already",
]


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def test_every_list_exports_with_a_header(db, tmp_path: Path) -> None:
    ada = stakeholders.create(name="Ada Lovelace", email="ada@ae.example", tags=("Board",))
    touchpoints.log(
        stakeholder_ids=[ada.id],
        channel="call",
        purpose="listen",
        subject="Cloud costs",
        occurred_at=datetime(2026, 3, 2, 9, 30).astimezone(),
        commitments_made=[{"text": "Send the forecast", "due_on": date(2026, 3, 9)}],
    )
    for what in csv_export.EXPORTS:
        path = tmp_path / f"{what}.csv"
        written = csv_export.export_csv(path, what)
        rows = _rows(path)
        assert len(rows) == written + 1
        assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 by the BOM
    assert _rows(tmp_path / "touchpoints.csv")[1][:7] == [
        "2026-03-02", "09:30", "Ada Lovelace", "ada@ae.example", "Call", "Listen", "Cloud costs",
    ]  # fmt: skip
    assert _rows(tmp_path / "commitments.csv")[1][:4] == [
        "Send the forecast", "Ada Lovelace", "2026-03-02", "2026-03-09",
    ]  # fmt: skip


def test_hostile_cells_are_made_text_and_read_back_as_written(db, tmp_path: Path) -> None:
    for index, text in enumerate(HOSTILE):
        stakeholders.create(name=f"Person {index}", title=text.strip()[:50], notes=text)
    path = tmp_path / "people.csv"
    csv_export.export_csv(path, "stakeholders")
    for row in _rows(path)[1:]:
        for cell in row:
            assert not cell.startswith(csv_export.FORMULA_STARTS), cell
    notes = [row[-1] for row in _rows(path)[1:]]
    assert notes == ["'" + text for text in HOSTILE]
    assert csv_export.guard("\tTabbed") == "'\tTabbed" and csv_export.guard("\rR") == "'\rR"
    # Our own import takes the guard off again: the text comes back exactly.
    table = csv_table.read_table(path)
    assert [cells[-1] for _, cells in table.rows] == HOSTILE


def test_a_quote_that_was_in_the_text_is_kept(db) -> None:
    assert csv_export.unguard(csv_export.guard("'quoted'")) == "'quoted'"
    assert csv_export.unguard(csv_export.guard("'=already")) == "'=already"
    assert csv_export.unguard(csv_export.guard("\t=x")) == "\t=x"
    assert csv_export.guard("plain") == "plain"


def test_outlook_contact_headers_are_matched(db, tmp_path: Path) -> None:
    headers = ["First Name", "Middle Name", "Last Name", "Title", "Job Title", "Company",
               "Department", "E-mail Address", "Business Phone", "Categories", "Notes"]  # fmt: skip
    mapping = csv_mapping.suggest_mapping(headers, "stakeholders")
    assert mapping == {
        "First Name": "first_name", "Middle Name": "", "Last Name": "last_name",
        "Title": "", "Job Title": "title", "Company": "organisation",
        "Department": "business_unit", "E-mail Address": "email", "Business Phone": "phone",
        "Categories": "tags", "Notes": "notes",
    }  # fmt: skip


def test_google_contact_export_imports(db, tmp_path: Path) -> None:
    path = tmp_path / "google.csv"
    path.write_text(
        "Name,Given Name,Family Name,Group Membership,E-mail 1 - Type,E-mail 1 - Value,"
        "Organization 1 - Name,Organization 1 - Title,Organization 1 - Department\n"
        "Priya Raman,Priya,Raman,* myContacts ::: Finance ::: Board,* Work,"
        "priya.raman@contoso.example,Contoso Ltd,CFO,Finance\n",
        encoding="utf-8",
    )
    imports.apply(plan_import(path))
    (priya,) = stakeholders.list_all()
    assert (priya.name, priya.email, priya.title, priya.business_unit, priya.tags) == (
        "Priya Raman", "priya.raman@contoso.example", "CFO", "Finance", ("Finance", "Board"),
    )  # fmt: skip


def test_semicolon_separated_with_first_and_last_names(db, tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes("Vorname;Nachname;Email;Firma\nJürgen;Müller;j@n.example;Northwind\n"
                     .replace("Vorname", "First Name").replace("Nachname", "Last Name")
                     .replace("Firma", "Company").encode("cp1252"))  # fmt: skip
    imports.apply(plan_import(path))
    (person,) = stakeholders.list_all()
    assert (person.name, person.organisation) == ("Jürgen Müller", "Northwind")


def test_a_corrected_mapping_is_used(db, tmp_path: Path) -> None:
    path = tmp_path / "odd.csv"
    path.write_text("Who,Where\nAda Lovelace,Analytical Engines\n", encoding="utf-8")
    with pytest.raises(FileRefused, match="no column holds the name"):
        plan_import(path)
    plan = csv_import.plan_csv(path, mapping={"Who": "name", "Where": "organisation"},
                           kind="stakeholders")  # fmt: skip
    imports.apply(plan)
    assert stakeholders.list_all()[0].organisation == "Analytical Engines"


def test_bad_values_skip_their_row_with_the_reason(db, tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_text(
        "Name,Power,Engagement now,Email\nAda,6,supportive,ada@ae.example\nBob,two,,\n"
        "Cy,4,fond,\nDee,2,Leading,dee@x.example\nEve,3,,not-an-email\n",
        encoding="utf-8",
    )
    plan = plan_import(path)
    reasons = {c.label: (c.action, c.source, c.reason) for c in plan.changes}
    assert reasons["Bob"] == (SKIP, "line 3", "Power (1–5) 'two' is not a number")
    assert reasons["Cy"][2].startswith("Engagement now 'fond' is not one of: Unaware")
    assert reasons["Ada"][0] == SKIP and "Power" in reasons["Ada"][2]
    assert reasons["Eve"][0] == SKIP and "Email" in reasons["Eve"][2]
    assert reasons["Dee"] == (ADD, "line 5", "")


def test_stakeholder_round_trip_merges_nothing_new(db, tmp_path: Path) -> None:
    stakeholders.create(name="Ada Lovelace", email="ada@ae.example", power=5, interest=2,
                        engagement_current="resistant", cadence_days=14, tags=("Board", "R&D"),
                        notes="=1+1 is two")  # fmt: skip
    path = tmp_path / "people.csv"
    csv_export.export_csv(path)
    plan = plan_import(path)
    assert [c.reason for c in plan.changes] == ["already known (same email), nothing new"]


def test_touchpoints_import_by_email_or_name_and_only_once(db, tmp_path: Path) -> None:
    ada = stakeholders.create(name="Ada Lovelace", email="ada@ae.example")
    bob = stakeholders.create(name="Bob Builder")
    path = tmp_path / "log.csv"
    path.write_text(
        "Date,Time,People,Emails,Channel,Purpose,Subject,Listening\n"
        "2026-03-02,09:30,,ADA@ae.example,Call,Listen,Costs,4\n"
        "2026-03-03,,Bob Builder; Ada Lovelace,,1:1,Decide,Plan,\n"
        "2026-03-04 14:00,,Nobody Known,,,,Lost,\n"
        "03/05/2026,,Bob Builder,,,,Ambiguous date,\n",
        encoding="utf-8",
    )
    plan = plan_import(path)
    assert [c.action for c in plan.changes] == [ADD, ADD, SKIP, SKIP]
    assert plan.changes[2].reason == "no known person: Nobody Known"
    assert plan.changes[3].reason == (
        "date '03/05/2026' could be 3 May or 5 March; choose whether the day or the month "
        "comes first"
    )
    imports.apply(plan)
    first, second = touchpoints.between(start=date(2026, 3, 1), end=date(2026, 3, 31))
    assert first.stakeholder_ids == (ada.id,) and first.listening == 4
    assert first.occurred_at.astimezone().strftime("%H:%M") == "09:30"
    assert second.has_time is False and set(second.stakeholder_ids) == {ada.id, bob.id}
    again = plan_import(path)
    assert [c.reason for c in again.changes[:2]] == ["already imported"] * 2


def test_touchpoint_export_imports_back_into_a_new_database_unchanged(db, tmp_path: Path) -> None:
    ada = stakeholders.create(name="Ada Lovelace", email="ada@ae.example")
    touchpoints.create(stakeholder_ids=[ada.id], channel="workshop", purpose="decide",
                       subject="Roadmap", sentiment=-1, notes="-tense start",
                       occurred_at=datetime(2026, 3, 2, 9, 30).astimezone())  # fmt: skip
    path = tmp_path / "touchpoints.csv"
    csv_export.export_csv(path, "touchpoints")
    table = csv_table.read_table(path)
    assert csv_mapping.guess_kind(table.headers) == "touchpoints"
    touchpoints.KIND.delete(
        touchpoints.between(start=date(2026, 1, 1), end=date(2026, 12, 31))[0].id
    )
    imports.apply(plan_import(path))
    (back,) = touchpoints.between(start=date(2026, 1, 1), end=date(2026, 12, 31))
    assert (back.channel, back.purpose, back.sentiment, back.notes, back.subject) == (
        "workshop", "decide", -1, "-tense start", "Roadmap",
    )  # fmt: skip


def test_a_row_with_more_cells_than_the_header_refuses_the_file(db, tmp_path: Path) -> None:
    path = tmp_path / "ragged.csv"
    path.write_text("Name,Email\nAda,a@x.example\nBob,b@x.example,extra\n", encoding="utf-8")
    with pytest.raises(FileRefused, match=r"ragged\.csv: line 3 has 3 cells"):
        plan_import(path)
    assert stakeholders.count() == 0


def test_slash_dates_are_read_in_the_order_the_file_shows_or_is_told(db, tmp_path: Path) -> None:
    stakeholders.create(name="Bob Builder")
    path = tmp_path / "log.csv"
    path.write_text(
        "Date,People,Subject\n"
        "03/04/2026 14:30,Bob Builder,Either way\n"
        "28/04/2026,Bob Builder,Only day first\n"
        "5/5/2026,Bob Builder,The same both ways\n",
        encoding="utf-8",
    )
    assert csv_import.slash_date_order(["03/04/2026", "28/04/2026"]) == "dmy"
    assert csv_import.slash_date_order(["03/04/2026", "04/28/2026"]) == "mdy"
    assert csv_import.slash_date_order(["03/04/2026"]) is None  # nothing tells
    assert csv_import.slash_date_order(["28/04/2026", "04/28/2026"]) is None  # they disagree
    plan = plan_import(path)  # the 28th tells: day first
    days = [csv_import._day(c.fields) for c in plan.changes]
    assert days == [date(2026, 4, 3), date(2026, 4, 28), date(2026, 5, 5)]
    assert plan.changes[0].fields["occurred_at"].strftime("%H:%M") == "14:30"

    told = csv_import.plan_csv(path, date_order="mdy")  # told otherwise: the 28th cannot be a month
    assert [c.action for c in told.changes] == [ADD, SKIP, ADD]
    assert told.changes[1].reason == "date '28/04/2026' is not a month/day/year date"
    assert csv_import._day(told.changes[0].fields) == date(2026, 3, 4)
    with pytest.raises(ValueError, match="date_order"):
        csv_import.plan_csv(path, date_order="ymd")


def test_touchpoints_can_add_the_people_they_name_once_each(db, tmp_path: Path) -> None:
    ada = stakeholders.create(name="Ada Lovelace", email="ada@ae.example")
    path = tmp_path / "log.csv"
    path.write_text(
        "Date,People,Subject,Listening\n"
        "2026-03-02,Ada Lovelace; Grace Hopper,Costs,4\n"
        "2026-03-03,Grace Hopper,Plan,\n"
        "2026-03-04,grace hopper; Linus,Review,\n"
        "2026-03-05,Linus,Bad,9\n",
        encoding="utf-8",
    )
    without = plan_import(path)
    assert [c.action for c in without.changes] == [ADD, SKIP, SKIP, SKIP]
    assert without.changes[0].reason == "unknown, left out: Grace Hopper"

    plan = plan_import(path, add_unknown=True)
    people = [c for c in plan.changes if c.kind == "stakeholder"]
    assert [(c.action, c.label, c.reason) for c in people] == [
        (ADD, "Grace Hopper", "not yet a stakeholder"),
        (ADD, "grace hopper", "not yet a stakeholder"),  # names are exact
        (ADD, "Linus", "not yet a stakeholder"),
    ]
    meetings = [c for c in plan.changes if c.kind == "touchpoint"]
    assert [c.action for c in meetings] == [ADD, ADD, ADD, SKIP]
    assert meetings[3].reason == "Listening: must be between 1 and 5, not 9"  # as if known
    assert [m.fields["channel"] for m in meetings[1:3]] == ["one_on_one", "meeting"]

    imports.apply(plan)
    everyone = {p.name: p.id for p in stakeholders.list_all()}
    assert set(everyone) == {"Ada Lovelace", "Grace Hopper", "grace hopper", "Linus"}
    logged = touchpoints.between(start=date(2026, 3, 1), end=date(2026, 3, 31))
    assert [set(t.stakeholder_ids) for t in logged] == [
        {ada.id, everyone["Grace Hopper"]},
        {everyone["Grace Hopper"]},
        {everyone["grace hopper"], everyone["Linus"]},
    ]
    again = plan_import(path, add_unknown=True)  # everyone known now: nothing doubles
    assert [c.kind for c in again.changes if c.action == ADD] == []
    assert [c.reason for c in again.changes][:3] == ["already imported"] * 3


def test_a_file_imported_before_people_could_be_added_is_still_known(db, tmp_path) -> None:
    """Rows imported under the earlier identity (the ids of their known people) are found."""
    bob = stakeholders.create(name="Bob Builder")
    path = tmp_path / "log.csv"
    path.write_text("Date,People,Subject\n2026-03-02,Bob Builder; Nobody,Costs\n", "utf-8")
    (change,) = plan_import(path).changes
    old_uid = csv_import._fingerprint(change.fields, str(bob.id))
    touchpoints.create(**{**change.fields, "external_uid": old_uid})
    assert [c.reason for c in plan_import(path, add_unknown=True).changes] == ["already imported"]
