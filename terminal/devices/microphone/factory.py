"""Build the configured microphone from the ``[microphone]`` settings.

Keys (defaults in brackets): backend ["auto"] one of auto, qt, simulator, none;
device [""] an input id or part of its name, empty for the default input;
max_seconds [120]; simulator_file [""] a 16-bit WAV, empty for
resources/devices/voice_note_demo.wav.

"auto" uses the real microphone when QtMultimedia lists an input and none
otherwise (the simulator's tone must never become a citizen's voice note, so
it is only chosen by name). Call on the GUI thread.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from terminal.devices.microphone.interface import Microphone, NoMicrophone
from terminal.devices.microphone.simulator import SimulatedMicrophone
from terminal.devices.state import DeviceState, DeviceStatus

log = logging.getLogger(__name__)

BACKENDS = ("auto", "qt", "simulator", "none")


def microphone_from_settings(settings: Mapping[str, Any]) -> Microphone:
    """The microphone ``settings`` (the ``[microphone]`` table) describe."""
    backend = str(settings.get("backend", "auto")).strip().lower()
    device = str(settings.get("device", "") or "")
    try:
        max_seconds = float(settings.get("max_seconds", 120))
        if not 0 < max_seconds <= 600:
            raise ValueError
    except (TypeError, ValueError):
        return _broken("microphone.max_seconds must be a number of seconds, 1..600")
    if backend == "none":
        return NoMicrophone()
    if backend in ("auto", "qt"):
        from terminal.devices.microphone.qt_microphone import QtMicrophone, find_microphone

        if backend == "qt" or find_microphone(device) is not None:
            return QtMicrophone(device, max_seconds=max_seconds)
        return NoMicrophone(DeviceState(DeviceStatus.ABSENT, "no microphone found"))
    if backend != "simulator":
        return _broken(f"microphone.backend {backend!r} is not one of {', '.join(BACKENDS)}")
    wav = str(settings.get("simulator_file", "") or "")
    try:
        return SimulatedMicrophone(Path(wav) if wav else None, max_seconds=max_seconds)
    except (OSError, ValueError) as exc:
        return _broken(f"microphone.simulator_file unusable: {exc}")


def _broken(reason: str) -> Microphone:
    log.error("microphone not available: %s", reason)
    return NoMicrophone(DeviceState(DeviceStatus.OFFLINE, reason))
