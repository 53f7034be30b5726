"""Opening what terminals sealed, in the suite of the key it was sealed to: HPKE base
mode (RFC 9180), X25519 / HKDF-SHA256 / ChaCha20-Poly1305, with the shared ``info`` from
``sync.protocol.sealing_names``; or the 国密 envelope, SM2 + SM4-GCM
(``sync.protocol.sm_envelope``).

A payload travels as ``{"alg", "kid", "enc": b64(enc), "ct": b64(ct)}``; an attachment
file is the raw bytes ``enc || ct`` (HPKE) or ``len(enc) || enc || ct`` (SM). Only
central holds the private keys.
"""

from __future__ import annotations

import base64
import binascii

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hpke

from central.keys import KeyRing, PlatformKeyPair
from sync.protocol import sm_envelope
from sync.protocol.schemas import SealedEnvelope
from sync.protocol.sealing_names import (
    HPKE_X25519_ENC_LEN,
    SEAL_INFO,
    SUPPORTED_SEAL_ALGS,
)
from sync.protocol.sm2_libcrypto import Sm2PrivateKey

SUITE = hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.CHACHA20_POLY1305)


class UnsealError(Exception):
    """The sealed bytes cannot be opened; the message says why, without content."""


def _decrypt(sealed: bytes, pair: PlatformKeyPair) -> bytes:
    """Open the file form (HPKE ``enc || ct``, SM ``len || enc || ct``) with ``pair``."""
    if isinstance(pair.private_key, Sm2PrivateKey):
        try:
            return sm_envelope.open_file(pair.private_key, sealed)
        except sm_envelope.SmEnvelopeError as exc:
            raise UnsealError(f"authentication failed with key {pair.kid}") from exc
    if len(sealed) <= HPKE_X25519_ENC_LEN:
        raise UnsealError("sealed data too short")
    try:
        return SUITE.decrypt(sealed, pair.private_key, info=SEAL_INFO)
    except (InvalidTag, ValueError) as exc:
        raise UnsealError(f"authentication failed with key {pair.kid}") from exc


def open_envelope(envelope: SealedEnvelope, keyring: KeyRing) -> bytes:
    """The plaintext of a sealed payload, or UnsealError."""
    if envelope.alg not in SUPPORTED_SEAL_ALGS:
        raise UnsealError(f"unsupported alg {envelope.alg!r}")
    pair = keyring.get(envelope.kid)
    if pair is None:
        raise UnsealError(f"no private key for kid {envelope.kid!r}")
    if pair.alg != envelope.alg:  # the suite is the key's: no opening in another one
        raise UnsealError(f"key {envelope.kid!r} is not an {envelope.alg!r} key")
    try:
        enc = base64.b64decode(envelope.enc, validate=True)
        ct = base64.b64decode(envelope.ct, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise UnsealError("enc or ct is not base64") from exc
    if isinstance(pair.private_key, Sm2PrivateKey):
        try:
            return sm_envelope.open_sealed(pair.private_key, enc, ct)
        except sm_envelope.SmEnvelopeError as exc:
            raise UnsealError(f"authentication failed with key {pair.kid}") from exc
    if len(enc) != HPKE_X25519_ENC_LEN:
        raise UnsealError(f"enc must be {HPKE_X25519_ENC_LEN} bytes")
    return _decrypt(enc + ct, pair)


def open_attachment(sealed: bytes, keyring: KeyRing, kid_hint: str | None = None) -> bytes:
    """The plaintext of a sealed attachment file (``enc || ct``).

    The file names no kid: the submission's kid is tried first, then every other key.
    """
    pairs = keyring.all()
    if kid_hint is not None:
        pairs.sort(key=lambda pair: pair.kid != kid_hint)
    for pair in pairs:
        try:
            return _decrypt(sealed, pair)
        except UnsealError:
            continue
    raise UnsealError("no platform key opens this attachment")
