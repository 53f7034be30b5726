"""A stand-in for sync/qt_bridge.py's `SyncBridge` (same signals and methods), so UI
tests can attach "sync" to the kiosk's `LateSync` without a worker or central."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal

from sync.protocol.schemas import ReceiptLookupRequest
from sync.status import SyncStatus
from ui.late_sync import LateSync


class FakeBridge(QObject):
    online_changed = Signal(bool)
    syncing_changed = Signal(bool)
    queue_depth_changed = Signal(int)
    last_sync_changed = Signal(str)
    error_changed = Signal(str)

    def __init__(self, status: SyncStatus | None = None) -> None:
        super().__init__()
        self.status = status or SyncStatus(
            online=True, last_sync_at="2026-11-27T02:00:00Z", version=3
        )
        self.kicks = 0
        self.detached = False

    def kick(self) -> None:
        self.kicks += 1

    def lookup_receipt(self, request: ReceiptLookupRequest) -> dict[str, Any]:
        return {"outcome": "lookup-not-matched", "receipt_no": request.receipt_no}

    def detach(self) -> None:
        self.detached = True


def attached(bridge: FakeBridge) -> LateSync:
    """A `LateSync` that sync has already attached to (as after start-up)."""
    late = LateSync()
    late.attach(bridge)  # type: ignore[arg-type]
    return late
