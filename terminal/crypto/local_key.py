"""The terminal's local wrapping key, for the few secrets the terminal itself
must read back (the enrolment secret that signs requests and receipt QRs).

The key lives beside the store, sealed to the TPM where one answers, else in its
own file (mode 0600): crypto/key_protection.py. So a copy of the database alone
does not reveal the secret, and with a TPM neither does a copy of the whole disk.
Personal data is never wrapped with this key: it is sealed to the platform and
unreadable here.
"""

from __future__ import annotations

import secrets
from pathlib import Path

from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

from terminal.crypto.key_protection import KeyProtection, load_key

_KEY_LEN = 32
_NONCE_LEN = 12


class LocalKey:
    def __init__(self, key: bytes) -> None:
        self._aead = ChaCha20Poly1305(key)

    @classmethod
    def load_or_create(cls, path: Path, protection: KeyProtection | None = None) -> LocalKey:
        """Read the key (unsealing or sealing it as ``protection`` says), creating it
        on first start. KeyUnavailable: it is sealed to a TPM that cannot give it."""
        key = load_key(path, _KEY_LEN, protection or KeyProtection(), create=True)
        assert key is not None
        return cls(key)

    def wrap(self, secret: bytes, label: bytes) -> bytes:
        nonce = secrets.token_bytes(_NONCE_LEN)
        return nonce + self._aead.encrypt(nonce, secret, label)

    def unwrap(self, wrapped: bytes, label: bytes) -> bytes:
        return self._aead.decrypt(wrapped[:_NONCE_LEN], wrapped[_NONCE_LEN:], label)
