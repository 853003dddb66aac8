"""Every command against every condition a file can be in: one line naming the problem and a
non-zero exit, never a traceback (``--debug`` shows it), and nothing written.

Conditions are made for real: a damaged file, a file from a newer version, a file that is not
a database, the database held by the app, a read-only mount and a full one (tmpfs, as root).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from advisor_planner.__main__ import main
from advisor_planner.store.connection import close_database
from advisor_planner.store.lock import acquire_instance_lock
from advisor_planner.store.opening import init_db

CONTACTS = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ines Moreau\r\nEND:VCARD\r\n"

#: command -> its arguments after ``--db PATH`` (OUT is a writable folder elsewhere).
COMMANDS: dict[str, list[str]] = {
    "demo": ["--size", "small"],
    "import": ["OUT/people.vcf"],
    "report": ["--out", "OUT/r.pdf"],
    "export": ["--out", "OUT/all.json"],
    "backup": [],
    "restore": ["--latest"],
    "check": [],
}


def _healthy(path: Path) -> Path:
    init_db(path)
    close_database()
    return path


def _damaged(path: Path) -> Path:
    _healthy(path)
    con = sqlite3.connect(path)
    with con:
        con.execute("CREATE TABLE filler (body TEXT)")
        con.executemany("INSERT INTO filler VALUES (?)", [("x" * 900,) for _ in range(300)])
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    # Two of the filler's pages, not the middle of the file: that can be a page of the schema
    # (its triggers fill several), and a damaged schema fails before any check says why.
    page_size = con.execute("PRAGMA page_size").fetchone()[0]
    pages = [
        page
        for (page,) in con.execute(
            "SELECT pageno FROM dbstat WHERE name = 'filler' AND pagetype = 'leaf' ORDER BY pageno"
        )
    ]
    con.close()
    with path.open("r+b") as handle:
        for page in pages[len(pages) // 2 : len(pages) // 2 + 2]:
            handle.seek((page - 1) * page_size)
            handle.write(b"\xa5" * page_size)
    return path


def _newer(path: Path) -> Path:
    _healthy(path)
    con = sqlite3.connect(path)
    with con:
        con.execute(
            "INSERT INTO schema_version (version, created_at, updated_at) "
            "VALUES (99, '2026-12-01', '2026-12-01')"
        )
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    return path


def _not_a_database(path: Path) -> Path:
    path.write_text("name,email\nAna,ana@example.com\n" * 20)
    return path


#: condition -> (how to make it, the words its line must hold, commands that still work).
CONDITIONS: dict[str, tuple[Callable[[Path], Path], str, set[str]]] = {
    "damaged": (_damaged, "integrity check", set()),
    "newer schema": (_newer, "schema version 99", {"check", "backup"}),
    "not a database": (_not_a_database, "not an Advisor Planner database", set()),
}


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "people.vcf").write_text(CONTACTS)
    return folder


def _run(command: str, path: Path, out: Path, capsys) -> tuple[int, str]:
    args = [part.replace("OUT", str(out)) for part in COMMANDS[command]]
    code = main([command, "--db", str(path), *args])
    captured = capsys.readouterr()
    return code, captured.err


def _one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


@pytest.mark.parametrize("condition", sorted(CONDITIONS))
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_file_in_a_bad_state(tmp_path, out, capsys, command, condition) -> None:
    make, words, works = CONDITIONS[condition]
    path = make(tmp_path / "advisor.sqlite")
    before = path.read_bytes()
    code, err = _run(command, path, out, capsys)
    if command in works:
        return
    assert code != 0
    if command == "check":
        return  # check's answer is its report on stdout ("Status: DAMAGED")
    line = _one_line(err)
    assert line.startswith(f"advisor-planner {command}: ") or line.startswith(
        "advisor-planner: "
    ), line
    # Restoring over a bad file is what restore is for: here there is no backup to restore.
    assert (words if command != "restore" else "no backup of") in line, line
    assert path.read_bytes() == before
    assert sorted(p.name for p in out.iterdir()) == ["people.vcf"]


@pytest.mark.parametrize("command", ["demo", "import", "restore"])
def test_the_database_held_by_the_app(tmp_path, out, capsys, command) -> None:
    path = _healthy(tmp_path / "advisor.sqlite")
    before = path.read_bytes()
    with acquire_instance_lock(path):
        code, err = _run(command, path, out, capsys)
    assert code == 1
    assert f"already open in Advisor Planner (pid {os.getpid()}); close it first" in _one_line(err)
    assert path.read_bytes() == before


@pytest.mark.parametrize("command", ["demo", "import", "backup"])
def test_read_only_media(tmp_path, out, capsys, tmpfs, command) -> None:
    point = tmpfs("4m")
    path = _healthy(point / "advisor.sqlite")
    subprocess.run(["mount", "-o", "remount,ro", str(point)], check=True)
    code, err = _run(command, path, out, capsys)
    assert code == 1
    assert f"The folder {point} is read-only" in _one_line(err)


@pytest.mark.parametrize("command", ["demo", "import", "backup"])
def test_a_full_disk(tmp_path, out, capsys, tmpfs, command) -> None:
    point = tmpfs("1m")
    path = _healthy(point / "advisor.sqlite")
    with (point / "filler").open("wb") as filler:
        filler.write(b"\0" * (shutil.disk_usage(point).free - 8192))
    before = path.read_bytes()
    code, err = _run(command, path, out, capsys)
    assert code == 1
    assert f"The disk holding {point} is full" in _one_line(err)
    assert path.read_bytes() == before


def test_debug_shows_the_traceback(tmp_path, out, capsys) -> None:
    path = _not_a_database(tmp_path / "advisor.sqlite")
    (tmp_path / "bad.vcf").write_text(CONTACTS)
    with pytest.raises(BaseException):  # noqa: B017 - whatever the first error is, it surfaces
        main(["--debug", "report", "--db", str(path), "--out", str(out / "r.pdf")])
        raise AssertionError("no error surfaced")


def test_encrypt_on_a_nearly_full_disk_says_so_and_changes_nothing(tmp_path, capsys, tmpfs):
    point = tmpfs("2m")
    path = _healthy(point / "advisor.sqlite")
    secret = tmp_path / "secret.txt"
    secret.write_text("a long passphrase\n")
    with (point / "filler").open("wb") as filler:
        filler.write(b"\0" * (shutil.disk_usage(point).free - 16384))
    before = path.read_bytes()
    code = main(["encrypt", "--db", str(path), "--passphrase-file", str(secret)])
    line = _one_line(capsys.readouterr().err)
    assert code == 1
    assert f"not encrypted: The disk holding {point} is full" in line
    assert "free some space and try again" in line  # not the app's "opened for reading"
    assert path.read_bytes() == before
    assert not (point / "advisor.sqlite.keys").exists()
    assert not [p.name for p in point.iterdir() if p.name.endswith(".part")]


@pytest.mark.parametrize("command", ["encrypt", "decrypt", "change-passphrase"])
def test_encryption_changes_on_read_only_media_say_so_and_change_nothing(
    tmp_path, capsys, tmpfs, command
):
    point = tmpfs("4m")
    path = _healthy(point / "advisor.sqlite")
    secret = tmp_path / "secret.txt"
    secret.write_text("a long passphrase\n")
    arguments = ["--db", str(path), "--passphrase-file", str(secret)]
    if command != "encrypt":
        assert main(["encrypt", *arguments]) == 0
        capsys.readouterr()
    if command == "change-passphrase":
        new = tmp_path / "new.txt"
        new.write_text("another long passphrase\n")
        arguments += ["--new-passphrase-file", str(new)]
    subprocess.run(["mount", "-o", "remount,ro", str(point)], check=True)
    before = {p.name: p.read_bytes() for p in point.iterdir() if p.is_file()}
    code = main([command, *arguments])
    line = _one_line(capsys.readouterr().err)
    assert code == 1
    assert f"The folder {point} is read-only" in line
    assert {p.name: p.read_bytes() for p in point.iterdir() if p.is_file()} == before
