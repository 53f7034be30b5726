"""Terminal secrets at rest: AES-256-GCM under a key file in the data directory.

The database alone (a dump, a PostgreSQL replica) does not reveal any terminal's
HMAC secret. Several central processes sharing one database must share this file.
"""

from __future__ import annotations

import secrets
from pathlib import Path

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from central.local_keys import load_or_create_key

_NONCE_LEN = 12
_KEY_LEN = 32


class SecretBox:
    """Seals and opens terminal secrets, bound to the terminal id."""

    def __init__(self, key_path: Path) -> None:
        self._aead = AESGCM(load_or_create_key(key_path, _KEY_LEN))

    def seal(self, terminal_id: str, secret: bytes) -> bytes:
        """nonce || AES-GCM(secret), with the terminal id as associated data."""
        nonce = secrets.token_bytes(_NONCE_LEN)
        return nonce + self._aead.encrypt(nonce, secret, terminal_id.encode())

    def open(self, terminal_id: str, sealed: bytes) -> bytes:
        """The secret sealed for ``terminal_id``."""
        return self._aead.decrypt(sealed[:_NONCE_LEN], sealed[_NONCE_LEN:], terminal_id.encode())
