"""The one background sync worker: a plain thread, no Qt (sync/qt_bridge.py adapts it).

Loop: probe → (start jitter after start or reconnect) → cycle → wait.
- offline (the probe got no HTTP answer): back off with full jitter, probe again;
- a cycle fails: back off (Retry-After already honoured inside the client);
- a cycle succeeds: wait ``poll_interval_s``;
``kick()`` ends any wait now (staff pressed "sync", or a citizen just confirmed);
``stop()`` ends it for good, interrupting any sleep. Every change of the
visible state is sent to the listeners as a :class:`SyncStatus`.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sync.errors import SyncError
from sync.heartbeat import DeviceStates
from sync.service import SyncService
from sync.status import SyncStatus
from sync.timing import Stopped
from terminal.catalog import Catalog, CatalogStore
from terminal.runtime import TerminalCore
from terminal.submissions.queue import queue_stats

log = logging.getLogger(__name__)
Listener = Callable[[SyncStatus], None]
INTERNAL_ERROR = "internal-error"


class SyncWorker:
    """Runs sync cycles on its own thread until stopped."""

    def __init__(self, service: SyncService) -> None:
        self._service = service
        self._timing = service.timing
        self._section = service.core.config.sync
        self._listeners: list[Listener] = []
        self._lock = threading.Lock()
        self._status = SyncStatus()
        self._thread: threading.Thread | None = None
        self._retry_after: float | None = None  # of the last failed cycle
        self.cycles = 0

    # --- control, from any thread ---------------------------------------------------

    def add_listener(self, listener: Listener) -> None:
        with self._lock:
            self._listeners.append(listener)

    def remove_listener(self, listener: Listener) -> None:
        with self._lock:
            if listener in self._listeners:
                self._listeners.remove(listener)

    @property
    def status(self) -> SyncStatus:
        with self._lock:
            return self._status

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="sync-worker", daemon=True)
            self._thread.start()

    @property
    def service(self) -> SyncService:
        """The service the worker drives (its lookup is safe to call from other threads)."""
        return self._service

    def kick(self) -> None:
        """Sync now: end the current wait (including the start jitter)."""
        self._timing.wake()

    def stop(self, timeout: float = 15.0) -> None:
        """Stop the loop and wait for the thread (a request in flight ends by its timeout)."""
        self._timing.stop()
        if self._thread is not None:
            self._thread.join(timeout)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    # --- the loop, on the worker thread ---------------------------------------------

    def _publish(self, **changes: Any) -> None:
        with self._lock:
            status = dataclasses.replace(self._status, **changes)
            if status == self._status:
                return
            status = dataclasses.replace(status, version=self._status.version + 1)
            self._status = status
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(status)
            except Exception:  # a broken listener must not stop sync
                log.exception("sync status listener failed")

    def _publish_queue(self) -> None:
        stats = queue_stats(self._service.core.store)
        by_state = stats.by_state
        self._publish(
            queue_depth=by_state.get("pending", 0) + by_state.get("uploading", 0),
            rejected=by_state.get("rejected", 0),
        )

    def _run(self) -> None:
        try:
            self._loop()
        except Stopped:
            pass
        finally:
            self._publish(syncing=False)
            log.info("sync worker stopped")

    def _loop(self) -> None:
        failures = 0
        jitter_due = True  # before the first upload after start or reconnect
        last_heartbeat: float | None = None
        backoff = self._service.backoff
        self._publish_queue()
        while True:
            if not self._service.probe():
                self._publish(online=False, error=self._service.probe_error or "offline")
                jitter_due = True
                self._timing.wait_or_wake(backoff.delay(failures, self._timing))
                failures += 1
                continue
            self._publish(online=True)
            if jitter_due:
                jitter_due = False
                self._timing.wait_or_wake(backoff.start_delay(self._timing))
            now = self._timing.monotonic()
            beat = (
                last_heartbeat is None
                or now - last_heartbeat >= self._section.heartbeat_interval_s
                or self._service.heartbeat.urgent()  # a citizen called for staff
            )
            if self._cycle(beat):
                failures = 0
                if beat:
                    last_heartbeat = now
                self._timing.wait_or_wake(self._section.poll_interval_s)
            else:
                # The server's Retry-After is a floor for the next try, not only for the
                # client's own retries (contract §6).
                retry_after = self._retry_after
                self._timing.wait_or_wake(backoff.delay(failures, self._timing, retry_after))
                failures += 1

    def _cycle(self, heartbeat: bool) -> bool:
        self._publish(syncing=True)
        self._retry_after = None
        try:
            report = self._service.run_cycle(heartbeat=heartbeat)
        except Stopped:
            raise
        except SyncError as exc:
            self._retry_after = getattr(exc, "retry_after_s", None)
            log.warning("sync cycle failed: %s", exc.code)
            self._publish(error=exc.code, online=not exc.retryable)
            return False
        except Exception:
            log.exception("sync cycle failed unexpectedly")
            self._publish(error=INTERNAL_ERROR)
            return False
        finally:
            self._publish(syncing=False)
            self._publish_queue()
        self.cycles += 1
        min_version = report.heartbeat.min_app_version if report.heartbeat else ""
        self._publish(
            error="",
            last_sync_at=report.finished_at,
            min_app_version=min_version or self.status.min_app_version,
        )
        return True


@contextmanager
def running_worker(
    core: TerminalCore,
    server_url: str,
    *,
    devices: DeviceStates | None = None,
    catalogs: CatalogStore | None = None,
    on_catalog: Callable[[Catalog], None] | None = None,
) -> Iterator[SyncWorker]:
    """A started worker for ``core`` and ``server_url``; stopped (and its sessions
    closed) when the block ends, which must be before ``core.close()``."""
    service = SyncService(
        core, server_url, devices=devices, catalogs=catalogs, on_catalog=on_catalog
    )
    worker = SyncWorker(service)
    worker.start()
    try:
        yield worker
    finally:
        worker.stop()
        service.close()
