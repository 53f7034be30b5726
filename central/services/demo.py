"""Demo mode: moves cases along received → accepted → in_progress → resolved over time,
so that status changes flow back to terminals without anyone at the platform.
"""

from __future__ import annotations

import logging
import threading
from datetime import timedelta

from sqlalchemy import select

from central.clock import Clock
from central.services.cases import advance_case
from central.store.engine import Store
from central.store.models import Case

log = logging.getLogger(__name__)
DEMO_PATH = {"received": "accepted", "accepted": "in_progress", "in_progress": "resolved"}
DEMO_DEPARTMENT = "马上办演示受理中心"


class DemoAdvancer:
    """A background thread that advances each appeal and application one step every
    ``interval_s`` seconds (ratings are not worked on)."""

    def __init__(self, store: Store, clock: Clock, interval_s: float) -> None:
        self._store = store
        self._clock = clock
        self._interval = interval_s
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def step(self) -> int:
        """Advance every case that has waited long enough; how many moved."""
        now = self._clock.now()
        due = now - timedelta(seconds=self._interval)
        with self._store.transaction() as session:
            waiting = session.execute(
                select(Case.receipt_no, Case.status, Case.department).where(
                    Case.status.in_(list(DEMO_PATH)),
                    Case.kind != "rating",
                    Case.updated_at <= due,
                )
            ).all()
        for receipt_no, status, department in waiting:
            advance_case(
                self._store,
                receipt_no,
                DEMO_PATH[status],
                now,
                source="demo",
                department=department or DEMO_DEPARTMENT,
            )
        return len(waiting)

    def _run(self) -> None:
        tick = max(0.05, min(self._interval / 4, 1.0))
        while not self._stop.wait(tick):
            try:
                self.step()
            except Exception:  # keep the demo going; the error is logged with its trace
                log.exception("demo advance failed")

    def start(self) -> None:
        """Start the thread."""
        self._thread = threading.Thread(target=self._run, name="demo-advance", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop the thread and wait for it."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=10)
