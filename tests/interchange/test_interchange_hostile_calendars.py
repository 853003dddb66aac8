"""Calendars made to hurt: repeat rules that would expand to millions, meetings too big for a
touchpoint, several calendars in one file, broken properties. Each is skipped or refused in one
line naming the event, the rest of the file imports, and nothing grows without bound.

The expansion tests run in a child process with its address space capped at 1 GB and a time
limit: a 290-byte calendar repeating every minute since 2023 once grew to 5.65 GB.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from advisor_planner.__main__ import main
from advisor_planner.interchange import plan_import
from advisor_planner.interchange.icalendar_import import MAX_OCCURRENCES
from advisor_planner.services import imports, stakeholders, touchpoints
from advisor_planner.services.errors import FileRefused
from advisor_planner.services.imports import ADD, SKIP

REPO = Path(__file__).resolve().parents[2]


def _calendar(*events: str) -> str:
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"
        + "".join(events)
        + "END:VCALENDAR\r\n"
    )


def _event(uid: str, summary: str, start: str, *extra: str, attendees: int = 1) -> str:
    people = "".join(
        f"ATTENDEE;CN=Person {n}:mailto:person{n}@example.com\r\n" for n in range(attendees)
    )
    lines = "".join(f"{line}\r\n" for line in extra)
    return (
        f"BEGIN:VEVENT\r\nUID:{uid}\r\nSUMMARY:{summary}\r\nDTSTART:{start}\r\n"
        f"ORGANIZER:mailto:me@example.com\r\n{people}{lines}END:VEVENT\r\n"
    )


@pytest.mark.parametrize(
    ("rule", "start"),
    [
        ("FREQ=MINUTELY", "20230101T090000Z"),
        ("FREQ=SECONDLY", "20200101T090000Z"),
        ("FREQ=HOURLY", "19000101T090000Z"),
    ],
)
def test_a_rule_that_would_expand_to_millions_is_skipped_in_bounded_memory(
    tmp_path: Path, rule: str, start: str
) -> None:
    ics = tmp_path / "storm.ics"
    ics.write_text(
        _calendar(
            _event("storm@x", "Storm", start, f"RRULE:{rule}"),
            _event("fine@x", "Budget review", "20261120T100000Z"),
        )
    )
    db = tmp_path / "advisor.sqlite"
    code = (
        "import resource, sys\n"
        "resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))\n"
        "from advisor_planner.__main__ import main\n"
        "sys.exit(main(['import', '--db', sys.argv[1], sys.argv[2], '--add-unknown',\n"
        "               '--until', '2026-12-01']))\n"
    )
    env = dict(os.environ, PYTHONPATH=str(REPO))
    done = subprocess.run(
        [sys.executable, "-c", code, str(db), str(ics)],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert f"repeats more than {MAX_OCCURRENCES:,} times" in done.stdout
    assert "1 added" in done.stdout.splitlines()[-1] or "2 added" in done.stdout


def test_dry_run_and_import_agree_on_a_meeting_too_big_for_a_touchpoint(
    db, tmp_path: Path, capsys
) -> None:
    """A 5,000-attendee meeting is skipped with its reason in the dry run and in the import
    alike (the dry run used to plan 5,001 people, and the import then failed as a whole)."""
    ics = tmp_path / "all-hands.ics"
    ics.write_text(
        _calendar(
            _event("allhands@x", "All hands", "20261110T160000Z", attendees=5000),
            _event("one@x", "Roadmap 1:1", "20261111T100000Z"),
        )
    )
    plan = plan_import(ics, add_unknown=True)
    skipped = [c for c in plan.of(SKIP) if c.kind == "touchpoint"]
    assert [c.label for c in skipped] == ["All hands on 2026-11-10"]
    assert "5000 attendees; a touchpoint holds at most 100 people" in skipped[0].reason
    assert len(plan.of(ADD)) == 2  # Person 0 and the 1:1 with them
    result = imports.apply(plan)
    assert result.added == 2
    assert [p.name for p in stakeholders.list_all()] == ["Person 0"]
    assert len(touchpoints.page(limit=10)) == 1


def test_one_bad_event_is_skipped_with_its_name_and_the_rest_imports(db, tmp_path) -> None:
    ics = tmp_path / "mixed.ics"
    ics.write_text(
        _calendar(
            _event("twice@x", "Two starts", "20261101T100000Z", "DTSTART:20261102T100000Z"),
            _event("rule@x", "Odd rule", "20261103T100000Z", "RRULE:FREQ=SOMETIMES"),
            _event("good@x", "Steering group", "20261104T100000Z"),
        )
    )
    plan = plan_import(ics, add_unknown=True)
    reasons = {c.label: c.reason for c in plan.of(SKIP) if c.kind == "touchpoint"}
    assert reasons == {
        "Two starts": "it has more than one start (DTSTART)",
        "Odd rule on 2026-11-03": "its repeat rule (RRULE) cannot be read",
    }
    assert any("Steering group" in c.label for c in plan.of(ADD))


def test_several_calendars_in_one_file_are_all_read(db, tmp_path: Path) -> None:
    ics = tmp_path / "two.ics"
    ics.write_text(
        _calendar(_event("a@x", "First calendar's meeting", "20261105T100000Z"))
        + _calendar(_event("b@x", "Second calendar's meeting", "20261106T100000Z"))
    )
    plan = plan_import(ics, add_unknown=True)
    labels = sorted(c.label for c in plan.of(ADD) if c.kind == "touchpoint")
    assert labels == [
        "First calendar's meeting on 2026-11-05",
        "Second calendar's meeting on 2026-11-06",
    ]


def test_a_file_icalendar_cannot_read_is_refused_in_one_line(db, tmp_path: Path) -> None:
    ics = tmp_path / "broken.ics"
    ics.write_text("BEGIN:VCALENDAR\r\nVERSION\r\n\r\n :2.0\r\nBEGIN:VEVENT\r\nEND:VCALENDAR\r\n")
    with pytest.raises(FileRefused) as refused:
        plan_import(ics)
    message = str(refused.value)
    assert "\n" not in message and len(message) < 250, message
    assert message.startswith("broken.ics: ")


def test_the_command_line_says_what_was_skipped_and_imports_the_rest(
    db_path: Path, tmp_path: Path, capsys
) -> None:
    ics = tmp_path / "outlook.ics"
    ics.write_text(
        _calendar(
            _event("big@x", "Town hall", "20261110T160000Z", attendees=123),
            _event("small@x", "Pricing review", "20261111T100000Z", attendees=3),
        )
    )
    assert main(["import", "--db", str(db_path), str(ics), "--add-unknown"]) == 0
    out = capsys.readouterr().out
    assert "Town hall on 2026-11-10" in out and "123 attendees" in out
    assert "4 added" in out  # three people and the review
