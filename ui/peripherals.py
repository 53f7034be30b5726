"""The devices the citizen screens use: a thin view over the core's DeviceSet.

Screens never call these directly: they go through the operations layer's
``io`` lane. Whatever is missing or broken degrades: no printer → the QR on
screen; no card reader → typing; no camera or microphone → the buttons say
plainly that this terminal cannot take photos or record.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING

from terminal.config import Config
from terminal.devices.state import DEVICE_NAMES, DeviceState, DeviceStatus

if TYPE_CHECKING:  # the drivers are imported by open_peripherals, after the first paint
    from terminal.devices.camera import Camera
    from terminal.devices.device_set import DeviceSet
    from terminal.devices.idcard import IdCardReader
    from terminal.devices.microphone import Microphone
    from terminal.devices.printer import ReceiptPrinter

log = logging.getLogger(__name__)

CAPTURE_TIMEOUT_S = 10.0


class PhotoSource:
    """A camera as the story step uses it: one clean JPEG per call (io lane only)."""

    def __init__(self, camera: Camera, timeout_s: float = CAPTURE_TIMEOUT_S) -> None:
        self._camera = camera
        self._timeout_s = timeout_s

    def capture(self) -> bytes:
        return self._camera.capture(self._timeout_s).jpeg


class VoiceSource:
    """A microphone as the story step uses it: start, then stop gives WAV bytes."""

    def __init__(self, microphone: Microphone, max_seconds: float) -> None:
        self._microphone = microphone
        self._max_seconds = max_seconds

    def start(self) -> None:
        self._microphone.start(self._max_seconds)

    def stop(self) -> bytes:
        return self._microphone.stop().audio


@dataclass
class Peripherals:
    """Everything device-shaped the citizen screens may use; any may be None."""

    printer: ReceiptPrinter | None = None
    card_reader: IdCardReader | None = None
    camera: PhotoSource | None = None
    microphone: VoiceSource | None = None
    device_set: DeviceSet | None = field(default=None, repr=False)
    failure: str = ""  # why the devices could not be opened at all (launch.py)

    def states(self) -> dict[str, DeviceState]:
        """Each device's state (blocks up to ~1 s per device: io lane only)."""
        if self.device_set is not None:
            return self.device_set.states()
        if self.failure:  # staff and the heartbeat see every device offline, and why
            return {name: DeviceState(DeviceStatus.OFFLINE, self.failure) for name in DEVICE_NAMES}
        return {}

    def close(self) -> None:
        if self.device_set is not None:
            self.device_set.close()

    def adopt(self, opened: Peripherals) -> None:
        """Take over ``opened``'s devices (GUI thread): the kiosk shows Home with none
        and opens them right after its first paint; screens read them when they act."""
        for f in fields(self):
            setattr(self, f.name, getattr(opened, f.name))

    @classmethod
    def from_device_set(cls, devices: DeviceSet, config: Config) -> Peripherals:
        """The screens' view of `devices`: an absent camera or microphone shows as None."""

        def present(device: Camera | Microphone) -> bool:
            try:
                return device.state().status is not DeviceStatus.ABSENT
            except Exception as exc:  # a driver may raise anything; then it is not usable
                log.warning("device check failed: %s", type(exc).__name__)
                return False

        return cls(
            printer=devices.printer,
            card_reader=devices.card_reader,
            camera=PhotoSource(devices.camera) if present(devices.camera) else None,
            microphone=(
                VoiceSource(devices.microphone, config.microphone.max_seconds)
                if present(devices.microphone)
                else None
            ),
            device_set=devices,
        )


def system_printer(name: str, paper_width_mm: int) -> ReceiptPrinter:
    """The QtPrintSupport backend, imported only when configured (it loads Qt widgets)."""
    from ui.printing.system_printer import SystemPrinter

    return SystemPrinter(name, paper_width_mm)


def open_peripherals(config: Config, data_dir: Path | None = None) -> Peripherals:
    """Build every configured device through the core's factories (GUI thread: a Qt
    camera's objects live there)."""
    from terminal.devices.device_set import devices_from_config

    devices = devices_from_config(
        config, data_dir or config.data_dir, system_printer=system_printer
    )
    return Peripherals.from_device_set(devices, config)
