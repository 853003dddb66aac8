"""Fixtures the UI tests share: the context every section and dialog is given, encrypted
databases and keychains."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail
from keyring.errors import PasswordDeleteError
from PySide6.QtCore import QSettings

from advisor_planner.ui.context import AppContext


@pytest.fixture
def context(db, tmp_path: Path) -> AppContext:
    """A fresh undo stack, data-changed signal and settings file, over the test database."""
    return AppContext(settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))


# -- encrypted databases and keychains ------------------------------------------------------

#: Argon2id made cheap for the databases the tests encrypt themselves (the app's own
#: parameters take half a second per unlock; the flows under test use those).
CHEAP_ARGON2 = {"time_cost": 1, "memory_kib": 8 * 1024, "parallelism": 1}
PASSPHRASE = "correct horse battery staple"
PLANTED = "Ada Lovelace"


@pytest.fixture
def passphrase() -> str:
    """The passphrase ``encrypted_db`` is encrypted under."""
    return PASSPHRASE


@pytest.fixture
def planted() -> str:
    """The stakeholder ``plain_db`` (and so ``encrypted_db``) holds."""
    return PLANTED


@pytest.fixture
def plain_db(db_path: Path) -> Iterator[Path]:
    """A closed, plain database holding one stakeholder (``PLANTED``); locked again after."""
    from advisor_planner.services import encryption, stakeholders
    from advisor_planner.store.connection import close_database
    from advisor_planner.store.opening import init_db

    init_db(db_path)
    stakeholders.create(name=PLANTED)
    close_database()
    yield db_path
    close_database()
    encryption.lock(db_path)


@pytest.fixture
def encrypted_db(plain_db: Path) -> tuple[Path, str]:
    """``plain_db`` encrypted under ``PASSPHRASE`` and locked: (its path, its recovery key)."""
    from advisor_planner.services import encryption
    from advisor_planner.store import encryption as store_encryption
    from advisor_planner.store.keys import Argon2Parameters

    recovery = store_encryption.encrypt(
        plain_db, PASSPHRASE, parameters=Argon2Parameters(**CHEAP_ARGON2)
    )
    encryption.lock(plain_db)
    return plain_db, recovery


class MemoryKeyring(KeyringBackend):
    """A keychain that keeps its secrets in this process (the real ones run in CI only)."""

    priority = 1  # (keyring declares it a class property; a number does as well)

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.secrets.pop((service, username), None) is None:
            raise PasswordDeleteError(username)


def _with_keyring(backend: KeyringBackend) -> Iterator[KeyringBackend]:
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


@pytest.fixture
def no_keychain() -> Iterator[KeyringBackend]:
    """No keychain runs (as on a machine without Secret Service), whatever this one has."""
    yield from _with_keyring(fail.Keyring())


@pytest.fixture
def memory_keychain() -> Iterator[KeyringBackend]:
    yield from _with_keyring(MemoryKeyring())
