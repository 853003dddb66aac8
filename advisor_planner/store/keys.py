"""The key of an encrypted database: one random key, kept wrapped twice in a file beside it.

An encrypted database (SQLCipher) is keyed with a random 256-bit key, given to SQLCipher raw,
so opening it costs no key derivation of SQLCipher's own. The key is never stored as it is:
``<database>.keys`` holds it wrapped (AES-256-GCM) twice,

- once under a key derived from the passphrase with Argon2id, whose parameters are in the
  file so a later version can raise them (rewrapping on the next passphrase change); with
  the defaults here (3 passes over 128 MiB, 2 lanes) deriving takes 0.3–0.5 s on a 2-core
  machine, within the 0.3–1 s a person waits for an unlock;
- once under the recovery key, 160 random bits shown once as eight groups of four letters and
  digits (Crockford's base 32: no I, L, O or U to misread); it has full entropy, so HKDF is
  enough to turn it into a wrapping key.

Changing the passphrase rewraps the key; the database is not re-encrypted. Why a file and not
a table in the database: SQLCipher encrypts every page, the header included, so nothing in
the database can be read before it is unlocked. The file records the database's SQLCipher
salt (its first 16 bytes) so a key file that belongs to another database is told apart from
a wrong passphrase, and a checksum over its contents tells a damaged file from a wrong
secret. It holds nothing secret in the clear: without the passphrase or the recovery key it
is as useless as the database.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import secrets
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from advisor_planner import atomic
from advisor_planner.translation import translate

FORMAT = "advisor-planner-keys"
VERSION = 1
KEY_BYTES = 32
SALT_BYTES = 16
NONCE_BYTES = 12
DATABASE_SALT_BYTES = 16  # SQLCipher keeps its salt in the file's first 16 bytes
#: Crockford's base 32: digits and letters without I, L, O and U.
RECOVERY_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
RECOVERY_GROUPS = 8
RECOVERY_GROUP_SIZE = 4  # 32 characters of 5 bits: 160 bits
_MISREAD = str.maketrans({"O": "0", "I": "1", "L": "1"})


def _DAMAGED() -> str:  # noqa: N802 - reads as the sentence it gives
    return translate("Storage", "The key file is damaged or is not an Advisor Planner key file")


class KeyFileError(Exception):
    """The key file cannot be used; the message is one sentence for a person."""


class WrongSecretError(KeyFileError):
    """The passphrase or recovery key does not open this key file."""


class DamagedKeyFileError(KeyFileError):
    """The key file is not one we wrote, or has been changed since."""


@dataclass(frozen=True, slots=True)
class Argon2Parameters:
    """How hard a passphrase is stretched; stored with each file, so they can be raised."""

    time_cost: int = 3
    memory_kib: int = 128 * 1024
    parallelism: int = 2

    def derive(self, passphrase: str, salt: bytes) -> bytes:
        return hash_secret_raw(
            passphrase.encode("utf-8"),
            salt,
            time_cost=self.time_cost,
            memory_cost=self.memory_kib,
            parallelism=self.parallelism,
            hash_len=KEY_BYTES,
            type=Type.ID,
        )


@dataclass(frozen=True, slots=True)
class WrappedKey:
    """The database key encrypted under one secret: the salt the secret was stretched
    with, the nonce and the ciphertext (which carries its GCM tag)."""

    salt: bytes
    nonce: bytes
    ciphertext: bytes


@dataclass(frozen=True, slots=True)
class KeyFile:
    """What ``<database>.keys`` holds."""

    argon2: Argon2Parameters
    passphrase: WrappedKey
    recovery: WrappedKey
    database_salt: bytes | None = None  # None until the database is first written

    # -- unlocking -----------------------------------------------------------------------------
    def unlock_with_passphrase(self, passphrase: str) -> bytes:
        kek = self.argon2.derive(passphrase, self.passphrase.salt)
        refusal = translate("Storage", "That passphrase is not the one for this database")
        return _unwrap(self.passphrase, kek, "passphrase", refusal)

    def unlock_with_recovery_key(self, recovery_key: str) -> bytes:
        raw = recovery_key_bytes(recovery_key)
        kek = _recovery_kek(raw, self.recovery.salt)
        refusal = translate("Storage", "That recovery key is not the one for this database")
        return _unwrap(self.recovery, kek, "recovery", refusal)

    # -- changing ------------------------------------------------------------------------------
    def with_passphrase(self, key: bytes, passphrase: str) -> KeyFile:
        """This file with ``key`` rewrapped under a new passphrase (the recovery key stays)."""
        return replace(self, passphrase=_wrap_with_passphrase(key, passphrase, self.argon2))

    def for_database(self, database_salt: bytes) -> KeyFile:
        return replace(self, database_salt=database_salt)

    def belongs_to(self, database_salt: bytes) -> bool:
        """Whether this file was made for the database whose first 16 bytes are given."""
        return self.database_salt is None or self.database_salt == database_salt

    # -- the file ------------------------------------------------------------------------------
    def to_json(self) -> str:
        body = self._body()
        body["check"] = _checksum(body)
        return json.dumps(body, indent=2, sort_keys=True) + "\n"

    def _body(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "version": VERSION,
            "argon2id": asdict(self.argon2),
            "passphrase": _slot_json(self.passphrase),
            "recovery": _slot_json(self.recovery),
            "database_salt": _b64(self.database_salt) if self.database_salt else None,
        }

    @classmethod
    def from_json(cls, text: str) -> KeyFile:
        try:
            body = json.loads(text)
            if not isinstance(body, dict) or body.get("format") != FORMAT:
                raise ValueError("not a key file")
            if body.get("version") != VERSION:
                raise ValueError(f"version {body.get('version')!r}")
            check = body.pop("check", None)
            if check != _checksum(body):
                raise ValueError("checksum")
            argon = body["argon2id"]
            salt = body["database_salt"]
            return cls(
                argon2=Argon2Parameters(
                    time_cost=_positive(argon["time_cost"]),
                    memory_kib=_positive(argon["memory_kib"]),
                    parallelism=_positive(argon["parallelism"]),
                ),
                passphrase=_slot_from_json(body["passphrase"]),
                recovery=_slot_from_json(body["recovery"]),
                database_salt=_unb64(salt, DATABASE_SALT_BYTES) if salt is not None else None,
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise DamagedKeyFileError(_DAMAGED()) from exc


def new_key_file(
    passphrase: str, *, parameters: Argon2Parameters | None = None
) -> tuple[bytes, str, KeyFile]:
    """A fresh database key, its recovery key (to show once) and the file holding both."""
    parameters = parameters or Argon2Parameters()
    key = secrets.token_bytes(KEY_BYTES)
    recovery = new_recovery_key()
    salt = secrets.token_bytes(SALT_BYTES)
    recovery_slot = _wrap(key, _recovery_kek(recovery_key_bytes(recovery), salt), salt, "recovery")
    keys = KeyFile(
        argon2=parameters,
        passphrase=_wrap_with_passphrase(key, passphrase, parameters),
        recovery=recovery_slot,
    )
    return key, recovery, keys


def key_file_path(database: Path) -> Path:
    """Where the key file of ``database`` lives: beside it, ``<name>.keys``."""
    return database.with_name(database.name + ".keys")


def read_key_file(path: Path) -> KeyFile:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise KeyFileError(
            translate("Storage", "There is no key file at {0}").format(path)
        ) from None
    except UnicodeDecodeError:
        raise DamagedKeyFileError(_DAMAGED()) from None
    return KeyFile.from_json(text)


def write_key_file(path: Path, keys: KeyFile) -> None:
    """Write ``keys`` to ``path`` whole or not at all, readable by its owner only."""
    with atomic.replacing(path) as temporary:
        os.chmod(temporary, 0o600)  # before a byte is written
        temporary.write_text(keys.to_json(), encoding="utf-8")


# -- recovery keys ---------------------------------------------------------------------------------
def new_recovery_key() -> str:
    """160 random bits as ``XXXX-XXXX-…`` (eight groups of four)."""
    chars = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(32))
    size = RECOVERY_GROUP_SIZE
    return "-".join(chars[i : i + size] for i in range(0, len(chars), size))


def recovery_key_bytes(text: str) -> bytes:
    """The 20 bytes a recovery key stands for, however it was typed (case, spaces, dashes,
    O for 0, I or L for 1); ``WrongSecretError`` if it cannot be one."""
    cleaned = "".join(text.split()).replace("-", "").upper().translate(_MISREAD)
    length = RECOVERY_GROUPS * RECOVERY_GROUP_SIZE
    if len(cleaned) != length or any(c not in RECOVERY_ALPHABET for c in cleaned):
        raise WrongSecretError(
            translate(
                "Storage",
                "A recovery key is {0} letters and digits in groups of {1}; that is not one",
            ).format(length, RECOVERY_GROUP_SIZE)
        )
    number = 0
    for char in cleaned:
        number = number * 32 + RECOVERY_ALPHABET.index(char)
    return number.to_bytes(length * 5 // 8, "big")


# -- wrapping --------------------------------------------------------------------------------------
def _wrap_with_passphrase(key: bytes, passphrase: str, parameters: Argon2Parameters) -> WrappedKey:
    if not passphrase:
        raise ValueError("a passphrase cannot be empty")
    salt = secrets.token_bytes(SALT_BYTES)
    return _wrap(key, parameters.derive(passphrase, salt), salt, "passphrase")


def _recovery_kek(raw: bytes, salt: bytes) -> bytes:
    hkdf = HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=salt, info=b"recovery")
    return hkdf.derive(raw)


def _wrap(key: bytes, kek: bytes, salt: bytes, slot: str) -> WrappedKey:
    nonce = secrets.token_bytes(NONCE_BYTES)
    return WrappedKey(salt, nonce, AESGCM(kek).encrypt(nonce, key, _slot_label(slot)))


def _unwrap(wrapped: WrappedKey, kek: bytes, slot: str, refusal: str) -> bytes:
    try:
        key = AESGCM(kek).decrypt(wrapped.nonce, wrapped.ciphertext, _slot_label(slot))
    except InvalidTag:
        raise WrongSecretError(refusal) from None
    if len(key) != KEY_BYTES:  # (a file we wrote always holds 32)
        raise DamagedKeyFileError(
            translate("Storage", "The key file holds a key of the wrong size")
        )
    return key


def _slot_label(slot: str) -> bytes:
    # Bound into each ciphertext: a slot cannot be moved to the other's place.
    return f"{FORMAT}/{VERSION}/{slot}".encode()


# -- the file's fields -----------------------------------------------------------------------------
def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: object, size: int | None = None) -> bytes:
    if not isinstance(text, str):
        raise ValueError("expected base64 text")
    data = base64.b64decode(text, validate=True)
    if size is not None and len(data) != size:
        raise ValueError(f"expected {size} bytes")
    return data


def _positive(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ValueError("expected a positive whole number")
    return value


def _slot_json(wrapped: WrappedKey) -> dict[str, str]:
    return {
        "salt": _b64(wrapped.salt),
        "nonce": _b64(wrapped.nonce),
        "ciphertext": _b64(wrapped.ciphertext),
    }


def _slot_from_json(slot: object) -> WrappedKey:
    if not isinstance(slot, dict):
        raise ValueError("expected a slot")
    return WrappedKey(
        salt=_unb64(slot["salt"], SALT_BYTES),
        nonce=_unb64(slot["nonce"], NONCE_BYTES),
        ciphertext=_unb64(slot["ciphertext"], KEY_BYTES + 16),
    )


def _checksum(body: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()
