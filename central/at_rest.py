"""Citizen data at rest: each record encrypted under its own data key (envelope encryption).

A record (an opened payload, an attachment file) is encrypted with a fresh random data
key; the data key is wrapped by a key-encryption key (KEK, central/kek.py) that is kept
outside the database. What is stored per record: the cipher ``alg``, the KEK's id and
the wrapped data key (table ``data_keys``), and ``nonce || ciphertext`` (the record).

Associated data binds a ciphertext to its record: ``kind`` (``payload``,
``attachment``) and the record's id. A ciphertext moved to another record, altered,
or opened with another alg fails with ``AtRestError`` and never yields clear text.

Ciphers are looked up by ``alg``, so another one (SM4-GCM for a 国密 deployment) is one
more entry in ``CIPHERS``; records keep the alg they were written with.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

ALG_AES_256_GCM = "aes-256-gcm"
DEFAULT_ALG = ALG_AES_256_GCM
NONCE_LEN = 12
AAD_PREFIX = b"mashangban-central/at-rest/v1"


class AtRestError(Exception):
    """A record could not be decrypted: tampered, moved, or its key is missing.

    The message names the record's kind and id only, never any of its content."""


@dataclass(frozen=True)
class Cipher:
    """An AEAD: its key length and how to make it from a key."""

    key_len: int
    make: Callable[[bytes], AESGCM]


CIPHERS: dict[str, Cipher] = {ALG_AES_256_GCM: Cipher(32, AESGCM)}


def cipher_for(alg: str) -> Cipher:
    """The cipher named ``alg``; AtRestError for an alg this central does not know."""
    cipher = CIPHERS.get(alg)
    if cipher is None:
        raise AtRestError(f"unknown at-rest cipher {alg!r}")
    return cipher


def associated_data(kind: str, record_id: str, alg: str) -> bytes:
    """What a record's ciphertext is bound to (also used when wrapping its data key)."""
    return b"|".join((AAD_PREFIX, alg.encode(), kind.encode(), record_id.encode()))


def new_data_key(alg: str = DEFAULT_ALG) -> bytes:
    """Fresh random key material for one record."""
    return secrets.token_bytes(cipher_for(alg).key_len)


@dataclass(frozen=True)
class RecordKey:
    """The clear data key of one record, bound to it; lives only in memory."""

    kind: str
    record_id: str
    alg: str
    key: bytes

    def _aad(self) -> bytes:
        return associated_data(self.kind, self.record_id, self.alg)

    def encrypt(self, plaintext: bytes) -> bytes:
        """``nonce || ciphertext`` of ``plaintext``, with a fresh random nonce."""
        nonce = secrets.token_bytes(NONCE_LEN)
        return nonce + cipher_for(self.alg).make(self.key).encrypt(nonce, plaintext, self._aad())

    def decrypt(self, blob: bytes) -> bytes:
        """The clear text of ``blob``; AtRestError when it was not made for this record."""
        if len(blob) <= NONCE_LEN:
            raise AtRestError(f"{self.kind} {self.record_id}: ciphertext is truncated")
        aead = cipher_for(self.alg).make(self.key)
        try:
            return aead.decrypt(blob[:NONCE_LEN], blob[NONCE_LEN:], self._aad())
        except InvalidTag:
            raise AtRestError(
                f"{self.kind} {self.record_id} does not decrypt: altered, moved or wrong key"
            ) from None
