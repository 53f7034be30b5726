"""What can go wrong when the terminal talks to central, as exceptions the engine sorts.

``retryable`` says whether trying again later can help (connection errors,
timeouts, 408 425 429 500 502 503 504); the engine backs off and retries those,
and reports the others to staff. ``code`` is the protocol's problem code when
central sent one (sync/protocol/problem_codes.py) or a local one named here.
"""

from __future__ import annotations

from typing import Final

RETRYABLE_STATUSES: Final = frozenset({408, 425, 429, 500, 502, 503, 504})

# Local codes, for failures that never reached central or that central did not name.
CONNECTION_FAILED: Final = "connection-failed"
TIMEOUT: Final = "timeout"
PIN_MISMATCH: Final = "pin-mismatch"
TLS_FAILED: Final = "tls-failed"
INSECURE_URL: Final = "insecure-url"
NOT_ENROLLED: Final = "not-enrolled"
ENROLLED_RESTART: Final = "enrolled-restart"  # left the demo; the next start syncs for real
BAD_RESPONSE: Final = "bad-response"


class SyncError(Exception):
    """Base of every sync failure; ``code`` names it for logs, status and staff."""

    retryable = False

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


class TransportError(SyncError):
    """The request did not get an HTTP answer: refused, reset, DNS, timeout."""

    retryable = True


class TlsError(SyncError):
    """The TLS handshake failed: untrusted certificate, wrong host name, pin mismatch.

    Not retried at once (the answer will not change in a second); the worker
    still tries again on its slower schedule and shows the code to staff.
    """


class InsecureServerUrl(SyncError, ValueError):
    """The configured URL is not https:// (or http:// to loopback when allowed)."""

    def __init__(self, detail: str) -> None:
        super().__init__(INSECURE_URL, detail)


class NotEnrolled(SyncError):
    """There is no terminal identity to sign with."""

    def __init__(self, detail: str = "the terminal is not enrolled") -> None:
        super().__init__(NOT_ENROLLED, detail)


class BadResponse(SyncError):
    """Central answered with a status we expect but a body we cannot read."""

    retryable = True

    def __init__(self, detail: str) -> None:
        super().__init__(BAD_RESPONSE, detail)


class ServerError(SyncError):
    """Central answered with an HTTP status the call did not expect (a problem document)."""

    def __init__(
        self,
        status: int,
        code: str,
        detail: str = "",
        *,
        retry_after_s: float | None = None,
        problem: dict[str, object] | None = None,
    ) -> None:
        super().__init__(code, f"HTTP {status}" + (f" {detail}" if detail else ""))
        self.status = status
        self.retry_after_s = retry_after_s
        self.problem = problem or {}

    @property
    def retryable(self) -> bool:  # type: ignore[override]
        return self.status in RETRYABLE_STATUSES
