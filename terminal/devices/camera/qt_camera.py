"""The real camera through QtMultimedia (QCamera + QImageCapture + QMediaCaptureSession).

The Qt objects live on the thread that created the `QtCamera` (the GUI
thread, which runs the event loop they need). ``capture`` is called from a
worker: it asks the GUI thread to start the camera and take a picture, then
waits on an event for at most its timeout. The image never touches the disk
(no ``captureToFile``): it is encoded to JPEG in memory on the worker and then
cleaned by `prepare_captured_photo`. The camera is switched off after each
picture, so its light is on only while a photo is being taken.
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, Qt, QThread, Signal, Slot
from PySide6.QtGui import QImage
from PySide6.QtMultimedia import (
    QCamera,
    QCameraDevice,
    QImageCapture,
    QMediaCaptureSession,
    QMediaDevices,
)

from terminal.devices.camera.interface import CameraError
from terminal.devices.camera.photo import CapturedPhoto, PhotoRejected, prepare_captured_photo
from terminal.devices.media_inputs import find_input, input_state
from terminal.devices.state import DeviceState

log = logging.getLogger(__name__)


def find_camera(device: str) -> QCameraDevice | None:
    """The camera whose id or description contains ``device``; the default if empty."""
    return find_input(device, QMediaDevices.videoInputs(), QMediaDevices.defaultVideoInput())


def qimage_to_jpeg(image: QImage, quality: int = 95) -> bytes:
    """Encode a QImage as JPEG in memory."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # PySide6 6.11 wants the format as str here although its stub says bytes.
    if image.isNull() or not image.save(buffer, "JPEG", quality):  # type: ignore[call-overload]
        raise CameraError("offline", "the camera delivered an empty picture")
    buffer.close()
    return bytes(data.data())


class QtCamera(QObject):
    """A `Camera` on QtMultimedia; create it on the GUI thread."""

    _capture_requested = Signal()
    _stop_requested = Signal()

    def __init__(
        self, device: str = "", *, max_side_px: int = 1600, jpeg_quality: int = 85
    ) -> None:
        super().__init__()
        self.device_setting = device
        self.max_side_px = max_side_px
        self.jpeg_quality = jpeg_quality
        self._device = find_camera(device)
        self._camera: QCamera | None = None
        self._session: QMediaCaptureSession | None = None
        self._image_capture: QImageCapture | None = None
        self._waiting = False
        self._lock = threading.Lock()
        self._done = threading.Event()
        self._image: QImage | None = None
        self._error = ""
        self._last_error = ""
        conn = Qt.ConnectionType.QueuedConnection
        self._capture_requested.connect(self._start_capture, conn)
        self._stop_requested.connect(self._stop_camera, conn)

    def state(self) -> DeviceState:
        inputs = QMediaDevices.videoInputs()
        return input_state("camera", self.device_setting, self._device, inputs, self._last_error)

    def capture(self, timeout_s: float) -> CapturedPhoto:
        if QThread.currentThread() is self.thread():
            raise CameraError("wrong_thread", "capture() blocks: call it from a worker")
        if self._device is None:
            raise CameraError("absent", "no camera found")
        with self._lock:
            self._done.clear()
            self._image, self._error = None, ""
            self._capture_requested.emit()
            if not self._done.wait(timeout_s):
                self._stop_requested.emit()
                raise CameraError("timeout", f"no picture within {timeout_s:.1f} s")
            image, error = self._image, self._error
        if error or image is None:
            raise CameraError("offline", error or "no picture")
        try:
            return prepare_captured_photo(
                qimage_to_jpeg(image), self.max_side_px, self.jpeg_quality
            )
        except PhotoRejected as exc:
            raise CameraError("offline", f"unusable picture ({exc.reason})") from exc

    def close(self) -> None:
        self._stop_requested.emit()

    # -- on the GUI thread ----------------------------------------------------

    def _ensure_objects(self) -> QImageCapture:
        if self._image_capture is None:
            assert self._device is not None
            self._camera = QCamera(self._device, self)
            self._session = QMediaCaptureSession(self)
            self._image_capture = QImageCapture(self)
            self._session.setCamera(self._camera)
            self._session.setImageCapture(self._image_capture)
            self._camera.errorOccurred.connect(self._on_camera_error)
            self._image_capture.readyForCaptureChanged.connect(self._on_ready)
            self._image_capture.imageCaptured.connect(self._on_captured)
            self._image_capture.errorOccurred.connect(self._on_capture_error)
        return self._image_capture

    @Slot()
    def _start_capture(self) -> None:
        image_capture = self._ensure_objects()
        assert self._camera is not None
        if image_capture.isReadyForCapture():
            image_capture.capture()
        else:
            self._waiting = True
            self._camera.start()

    @Slot(bool)
    def _on_ready(self, ready: bool) -> None:
        if ready and self._waiting and self._image_capture is not None:
            self._waiting = False
            self._image_capture.capture()

    @Slot(int, QImage)
    def _on_captured(self, _id: int, image: QImage) -> None:
        self._image = image.copy()
        self._last_error = ""
        self._done.set()
        self._stop_camera()

    @Slot(int, QImageCapture.Error, str)
    def _on_capture_error(self, _id: int, _error: QImageCapture.Error, text: str) -> None:
        self._finish_with_error(f"capture failed: {text}")

    @Slot(QCamera.Error, str)
    def _on_camera_error(self, _error: QCamera.Error, text: str) -> None:
        self._finish_with_error(f"camera error: {text}")

    def _finish_with_error(self, message: str) -> None:
        log.warning("camera: %s", message)
        self._error = self._last_error = message
        self._done.set()
        self._stop_camera()

    @Slot()
    def _stop_camera(self) -> None:
        self._waiting = False
        if self._camera is not None and self._camera.isActive():
            self._camera.stop()
