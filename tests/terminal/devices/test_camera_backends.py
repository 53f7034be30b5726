"""Camera backends: simulator, factory, and the QtMultimedia camera without hardware."""

from __future__ import annotations

import io
import shutil
import threading
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtGui import QColor, QImage
from PySide6.QtMultimedia import QMediaDevices

from terminal.devices.camera import (
    Camera,
    CameraError,
    NoCamera,
    SimulatedCamera,
    camera_from_settings,
)
from terminal.devices.camera.qt_camera import QtCamera, qimage_to_jpeg
from terminal.devices.camera.simulator import DEMO_IMAGES_DIR
from terminal.devices.scanner import decode_first
from terminal.devices.state import DeviceStatus

# This machine has no PipeWire, VA-API or PulseAudio server; QtMultimedia says so once.
pytestmark = pytest.mark.qt_log_ignore(
    r"Couldn't (load|resolve) .*(library|symbols)", r"PulseAudioService: .* failed"
)


def test_simulator_cycles_through_the_test_images() -> None:
    camera = SimulatedCamera(max_side_px=640, jpeg_quality=70)
    assert isinstance(camera, Camera)
    assert camera.state().status is DeviceStatus.OK
    photos = [camera.capture(1.0) for _ in range(len(camera.images) + 1)]
    assert all((p.width, p.height) == (640, 360) for p in photos)
    assert photos[0].jpeg == photos[-1].jpeg  # wrapped round
    assert len({p.jpeg for p in photos}) == len(camera.images)
    assert not Image.open(io.BytesIO(photos[0].jpeg)).getexif()


def test_a_simulated_frame_holds_a_scannable_code() -> None:
    camera = SimulatedCamera()
    texts = [decode_first(camera.capture(1.0).jpeg) for _ in camera.images]
    assert "0042-261127-0123-X" in texts


def test_simulator_offline() -> None:
    camera = SimulatedCamera()
    camera.set_offline(True)
    assert camera.state().status is DeviceStatus.OFFLINE
    with pytest.raises(CameraError) as caught:
        camera.capture(1.0)
    assert caught.value.reason == "offline"


def test_factory_simulator_with_own_images(tmp_path: Path) -> None:
    shutil.copy(DEMO_IMAGES_DIR / "frame_1.jpg", tmp_path / "only.jpg")
    camera = camera_from_settings(
        {"backend": "simulator", "simulator_images": str(tmp_path), "max_side_px": 320}
    )
    assert isinstance(camera, SimulatedCamera) and len(camera.images) == 1
    assert camera.capture(1.0).width == 320


@pytest.mark.parametrize(
    ("settings", "status", "words"),
    [
        ({"backend": "none"}, DeviceStatus.ABSENT, "no camera configured"),
        ({"backend": "simulator", "simulator_images": "/nonexistent"}, DeviceStatus.OFFLINE, ""),
        ({"backend": "simulator", "jpeg_quality": 200}, DeviceStatus.OFFLINE, "jpeg_quality"),
        ({"backend": "webcam"}, DeviceStatus.OFFLINE, "not one of"),
    ],
)
def test_factory_problems(settings: dict[str, object], status: DeviceStatus, words: str) -> None:
    camera = camera_from_settings(settings)
    assert isinstance(camera, NoCamera)
    assert camera.state().status is status and words in camera.state().reason
    with pytest.raises(CameraError):
        camera.capture(0.1)


def test_auto_uses_the_real_camera_only_when_there_is_one(qapp: object) -> None:
    camera = camera_from_settings({"backend": "auto"})
    if QMediaDevices.videoInputs():
        assert isinstance(camera, QtCamera)
    else:  # never the simulator: its pictures must not become a citizen's photo
        assert isinstance(camera, NoCamera)
        assert camera.state().status is DeviceStatus.ABSENT
        assert "no camera found" in camera.state().reason


def test_qt_camera_without_hardware(qapp: object) -> None:
    if QMediaDevices.videoInputs():
        pytest.skip("this machine has a camera")
    camera = camera_from_settings({"backend": "qt"})
    assert isinstance(camera, QtCamera)
    assert camera.state().status is DeviceStatus.ABSENT
    named = QtCamera("Front USB camera")
    assert named.state().status is DeviceStatus.OFFLINE and "not found" in named.state().reason

    errors: list[CameraError] = []

    def worker() -> None:
        try:
            camera.capture(1.0)
        except CameraError as exc:
            errors.append(exc)

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join(5)
    assert [e.reason for e in errors] == ["absent"]


def test_qt_camera_refuses_to_block_the_gui_thread(qapp: object) -> None:
    with pytest.raises(CameraError) as caught:
        QtCamera().capture(1.0)
    assert caught.value.reason == "wrong_thread"


def test_qimage_to_jpeg_encodes_in_memory(qapp: object) -> None:
    image = QImage(64, 32, QImage.Format.Format_RGB32)
    image.fill(QColor(0, 128, 255))
    jpeg = qimage_to_jpeg(image)
    decoded = Image.open(io.BytesIO(jpeg))
    assert decoded.format == "JPEG" and decoded.size == (64, 32)
    with pytest.raises(CameraError):
        qimage_to_jpeg(QImage())
