"""Feeds the status strip: the sync link's signals, and polls of the queue depth
(store lane) and the devices' states (io lane)."""

from __future__ import annotations

import logging
from zoneinfo import ZoneInfo

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
        strip.timezone = ZoneInfo(ctx.core.config.terminal.timezone)  # as receipts show it
        self._queue_timer = QTimer(self)
        self._queue_timer.timeout.connect(self.refresh_queue)
        self._device_timer = QTimer(self)
        self._device_timer.timeout.connect(self.refresh_devices)
        sync = ctx.sync
        sync.online_changed.connect(strip.set_online)
        sync.syncing_changed.connect(strip.set_syncing)
        sync.queue_depth_changed.connect(strip.set_queue_depth)
        sync.last_sync_changed.connect(strip.set_last_sync)
        sync.error_changed.connect(strip.set_error)
        online = sync.online  # the state before our first signal; None: still connecting
        if online is not None:
            strip.set_online(online)  # no sync at all: False, everything waits here
            strip.set_last_sync(sync.last_sync_at)

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
