"""Central's time as this terminal estimates it: the local clock plus a learnt offset.

Signatures carry a timestamp that central accepts within ±300 s. A kiosk's
clock can be far off (no NTP in a hall network), so every ``server_time``
central sends (enrolment, heartbeat, a ``clock-skew`` problem) updates the
offset, and the offset is kept in kv so that it survives a restart.
"""

from __future__ import annotations

import logging
import threading
from datetime import datetime

from sync.kv import CLOCK_OFFSET, read_kv, write_kv
from sync.timing import Timing
from terminal.store.startup import OpenStore

log = logging.getLogger(__name__)
PERSIST_CHANGE_S = 2.0  # smaller changes are network delay, not worth a write


class ServerClock:
    """``now()`` is the local clock corrected by the last known offset to central."""

    def __init__(self, timing: Timing, store: OpenStore | None = None) -> None:
        self._timing = timing
        self._store = store
        self._lock = threading.Lock()
        stored = read_kv(store, CLOCK_OFFSET) if store is not None else None
        self._offset = float(stored) if stored else 0.0
        self._persisted = self._offset

    @property
    def offset_s(self) -> float:
        with self._lock:
            return self._offset

    def now(self) -> float:
        """Estimated unix seconds on central."""
        return self._timing.time() + self.offset_s

    def learn(self, server_time: datetime) -> float:
        """Take central's time as truth now; returns the new offset in seconds."""
        offset = server_time.timestamp() - self._timing.time()
        with self._lock:
            self._offset = offset
            persist = abs(offset - self._persisted) >= PERSIST_CHANGE_S
            if persist:
                self._persisted = offset
        if persist:
            if abs(offset) >= 60:
                log.warning("local clock is %.0f s off central's; correcting", -offset)
            if self._store is not None:
                write_kv(self._store, CLOCK_OFFSET, f"{offset:.3f}")
        return offset
