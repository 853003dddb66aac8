"""Contacts from vCard files (versions 2.1, 3.0 and 4.0), read with ``vobject``.

What the address books write, and what is made of it:

- Outlook's 2.1 quoted-printable values (with their soft line breaks) and its own character
  sets (``CHARSET=Windows-1252``); Google's 3.0 ``CATEGORIES`` (less its own
  ``myContacts``); Apple's grouped properties (``item1.EMAIL``).
- FN (or N) → name; TITLE; ORG → organisation and, from its second part, business unit; the
  preferred EMAIL and TEL; NOTE → notes; CATEGORIES → tags.
- Someone already known (by email, any case, then exact name) is merged, never duplicated
  (``people.PeoplePlanner``).

The whole file is checked before anything is planned: a card with BEGIN but no END, or one
vobject cannot read, refuses the file with the card's number and line.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import vobject

from advisor_planner.interchange.files import FileRefused, read_text
from advisor_planner.interchange.people import PeoplePlanner
from advisor_planner.services.imports import MAX_IMPORT_RECORDS, ImportPlan
from advisor_planner.translation import translate

#: Groups an address book adds by itself, not the user's own labels (Google's "myContacts").
SYSTEM_GROUPS = frozenset({"myContacts", "starred", "Starred in Android"})
_BEGIN = re.compile(r"^BEGIN:VCARD\s*$", re.IGNORECASE)
_END = re.compile(r"^END:VCARD\s*$", re.IGNORECASE)


def _unended(name: str, card: int, line: int) -> str:
    return translate("Import", "{0}: card {1} (line {2}) has BEGIN:VCARD but no END:VCARD").format(
        name, card, line
    )


def split_cards(text: str, name: str) -> list[tuple[int, str]]:
    """Each card's text with the line it starts on; refuses unbalanced BEGIN/END."""
    cards: list[tuple[int, str]] = []
    start: int | None = None
    lines: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if _BEGIN.match(stripped):
            if start is not None:
                raise FileRefused(_unended(name, len(cards) + 1, start))
            start, lines = number, [line]
        elif _END.match(stripped):
            if start is None:
                said = translate("Import", "{0}: line {1} has END:VCARD without a BEGIN:VCARD")
                raise FileRefused(said.format(name, number))
            lines.append(line)
            cards.append((start, "\r\n".join(lines) + "\r\n"))
            start = None
        elif start is not None:
            lines.append(line)
        elif stripped:
            said = translate("Import", "{0}: line {1} is outside any card; this is not a vCard")
            raise FileRefused(said.format(name, number))
    if start is not None:
        raise FileRefused(_unended(name, len(cards) + 1, start))
    if not cards:
        raise FileRefused(
            translate("Import", "{0}: no cards in the file; this is not a vCard").format(name)
        )
    return cards


def _first(card: Any, key: str) -> Any:
    items = card.contents.get(key, [])
    if not items:
        return None
    preferred = [
        item
        for item in items
        if "PREF" in {str(t).upper() for t in item.params.get("TYPE", [])}
        or "PREF" in item.params
        or item.params.get("PREF")
    ]
    return (preferred or items)[0]


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        value = " ".join(str(v) for v in value if v)
    return " ".join(str(value).split())


def card_fields(card: Any) -> dict[str, Any]:
    """What a stakeholder record takes from one parsed card."""
    fields: dict[str, Any] = {}
    name = _text(card.fn.value) if "fn" in card.contents else ""
    if not name and "n" in card.contents:
        n = card.n.value
        name = " ".join(part for part in (n.prefix, n.given, n.additional, n.family) if part)
        name = " ".join(name.split())
    fields["name"] = name
    if "title" in card.contents:
        fields["title"] = _text(card.title.value)
    org = _first(card, "org")
    if org is not None:
        parts = [p for p in (org.value if isinstance(org.value, list) else [org.value]) if p]
        if parts:
            fields["organisation"] = _text(parts[0])
        if len(parts) > 1:
            fields["business_unit"] = _text(parts[1])
    email = _first(card, "email")
    if email is not None:
        fields["email"] = _text(email.value).removeprefix("mailto:")
    tel = _first(card, "tel")
    if tel is not None:
        fields["phone"] = _text(tel.value).removeprefix("tel:")  # 4.0 writes phones as URIs
    if "note" in card.contents:
        fields["notes"] = "\n".join(str(card.note.value).splitlines()).strip()
    tags: list[str] = []
    for item in card.contents.get("categories", []):
        values = item.value if isinstance(item.value, list) else str(item.value).split(",")
        tags += [_text(v) for v in values if _text(v) and _text(v) not in SYSTEM_GROUPS]
    if tags:
        fields["tags"] = tuple(dict.fromkeys(tags))
    return {key: value for key, value in fields.items() if value not in ("", ())}


def plan_vcard(path: Path) -> ImportPlan:
    plan = ImportPlan(str(path), "vcard")
    text = read_text(path, "vCard", plan.warnings)
    planner = PeoplePlanner(plan)
    at_card = translate("Import", "card {0} (line {1})")  # said of every card: translated once
    for number, (line, card_text) in enumerate(split_cards(text, path.name), start=1):
        if number > MAX_IMPORT_RECORDS:
            raise FileRefused(
                translate(
                    "Import", "{0}: more than {1:,} cards (line {2}); an import takes at most {1:,}"
                ).format(path.name, MAX_IMPORT_RECORDS, line)
            )
        source = at_card.format(number, line)
        try:
            fields = card_fields(vobject.readOne(card_text, allowQP=True))
        except Exception as exc:  # noqa: BLE001 - vobject raises many kinds; refuse the file
            said = translate("Import", "{0}: {1} cannot be read: {2}")
            raise FileRefused(said.format(path.name, source, exc)) from None
        planner.person(fields, source)
    return plan
