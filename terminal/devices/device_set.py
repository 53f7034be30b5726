"""All of a terminal's devices, built once from configuration.

`doctor`, the staff screen and the heartbeat read `states()`. A device whose
settings are wrong comes up offline with the reason, never stopping the kiosk.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from terminal.config import Config
from terminal.devices.camera import Camera, camera_from_settings
from terminal.devices.idcard import IdCardReader, card_reader_from_settings
from terminal.devices.microphone import Microphone, microphone_from_settings
from terminal.devices.printer import ReceiptPrinter, printer_from_settings
from terminal.devices.printer.factory import SystemPrinterFactory
from terminal.devices.printer.interface import PrintOutcome
from terminal.devices.scanner import CodeScanner, scanner_from_settings
from terminal.devices.state import DEVICE_NAMES, DeviceState, DeviceStatus
from terminal.receipts.model import Receipt

log = logging.getLogger(__name__)


class MisconfiguredPrinter:
    """Stands in for a printer whose settings are wrong: offline, with the reason."""

    def __init__(self, reason: str) -> None:
        self._state = DeviceState(DeviceStatus.OFFLINE, reason)

    def state(self) -> DeviceState:
        return self._state

    def print_receipt(self, receipt: Receipt) -> PrintOutcome:
        return PrintOutcome(printed=False, state=self._state, detail=self._state.reason)


@dataclass
class DeviceSet:
    printer: ReceiptPrinter
    card_reader: IdCardReader
    scanner: CodeScanner
    camera: Camera
    microphone: Microphone

    def states(self) -> dict[str, DeviceState]:
        """Each device's state; a device whose check itself fails is offline."""
        result = {}
        for name in DEVICE_NAMES:
            device: Any = getattr(self, name)
            try:
                result[name] = device.state()
            except Exception as exc:  # a broken driver is a device problem, not a crash
                log.warning("%s state check failed: %s", name, type(exc).__name__)
                result[name] = DeviceState(DeviceStatus.OFFLINE, f"state check failed: {exc}")
        return result

    def close(self) -> None:
        for name in DEVICE_NAMES:
            close: Callable[[], None] | None = getattr(getattr(self, name), "close", None)
            if close is not None:
                try:
                    close()
                except Exception as exc:
                    log.warning("closing %s failed: %s", name, type(exc).__name__)


def devices_from_config(
    config: Config, data_dir: Path, *, system_printer: SystemPrinterFactory | None = None
) -> DeviceSet:
    """Build every device the configuration names."""
    try:
        printer: ReceiptPrinter = printer_from_settings(
            config.section("printer"), data_dir, system_printer=system_printer
        )
    except ValueError as exc:
        log.error("printer settings: %s", exc)
        printer = MisconfiguredPrinter(f"settings: {exc}")
    return DeviceSet(
        printer=printer,
        card_reader=card_reader_from_settings(config.section("card_reader")),
        scanner=scanner_from_settings(config.section("scanner")),
        camera=camera_from_settings(config.section("camera")),
        microphone=microphone_from_settings(config.section("microphone")),
    )
