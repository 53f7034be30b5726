"""ESC/POS printers over real links: TCP on loopback, a pty serial port, files; faults as states."""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from terminal.devices.printer.escpos_printer import EscposPrinter
from terminal.devices.printer.escpos_renderer import EscposOptions, render_escpos
from terminal.devices.printer.escpos_status import STATUS_REQUESTS
from terminal.devices.printer.escpos_transports import (
    FileTransport,
    NetworkTransport,
    SerialTransport,
    UsbTransport,
)
from terminal.devices.state import DeviceStatus
from terminal.receipts.model import Receipt

if TYPE_CHECKING:
    from conftest import FakePtyPrinter, FakeTcpPrinter

QUERY = b"".join(STATUS_REQUESTS)


def tcp_printer(port: int, timeout_s: float = 2.0, native_qr: bool = True) -> EscposPrinter:
    return EscposPrinter(
        NetworkTransport("127.0.0.1", port, timeout_s), EscposOptions(576, native_qr)
    )


@pytest.mark.parametrize("native_qr", [True, False])
def test_tcp_printer_receives_exactly_the_receipt_bytes(
    fake_tcp_printer: FakeTcpPrinter, printer_receipt: Receipt, native_qr: bool
) -> None:
    printer = tcp_printer(fake_tcp_printer.port, native_qr=native_qr)
    outcome = printer.print_receipt(printer_receipt)
    assert outcome.printed, outcome
    assert outcome.state.status is DeviceStatus.OK
    expected = render_escpos(printer_receipt, EscposOptions(576, native_qr))
    assert fake_tcp_printer.received_bytes() == QUERY + expected + QUERY


def test_tcp_paper_out_is_a_state_and_nothing_is_sent(
    fake_tcp_printer: FakeTcpPrinter, printer_receipt: Receipt
) -> None:
    fake_tcp_printer.set_condition("paper_out")
    printer = tcp_printer(fake_tcp_printer.port)
    assert printer.state().status is DeviceStatus.PAPER_OUT
    outcome = printer.print_receipt(printer_receipt)
    assert not outcome.printed
    assert outcome.state.status is DeviceStatus.PAPER_OUT
    assert fake_tcp_printer.received_bytes() == QUERY + QUERY  # two status checks, no receipt


def test_paper_running_out_during_the_receipt_is_not_printed(
    fake_tcp_printer: FakeTcpPrinter, printer_receipt: Receipt
) -> None:
    fake_tcp_printer.paper_out_after = len(QUERY) + 200
    outcome = tcp_printer(fake_tcp_printer.port).print_receipt(printer_receipt)
    assert not outcome.printed
    assert outcome.state.status is DeviceStatus.PAPER_OUT
    assert "reprint" in outcome.detail


@pytest.mark.parametrize(
    ("condition", "status", "reason"),
    [
        ("cover_open", DeviceStatus.OFFLINE, "cover open"),
        ("near_end", DeviceStatus.OK, "paper near end"),
        ("ready", DeviceStatus.OK, ""),
    ],
)
def test_tcp_status_bytes_map_to_states(
    fake_tcp_printer: FakeTcpPrinter, condition: str, status: DeviceStatus, reason: str
) -> None:
    fake_tcp_printer.set_condition(condition)
    state = tcp_printer(fake_tcp_printer.port).state()
    assert (state.status, state.reason) == (status, reason)


def test_silent_printer_times_out_as_offline(
    fake_tcp_printer: FakeTcpPrinter, printer_receipt: Receipt
) -> None:
    fake_tcp_printer.silent = True
    printer = tcp_printer(fake_tcp_printer.port, timeout_s=0.3)
    started = time.monotonic()
    state = printer.state()
    outcome = printer.print_receipt(printer_receipt)
    elapsed = time.monotonic() - started
    assert state.status is DeviceStatus.OFFLINE and "no status answer" in state.reason
    assert not outcome.printed and outcome.state.status is DeviceStatus.OFFLINE
    assert elapsed < 3.0
    assert printer_receipt.qr_payload.encode() not in fake_tcp_printer.received_bytes()


def test_server_that_accepts_and_never_reads_times_out() -> None:
    """A wedged printer: the connection opens, nothing is ever read or answered."""
    server = socket.create_server(("127.0.0.1", 0))
    held: list[socket.socket] = []
    accepting = threading.Thread(target=lambda: held.append(server.accept()[0]), daemon=True)
    accepting.start()
    try:
        printer = tcp_printer(server.getsockname()[1], timeout_s=0.3)
        started = time.monotonic()
        state = printer.state()
        assert state.status is DeviceStatus.OFFLINE
        assert time.monotonic() - started < 3.0
    finally:
        accepting.join(2)
        for connection in held:
            connection.close()
        server.close()


def test_nobody_listening_is_offline_not_an_exception(printer_receipt: Receipt) -> None:
    # Bound, never listening: connects are refused, and no other test can take the port.
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as held:
        held.bind(("127.0.0.1", 0))
        port = held.getsockname()[1]
        printer = tcp_printer(port, timeout_s=0.3)
        state = printer.state()
        assert state.status is DeviceStatus.OFFLINE
        assert f"127.0.0.1:{port}" in state.reason
        assert not printer.print_receipt(printer_receipt).printed


def test_malformed_host_name_is_offline(printer_receipt: Receipt) -> None:
    printer = EscposPrinter(NetworkTransport("a..b", 9100, 0.5))
    assert printer.state().status is DeviceStatus.OFFLINE
    assert not printer.print_receipt(printer_receipt).printed


def test_serial_printer_over_a_pty(
    fake_pty_printer: FakePtyPrinter, printer_receipt: Receipt
) -> None:
    printer = EscposPrinter(SerialTransport(fake_pty_printer.port, 115200, 2.0))
    outcome = printer.print_receipt(printer_receipt)
    assert outcome.printed, outcome
    expected = render_escpos(printer_receipt)
    deadline = time.monotonic() + 2
    while fake_pty_printer.received_bytes() != QUERY + expected + QUERY:
        assert time.monotonic() < deadline, "the pty printer did not get the exact bytes"
        time.sleep(0.01)
    fake_pty_printer.set_condition("paper_out")
    assert printer.state().status is DeviceStatus.PAPER_OUT


def test_silent_serial_printer_is_offline(fake_pty_printer: FakePtyPrinter) -> None:
    fake_pty_printer.silent = True
    state = EscposPrinter(SerialTransport(fake_pty_printer.port, 9600, 0.3)).state()
    assert state.status is DeviceStatus.OFFLINE


def test_serial_loopback_echo_is_not_taken_for_a_status() -> None:
    """loop:// echoes the request (0x10): not a valid status byte, so offline."""
    state = EscposPrinter(SerialTransport("loop://", 9600, 0.3)).state()
    assert state.status is DeviceStatus.OFFLINE
    assert "unexpected status answer 0x10" in state.reason


def test_missing_serial_port_is_offline(tmp_path: Path) -> None:
    state = EscposPrinter(SerialTransport(str(tmp_path / "ttyNONE"), 9600, 0.3)).state()
    assert state.status is DeviceStatus.OFFLINE


def test_file_printer_appends_the_bytes(tmp_path: Path, printer_receipt: Receipt) -> None:
    target = tmp_path / "printer.bin"
    printer = EscposPrinter(FileTransport(target, 1.0), EscposOptions(384, native_qr=False))
    assert printer.state().ok
    assert not target.exists()  # asking for the state creates nothing
    assert printer.print_receipt(printer_receipt).printed
    assert printer.print_receipt(printer_receipt).printed
    once = render_escpos(printer_receipt, EscposOptions(384, native_qr=False))
    assert target.read_bytes() == once + once


def test_file_printer_faults(tmp_path: Path, printer_receipt: Receipt) -> None:
    missing_folder = EscposPrinter(FileTransport(tmp_path / "nope" / "p.bin", 1.0))
    assert missing_folder.state().status is DeviceStatus.OFFLINE
    assert not missing_folder.print_receipt(printer_receipt).printed

    absent_device = EscposPrinter(FileTransport(Path("/dev/usb/lp-mashangban-test"), 1.0))
    state = absent_device.state()
    assert state.status is DeviceStatus.OFFLINE and "device not present" in state.reason
    assert not absent_device.print_receipt(printer_receipt).printed
    assert not Path("/dev/usb/lp-mashangban-test").exists()  # never created


def test_usb_printer_that_cannot_be_found_is_offline(printer_receipt: Receipt) -> None:
    """No pyusb here, or no such device: either way a state, not an exception."""
    printer = EscposPrinter(UsbTransport(0xFFFE, 0xFFFD, 0.5))
    state = printer.state()
    assert state.status is DeviceStatus.OFFLINE
    assert state.reason.startswith("usb fffe:fffd")
    assert not printer.print_receipt(printer_receipt).printed
