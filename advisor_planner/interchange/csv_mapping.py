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

#: The fields each import fills, with what the mapping step shows for each.
FIELDS: dict[str, dict[str, str]] = {
    "stakeholders": {
        "name": "Name",
        "first_name": "First name",
        "last_name": "Last name",
        "title": "Title",
        "organisation": "Organisation",
        "business_unit": "Business unit",
        "email": "Email",
        "phone": "Phone",
        "notes": "Notes",
        "tags": "Tags",
        "kind": "Kind",
        "power": "Power (1–5)",
        "interest": "Interest (1–5)",
        "engagement_current": "Engagement now",
        "engagement_desired": "Engagement desired",
        "cadence_days": "Keep in touch (days)",
        "archived": "Archived",
    },
    "touchpoints": {
        "date": "Date (or date and time)",
        "time": "Time",
        "people": "People (names)",
        "emails": "People (emails)",
        "channel": "Channel",
        "purpose": "Purpose",
        "subject": "Subject",
        "notes": "Notes",
        "listening": "Listening (1–5)",
        "sentiment": "Sentiment (−2 to 2)",
        "reciprocity": "Reciprocity",
        "stage": "Stage",
        "initiated_by": "Initiated by",
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


#: What the person importing is told of each gap ``mapping_gap`` finds.
GAP_MESSAGES = {
    "name": "no column holds the name; map a column to Name",
    "date": "no column holds the date; map a column to Date",
    "people": "no column names the people; map one to People",
    "doubled": "two columns are mapped to the same field",
}


def date_cells(table: CsvTable, mapping: Mapping[str, str]) -> list[str]:
    """The cells of the column mapped to the date, in file order."""
    index = next((i for i, h in enumerate(table.headers) if mapping.get(h) == "date"), None)
    return [] if index is None else [cells[index] for _line, cells in table.rows]
