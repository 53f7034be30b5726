"""The terminal's half of sealing, written here independently so tests can seal."""

from __future__ import annotations

import base64
import json
from typing import Any

from cryptography.hazmat.primitives import hpke
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey

from sync.protocol.sealing_names import HPKE_X25519_ENC_LEN, SEAL_ALG_HPKE_X25519, SEAL_INFO

SUITE = hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.CHACHA20_POLY1305)


def _public(public_key_b64: str) -> X25519PublicKey:
    return X25519PublicKey.from_public_bytes(base64.b64decode(public_key_b64))


def seal_bytes(public_key_b64: str, plaintext: bytes) -> bytes:
    """``enc || ct`` as an attachment file holds it."""
    return SUITE.encrypt(plaintext, _public(public_key_b64), info=SEAL_INFO)


def seal_payload(kid: str, public_key_b64: str, payload: Any) -> dict[str, str]:
    """The wire envelope of a payload (UTF-8 JSON)."""
    sealed = seal_bytes(public_key_b64, json.dumps(payload, ensure_ascii=False).encode("utf-8"))
    return {
        "alg": SEAL_ALG_HPKE_X25519,
        "kid": kid,
        "enc": base64.b64encode(sealed[:HPKE_X25519_ENC_LEN]).decode(),
        "ct": base64.b64encode(sealed[HPKE_X25519_ENC_LEN:]).decode(),
    }
