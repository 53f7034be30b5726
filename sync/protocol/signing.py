"""Request signing, sync-protocol.md §1.

canonical = METHOD \\n PATH[?QUERY] \\n TIMESTAMP \\n NONCE \\n CONTENT_SHA256
signature = "v1=" + hex HMAC-SHA256(secret, canonical)        (standard suite)
          | "sm3=" + hex HMAC-SM3(secret, canonical)          (国密 suite)

The prefix names the MAC, so central verifies either; a terminal signs with the MAC
of the platform key it seals to (sealing_names.mac_of_alg). The body digest stays
SHA-256 in both: it is an integrity check of the bytes under the MAC, not the MAC.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives import hmac as crypto_hmac

from sync.protocol.sealing_names import MAC_HMAC_SHA256, MAC_HMAC_SM3

HEADER_TERMINAL_ID = "X-Terminal-Id"
HEADER_TIMESTAMP = "X-Timestamp"
HEADER_NONCE = "X-Nonce"
HEADER_CONTENT_SHA256 = "X-Content-SHA256"
HEADER_SIGNATURE = "X-Signature"
SIGNATURE_PREFIX = "v1="
SIGNATURE_PREFIX_SM3 = "sm3="
PREFIX_OF_MAC = {MAC_HMAC_SHA256: SIGNATURE_PREFIX, MAC_HMAC_SM3: SIGNATURE_PREFIX_SM3}
MAC_OF_PREFIX = {prefix: mac for mac, prefix in PREFIX_OF_MAC.items()}
MAX_CLOCK_SKEW_S = 300
NONCE_WINDOW_S = 600
NONCE_BYTES = 16

EMPTY_SHA256 = hashlib.sha256(b"").hexdigest()


def content_sha256(body: bytes | None) -> str:
    """Hex SHA-256 of the body bytes exactly as sent (empty body included)."""
    return hashlib.sha256(body or b"").hexdigest()


def canonical_string(
    method: str, path_and_query: str, timestamp: int, nonce: str, body_sha256: str
) -> str:
    """The newline-joined string that is signed."""
    return "\n".join([method.upper(), path_and_query, str(int(timestamp)), nonce, body_sha256])


def hmac_sm3(key: bytes, message: bytes) -> bytes:
    """HMAC (RFC 2104 / GB/T 15852.2) over SM3 (GB/T 32905), 32 bytes."""
    mac = crypto_hmac.HMAC(key, hashes.SM3())
    mac.update(message)
    return mac.finalize()


def mac_digest(mac: str, key: bytes, message: bytes) -> bytes:
    """HMAC-SHA256 or HMAC-SM3 of ``message``; ValueError for another name."""
    if mac == MAC_HMAC_SHA256:
        return hmac.new(key, message, hashlib.sha256).digest()
    if mac == MAC_HMAC_SM3:
        return hmac_sm3(key, message)
    raise ValueError(f"unknown MAC {mac!r}")


def sign(
    secret: bytes,
    method: str,
    path_and_query: str,
    timestamp: int,
    nonce: str,
    body_sha256: str,
    mac: str = MAC_HMAC_SHA256,
) -> str:
    """The X-Signature header value."""
    canonical = canonical_string(method, path_and_query, timestamp, nonce, body_sha256).encode()
    return PREFIX_OF_MAC[mac] + mac_digest(mac, secret, canonical).hex()


def mac_of_signature(signature: str) -> str | None:
    """The MAC a signature header names by its prefix, or None."""
    prefix, sep, _ = signature.partition("=")
    return MAC_OF_PREFIX.get(prefix + sep)


def verify(
    secret: bytes,
    signature: str,
    method: str,
    path_and_query: str,
    timestamp: int,
    nonce: str,
    body_sha256: str,
) -> bool:
    """Constant-time check of an X-Signature header value, in the MAC its prefix names."""
    mac = mac_of_signature(signature)
    if mac is None:
        return False
    expected = sign(secret, method, path_and_query, timestamp, nonce, body_sha256, mac)
    return hmac.compare_digest(expected.encode(), signature.encode())


def new_nonce() -> str:
    """A fresh nonce: 16 random bytes, hex."""
    return secrets.token_hex(NONCE_BYTES)


def signed_headers(
    terminal_id: str,
    secret: bytes,
    method: str,
    path_and_query: str,
    body: bytes | None,
    timestamp: int,
    mac: str = MAC_HMAC_SHA256,
) -> dict[str, str]:
    """All five signing headers for one request."""
    nonce = new_nonce()
    digest = content_sha256(body)
    return {
        HEADER_TERMINAL_ID: terminal_id,
        HEADER_TIMESTAMP: str(int(timestamp)),
        HEADER_NONCE: nonce,
        HEADER_CONTENT_SHA256: digest,
        HEADER_SIGNATURE: sign(secret, method, path_and_query, timestamp, nonce, digest, mac),
    }
