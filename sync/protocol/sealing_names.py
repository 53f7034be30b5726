"""Names shared by the sealing side (terminal) and the opening side (central).

Only names and constants live here: no cryptography, no I/O. Each side does its
own crypto with these values (sync-protocol.md §1 "Sealed submissions").

A platform key's ``alg`` names its whole cipher suite: how a record is sealed to
it, and which MAC a terminal sealing to it signs requests and receipt QRs with.
"""

from __future__ import annotations

from typing import Final

# RFC 9180 base mode: DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, ChaCha20-Poly1305.
SEAL_ALG_HPKE_X25519: Final = "HPKE-X25519-SHA256-ChaCha20Poly1305"

# 国密 digital envelope: a fresh SM4 key per record, SM2-encrypted (GB/T 32918.4, the
# ciphertext in GB/T 35276's SM2Cipher DER form), the record in SM4-GCM.
SEAL_ALG_SM2_SM4GCM: Final = "SM2-SM4GCM-SM3"

# HPKE `info` for payloads and for attachment files alike; in the SM suite the GCM
# additional data is this, "|" and the alg.
SEAL_INFO: Final = b"mashangban-seal-v1"

# Length of the HPKE encapsulated key for X25519 (the `enc` prefix of a sealed file).
HPKE_X25519_ENC_LEN: Final = 32

# Length of a raw X25519 key, private or public.
X25519_KEY_LEN: Final = 32

# SM2: a raw private scalar is 32 bytes, a public key the 65-byte uncompressed point.
SM2_PRIVATE_KEY_LEN: Final = 32
SM2_PUBLIC_KEY_LEN: Final = 65
SM4_KEY_LEN: Final = 16
SM4_GCM_NONCE_LEN: Final = 12

# Suite names as central announces them with each platform key.
SUITE_STANDARD: Final = "standard"
SUITE_SM: Final = "sm"

# MACs for request signatures and receipt QRs.
MAC_HMAC_SHA256: Final = "HMAC-SHA256"
MAC_HMAC_SM3: Final = "HMAC-SM3"

SUITE_OF_ALG: Final = {SEAL_ALG_HPKE_X25519: SUITE_STANDARD, SEAL_ALG_SM2_SM4GCM: SUITE_SM}
MAC_OF_ALG: Final = {SEAL_ALG_HPKE_X25519: MAC_HMAC_SHA256, SEAL_ALG_SM2_SM4GCM: MAC_HMAC_SM3}
ALG_OF_SUITE: Final = {suite: alg for alg, suite in SUITE_OF_ALG.items()}

# Every alg the protocol defines (central can open both; SM needs libcrypto's SM2).
SUPPORTED_SEAL_ALGS: Final = frozenset(SUITE_OF_ALG)

# Public key length of each alg, raw bytes.
PUBLIC_KEY_LEN: Final = {
    SEAL_ALG_HPKE_X25519: X25519_KEY_LEN,
    SEAL_ALG_SM2_SM4GCM: SM2_PUBLIC_KEY_LEN,
}
PRIVATE_KEY_LEN: Final = {
    SEAL_ALG_HPKE_X25519: X25519_KEY_LEN,
    SEAL_ALG_SM2_SM4GCM: SM2_PRIVATE_KEY_LEN,
}


def mac_of_alg(alg: str) -> str:
    """The MAC a terminal sealing to an ``alg`` key signs with (SHA-256 if unknown)."""
    return MAC_OF_ALG.get(alg, MAC_HMAC_SHA256)


def seal_aad(alg: str) -> bytes:
    """The GCM additional data of the SM suite: binds the record to its suite."""
    return SEAL_INFO + b"|" + alg.encode("ascii")
