"""Build the configured receipt printer from the ``[printer]`` settings section.

Keys and defaults (docs/printing.md explains each):

    backend = "simulator"        # simulator | escpos | system | none
    paper_width_mm = 80          # 80 | 58
    escpos_connection = "file"   # usb | serial | network | file
    escpos_target = ""           # "0416:5011", "/dev/ttyS0:115200", "10.0.0.5[:9100]", a path
    escpos_native_qr = true
    system_printer = ""          # empty = the system's default printer
    simulator_dir = ""           # empty = <data_dir>/printer-sim
    timeout_s = 10.0

A bad value raises ValueError with a sentence that names the key.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from terminal.devices.printer.escpos_printer import EscposPrinter
from terminal.devices.printer.escpos_renderer import EscposOptions
from terminal.devices.printer.escpos_transports import (
    DEFAULT_BAUD,
    DEFAULT_TCP_PORT,
    EscposTransport,
    FileTransport,
    NetworkTransport,
    SerialTransport,
    UsbTransport,
)
from terminal.devices.printer.interface import NoPrinter, ReceiptPrinter
from terminal.devices.printer.layout import PAPER_WIDTH_DOTS

DEFAULTS: dict[str, Any] = {
    "backend": "simulator",
    "paper_width_mm": 80,
    "escpos_connection": "file",
    "escpos_target": "",
    "escpos_native_qr": True,
    "system_printer": "",
    "simulator_dir": "",
    "timeout_s": 10.0,
}
MAX_TIMEOUT_S = 120.0
_USB_ID = re.compile(r"^(?:0x)?([0-9a-fA-F]{1,4}):(?:0x)?([0-9a-fA-F]{1,4})$")


def _fail(key: str, message: str) -> ValueError:
    return ValueError(f"printer.{key} {message}")


def _choice(settings: Mapping[str, Any], key: str, choices: tuple[Any, ...]) -> Any:
    value = settings[key]
    if isinstance(value, bool) or value not in choices:
        options = ", ".join(repr(choice) for choice in choices)
        raise _fail(key, f"must be one of {options}, not {value!r}")
    return value


def _text(settings: Mapping[str, Any], key: str) -> str:
    value = settings[key]
    if not isinstance(value, str):
        raise _fail(key, f"must be text, not {value!r}")
    return value.strip()


def _split_port(target: str, key: str) -> tuple[str, int | None]:
    """ "host:9100" → ("host", 9100); "[::1]:9100" → ("::1", 9100); no number → None."""
    if target.startswith("["):
        host, _, rest = target[1:].partition("]")
        if not rest:
            return host, None
        if not rest.startswith(":") or not rest[1:].isdigit():
            raise _fail(key, f"has a bad port in {target!r}")
        return host, int(rest[1:])
    head, sep, tail = target.rpartition(":")
    if sep and tail.isdigit() and ":" not in head:
        return head, int(tail)
    return target, None


def transport_from_target(connection: str, target: str, timeout_s: float) -> EscposTransport:
    """The ESC/POS link described by ``escpos_connection`` and ``escpos_target``."""
    key = "escpos_target"
    if not target:
        raise _fail(key, f"must say where the {connection} printer is (it is empty)")
    if connection == "usb":
        match = _USB_ID.match(target)
        if not match:
            raise _fail(key, f"must be a USB id like '0416:5011' (vendor:product), not {target!r}")
        return UsbTransport(int(match[1], 16), int(match[2], 16), timeout_s)
    if connection == "serial":
        port, baud = _split_port(target, key)
        if not port or (baud is not None and baud <= 0):
            raise _fail(key, f"must look like '/dev/ttyS0' or '/dev/ttyS0:115200', not {target!r}")
        return SerialTransport(port, baud or DEFAULT_BAUD, timeout_s)
    if connection == "network":
        host, tcp_port = _split_port(target, key)
        if not host or (tcp_port is not None and not 0 < tcp_port < 65536):
            raise _fail(
                key, f"must look like '192.168.1.50' or '192.168.1.50:9100', not {target!r}"
            )
        return NetworkTransport(host, tcp_port or DEFAULT_TCP_PORT, timeout_s)
    return FileTransport(Path(target), timeout_s)


SystemPrinterFactory = Callable[[str, int], ReceiptPrinter]


def printer_from_settings(
    settings: Mapping[str, Any],
    data_dir: Path,
    *,
    system_printer: SystemPrinterFactory | None = None,
) -> ReceiptPrinter:
    """The printer the ``[printer]`` section describes; ValueError naming a bad key.

    The "system" backend prints through QtPrintSupport, which loads Qt widgets, so
    it lives in ui/printing/ and the application passes its constructor in as
    `system_printer(name, paper_width_mm)`; the core never imports it.
    """
    unknown = sorted(set(settings) - set(DEFAULTS))
    if unknown:
        raise _fail(unknown[0], "is not a printer setting (check its spelling)")
    merged = {**DEFAULTS, **settings}
    backend = _choice(merged, "backend", ("simulator", "escpos", "system", "none"))
    paper_width_mm = _choice(merged, "paper_width_mm", tuple(PAPER_WIDTH_DOTS))
    timeout_s = merged["timeout_s"]
    if isinstance(timeout_s, bool) or not isinstance(timeout_s, int | float):
        raise _fail("timeout_s", f"must be a number of seconds, not {timeout_s!r}")
    if not 0 < timeout_s <= MAX_TIMEOUT_S:
        raise _fail("timeout_s", f"must be more than 0 and at most {MAX_TIMEOUT_S:g} seconds")
    native_qr = merged["escpos_native_qr"]
    if not isinstance(native_qr, bool):
        raise _fail("escpos_native_qr", f"must be true or false, not {native_qr!r}")

    if backend == "none":
        return NoPrinter()
    if backend == "simulator":
        from terminal.devices.printer.simulator import SimulatedPrinter

        folder = Path(_text(merged, "simulator_dir") or "printer-sim")
        return SimulatedPrinter(data_dir / folder, paper_width_mm, native_qr)
    if backend == "system":
        name = _text(merged, "system_printer")
        if system_printer is None:
            raise _fail("backend", "'system' needs the kiosk application's Qt print support")
        return system_printer(name, paper_width_mm)
    connection = _choice(merged, "escpos_connection", ("usb", "serial", "network", "file"))
    transport = transport_from_target(connection, _text(merged, "escpos_target"), timeout_s)
    return EscposPrinter(transport, EscposOptions(PAPER_WIDTH_DOTS[paper_width_mm], native_qr))
