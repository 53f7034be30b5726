"""Certificate pinning for requests: check the peer after the handshake, before any byte.

A pin is the hex SHA-256 of the server certificate (DER) or of its public key
(SubjectPublicKeyInfo, DER) — the usual ``openssl x509 -fingerprint -sha256``
and HPKP-style values. A current and a backup pin are configured; either one
matching is enough. The check runs in the connection's ``connect()``, right
after the TLS handshake and before urllib3 writes the request, so a mismatch
fails the connection with no request data sent. Pinning adds to the normal
certificate and host-name verification; it does not replace it.
"""

from __future__ import annotations

import hashlib
from typing import Any, ClassVar

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPSConnection
from urllib3.connectionpool import HTTPSConnectionPool
from urllib3.exceptions import SSLError as Urllib3SSLError


class PinMismatch(Urllib3SSLError):
    """The server's certificate matches none of the pins."""


def normalize_pin(pin: str) -> str:
    """Lower-case hex without colons or blanks (``AB:CD…`` and ``abcd…`` are the same)."""
    return "".join(ch for ch in pin.lower() if ch in "0123456789abcdef")


def certificate_fingerprints(der: bytes) -> tuple[str, str]:
    """(SHA-256 of the certificate, SHA-256 of its SubjectPublicKeyInfo), hex."""
    cert = x509.load_der_x509_certificate(der)
    spki = cert.public_key().public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
    return hashlib.sha256(der).hexdigest(), hashlib.sha256(spki).hexdigest()


def matches_pins(der: bytes | None, pins: frozenset[str]) -> bool:
    """True when the certificate or its public key has one of the pinned fingerprints."""
    if not der:
        return False
    return any(fp in pins for fp in certificate_fingerprints(der))


class _PinnedHTTPSConnection(HTTPSConnection):
    pins: ClassVar[frozenset[str]] = frozenset()

    def connect(self) -> None:
        super().connect()
        sock: Any = self.sock
        der = sock.getpeercert(binary_form=True) if sock is not None else None
        if not matches_pins(der, self.pins):
            self.close()
            raise PinMismatch("the server certificate matches no configured pin")


class PinnedHTTPAdapter(HTTPAdapter):
    """An HTTPAdapter whose HTTPS connections are refused unless the peer matches a pin."""

    def __init__(self, pins: list[str] | tuple[str, ...], **kwargs: Any) -> None:
        normalized = frozenset(normalize_pin(p) for p in pins)
        if not normalized or any(len(p) != 64 for p in normalized):
            raise ValueError("a pin is 64 hex digits (SHA-256)")
        connection_cls = type("PinnedConnection", (_PinnedHTTPSConnection,), {"pins": normalized})
        self._pool_cls = type(
            "PinnedConnectionPool", (HTTPSConnectionPool,), {"ConnectionCls": connection_cls}
        )
        super().__init__(**kwargs)

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {
            **self.poolmanager.pool_classes_by_scheme,
            "https": self._pool_cls,
        }
