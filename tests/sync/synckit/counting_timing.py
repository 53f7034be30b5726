"""A FakeTiming that stops the worker by itself after a number of waits."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from sync.timing import FakeTiming


@dataclass
class CountingTiming(FakeTiming):
    """Records waits like FakeTiming; after ``stop_after`` of them it calls stop()."""

    stop_after: int = 5
    done: threading.Event = field(default_factory=threading.Event)

    def sleep(self, seconds: float) -> None:
        super().sleep(seconds)
        if len(self.sleeps) >= self.stop_after:
            self.stop()
            self.done.set()
