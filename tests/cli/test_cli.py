"""The command line: help, check, backup, demo, the no-display guard and a real start-up."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

from advisor_planner.__main__ import main
from advisor_planner.cli.app import NO_DISPLAY_MESSAGE
from advisor_planner.store.backup import backup_dir
from advisor_planner.store.integrity import quick_check

REPO = Path(__file__).resolve().parents[2]
HAS_DEMO = importlib.util.find_spec("advisor_planner.demo") is not None


def _run(args: list[str], *, env: dict[str, str] | None = None, timeout: float = 60):
    """``python <args>`` from the checkout, with the package importable."""
    env = dict(os.environ if env is None else env)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    return subprocess.run(
        [sys.executable, *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def test_help_through_python_dash_m() -> None:
    result = _run(["-m", "advisor_planner", "--help"])
    assert result.returncode == 0, result.stderr
    for command in ("check", "backup", "demo"):
        assert command in result.stdout
    assert "--db" in result.stdout


@pytest.mark.parametrize("command", ["check", "backup", "demo"])
def test_each_command_has_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([command, "--help"])
    assert exit_info.value.code == 0
    assert f"advisor-planner {command}" in capsys.readouterr().out


def test_check_healthy_database(db, db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    assert "Status: healthy" in out
    assert "stakeholder" in out  # table row counts
    assert "schema_version" in out


def test_check_damaged_database(damaged_db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--db", str(damaged_db_path)]) == 1
    assert "DAMAGED" in capsys.readouterr().out


def test_check_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nowhere.sqlite"
    assert main(["check", "--db", str(missing)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"advisor-planner: no database at {missing}"]
    assert not missing.exists()


def test_db_defaults_to_the_environment_variable(
    db, db_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ADVISOR_PLANNER_DB", str(db_path))
    assert main(["check"]) == 0
    assert str(db_path) in capsys.readouterr().out


def test_db_given_before_the_command_is_used(
    db, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(db_path), "check"]) == 0
    assert str(db_path) in capsys.readouterr().out


def test_backup_to_the_backup_folder(db, db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["backup", "--db", str(db_path)]) == 0
    made = Path(capsys.readouterr().out.strip())
    assert made.parent == backup_dir(db_path)
    assert made.is_file() and quick_check(made).ok


def test_backup_to_a_named_file(
    db, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "copies" / "mine.sqlite"
    assert main(["backup", "--db", str(db_path), "--to", str(target)]) == 0
    assert capsys.readouterr().out.strip() == str(target)
    assert quick_check(target).ok


def test_backup_of_a_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["backup", "--db", str(tmp_path / "none.sqlite")]) == 2
    assert "no database at" in capsys.readouterr().err


def test_subcommands_load_neither_qt_nor_numpy(db, db_path: Path) -> None:
    script = (
        "import sys\n"
        "from advisor_planner.__main__ import main\n"
        f"assert main(['check', '--db', {str(db_path)!r}]) == 0\n"
        f"assert main(['backup', '--db', {str(db_path)!r}]) == 0\n"
        "loaded = [m for m in ('PySide6', 'numpy', 'pyqtgraph') if m in sys.modules]\n"
        "print('LOADED', loaded)\n"
    )
    result = _run(["-c", script])
    assert result.returncode == 0, result.stderr
    assert "LOADED []" in result.stdout


def test_no_display_exits_2_with_one_clear_line(tmp_path: Path) -> None:
    if sys.platform in ("win32", "darwin"):
        pytest.skip("Windows and macOS always have a display server")
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    db_path = tmp_path / "app.sqlite"
    result = _run(["-m", "advisor_planner", "--db", str(db_path)], env=env)
    assert result.returncode == 2
    assert result.stderr.strip() == NO_DISPLAY_MESSAGE
    assert not db_path.exists()


def test_app_opens_shows_its_window_and_quits(tmp_path: Path) -> None:
    """The whole start-up path, in a child process, with the benchmark's quit-when-shown flag."""
    db_path = tmp_path / "app.sqlite"
    script = (
        "import sys\n"
        "from advisor_planner.__main__ import main\n"
        f"code = main(['--db', {str(db_path)!r}, '--exit-when-shown'])\n"
        "loaded = [m for m in ('numpy', 'pyqtgraph') if m in sys.modules]\n"
        "print('LOADED', loaded, 'CODE', code)\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = _run(["-c", script], env=env)
    assert result.returncode == 0, result.stderr
    assert "window-exposed-after" in result.stdout
    assert "LOADED [] CODE 0" in result.stdout
    assert quick_check(db_path).ok


@pytest.mark.skipif(not HAS_DEMO, reason="advisor_planner.demo is not written yet")
def test_demo_small_then_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db_path = tmp_path / "demo.sqlite"
    assert main(["demo", "--db", str(db_path), "--size", "small", "--seed", "7"]) == 0
    out = capsys.readouterr().out
    assert "Wrote small sample data" in out
    assert main(["check", "--db", str(db_path)]) == 0


@pytest.mark.skipif(not HAS_DEMO, reason="advisor_planner.demo is not written yet")
def test_demo_refuses_a_database_with_data(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db_path = tmp_path / "demo.sqlite"
    assert main(["demo", "--db", str(db_path), "--size", "small"]) == 0
    capsys.readouterr()
    assert main(["demo", "--db", str(db_path), "--size", "small"]) == 1
    assert "demo data not written" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([], (None, False)),
        (["--db", "a.sqlite"], ("a.sqlite", False)),
        (["--db=b.sqlite", "--exit-when-shown"], ("b.sqlite", True)),
    ],
)
def test_plain_launch_is_read_like_the_parser_reads_it(argv, expected) -> None:
    from advisor_planner.cli.main import _plain_launch, build_parser

    fast = _plain_launch(argv)
    assert fast is not None
    assert (fast.db, fast.exit_when_shown) == expected
    full = build_parser().parse_args(argv)
    assert (full.db, full.exit_when_shown) == expected
    assert fast.handler is full.handler


@pytest.mark.parametrize("argv", [["check"], ["--db"], ["--db", "x", "backup"], ["--help"]])
def test_anything_else_goes_through_the_parser(argv) -> None:
    from advisor_planner.cli.main import _plain_launch

    assert _plain_launch(argv) is None
