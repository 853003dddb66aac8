"""Helpers for the command-line tests of encrypted databases (``conftest.py`` makes the
fixtures from them): running ``advisor-planner`` in a child process, on a pseudo-terminal
when it must ask; planting names and notes to look for in raw bytes; reading every file a
folder holds, to show nothing was written; and the bad inputs every command must refuse in
one sentence (``BAD_INPUT``, ``refused``)."""

from __future__ import annotations

import os
import pty
import select
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from advisor_planner.services import encryption
from advisor_planner.store import encryption as store_encryption

REPO = Path(__file__).resolve().parents[2]

PASSPHRASE = "correct horse battery staple"
NEW_PASSPHRASE = "  tr0ub4dor & 3, with spaces  "
#: Searched for in the raw bytes of every file an encrypted database writes.
PLANTED = (
    "Zenobia Quartermaine",
    "Bartholomew Okonkwo-Lindqvist",
    "Fears the SAP migration will slip",
    "Told me the CFO resigns in March",
)
PEOPLE = 40  # planted people, with a note each


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def run_cli(*args: str | Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """``advisor-planner ARGS`` in a child process with no terminal (stdin is /dev/null)."""
    return subprocess.run(
        [sys.executable, "-m", "advisor_planner", *map(str, args)],
        cwd=REPO,
        env=child_env(),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@dataclass(frozen=True)
class Answered:
    returncode: int
    stdout: str
    stderr: str  # the prompts included: without a controlling terminal getpass writes there


def run_on_terminal(
    args: Sequence[str | Path], answers: Sequence[tuple[str, str]], timeout: float = 60
) -> Answered:
    """``advisor-planner ARGS`` with a pseudo-terminal as stdin, answering each prompt (the
    first of each pair, as it appears on stderr) with the second. The child has no
    controlling terminal (a new session), so getpass reads the pseudo-terminal, never the
    terminal pytest may run in."""
    master, slave = pty.openpty()
    child = subprocess.Popen(
        [sys.executable, "-m", "advisor_planner", *map(str, args)],
        cwd=REPO,
        env=child_env(),
        stdin=slave,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    os.close(slave)
    assert child.stderr is not None
    err = b""
    try:
        seen = 0
        for prompt, answer in answers:
            while prompt.encode() not in err[seen:]:
                ready, _, _ = select.select([child.stderr], [], [], timeout)
                assert ready, f"no prompt {prompt!r} in {timeout} s: {err!r}"
                chunk = os.read(child.stderr.fileno(), 4096)
                if not chunk:
                    break  # it ended without asking
                err += chunk
            else:
                seen = err.index(prompt.encode(), seen) + len(prompt)
                os.write(master, answer.encode() + b"\n")
        out, rest = child.communicate(timeout=timeout)
    finally:
        os.close(master)
        if child.poll() is None:
            child.kill()
            child.communicate()
    return Answered(child.returncode, out.decode(), (err + rest).decode())


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` and its bytes (to show that nothing was written)."""
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def plant(path: Path) -> Path:
    """A plain database at ``path`` holding the planted people and notes, with a backup
    made halfway (so the backup folder holds them too)."""
    from advisor_planner.services import session, stakeholders

    for half in (range(PEOPLE // 2), range(PEOPLE // 2, PEOPLE)):
        with session.opened(path, writing="test"):
            for n in half:
                stakeholders.create(
                    name=f"{PLANTED[n % 2]} {n}", notes=f"{PLANTED[2 + n % 2]} ({n})"
                )
        if half.start == 0:
            session.back_up(path)
    return path


@dataclass(frozen=True)
class Encrypted:
    """An encrypted database and the files holding its secrets (outside its folder)."""

    db: Path
    passphrase_file: Path
    recovery_key_file: Path
    recovery_key: str

    @property
    def folder(self) -> Path:
        return self.db.parent


def write_secret(path: Path, secret: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(secret + "\n", encoding="utf-8")
    return path


def recovery_key_in(stdout: str) -> str:
    lines = [line for line in stdout.splitlines() if line.startswith("Recovery key: ")]
    assert len(lines) == 1, stdout
    return lines[0].removeprefix("Recovery key: ")


# -- what the tests check -------------------------------------------------------------------------
PLAIN_HEADER = b"SQLite format 3\x00"


def one_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr and "hmac" not in stderr.lower(), stderr
    return lines[0]


def stakeholders_in(check_stdout: str) -> int:
    """The stakeholder row count ``check`` printed."""
    for line in check_stdout.splitlines():
        parts = line.split()
        if parts[:1] == ["stakeholder"]:
            return int(parts[1].replace(",", ""))
    raise AssertionError(check_stdout)


def unreadable(path: Path) -> None:
    """``path`` holds nothing readable: no SQLite header, none of the planted text, and
    neither Python's sqlite3 nor the sqlite3 program can read it."""
    data = path.read_bytes()
    assert data, path
    assert PLAIN_HEADER not in data, path
    for text in PLANTED:
        assert text.encode() not in data, (path, text)
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    with pytest.raises(sqlite3.DatabaseError, match="not a database"):
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
    con.close()
    program = shutil.which("sqlite3")
    if program and not path.name.endswith("-wal"):
        result = subprocess.run(
            [program, "-readonly", str(path), "SELECT count(*) FROM sqlite_master"],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode != 0 and "not a database" in result.stderr, result


# -- bad input: what is done to an encrypted database, and what it must be told -----------------
def _wrong_passphrase(e: Encrypted) -> list[str | Path]:
    return ["--passphrase-file", write_secret(e.folder.parent / "wrong.txt", "Correct horse")]


def _wrong_recovery_key(e: Encrypted) -> list[str | Path]:
    other = "ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789"
    return ["--recovery-key-file", write_secret(e.folder.parent / "wrong.txt", other)]


def _not_a_recovery_key(e: Encrypted) -> list[str | Path]:
    return ["--recovery-key-file", write_secret(e.folder.parent / "wrong.txt", "hunter2")]


def _damaged_key_file(e: Encrypted) -> list[str | Path]:
    key_file = encryption.key_file(e.db)
    text = key_file.read_text()
    key_file.write_text(text.replace('"ciphertext": "', '"ciphertext": "AAAA', 1))
    return ["--passphrase-file", e.passphrase_file]


def _key_file_gone(e: Encrypted) -> list[str | Path]:
    # Both copies: the one beside the database, and its spare in the backup folder.
    encryption.key_file(e.db).unlink()
    store_encryption.spare_key_file(e.db).unlink()
    return ["--passphrase-file", e.passphrase_file]


def another_databases_key_file(e: Encrypted) -> list[str | Path]:
    other = plant(e.folder.parent / "other" / "other.sqlite")
    made = run_cli("encrypt", "--db", other, "--passphrase-file", e.passphrase_file)
    assert made.returncode == 0, made.stderr
    shutil.copyfile(encryption.key_file(other), encryption.key_file(e.db))
    return ["--passphrase-file", e.passphrase_file]


def _no_terminal_no_secret(e: Encrypted) -> list[str | Path]:
    return []


def _empty_passphrase_file(e: Encrypted) -> list[str | Path]:
    empty = e.folder.parent / "empty.txt"
    empty.write_text("\nthe passphrase is on the first line\n")
    return ["--passphrase-file", empty]


def _missing_passphrase_file(e: Encrypted) -> list[str | Path]:
    return ["--passphrase-file", e.folder.parent / "nowhere.txt"]


def _both_secrets(e: Encrypted) -> list[str | Path]:
    return ["--passphrase-file", e.passphrase_file, "--recovery-key-file", e.recovery_key_file]


#: case -> (what to do to the encrypted database, the words of its line, the exit status).
BAD_INPUT = {
    "wrong passphrase": (_wrong_passphrase, "That passphrase is not the one", 1),
    "wrong recovery key": (_wrong_recovery_key, "That recovery key is not the one", 1),
    "not a recovery key": (_not_a_recovery_key, "A recovery key is 32 letters and digits", 1),
    "damaged key file": (_damaged_key_file, "The key file is damaged", 1),
    "key file gone": (_key_file_gone, "There is no key file at", 1),
    "another database's key file": (another_databases_key_file, "another database", 1),
    "no terminal, no secret": (_no_terminal_no_secret, "there is no terminal to ask on", 2),
    "empty first line": (_empty_passphrase_file, "is empty", 2),
    "missing passphrase file": (_missing_passphrase_file, "cannot read --passphrase-file", 2),
    "both secrets": (_both_secrets, "not both", 2),
}

#: command -> its arguments after ``--db PATH`` (OUT: a folder outside the database's).
COMMANDS: dict[str, list[str]] = {
    "check": [],
    "backup": [],
    "restore": ["--latest"],
    "report": ["--out", "OUT/report.pdf"],
    "export": ["--out", "OUT/all.json"],
    "import": ["OUT/people.vcf"],
    "demo": ["--size", "small"],
    "decrypt": [],
    "change-passphrase": ["--new-passphrase-file", "OUT/new.txt"],
}
#: The cases every command is run with (all of them with ``check``).
EVERY_COMMAND = ("wrong passphrase", "another database's key file", "no terminal, no secret")


def refused(encrypted: Encrypted, command: str, case: str) -> None:
    make, words, code = BAD_INPUT[case]
    out = encrypted.folder.parent / "out"
    out.mkdir()
    (out / "people.vcf").write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ines Moreau\r\nEND:VCARD\r\n")
    write_secret(out / "new.txt", NEW_PASSPHRASE)
    extra = make(encrypted)
    before, outputs = snapshot(encrypted.folder), snapshot(out)
    args = [a.replace("OUT", str(out)) for a in COMMANDS[command]]
    result = run_cli(command, "--db", encrypted.db, *args, *extra)
    assert result.returncode == code, (result.returncode, result.stderr)
    assert words in one_line(result.stderr)
    assert result.stdout == ""
    assert snapshot(encrypted.folder) == before
    assert snapshot(out) == outputs
