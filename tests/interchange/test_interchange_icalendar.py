"""Touchpoints from calendars: zones (Windows-named ones defined in the file), repeats, all-day
events, cancelled and unknown-only events, new attendees on request, and no re-import twice."""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from advisor_planner.interchange import plan_import
from advisor_planner.services import imports, stakeholders, touchpoints
from advisor_planner.services.imports import ADD, MERGE, SKIP

UNTIL = date(2026, 12, 1)


@pytest.fixture
def people(db) -> dict[str, int]:
    """The calendar's attendees who are stakeholders already (not the organiser)."""
    priya = stakeholders.create(name="Priya Raman", email="priya.raman@contoso.example")
    tomas = stakeholders.create(name="Tomás García", email="Tomas.Garcia@contoso.example")
    return {"priya": priya.id, "tomas": tomas.id}


def _all() -> list[touchpoints.Touchpoint]:
    return touchpoints.between(start=date(2000, 1, 1), end=date(2100, 1, 1))


def _utc(t: touchpoints.Touchpoint) -> datetime:
    assert t.occurred_at is not None
    return t.occurred_at.astimezone(timezone.utc).replace(tzinfo=None)


def test_outlook_weekly_repeat_in_a_windows_named_zone(people, samples: Path) -> None:
    imports.apply(plan_import(samples / "outlook_windows_zone.ics", until=UNTIL))
    weekly = [t for t in _all() if t.subject == "Cloud cost 1:1"]
    # Six Mondays from 2 March, less the one excluded (16 March).
    assert [t.occurred_on for t in weekly] == [
        date(2026, 3, 2), date(2026, 3, 9), date(2026, 3, 23), date(2026, 3, 30),
        date(2026, 4, 6),
    ]  # fmt: skip
    # 09:00 "GMT Standard Time": GMT before 29 March, British Summer Time (UTC+1) after.
    assert [_utc(t).hour for t in weekly] == [9, 9, 9, 8, 8]
    assert all(
        t.stakeholder_ids == (people["priya"],) and t.channel == "one_on_one" for t in weekly
    )


def test_zone_conversion_does_not_depend_on_the_local_zone(people, samples: Path, new_york) -> None:
    imports.apply(plan_import(samples / "outlook_windows_zone.ics", until=UNTIL))
    first = next(t for t in _all() if t.subject == "Cloud cost 1:1")
    assert _utc(first) == datetime(2026, 3, 2, 9, 0)
    assert first.occurred_at.astimezone().hour == 4  # 09:00 in London is 04:00 in New York


def test_all_day_event_becomes_a_date_only_touchpoint_with_everyone_known(
    people, samples: Path
) -> None:
    imports.apply(plan_import(samples / "outlook_windows_zone.ics", until=UNTIL))
    (offsite,) = [t for t in _all() if t.subject == "Finance offsite"]
    assert offsite.has_time is False
    assert offsite.occurred_on == date(2026, 3, 5)
    assert set(offsite.stakeholder_ids) == {people["priya"], people["tomas"]}
    assert offsite.channel == "meeting"


def test_cancelled_and_unknown_only_events_are_skipped_with_reasons(people, samples: Path) -> None:
    plan = plan_import(samples / "outlook_windows_zone.ics", until=UNTIL)
    reasons = {c.label: c.reason for c in plan.of(SKIP)}
    assert reasons["Cancelled: budget walkthrough on 2026-03-10"] == "cancelled"
    assert reasons["Vendor pitch on 2026-03-11"] == (
        "no known attendee: sam.stranger@elsewhere.example, ola@elsewhere.example"
    )
    assert len(plan.of(ADD)) == 6


def test_add_unknown_creates_the_attendees_as_stakeholders(people, samples: Path) -> None:
    plan = plan_import(samples / "outlook_windows_zone.ics", until=UNTIL, add_unknown=True)
    new_people = [c for c in plan.of(ADD) if c.kind == "stakeholder"]
    assert {c.fields["email"] for c in new_people} == {
        "sam.stranger@elsewhere.example", "ola@elsewhere.example",
    }  # fmt: skip
    imports.apply(plan)
    sam = next(p for p in stakeholders.list_all() if p.email == "sam.stranger@elsewhere.example")
    assert sam.name == "Sam Stranger"  # from the attendee's CN
    (pitch,) = [t for t in _all() if t.subject == "Vendor pitch"]
    assert sam.id in pitch.stakeholder_ids and len(pitch.stakeholder_ids) == 2


def test_the_organiser_is_the_user_not_a_stakeholder(people, samples: Path) -> None:
    plan = plan_import(samples / "outlook_windows_zone.ics", until=UNTIL, add_unknown=True)
    emails = {c.fields.get("email") for c in plan.of(ADD) if c.kind == "stakeholder"}
    assert "me@mycompany.example" not in emails


def test_repeats_are_expanded_up_to_today_or_until(people, samples: Path, pin_today) -> None:
    pin_today(date(2026, 3, 10))
    plan = plan_import(samples / "outlook_windows_zone.ics")
    weekly = [c for c in plan.of(ADD) if c.label.startswith("Cloud cost")]
    assert [c.label[-10:] for c in weekly] == ["2026-03-02", "2026-03-09"]
    plan = plan_import(samples / "outlook_windows_zone.ics", until=date(2026, 3, 25))
    assert len([c for c in plan.of(ADD) if c.label.startswith("Cloud cost")]) == 3


def test_importing_the_same_calendar_again_adds_nothing(people, samples: Path) -> None:
    imports.apply(plan_import(samples / "outlook_windows_zone.ics", until=UNTIL))
    count = len(_all())
    again = plan_import(samples / "outlook_windows_zone.ics", until=UNTIL)
    assert again.of(ADD) == []
    assert sum(c.reason == "already imported" for c in again.of(SKIP)) == count
    assert len(_all()) == count


def test_google_calendar_with_a_named_zone_and_no_zone_block(people, tmp_path: Path) -> None:
    path = tmp_path / "google.ics"
    path.write_text(
        "BEGIN:VCALENDAR\r\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\r\nVERSION:2.0\r\n"
        "X-WR-TIMEZONE:America/Los_Angeles\r\nBEGIN:VEVENT\r\n"
        "DTSTART;TZID=America/Los_Angeles:20260701T100000\r\n"
        "DTEND;TZID=America/Los_Angeles:20260701T110000\r\n"
        "ORGANIZER;CN=Me:mailto:me@mycompany.example\r\n"
        "ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN=priya.raman@\r\n"
        " contoso.example;X-NUM-GUESTS=0:mailto:priya.raman@contoso.example\r\n"
        "UID:abc123@google.com\r\nSUMMARY:Budget check-in\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        encoding="utf-8",
    )
    imports.apply(plan_import(path, until=UNTIL))
    (event,) = _all()
    assert _utc(event) == datetime(2026, 7, 1, 17, 0)  # 10:00 Pacific Daylight Time


def test_an_event_without_a_start_is_skipped_naming_it(people, tmp_path: Path) -> None:
    path = tmp_path / "nostart.ics"
    path.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:one\r\nSUMMARY:Fine\r\n"
        "DTSTART:20260101T100000Z\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:broken-uid\r\n"
        "SUMMARY:Lost\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        encoding="utf-8",
    )
    # Skipped, naming it, while the rest of the file imports (it used to refuse the file).
    plan = plan_import(path)
    assert ("Lost", "it has no start (DTSTART)") in [(c.label, c.reason) for c in plan.of(SKIP)]
    assert _all() == []


def test_a_zone_block_that_differs_from_its_standard_zone_is_followed(
    people, samples: Path, tmp_path: Path
) -> None:
    text = (samples / "outlook_windows_zone.ics").read_text(encoding="utf-8")
    # The same name, other rules: five hours ahead all year. The file's block must win.
    odd = text.replace("TZOFFSETTO:-0000", "TZOFFSETTO:+0500").replace(
        "TZOFFSETTO:+0100", "TZOFFSETTO:+0500"
    )
    path = tmp_path / "odd-zone.ics"
    path.write_text(odd, encoding="utf-8")
    imports.apply(plan_import(path, until=UNTIL))
    first = next(t for t in _all() if t.subject == "Cloud cost 1:1")
    assert _utc(first) == datetime(2026, 3, 2, 4, 0)  # 09:00 at UTC+5
    # The next file's block of the same name is its own (icalendar would reuse the last one).
    plan = plan_import(samples / "outlook_windows_zone.ics", until=UNTIL)
    weekly = next(c for c in plan.of(ADD) if c.label.startswith("Cloud cost"))
    assert weekly.fields["occurred_at"].astimezone(timezone.utc).hour == 9


def test_a_moved_meeting_of_a_series_is_not_imported_twice(people, tmp_path: Path) -> None:
    series = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:series-1@example.org\r\n"
        "SUMMARY:Weekly sync\r\nDTSTART:20260302T100000Z\r\nRRULE:FREQ=WEEKLY;COUNT=3\r\n"
        "ATTENDEE:mailto:priya.raman@contoso.example\r\nEND:VEVENT\r\n{moved}END:VCALENDAR\r\n"
    )
    moved = (
        "BEGIN:VEVENT\r\nUID:series-1@example.org\r\nRECURRENCE-ID:20260309T100000Z\r\n"
        "SUMMARY:Weekly sync (moved)\r\nDTSTART:20260310T150000Z\r\n"
        "ATTENDEE:mailto:priya.raman@contoso.example\r\nEND:VEVENT\r\n"
    )
    path = tmp_path / "series.ics"
    path.write_text(series.format(moved=""), encoding="utf-8")
    imports.apply(plan_import(path, until=UNTIL))
    assert len(_all()) == 3
    # Outlook exports the series again after the second meeting was moved to Tuesday.
    path.write_text(series.format(moved=moved), encoding="utf-8")
    again = plan_import(path, until=UNTIL)
    assert again.of(ADD) == []
    assert [c.reason for c in again.changes] == [
        "already imported",
        "moved from " + _local(datetime(2026, 3, 9, 10, 0, tzinfo=timezone.utc)),
        "already imported",
    ]
    second = _all()[1]
    imports.apply(again)
    assert len(_all()) == 3
    moved_one = touchpoints.get(touchpoint_id=second.id)
    assert _utc(moved_one) == datetime(2026, 3, 10, 15, 0)
    assert moved_one.subject == second.subject  # only the time follows the calendar
    assert [c.reason for c in plan_import(path, until=UNTIL).changes] == ["already imported"] * 3


def _local(moment: datetime) -> str:
    return f"{moment.astimezone():%Y-%m-%d %H:%M}"


def test_a_single_meeting_moved_since_its_import_moves_its_touchpoint(people, tmp_path) -> None:
    meeting = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:review-7@example.org\r\n"
        "SUMMARY:Budget review\r\nDTSTART:{start}\r\n"
        "ATTENDEE:mailto:priya.raman@contoso.example\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    path = tmp_path / "review.ics"
    path.write_text(meeting.format(start="20260312T090000Z"), encoding="utf-8")
    imports.apply(plan_import(path, until=UNTIL))
    (first,) = _all()
    touchpoints.update(touchpoint_id=first.id, notes="Asked for the Q2 numbers")
    path.write_text(meeting.format(start="20260313T140000Z"), encoding="utf-8")
    plan = plan_import(path, until=UNTIL)
    (change,) = plan.changes
    assert (change.action, change.record_id) == (MERGE, first.id)
    assert change.reason == "moved from " + _local(datetime(2026, 3, 12, 9, tzinfo=timezone.utc))
    result = imports.apply(plan)
    (moved,) = _all()  # moved, not doubled
    assert _utc(moved) == datetime(2026, 3, 13, 14, 0) and moved.notes == "Asked for the Q2 numbers"
    assert [c.reason for c in plan_import(path, until=UNTIL).changes] == ["already imported"]
    imports.revert(result)  # the import's undo puts it back where it was
    (back,) = _all()
    assert _utc(back) == datetime(2026, 3, 12, 9, 0)
    assert back.external_uid == first.external_uid

    path.write_text(meeting.format(start="20280320T090000Z"), encoding="utf-8")  # a typo'd year
    (too_far,) = plan_import(path, until=date(2029, 1, 1)).changes
    assert (too_far.action, too_far.reason) == (
        SKIP, "moved to a time that is more than a year in the future"
    )  # fmt: skip

    path.write_text(meeting.format(start="20260320"), encoding="utf-8")  # now all day
    (all_day,) = plan_import(path, until=UNTIL).changes
    assert all_day.action == MERGE and all_day.fields["has_time"] is False
    imports.apply(plan_import(path, until=UNTIL))
    (day_only,) = _all()
    assert (day_only.occurred_on, day_only.has_time) == (date(2026, 3, 20), False)
