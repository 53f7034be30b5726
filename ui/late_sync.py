"""Sync that arrives after the window: the kiosk is shown first, sync attaches later.

Starting sync can take a second or more (the embedded central is a subprocess,
the first start enrols). The window must not wait for it: `LateSync` stands in
for the sync bridge from the start, with the same signals, and forwards the real
bridge's signals once `attach` is called. Until then the status strip says it is
connecting, ``kick`` does nothing (the worker sends everything queued when it
starts) and online lookups are not offered (the kiosk is not online yet).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal


class LateSync(QObject):
    """Signals: online_changed(bool), syncing_changed(bool), queue_depth_changed(int),
    last_sync_changed(str), error_changed(str), attached()."""

    online_changed = Signal(bool)
    syncing_changed = Signal(bool)
    queue_depth_changed = Signal(int)
    last_sync_changed = Signal(str)
    error_changed = Signal(str)
    attached = Signal()

    FORWARDED = (
        "online_changed",
        "syncing_changed",
        "queue_depth_changed",
        "last_sync_changed",
        "error_changed",
    )

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.bridge: Any = None

    @property
    def status(self) -> Any:
        """The bridge's last state; None while connecting (the strip says so)."""
        return getattr(self.bridge, "status", None)

    def attach(self, bridge: QObject) -> None:
        """Forward ``bridge``'s signals from now on and replay its current state."""
        self.bridge = bridge
        for name in self.FORWARDED:
            getattr(bridge, name).connect(getattr(self, name))
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

    def lookup_receipt(self, receipt_no: str) -> dict[str, Any] | None:
        """Central's status of a receipt (blocks; the io lane calls it)."""
        if self.bridge is None:
            raise ConnectionError("sync is still starting")
        result: dict[str, Any] | None = self.bridge.lookup_receipt(receipt_no)
        return result

    def detach(self) -> None:
        if self.bridge is not None:
            self.bridge.detach()
