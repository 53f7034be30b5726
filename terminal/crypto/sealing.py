"""Sealing personal data to the platform's public key (sync-protocol.md §1).

RFC 9180 HPKE, base mode, X25519 / HKDF-SHA256 / ChaCha20-Poly1305, from the
`cryptography` package. Only central holds the private keys; once sealed, the
terminal cannot read what the citizen wrote. The `alg` name is recorded with
every sealed value so another suite (e.g. SM2 + SM4-GCM) can be added later.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass

from cryptography.hazmat.primitives import hpke
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)

ALG_HPKE_X25519 = "HPKE-X25519-SHA256-ChaCha20Poly1305"
SEAL_INFO = b"mashangban-seal-v1"
ENC_LEN = 32  # X25519 encapsulated key length

_SUITE = hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.CHACHA20_POLY1305)


class SealingError(Exception):
    """A key is unusable or an algorithm unknown."""


@dataclass(frozen=True)
class PlatformKey:
    """A platform public key as published in enrolment and the catalog."""

    kid: str
    alg: str
    public_key: bytes  # raw 32 bytes

    def as_json(self) -> dict[str, str]:
        return {
            "kid": self.kid,
            "alg": self.alg,
            "public_key": base64.b64encode(self.public_key).decode(),
        }

    @classmethod
    def from_json(cls, data: dict[str, str]) -> PlatformKey:
        try:
            raw = base64.b64decode(data["public_key"], validate=True)
            key = cls(kid=str(data["kid"]), alg=str(data["alg"]), public_key=raw)
        except (KeyError, ValueError, TypeError) as exc:
            raise SealingError(f"malformed platform key: {exc}") from exc
        if key.alg != ALG_HPKE_X25519 or len(raw) != 32:
            raise SealingError(f"unsupported platform key {key.kid!r} ({key.alg})")
        return key


@dataclass(frozen=True)
class Sealed:
    """One sealed value: the encapsulated key and the ciphertext."""

    alg: str
    kid: str
    enc: bytes
    ct: bytes

    def as_wire(self) -> dict[str, str]:
        return {
            "alg": self.alg,
            "kid": self.kid,
            "enc": base64.b64encode(self.enc).decode(),
            "ct": base64.b64encode(self.ct).decode(),
        }


class Sealer:
    """Seals bytes to one platform public key. Thread-safe and stateless."""

    def __init__(self, key: PlatformKey) -> None:
        if key.alg != ALG_HPKE_X25519:
            raise SealingError(f"unsupported alg {key.alg!r}")
        self.key = key
        self._public = X25519PublicKey.from_public_bytes(key.public_key)

    def seal(self, plaintext: bytes) -> Sealed:
        out = _SUITE.encrypt(plaintext, self._public, info=SEAL_INFO)
        return Sealed(alg=self.key.alg, kid=self.key.kid, enc=out[:ENC_LEN], ct=out[ENC_LEN:])

    def seal_file_bytes(self, plaintext: bytes) -> bytes:
        """Sealed attachment file form: enc || ct (32-byte enc prefix)."""
        return _SUITE.encrypt(plaintext, self._public, info=SEAL_INFO)


def open_sealed(private_key: bytes, enc: bytes, ct: bytes) -> bytes:
    """Open a sealed value with a raw X25519 private key (central side; tests)."""
    sk = X25519PrivateKey.from_private_bytes(private_key)
    return _SUITE.decrypt(enc + ct, sk, info=SEAL_INFO)


def generate_key_pair() -> tuple[bytes, bytes]:
    """A new raw (private, public) X25519 key pair."""
    sk = X25519PrivateKey.generate()
    private = sk.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    public = sk.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return private, public
