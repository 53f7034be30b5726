"""Feeds the status strip: the sync bridge's signals when there is one, and polls
of the queue depth (store lane) and the devices' states (io lane)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer

from terminal.submissions.queue import queue_stats
from ui.context import KioskContext
from ui.widgets.status_strip import StatusStrip

log = logging.getLogger(__name__)

QUEUE_POLL_MS = 30_000
DEVICE_POLL_MS = 60_000


class StatusFeed(QObject):
    """Keeps ``strip`` current; ``refresh_queue`` after a submission is confirmed."""

    def __init__(
        self, ctx: KioskContext, strip: StatusStrip, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.strip = strip
        self._queue_timer = QTimer(self)
        self._queue_timer.timeout.connect(self.refresh_queue)
        self._device_timer = QTimer(self)
        self._device_timer.timeout.connect(self.refresh_devices)
        bridge = ctx.sync
        if bridge is not None:
            self._connect(bridge, "online_changed", self._on_online)
            self._connect(bridge, "syncing_changed", strip.set_syncing)
            self._connect(bridge, "queue_depth_changed", strip.set_queue_depth)
            self._connect(bridge, "last_sync_changed", strip.set_last_sync)
            self._connect(bridge, "error_changed", strip.set_error)
            status = getattr(bridge, "status", None)  # the state before our first signal
            if status is not None:
                self._on_online(bool(getattr(status, "online", False)))
                strip.set_last_sync(str(getattr(status, "last_sync_at", "") or ""))
        else:
            strip.set_online(False)  # no sync at all: everything waits on this terminal

    @staticmethod
    def _connect(bridge: QObject, name: str, slot: object) -> None:
        signal = getattr(bridge, name, None)
        if signal is not None:
            signal.connect(slot)

    def _on_online(self, online: bool) -> None:
        self.ctx.online = bool(online)
        self.strip.set_online(bool(online))

    def start(self) -> None:
        """First readings now, then poll."""
        self.refresh_queue()
        self.refresh_devices()
        self._queue_timer.start(QUEUE_POLL_MS)
        self._device_timer.start(DEVICE_POLL_MS)

    def stop(self) -> None:
        self._queue_timer.stop()
        self._device_timer.stop()

    def refresh_queue(self) -> None:
        store = self.ctx.core.store

        self.ctx.ops.run(
            "store",
            lambda: queue_stats(store).waiting,
            success=self.strip.set_queue_depth,
            failure=self.ctx.ops.quietly("queue depth poll"),  # nobody asked: no banner
            owner=self.strip,
        )

    def refresh_devices(self) -> None:
        self.ctx.ops.run(
            "io",
            self.ctx.devices.states,
            success=self.strip.set_devices,
            failure=self.ctx.ops.quietly("device poll"),
            owner=self.strip,
        )
