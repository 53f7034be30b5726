"""A microphone without hardware: "records" a generated WAV as time passes.

The sample (resources/devices/voice_note_demo.wav, or ``simulator_file``)
loops for as long as the recording runs; it goes through the same
`PcmRecorder` as real audio, so the limit and the level meter behave alike.
The clock can be injected so tests need not wait.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

from terminal.devices.microphone.interface import MicrophoneError, effective_limit
from terminal.devices.microphone.pcm import PcmRecorder, VoiceNote, read_wav
from terminal.devices.state import DeviceState, DeviceStatus

DEMO_WAV = Path(__file__).resolve().parents[3] / "resources" / "devices" / "voice_note_demo.wav"


class SimulatedMicrophone:
    """A `Microphone` replaying a WAV file in a loop."""

    def __init__(
        self,
        wav_file: Path | None = None,
        *,
        max_seconds: float = 120.0,
        clock: Callable[[], float] = time.monotonic,
        reason: str = "simulator",
    ) -> None:
        self._pcm, self._format = read_wav((wav_file or DEMO_WAV).read_bytes())
        if not self._pcm:
            raise ValueError("the simulator's WAV file holds no samples")
        self.max_seconds = max_seconds
        self._clock = clock
        self._reason = reason
        self._lock = threading.Lock()
        self._recorder: PcmRecorder | None = None
        self._started_at = 0.0
        self._fed = 0  # bytes of (looped) sample already handed to the recorder
        self._running = False
        self._offline = False

    def set_offline(self, offline: bool) -> None:
        self._offline = offline

    def state(self) -> DeviceState:
        if self._offline:
            return DeviceState(DeviceStatus.OFFLINE, "simulated microphone unplugged")
        return DeviceState(DeviceStatus.OK, self._reason)

    def start(self, max_seconds: float | None = None) -> None:
        if self._offline:
            raise MicrophoneError("offline", "simulated microphone unplugged")
        with self._lock:
            if self._running:
                raise MicrophoneError("busy", "already recording")
            limit = effective_limit(self.max_seconds, max_seconds)
            self._recorder = PcmRecorder(self._format, limit)
            self._started_at = self._clock()
            self._fed = 0
            self._running = True

    @property
    def recording(self) -> bool:
        with self._lock:
            self._advance()
            return self._running

    def levels(self, count: int = 20) -> list[float]:
        with self._lock:
            self._advance()
            return self._recorder.levels(count) if self._recorder else []

    def stop(self) -> VoiceNote:
        with self._lock:
            if self._recorder is None:
                raise MicrophoneError("not_recording")
            self._advance()
            note = self._recorder.voice_note()
            self._recorder, self._running = None, False
            return note

    def close(self) -> None:
        with self._lock:
            self._recorder, self._running = None, False

    def _advance(self) -> None:
        """Feed the recorder the sample bytes the elapsed time calls for."""
        if self._recorder is None or not self._running:
            return
        fmt = self._format
        elapsed = max(0.0, self._clock() - self._started_at)
        target = int(elapsed * fmt.bytes_per_second)
        target -= target % fmt.frame_bytes
        while self._fed < target and self._running:
            offset = self._fed % len(self._pcm)
            chunk = self._pcm[offset : offset + min(target - self._fed, len(self._pcm) - offset)]
            self._running = self._recorder.feed(chunk)
            self._fed += len(chunk)
