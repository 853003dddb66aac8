"""Files made to hurt the CSV and vCard readers, and text that is not what it claims: each is
refused before its work is done, naming the limit and the place, or read with a warning.

The memory tests run the import in a child process with its address space capped at 1 GB: a
48 MB CSV that is one line of 25 million cells once took 5.7 GB.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from advisor_planner.__main__ import main
from advisor_planner.interchange import plan_import
from advisor_planner.interchange.csv_table import MAX_CELLS, MAX_ROW_CHARS
from advisor_planner.services.errors import FileRefused
from advisor_planner.services.imports import MAX_IMPORT_RECORDS

REPO = Path(__file__).resolve().parents[2]
HEADER = "Name,Email,Job Title\r\n"


def _import_capped(db: Path, file: Path) -> subprocess.CompletedProcess[str]:
    code = (
        "import resource, sys\n"
        "resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))\n"
        "from advisor_planner.__main__ import main\n"
        "sys.exit(main(['import', '--db', sys.argv[1], sys.argv[2]]))\n"
    )
    return subprocess.run(
        [sys.executable, "-c", code, str(db), str(file)],
        capture_output=True,
        text=True,
        timeout=60,
        env=dict(os.environ, PYTHONPATH=str(REPO)),
        check=False,
    )


def test_one_line_of_millions_of_cells_is_refused_in_bounded_memory(tmp_path: Path) -> None:
    big = tmp_path / "wide.csv"
    big.write_text("a," * 12_000_000 + "\r\n")
    done = _import_capped(tmp_path / "advisor.sqlite", big)
    assert done.returncode == 3, done.stderr
    assert f"line 1: a row takes more than {MAX_ROW_CHARS:,} characters" in done.stderr


def test_a_row_with_too_many_cells_is_refused_naming_its_line(db, tmp_path: Path) -> None:
    wide = tmp_path / "wide.csv"
    wide.write_text(HEADER + "Ana,ana@example.com,CFO\r\n" + ",".join(["x"] * 500) + "\r\n")
    with pytest.raises(
        FileRefused, match=f"line 3 has 500 cells; a row may have at most {MAX_CELLS}"
    ):
        plan_import(wide)


def test_too_many_rows_are_refused_before_they_are_planned(db, tmp_path: Path) -> None:
    many = tmp_path / "many.csv"
    rows = "".join(f"P{n},p{n}@example.com,X\r\n" for n in range(MAX_IMPORT_RECORDS + 5))
    many.write_text(HEADER + rows)
    with pytest.raises(FileRefused, match=f"more than {MAX_IMPORT_RECORDS:,} rows"):
        plan_import(many)


def test_too_many_cards_are_refused(db, tmp_path: Path) -> None:
    cards = tmp_path / "many.vcf"
    cards.write_text(
        "".join(
            f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:P {n}\r\nEND:VCARD\r\n"
            for n in range(MAX_IMPORT_RECORDS + 1)
        )
    )
    with pytest.raises(FileRefused, match=f"more than {MAX_IMPORT_RECORDS:,} cards"):
        plan_import(cards)


@pytest.mark.parametrize("suffix", [".csv", ".vcf", ".ics"])
def test_a_nul_byte_anywhere_is_refused_naming_its_line(db, tmp_path: Path, suffix) -> None:
    """Past the first 4 KB, NUL bytes used to be stored as they were."""
    body = {
        ".csv": HEADER + "".join(f"P{n},p{n}@example.com,X\r\n" for n in range(400)),
        ".vcf": "".join(
            f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:P {n}\r\nEND:VCARD\r\n" for n in range(300)
        ),
        ".ics": "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + "X-FILLER:abc\r\n" * 400,
    }[suffix]
    lines = body.split("\r\n")
    lines[350] = lines[350][:3] + "\x00" + lines[350][3:]
    file = tmp_path / f"nul{suffix}"
    file.write_bytes("\r\n".join(lines).encode())
    with pytest.raises(FileRefused, match="line 351 holds a NUL byte"):
        plan_import(file)


def test_a_windows_1252_file_is_read_and_said_to_be(db, db_path, tmp_path: Path, capsys) -> None:
    legacy = tmp_path / "outlook.csv"
    legacy.write_bytes((HEADER + "Zoë Müller,zoe@example.com,Directrice\r\n").encode("cp1252"))
    plan = plan_import(legacy)
    assert [c.label for c in plan.changes] == ["Zoë Müller"]
    assert len(plan.warnings) == 1
    assert "read as Windows-1252" in plan.warnings[0] and "line 2" in plan.warnings[0]
    assert main(["import", "--db", str(db_path), str(legacy), "--dry-run"]) == 0
    assert "Note: outlook.csv is not UTF-8 (first at line 2)" in capsys.readouterr().out


def test_an_archive_too_large_is_refused_by_its_size_before_it_is_read(db, tmp_path) -> None:
    from advisor_planner.services import archive_read

    big = tmp_path / "huge.json"
    with big.open("wb") as out:  # sparse: the size says it all
        out.truncate(archive_read.MAX_BYTES + 1)
    with pytest.raises(FileRefused, match="is more than an archive may be"):
        archive_read.read(big)


def test_an_archive_of_millions_of_numbers_is_refused_before_it_is_parsed(tmp_path) -> None:
    """A JSON array of numbers took 3.3 GB before it was refused (as not an archive)."""
    numbers = tmp_path / "floats.json"
    with numbers.open("w") as out:
        out.write("[" + "0.5," * 10_500_000 + "0.5]")
    done = _import_capped(tmp_path / "advisor.sqlite", numbers)
    assert done.returncode == 3, done.stderr
    assert "holds more than 10,000,000 values" in done.stderr


def test_the_first_line_past_the_limit_is_found_by_its_number() -> None:
    from advisor_planner.interchange.csv_table import _first_long_line

    limit = MAX_ROW_CHARS
    assert _first_long_line("a\n" * 10) is None
    assert _first_long_line(("y" * limit + "\r\n") * 3) is None  # exactly at the limit
    assert _first_long_line("a\n" + "x" * (limit + 1) + "\nb") == 2
    assert _first_long_line(("y" * limit + "\n") * 3 + "z" * (limit + 5)) == 4
