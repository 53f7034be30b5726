"""Two pure ASGI middlewares every response passes through: security headers, and one
access-log line per request.

The access line is ``source method path status duration``: the path without its
query string (a receipt QR's ``sig`` is a capability; nothing after ``?`` is logged).
"""

from __future__ import annotations

import logging
import time
from typing import Any

from central.security_log import clean

access_log = logging.getLogger("central.access")

# The API and the receipt page load nothing: no script, no style sheet, no frame.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
)
HSTS = "max-age=31536000"
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-resource-policy", b"same-origin"),
)


class _HttpMiddleware:
    """A pure ASGI middleware that acts on HTTP requests and passes anything else on."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        await self.handle(scope, receive, send)

    async def handle(self, scope: Any, receive: Any, send: Any) -> None:
        raise NotImplementedError


class SecurityHeadersMiddleware(_HttpMiddleware):
    """Adds the security headers (HSTS only over TLS) to every response."""

    async def handle(self, scope: Any, receive: Any, send: Any) -> None:
        extra = list(SECURITY_HEADERS)
        if scope.get("scheme") == "https":
            extra.append((b"strict-transport-security", HSTS.encode()))

        async def send_with_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                headers = list(message.get("headers", []))
                headers += [(n, v) for n, v in extra if n not in present]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


class AccessLogMiddleware(_HttpMiddleware):
    """Logs one INFO line on ``central.access`` per HTTP request, once it is answered."""

    async def handle(self, scope: Any, receive: Any, send: Any) -> None:
        started = time.perf_counter()
        status = 0

        async def send_and_note(message: Any) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, send_and_note)
        finally:
            source = (scope.get("client") or ("-", 0))[0]
            access_log.info(
                "%s %s %s %d %.1fms",
                source,
                clean(scope.get("method")),
                clean(scope.get("path")),
                status,
                (time.perf_counter() - started) * 1000,
            )
