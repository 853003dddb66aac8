"""CSV import: each row of a stakeholder or touchpoint file planned as an add, merge or skip.

Writing the lists out is ``csv_export``. Import is in two steps, so a person can correct the
columns in between:

- ``csv_table.read_table(path)`` parses the whole file (the delimiter, comma, semicolon or tab,
  read off the header) and refuses a malformed one, naming the line;
  ``csv_mapping.suggest_mapping(headers, kind)`` matches the headers to fields, knowing
  Outlook's and Google's contact exports and our own.
- ``plan_csv(path, mapping=..., kind=...)`` plans each row: people are added or merged as
  from a vCard (``people.PeoplePlanner``); a touchpoint row needs a date and people, known
  (by email, else exact name) or, with ``add_unknown``, added by the same import. It is
  remembered by its day, time, people as the file names them, and subject, so importing the
  same file again adds nothing. A row with a bad value is skipped with the
  reason; a file without the columns an import needs is refused.
- Dates may be ISO (2026-03-31, with or without a time), 2026/03/31, 31.03.2026 or a
  spreadsheet's slash date. Whether 03/04/2026 is day or month first is the caller's
  ``date_order``, else what the file's own dates show (``slash_date_order``: 28/04 can only be
  day first); a row that could be read both ways is skipped, saying so, rather than guessed.
"""

from __future__ import annotations

import hashlib
import re
from calendar import month_name
from collections.abc import Iterable, Mapping
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, Protocol

from advisor_planner.domain.enums import (
    Channel,
    Engagement,
    Initiator,
    Purpose,
    Reciprocity,
    StakeholderKind,
    TrustStage,
)
from advisor_planner.interchange.csv_mapping import (
    FIELDS,
    KINDS,
    comparable,
    date_cells,
    gap_message,
    guess_kind,
    mapping_gap,
    suggest_mapping,
)
from advisor_planner.interchange.csv_table import CsvTable, read_table
from advisor_planner.interchange.files import FileRefused
from advisor_planner.interchange.people import (
    Directory,
    NewPeople,
    PeoplePlanner,
    touchpoint_problem,
)
from advisor_planner.services import clock, touchpoints
from advisor_planner.services.errors import ServiceError
from advisor_planner.services.imports import ADD, SKIP, Change, ImportPlan
from advisor_planner.services.records import checking_many
from advisor_planner.translation import translate


class _BadValue(ValueError):
    """A row's cell cannot be read; the row is skipped with this message."""


class _Choice(Protocol):
    """A member of one of ``domain.enums``' choices: the value stored and the label read."""

    @property
    def value(self) -> str: ...

    @property
    def label(self) -> str: ...


def _choice(enum: Iterable[_Choice], label: str, text: str) -> str:
    wanted = comparable(text)
    for member in enum:
        if wanted in (comparable(member.value), comparable(member.label)):
            return member.value
    allowed = ", ".join(translate("Choice", member.label) for member in enum)
    said = translate("Import", "{0} '{1}' is not one of: {2}")
    raise _BadValue(said.format(translate("Field", label), text, allowed))


def _integer(label: str, text: str) -> int:
    try:
        return int(float(text))
    except (ValueError, OverflowError):  # OverflowError: "inf", "1e400"
        said = translate("Import", "{0} '{1}' is not a number")
        raise _BadValue(said.format(translate("Field", label), text)) from None


def _yes(label: str, text: str) -> bool:
    lowered = text.strip().lower()
    if lowered in ("yes", "y", "true", "1", "x"):
        return True
    if lowered in ("no", "n", "false", "0", ""):
        return False
    said = translate("Import", "{0} '{1}' is not yes or no")
    raise _BadValue(said.format(translate("Field", label), text))


def _split(text: str) -> list[str]:
    parts = re.split(r"\s*(?:;|:::|\n)\s*", text)
    if len(parts) == 1:
        parts = text.split(",")
    return [" ".join(part.split()) for part in parts if part.strip()]


def _tags(text: str) -> tuple[str, ...]:
    # Google writes its own groups as "* myContacts" beside the user's labels.
    return tuple(dict.fromkeys(t for t in _split(text) if not t.startswith("*")))


_STAKEHOLDER_CHOICES: dict[str, Iterable[_Choice]] = {
    "kind": StakeholderKind,
    "engagement_current": Engagement,
    "engagement_desired": Engagement,
}


def _stakeholder_fields(values: Mapping[str, str]) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    name = " ".join(values.get("name", "").split())
    if not name:
        name = " ".join(f"{values.get('first_name', '')} {values.get('last_name', '')}".split())
    fields["name"] = name
    for key in ("title", "organisation", "business_unit", "email", "phone"):
        if values.get(key, "").strip():
            fields[key] = " ".join(values[key].split()).removeprefix("mailto:")
    if values.get("notes", "").strip():
        fields["notes"] = values["notes"].strip()
    if values.get("tags", "").strip():
        fields["tags"] = _tags(values["tags"])
    labels = FIELDS["stakeholders"]
    for key, enum in _STAKEHOLDER_CHOICES.items():
        if values.get(key, "").strip():
            fields[key] = _choice(enum, labels[key], values[key])
    for key in ("power", "interest", "cadence_days"):
        if values.get(key, "").strip():
            fields[key] = _integer(labels[key], values[key])
    if values.get("archived", "").strip():
        fields["archived"] = _yes(labels["archived"], values["archived"])
    return {key: value for key, value in fields.items() if value not in ("", ())}


_DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%d.%m.%Y")
_TIME_FORMATS = ("%H:%M", "%H:%M:%S", "%I:%M %p", "%I:%M:%S %p")
#: A spreadsheet's slash date, 31/03/2026 or 03/31/2026, perhaps with a time after it.
_SLASH_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})(?:[ T]+(.+))?")
#: The orders a slash date can be in: day first (most of the world) or month first (the US).
DATE_ORDERS = {"dmy": "day/month/year", "mdy": "month/day/year"}


def has_slash_dates(texts: Iterable[str]) -> bool:
    return any(_SLASH_DATE.fullmatch(text.strip()) for text in texts)


def slash_date_order(texts: Iterable[str]) -> str | None:
    """The order ("dmy" or "mdy") a file's slash dates are in, told by those that can be read
    only one way (a first part above 12 is a day); None when none tells, or they disagree."""
    orders = set()
    for text in texts:
        match = _SLASH_DATE.fullmatch(text.strip())
        if match:
            first, second = int(match[1]), int(match[2])
            if first > 12 >= second:
                orders.add("dmy")
            elif second > 12 >= first:
                orders.add("mdy")
    return orders.pop() if len(orders) == 1 else None


def _slash_day(match: re.Match[str], text: str, order: str | None) -> date:
    first, second, year = int(match[1]), int(match[2]), int(match[3])
    if order is None and first != second and first <= 12 and second <= 12:
        raise _BadValue(
            translate(
                "Import",
                "date '{0}' could be {1} {2} or {3} {4}; choose whether the day or the month comes"
                " first",
            ).format(text, first, month_name[second], second, month_name[first])
        )
    if order is None:
        order = "dmy" if first > 12 else "mdy"
    day, month = (first, second) if order == "dmy" else (second, first)
    try:
        return date(year, month, day)
    except ValueError:
        said = (
            translate("Import", "date '{0}' is not a day/month/year date")
            if order == "dmy"
            else translate("Import", "date '{0}' is not a month/day/year date")
        )
        raise _BadValue(said.format(text)) from None


def _moment(
    day_text: str, time_text: str, date_order: str | None = None
) -> tuple[date, time | None]:
    day_text, time_text = day_text.strip(), time_text.strip()
    if not day_text:
        raise _BadValue(translate("Import", "no date"))
    slash = _SLASH_DATE.fullmatch(day_text)
    if slash is not None:
        on = _slash_day(slash, day_text, date_order)
        return _with_time(on, time_text or (slash[4] or ""), day_text)
    try:
        moment = datetime.fromisoformat(day_text.replace(" ", "T", 1))
    except ValueError:
        moment = None
    if moment is not None and ("T" in day_text or " " in day_text or ":" in day_text):
        if not 1900 <= moment.year <= 2200:
            raise _BadValue(translate("Import", "date '{0}' is out of range").format(day_text))
        return moment.date(), moment.time().replace(second=0, microsecond=0)
    day: date | None = moment.date() if moment is not None else None
    for form in _DATE_FORMATS:
        if day is not None:
            break
        try:
            day = datetime.strptime(day_text, form).date()
        except ValueError:
            continue
    if day is None:
        raise _BadValue(translate("Import", "date '{0}' is not like 2026-03-31").format(day_text))
    return _with_time(day, time_text, day_text)


def _with_time(day: date, time_text: str, day_text: str) -> tuple[date, time | None]:
    if not 1900 <= day.year <= 2200:
        raise _BadValue(translate("Import", "date '{0}' is out of range").format(day_text))
    time_text = time_text.strip()
    if not time_text:
        return day, None
    for form in _TIME_FORMATS:
        try:
            return day, datetime.strptime(time_text.upper(), form).time()
        except ValueError:
            continue
    raise _BadValue(translate("Import", "time '{0}' is not like 14:30").format(time_text))


_TOUCHPOINT_CHOICES: dict[str, Iterable[_Choice]] = {
    "channel": Channel,
    "purpose": Purpose,
    "reciprocity": Reciprocity,
    "stage": TrustStage,
    "initiated_by": Initiator,
}


def _touchpoint_fields(
    values: Mapping[str, str], people: list[int], head_count: int, date_order: str | None = None
) -> dict[str, Any]:
    labels = FIELDS["touchpoints"]
    day, at = _moment(values.get("date", ""), values.get("time", ""), date_order)
    fields: dict[str, Any] = {
        "stakeholder_ids": people,
        "channel": Channel.ONE_ON_ONE.value if head_count == 1 else Channel.MEETING.value,
        "purpose": Purpose.INFORM.value,
        "subject": " ".join(values.get("subject", "").split()),
        "notes": values.get("notes", "").strip(),
    }
    if at is None:
        fields.update(occurred_at=None, occurred_on=day, has_time=False)
    else:
        fields["occurred_at"] = datetime.combine(day, at).astimezone()
    for key, enum in _TOUCHPOINT_CHOICES.items():
        if values.get(key, "").strip():
            fields[key] = _choice(enum, labels[key], values[key])
    if values.get("listening", "").strip():
        fields["listening"] = _integer(labels["listening"], values["listening"])
    if values.get("sentiment", "").strip():
        fields["sentiment"] = _integer(labels["sentiment"], values["sentiment"].replace("−", "-"))
    return fields


def _fingerprint(fields: Mapping[str, Any], people: str) -> str:
    """When a touchpoint row was, with whom and about what: its identity on a re-import."""
    moment = fields.get("occurred_at") or fields["occurred_on"]
    key = "|".join((str(moment), people, fields["subject"]))
    return "csv:" + hashlib.sha1(key.encode("utf-8")).hexdigest()  # noqa: S324 - not security


def _uids(fields: Mapping[str, Any], named: list[str]) -> tuple[str, str]:
    """The identities a row is imported under: by its people as the file names them (emails or
    names, in any case and order, so people the import adds count too); and by the ids of
    those known, as imports marked rows before they could add people."""
    by_name = _fingerprint(fields, ",".join(sorted("@" + who.casefold() for who in named)))
    by_ids = _fingerprint(fields, ",".join(map(str, sorted(fields["stakeholder_ids"]))))
    return by_name, by_ids


def _resolve_people(
    values: Mapping[str, str], directory: Directory
) -> tuple[list[int], list[tuple[str, str]], list[str]]:
    """The row's people: the ids of those known, (email, name) of those not, and everyone as
    the file names them."""
    known: list[int] = []
    unknown: list[tuple[str, str]] = []
    emails = _split(values.get("emails", ""))
    named = emails or _split(values.get("people", ""))
    # By email when the row has them (exact), else by the names.
    for who in named:
        email, name = (who, "") if emails else ("", who)
        person = directory.match(email, name)
        if person is not None:
            known.append(person.id)
        elif (email, name) not in unknown:
            unknown.append((email, name))
    return list(dict.fromkeys(known)), unknown, named


@checking_many()  # the same people checked once, not once per event or row
def plan_csv(
    path: Path,
    *,
    mapping: Mapping[str, str] | None = None,
    kind: str | None = None,
    table: CsvTable | None = None,
    date_order: str | None = None,
    add_unknown: bool = False,
) -> ImportPlan:
    """Plan the import of a CSV of stakeholders or touchpoints (``kind``, else guessed).

    ``mapping`` is header → field (``suggest_mapping`` when not given); ``table`` is the file
    already read by ``read_table`` (the dialog reads it once for the mapping step).
    ``date_order`` ("dmy" or "mdy") says how to read slash dates such as 03/04/2026; without
    it the file's own dates tell (``slash_date_order``), and a row whose date could be read
    both ways is skipped, saying so. ``add_unknown`` adds the people a touchpoint row names
    who are not yet stakeholders (each once), instead of leaving them out.
    """
    if date_order is not None and date_order not in DATE_ORDERS:
        raise ValueError(f"date_order must be one of {', '.join(DATE_ORDERS)}, got {date_order!r}")
    path = Path(path)
    table = table or read_table(path)
    kind = kind or guess_kind(table.headers)
    if kind not in FIELDS:
        said = translate("Import", "{0}: cannot import {1} from CSV; only {2}")
        raise FileRefused(said.format(path.name, kind, ", ".join(KINDS)))
    mapping = dict(mapping) if mapping is not None else suggest_mapping(table.headers, kind)
    unknown_fields = {f for f in mapping.values() if f and f not in FIELDS[kind]}
    if unknown_fields:
        said = translate("Import", "{0}: no such field {1}")
        raise FileRefused(said.format(path.name, ", ".join(sorted(unknown_fields))))
    gap = mapping_gap(kind, mapping)
    if gap:
        raise FileRefused(f"{path.name}: {gap_message(gap)}")
    columns = [(index, mapping.get(h, "")) for index, h in enumerate(table.headers)]
    plan = ImportPlan(str(path), "csv", warnings=list(table.warnings))
    if kind == "stakeholders":
        people = PeoplePlanner(plan)
        at_line = translate("Import", "line {0}")
        for line, cells in table.rows:
            values = {name: cells[index] for index, name in columns if name}
            source = at_line.format(line)
            try:
                people.person(_stakeholder_fields(values), source)
            except (_BadValue, ServiceError) as exc:
                label = values.get("name") or source
                plan.changes.append(Change(SKIP, "stakeholder", label, source, str(exc)))
        return plan
    order = date_order or slash_date_order(date_cells(table, mapping))
    rows = _TouchpointRows(plan, date_order=order, add_unknown=add_unknown)
    for line, cells in table.rows:
        rows.plan_row(line, {name: cells[index] for index, name in columns if name})
    return plan


class _TouchpointRows:
    """Plans a CSV's touchpoint rows one by one into ``plan``: who each was with (adding the
    people not yet known, each once, when asked), its checks, and whether it is already in."""

    def __init__(self, plan: ImportPlan, *, date_order: str | None, add_unknown: bool) -> None:
        self.plan = plan
        self.date_order = date_order
        self.add_unknown = add_unknown
        self.directory = Directory.load()
        self.seen = touchpoints.external_uids()
        self.first_line: dict[str, int] = {}  # uid → the line that has it
        self.new_people = NewPeople(plan, translate("Import", "not yet a stakeholder"))
        # Said of many rows: translated once.
        self.at_line = translate("Import", "line {0}")
        self.on_day = translate("Import", "{0} on {1}")
        self.no_subject = translate("Import", "(no subject)")

    def plan_row(self, line: int, values: Mapping[str, str]) -> None:
        source = self.at_line.format(line)
        try:
            people, unknown, named = _resolve_people(values, self.directory)
            label = " ".join(values.get("subject", "").split()) or values.get("date", source)
            joining = [who for who in unknown if self.add_unknown and self.new_people.can_add(*who)]
            left_out = [email or name for email, name in unknown if (email, name) not in joining]
            if not people and not joining:
                reason = (
                    translate("Import", "no known person: {0}").format(", ".join(left_out))
                    if left_out
                    else translate("Import", "no people")
                )
                self.plan.changes.append(Change(SKIP, "touchpoint", label, source, reason))
                return
            head_count = len(people) + len(joining)
            fields = _touchpoint_fields(values, people, head_count, self.date_order)
            problem = touchpoint_problem(fields)
            if problem:
                raise _BadValue(problem)
        except (_BadValue, ServiceError) as exc:
            label = values.get("subject") or source
            self.plan.changes.append(Change(SKIP, "touchpoint", label, source, str(exc)))
            return
        uid, by_ids = _uids(fields, named)
        label = self.on_day.format(fields["subject"] or self.no_subject, _day(fields))
        if uid in self.seen or by_ids in self.seen:
            reason = translate("Import", "already imported")
            self.plan.changes.append(Change(SKIP, "touchpoint", label, source, reason))
            return
        if uid in self.first_line:
            reason = translate("Import", "the same as line {0}").format(self.first_line[uid])
            self.plan.changes.append(Change(SKIP, "touchpoint", label, source, reason))
            return
        self.first_line[uid] = line
        fields["external_uid"] = uid
        keys = [self.new_people.add(email, name, source) for email, name in joining]
        reason = (
            translate("Import", "unknown, left out: {0}").format(", ".join(left_out))
            if left_out
            else ""
        )
        self.plan.changes.append(
            Change(ADD, "touchpoint", label, source, reason, fields, new_people=tuple(keys))
        )


def _day(fields: Mapping[str, Any]) -> date:
    moment = fields.get("occurred_at")
    return clock.local_day(moment) if moment is not None else fields["occurred_on"]
