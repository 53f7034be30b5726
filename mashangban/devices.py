"""Device states for command-line tools (doctor), built the way the kiosk builds them."""

from __future__ import annotations

import os
from pathlib import Path

from terminal.config import Config
from terminal.devices.device_set import devices_from_config
from terminal.devices.state import DeviceState
from ui.peripherals import system_printer


def device_states(config: Config, data_dir: Path) -> dict[str, DeviceState]:
    """Device states for command-line tools: Qt Multimedia needs a core application."""
    os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia*=false;qt.core.qobject.connect=false")
    from PySide6.QtCore import QCoreApplication

    app = QCoreApplication.instance() or QCoreApplication([])  # noqa: F841 - must outlive the checks
    devices = devices_from_config(config, data_dir, system_printer=system_printer)
    try:
        return devices.states()
    finally:
        devices.close()
