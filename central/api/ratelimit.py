"""Throttling, on by default: separate token buckets so that no unauthenticated flood
starves a signed terminal.

- Unsigned requests (no ``X-Terminal-Id`` header) draw from a bucket per source
  address, checked here before anything is read.
- Signed requests are charged after their signature checks out, to a bucket per
  terminal (``deps.signed``); an unsigned flood never touches it.
- A failed signature on a request that named a terminal (it skipped the source
  bucket) is charged to the source's *failure* bucket; while that is empty,
  signed-looking requests from the source are refused before verifying, except
  for terminals that signed correctly from that address in the last
  ``TRUST_FOR_S``: a forger sharing a real terminal's address cannot starve it.
- ``serve --rate-limit N`` adds a per-process ceiling of N/s, kept as two buckets
  (unsigned, signed), so even that one cannot be drained by unsigned traffic.

Refusals are ``429 rate-limited`` with ``Retry-After`` (whole seconds) and a line in
the security log (at most one per source and terminal every ``LOG_EVERY_S``, with a
count of the repeats; every one is counted in ``/metrics``).
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from central import security_log as events
from central.api.problem_handlers import problem_response
from central.config import ThrottlePolicy
from central.problems import ProblemError
from central.security_log import SecurityLog
from sync.protocol import problem_codes as codes
from sync.protocol import signing

EXEMPT_PATHS = frozenset({"/healthz", "/metrics"})  # probes and scrapers
MAX_KEYS = 10_000
LOG_EVERY_S = 10.0
GLOBAL = "*"
TRUST_FOR_S = 600.0


class TokenBuckets:
    """One token bucket per key; the least recently used keys are forgotten past
    ``max_keys`` (a forgotten key starts full, which only ever errs towards serving)."""

    def __init__(
        self,
        rate: float,
        burst: float,
        max_keys: int = MAX_KEYS,
        now: Callable[[], float] = time.monotonic,
    ) -> None:
        self.rate = float(rate)
        self.capacity = max(1.0, float(burst))
        self._max_keys = max_keys
        self._now = now
        self._lock = threading.Lock()  # the signed path runs in the thread pool
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()

    def _level(self, key: str, now: float) -> float:
        tokens, updated = self._buckets.get(key, (self.capacity, now))
        return min(self.capacity, tokens + (now - updated) * self.rate)

    def _wait(self, tokens: float) -> float:
        return (1.0 - tokens) / self.rate

    def take(self, key: str) -> float:
        """0 when a token was taken; else the seconds until one is there."""
        with self._lock:
            now = self._now()
            tokens = self._level(key, now)
            taken = tokens >= 1.0
            self._buckets[key] = (tokens - 1.0 if taken else tokens, now)
            self._buckets.move_to_end(key)
            while len(self._buckets) > self._max_keys:
                self._buckets.popitem(last=False)
            return 0.0 if taken else self._wait(tokens)

    def peek(self, key: str) -> float:
        """Like ``take`` without taking: 0 when a token is there."""
        with self._lock:
            tokens = self._level(key, self._now())
            return 0.0 if tokens >= 1.0 else self._wait(tokens)


def _buckets(rate: float | None, burst: float) -> TokenBuckets | None:
    return TokenBuckets(rate, burst) if rate else None


class Throttle:
    """The buckets of one central app and the refusals they make."""

    def __init__(self, policy: ThrottlePolicy, security: SecurityLog) -> None:
        self.policy = policy
        self._security = security
        self.sources = _buckets(policy.source_rate, policy.source_burst)
        self.terminals = _buckets(policy.terminal_rate, policy.terminal_burst)
        self.failures = _buckets(policy.failure_rate, policy.failure_burst)
        rate = policy.process_rate
        self.unsigned_ceiling = _buckets(rate, rate or 1.0)
        self.signed_ceiling = _buckets(rate, rate or 1.0)
        self._trust_lock = threading.Lock()
        self._trusted: OrderedDict[tuple[str, str], float] = OrderedDict()

    def admit_unsigned(self, source: str) -> tuple[str, float] | None:
        """None to serve an unsigned request; else (bucket, seconds to wait)."""
        for name, buckets, key in (
            ("source", self.sources, source),
            ("process", self.unsigned_ceiling, GLOBAL),
        ):
            wait = buckets.take(key) if buckets else 0.0
            if wait:
                return name, wait
        return None

    def admit_claimed(self, source: str, terminal_id: str) -> tuple[str, float] | None:
        """Before verifying a request that names a terminal: refused while the
        source's failed signatures have used up their bucket, unless this terminal
        signed correctly from this source a moment ago."""
        wait = self.failures.peek(source) if self.failures else 0.0
        if not wait:
            return None
        with self._trust_lock:
            last = self._trusted.get((source, terminal_id))
        if last is not None and time.monotonic() - last < TRUST_FOR_S:
            return None
        return "auth-failures", wait

    def signature_failed(self, source: str, claimed: bool) -> None:
        """Charge a failed signature to its source (only when it named a terminal:
        the others were charged to the source bucket already)."""
        if self.failures and claimed:
            self.failures.take(source)

    def signature_passed(self, source: str, terminal_id: str) -> None:
        """Remember that ``terminal_id`` signs from ``source``."""
        with self._trust_lock:
            self._trusted[(source, terminal_id)] = time.monotonic()
            self._trusted.move_to_end((source, terminal_id))
            while len(self._trusted) > MAX_KEYS:
                self._trusted.popitem(last=False)

    def admit_terminal(self, terminal_id: str) -> tuple[str, float] | None:
        """After a signature checked out: the terminal's bucket, then the ceiling."""
        for name, buckets, key in (
            ("terminal", self.terminals, terminal_id),
            ("process", self.signed_ceiling, GLOBAL),
        ):
            wait = buckets.take(key) if buckets else 0.0
            if wait:
                return name, wait
        return None

    def refusal(
        self, bucket: str, wait_s: float, source: str, terminal_id: str | None, path: str
    ) -> ProblemError:
        """The 429 problem for a refused request, logged (a line per source and
        terminal every ``LOG_EVERY_S``, with the repeats) and counted."""
        self._security.record(
            events.THROTTLED, "refused", source=source, terminal_id=terminal_id,
            every_s=LOG_EVERY_S, bucket=bucket, path=path,
        )  # fmt: skip
        return ProblemError(
            429,
            codes.RATE_LIMITED,
            "Too Many Requests",
            f"over the {bucket} rate limit",
            headers={"Retry-After": str(max(1, math.ceil(wait_s)))},
        )


class RateLimitMiddleware:
    """Pure ASGI middleware for the checks made before a request is read."""

    def __init__(self, app: Any, throttle: Throttle) -> None:
        self.app = app
        self.throttle = throttle

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or path in EXEMPT_PATHS:
            await self.app(scope, receive, send)
            return
        source = (scope.get("client") or ("unknown", 0))[0]
        wanted = signing.HEADER_TERMINAL_ID.lower().encode()
        claimed = next((v for n, v in scope.get("headers", ()) if n == wanted), None)
        refused = (
            self.throttle.admit_claimed(source, claimed.decode("latin-1"))
            if claimed
            else self.throttle.admit_unsigned(source)
        )
        if refused is None:
            await self.app(scope, receive, send)
            return
        problem = self.throttle.refusal(*refused, source, None, path)
        response = problem_response(
            problem.status, problem.code, problem.title, problem.detail, path,
            headers=problem.headers,
        )  # fmt: skip
        await response(scope, receive, send)
