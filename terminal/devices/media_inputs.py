"""Choosing a QtMultimedia input (camera or microphone) and saying how it is.

Both `QCameraDevice` and `QAudioDevice` have an id, a description and a null
state; the configured ``device`` setting names one by its id or part of its
description, and an empty setting means the system's default.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, TypeVar

from PySide6.QtCore import QByteArray

from terminal.devices.state import DeviceState, DeviceStatus


class MediaInput(Protocol):
    def id(self) -> QByteArray: ...
    def description(self) -> str: ...
    def isNull(self) -> bool: ...


Input = TypeVar("Input", bound=MediaInput)


def find_input(device: str, inputs: Sequence[Input], default: Input) -> Input | None:
    """The input whose id is ``device`` or whose description contains it; the default
    (or else the first input) when ``device`` is empty; None when there is none."""
    if not device:
        return default if not default.isNull() else (inputs[0] if inputs else None)
    for candidate in inputs:
        ident = bytes(candidate.id().data()).decode("utf-8", "replace")
        if device == ident or device.lower() in candidate.description().lower():
            return candidate
    return None


def input_state(
    noun: str, setting: str, chosen: Input | None, inputs: Sequence[Input], last_error: str
) -> DeviceState:
    """The state of the input chosen for ``setting``: absent, not found, unplugged, the
    last error it reported, or ok (``noun`` is "camera" or "microphone")."""
    if chosen is None:
        if setting:
            return DeviceState(DeviceStatus.OFFLINE, f"{noun} {setting!r} not found")
        return DeviceState(DeviceStatus.ABSENT, f"no {noun} found")
    present = {bytes(d.id().data()) for d in inputs}
    if bytes(chosen.id().data()) not in present:
        return DeviceState(DeviceStatus.OFFLINE, f"{chosen.description()} unplugged")
    if last_error:
        return DeviceState(DeviceStatus.OFFLINE, last_error)
    return DeviceState(DeviceStatus.OK, chosen.description())
