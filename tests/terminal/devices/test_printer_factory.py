"""Building the printer from the [printer] settings, and refusing bad ones by key."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from terminal.devices.printer import NoPrinter, ReceiptPrinter, printer_from_settings
from terminal.devices.printer.escpos_printer import EscposPrinter
from terminal.devices.printer.escpos_transports import (
    FileTransport,
    NetworkTransport,
    SerialTransport,
    UsbTransport,
)
from terminal.devices.printer.simulator import SimulatedPrinter
from terminal.devices.state import DeviceStatus
from terminal.receipts.model import Receipt
from ui.printing.system_printer import SystemPrinter


def escpos(tmp_path: Path, connection: str, target: str, **more: Any) -> EscposPrinter:
    settings = {"backend": "escpos", "escpos_connection": connection, "escpos_target": target}
    printer = printer_from_settings({**settings, **more}, tmp_path)
    assert isinstance(printer, EscposPrinter)
    return printer


def test_none_is_absent_and_never_prints(tmp_path: Path, printer_receipt: Receipt) -> None:
    printer = printer_from_settings({"backend": "none"}, tmp_path)
    assert isinstance(printer, NoPrinter) and isinstance(printer, ReceiptPrinter)
    assert printer.state().status is DeviceStatus.ABSENT
    outcome = printer.print_receipt(printer_receipt)
    assert not outcome.printed and outcome.state.status is DeviceStatus.ABSENT


def test_simulator_folder_defaults_into_the_data_dir(tmp_path: Path) -> None:
    printer = printer_from_settings({}, tmp_path)
    assert isinstance(printer, SimulatedPrinter)
    assert printer.folder == tmp_path / "printer-sim"
    relative = printer_from_settings({"simulator_dir": "sim2", "paper_width_mm": 58}, tmp_path)
    assert isinstance(relative, SimulatedPrinter)
    assert relative.folder == tmp_path / "sim2" and relative.paper_width_mm == 58
    absolute = printer_from_settings({"simulator_dir": str(tmp_path / "abs")}, tmp_path / "d")
    assert isinstance(absolute, SimulatedPrinter) and absolute.folder == tmp_path / "abs"


def test_system_backend(tmp_path: Path) -> None:
    printer = printer_from_settings(
        {"backend": "system", "system_printer": "EPSON"}, tmp_path, system_printer=SystemPrinter
    )
    assert isinstance(printer, SystemPrinter) and printer.printer_name == "EPSON"


def test_escpos_targets_are_parsed(tmp_path: Path) -> None:
    network = escpos(tmp_path, "network", "192.168.1.50", timeout_s=3, paper_width_mm=58)
    assert isinstance(network.transport, NetworkTransport)
    assert (network.transport.host, network.transport.port) == ("192.168.1.50", 9100)
    assert network.transport.timeout_s == 3 and network.options.paper_dots == 384
    other_port = escpos(tmp_path, "network", "[fe80::1]:9101").transport
    assert isinstance(other_port, NetworkTransport)
    assert (other_port.host, other_port.port) == ("fe80::1", 9101)

    serial = escpos(tmp_path, "serial", "/dev/ttyS0:115200").transport
    assert isinstance(serial, SerialTransport)
    assert (serial.port, serial.baudrate) == ("/dev/ttyS0", 115200)
    default_baud = escpos(tmp_path, "serial", "COM3").transport
    assert isinstance(default_baud, SerialTransport) and default_baud.baudrate == 9600

    usb = escpos(tmp_path, "usb", "0416:5011", escpos_native_qr=False)
    assert isinstance(usb.transport, UsbTransport)
    assert (usb.transport.vendor_id, usb.transport.product_id) == (0x0416, 0x5011)
    assert usb.options.native_qr is False

    file = escpos(tmp_path, "file", "/dev/usb/lp0").transport
    assert isinstance(file, FileTransport) and file.path == Path("/dev/usb/lp0")


@pytest.mark.parametrize(
    ("settings", "key"),
    [
        ({"backend": "laser"}, "printer.backend"),
        ({"paper_width_mm": 70}, "printer.paper_width_mm"),
        ({"paper_width_mm": True}, "printer.paper_width_mm"),
        ({"timeout_s": 0}, "printer.timeout_s"),
        ({"timeout_s": "5"}, "printer.timeout_s"),
        ({"timeout_s": 500}, "printer.timeout_s"),
        ({"escpos_native_qr": "yes"}, "printer.escpos_native_qr"),
        ({"paper_width": 80}, "printer.paper_width"),
        ({"backend": "escpos", "escpos_connection": "bluetooth", "escpos_target": "x"},
         "printer.escpos_connection"),
        ({"backend": "escpos", "escpos_target": ""}, "printer.escpos_target"),
        ({"backend": "escpos", "escpos_connection": "usb", "escpos_target": "epson"},
         "printer.escpos_target"),
        ({"backend": "escpos", "escpos_connection": "network", "escpos_target": "h:70000"},
         "printer.escpos_target"),
        ({"backend": "escpos", "escpos_connection": "serial", "escpos_target": ":9600"},
         "printer.escpos_target"),
        ({"backend": "system", "system_printer": 5}, "printer.system_printer"),
        ({"backend": "system"}, "printer.backend"),
    ],
)  # fmt: skip
def test_bad_settings_name_the_key(tmp_path: Path, settings: dict[str, Any], key: str) -> None:
    inject = None if key == "printer.backend" else SystemPrinter  # core alone has no Qt printing
    with pytest.raises(ValueError, match=key.replace(".", r"\.")):
        printer_from_settings(settings, tmp_path, system_printer=inject)


def test_the_configuration_defaults_build_a_printer(config: Any, tmp_path: Path) -> None:
    """The [printer] section as the config loader hands it over is accepted as is."""
    printer = printer_from_settings(config.section("printer"), tmp_path)
    assert isinstance(printer, SimulatedPrinter)
