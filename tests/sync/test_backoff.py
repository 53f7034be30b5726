"""Backoff arithmetic: full-jitter bounds, Retry-After as a floor, the cap, start jitter."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from email.utils import format_datetime

import pytest

from sync.backoff import MAX_RETRY_AFTER_S, Backoff, parse_retry_after
from sync.timing import FakeTiming

BACKOFF = Backoff(base_s=1.0, cap_s=300.0, start_jitter_s=30.0)


class EdgeRandom(random.Random):
    """uniform() returns the low or the high end, to probe the window's bounds."""

    def __init__(self, high: bool) -> None:
        super().__init__(0)
        self.high = high

    def uniform(self, a: float, b: float) -> float:
        return b if self.high else a


@pytest.mark.parametrize(
    ("attempt", "ceiling"), [(0, 1.0), (1, 2.0), (3, 8.0), (8, 256.0), (9, 300.0), (500, 300.0)]
)
def test_window_doubles_until_the_cap(attempt: int, ceiling: float) -> None:
    assert BACKOFF.ceiling(attempt) == ceiling
    assert BACKOFF.delay(attempt, FakeTiming(rng=EdgeRandom(high=True))) == ceiling
    assert BACKOFF.delay(attempt, FakeTiming(rng=EdgeRandom(high=False))) == 0.0


def test_full_jitter_spreads_over_the_whole_window() -> None:
    timing = FakeTiming(rng=random.Random(42))
    delays = [BACKOFF.delay(4, timing) for _ in range(2000)]
    assert all(0.0 <= d <= 16.0 for d in delays)
    assert min(delays) < 1.0 and max(delays) > 15.0  # not "exponential plus a little noise"
    assert 7.0 < sum(delays) / len(delays) < 9.0  # uniform: mean is half the window


def test_retry_after_is_a_floor_not_a_ceiling() -> None:
    low = FakeTiming(rng=EdgeRandom(high=False))
    high = FakeTiming(rng=EdgeRandom(high=True))
    assert BACKOFF.delay(0, low, retry_after_s=7.0) == 7.0  # jitter 0 → the floor
    assert BACKOFF.delay(5, high, retry_after_s=7.0) == 32.0  # jitter above the floor wins
    assert BACKOFF.delay(0, low, retry_after_s=10_000.0) == MAX_RETRY_AFTER_S


def test_retry_after_parses_seconds_and_http_dates() -> None:
    now = datetime(2026, 11, 27, 2, 0, 0, tzinfo=UTC)
    assert parse_retry_after("120", now.timestamp()) == 120.0
    later = format_datetime(datetime(2026, 11, 27, 2, 1, 30, tzinfo=UTC), usegmt=True)
    assert parse_retry_after(later, now.timestamp()) == 90.0
    earlier = format_datetime(datetime(2026, 11, 27, 1, 0, 0, tzinfo=UTC), usegmt=True)
    assert parse_retry_after(earlier, now.timestamp()) == 0.0
    assert parse_retry_after("soon", now.timestamp()) is None
    assert parse_retry_after(None, now.timestamp()) is None
    assert parse_retry_after("99999999", now.timestamp()) == MAX_RETRY_AFTER_S


def test_start_delay_is_within_the_configured_jitter() -> None:
    assert BACKOFF.start_delay(FakeTiming(rng=EdgeRandom(high=True))) == 30.0
    assert BACKOFF.start_delay(FakeTiming(rng=EdgeRandom(high=False))) == 0.0
    timing = FakeTiming(rng=random.Random(1))
    assert all(0 <= BACKOFF.start_delay(timing) <= 30 for _ in range(500))
    assert Backoff(1.0, 300.0, 0.0).start_delay(timing) == 0.0
