"""Enrolment attempts limited per source address, with a growing lockout.

Codes have about 40 bits, so guessing needs millions of tries; this makes each
source pay: after ``MAX_FAILURES`` refused codes in a row the source is locked
out for ``BASE_LOCKOUT_S``, doubling with every further lockout up to
``MAX_LOCKOUT_S``. A source that stays quiet for ``FORGET_AFTER_S`` starts over.
Every attempt, success, failure and refusal, is a line in the security log
(written by the route).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import datetime, timedelta

from central.clock import Clock

MAX_FAILURES = 5
BASE_LOCKOUT_S = 60.0
MAX_LOCKOUT_S = 3600.0
FORGET_AFTER_S = 24 * 3600.0
MAX_SOURCES = 10_000


@dataclass
class _Record:
    failures: int = 0
    lockouts: int = 0
    locked_until: datetime | None = None
    last_seen: datetime | None = None


class EnrolmentGuard:
    """Failure counts and lockouts per source address (in memory, per process)."""

    def __init__(
        self,
        clock: Clock,
        max_failures: int = MAX_FAILURES,
        base_lockout_s: float = BASE_LOCKOUT_S,
        max_lockout_s: float = MAX_LOCKOUT_S,
    ) -> None:
        self._clock = clock
        self.max_failures = max_failures
        self.base_lockout_s = base_lockout_s
        self.max_lockout_s = max_lockout_s
        self._records: dict[str, _Record] = {}
        self._lock = threading.Lock()

    def _record(self, source: str, now: datetime) -> _Record:
        record = self._records.get(source)
        quiet = (
            record is not None
            and record.last_seen is not None
            and ((now - record.last_seen).total_seconds() > FORGET_AFTER_S)
        )
        if quiet:
            record = None
        if record is None:
            if len(self._records) >= MAX_SOURCES:
                self._forget_quiet(now)
            record = self._records[source] = _Record()
        record.last_seen = now
        return record

    def _forget_quiet(self, now: datetime) -> None:
        cutoff = now - timedelta(seconds=FORGET_AFTER_S)
        for source in [s for s, r in self._records.items() if (r.last_seen or now) < cutoff]:
            del self._records[source]
        if len(self._records) >= MAX_SOURCES:  # a flood of sources: keep the locked ones
            for source in [s for s, r in self._records.items() if r.locked_until is None]:
                del self._records[source]

    def locked_for(self, source: str) -> float:
        """Seconds the source is still locked out (0: it may try)."""
        with self._lock:
            now = self._clock.now()
            record = self._record(source, now)
            if record.locked_until is None or record.locked_until <= now:
                return 0.0
            return (record.locked_until - now).total_seconds()

    def failed(self, source: str) -> float:
        """Count a refused code; the lockout it starts in seconds (0: none yet)."""
        with self._lock:
            now = self._clock.now()
            record = self._record(source, now)
            record.failures += 1
            if record.failures < self.max_failures:
                return 0.0
            lockout = min(self.max_lockout_s, self.base_lockout_s * 2**record.lockouts)
            record.failures = 0
            record.lockouts += 1
            record.locked_until = now + timedelta(seconds=lockout)
            return lockout

    def succeeded(self, source: str) -> None:
        """A code was accepted: the failures in a row start again (lockouts stay)."""
        with self._lock:
            self._record(source, self._clock.now()).failures = 0
