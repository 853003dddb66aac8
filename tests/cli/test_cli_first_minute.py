"""The command line a newcomer meets first: every option says what it does, a second copy of
the app says why it stops, ``import --dates`` for slash-dated CSVs, ``demo`` into a database
with data says what to do instead, and the Qt system-library check names real libraries."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

import pytest

from advisor_planner.__main__ import main
from advisor_planner.cli import qt_libs
from advisor_planner.cli.common import EXIT_FAILED, EXIT_USAGE
from advisor_planner.cli.main import build_parser
from advisor_planner.services import touchpoints
from advisor_planner.store.connection import close_database
from advisor_planner.store.opening import init_db

REPO = Path(__file__).resolve().parents[2]


def _parsers(parser: argparse.ArgumentParser) -> list[tuple[str, argparse.ArgumentParser]]:
    found = [(parser.prog, parser)]
    for action in parser._actions:  # argparse offers no public walk of its subparsers
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                found += _parsers(sub)
    return found


def test_every_option_and_argument_has_help_text() -> None:
    parsers = _parsers(build_parser())
    assert len(parsers) > 10  # the top level and every command
    lacking = [
        f"{prog}: {'/'.join(action.option_strings) or action.dest}"
        for prog, parser in parsers
        for action in parser._actions
        if not isinstance(action, argparse._SubParsersAction)
        and action.help != argparse.SUPPRESS
        and not (action.help or "").strip()
    ]
    assert lacking == []


def test_a_second_copy_of_the_app_says_so_on_stderr_and_exits(tmp_path: Path) -> None:
    from advisor_planner.services import session

    db = tmp_path / "planner.sqlite"
    lock, _reason = session.take_lock(db)
    assert lock is not None
    try:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
        result = subprocess.run(
            [sys.executable, "-m", "advisor_planner", "--db", str(db)],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    finally:
        lock.release()
    assert result.returncode == EXIT_FAILED
    assert f"already open in Advisor Planner (pid {os.getpid()}); close it first" in result.stderr


def _touchpoint_days(db: Path) -> list[str]:
    init_db(db)
    try:
        found = touchpoints.page(limit=50)
        return sorted(str(t.occurred_at.date()) for t in found)
    finally:
        close_database()


@pytest.fixture
def slash_csv(tmp_path: Path) -> Path:
    path = tmp_path / "log.csv"
    path.write_text(
        "Date,People,Subject\n"
        "03/04/2026 14:30,Bob Builder,Either way\n"
        "05/06/2026,Bob Builder,Either way too\n",
        encoding="utf-8",
    )
    return path


def test_import_asks_for_dates_when_none_tells_and_writes_nothing(
    tmp_path: Path, slash_csv: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "planner.sqlite"
    args = ["import", "--db", str(db), str(slash_csv), "--add-unknown"]
    assert main(args) == EXIT_USAGE
    err = capsys.readouterr().err
    assert "log.csv" in err and "03/04/2026" in err
    assert "--dates dmy" in err and "--dates mdy" in err and "nothing imported" in err
    assert len(err.strip().splitlines()) == 1
    assert _touchpoint_days(db) == []


@pytest.mark.parametrize(
    ("order", "days"),
    [("dmy", ["2026-04-03", "2026-06-05"]), ("mdy", ["2026-03-04", "2026-05-06"])],
)
def test_import_dates_reads_slash_dates_in_the_order_given(
    tmp_path: Path, slash_csv: Path, capsys, order: str, days: list[str]
) -> None:
    db = tmp_path / "planner.sqlite"
    assert main(["import", "--db", str(db), str(slash_csv), "--add-unknown", "--dates", order]) == 0
    assert "3 added" in capsys.readouterr().out  # Bob Builder and his two touchpoints
    assert _touchpoint_days(db) == days


def test_import_dates_is_refused_for_a_file_that_is_not_a_csv(tmp_path: Path, capsys) -> None:
    vcf = REPO / "tests" / "interchange" / "samples" / "google_3_0.vcf"
    db = tmp_path / "planner.sqlite"
    assert main(["import", "--db", str(db), str(vcf), "--dates", "dmy"]) == EXIT_USAGE
    assert "--dates is for a CSV" in capsys.readouterr().err


def test_demo_into_a_database_with_data_says_how_to_proceed(tmp_path: Path, capsys) -> None:
    db = tmp_path / "planner.sqlite"
    assert main(["demo", "--db", str(db), "--size", "small"]) == 0
    capsys.readouterr()
    assert main(["demo", "--db", str(db), "--size", "small"]) == EXIT_FAILED
    err = capsys.readouterr().err
    assert "already holds stakeholders" in err
    assert "advisor-planner demo --db" in err and "a new file" in err
    assert "advisor-planner --db" in err


def test_every_library_the_qt_check_names_loads_on_a_machine_set_up_as_the_readme_says() -> None:
    """CI installs README.md's packages (.ci/run): then no library is missing, which also
    proves each name in the tables is a real library's (a misspelt one would be missing)."""
    if not sys.platform.startswith("linux"):
        pytest.skip("Qt needs these system libraries on Linux only")
    assert qt_libs.missing_packages("xcb") == {}
    assert qt_libs.check({"QT_QPA_PLATFORM": "offscreen"}) is None


def test_the_qt_check_names_what_is_missing_and_how_to_install_it() -> None:
    if not sys.platform.startswith("linux"):
        pytest.skip("Qt needs these system libraries on Linux only")
    libs = {"libc.so.6": "libc6", "libadvisor-planner-absent.so.9": "advisor-absent9"}
    missing = qt_libs.missing_packages("xcb", libs)
    assert missing == {"libadvisor-planner-absent.so.9": "advisor-absent9"}
    line = qt_libs.advice(missing, "xcb")
    assert "\n" not in line
    assert "libadvisor-planner-absent.so.9" in line
    assert "apt-get install advisor-absent9" not in line  # not a package README.md names:
    assert f"apt-get install {qt_libs.README_PACKAGES} (" in line  # its list pulls in the rest
    missing = {"libxcb-cursor.so.0": "libxcb-cursor0", "libxcb-icccm.so.4": "libxcb-icccm4"}
    line = qt_libs.advice(missing, "xcb")
    assert "libxcb-cursor.so.0, libxcb-icccm.so.4 are missing" in line
    assert "apt-get install libxcb-cursor0 libxcb-icccm4 (as root, or with sudo)" in line
    everything = qt_libs.needed_libs("xcb")
    line = qt_libs.advice(everything, "xcb")
    assert f"and {len(everything) - 4} more are missing" in line
    assert f"apt-get install {qt_libs.README_PACKAGES} (" in line
    assert qt_libs.platform_plugin({"QT_QPA_PLATFORM": "offscreen"}) == "offscreen"
    assert qt_libs.platform_plugin({"QT_QPA_PLATFORM": "wayland;xcb"}) == "wayland"
    assert qt_libs.platform_plugin({}) == "xcb"
