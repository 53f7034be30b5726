"""systemd notification from the Qt event loop: READY=1 once Home is shown, then
WATCHDOG=1 heartbeats from a QTimer.

The heartbeat is a timer on the GUI thread on purpose: if that thread freezes
(a deadlock, an endless loop, a blocking call in a slot), the heartbeats stop
and systemd (WatchdogSec=) kills and restarts the terminal, which comes back to
Home with its queue intact (the store is durable). The sd_notify datagram is
written here with `socket`; no dependency. Without NOTIFY_SOCKET (not started
by systemd with Type=notify) nothing is sent.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Mapping

from PySide6.QtCore import QObject, QTimer

log = logging.getLogger(__name__)

DEFAULT_INTERVAL_MS = 10_000


def notify(message: str, env: Mapping[str, str] | None = None) -> bool:
    """Send one sd_notify datagram (e.g. "READY=1"); False when not under systemd."""
    address = (os.environ if env is None else env).get("NOTIFY_SOCKET", "")
    if not address:
        return False
    if address.startswith("@"):  # an abstract socket
        address = "\0" + address[1:]
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC) as sock:
            sock.connect(address)
            sock.sendall(message.encode("ascii"))
    except OSError as exc:
        log.warning("sd_notify failed: %s", type(exc).__name__)
        return False
    return True


def heartbeat_interval_ms(env: Mapping[str, str] | None = None) -> int:
    """A third of systemd's WATCHDOG_USEC (so two beats may be late), else 10 s."""
    usec = (os.environ if env is None else env).get("WATCHDOG_USEC", "")
    try:
        return max(100, int(usec) // 3000) if usec else DEFAULT_INTERVAL_MS
    except ValueError:
        return DEFAULT_INTERVAL_MS


class Watchdog(QObject):
    """Heartbeats while the event loop runs; ``ready()`` once the window is up."""

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        env: Mapping[str, str] | None = None,
        interval_ms: int | None = None,
    ) -> None:
        super().__init__(parent)
        self._env = dict(os.environ if env is None else env)
        self.enabled = bool(self._env.get("NOTIFY_SOCKET"))
        pid = self._env.get("WATCHDOG_PID", "")
        self.watchdog_wanted = self.enabled and (not pid or pid == str(os.getpid()))
        self.beats = 0
        self.is_ready = False
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms or heartbeat_interval_ms(self._env))
        self._timer.timeout.connect(self.beat)

    def start(self) -> None:
        """Start the heartbeats (a no-op when not run by systemd)."""
        if self.watchdog_wanted:
            self._timer.start()
            log.info("systemd watchdog heartbeat every %d ms", self._timer.interval())

    def ready(self) -> None:
        """Tell systemd start-up is complete (Home is on screen); once."""
        if not self.is_ready and self.enabled:
            self.is_ready = notify("READY=1", self._env)
            self.beat()

    def beat(self) -> None:
        if self.watchdog_wanted and notify("WATCHDOG=1", self._env):
            self.beats += 1

    def stop(self) -> None:
        self._timer.stop()
        if self.enabled:
            notify("STOPPING=1", self._env)
