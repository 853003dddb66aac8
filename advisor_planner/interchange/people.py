"""People in an import: finding who they already are, and planning each one's add or merge.

Someone is the stakeholder already known with the same email (any case), else the same exact
name. A known person is merged: the import's values fill in and update theirs, tags are
added and a new note is appended; a person never becomes two. vCard and CSV imports both
plan their people through ``PeoplePlanner``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from advisor_planner.services import stakeholders, touchpoints
from advisor_planner.services.errors import ServiceError
from advisor_planner.services.imports import ADD, MERGE, SKIP, Change, ImportPlan, person_key
from advisor_planner.translation import translate


@dataclass(slots=True)
class Directory:
    by_email: dict[str, stakeholders.Stakeholder]
    by_name: dict[str, stakeholders.Stakeholder]

    @classmethod
    def load(cls) -> Directory:
        everyone = stakeholders.list_all(include_archived=True)
        by_email = {p.email.lower(): p for p in everyone if p.email}
        by_name: dict[str, stakeholders.Stakeholder] = {}
        for person in everyone:
            by_name.setdefault(person.name, person)
        return cls(by_email, by_name)

    def match(self, email: str, name: str) -> stakeholders.Stakeholder | None:
        if email and email.lower() in self.by_email:
            return self.by_email[email.lower()]
        return self.by_name.get(name) if name else None


def touchpoint_problem(fields: dict[str, Any]) -> str:
    """Why a planned touchpoint could not be written ("" when it can), checked as
    ``touchpoints.create`` will check it; with only people the import adds (no ids yet), all
    but its people."""
    try:
        if fields["stakeholder_ids"]:
            touchpoints.KIND.validate(fields)
        else:
            touchpoints.validate_all_but_people(fields)
    except ServiceError as exc:
        return str(exc)
    return ""


def _new_person(email: str, name: str) -> dict[str, str] | None:
    """The stakeholder someone an import names would become (a name made from the email when
    there is none), or None if they cannot be one (a room, an address that is not an email)."""
    person = {"name": name or email.split("@")[0].replace(".", " ").title(), "email": email}
    try:
        stakeholders.KIND.validate(person)
    except ServiceError:
        return None
    return person


class NewPeople:
    """The people an import adds because the touchpoints it imports name them (the calendar's
    attendees, a CSV's people): each checked once, and their add planned once, the first time
    a touchpoint naming them is planned. Touchpoints name them by ``person_key``."""

    def __init__(self, plan: ImportPlan, reason: str) -> None:
        self.plan = plan
        self.reason = reason
        self._people: dict[str, dict[str, str] | None] = {}  # person_key → stakeholder or None
        self._planned: set[str] = set()

    def can_add(self, email: str, name: str) -> bool:
        key = person_key(email, name)
        if key not in self._people:
            self._people[key] = _new_person(email, name)
        return self._people[key] is not None

    def add(self, email: str, name: str, source: str) -> str:
        """Plan the person's add (once; they must be one ``can_add`` allows) and return how a
        touchpoint names them."""
        key = person_key(email, name)
        if key not in self._planned:
            person = self._people[key] if self.can_add(email, name) else None
            assert person is not None, f"{key} cannot be added"
            self._planned.add(key)
            self.plan.changes.append(
                Change(ADD, "stakeholder", person["name"], source, self.reason, person)
            )
        return key


def merge_fields(existing: stakeholders.Stakeholder, fields: dict[str, Any]) -> dict[str, Any]:
    """What of ``fields`` would change ``existing`` (tags added, a new note appended)."""
    changes: dict[str, Any] = {}
    for key, value in fields.items():
        if key == "tags":
            merged = tuple(dict.fromkeys((*existing.tags, *value)))
            if merged != existing.tags:
                changes["tags"] = merged
        elif key == "notes":
            if value not in existing.notes:
                changes["notes"] = f"{existing.notes}\n\n{value}".strip()
        elif key == "email":
            if value.lower() != existing.email.lower():
                changes[key] = value
        elif key != "name" and getattr(existing, key) != value:
            changes[key] = value
    return changes


def _record_fields(person: stakeholders.Stakeholder) -> dict[str, Any]:
    return {name: getattr(person, name) for name in stakeholders.KIND.defaults()}


@dataclass(slots=True)
class PeoplePlanner:
    """Plans one person after another into ``plan``: add, merge, or skip with the reason."""

    plan: ImportPlan
    directory: Directory = field(default_factory=Directory.load)
    planned: dict[str, str] = field(default_factory=dict)  # email or name → where first seen

    def person(self, fields: dict[str, Any], source: str) -> None:
        label = fields.get("name") or fields.get("email") or source
        if not fields.get("name"):
            self._skip(label, source, translate("Import", "no name"))
            return
        key = fields.get("email", "").lower() or fields["name"]
        if key in self.planned:
            said = translate("Import", "the same person as {0}").format(self.planned[key])
            self._skip(label, source, said)
            return
        existing = self.directory.match(fields.get("email", ""), fields["name"])
        if existing is None:
            try:
                stakeholders.KIND.validate(fields)
            except ServiceError as exc:
                self._skip(label, source, str(exc))
                return
            self.plan.changes.append(Change(ADD, "stakeholder", label, source, fields=fields))
            self.planned[key] = source
            return
        changes = merge_fields(existing, fields)
        email = fields.get("email", "").lower()
        by_email = bool(email) and email == existing.email.lower()
        if not changes:
            said = (
                translate("Import", "already known (same email), nothing new")
                if by_email
                else translate("Import", "already known (same name), nothing new")
            )
            self._skip(label, source, said)
            return
        try:
            stakeholders.KIND.validate({**_record_fields(existing), **changes})
        except ServiceError as exc:
            self._skip(label, source, str(exc))
            return
        updates = ", ".join(name.replace("_", " ") for name in sorted(changes))
        reason = (
            translate("Import", "same email as a known person; updates {0}")
            if by_email
            else translate("Import", "same name as a known person; updates {0}")
        ).format(updates)
        self.plan.changes.append(
            Change(MERGE, "stakeholder", label, source, reason, changes, existing.id)
        )
        self.planned[key] = source

    def _skip(self, label: str, source: str, reason: str) -> None:
        self.plan.changes.append(Change(SKIP, "stakeholder", label, source, reason))
