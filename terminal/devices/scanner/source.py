"""The polled scanner interface, and the queue-fed scanners (simulator, wedge).

Workers call ``read_code(timeout_s)`` in a loop; it returns one code or None
after at most the timeout. A keyboard-wedge scanner arrives through the UI's
scan filter instead; `QueuedScanner` lets such codes (or a demo's) be read the
same way.
"""

from __future__ import annotations

import queue
from typing import Protocol, runtime_checkable

from terminal.devices.state import DeviceState, DeviceStatus


@runtime_checkable
class CodeScanner(Protocol):
    """A QR / barcode scanner the kiosk polls from a worker."""

    def state(self) -> DeviceState:
        """The scanner's state within about a second."""
        ...

    def read_code(self, timeout_s: float) -> str | None:
        """The next scanned code, or None when none came within ``timeout_s``."""
        ...

    def close(self) -> None:
        """Release the device."""
        ...


class QueuedScanner:
    """Codes handed in with `deliver` (a demo panel, a test, the wedge filter)."""

    def __init__(self, reason: str = "simulator") -> None:
        self._codes: queue.Queue[str] = queue.Queue()
        self._state = DeviceState(DeviceStatus.OK, reason)

    def deliver(self, code: str) -> None:
        self._codes.put(code)

    def set_state(self, state: DeviceState) -> None:
        """Let a test or demo show another state (e.g. offline)."""
        self._state = state

    def state(self) -> DeviceState:
        return self._state

    def read_code(self, timeout_s: float) -> str | None:
        try:
            return self._codes.get(timeout=max(0.0, timeout_s))
        except queue.Empty:
            return None

    def close(self) -> None:
        """Nothing to release."""


class NoScanner:
    """``backend = "none"``: nothing is connected."""

    def state(self) -> DeviceState:
        return DeviceState(DeviceStatus.ABSENT, "no scanner configured")

    def read_code(self, timeout_s: float) -> str | None:
        return None

    def close(self) -> None:
        """Nothing to release."""
