"""Which column of a CSV file fills which field of a record: the mapping step of an import.

``FIELDS`` names the fields a stakeholder or touchpoint import fills; ``suggest_mapping``
matches a file's headers to them, knowing Outlook's and Google's contact exports and our own
(the aliases below: a data table, kept beside the fields it names); ``guess_kind`` tells
touchpoints from stakeholders by their columns; ``mapping_gap`` says what a mapping still
lacks before it can be imported; ``date_cells`` gives the dates the mapping points at, from
which ``csv_import.slash_date_order`` reads how the file writes them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from advisor_planner.interchange.csv_table import CsvTable
from advisor_planner.translation import QT_TRANSLATE_NOOP, translate

#: The fields each import fills, with what the mapping step shows for each: English, marked
#: for translation under "Field" (beside the forms' labels); ``field_label`` translates one.
FIELDS: dict[str, dict[str, str]] = {
    "stakeholders": {
        "name": QT_TRANSLATE_NOOP("Field", "Name"),
        "first_name": QT_TRANSLATE_NOOP("Field", "First name"),
        "last_name": QT_TRANSLATE_NOOP("Field", "Last name"),
        "title": QT_TRANSLATE_NOOP("Field", "Title"),
        "organisation": QT_TRANSLATE_NOOP("Field", "Organisation"),
        "business_unit": QT_TRANSLATE_NOOP("Field", "Business unit"),
        "email": QT_TRANSLATE_NOOP("Field", "Email"),
        "phone": QT_TRANSLATE_NOOP("Field", "Phone"),
        "notes": QT_TRANSLATE_NOOP("Field", "Notes"),
        "tags": QT_TRANSLATE_NOOP("Field", "Tags"),
        "kind": QT_TRANSLATE_NOOP("Field", "Kind"),
        "power": QT_TRANSLATE_NOOP("Field", "Power (1–5)"),
        "interest": QT_TRANSLATE_NOOP("Field", "Interest (1–5)"),
        "engagement_current": QT_TRANSLATE_NOOP("Field", "Engagement now"),
        "engagement_desired": QT_TRANSLATE_NOOP("Field", "Engagement desired"),
        "cadence_days": QT_TRANSLATE_NOOP("Field", "Keep in touch (days)"),
        "archived": QT_TRANSLATE_NOOP("Field", "Archived"),
    },
    "touchpoints": {
        "date": QT_TRANSLATE_NOOP("Field", "Date (or date and time)"),
        "time": QT_TRANSLATE_NOOP("Field", "Time"),
        "people": QT_TRANSLATE_NOOP("Field", "People (names)"),
        "emails": QT_TRANSLATE_NOOP("Field", "People (emails)"),
        "channel": QT_TRANSLATE_NOOP("Field", "Channel"),
        "purpose": QT_TRANSLATE_NOOP("Field", "Purpose"),
        "subject": QT_TRANSLATE_NOOP("Field", "Subject"),
        "notes": QT_TRANSLATE_NOOP("Field", "Notes"),
        "listening": QT_TRANSLATE_NOOP("Field", "Listening (1–5)"),
        "sentiment": QT_TRANSLATE_NOOP("Field", "Sentiment (−2 to 2)"),
        "reciprocity": QT_TRANSLATE_NOOP("Field", "Reciprocity"),
        "stage": QT_TRANSLATE_NOOP("Field", "Stage"),
        "initiated_by": QT_TRANSLATE_NOOP("Field", "Initiated by"),
    },
}

# Headers each field answers to, best first: a field takes the header that matches its
# earliest alias, so Outlook's "Job Title" wins over its "Title" (which is Mr or Dr there).
_ALIASES: dict[str, dict[str, tuple[str, ...]]] = {
    "stakeholders": {
        "name": ("name", "full name", "display name", "contact name", "contact"),
        "first_name": ("first name", "given name", "first"),
        "last_name": ("last name", "family name", "surname", "last"),
        "title": (
            "job title",
            "organization 1 - title",
            "organization title",
            "title",
            "role",
            "position",
        ),  # fmt: skip
        "organisation": (
            "organisation",
            "organization",
            "company",
            "organization 1 - name",
            "organization name",
            "employer",
        ),  # fmt: skip
        "business_unit": (
            "business unit",
            "department",
            "organization 1 - department",
            "organization department",
            "division",
            "unit",
        ),  # fmt: skip
        "email": (
            "email",
            "e-mail",
            "email address",
            "e-mail address",
            "e-mail 1 - value",
            "email 1 - value",
            "primary email",
            "work email",
            "mail",
        ),  # fmt: skip
        "phone": (
            "phone",
            "business phone",
            "phone 1 - value",
            "mobile phone",
            "mobile",
            "work phone",
            "telephone",
            "primary phone",
        ),  # fmt: skip
        "notes": ("notes", "note", "comments"),
        "tags": ("tags", "categories", "labels", "group membership", "groups"),
        "kind": ("kind", "type"),
        "power": ("power", "influence"),
        "interest": ("interest",),
        "engagement_current": (
            "engagement now",
            "engagement",
            "current engagement",
            "engagement current",
        ),  # fmt: skip
        "engagement_desired": ("engagement desired", "desired engagement"),
        "cadence_days": ("keep in touch (days)", "keep in touch", "cadence", "cadence days"),
        "archived": ("archived",),
    },
    "touchpoints": {
        "date": ("date", "when", "day", "start date", "start", "occurred on"),
        "time": ("time", "start time"),
        "people": ("people", "stakeholders", "with", "attendees", "names", "stakeholder"),
        "emails": ("emails", "email", "e-mail", "attendee emails"),
        "channel": ("channel", "how"),
        "purpose": ("purpose", "why"),
        "subject": ("subject", "title", "topic", "summary"),
        "notes": ("notes", "note", "description"),
        "listening": ("listening", "how well i listened"),
        "sentiment": ("sentiment", "mood"),
        "reciprocity": ("reciprocity", "gave or asked"),
        "stage": ("stage", "trust stage"),
        "initiated_by": ("initiated by", "initiator"),
    },
}

KINDS = tuple(FIELDS)


def field_label(kind: str, name: str) -> str:
    """What the mapping step shows for the field ``name`` of ``kind``, in the user's language."""
    return translate("Field", FIELDS[kind][name])


def comparable(text: str) -> str:
    """A header or a choice as it is compared: lower case, "_" as a space, spaces single."""
    return " ".join(text.lower().replace("_", " ").split())


def suggest_mapping(headers: Sequence[str], kind: str) -> dict[str, str]:
    """Each header → the field it fills ("" for a column to leave out)."""
    normal = {header: comparable(header) for header in headers}
    mapping = dict.fromkeys(headers, "")
    for field_name, aliases in _ALIASES[kind].items():
        for alias in aliases:
            header = next((h for h in headers if normal[h] == alias and not mapping[h]), None)
            if header is not None:
                mapping[header] = field_name
                break
    return mapping


def guess_kind(headers: Sequence[str]) -> str:
    """Touchpoints when the columns name a date and people, stakeholders otherwise."""
    found = set(suggest_mapping(headers, "touchpoints").values())
    return "touchpoints" if "date" in found and found & {"people", "emails"} else "stakeholders"


def mapping_gap(kind: str, mapping: Mapping[str, str]) -> str:
    """What a column mapping lacks before it can be imported: "name", "date" or "people"
    (no column holds it), "doubled" (two columns fill one field), or "" (nothing)."""
    chosen = [field_name for field_name in mapping.values() if field_name]
    used = set(chosen)
    if kind == "stakeholders" and not used & {"name", "first_name", "last_name"}:
        return "name"
    if kind == "touchpoints" and "date" not in used:
        return "date"
    if kind == "touchpoints" and not used & {"people", "emails"}:
        return "people"
    return "doubled" if len(used) != len(chosen) else ""


#: What the person importing is told of each gap ``mapping_gap`` finds: English, marked for
#: translation; ``gap_message(gap)`` is one in the user's language.
GAP_MESSAGES = {
    "name": QT_TRANSLATE_NOOP("Import", "no column holds the name; map a column to Name"),
    "date": QT_TRANSLATE_NOOP("Import", "no column holds the date; map a column to Date"),
    "people": QT_TRANSLATE_NOOP("Import", "no column names the people; map one to People"),
    "doubled": QT_TRANSLATE_NOOP("Import", "two columns are mapped to the same field"),
}


def gap_message(gap: str) -> str:
    """What a mapping lacks (a gap ``mapping_gap`` found), in the user's language."""
    return translate("Import", GAP_MESSAGES[gap])


def date_cells(table: CsvTable, mapping: Mapping[str, str]) -> list[str]:
    """The cells of the column mapped to the date, in file order."""
    index = next((i for i, h in enumerate(table.headers) if mapping.get(h) == "date"), None)
    return [] if index is None else [cells[index] for _line, cells in table.rows]
