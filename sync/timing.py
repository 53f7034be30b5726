"""Time, sleep and randomness, injectable so that sync can be tested fast and exactly.

The engine never calls ``time.time``, ``time.sleep`` or ``random`` itself; it
asks a :class:`Timing`. A real one waits on a condition so that ``stop()``
ends any wait at once (raising :class:`Stopped`) and ``wake()`` cuts the
worker's idle wait short.
"""

from __future__ import annotations

import random
import threading
import time
from dataclasses import dataclass, field


class Stopped(Exception):
    """The worker was asked to stop while waiting."""


@dataclass
class Timing:
    """Wall clock, monotonic clock, interruptible sleep and a random source."""

    rng: random.Random = field(default_factory=random.Random)
    _cond: threading.Condition = field(default_factory=threading.Condition, repr=False)
    _stopped: bool = False
    _woken: bool = False

    def time(self) -> float:
        """Unix seconds from this machine's clock (may be wrong; see ServerClock)."""
        return time.time()

    def monotonic(self) -> float:
        return time.monotonic()

    def uniform(self, low: float, high: float) -> float:
        return self.rng.uniform(low, high)

    def sleep(self, seconds: float) -> None:
        """Wait; raise Stopped when stop() is called meanwhile (wake() does not end it)."""
        with self._cond:
            self._cond.wait_for(lambda: self._stopped, timeout=max(0.0, seconds))
            if self._stopped:
                raise Stopped()

    def wait_or_wake(self, seconds: float) -> bool:
        """Wait up to ``seconds``; True when woken early by wake(). Raises Stopped."""
        with self._cond:
            self._cond.wait_for(lambda: self._stopped or self._woken, timeout=max(0.0, seconds))
            if self._stopped:
                raise Stopped()
            woken, self._woken = self._woken, False
            return woken

    def wake(self) -> None:
        """End the current (or the next) wait_or_wake early."""
        with self._cond:
            self._woken = True
            self._cond.notify_all()

    def stop(self) -> None:
        """End every wait now and from now on."""
        with self._cond:
            self._stopped = True
            self._cond.notify_all()

    @property
    def stopping(self) -> bool:
        return self._stopped


@dataclass
class FakeTiming(Timing):
    """A Timing whose clock moves only when something sleeps: for tests and benchmarks.

    ``sleeps`` records every requested delay in order.
    """

    now: float = 1_800_000_000.0
    mono: float = 1000.0
    sleeps: list[float] = field(default_factory=list)

    def time(self) -> float:
        return self.now

    def monotonic(self) -> float:
        return self.mono

    def advance(self, seconds: float) -> None:
        self.now += seconds
        self.mono += seconds

    def sleep(self, seconds: float) -> None:
        if self._stopped:
            raise Stopped()
        self.sleeps.append(seconds)
        self.advance(max(0.0, seconds))

    def wait_or_wake(self, seconds: float) -> bool:
        if self._stopped:
            raise Stopped()
        if self._woken:
            self._woken = False
            return True
        self.sleep(seconds)
        return False
