"""The camera interface the screens use.

``capture`` blocks for at most its timeout and so is called from a worker; a
fault is a `CameraError` with a reason the screen turns into plain words.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from terminal.devices.camera.photo import CapturedPhoto
from terminal.devices.state import DeviceState, DeviceStatus


class CameraError(Exception):
    """No photo. ``reason``: absent, offline, timeout, wrong_thread."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


@runtime_checkable
class Camera(Protocol):
    def state(self) -> DeviceState:
        """The camera's state within about a second."""
        ...

    def capture(self, timeout_s: float) -> CapturedPhoto:
        """One photo, metadata-free and size-limited; raises `CameraError`."""
        ...

    def close(self) -> None:
        """Switch the camera off and release it."""
        ...


class NoCamera:
    """No camera (``backend = "none"``), or one that could not be set up."""

    def __init__(self, state: DeviceState | None = None) -> None:
        self._state = state or DeviceState(DeviceStatus.ABSENT, "no camera configured")

    def state(self) -> DeviceState:
        return self._state

    def capture(self, timeout_s: float) -> CapturedPhoto:
        raise CameraError(self._state.status.value, self._state.reason)

    def close(self) -> None:
        """Nothing to release."""
