"""Touchpoints from iCalendar files (Outlook, Google, Apple), read with ``icalendar``.

- Each event with at least one attendee who is a known stakeholder (matched by email, any
  case) becomes a touchpoint with those stakeholders; the organiser is the user.
- Recurring events are expanded (``recurring_ical_events``: RRULE, RDATE, EXDATE and moved
  occurrences) up to the day of import, or to ``until``.
- Times are converted from the event's zone, including zones defined inside the file (Outlook
  writes "GMT Standard Time" and its rules in a VTIMEZONE block; one that only restates the
  standard zone of that name is read as that zone, which is many times faster: see
  ``_standard_zones``). All-day events become date-only touchpoints.
- Cancelled events are skipped; so are events whose attendees are all unknown, listing those
  addresses, unless ``add_unknown``, which adds them as stakeholders instead.
- Each occurrence is remembered by its UID and recurrence date (``Touchpoint.external_uid``),
  so importing the same calendar again adds nothing. A meeting moved since its import (one of
  a series, or a single meeting with the same UID at a new time) is planned as the move of its
  touchpoint to the new time, a merge; nothing else of the touchpoint changes.

The whole file is parsed first; a file icalendar cannot read is refused in one line. An event
that cannot be imported (no start, a repeat rule that cannot be read or repeats beyond
``MAX_OCCURRENCES``, more people than a touchpoint holds) is skipped with its reason, naming
it by its summary and day, and the rest of the file imports. Repeat rules are counted lazily
before anything is expanded, so no small file can take unbounded memory or time.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import Any
from warnings import catch_warnings, simplefilter
from zoneinfo import ZoneInfo

import icalendar
import recurring_ical_events
from dateutil.rrule import rrulestr
from icalendar.timezone import tzp
from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

from advisor_planner.domain.enums import Channel, Purpose
from advisor_planner.interchange.files import FileRefused, read_text
from advisor_planner.interchange.people import Directory, NewPeople, touchpoint_problem
from advisor_planner.services import clock, touchpoints
from advisor_planner.services.errors import ServiceError
from advisor_planner.services.imports import (
    ADD,
    MAX_IMPORT_RECORDS,
    MERGE,
    SKIP,
    Change,
    ImportPlan,
)
from advisor_planner.services.records import checking_many
from advisor_planner.translation import translate

MAX_SUBJECT = 300
#: The most occurrences of one repeating event an import takes, up to its last day: ten years
#: of a daily stand-up is 3,650. A rule beyond it ("every minute since 2023") is skipped with
#: its reason, counted lazily and never expanded: such a rule once took 5.6 GB.
MAX_OCCURRENCES = 5_000
#: The most meetings one import plans, all events and occurrences together.
MAX_MEETINGS = MAX_IMPORT_RECORDS


def _email(address: Any) -> str:
    text = str(address).strip()
    if text.lower().startswith("mailto:"):
        text = text[7:]
    return text.strip().lower()


def _attendees(event: icalendar.Component) -> list[tuple[str, str]]:
    """(email, display name) of each attendee."""
    raw = event.get("ATTENDEE")
    if raw is None:
        return []
    items = raw if isinstance(raw, list) else [raw]
    people = []
    for item in items:
        email = _email(item)
        if email:
            name = str(getattr(item, "params", {}).get("CN", "") or "").strip()
            people.append((email, name))
    return people


def _moment(value: Any) -> tuple[datetime, bool]:
    """A start as an aware moment and whether it had a time (False: an all-day event)."""
    if isinstance(value, datetime):
        if value.tzinfo is None:  # floating time: the user's own wall clock
            value = value.astimezone()
        return value, True
    if isinstance(value, date):
        return datetime.combine(value, time(0)).astimezone(), False
    raise ValueError(translate("Import", "not a date or time: {0!r}").format(value))


_ZONE_BLOCK = re.compile(r"^BEGIN:VTIMEZONE\r?\n.*?^END:VTIMEZONE[ \t]*(?:\r?\n|$)", re.S | re.M)


_TZID = re.compile(r"^TZID[^:\r\n]*:([^\r\n]*)", re.M)


def _same_offsets(block_zone: Any, standard: ZoneInfo, around: date) -> bool:
    """Whether two zones agree, noon and night, every week of the years around ``around``."""
    day = date(around.year - 3, 1, 1)
    while day.year <= around.year + 1:
        for hour in (3, 12):
            moment = datetime(day.year, day.month, day.day, hour)
            if block_zone.utcoffset(moment) != standard.utcoffset(moment):
                return False
        day += timedelta(days=7)
    return True


def _standard_zones(text: str, around: date) -> str:
    """The calendar's text less the zone blocks that only restate a standard zone.

    Outlook defines its Windows-named zones ("GMT Standard Time") in blocks whose rules start
    in 1601, and icalendar follows such a block with dateutil, which walks its rules from 1601
    at every conversion: most of an import's time. Where a block's Windows name has a standard
    zone that gives the same offsets over the years around ``around``, the block is left out
    and icalendar uses that zone (``zoneinfo``, which icalendar maps Windows names to); a block
    that says anything else stays and is followed.
    """

    def keep_or_drop(match: re.Match[str]) -> str:
        whole: str = match.group(0)
        name = _TZID.search(whole)
        olson = WINDOWS_TO_OLSON.get(name.group(1).strip().strip('"/')) if name else None
        if olson is None:
            return whole
        # icalendar keeps every zone block it reads, by name, for the rest of the process:
        # this one is read under a name of its own so the calendar's events never use it.
        probe = _TZID.sub("TZID:advisor-planner-zone-probe", whole, count=1)
        try:
            block = icalendar.Timezone.from_ical(probe)
            if not isinstance(block, icalendar.Timezone):
                return whole
            same = _same_offsets(block.to_tz(lookup_tzid=False), ZoneInfo(olson), around)
        except Exception:  # noqa: BLE001 - a block we cannot judge is left to icalendar
            return whole
        return "" if same else whole

    return _ZONE_BLOCK.sub(keep_or_drop, text)


def _occurrence(event: icalendar.Component, start: datetime, has_time: bool) -> str:
    """Which occurrence of its series an event is: its RECURRENCE-ID (the date it was first
    set for, which stays when one meeting of a series is moved), else its start; in UTC."""
    recurrence = event.get("RECURRENCE-ID")
    moment: Any = recurrence.dt if recurrence is not None else start
    if isinstance(moment, datetime):
        aware = moment.astimezone() if moment.tzinfo is None else moment
        return aware.astimezone(timezone.utc).isoformat()
    if isinstance(moment, date):
        return moment.isoformat()
    return start.isoformat() if has_time else start.date().isoformat()


def _moved_or_known(
    before: touchpoints.Imported,
    start: datetime,
    has_time: bool,
    day: date,
    external: str,
    label: str,
    source: str,
) -> Change:
    """A meeting imported before: "already imported", or, when it has been moved since, the
    move of its touchpoint to the meeting's new time (its people, subject and notes stay as
    they may have been edited)."""
    if has_time == before.has_time and (
        start == before.occurred_at if has_time else day == before.occurred_at.astimezone().date()
    ):
        return Change(SKIP, "touchpoint", label, source, translate("Import", "already imported"))
    was = before.occurred_at.astimezone()
    shown = f"{was:%Y-%m-%d %H:%M}" if before.has_time else f"{was:%Y-%m-%d}"
    fields: dict[str, Any] = {"external_uid": external}
    if has_time:
        fields.update(occurred_at=start, has_time=True)
    else:
        fields.update(occurred_at=None, occurred_on=day, has_time=False)
    try:
        touchpoints.validate_all_but_people(fields)  # (more than a year ahead, say)
    except ServiceError as exc:
        problem = getattr(exc, "problem", str(exc))
        reason = translate("Import", "moved to a time that {0}").format(problem)
        return Change(SKIP, "touchpoint", label, source, reason)
    reason = translate("Import", "moved from {0}").format(shown)
    return Change(MERGE, "touchpoint", label, source, reason, fields,
                  record_id=before.touchpoint_id)  # fmt: skip


def _calendars(text: str, name: str) -> icalendar.Calendar:
    """The file's calendars as one (a file may hold several, one after another)."""
    try:
        found = icalendar.Calendar.from_ical(text, multiple=True)
    except Exception as exc:  # noqa: BLE001 - icalendar raises many kinds; refuse the file
        first = " ".join(str(exc).split())[:120] or type(exc).__name__
        said = translate("Import", "{0}: cannot be read as iCalendar ({1})")
        raise FileRefused(said.format(name, first)) from None
    calendars = [c for c in found if getattr(c, "name", "") == "VCALENDAR"]
    if not calendars:
        raise FileRefused(translate("Import", "{0}: no calendar in the file").format(name))
    if len(calendars) == 1:
        return calendars[0]
    merged = icalendar.Calendar()
    for calendar in calendars:
        for component in calendar.subcomponents:
            merged.add_component(component)
    return merged


def _event_label(event: icalendar.Component, number: int) -> str:
    """An event as a person would name it: its summary and day, else its place in the file."""
    summary = " ".join(str(event.get("SUMMARY", "") or "").split())[:80]
    named = summary or translate("Import", "event {0}").format(number)
    start = event.get("DTSTART")
    try:
        moment = start.dt if start is not None and not isinstance(start, list) else None
    except Exception:  # noqa: BLE001 - a broken start is the problem being reported
        moment = None
    if not moment:
        return named
    day = moment.date() if isinstance(moment, datetime) else moment
    return translate("Import", "{0} on {1}").format(named, day)


def _naive(moment: date | datetime) -> datetime:
    if isinstance(moment, datetime):
        return moment.replace(tzinfo=None)
    return datetime.combine(moment, time(0))


def _occurrences_up_to(event: icalendar.Component, last: datetime, cap: int) -> int:
    """How many times ``event`` happens up to ``last``, counted lazily up to ``cap + 1``.
    Raises ValueError when its start or repeat rule cannot be read."""
    start = event.get("DTSTART")
    if start is None:
        raise ValueError(translate("Import", "it has no start (DTSTART)"))
    if isinstance(start, list):
        raise ValueError(translate("Import", "it has more than one start (DTSTART)"))
    try:
        first = _naive(start.dt)
    except Exception:  # noqa: BLE001 - icalendar's broken properties raise their own kinds
        raise ValueError(translate("Import", "its start (DTSTART) cannot be read")) from None
    count = 1
    rules = event.get("RRULE")
    for rule in rules if isinstance(rules, list) else [rules] if rules is not None else []:
        try:
            text = rule.to_ical().decode()
            repeats = rrulestr(f"RRULE:{text}", dtstart=first, ignoretz=True)
            for moment in repeats:
                if moment > last or count > cap:
                    break
                if moment != first:  # (the start itself is counted already)
                    count += 1
        except Exception:  # noqa: BLE001 - dateutil raises many kinds for a broken rule
            raise ValueError(
                translate("Import", "its repeat rule (RRULE) cannot be read")
            ) from None
    dates = event.get("RDATE")
    for entry in dates if isinstance(dates, list) else [dates] if dates is not None else []:
        count += len(getattr(entry, "dts", ()) or ())
    return count


def _bounded(calendar: icalendar.Calendar, last_day: date, plan: ImportPlan) -> int:
    """Leave out of ``calendar`` each event that cannot be read or repeats beyond
    ``MAX_OCCURRENCES``, planning a skip with the reason; return how many meetings remain.
    Nothing is expanded here: rules are counted lazily, and stop at the limit."""
    last = datetime.combine(last_day, time(23, 59, 59))
    dropped: set[str] = set()  # the UIDs of series left out (their moved meetings go too)
    dropped_events: set[int] = set()
    total = 0
    for number, event in enumerate(calendar.walk("VEVENT"), start=1):
        uid = str(event.get("UID") or "").strip()
        source = uid[:80] or translate("Import", "event {0}").format(number)
        uid = uid or f"event {number}"
        try:
            count = _occurrences_up_to(event, last, MAX_OCCURRENCES)
            problem = (
                translate(
                    "Import",
                    "repeats more than {0:,} times up to {1}, the most one repeating meeting may",
                ).format(MAX_OCCURRENCES, last_day)
                if count > MAX_OCCURRENCES
                else ""
            )
        except ValueError as exc:
            count, problem = 0, str(exc)
        if problem:
            dropped.add(uid)
            dropped_events.add(id(event))
            plan.changes.append(Change(SKIP, "touchpoint", _event_label(event, number),
                                       source, problem))  # fmt: skip
        else:
            total += count
    if dropped:
        calendar.subcomponents[:] = [
            c
            for c in calendar.subcomponents
            if c.name != "VEVENT"
            or (id(c) not in dropped_events and str(c.get("UID") or "").strip() not in dropped)
        ]
    return total


@checking_many()  # the same people checked once, not once per event or row
def plan_icalendar(
    path: Path, *, add_unknown: bool = False, until: date | None = None
) -> ImportPlan:
    warnings: list[str] = []
    text = read_text(path, "iCalendar", warnings)
    if "BEGIN:VCALENDAR" not in text.upper():
        raise FileRefused(
            translate("Import", "{0}: no BEGIN:VCALENDAR; this is not an iCalendar file").format(
                path.name
            )
        )
    last_day = until or clock.today()
    # icalendar keeps each zone block it reads, by name, for the rest of the process (and
    # prefers it to the block of that name in the next file): each import starts afresh.
    tzp.use_zoneinfo()
    text = _standard_zones(text, last_day)
    with catch_warnings(record=True) as guessed:
        simplefilter("always")
        plan = _plan_calendar(path, text, last_day, add_unknown, warnings)
    # icalendar warns when it guesses (a vendor's zone name read as the standard one, say):
    # the person importing should know, once each.
    for message in dict.fromkeys(str(w.message).split(". ")[0] for w in guessed):
        plan.warnings.append(f"{path.name}: {message}")
    return plan


def _plan_calendar(
    path: Path, text: str, last_day: date, add_unknown: bool, warnings: list[str]
) -> ImportPlan:
    """The calendar's meetings, expanded and planned one by one in the order they happen."""
    calendar = _calendars(text, path.name)
    plan = ImportPlan(str(path), "icalendar", warnings=warnings)
    occurrences = _expanded(calendar, path.name, last_day, plan)
    meetings = _Meetings(calendar, plan, add_unknown=add_unknown)
    for event in sorted(occurrences, key=lambda e: str(e.get("DTSTART").dt)):
        meetings.plan_meeting(_meeting(event, path.name), event)
    return plan


def _expanded(
    calendar: icalendar.Calendar, name: str, last_day: date, plan: ImportPlan
) -> list[icalendar.Component]:
    """Every meeting of ``calendar`` up to ``last_day``, each occurrence of a repeating event
    one (the events that cannot be read or repeat too often left out, planned as skips);
    refuses a calendar of more meetings than an import takes."""
    meetings = _bounded(calendar, last_day, plan)
    if meetings > MAX_MEETINGS:
        raise FileRefused(
            translate(
                "Import",
                "{0}: {1:,} meetings up to {2}; an import takes at most {3:,} (use --until, or"
                " split the calendar)",
            ).format(name, meetings, last_day, MAX_MEETINGS)
        )
    try:
        occurrences: list[icalendar.Component] = recurring_ical_events.of(calendar).between(
            date(1900, 1, 1), last_day + timedelta(days=1)
        )
    except Exception:  # noqa: BLE001 - a broken zone, say: refuse the file, in a user's words
        raise FileRefused(
            translate(
                "Import",
                "{0}: its repeating meetings cannot be worked out (a time zone or repeat rule it"
                " uses cannot be read)",
            ).format(name)
        ) from None
    return occurrences


@dataclass(frozen=True, slots=True)
class _Meeting:
    """One occurrence of an event, as the plan names it and a touchpoint remembers it."""

    summary: str
    start: datetime
    has_time: bool
    day: date
    uid: str
    external: str  # the touchpoint's external_uid: the UID and which occurrence it is

    @property
    def label(self) -> str:
        named = self.summary or translate("Import", "(no title)")
        return translate("Import", "{0} on {1}").format(named, self.day)

    @property
    def source(self) -> str:
        return self.uid[:80]


def _meeting(event: icalendar.Component, name: str) -> _Meeting:
    """The occurrence ``event`` is; refuses the file (``name``) when its start is unreadable."""
    summary = " ".join(str(event.get("SUMMARY", "") or "").split())[:MAX_SUBJECT]
    try:
        start, has_time = _moment(event.get("DTSTART").dt)
    except ValueError as exc:
        raise FileRefused(f"{name}: {summary or event.get('UID')}: {exc}") from None
    day = start.date() if not has_time else start.astimezone().date()
    uid = str(event.get("UID") or "").strip() or f"{summary}@{start.isoformat()}"
    external = f"{uid}|{_occurrence(event, start, has_time)}"[:500]
    return _Meeting(summary, start, has_time, day, uid, external)


class _Meetings:
    """Plans a calendar's meetings one by one into ``plan``: each skipped (cancelled, planned
    already, no one known), known from an earlier import (perhaps moved since), or added with
    the stakeholders it names (adding the attendees not yet known, each once, when asked)."""

    def __init__(
        self, calendar: icalendar.Calendar, plan: ImportPlan, *, add_unknown: bool
    ) -> None:
        self.plan = plan
        self.add_unknown = add_unknown
        self.directory = Directory.load()
        self.imported = touchpoints.imported()
        self.attendees = NewPeople(plan, translate("Import", "an attendee not yet known"))
        self.planned_uids: set[str] = set()
        self.organisers: set[str] = set()
        self.series: set[str] = set()  # the UIDs of repeating events, each of many meetings
        for event in calendar.walk("VEVENT"):
            if event.get("ORGANIZER") is not None:
                self.organisers.add(_email(event.get("ORGANIZER")))
            if event.get("RRULE") is not None or event.get("RECURRENCE-ID") is not None:
                self.series.add(str(event.get("UID") or "").strip())
        # A single meeting's earlier imports, by its UID: moved, it is still that one meeting.
        self.singles: dict[str, list[str]] = defaultdict(list)
        for external in self.imported:
            self.singles[external.rpartition("|")[0]].append(external)

    def plan_meeting(self, meeting: _Meeting, event: icalendar.Component) -> None:
        if str(event.get("STATUS", "")).upper() == "CANCELLED":
            self._skip(meeting, translate("Import", "cancelled"))
            return
        if meeting.external in self.planned_uids:
            self._skip(meeting, translate("Import", "already imported"))
            return
        earlier = self._earlier_import(meeting)
        if earlier is not None:
            self.planned_uids.add(meeting.external)
            self.plan.changes.append(
                _moved_or_known(self.imported[earlier], meeting.start, meeting.has_time,
                                meeting.day, meeting.external, meeting.label, meeting.source)
            )  # fmt: skip
            return
        self._plan_new(meeting, event)

    def _earlier_import(self, meeting: _Meeting) -> str | None:
        """The external UID this meeting was imported under before, if it was: the same
        occurrence, or a single meeting's one earlier import (since moved, perhaps)."""
        if meeting.external in self.imported:
            return meeting.external
        earlier = self.singles.get(meeting.uid, [])
        if meeting.uid not in self.series and len(earlier) == 1:
            return earlier[0]
        return None

    def _plan_new(self, meeting: _Meeting, event: icalendar.Component) -> None:
        organiser = _email(event.get("ORGANIZER")) if event.get("ORGANIZER") else ""
        guests = [(e, n) for e, n in _attendees(event) if e != organiser]
        known: list[int] = []
        unknown: list[tuple[str, str]] = []
        for email, name in guests:
            person = self.directory.match(email, "")
            if person is not None:
                known.append(person.id)
            elif email not in self.organisers:
                unknown.append((email, name))
        addable = [
            (email, name)
            for email, name in unknown
            if self.add_unknown and self.attendees.can_add(email, name)  # (not a room, say)
        ]
        people = len(dict.fromkeys(known)) + len(addable)
        if people > touchpoints.MAX_PEOPLE:
            self._skip(
                meeting,
                translate(
                    "Import",
                    "{0} attendees; a touchpoint holds at most {1} people (log it by hand with"
                    " the ones who matter)",
                ).format(people, touchpoints.MAX_PEOPLE),
            )
            return
        new_people = [self.attendees.add(email, name, email) for email, name in addable]
        if not known and not new_people:
            who = ", ".join(email for email, _ in unknown)
            self._skip(
                meeting,
                translate("Import", "no known attendee: {0}").format(who)
                if unknown
                else translate("Import", "no attendees"),
            )
            return
        one_on_one = len(known) + len(new_people) == 1 and len(guests) == 1
        fields = _touchpoint_fields(meeting, list(dict.fromkeys(known)), one_on_one)
        problem = touchpoint_problem(fields)
        if problem:
            self._skip(meeting, problem)
            return
        self.planned_uids.add(meeting.external)
        self.plan.changes.append(
            Change(ADD, "touchpoint", meeting.label, meeting.source, fields=fields,
                   new_people=tuple(new_people))
        )  # fmt: skip

    def _skip(self, meeting: _Meeting, reason: str) -> None:
        self.plan.changes.append(Change(SKIP, "touchpoint", meeting.label, meeting.source, reason))


def _touchpoint_fields(meeting: _Meeting, known: list[int], one_on_one: bool) -> dict[str, Any]:
    """The touchpoint a meeting becomes, with the known stakeholders it names."""
    fields: dict[str, Any] = {
        "stakeholder_ids": known,
        "channel": Channel.ONE_ON_ONE.value if one_on_one else Channel.MEETING.value,
        "purpose": Purpose.INFORM.value,
        "subject": meeting.summary,
        "external_uid": meeting.external,
    }
    if meeting.has_time:
        fields["occurred_at"] = meeting.start
    else:
        fields["occurred_at"] = None
        fields["occurred_on"] = meeting.day
        fields["has_time"] = False
    return fields
