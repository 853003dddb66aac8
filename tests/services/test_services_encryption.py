"""Encryption through services, as the app and the command line use it (real SQLCipher)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from advisor_planner.services import encryption, session, stakeholders
from advisor_planner.store import cipher
from advisor_planner.store.connection import close_database
from advisor_planner.store.opening import init_db


@pytest.fixture
def closed(db_path: Path) -> Iterator[Path]:
    init_db(db_path)
    stakeholders.create(name="Ada Lovelace")
    close_database()
    yield db_path
    close_database()
    encryption.lock(db_path)


def _names(path: Path) -> list[str]:
    with session.opened(path):
        return [person.name for person in stakeholders.list_all()]


def test_a_database_goes_encrypted_locked_unlocked_and_plain_again(closed: Path) -> None:
    assert not encryption.is_encrypted(closed)
    with session.locked(closed, "encrypt"):
        recovery = encryption.encrypt(closed, "my words")
    assert encryption.is_encrypted(closed) and encryption.is_unlocked(closed)
    encryption.lock(closed)
    with pytest.raises(session.CannotOpen, match="is encrypted: unlock it"):
        _names(closed)
    encryption.unlock(closed, recovery_key=recovery)
    assert _names(closed) == ["Ada Lovelace"]
    with session.locked(closed, "change passphrase"):
        encryption.change_passphrase(closed, "other words")
    encryption.lock(closed)
    with pytest.raises(encryption.WrongSecretError):
        encryption.unlock(closed, passphrase="my words")
    encryption.unlock(closed, passphrase="other words")
    with session.locked(closed, "decrypt"):
        encryption.decrypt(closed)
    assert not encryption.is_encrypted(closed) and not encryption.is_unlocked(closed)
    assert _names(closed) == ["Ada Lovelace"]


def test_an_empty_passphrase_and_a_locked_database_are_refused_in_a_sentence(
    closed: Path,
) -> None:
    with pytest.raises(encryption.EncryptionError, match="cannot be empty"):
        encryption.encrypt(closed, "")
    with session.locked(closed, "encrypt"):
        encryption.encrypt(closed, "my words")
    encryption.lock(closed)
    with pytest.raises(encryption.LockedDatabaseError, match="give its passphrase"):
        encryption.change_passphrase(closed, "new words")


def test_without_a_keychain_remembering_is_refused_with_the_reason(closed: Path) -> None:
    reason = encryption.keychain_status()
    if not reason:
        pytest.skip("a keychain is running here, so there is no refusal to see")
    assert "keychain" in reason.lower()
    assert encryption.unlock_from_keychain(closed) is False


def test_the_current_secret_is_checked_against_the_key_file_alone(closed: Path) -> None:
    with session.locked(closed, "encrypt"):
        recovery = encryption.encrypt(closed, "my words")
    with session.opened(closed, writing="test"):
        assert encryption.open_database_encrypted()
        encryption.check_secret(closed, passphrase="my words")  # while the database is open
        encryption.check_secret(closed, recovery_key=recovery.lower())
        with pytest.raises(encryption.WrongSecretError):
            encryption.check_secret(closed, passphrase="other words")


def test_a_locked_database_is_not_opened_by_the_start_up_check(closed: Path) -> None:
    with session.locked(closed, "encrypt"):
        encryption.encrypt(closed, "my words")
    encryption.lock(closed)
    outcome = session.check_and_migrate(closed)
    assert outcome.verdict is session.Verdict.LOCKED and outcome.db is None
    assert "is encrypted" in outcome.sentence


def test_a_copy_kept_elsewhere_is_read_with_the_database_key(closed: Path, tmp_path: Path) -> None:
    plain_copy = session.back_up(closed, tmp_path / "before.sqlite")
    with session.locked(closed, "encrypt"):
        encryption.encrypt(closed, "my words")
    assert encryption.key_file(closed).exists()
    copy = session.back_up(closed, tmp_path / "usb" / "copy.sqlite")
    encryption.lock(closed)
    encryption.lock(copy)
    encryption.unlock(closed, passphrase="my words")
    assert encryption.unlock_copy(closed, copy) is True
    assert encryption.unlock_copy(closed, plain_copy) is False
    with session.locked(closed, "restore"):
        session.restore_from(copy, closed)
    assert _names(closed) == ["Ada Lovelace"]


def test_the_keychain_is_asked_only_for_a_database_whose_key_was_remembered_here(
    closed: Path, memory_keychain
) -> None:
    """Start-up does not wait for ``keyring`` (up to a second to load) unless this computer
    kept the database's key: a note in the user's data folder says which databases those are."""
    with session.locked(closed, "encrypt"):
        encryption.encrypt(closed, "my words")
    key = cipher.key_for(closed)
    assert key
    account = str(closed.resolve())
    # In the keychain, but not put there by this app on this computer: not asked.
    memory_keychain.set_password(encryption.KEYCHAIN_SERVICE, account, key.hex())
    encryption.lock(closed)
    assert not encryption.remembered_here(closed)
    assert encryption.unlock_from_keychain(closed) is False
    encryption.unlock(closed, passphrase="my words")
    encryption.remember(closed)
    note = encryption.user_data_dir() / encryption.REMEMBERED_FILE_NAME
    assert note.read_text(encoding="utf-8").splitlines() == [account]
    encryption.lock(closed)
    assert encryption.unlock_from_keychain(closed) is True
    # Taken out of the keychain by other means: the note follows.
    memory_keychain.delete_password(encryption.KEYCHAIN_SERVICE, account)
    encryption.lock(closed)
    assert encryption.unlock_from_keychain(closed) is False
    assert not encryption.remembered_here(closed)
    assert note.read_text(encoding="utf-8") == ""
