"""Verifying signed requests (§1 Signing): clock skew, signature, body digest,
revocation and nonce replay, in that order.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from cryptography.exceptions import InvalidTag
from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError

from central.clock import Clock
from central.problems import ProblemError
from central.secretbox import SecretBox
from central.store.engine import Store
from central.store.models import Nonce, Terminal
from sync.protocol import problem_codes as codes
from sync.protocol import signing
from sync.protocol.times import rfc3339

_NONCE_RE = re.compile(r"^[0-9a-fA-F]{32,128}$")
_DIGEST_RE = re.compile(r"^[0-9a-fA-F]{64}$")
_TIMESTAMP_RE = re.compile(r"^-?[0-9]{1,12}$")
PRUNE_EVERY_S = 60
CHALLENGE = {"WWW-Authenticate": 'MSB-HMAC-SHA256 realm="mashangban", version="v1"'}


@dataclass(frozen=True)
class SignedRequest:
    """A request whose signature checked out: who sent it, and the body as sent."""

    terminal_id: str
    terminal_code: str
    body: bytes


def _bad(detail: str) -> ProblemError:
    return ProblemError(401, codes.BAD_SIGNATURE, "Bad signature", detail, headers=CHALLENGE)


class RequestVerifier:
    """Checks the five signing headers of a request against the terminal's secret."""

    def __init__(self, store: Store, secretbox: SecretBox, clock: Clock) -> None:
        self._store = store
        self._secretbox = secretbox
        self._clock = clock
        self._last_prune: datetime | None = None
        self._prune_lock = threading.Lock()

    def verify(
        self, method: str, path_and_query: str, headers: Mapping[str, str], body: bytes
    ) -> SignedRequest:
        """The signed request, or a ProblemError (401 / 403)."""
        values = {}
        for name in (
            signing.HEADER_TERMINAL_ID,
            signing.HEADER_TIMESTAMP,
            signing.HEADER_NONCE,
            signing.HEADER_CONTENT_SHA256,
            signing.HEADER_SIGNATURE,
        ):
            value = headers.get(name)
            if not value:
                raise _bad(f"missing header {name}")
            values[name] = value
        stamp = values[signing.HEADER_TIMESTAMP]
        if not _TIMESTAMP_RE.fullmatch(stamp):
            raise _bad(f"malformed {signing.HEADER_TIMESTAMP}")
        now = self._clock.now()
        if abs(now.timestamp() - int(stamp)) > signing.MAX_CLOCK_SKEW_S:
            raise ProblemError(
                401,
                codes.CLOCK_SKEW,
                "Clock skew",
                f"timestamp differs from server time by more than {signing.MAX_CLOCK_SKEW_S} s",
                headers=CHALLENGE,
                server_time=rfc3339(now),
            )
        nonce, digest = values[signing.HEADER_NONCE], values[signing.HEADER_CONTENT_SHA256]
        if not _NONCE_RE.fullmatch(nonce):
            raise _bad(f"malformed {signing.HEADER_NONCE}")
        if not _DIGEST_RE.fullmatch(digest):
            raise _bad(f"malformed {signing.HEADER_CONTENT_SHA256}")
        terminal_id = values[signing.HEADER_TERMINAL_ID]
        with self._store.transaction() as session:
            terminal = session.get(Terminal, terminal_id) if len(terminal_id) <= 36 else None
            if terminal is None:
                raise _bad("unknown terminal")
            try:
                secret = self._secretbox.open(terminal.id, terminal.secret_sealed)
            except InvalidTag as exc:
                raise _bad("terminal secret unreadable with this data dir's key") from exc
            revoked, terminal_code = terminal.revoked, terminal.code
        if not signing.verify(
            secret, values[signing.HEADER_SIGNATURE], method, path_and_query, int(stamp), nonce,
            digest,
        ):  # fmt: skip
            raise _bad("signature does not match")
        if signing.content_sha256(body) != digest.lower():
            raise _bad(f"body does not hash to {signing.HEADER_CONTENT_SHA256}")
        if revoked:
            raise ProblemError(403, codes.TERMINAL_REVOKED, "Terminal revoked")
        self._remember_nonce(terminal_id, nonce.lower(), now)
        return SignedRequest(terminal_id=terminal_id, terminal_code=terminal_code, body=body)

    def _remember_nonce(self, terminal_id: str, nonce: str, now: datetime) -> None:
        window_start = now - timedelta(seconds=signing.NONCE_WINDOW_S)
        replayed = ProblemError(401, codes.REPLAYED_NONCE, "Replayed nonce", headers=CHALLENGE)
        try:
            with self._store.transaction() as session:
                seen = session.get(Nonce, (terminal_id, nonce))
                if seen is not None and seen.seen_at >= window_start:
                    raise replayed
                if seen is not None:
                    seen.seen_at = now  # an expired row not pruned yet
                else:
                    session.add(Nonce(terminal_id=terminal_id, nonce=nonce, seen_at=now))
        except IntegrityError as exc:  # the same nonce arrived concurrently
            raise replayed from exc
        self._prune(now, window_start)

    def _prune(self, now: datetime, window_start: datetime) -> None:
        with self._prune_lock:
            due = self._last_prune is None or (now - self._last_prune).total_seconds() >= (
                PRUNE_EVERY_S
            )
            if not due:
                return
            self._last_prune = now
        with self._store.transaction() as session:
            session.execute(delete(Nonce).where(Nonce.seen_at < window_start))
