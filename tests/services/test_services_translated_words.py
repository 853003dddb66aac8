"""The words made below the UI go through ``advisor_planner.translation``.

A translator that wraps every text in ``⟦…⟧`` (and notes its context) stands in for Qt's: a
sentence that comes out unwrapped, or wrapped only in part, was built outside the hook.
"""

from __future__ import annotations

import errno
from collections.abc import Iterator
from datetime import date

import pytest

from advisor_planner import translation
from advisor_planner.domain import cadence, health, stakeholder_map, trust
from advisor_planner.services import (
    NotFoundError,
    ValidationError,
    evidence,
    reflections,
    stakeholders,
    touchpoints,
    trust_checks,
)
from advisor_planner.services.errors import storage_sentence
from advisor_planner.store import problems
from advisor_planner.store.lock import DatabaseInUseError

TODAY = date(2026, 3, 20)  # a Friday of 2026-W12


@pytest.fixture
def asked() -> Iterator[list[tuple[str, str]]]:
    """Every (context, text) translated while the test runs, each text coming back wrapped."""
    seen: list[tuple[str, str]] = []

    def wrap(context: str, text: str) -> str:
        seen.append((context, text))
        return f"⟦{text}⟧"

    translation.use(wrap)
    yield seen
    translation.use(None)


def test_a_cadence_status_is_translated_whole_with_its_number_filled_in(asked) -> None:
    status = cadence.cadence_status(date(2026, 3, 1), 30, today=TODAY)
    assert status.label == "⟦due in 11 days⟧"
    assert ("Cadence", "due in {0} days") in asked
    assert cadence.cadence_status(None, 30, today=TODAY).label == "⟦never contacted⟧"


def test_formulas_are_translated_where_shown_and_kept_english_as_marked(asked) -> None:
    assert health.health_formula() == f"⟦{health.HEALTH_FORMULA}⟧"
    assert trust.trust_quotient_formula() == f"⟦{trust.TRUST_QUOTIENT_FORMULA}⟧"
    assert cadence.cadence_formula() == (
        "⟦Next contact due = last contact + cadence; overdue once that date has passed⟧"
    )
    assert ("Formula", stakeholder_map.KEY_STAKEHOLDER_FORMULA) not in asked
    assert stakeholder_map.key_stakeholder_formula().startswith("⟦Key stakeholder")
    assert ("Formula", stakeholder_map.KEY_STAKEHOLDER_FORMULA) in asked


def test_a_quadrant_keeps_its_english_name_and_shows_a_translated_one(asked) -> None:
    name = stakeholder_map.quadrant(5, 5)
    assert name == stakeholder_map.MANAGE_CLOSELY == "manage closely"
    assert stakeholder_map.quadrant_label(name) == "⟦manage closely⟧"


def test_the_focus_sentence_is_one_sentence_with_the_names_filled_in(db, pin_today, asked) -> None:
    pin_today(TODAY)
    ada = stakeholders.create(name="Ada")
    raj = stakeholders.create(name="Raj")
    reflections.create(week="2026-W11", focus_stakeholder_ids=[ada.id, raj.id])
    touchpoints.create(stakeholder_ids=[ada.id], occurred_on=date(2026, 3, 17), channel="call")
    focus = evidence.week_evidence(week="2026-W12").focus
    assert focus is not None
    assert focus.sentence == "⟦You planned to see ⟦Ada and Raj⟧; you saw Ada.⟧"
    assert ("Evidence", "You planned to see {0}; you saw {1}.") in asked


def test_a_record_is_named_in_the_users_language_when_it_goes_to_the_trash(
    db, pin_today, asked
) -> None:
    pin_today(TODAY)
    ada = stakeholders.create(name="Ada")
    check = trust_checks.create(
        stakeholder_id=ada.id,
        checked_on=date(2026, 3, 2),
        credibility=5,
        reliability=5,
        intimacy=5,
        self_orientation=5,
    )
    assert trust_checks.delete(trust_check_id=check.id).label == "⟦trust check on 2026-03-02⟧"
    with pytest.raises(NotFoundError) as refused:
        trust_checks.get(trust_check_id=check.id)
    assert str(refused.value) == f"⟦No ⟦trust check⟧ with id {check.id}; it may have been deleted.⟧"


def test_a_refused_value_says_why_in_the_users_language(db, pin_today, asked) -> None:
    pin_today(TODAY)
    with pytest.raises(ValidationError) as refused:
        touchpoints.create(stakeholder_ids=[], channel="call")
    assert refused.value.field == "stakeholder_ids"  # the field's name stays as it is
    assert refused.value.problem == "⟦name at least one person⟧"
    with pytest.raises(ValidationError) as refused:
        stakeholders.create(name="Ada", power=9)
    assert refused.value.problem == "⟦must be between 1 and 5, not 9⟧"
    assert ("Validation", "must be between {0} and {1}, not {2}") in asked


def test_a_storage_problem_is_one_translated_sentence(tmp_path, asked) -> None:
    full = OSError(errno.ENOSPC, "No space left on device")
    sentence = storage_sentence(full, tmp_path / "planner.sqlite")
    assert sentence.startswith(f"⟦The disk holding {tmp_path} is full (⟦")
    assert sentence.endswith(" free); free some space and try again.⟧")
    opened = problems.disk_full(tmp_path / "planner.sqlite", opened_read_only=True).sentence
    assert opened.endswith("; opened for reading only until there is room.⟧")
    busy = DatabaseInUseError(tmp_path / "planner.sqlite", tmp_path / "planner.lock", None)
    assert str(busy).startswith(f"⟦{tmp_path / 'planner.sqlite'} is already open in ⟦another")


def test_a_report_section_title_is_translated_under_report(asked) -> None:
    from advisor_planner.reports.data import SECTIONS, audience_label, section_title

    assert SECTIONS["summary"] == "Summary"  # kept English: the dialog translates it too
    assert section_title("summary") == "⟦Summary⟧"
    assert audience_label("mentor") == "⟦For my mentor⟧"
    assert asked == [("Report", "Summary"), ("Report", "For my mentor")]


def test_an_import_plan_says_where_and_why_in_the_users_language(db, tmp_path, asked) -> None:
    from advisor_planner.interchange.csv_import import plan_csv
    from advisor_planner.interchange.csv_mapping import FIELDS, field_label

    assert FIELDS["stakeholders"]["power"] == "Power (1–5)"
    assert field_label("stakeholders", "power") == "⟦Power (1–5)⟧"
    path = tmp_path / "people.csv"
    path.write_text("Name,Power\nAda,lots\n", encoding="utf-8")
    (skipped,) = plan_csv(path, kind="stakeholders").changes
    assert skipped.source == "⟦line 2⟧"
    assert skipped.reason == "⟦⟦Power (1–5)⟧ 'lots' is not a number⟧"
