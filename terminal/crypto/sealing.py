"""Sealing personal data to the platform's public key (sync-protocol.md §1).

The platform key's ``alg`` is its suite. Standard: RFC 9180 HPKE, base mode,
X25519 / HKDF-SHA256 / ChaCha20-Poly1305, from the `cryptography` package. 国密:
an SM2 + SM4-GCM digital envelope (sync/protocol/sm_envelope.py), usable where
the system's libcrypto has SM2. Only central holds the private keys; once sealed,
the terminal cannot read what the citizen wrote. The `alg` is recorded with every
sealed value, and the key's suite also names the MAC the terminal signs with.
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

from sync.protocol import sm2_libcrypto, sm_envelope
from sync.protocol.sealing_names import (
    PUBLIC_KEY_LEN,
    SEAL_ALG_HPKE_X25519,
    SEAL_ALG_SM2_SM4GCM,
    mac_of_alg,
)

ALG_HPKE_X25519 = SEAL_ALG_HPKE_X25519
ALG_SM2_SM4GCM = SEAL_ALG_SM2_SM4GCM
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
    public_key: bytes  # raw: 32 bytes X25519, or the 65-byte SM2 point

    @property
    def mac(self) -> str:
        """The MAC requests and receipt QRs are signed with while sealing to this key."""
        return mac_of_alg(self.alg)

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
        if not usable_alg(key.alg) or len(raw) != PUBLIC_KEY_LEN[key.alg]:
            raise SealingError(f"unsupported platform key {key.kid!r} ({key.alg})")
        return key


def usable_alg(alg: str) -> bool:
    """Whether this terminal can seal to keys of ``alg`` (SM needs libcrypto's SM2)."""
    if alg == ALG_HPKE_X25519:
        return True
    return alg == ALG_SM2_SM4GCM and sm2_libcrypto.available()


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
        self.key = key
        self._sm2: sm2_libcrypto.Sm2PublicKey | None = None
        if key.alg == ALG_SM2_SM4GCM:
            try:
                self._sm2 = sm2_libcrypto.Sm2PublicKey(key.public_key)
            except sm2_libcrypto.Sm2Error as exc:
                raise SealingError(f"platform key {key.kid!r} unusable: {exc}") from exc
        elif key.alg == ALG_HPKE_X25519:
            self._public = X25519PublicKey.from_public_bytes(key.public_key)
        else:
            raise SealingError(f"unsupported alg {key.alg!r}")

    @property
    def mac(self) -> str:
        """The MAC of this key's suite (requests, receipt QRs)."""
        return self.key.mac

    def seal(self, plaintext: bytes) -> Sealed:
        if self._sm2 is not None:
            enc, ct = sm_envelope.seal(self._sm2, plaintext)
            return Sealed(alg=self.key.alg, kid=self.key.kid, enc=enc, ct=ct)
        out = _SUITE.encrypt(plaintext, self._public, info=SEAL_INFO)
        return Sealed(alg=self.key.alg, kid=self.key.kid, enc=out[:ENC_LEN], ct=out[ENC_LEN:])

    def seal_file_bytes(self, plaintext: bytes) -> bytes:
        """Sealed attachment file form: enc || ct (32-byte enc prefix) for HPKE,
        len(enc) || enc || ct for the SM envelope."""
        if self._sm2 is not None:
            return sm_envelope.seal_file(self._sm2, plaintext)
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
