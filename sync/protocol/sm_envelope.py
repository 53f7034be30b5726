"""The 国密 seal: a digital envelope of SM2 and SM4-GCM (sync-protocol.md §1, docs/security.md).

For each record a fresh 16-byte SM4 key is drawn; the key is SM2-encrypted to the
platform key (GB/T 32918.4, SM2Cipher DER per GB/T 35276) and the record is
SM4-GCM-encrypted under it with a 12-byte random nonce and ``seal_aad(alg)`` as
additional data. This is the envelope of GM/T 0010 (SM2 encrypts a symmetric key,
not the content), with GCM in place of CBC so every record is authenticated.

Wire form of a payload: ``enc`` = the SM2Cipher bytes, ``ct`` = nonce || GCM output.
File form of an attachment: 2-byte big-endian length of ``enc`` || enc || nonce || GCM.
Both sides use these functions, so the format is written once.
"""

from __future__ import annotations

import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from sync.protocol.sealing_names import (
    SEAL_ALG_SM2_SM4GCM,
    SM4_GCM_NONCE_LEN,
    SM4_KEY_LEN,
    seal_aad,
)
from sync.protocol.sm2_libcrypto import Sm2Error, Sm2PrivateKey, Sm2PublicKey

GCM_TAG_LEN = 16
MAX_ENC_LEN = 200  # an SM2Cipher of a 16-byte key is at most 125 bytes


class SmEnvelopeError(Exception):
    """The envelope cannot be made or opened; the message says why, without content."""


def sm4_gcm_encrypt(key: bytes, nonce: bytes, plaintext: bytes, aad: bytes) -> bytes:
    """SM4-GCM ciphertext with its 16-byte tag appended."""
    encryptor = Cipher(algorithms.SM4(key), modes.GCM(nonce)).encryptor()
    encryptor.authenticate_additional_data(aad)
    body = encryptor.update(plaintext) + encryptor.finalize()
    return body + encryptor.tag


def sm4_gcm_decrypt(key: bytes, nonce: bytes, data: bytes, aad: bytes) -> bytes:
    """The plaintext of ciphertext || tag; InvalidTag when it was altered."""
    if len(data) < GCM_TAG_LEN:
        raise InvalidTag()
    decryptor = Cipher(
        algorithms.SM4(key), modes.GCM(nonce, data[-GCM_TAG_LEN:], min_tag_length=GCM_TAG_LEN)
    ).decryptor()
    decryptor.authenticate_additional_data(aad)
    return decryptor.update(data[:-GCM_TAG_LEN]) + decryptor.finalize()


def seal(public: Sm2PublicKey, plaintext: bytes) -> tuple[bytes, bytes]:
    """``(enc, ct)`` of one record sealed to ``public``."""
    data_key, nonce = os.urandom(SM4_KEY_LEN), os.urandom(SM4_GCM_NONCE_LEN)
    try:
        enc = public.encrypt(data_key)
    except Sm2Error as exc:
        raise SmEnvelopeError(str(exc)) from exc
    ct = nonce + sm4_gcm_encrypt(data_key, nonce, plaintext, seal_aad(SEAL_ALG_SM2_SM4GCM))
    return enc, ct


def open_sealed(private: Sm2PrivateKey, enc: bytes, ct: bytes) -> bytes:
    """The plaintext of ``(enc, ct)``; SmEnvelopeError when it does not open."""
    if not enc or len(enc) > MAX_ENC_LEN or len(ct) < SM4_GCM_NONCE_LEN + GCM_TAG_LEN:
        raise SmEnvelopeError("sealed data malformed")
    try:
        data_key = private.decrypt(enc)
    except Sm2Error as exc:
        raise SmEnvelopeError("the data key does not open with this key") from exc
    if len(data_key) != SM4_KEY_LEN:
        raise SmEnvelopeError("the data key has the wrong length")
    nonce, body = ct[:SM4_GCM_NONCE_LEN], ct[SM4_GCM_NONCE_LEN:]
    try:
        return sm4_gcm_decrypt(data_key, nonce, body, seal_aad(SEAL_ALG_SM2_SM4GCM))
    except InvalidTag as exc:
        raise SmEnvelopeError("authentication failed") from exc


def seal_file(public: Sm2PublicKey, plaintext: bytes) -> bytes:
    """The file form of a sealed attachment."""
    enc, ct = seal(public, plaintext)
    return len(enc).to_bytes(2, "big") + enc + ct


def open_file(private: Sm2PrivateKey, sealed: bytes) -> bytes:
    """The plaintext of a sealed attachment file; SmEnvelopeError otherwise."""
    if len(sealed) < 2:
        raise SmEnvelopeError("sealed data too short")
    size = int.from_bytes(sealed[:2], "big")
    if size > MAX_ENC_LEN or len(sealed) < 2 + size:
        raise SmEnvelopeError("sealed data malformed")
    return open_sealed(private, sealed[2 : 2 + size], sealed[2 + size :])
