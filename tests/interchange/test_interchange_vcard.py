"""Contacts from vCard: what Outlook, Google and Apple write, and people merged, not doubled."""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor_planner.interchange import plan_import
from advisor_planner.services import imports, stakeholders
from advisor_planner.services.errors import FileRefused
from advisor_planner.services.imports import ADD, MERGE, SKIP


def _import(path: Path) -> imports.ImportResult:
    return imports.apply(plan_import(path))


def _person(name: str) -> stakeholders.Stakeholder:
    (match,) = [p for p in stakeholders.list_all(include_archived=True) if p.name == name]
    return match


def test_outlook_2_1_quoted_printable_and_windows_1252(db, samples: Path) -> None:
    result = _import(samples / "outlook_2_1.vcf")
    assert result.added == 2
    person = _person("Jürgen Müller")
    assert person.organisation == "Northwind Großhandel"
    assert person.business_unit == "Finanzen"  # the soft line break inside the ORG is joined
    assert person.title == "Head of Treasury"
    assert person.email == "Juergen.Mueller@Northwind.example"
    assert person.phone == "+49 69 1234 5678"  # the first TEL; the CELL one is second
    assert person.notes == "Met at the cloud cost review – wants monthly numbers.\nSecond line."


def test_google_3_0_categories_become_tags(db, samples: Path) -> None:
    _import(samples / "google_3_0.vcf")
    priya = _person("Priya Raman")
    assert priya.tags == ("Finance", "Board")  # Google's own "myContacts" is not a tag
    assert (priya.organisation, priya.business_unit, priya.title) == (
        "Contoso Ltd",
        "Finance",
        "CFO",
    )
    assert priya.notes == "Prefers numbers first.\nHates surprises."
    assert _person("Tomás García").tags == ("Sales",)


def test_apple_grouped_properties(db, samples: Path) -> None:
    _import(samples / "apple_grouped.vcf")
    astrid = _person("Astrid Lindqvist")
    assert astrid.email == "astrid.lindqvist@fabrikam.example"
    assert astrid.phone == "+46 8 123 456 78"
    assert astrid.business_unit == "Human Resources"
    assert astrid.notes.endswith("HR data platform.")  # the folded line is unfolded


def test_vcard_4_0(db, samples: Path) -> None:
    _import(samples / "vcard_4_0.vcf")
    kenji = _person("Kenji Watanabe")
    assert kenji.phone == "+81-3-1234-5678"  # a tel: URI in 4.0
    assert kenji.email == "kenji.watanabe@tailspin.example"
    assert kenji.tags == ("Marketing",)


def test_known_person_matched_by_email_any_case_is_updated_not_doubled(db, samples: Path) -> None:
    known = stakeholders.create(
        name="P. Raman", email="PRIYA.RAMAN@contoso.example", tags=("Exec",), notes="Old note"
    )
    plan = plan_import(samples / "google_3_0.vcf")
    (merge,) = plan.of(MERGE)
    assert merge.record_id == known.id
    assert "email" in merge.reason
    imports.apply(plan)
    assert stakeholders.count() == 2  # Priya merged, Tomás added
    priya = stakeholders.get(stakeholder_id=known.id)
    assert priya.name == "P. Raman"  # the name the user chose stays
    assert priya.tags == ("Exec", "Finance", "Board")
    assert priya.notes == "Old note\n\nPrefers numbers first.\nHates surprises."
    assert priya.title == "CFO"


def test_known_person_matched_by_exact_name(db, samples: Path) -> None:
    known = stakeholders.create(name="Tomás García", organisation="Old Co")
    plan = plan_import(samples / "google_3_0.vcf")
    (merge,) = [c for c in plan.of(MERGE) if c.label == "Tomás García"]
    assert merge.record_id == known.id and "name" in merge.reason
    imports.apply(plan)
    assert stakeholders.get(stakeholder_id=known.id).organisation == "Contoso Ltd"


def test_importing_again_adds_nothing(db, samples: Path) -> None:
    for name in ("outlook_2_1.vcf", "google_3_0.vcf", "apple_grouped.vcf", "vcard_4_0.vcf"):
        _import(samples / name)
    before = stakeholders.count()
    for name in ("outlook_2_1.vcf", "google_3_0.vcf", "apple_grouped.vcf", "vcard_4_0.vcf"):
        plan = plan_import(samples / name)
        assert plan.of(ADD) == [] and plan.of(MERGE) == []
        assert all("already known" in c.reason for c in plan.of(SKIP))
    assert stakeholders.count() == before


def test_the_same_person_twice_in_one_file_is_one_person(db, tmp_path: Path) -> None:
    path = tmp_path / "twice.vcf"
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nEMAIL:ada@ae.example\r\nEND:VCARD\r\n"
    path.write_text(card + card.replace("ada@", "ADA@"), encoding="utf-8")
    plan = plan_import(path)
    assert [c.action for c in plan.changes] == [ADD, SKIP]
    assert "card 1" in plan.changes[1].reason


def test_a_card_without_a_name_is_skipped_with_its_reason(db, tmp_path: Path) -> None:
    path = tmp_path / "nameless.vcf"
    path.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:\r\nN:;;;;\r\nEMAIL:x@y.example\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Grace Hopper\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    plan = plan_import(path)
    skipped, added = plan.changes
    assert (skipped.action, skipped.reason, skipped.source) == (SKIP, "no name", "card 1 (line 1)")
    assert added.action == ADD and added.label == "Grace Hopper"


def test_a_card_without_end_names_the_card_and_line(db, tmp_path: Path) -> None:
    path = tmp_path / "broken.vcf"
    path.write_text(
        "BEGIN:VCARD\nVERSION:3.0\nFN:Ada\nEND:VCARD\nBEGIN:VCARD\nVERSION:3.0\nFN:Bob\n",
        encoding="utf-8",
    )
    with pytest.raises(
        FileRefused, match=r"broken\.vcf: card 2 \(line 5\) has BEGIN:VCARD but no END"
    ):
        plan_import(path)
    assert stakeholders.count() == 0


def test_undo_of_an_import_takes_back_adds_and_merges(db, samples: Path) -> None:
    known = stakeholders.create(name="Priya Raman", title="Analyst")
    result = _import(samples / "google_3_0.vcf")
    assert stakeholders.get(stakeholder_id=known.id).title == "CFO"
    imports.revert(result)
    assert [p.name for p in stakeholders.list_all()] == ["Priya Raman"]
    back = stakeholders.get(stakeholder_id=known.id)
    assert (back.title, back.tags, back.email) == ("Analyst", (), "")
