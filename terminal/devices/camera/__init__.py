"""The camera: interface, photo cleaning, QtMultimedia backend and simulator.

The Qt backend is imported only when configured (`camera_from_settings`), so
the photo normaliser and the simulator work without QtMultimedia.
"""

from terminal.devices.camera.factory import camera_from_settings
from terminal.devices.camera.interface import Camera, CameraError, NoCamera
from terminal.devices.camera.photo import (
    CapturedPhoto,
    PhotoRejected,
    prepare_captured_photo,
    prepare_photo,
)
from terminal.devices.camera.simulator import SimulatedCamera

__all__ = [
    "Camera",
    "CameraError",
    "CapturedPhoto",
    "NoCamera",
    "PhotoRejected",
    "SimulatedCamera",
    "camera_from_settings",
    "prepare_captured_photo",
    "prepare_photo",
]
