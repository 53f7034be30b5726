"""Building the device set for the application, with the UI's system printer."""

from __future__ import annotations

import os
from pathlib import Path

from terminal.config import Config
from terminal.devices.device_set import DeviceSet, devices_from_config
from terminal.devices.printer import ReceiptPrinter
from terminal.devices.state import DeviceState


def system_printer(name: str, paper_width_mm: int) -> ReceiptPrinter:
    """The QtPrintSupport backend, imported only when configured (it loads Qt widgets)."""
    from ui.printing.system_printer import SystemPrinter

    return SystemPrinter(name, paper_width_mm)


def build_devices(config: Config, data_dir: Path) -> DeviceSet:
    return devices_from_config(config, data_dir, system_printer=system_printer)


def device_states(config: Config, data_dir: Path) -> dict[str, DeviceState]:
    """Device states for command-line tools: Qt Multimedia needs a core application."""
    os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia*=false;qt.core.qobject.connect=false")
    from PySide6.QtCore import QCoreApplication

    app = QCoreApplication.instance() or QCoreApplication([])  # noqa: F841 - must outlive the checks
    devices = build_devices(config, data_dir)
    try:
        return devices.states()
    finally:
        devices.close()
