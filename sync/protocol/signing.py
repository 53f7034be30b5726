"""Request signing, sync-protocol.md §1.

canonical = METHOD \\n PATH[?QUERY] \\n TIMESTAMP \\n NONCE \\n CONTENT_SHA256
signature = "v1=" + hex HMAC-SHA256(secret, canonical)
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

HEADER_TERMINAL_ID = "X-Terminal-Id"
HEADER_TIMESTAMP = "X-Timestamp"
HEADER_NONCE = "X-Nonce"
HEADER_CONTENT_SHA256 = "X-Content-SHA256"
HEADER_SIGNATURE = "X-Signature"
SIGNATURE_PREFIX = "v1="
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


def sign(
    secret: bytes, method: str, path_and_query: str, timestamp: int, nonce: str, body_sha256: str
) -> str:
    """The X-Signature header value."""
    mac = hmac.new(
        secret,
        canonical_string(method, path_and_query, timestamp, nonce, body_sha256).encode(),
        hashlib.sha256,
    )
    return SIGNATURE_PREFIX + mac.hexdigest()


def verify(
    secret: bytes,
    signature: str,
    method: str,
    path_and_query: str,
    timestamp: int,
    nonce: str,
    body_sha256: str,
) -> bool:
    """Constant-time check of an X-Signature header value."""
    expected = sign(secret, method, path_and_query, timestamp, nonce, body_sha256)
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
) -> dict[str, str]:
    """All five signing headers for one request."""
    nonce = new_nonce()
    digest = content_sha256(body)
    return {
        HEADER_TERMINAL_ID: terminal_id,
        HEADER_TIMESTAMP: str(int(timestamp)),
        HEADER_NONCE: nonce,
        HEADER_CONTENT_SHA256: digest,
        HEADER_SIGNATURE: sign(secret, method, path_and_query, timestamp, nonce, digest),
    }
