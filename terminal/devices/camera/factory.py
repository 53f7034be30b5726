"""Build the configured camera from the ``[camera]`` settings.

Keys (defaults in brackets): backend ["auto"] one of auto, qt, simulator,
none; device [""] a camera id or part of its name, empty for the default
camera; max_side_px [1600]; jpeg_quality [85]; simulator_images [""] a folder
of .jpg/.png, empty for resources/devices/camera.

"auto" uses the real camera when QtMultimedia lists one and none otherwise:
a kiosk must never attach a simulator's picture to a citizen's case, so the
simulator is only ever chosen by name. Call on the GUI thread (the Qt
camera's objects live there).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from terminal.devices.camera.interface import Camera, NoCamera
from terminal.devices.camera.simulator import SimulatedCamera
from terminal.devices.state import DeviceState, DeviceStatus

log = logging.getLogger(__name__)

BACKENDS = ("auto", "qt", "simulator", "none")


def camera_from_settings(settings: Mapping[str, Any]) -> Camera:
    """The camera ``settings`` (the ``[camera]`` table) describe."""
    backend = str(settings.get("backend", "auto")).strip().lower()
    device = str(settings.get("device", "") or "")
    try:
        max_side = int(settings.get("max_side_px", 1600))
        quality = int(settings.get("jpeg_quality", 85))
        if max_side < 16 or not 1 <= quality <= 95:
            raise ValueError
    except (TypeError, ValueError):
        return _broken("camera.max_side_px must be >= 16 and camera.jpeg_quality 1..95")
    if backend == "none":
        return NoCamera()
    if backend in ("auto", "qt"):
        from terminal.devices.camera.qt_camera import QtCamera, find_camera

        if backend == "qt" or find_camera(device) is not None:
            return QtCamera(device, max_side_px=max_side, jpeg_quality=quality)
        return NoCamera(DeviceState(DeviceStatus.ABSENT, "no camera found"))
    if backend != "simulator":
        return _broken(f"camera.backend {backend!r} is not one of {', '.join(BACKENDS)}")
    folder = str(settings.get("simulator_images", "") or "")
    try:
        return SimulatedCamera(
            Path(folder) if folder else None,
            max_side_px=max_side,
            jpeg_quality=quality,
        )
    except (OSError, ValueError) as exc:
        return _broken(f"camera.simulator_images unusable: {exc}")


def _broken(reason: str) -> Camera:
    log.error("camera not available: %s", reason)
    return NoCamera(DeviceState(DeviceStatus.OFFLINE, reason))
