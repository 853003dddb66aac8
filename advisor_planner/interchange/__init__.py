"""Import and export: vCard contacts, iCalendar meetings, CSV both ways, a lossless JSON archive.

Every import is parse → validate → plan → one transaction:

- ``plan_import(path, ...)`` reads and checks the whole file first and returns an
  ``services.imports.ImportPlan``: what will be added, merged and skipped, each with its
  reason. A malformed file is refused (``FileRefused``) with a message naming the card or line
  at fault; nothing is written.
- ``services.imports.apply(plan)`` writes it in one transaction (``services.archive`` for JSON).

The kind of file is chosen by its extension (``.vcf``, ``.ics``, ``.csv``, ``.json``). The
modules: ``files`` (reading with limits and encodings), ``vcard``, ``icalendar_import``,
CSV in four (``csv_export`` writes a list; ``csv_table`` reads a file into rows,
``csv_mapping`` says which column fills which field, ``csv_import`` plans the rows) and
``people`` (matching people by email, then exact name).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from advisor_planner.interchange.files import FileRefused
from advisor_planner.services.imports import ImportPlan, is_database_file
from advisor_planner.translation import translate

KINDS_BY_SUFFIX = {".vcf": "vcard", ".vcard": "vcard", ".ics": "icalendar", ".csv": "csv"}


def plan_import(
    path: Path,
    *,
    add_unknown: bool = False,
    until: date | None = None,
    mapping: dict[str, str] | None = None,
    csv_kind: str | None = None,
) -> ImportPlan:
    """Read and check the whole file at ``path`` and plan its import (writing nothing)."""
    path = Path(path)
    if is_database_file(path):
        raise FileRefused(
            translate("Import", "{0} is the database itself; import files into it, not it").format(
                path.name
            )
        )
    kind = KINDS_BY_SUFFIX.get(path.suffix.lower())
    if kind == "vcard":
        from advisor_planner.interchange.vcard import plan_vcard

        return plan_vcard(path)
    if kind == "icalendar":
        from advisor_planner.interchange.icalendar_import import plan_icalendar

        return plan_icalendar(path, add_unknown=add_unknown, until=until)
    if kind == "csv":
        from advisor_planner.interchange.csv_import import plan_csv

        return plan_csv(path, mapping=mapping, kind=csv_kind, add_unknown=add_unknown)
    raise FileRefused(
        translate(
            "Import", "{0}: cannot import this kind of file; use .vcf, .ics, .csv or .json"
        ).format(path.name)
    )


__all__ = ["FileRefused", "plan_import"]
