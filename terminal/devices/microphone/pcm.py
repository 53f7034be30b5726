"""Qt-free audio pieces: collect 16-bit PCM up to a limit, measure levels, write WAV.

Both microphone backends feed their samples through `PcmRecorder`, which
enforces the length limit to the sample, keeps a short history of RMS levels
(0..1) for the screen's level meter, and turns the result into a WAV file in
memory. Recordings are personal data: nothing here touches the disk.
"""

from __future__ import annotations

import io
import math
import sys
import wave
from array import array
from collections import deque
from dataclasses import dataclass


@dataclass(frozen=True)
class PcmFormat:
    """Signed 16-bit little-endian PCM."""

    sample_rate: int = 16000
    channels: int = 1

    @property
    def bytes_per_second(self) -> int:
        return self.sample_rate * self.channels * 2

    @property
    def frame_bytes(self) -> int:
        return self.channels * 2


@dataclass(frozen=True, repr=False)
class VoiceNote:
    """A finished recording, ready to attach."""

    audio: bytes
    media_type: str
    duration_s: float

    def __repr__(self) -> str:  # never dump a citizen's voice into a log
        return f"VoiceNote({self.media_type}, {self.duration_s:.2f} s, {len(self.audio)} bytes)"


def rms_level(pcm: bytes) -> float:
    """Root mean square of 16-bit samples, scaled to 0..1."""
    samples = array("h")
    samples.frombytes(pcm[: len(pcm) - len(pcm) % 2])
    if not samples:
        return 0.0
    if sys.byteorder == "big":
        samples.byteswap()
    return min(1.0, math.sqrt(sum(s * s for s in samples) / len(samples)) / 32768.0)


def wav_bytes(pcm: bytes, fmt: PcmFormat) -> bytes:
    out = io.BytesIO()
    with wave.open(out, "wb") as wav:
        wav.setnchannels(fmt.channels)
        wav.setsampwidth(2)
        wav.setframerate(fmt.sample_rate)
        wav.writeframes(pcm)
    return out.getvalue()


def read_wav(data: bytes) -> tuple[bytes, PcmFormat]:
    """PCM and format of a 16-bit WAV; ValueError for anything else."""
    try:
        with wave.open(io.BytesIO(data), "rb") as wav:
            if wav.getsampwidth() != 2:
                raise ValueError("only 16-bit WAV is supported")
            fmt = PcmFormat(wav.getframerate(), wav.getnchannels())
            return wav.readframes(wav.getnframes()), fmt
    except (wave.Error, EOFError) as exc:
        raise ValueError(f"not a WAV file: {exc}") from exc


class PcmRecorder:
    """Collects PCM chunks until ``max_seconds``; not thread-safe (one owner)."""

    def __init__(
        self,
        fmt: PcmFormat,
        max_seconds: float,
        *,
        level_window_s: float = 0.05,
        level_history: int = 200,
    ) -> None:
        if max_seconds <= 0:
            raise ValueError("max_seconds must be positive")
        self.format = fmt
        self.max_seconds = max_seconds
        limit = int(max_seconds * fmt.bytes_per_second)
        self._limit = limit - limit % fmt.frame_bytes
        window = int(level_window_s * fmt.sample_rate) * fmt.frame_bytes
        self._window_bytes = max(fmt.frame_bytes, window)
        self._pcm = bytearray()
        self._measured = 0  # bytes already turned into levels
        self._levels: deque[float] = deque(maxlen=level_history)

    @property
    def full(self) -> bool:
        return len(self._pcm) >= self._limit

    @property
    def duration_s(self) -> float:
        return len(self._pcm) / self.format.bytes_per_second

    def feed(self, data: bytes) -> bool:
        """Add samples; False once the limit is reached (the rest is dropped)."""
        room = self._limit - len(self._pcm)
        if room > 0:
            self._pcm += data[:room]
        while len(self._pcm) - self._measured >= self._window_bytes:
            end = self._measured + self._window_bytes
            self._levels.append(rms_level(bytes(self._pcm[self._measured : end])))
            self._measured = end
        return not self.full

    def levels(self, count: int = 20) -> list[float]:
        """The last ``count`` window levels, oldest first."""
        if count <= 0:
            return []
        return list(self._levels)[-count:]

    def voice_note(self) -> VoiceNote:
        return VoiceNote(wav_bytes(bytes(self._pcm), self.format), "audio/wav", self.duration_s)
