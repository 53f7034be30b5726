"""A camera without hardware: hands out the test images in turn.

The images (resources/devices/camera/, or the ``simulator_images`` folder)
go through the same `prepare_captured_photo` as real captures.
"""

from __future__ import annotations

import threading
from pathlib import Path

from terminal.devices.camera.interface import CameraError
from terminal.devices.camera.photo import CapturedPhoto, prepare_captured_photo
from terminal.devices.state import DeviceState, DeviceStatus

DEMO_IMAGES_DIR = Path(__file__).resolve().parents[3] / "resources" / "devices" / "camera"
_SUFFIXES = {".jpg", ".jpeg", ".png"}


class SimulatedCamera:
    """A `Camera` cycling through image files; can be told to be offline."""

    def __init__(
        self,
        images_dir: Path | None = None,
        *,
        max_side_px: int = 1600,
        jpeg_quality: int = 85,
        reason: str = "simulator",
    ) -> None:
        folder = images_dir or DEMO_IMAGES_DIR
        self.images = sorted(p for p in folder.iterdir() if p.suffix.lower() in _SUFFIXES)
        if not self.images:
            raise ValueError(f"no .jpg or .png images in {folder}")
        self.max_side_px = max_side_px
        self.jpeg_quality = jpeg_quality
        self._reason = reason
        self._next = 0
        self._offline = False
        self._lock = threading.Lock()

    def set_offline(self, offline: bool) -> None:
        self._offline = offline

    def state(self) -> DeviceState:
        if self._offline:
            return DeviceState(DeviceStatus.OFFLINE, "simulated camera unplugged")
        return DeviceState(DeviceStatus.OK, self._reason)

    def capture(self, timeout_s: float) -> CapturedPhoto:
        if self._offline:
            raise CameraError("offline", "simulated camera unplugged")
        with self._lock:
            path = self.images[self._next % len(self.images)]
            self._next += 1
        return prepare_captured_photo(path.read_bytes(), self.max_side_px, self.jpeg_quality)

    def close(self) -> None:
        """Nothing to release."""
