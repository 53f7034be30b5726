"""Sync that arrives after the window: the kiosk is shown first, sync attaches later.

Starting sync can take a second or more (the embedded central is a subprocess,
the first start enrols). The window must not wait for it: `LateSync` is the
kiosk's `SyncLink` (ui/sync_link.py) from the start, with the bridge's signals, and
forwards the real bridge's signals once `attach` is called. Until then the status
strip says it is connecting, ``kick`` does nothing (the worker sends everything
queued when it starts) and online lookups are not offered (the kiosk is not online yet).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from sync.protocol.schemas import ReceiptLookupRequest
    from sync.qt_bridge import SyncBridge
    from sync.status import SyncStatus


class LateSync(QObject):
    """Signals: online_changed(bool), syncing_changed(bool), queue_depth_changed(int),
    last_sync_changed(str), error_changed(str), attached()."""

    online_changed = Signal(bool)
    syncing_changed = Signal(bool)
    queue_depth_changed = Signal(int)
    last_sync_changed = Signal(str)
    error_changed = Signal(str)
    attached = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.bridge: SyncBridge | None = None

    @property
    def available(self) -> bool:
        """Sync runs (or is starting) on this terminal."""
        return True

    @property
    def status(self) -> SyncStatus | None:
        """The bridge's last state; None while connecting (the strip says so)."""
        return None if self.bridge is None else self.bridge.status

    @property
    def online(self) -> bool | None:
        status = self.status
        return None if status is None else bool(status.online)

    @property
    def last_sync_at(self) -> str:
        status = self.status
        return "" if status is None else str(status.last_sync_at or "")

    @property
    def error(self) -> str:
        status = self.status
        return "" if status is None else str(status.error or "")

    def attach(self, bridge: SyncBridge) -> None:
        """Forward ``bridge``'s signals from now on and replay its current state."""
        self.bridge = bridge
        bridge.online_changed.connect(self.online_changed)
        bridge.syncing_changed.connect(self.syncing_changed)
        bridge.queue_depth_changed.connect(self.queue_depth_changed)
        bridge.last_sync_changed.connect(self.last_sync_changed)
        bridge.error_changed.connect(self.error_changed)
        status = self.status
        if status is not None:
            self.online_changed.emit(bool(status.online))
            self.syncing_changed.emit(bool(status.syncing))
            self.last_sync_changed.emit(str(status.last_sync_at or ""))
            self.error_changed.emit(str(status.error or ""))
        self.attached.emit()

    def kick(self) -> None:
        if self.bridge is not None:
            self.bridge.kick()

    def lookup_receipt(self, request: ReceiptLookupRequest) -> dict[str, Any]:
        """Central's answer for a receipt and its proof (blocks; the io lane calls it)."""
        if self.bridge is None:
            raise ConnectionError("sync is still starting")
        return self.bridge.lookup_receipt(request)

    def detach(self) -> None:
        if self.bridge is not None:
            self.bridge.detach()
