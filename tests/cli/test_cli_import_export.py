"""``advisor-planner import`` and ``export``: kinds by extension, the database created when
missing, dry runs, refusals with a non-zero exit and nothing written, and no display needed."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest

from advisor_planner.__main__ import main
from advisor_planner.cli.common import EXIT_REFUSED, EXIT_USAGE
from advisor_planner.services import stakeholders
from advisor_planner.store.connection import close_database
from advisor_planner.store.opening import init_db

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "tests" / "interchange" / "samples"


def _stakeholder_names(db: Path) -> list[str]:
    init_db(db)
    try:
        return sorted(p.name for p in stakeholders.list_all(include_archived=True))
    finally:
        close_database()


def test_import_creates_the_database_and_prints_what_it_did(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "new" / "planner.sqlite"
    db.parent.mkdir()
    assert main(["import", "--db", str(db), str(SAMPLES / "google_3_0.vcf")]) == 0
    out = capsys.readouterr().out
    assert "Add (2):" in out and "Priya Raman" in out
    assert "2 added, 0 merged, 0 skipped" in out
    assert _stakeholder_names(db) == ["Priya Raman", "Tomás García"]


def test_dry_run_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "planner.sqlite"
    assert main(["import", "--db", str(db), str(SAMPLES / "apple_grouped.vcf"), "--dry-run"]) == 0
    assert "Dry run, nothing written: 1 to add" in capsys.readouterr().out
    assert _stakeholder_names(db) == []


def test_calendar_with_until_and_add_unknown(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "planner.sqlite"
    ics = str(SAMPLES / "outlook_windows_zone.ics")
    assert main(["import", "--db", str(db), ics, "--until", "2026-03-12"]) == 0
    out = capsys.readouterr().out
    assert "0 added" in out and "no known attendee: sam.stranger@elsewhere.example" in out
    assert main(["import", "--db", str(db), ics, "--until", "2026-03-12", "--add-unknown"]) == 0
    out = capsys.readouterr().out
    assert "Ola Unknown" in out and "Sam Stranger" in out
    # Nobody was known, so every attendee but the organiser is added, named by their CN.
    names = ["Ola Unknown", "Priya Raman", "Sam Stranger", "Tomas Garcia"]
    assert _stakeholder_names(db) == names


def test_bad_until_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ics = str(SAMPLES / "outlook_windows_zone.ics")
    assert main(["import", "--db", str(tmp_path / "x.sqlite"), ics, "--until", "soon"]) == 2
    assert "--until must be a date" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("broken.vcf", b"BEGIN:VCARD\nVERSION:3.0\nFN:Ada\n", "card 1 (line 1) has BEGIN:VCARD"),
        ("empty.ics", b"", "the file is empty"),
        ("noise.csv", bytes(range(256)) * 20, "binary data"),
        ("table.xlsx", b"PK\x03\x04", "cannot import this kind of file"),
    ],
)
def test_malformed_files_are_refused_with_a_non_zero_exit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, content: bytes, message: str
) -> None:
    db = tmp_path / "planner.sqlite"
    main(["import", "--db", str(db), str(SAMPLES / "google_3_0.vcf")])
    capsys.readouterr()
    path = tmp_path / name
    path.write_bytes(content)
    assert main(["import", "--db", str(db), str(path)]) == EXIT_REFUSED
    err = capsys.readouterr().err
    assert "nothing imported" in err and message in err and name in err
    assert _stakeholder_names(db) == ["Priya Raman", "Tomás García"]


def test_a_missing_file_is_a_usage_error(tmp_path: Path, capsys) -> None:
    assert main(["import", "--db", str(tmp_path / "x.sqlite"), str(tmp_path / "no.vcf")]) == 2
    assert "no file at" in capsys.readouterr().err


def test_export_json_then_import_into_a_new_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "planner.sqlite"
    main(["import", "--db", str(db), str(SAMPLES / "google_3_0.vcf")])
    out = tmp_path / "all.json"
    assert main(["export", "--db", str(db), "--out", str(out)]) == 0
    assert f"{out} (" in capsys.readouterr().out
    fresh = tmp_path / "fresh.sqlite"
    assert main(["import", "--db", str(fresh), str(out)]) == 0
    assert _stakeholder_names(fresh) == ["Priya Raman", "Tomás García"]
    # Again, into a database that now has data: refused unless --merge.
    assert main(["import", "--db", str(fresh), str(out)]) == EXIT_REFUSED
    assert "--merge" in capsys.readouterr().err
    assert main(["import", "--db", str(fresh), str(out), "--merge"]) == 0
    assert "2 people already there" in capsys.readouterr().out
    assert _stakeholder_names(fresh) == ["Priya Raman", "Tomás García"]


def test_export_csv_stakeholders_by_default_or_what_is_asked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "planner.sqlite"
    main(["import", "--db", str(db), str(SAMPLES / "google_3_0.vcf")])
    people = tmp_path / "people.csv"
    assert main(["export", "--db", str(db), "--out", str(people)]) == 0
    with people.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][0] == "Name" and {r[0] for r in rows[1:]} == {"Priya Raman", "Tomás García"}
    goals = tmp_path / "goals.csv"
    assert main(["export", "--db", str(db), "--out", str(goals), "--what", "goals"]) == 0
    assert "(0 goals)" in capsys.readouterr().out
    assert goals.read_text(encoding="utf-8-sig").startswith("Goal,Statement")


@pytest.mark.parametrize(
    ("out", "extra", "message"),
    [
        ("x.pdf", [], "name a .json or a .csv file"),
        ("x.json", ["--what", "goals"], "--what is for CSV"),
        ("missing/x.csv", [], "no such folder"),
    ],
)
def test_export_usage_errors(
    tmp_path: Path, capsys, out: str, extra: list[str], message: str
) -> None:
    db = tmp_path / "planner.sqlite"
    main(["import", "--db", str(db), str(SAMPLES / "google_3_0.vcf")])
    capsys.readouterr()
    assert main(["export", "--db", str(db), "--out", str(tmp_path / out), *extra]) == EXIT_USAGE
    assert message in capsys.readouterr().err


def test_import_and_export_load_neither_qt_nor_numpy(tmp_path: Path) -> None:
    db, out = tmp_path / "p.sqlite", tmp_path / "all.json"
    script = (
        "import sys\n"
        "from advisor_planner.__main__ import main\n"
        f"assert main(['import', '--db', {str(db)!r}, {str(SAMPLES / 'google_3_0.vcf')!r}]) == 0\n"
        f"assert main(['import', '--db', {str(db)!r}, "
        f"{str(SAMPLES / 'outlook_windows_zone.ics')!r}]) == 0\n"
        f"assert main(['export', '--db', {str(db)!r}, '--out', {str(out)!r}]) == 0\n"
        "loaded = [m for m in ('PySide6', 'numpy', 'pyqtgraph') if m in sys.modules]\n"
        "print('LOADED', loaded)\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    env["PYTHONPATH"] = str(REPO)
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, env=env, capture_output=True, text=True,
        timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "LOADED []" in result.stdout


def test_the_command_offers_every_list_the_csv_export_writes() -> None:
    from advisor_planner.cli.export import EXPORT_LISTS
    from advisor_planner.interchange.csv_export import EXPORTS

    # The parser names them itself, so that --help does not import the services.
    assert EXPORT_LISTS == tuple(EXPORTS)
