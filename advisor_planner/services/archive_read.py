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
        raise FileRefused(f"{path.name}: the archive holds no tables")
    checked = {name: _table_rows(path.name, name, table) for name, table in tables.items()}
    sequences = document.get("sequences", {})
    if not isinstance(sequences, dict) or not all(
        name in BY_NAME and isinstance(seq, int) for name, seq in sequences.items()
    ):
        raise FileRefused(f"{path.name}: the archive's id sequences are damaged")
    # The file's sequences are not trusted (one at SQLite's limit left no id for any record
    # made after the load): each is derived from the ids the archive holds.
    return Archive(checked, check(path.name, checked))


def _document(path: Path) -> dict[str, Any]:
    """The file's JSON, refused before it is parsed when it is too large, and after when it is
    not an archive of this format and version."""
    if is_database_file(path):
        raise FileRefused(f"{path.name} is the database itself; import files into it, not it")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise FileRefused(f"{path.name}: cannot be read ({exc.strerror or exc})") from None
    if size > MAX_BYTES:
        raise FileRefused(
            f"{path.name}: {size / 2**20:.0f} MB is more than an archive may be "
            f"({MAX_BYTES / 2**20:.0f} MB)"
        )
    data = path.read_bytes()
    if data.count(b",") > MAX_VALUES:
        raise FileRefused(
            f"{path.name}: holds more than {MAX_VALUES:,} values, more than an archive may"
        )
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise FileRefused(f"{path.name}: not a JSON archive ({exc})") from None
    except RecursionError:
        raise FileRefused(f"{path.name}: not an archive (its JSON is nested too deep)") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise FileRefused(f"{path.name}: not an Advisor Planner archive")
    if document.get("version") != VERSION:
        raise FileRefused(
            f"{path.name}: archive format {document.get('version')!r}; this app reads {VERSION}"
        )
    return document


def _table_rows(file: str, name: str, table: Any) -> list[Row]:
    """One table of the archive (``file``) as field values by name, each value decoded for
    its column; refuses an unknown or damaged table, its columns, or a row."""
    model = BY_NAME.get(name)
    if model is None:
        raise FileRefused(f"{file}: unknown table {name!r}")
    if not isinstance(table, dict) or not isinstance(table.get("rows"), list):
        raise FileRefused(f"{file}: table {name} is damaged")
    columns = table.get("columns")
    expected = {f.column_name for f in model._meta.sorted_fields}
    if (
        not isinstance(columns, list)
        or not all(isinstance(c, str) for c in columns)
        or len(set(columns)) != len(columns)
    ):
        raise FileRefused(f"{file}: the columns of table {name} are damaged")
    missing = sorted(expected - set(columns))
    if missing:
        raise FileRefused(f"{file}: table {name} lacks the column {missing[0]}")
    fields = {f.column_name: f for f in model._meta.sorted_fields}
    unknown = [column for column in columns if column not in fields]
    if unknown:
        raise FileRefused(f"{file}: table {name} has an unknown column {unknown[0]!r}")
    decode = decoder([fields[column] for column in columns])
    rows = []
    for index, row in enumerate(table["rows"], start=1):
        if not isinstance(row, list) or len(row) != len(columns):
            raise FileRefused(f"{file}: {name} row {index} is damaged")
        try:
            rows.append(decode(row))
        except (TypeError, ValueError) as exc:
            where = located(file, name, index, row[columns.index("id")])
            raise FileRefused(f"{where}: {exc}") from None
    return rows
