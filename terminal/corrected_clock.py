"""The time a receipt carries: the local clock corrected by the offset sync measured.

Sync learns central's time at every enrolment and heartbeat and keeps the offset
(central minus local, seconds) in the store's ``kv`` under ``CLOCK_OFFSET_KEY``
(sync/server_clock.py). A kiosk whose clock fell back to 2000-01-01 after a flat
RTC battery still knows that offset, so its receipts carry the true date.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Final

from terminal.store.startup import OpenStore

log = logging.getLogger(__name__)
CLOCK_OFFSET_KEY: Final = "sync.clock_offset_s"


def known_offset_s(store: OpenStore) -> float:
    """The stored offset in seconds (central minus local); 0.0 when never measured."""
    sql = "SELECT value FROM kv WHERE key = ?"
    row = store.read(lambda c: c.execute(sql, (CLOCK_OFFSET_KEY,)).fetchone())
    try:
        return float(row[0]) if row else 0.0
    except (TypeError, ValueError):
        return 0.0


def corrected_clock(
    store: OpenStore, local: Callable[[], datetime] | None = None
) -> Callable[[], datetime]:
    """A clock for confirm: ``local()`` (UTC now) plus the offset stored at that moment.

    A read that fails keeps the last offset read (the confirm's own write reports
    the store's trouble)."""
    now = local or (lambda: datetime.now(UTC))
    last = [0.0]

    def clock() -> datetime:
        try:
            last[0] = known_offset_s(store)
        except sqlite3.Error as exc:
            log.warning("clock offset not read (%s); using the last one", type(exc).__name__)
        return now() + timedelta(seconds=last[0])

    return clock
