"""Microphone: PCM recorder, simulator on a hand-moved clock, factory, Qt without hardware."""

from __future__ import annotations

import io
import math
import struct
import wave
from pathlib import Path

import pytest
from PySide6.QtMultimedia import QMediaDevices

from terminal.devices.microphone import (
    Microphone,
    MicrophoneError,
    NoMicrophone,
    PcmFormat,
    PcmRecorder,
    SimulatedMicrophone,
    microphone_from_settings,
    rms_level,
)
from terminal.devices.microphone.qt_microphone import QtMicrophone
from terminal.devices.state import DeviceStatus

pytestmark = pytest.mark.qt_log_ignore(
    r"Couldn't (load|resolve) .*(library|symbols)", r"PulseAudioService: .* failed"
)
FMT = PcmFormat(16000, 1)


def tone(seconds: float, amplitude: float, rate: int = 16000) -> bytes:
    n = int(seconds * rate)
    return b"".join(
        struct.pack("<h", int(32767 * amplitude * math.sin(2 * math.pi * 440 * i / rate)))
        for i in range(n)
    )


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_rms_of_silence_and_a_sine() -> None:
    assert rms_level(b"") == 0.0
    assert rms_level(bytes(1600)) == 0.0
    assert rms_level(tone(0.1, 0.5)) == pytest.approx(0.5 / math.sqrt(2), abs=0.01)


def test_recorder_cuts_at_the_limit_to_the_sample() -> None:
    recorder = PcmRecorder(FMT, max_seconds=0.5)
    assert recorder.feed(tone(0.3, 0.2))
    assert not recorder.feed(tone(0.3, 0.8))  # crosses the limit
    assert recorder.full and recorder.duration_s == pytest.approx(0.5)
    assert not recorder.feed(tone(0.1, 0.8))
    note = recorder.voice_note()
    with wave.open(io.BytesIO(note.audio)) as wav:
        assert (wav.getframerate(), wav.getnchannels(), wav.getsampwidth()) == (16000, 1, 2)
        assert wav.getnframes() == 8000
    assert note.media_type == "audio/wav" and note.duration_s == pytest.approx(0.5)
    assert "bytes" in repr(note) and "\\x" not in repr(note)


def test_recorder_levels_follow_the_loudness() -> None:
    recorder = PcmRecorder(FMT, max_seconds=5)
    recorder.feed(tone(0.2, 0.1) + tone(0.2, 0.9))
    levels = recorder.levels(8)
    assert len(levels) == 8  # 0.4 s in 50 ms windows
    assert max(levels[:4]) < 0.1 < 0.6 < min(levels[4:])
    assert recorder.levels(3) == levels[-3:]
    assert recorder.levels(0) == []


def test_simulator_records_as_time_passes() -> None:
    clock = Clock()
    mic = SimulatedMicrophone(max_seconds=60, clock=clock)
    assert isinstance(mic, Microphone)
    mic.start()
    assert mic.recording and mic.levels() == []
    clock.now += 1.0
    levels = mic.levels(20)
    assert len(levels) == 20 and max(levels) > 0.2 and min(levels) < max(levels) / 2
    assert all(0.0 <= level <= 1.0 for level in levels)
    clock.now += 1.5  # beyond the 2 s sample: it loops
    note = mic.stop()
    assert note.duration_s == pytest.approx(2.5)
    assert not mic.recording
    with pytest.raises(MicrophoneError) as caught:
        mic.stop()
    assert caught.value.reason == "not_recording"


def test_length_limit_stops_the_recording_by_itself() -> None:
    clock = Clock()
    mic = SimulatedMicrophone(max_seconds=3, clock=clock)
    mic.start(max_seconds=10)  # asks for more than configured: 3 s it is
    clock.now += 2.9
    assert mic.recording
    clock.now += 5
    assert not mic.recording
    assert mic.stop().duration_s == pytest.approx(3.0)
    mic.start(max_seconds=1)  # a shorter limit is honoured
    clock.now += 4
    assert mic.stop().duration_s == pytest.approx(1.0)


def test_simulator_busy_and_offline() -> None:
    mic = SimulatedMicrophone(clock=Clock())
    mic.start()
    with pytest.raises(MicrophoneError, match="busy"):
        mic.start()
    mic.close()
    mic.set_offline(True)
    assert mic.state().status is DeviceStatus.OFFLINE
    with pytest.raises(MicrophoneError, match="offline"):
        mic.start()


def test_factory(tmp_path: Path) -> None:
    own = tmp_path / "own.wav"
    with wave.open(str(own), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(8000)
        wav.writeframes(tone(0.5, 0.3, rate=8000))
    mic = microphone_from_settings(
        {"backend": "simulator", "simulator_file": str(own), "max_seconds": 30}
    )
    assert isinstance(mic, SimulatedMicrophone) and mic.max_seconds == 30
    assert microphone_from_settings({"backend": "none"}).state().status is DeviceStatus.ABSENT
    for settings in (
        {"backend": "simulator", "simulator_file": str(tmp_path / "missing.wav")},
        {"backend": "simulator", "max_seconds": -1},
        {"backend": "cassette"},
    ):
        broken = microphone_from_settings(settings)
        assert isinstance(broken, NoMicrophone)
        assert broken.state().status is DeviceStatus.OFFLINE
        with pytest.raises(MicrophoneError):
            broken.start()


def test_auto_and_qt_without_hardware(qapp: object) -> None:
    if QMediaDevices.audioInputs():
        pytest.skip("this machine has an audio input")
    auto = microphone_from_settings({})
    assert isinstance(auto, NoMicrophone)  # never the simulator's tone as a voice note
    assert auto.state().status is DeviceStatus.ABSENT
    assert "no microphone found" in auto.state().reason
    mic = microphone_from_settings({"backend": "qt"})
    assert isinstance(mic, QtMicrophone)
    assert mic.state().status is DeviceStatus.ABSENT
    assert QtMicrophone("USB headset").state().status is DeviceStatus.OFFLINE
    with pytest.raises(MicrophoneError) as caught:
        mic.start(5)
    assert caught.value.reason == "absent"
    assert not mic.recording and mic.levels() == []
