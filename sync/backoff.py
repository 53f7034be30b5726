"""Retry delays (sync-protocol.md §6): exponential backoff with full jitter.

delay(attempt) = random(0, min(cap, base · 2^attempt)), and a ``Retry-After``
from the server is a floor under it (the server knows its load better than we
do; an absurd value is clamped to ``MAX_RETRY_AFTER_S``). ``start_delay`` is
the random 0..start_jitter_s wait before the first upload after start or after
the network comes back, so that a thousand kiosks do not arrive in one second.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Final

from sync.timing import Timing

MAX_RETRY_AFTER_S: Final = 3600.0


def parse_retry_after(value: str | None, now_unix: float) -> float | None:
    """Seconds to wait from a Retry-After header: delta-seconds or an HTTP date.

    None when absent or unreadable; a date in the past gives 0.
    """
    if value is None:
        return None
    text = value.strip()
    if not text:
        return None
    if text.isdigit():
        return min(float(text), MAX_RETRY_AFTER_S)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    seconds = (when - datetime.fromtimestamp(now_unix, UTC)).total_seconds()
    return min(max(0.0, seconds), MAX_RETRY_AFTER_S)


@dataclass(frozen=True)
class Backoff:
    """The retry schedule, from configuration (sync.backoff_base_s, backoff_cap_s, …)."""

    base_s: float
    cap_s: float
    start_jitter_s: float

    def ceiling(self, attempt: int) -> float:
        """The upper bound of the jitter window for retry number ``attempt`` (0-based)."""
        # 2**attempt overflows float for huge attempts; the cap is reached long before.
        exponent = min(max(attempt, 0), 60)
        return min(self.cap_s, self.base_s * (2.0**exponent))

    def delay(self, attempt: int, timing: Timing, retry_after_s: float | None = None) -> float:
        """Seconds before retry number ``attempt``: full jitter, Retry-After as a floor."""
        jittered = timing.uniform(0.0, self.ceiling(attempt))
        if retry_after_s is not None:
            return max(jittered, min(retry_after_s, MAX_RETRY_AFTER_S))
        return jittered

    def start_delay(self, timing: Timing) -> float:
        """The random wait before the first upload after start or reconnect."""
        return timing.uniform(0.0, self.start_jitter_s) if self.start_jitter_s > 0 else 0.0
