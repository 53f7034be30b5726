"""A per-process token bucket: ``serve --rate-limit N`` allows N requests per second
(bursts up to N) and answers the rest ``429`` with ``Retry-After``.
"""

from __future__ import annotations

import math
import time
from typing import Any

from central.api.problem_handlers import problem_response
from sync.protocol import problem_codes as codes

EXEMPT_PATHS = frozenset({"/healthz"})


class RateLimitMiddleware:
    """Pure ASGI middleware; runs on the event loop, so it needs no lock."""

    def __init__(self, app: Any, rate: float) -> None:
        self.app = app
        self.rate = float(rate)
        self.capacity = max(1.0, self.rate)
        self.tokens = self.capacity
        self.updated = time.monotonic()

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope.get("path") in EXEMPT_PATHS:
            await self.app(scope, receive, send)
            return
        now = time.monotonic()
        self.tokens = min(self.capacity, self.tokens + (now - self.updated) * self.rate)
        self.updated = now
        if self.tokens >= 1.0:
            self.tokens -= 1.0
            await self.app(scope, receive, send)
            return
        wait_s = max(1, math.ceil((1.0 - self.tokens) / self.rate))
        response = problem_response(
            429,
            codes.RATE_LIMITED,
            "Too Many Requests",
            f"over {self.rate:g} requests per second",
            scope.get("path"),
            headers={"Retry-After": str(wait_s)},
        )
        await response(scope, receive, send)
