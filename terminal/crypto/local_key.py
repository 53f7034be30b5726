"""The terminal's local wrapping key, for the few secrets the terminal itself
must read back (the enrolment secret that signs requests and receipt QRs).

The key lives in its own file (mode 0600) beside the store, so a copy of the
database alone does not reveal the secret. Personal data is never wrapped
with this key: it is sealed to the platform and unreadable here.
"""

from __future__ import annotations

import secrets
from pathlib import Path

from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

from terminal.crypto.key_file import create_key_file, read_key_file

_KEY_LEN = 32
_NONCE_LEN = 12


class LocalKey:
    def __init__(self, key: bytes) -> None:
        self._aead = ChaCha20Poly1305(key)

    @classmethod
    def load_or_create(cls, path: Path) -> LocalKey:
        """Read the key file, creating it (0600, fsynced) on first start."""
        key = read_key_file(path, _KEY_LEN)
        return cls(key if key is not None else create_key_file(path, _KEY_LEN))

    def wrap(self, secret: bytes, label: bytes) -> bytes:
        nonce = secrets.token_bytes(_NONCE_LEN)
        return nonce + self._aead.encrypt(nonce, secret, label)

    def unwrap(self, wrapped: bytes, label: bytes) -> bytes:
        return self._aead.decrypt(wrapped[:_NONCE_LEN], wrapped[_NONCE_LEN:], label)
