"""The thin Qt adapter of the sync worker: its state changes as signals on the GUI thread.

The worker calls its listeners on its own thread; the bridge forwards each
snapshot through a queued signal, so the public signals below are emitted on
the thread the bridge lives in (the GUI thread) and screens can connect to them
directly. QtCore only: sync/ never imports widgets.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt, Signal, Slot

from sync.protocol.schemas import ReceiptLookupRequest
from sync.status import SyncStatus
from sync.worker import SyncWorker


class SyncBridge(QObject):
    """Signals: online_changed(bool), syncing_changed(bool), queue_depth_changed(int),
    last_sync_changed(str), error_changed(str)."""

    online_changed = Signal(bool)
    syncing_changed = Signal(bool)
    queue_depth_changed = Signal(int)
    last_sync_changed = Signal(str)
    error_changed = Signal(str)
    _snapshot = Signal(object)  # from the worker thread, queued to ours

    def __init__(self, worker: SyncWorker, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._worker = worker
        self._last = SyncStatus()
        self._snapshot.connect(self._apply, Qt.ConnectionType.QueuedConnection)
        worker.add_listener(self._from_worker)
        # The worker may already be running: replay its state (queued, so slots connected
        # right after construction still see it; stale snapshots are dropped by version).
        self._snapshot.emit(worker.status)

    @property
    def status(self) -> SyncStatus:
        """The last state delivered on this thread."""
        return self._last

    def _from_worker(self, status: SyncStatus) -> None:
        self._snapshot.emit(status)

    @Slot(object)
    def _apply(self, status: SyncStatus) -> None:
        if status.version <= self._last.version:
            return
        previous, self._last = self._last, status
        if status.online != previous.online:
            self.online_changed.emit(status.online)
        if status.syncing != previous.syncing:
            self.syncing_changed.emit(status.syncing)
        if status.queue_depth != previous.queue_depth:
            self.queue_depth_changed.emit(status.queue_depth)
        if status.last_sync_at != previous.last_sync_at:
            self.last_sync_changed.emit(status.last_sync_at)
        if status.error != previous.error:
            self.error_changed.emit(status.error)

    @Slot()
    def kick(self) -> None:
        """Sync now (e.g. right after a citizen confirmed)."""
        self._worker.kick()

    def lookup_receipt(self, request: ReceiptLookupRequest) -> dict[str, Any]:
        """Central's answer for any receipt and the citizen's proof (sync.md §3; the
        shapes are in sync/receipt_lookup.py).

        Blocks on the network: the UI calls it on its io lane, never the GUI thread.
        """
        return self._worker.service.lookup(request)

    def detach(self) -> None:
        """Stop listening to the worker (call before the bridge is destroyed)."""
        self._worker.remove_listener(self._from_worker)
