"""The real microphone through QtMultimedia's QAudioSource (16-bit PCM, in memory).

Create it, and call ``start``/``stop``/``levels`` on, the GUI thread: they
return at once, the samples arrive through ``readyRead``. Nothing is written
to disk; the note is built in memory by `PcmRecorder`, which also stops the
source at the length limit.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QIODevice, QObject, QTimer, Slot
from PySide6.QtMultimedia import QAudioDevice, QAudioFormat, QAudioSource, QMediaDevices, QtAudio

from terminal.devices.media_inputs import find_input, input_state
from terminal.devices.microphone.interface import MicrophoneError, effective_limit
from terminal.devices.microphone.pcm import PcmFormat, PcmRecorder, VoiceNote
from terminal.devices.state import DeviceState

log = logging.getLogger(__name__)


def find_microphone(device: str) -> QAudioDevice | None:
    """The input whose id or description contains ``device``; the default if empty."""
    return find_input(device, QMediaDevices.audioInputs(), QMediaDevices.defaultAudioInput())


def _format_for(device: QAudioDevice, sample_rate: int) -> QAudioFormat | None:
    wanted = QAudioFormat()
    wanted.setSampleRate(sample_rate)
    wanted.setChannelCount(1)
    wanted.setSampleFormat(QAudioFormat.SampleFormat.Int16)
    if device.isFormatSupported(wanted):
        return wanted
    fallback = device.preferredFormat()
    fallback.setSampleFormat(QAudioFormat.SampleFormat.Int16)
    return fallback if device.isFormatSupported(fallback) else None


class QtMicrophone(QObject):
    """A `Microphone` on QAudioSource."""

    def __init__(self, device: str = "", *, max_seconds: float = 120.0) -> None:
        super().__init__()
        self.device_setting = device
        self.max_seconds = max_seconds
        self._device = find_microphone(device)
        self._source: QAudioSource | None = None
        self._io: QIODevice | None = None
        self._recorder: PcmRecorder | None = None
        self._last_error = ""
        self._guard = QTimer(self)  # a backstop if samples stop arriving
        self._guard.setSingleShot(True)
        self._guard.timeout.connect(self._halt)
        # readyRead alone arrives irregularly on some backends: also poll, which
        # keeps the level meter moving at 20 updates a second.
        self._poll = QTimer(self)
        self._poll.setInterval(50)
        self._poll.timeout.connect(self._on_ready_read)

    def state(self) -> DeviceState:
        inputs = QMediaDevices.audioInputs()
        setting, error = self.device_setting, self._last_error
        return input_state("microphone", setting, self._device, inputs, error)

    def start(self, max_seconds: float | None = None) -> None:
        if self._device is None:
            raise MicrophoneError("absent", "no microphone found")
        if self.recording:
            raise MicrophoneError("busy", "already recording")
        qformat = _format_for(self._device, 16000)
        if qformat is None:
            raise MicrophoneError("offline", "the microphone offers no 16-bit format")
        limit = effective_limit(self.max_seconds, max_seconds)
        self._recorder = PcmRecorder(PcmFormat(qformat.sampleRate(), qformat.channelCount()), limit)
        self._source = QAudioSource(self._device, qformat, self)
        self._source.stateChanged.connect(self._on_state)
        self._io = self._source.start()
        self._io.readyRead.connect(self._on_ready_read)
        self._guard.start(int((limit + 1.0) * 1000))
        self._poll.start()

    @property
    def recording(self) -> bool:
        return self._source is not None

    def levels(self, count: int = 20) -> list[float]:
        return self._recorder.levels(count) if self._recorder else []

    def stop(self) -> VoiceNote:
        if self._recorder is None:
            raise MicrophoneError("not_recording")
        self._on_ready_read()
        self._halt()
        note = self._recorder.voice_note()
        self._recorder = None
        return note

    def close(self) -> None:
        self._halt()
        self._recorder = None

    @Slot()
    def _on_ready_read(self) -> None:
        if self._io is None or self._recorder is None:
            return
        if not self._recorder.feed(bytes(self._io.readAll().data())):
            self._halt()  # the length limit: stop taking samples

    # Qt 6.7 renamed the QAudio namespace QtAudio; its enums do not compare equal.
    @Slot(QtAudio.State)
    def _on_state(self, state: QtAudio.State) -> None:
        if self._source is not None and self._source.error() != QtAudio.Error.NoError:
            self._last_error = f"audio input error: {self._source.error().name}"
            log.warning("microphone: %s", self._last_error)
            self._halt()

    @Slot()
    def _halt(self) -> None:
        self._guard.stop()
        self._poll.stop()
        source, self._source, self._io = self._source, None, None
        if source is not None:
            source.stop()
            source.deleteLater()
