"""Secrets on the command line: reading a passphrase or recovery key from a file, asking for
one on the terminal, asking twice for a new passphrase, and showing a new recovery key once.
``cli.opening`` decides when a database needs one (``unlock``); ``encrypt``,
``change-passphrase`` and ``demo`` ask for a new passphrase here.

Secret files (``--passphrase-file``, ``--recovery-key-file``, ``--new-passphrase-file``):
the first line, without its line ending (``\\n`` or ``\\r\\n``), so a passphrase may start or
end with spaces; in a recovery key, spaces and dashes do not count. On a terminal the secret
is asked for with ``getpass`` (not echoed); with no terminal to ask on, and no file, a
command exits 2 with one line rather than wait for input that cannot come.
"""

from __future__ import annotations

import sys
from pathlib import Path

from advisor_planner.cli.common import EXIT_USAGE, Refused


def read_secret(file: Path, option: str) -> str:
    """The first line of ``file`` without its line ending; ``Refused`` (exit 2) when it
    cannot be read or the line is empty."""
    try:
        text = file.expanduser().read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise Refused(f"{option} {file} is not a text file", EXIT_USAGE) from None
    except OSError as exc:
        raise Refused(f"cannot read {option} {file}: {exc.strerror or exc}", EXIT_USAGE) from None
    line = text.partition("\n")[0].removesuffix("\r")
    if not line:
        raise Refused(f"the first line of {option} {file} is empty", EXIT_USAGE)
    return line


def ask_secret(path: Path) -> tuple[str | None, str | None]:
    """A passphrase, or (given an empty one) a recovery key, for the encrypted database at
    ``path``, asked for on the terminal; ``Refused`` (exit 2) without a terminal or an answer."""
    if not sys.stdin.isatty():
        raise Refused(
            f"{path} is encrypted: give --passphrase-file FILE or --recovery-key-file FILE "
            "(there is no terminal to ask on)",
            EXIT_USAGE,
        )
    passphrase = _get(f"Passphrase for {path} (Enter to give the recovery key instead): ")
    if passphrase:
        return passphrase, None
    recovery = _get("Recovery key: ")
    if not recovery.strip():
        raise Refused("no passphrase or recovery key given; nothing was done", EXIT_USAGE)
    return None, recovery


def new_passphrase(file: Path | None, option: str) -> str:
    """A new passphrase: the first line of ``file``, else asked twice on the terminal;
    ``Refused`` (exit 2) without either, for an empty one, or when the two differ."""
    if file is not None:
        return read_secret(file, option)
    if not sys.stdin.isatty():
        raise Refused(
            f"give the new passphrase with {option} FILE (there is no terminal to ask on)",
            EXIT_USAGE,
        )
    first = _get("New passphrase: ")
    if not first:
        raise Refused("the passphrase cannot be empty; nothing was done", EXIT_USAGE)
    if _get("The same passphrase again: ") != first:
        raise Refused("the two passphrases differ; nothing was done", EXIT_USAGE)
    return first


def _get(prompt: str) -> str:
    import getpass

    try:
        return getpass.getpass(prompt)
    except EOFError:  # Ctrl-D: nothing given
        return ""


def show_recovery_key(path: Path, recovery_key: str) -> None:
    """The recovery key of the database just encrypted, printed this once, with what to do
    with it and with the key file."""
    from advisor_planner.services import encryption

    print(f"Recovery key: {recovery_key}")
    print(
        "Keep the recovery key safe, away from this computer (on paper, or in a password "
        "manager): it opens the database if the passphrase is lost, and it is not shown again."
    )
    print(
        f"Keep {encryption.key_file(path)} beside the database (a spare copy is in its "
        "backup folder): without a key file neither the passphrase nor the recovery key "
        "opens it."
    )
