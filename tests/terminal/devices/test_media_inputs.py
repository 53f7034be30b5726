"""Choosing a camera or microphone input by the ``device`` setting, and its state.

The machine running the tests has no such devices, so the inputs here are small
stand-ins with the three methods QCameraDevice and QAudioDevice share."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QByteArray

from terminal.devices.media_inputs import find_input, input_state
from terminal.devices.state import DeviceStatus


@dataclass(frozen=True)
class FakeInput:
    ident: bytes
    text: str

    def id(self) -> QByteArray:
        return QByteArray(self.ident)

    def description(self) -> str:
        return self.text

    def isNull(self) -> bool:
        return not self.ident


NULL = FakeInput(b"", "")
BUILT_IN = FakeInput(b"/dev/video0", "Integrated Camera")
USB = FakeInput(b"usb-046d", "Logitech BRIO")


def test_empty_setting_means_the_default_or_else_the_first() -> None:
    assert find_input("", [BUILT_IN, USB], USB) is USB
    assert find_input("", [BUILT_IN, USB], NULL) is BUILT_IN
    assert find_input("", [], NULL) is None


def test_a_setting_names_an_id_or_part_of_a_description() -> None:
    assert find_input("usb-046d", [BUILT_IN, USB], NULL) is USB
    assert find_input("brio", [BUILT_IN, USB], NULL) is USB
    assert find_input("046d", [BUILT_IN, USB], NULL) is None  # ids match whole
    assert find_input("Sony", [BUILT_IN, USB], NULL) is None


def test_states() -> None:
    absent = input_state("camera", "", None, [], "")
    assert (absent.status, absent.reason) == (DeviceStatus.ABSENT, "no camera found")
    missing = input_state("microphone", "Sony", None, [USB], "")
    assert (missing.status, missing.reason) == (DeviceStatus.OFFLINE, "microphone 'Sony' not found")
    unplugged = input_state("camera", "brio", USB, [BUILT_IN], "")
    assert (unplugged.status, unplugged.reason) == (DeviceStatus.OFFLINE, "Logitech BRIO unplugged")
    failed = input_state("camera", "brio", USB, [USB], "camera error: busy")
    assert (failed.status, failed.reason) == (DeviceStatus.OFFLINE, "camera error: busy")
    ok = input_state("camera", "brio", USB, [USB], "")
    assert (ok.status, ok.reason) == (DeviceStatus.OK, "Logitech BRIO")
