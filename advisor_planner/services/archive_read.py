"""Reading a JSON archive: the file parsed, its tables and values checked, nothing written.

``read(path)`` refuses (``FileRefused``, in a person's words) a file that is not an archive
this app reads: too large (``MAX_BYTES``) or of too many values (``MAX_VALUES``) before it is
parsed, not JSON, another format or version, an unknown table or column, a row of the wrong
width, a value of the wrong type for its column (``archive_format.converter``), and then any
archive the app could not have written (``archive_checks.check``). What it returns is what
``archive.load`` writes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from advisor_planner.services.archive_checks import check, located
from advisor_planner.services.archive_format import BY_NAME, FORMAT, VERSION, Row, decoder
from advisor_planner.services.errors import FileRefused
from advisor_planner.services.imports import is_database_file
from advisor_planner.translation import translate

#: An archive of a large practice is bigger than any card or calendar file.
#: The largest archive read. Ten years of a busy practice (the large demo: 100,000 touchpoints)
#: export to 44 MB and 2.9 million values, read in 0.8 s and 250 MB; a file five times that is
#: refused by its size, before it is read.
MAX_BYTES = 200 * 1024 * 1024
#: The most values (counted by their commas, before parsing) an archive may hold: parsing turns
#: each into a Python object, and a 300 MB array of numbers once took 3.3 GB to be refused.
MAX_VALUES = 10_000_000


@dataclass(slots=True)
class Archive:
    tables: dict[str, list[Row]]  # table → rows as field values
    sequences: dict[str, int]  # table → the largest id its rows and the trash hold

    def count(self, table: str) -> int:
        return len(self.tables.get(table, []))


def read(path: Path) -> Archive:
    """The archive's tables, checked: refuses a file that is not one, or is damaged."""
    path = Path(path)
    document = _document(path)
    tables = document.get("tables")
    if not isinstance(tables, dict):
        raise FileRefused(
            translate("Archive", "{0}: the archive holds no tables").format(path.name)
        )
    checked = {name: _table_rows(path.name, name, table) for name, table in tables.items()}
    sequences = document.get("sequences", {})
    if not isinstance(sequences, dict) or not all(
        name in BY_NAME and isinstance(seq, int) for name, seq in sequences.items()
    ):
        said = translate("Archive", "{0}: the archive's id sequences are damaged")
        raise FileRefused(said.format(path.name))
    # The file's sequences are not trusted (one at SQLite's limit left no id for any record
    # made after the load): each is derived from the ids the archive holds.
    return Archive(checked, check(path.name, checked))


def _document(path: Path) -> dict[str, Any]:
    """The file's JSON, refused before it is parsed when it is too large, and after when it is
    not an archive of this format and version."""
    if is_database_file(path):
        said = translate("Import", "{0} is the database itself; import files into it, not it")
        raise FileRefused(said.format(path.name))
    try:
        size = path.stat().st_size
    except OSError as exc:
        said = translate("Import", "{0}: cannot be read ({1})")
        raise FileRefused(said.format(path.name, exc.strerror or exc)) from None
    if size > MAX_BYTES:
        raise FileRefused(
            translate(
                "Archive", "{0}: {1:.0f} MB is more than an archive may be ({2:.0f} MB)"
            ).format(path.name, size / 2**20, MAX_BYTES / 2**20)
        )
    data = path.read_bytes()
    if data.count(b",") > MAX_VALUES:
        raise FileRefused(
            translate(
                "Archive", "{0}: holds more than {1:,} values, more than an archive may"
            ).format(path.name, MAX_VALUES)
        )
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        said = translate("Archive", "{0}: not a JSON archive ({1})")
        raise FileRefused(said.format(path.name, exc)) from None
    except RecursionError:
        said = translate("Archive", "{0}: not an archive (its JSON is nested too deep)")
        raise FileRefused(said.format(path.name)) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise FileRefused(
            translate("Archive", "{0}: not an Advisor Planner archive").format(path.name)
        )
    if document.get("version") != VERSION:
        said = translate("Archive", "{0}: archive format {1!r}; this app reads {2}")
        raise FileRefused(said.format(path.name, document.get("version"), VERSION))
    return document


def _table_rows(file: str, name: str, table: Any) -> list[Row]:
    """One table of the archive (``file``) as field values by name, each value decoded for
    its column; refuses an unknown or damaged table, its columns, or a row."""
    model = BY_NAME.get(name)
    if model is None:
        raise FileRefused(translate("Archive", "{0}: unknown table {1!r}").format(file, name))
    if not isinstance(table, dict) or not isinstance(table.get("rows"), list):
        raise FileRefused(translate("Archive", "{0}: table {1} is damaged").format(file, name))
    columns = table.get("columns")
    expected = {f.column_name for f in model._meta.sorted_fields}
    if (
        not isinstance(columns, list)
        or not all(isinstance(c, str) for c in columns)
        or len(set(columns)) != len(columns)
    ):
        said = translate("Archive", "{0}: the columns of table {1} are damaged")
        raise FileRefused(said.format(file, name))
    missing = sorted(expected - set(columns))
    if missing:
        said = translate("Archive", "{0}: table {1} lacks the column {2}")
        raise FileRefused(said.format(file, name, missing[0]))
    fields = {f.column_name: f for f in model._meta.sorted_fields}
    unknown = [column for column in columns if column not in fields]
    if unknown:
        said = translate("Archive", "{0}: table {1} has an unknown column {2!r}")
        raise FileRefused(said.format(file, name, unknown[0]))
    decode = decoder([fields[column] for column in columns])
    rows = []
    for index, row in enumerate(table["rows"], start=1):
        if not isinstance(row, list) or len(row) != len(columns):
            said = translate("Archive", "{0}: {1} row {2} is damaged")
            raise FileRefused(said.format(file, name, index))
        try:
            rows.append(decode(row))
        except (TypeError, ValueError) as exc:
            where = located(file, name, index, row[columns.index("id")])
            raise FileRefused(f"{where}: {exc}") from None
    return rows
