"""Fixtures for the command-line tests of encrypted databases: a plain database with planted
names and notes and a backup, and the same database encrypted by ``advisor-planner encrypt``.

Encrypting takes an Argon2id derivation (0.3-0.5 s here), so the encrypted database is made
once per session and copied for each test; a key file does not name its database's path,
so the copy opens with the same secrets.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from encryption_support import (
    PASSPHRASE,
    Encrypted,
    plant,
    recovery_key_in,
    run_cli,
    write_secret,
)


@pytest.fixture(scope="session")
def encrypted_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A planted database encrypted by ``advisor-planner encrypt`` once, and its recovery key."""
    base = tmp_path_factory.mktemp("encrypted-template")
    db = plant(base / "data" / "planner.sqlite")
    secret = write_secret(base / "secrets" / "passphrase.txt", PASSPHRASE)
    result = run_cli("encrypt", "--db", db, "--passphrase-file", secret)
    assert result.returncode == 0, result.stderr
    return db.parent, recovery_key_in(result.stdout)


@pytest.fixture
def encrypted(tmp_path: Path, encrypted_template: tuple[Path, str]) -> Encrypted:
    """This test's copy of the encrypted database, its backups and key file."""
    folder, recovery = encrypted_template
    shutil.copytree(folder, tmp_path / "data")
    secrets = tmp_path / "secrets"
    return Encrypted(
        db=tmp_path / "data" / "planner.sqlite",
        passphrase_file=write_secret(secrets / "passphrase.txt", PASSPHRASE),
        recovery_key_file=write_secret(secrets / "recovery.txt", recovery),
        recovery_key=recovery,
    )


@pytest.fixture
def plain(tmp_path: Path) -> Path:
    """A plain planted database (closed) in this test's data folder."""
    return plant(tmp_path / "data" / "planner.sqlite")
