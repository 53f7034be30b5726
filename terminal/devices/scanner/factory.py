"""Build the configured scanner from the ``[scanner]`` settings.

Keys (defaults in brackets): backend ["wedge"] one of wedge, serial, simulator,
none; port [""]; baudrate [9600]; wedge_max_key_interval_ms [35];
wedge_min_length [8] (the last two are read by the UI's scan filter through
`WedgeSettings.from_settings`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from terminal.devices.scanner.serial_scanner import SerialScanner
from terminal.devices.scanner.source import CodeScanner, NoScanner, QueuedScanner
from terminal.devices.state import DeviceState, DeviceStatus

BACKENDS = ("wedge", "serial", "simulator", "none")
WEDGE_REASON = "keyboard wedge: cannot be asked; scan a test code on the diagnostics screen"


def scanner_from_settings(settings: Mapping[str, Any]) -> CodeScanner:
    """The scanner ``settings`` describe; a wedge returns a queue the UI filter feeds."""
    backend = str(settings.get("backend", "wedge")).strip().lower()
    if backend == "none":
        return NoScanner()
    if backend == "wedge":
        return QueuedScanner(WEDGE_REASON)
    if backend == "simulator":
        return QueuedScanner("simulator")
    if backend == "serial":
        port = str(settings.get("port", "") or "")
        if port:
            return SerialScanner(port, int(settings.get("baudrate", 9600)))
        problem = "scanner.port is not set"
    else:
        problem = f"scanner.backend {backend!r} is not one of {', '.join(BACKENDS)}"
    broken = QueuedScanner()
    broken.set_state(DeviceState(DeviceStatus.OFFLINE, problem))
    return broken
