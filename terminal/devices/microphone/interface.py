"""The microphone interface the screens use.

``start`` and ``stop`` return at once (recording runs in the background); the
level meter polls ``levels()``; when ``recording`` turns False by itself, the
length limit was reached and ``stop()`` hands over the note.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from terminal.devices.microphone.pcm import VoiceNote
from terminal.devices.state import DeviceState, DeviceStatus


class MicrophoneError(Exception):
    """No recording. ``reason``: absent, offline, busy, not_recording."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


@runtime_checkable
class Microphone(Protocol):
    max_seconds: float

    def state(self) -> DeviceState:
        """The microphone's state within about a second."""
        ...

    def start(self, max_seconds: float | None = None) -> None:
        """Begin recording, for at most ``max_seconds`` (never more than configured)."""
        ...

    def stop(self) -> VoiceNote:
        """End recording and hand over the note (also after the limit stopped it)."""
        ...

    @property
    def recording(self) -> bool:
        """True between ``start`` and the limit or ``stop``."""
        ...

    def levels(self, count: int = 20) -> list[float]:
        """Recent RMS levels 0..1, oldest first, for a level meter."""
        ...

    def close(self) -> None:
        """Stop and release the device."""
        ...


class NoMicrophone:
    """No microphone (``backend = "none"``), or one that could not be set up."""

    max_seconds = 0.0

    def __init__(self, state: DeviceState | None = None) -> None:
        self._state = state or DeviceState(DeviceStatus.ABSENT, "no microphone configured")

    def state(self) -> DeviceState:
        return self._state

    def start(self, max_seconds: float | None = None) -> None:
        raise MicrophoneError(self._state.status.value, self._state.reason)

    def stop(self) -> VoiceNote:
        raise MicrophoneError("not_recording")

    @property
    def recording(self) -> bool:
        return False

    def levels(self, count: int = 20) -> list[float]:
        return []

    def close(self) -> None:
        """Nothing to release."""


def effective_limit(configured: float, requested: float | None) -> float:
    """The shorter of the configured and requested limits."""
    if requested is None or requested <= 0:
        return configured
    return min(configured, requested)
