"""An encrypted database's key file: wrapped twice, unlocked by passphrase or recovery key,
rewrapped on a passphrase change, and every bad secret or bad file told apart in a sentence."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from advisor_planner.store import keys
from advisor_planner.store.keys import (
    Argon2Parameters,
    DamagedKeyFileError,
    KeyFile,
    KeyFileError,
    WrongSecretError,
)

#: Cheap stretching for the tests (the real defaults take half a second each time).
FAST = Argon2Parameters(time_cost=1, memory_kib=8 * 1024, parallelism=1)


@pytest.fixture
def made() -> tuple[bytes, str, KeyFile]:
    return keys.new_key_file("correct horse battery staple", parameters=FAST)


def test_both_secrets_unlock_the_same_random_key(made) -> None:
    key, recovery, key_file = made
    assert len(key) == 32
    assert key_file.unlock_with_passphrase("correct horse battery staple") == key
    assert key_file.unlock_with_recovery_key(recovery) == key
    other_key, _, _ = keys.new_key_file("correct horse battery staple", parameters=FAST)
    assert other_key != key


def test_a_wrong_passphrase_or_recovery_key_is_said_plainly(made) -> None:
    _, recovery, key_file = made
    with pytest.raises(WrongSecretError, match="That passphrase is not the one"):
        key_file.unlock_with_passphrase("Correct horse battery staple")
    other = keys.new_recovery_key()
    assert other != recovery
    with pytest.raises(WrongSecretError, match="That recovery key is not the one"):
        key_file.unlock_with_recovery_key(other)
    with pytest.raises(WrongSecretError, match="32 letters and digits in groups of 4"):
        key_file.unlock_with_recovery_key("not a key")


def test_a_recovery_key_reads_however_it_was_typed(made) -> None:
    key, recovery, key_file = made
    assert len(recovery) == 39 and recovery.count("-") == 7
    typed = recovery.lower().replace("-", " ").replace("0", "o").replace("1", "l")
    assert key_file.unlock_with_recovery_key(typed) == key


def test_changing_the_passphrase_rewraps_the_same_key(made) -> None:
    key, recovery, key_file = made
    changed = key_file.with_passphrase(key, "a new passphrase")
    assert changed.unlock_with_passphrase("a new passphrase") == key
    assert changed.unlock_with_recovery_key(recovery) == key
    with pytest.raises(WrongSecretError):
        changed.unlock_with_passphrase("correct horse battery staple")
    with pytest.raises(ValueError):
        key_file.with_passphrase(key, "")


def test_the_file_round_trips_owner_only_and_holds_no_key(made, tmp_path: Path) -> None:
    key, recovery, key_file = made
    path = keys.key_file_path(tmp_path / "advisor.sqlite")
    assert not list(tmp_path.glob(".*.part"))
    assert path.name == "advisor.sqlite.keys"
    keys.write_key_file(path, key_file.for_database(b"S" * 16))
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    raw = path.read_bytes()
    assert key not in raw and key.hex().encode() not in raw
    assert recovery.encode() not in raw
    again = keys.read_key_file(path)
    assert again == key_file.for_database(b"S" * 16)
    assert again.unlock_with_recovery_key(recovery) == key
    assert again.belongs_to(b"S" * 16) and not again.belongs_to(b"T" * 16)
    assert [p.name for p in tmp_path.glob("*.keys*")] == [path.name]
    assert not list(tmp_path.glob(".*.part"))  # no temporary left


def test_the_argon2_parameters_are_kept_so_they_can_be_raised_later(made) -> None:
    _, _, key_file = made
    body = json.loads(key_file.to_json())
    assert body["argon2id"] == {"time_cost": 1, "memory_kib": 8192, "parallelism": 1}
    assert KeyFile.from_json(key_file.to_json()).argon2 == FAST


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: text[: len(text) // 2],  # cut short
        lambda text: "",  # emptied
        lambda text: "{}",
        lambda text: text.replace('"version": 1', '"version": 7'),
        lambda text: text.replace('"time_cost": 1', '"time_cost": 0'),
        lambda text: json.dumps({**json.loads(text), "database_salt": "AAAA"}),
    ],
    ids=["cut", "empty", "other-json", "version", "parameters", "edited"],
)
def test_a_damaged_key_file_is_told_from_a_wrong_secret(made, tmp_path: Path, damage) -> None:
    _, _, key_file = made
    path = tmp_path / "db.keys"
    path.write_text(damage(key_file.to_json()), encoding="utf-8")
    with pytest.raises(DamagedKeyFileError, match="damaged or is not an Advisor Planner key"):
        keys.read_key_file(path)


def test_a_changed_ciphertext_no_longer_unlocks(made) -> None:
    _, _, key_file = made
    body = json.loads(key_file.to_json())
    body.pop("check")
    flipped = bytearray(keys._unb64(body["passphrase"]["ciphertext"]))
    flipped[0] ^= 1
    body["passphrase"]["ciphertext"] = keys._b64(bytes(flipped))
    body["check"] = keys._checksum(body)  # as if rewritten by someone who knew the format
    tampered = KeyFile.from_json(json.dumps(body))
    with pytest.raises(WrongSecretError):
        tampered.unlock_with_passphrase("correct horse battery staple")


def test_a_missing_or_binary_key_file_is_one_sentence(tmp_path: Path) -> None:
    with pytest.raises(KeyFileError, match="There is no key file at"):
        keys.read_key_file(tmp_path / "none.keys")
    binary = tmp_path / "binary.keys"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(DamagedKeyFileError):
        keys.read_key_file(binary)
