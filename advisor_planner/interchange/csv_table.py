"""Reading a CSV file into a table: its header, its rows, and the limits that keep it small.

``read_table(path)`` parses the whole file and refuses a malformed one, naming the line: the
delimiter (comma, semicolon or tab) is read off the header line, everything else is Excel's
dialect. A row longer than ``MAX_ROW_CHARS`` or wider than ``MAX_CELLS``, or a file of more
rows than an import takes, is refused before the csv module builds it. Cells come back as they
were written before ``csv_export.guard``.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from advisor_planner.interchange.csv_export import unguard
from advisor_planner.interchange.files import FileRefused, read_text
from advisor_planner.services.imports import MAX_IMPORT_RECORDS
from advisor_planner.translation import translate

csv.field_size_limit(max(csv.field_size_limit(), 16 * 1024 * 1024))  # long notes are fine


@dataclass(frozen=True, slots=True)
class CsvTable:
    headers: list[str]
    rows: list[tuple[int, list[str]]]  # (line number, cells as written before any guard)
    warnings: list[str] = field(default_factory=list)


#: The most characters one row may take (its cells with their quotes and line breaks): a
#: row of long notes is a few hundred thousand. A 48 MB line of 25 million cells once took
#: 5.7 GB; the line is now refused before the csv module splits it.
MAX_ROW_CHARS = 1_000_000
#: The most cells a row may have.
MAX_CELLS = 200


def _first_long_line(text: str) -> int | None:
    """The number of the first line longer than ``MAX_ROW_CHARS``, or None. Each step jumps
    to the last line break within the next ``MAX_ROW_CHARS`` characters, so a 50 MB text
    takes some fifty steps, however many lines it has."""
    start = 0
    while len(text) - start > MAX_ROW_CHARS:
        window = start + MAX_ROW_CHARS + 1
        last = max(text.rfind("\n", start, window), text.rfind("\r", start, window))
        if last < 0:
            return text.count("\n", 0, start) + 1
        start = last + 1
    return None


class _Lines:
    """The text's lines for ``csv.reader``, refusing a row that grows past ``MAX_ROW_CHARS``
    before the reader splits it (``row_done`` starts the count for the next row)."""

    def __init__(self, text: str, name: str) -> None:
        self._lines = io.StringIO(text, newline="")
        self._name = name
        self._taken = 0
        self.line = 0

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        line = self._lines.readline(MAX_ROW_CHARS + 1 - self._taken)
        if not line:
            raise StopIteration
        self.line += line.count("\n") or 1
        self._taken += len(line)
        if self._taken > MAX_ROW_CHARS:
            raise FileRefused(_row_too_long(self._name, self.line))
        return line

    def row_done(self) -> None:
        self._taken = 0


def _row_too_long(name: str, line: int) -> str:
    return translate(
        "Import", "{0}: line {1}: a row takes more than {2:,} characters, the most one may"
    ).format(name, line, MAX_ROW_CHARS)


def read_table(path: Path) -> CsvTable:
    """The whole file parsed; refuses one that is not a table, naming the line at fault."""
    path = Path(path)
    warnings: list[str] = []
    text = read_text(path, "CSV", warnings)
    # The header line says the delimiter (Excel writes ";" where "," is the decimal mark);
    # everything else is Excel's dialect (csv.Sniffer's guesses at quoting go wrong).
    header_line = text.lstrip()[:MAX_ROW_CHARS].split("\n", 1)[0]
    delimiter = max(",;\t", key=header_line.count)
    # A line past the limit is found before the text is copied into the reader's buffer
    # (four bytes a character): a 48 MB line then costs 100 MB, not 260.
    too_long = _first_long_line(text)
    if too_long is not None:
        raise FileRefused(_row_too_long(path.name, too_long))
    lines = _Lines(text, path.name)
    reader = csv.reader(lines, delimiter=delimiter, strict=False)
    headers: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    try:
        for cells in reader:
            lines.row_done()
            if len(cells) > MAX_CELLS:
                raise FileRefused(
                    translate(
                        "Import", "{0}: line {1} has {2:,} cells; a row may have at most {3}"
                    ).format(path.name, reader.line_num, len(cells), MAX_CELLS)
                )
            if len(rows) >= MAX_IMPORT_RECORDS:
                raise FileRefused(
                    translate(
                        "Import",
                        "{0}: more than {1:,} rows (line {2}); an import takes at most {1:,}",
                    ).format(path.name, MAX_IMPORT_RECORDS, reader.line_num)
                )
            if not any(cell.strip() for cell in cells):
                continue
            if headers is None:
                headers = _headers(cells)
                continue
            if len(cells) > len(headers):
                if any(cell.strip() for cell in cells[len(headers) :]):
                    raise FileRefused(
                        translate(
                            "Import", "{0}: line {1} has {2} cells but the header names {3}"
                        ).format(path.name, reader.line_num, len(cells), len(headers))
                    )
                cells = cells[: len(headers)]
            cells = [unguard(cell) for cell in cells] + [""] * (len(headers) - len(cells))
            rows.append((reader.line_num, cells))
    except csv.Error as exc:
        said = translate("Import", "{0}: line {1}: {2}")
        raise FileRefused(said.format(path.name, reader.line_num, exc)) from None
    if headers is None:
        raise FileRefused(translate("Import", "{0}: the file has no header row").format(path.name))
    return CsvTable(headers, rows, warnings)


def _headers(cells: list[str]) -> list[str]:
    headers: list[str] = []
    for number, cell in enumerate(cells, start=1):
        name = " ".join(cell.split()) or translate("Import", "Column {0}").format(number)
        if name in headers:
            name = f"{name} ({number})"
        headers.append(name)
    return headers
