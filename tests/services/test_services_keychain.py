"""Remembering a database's key in the OS keychain (a real Secret Service: `.ci/run` starts
gnome-keyring inside dbus-run-session; where none runs, these are skipped with the reason)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from advisor_planner.services import encryption, session, stakeholders
from advisor_planner.store import cipher
from advisor_planner.store import encryption as store_encryption
from advisor_planner.store.connection import close_database
from advisor_planner.store.opening import init_db

NO_KEYCHAIN = encryption.keychain_status()
pytestmark = pytest.mark.skipif(bool(NO_KEYCHAIN), reason=NO_KEYCHAIN or "keychain")


@pytest.fixture
def encrypted(db_path: Path) -> Iterator[Path]:
    init_db(db_path)
    stakeholders.create(name="Ada Lovelace")
    close_database()
    with session.locked(db_path, "encrypt"):
        encryption.encrypt(db_path, "my words")
    yield db_path
    close_database()
    encryption.forget_remembered(db_path)
    encryption.lock(db_path)


def _names(path: Path) -> list[str]:
    with session.opened(path):
        return [person.name for person in stakeholders.list_all()]


def test_a_remembered_key_unlocks_without_the_passphrase(encrypted: Path) -> None:
    encryption.remember(encrypted)
    encryption.lock(encrypted)
    assert not encryption.is_unlocked(encrypted)
    assert encryption.unlock_from_keychain(encrypted) is True
    assert _names(encrypted) == ["Ada Lovelace"]


def test_a_forgotten_key_is_not_there(encrypted: Path) -> None:
    encryption.remember(encrypted)
    encryption.forget_remembered(encrypted)
    encryption.lock(encrypted)
    assert encryption.unlock_from_keychain(encrypted) is False
    assert not encryption.is_unlocked(encrypted)


def test_a_remembered_key_that_no_longer_opens_is_dropped(encrypted: Path) -> None:
    encryption.remember(encrypted)
    old_key = cipher.key_for(encrypted)
    assert old_key
    with session.locked(encrypted, "re-encrypt"):
        # Decrypted behind the keychain's back (the app's decrypt forgets it), then
        # encrypted again: a new key, and the keychain still holds the old one.
        store_encryption.decrypt(encrypted, old_key)
        encryption.encrypt(encrypted, "new words")
    encryption.lock(encrypted)
    assert encryption.unlock_from_keychain(encrypted) is False
    assert not encryption.is_unlocked(encrypted)
    encryption.unlock(encrypted, passphrase="new words")
    assert _names(encrypted) == ["Ada Lovelace"]
