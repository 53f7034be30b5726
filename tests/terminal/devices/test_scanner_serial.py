"""The serial scanner over a pty, the queue-fed scanners and the factory."""

from __future__ import annotations

import os
import threading
import time
import tty
from collections.abc import Iterator

import pytest

from terminal.devices.scanner import (
    CodeScanner,
    QueuedScanner,
    SerialScanner,
    scanner_from_settings,
)
from terminal.devices.state import DeviceStatus


@pytest.fixture
def pty_port() -> Iterator[tuple[int, str]]:
    master, slave = os.openpty()
    tty.setraw(slave)
    yield master, os.ttyname(slave)
    os.close(master)
    os.close(slave)


@pytest.fixture
def scanner(pty_port: tuple[int, str]) -> Iterator[SerialScanner]:
    scanner = SerialScanner(pty_port[1], 9600)
    assert scanner.state().status is DeviceStatus.OK  # opens the port (opening flushes input)
    yield scanner
    scanner.close()


def test_codes_end_with_cr_lf_or_both(pty_port: tuple[int, str], scanner: SerialScanner) -> None:
    master, _ = pty_port
    assert scanner.state().status is DeviceStatus.OK
    os.write(master, b"FIRST-123\rSECOND-456\nTHIRD-789\r\n")
    assert [scanner.read_code(1.0) for _ in range(3)] == ["FIRST-123", "SECOND-456", "THIRD-789"]
    assert scanner.read_code(0.05) is None  # the CR LF pair gave no empty code


def test_a_code_split_across_reads_is_joined(
    pty_port: tuple[int, str], scanner: SerialScanner
) -> None:
    master, _ = pty_port
    os.write(master, b"https://example.invalid/r/00")
    assert scanner.read_code(0.05) is None
    os.write(master, b"42\r")
    assert scanner.read_code(1.0) == "https://example.invalid/r/0042"


def test_code_arriving_during_the_wait(pty_port: tuple[int, str], scanner: SerialScanner) -> None:
    master, _ = pty_port
    timer = threading.Timer(0.05, os.write, args=(master, b"LATE-CODE\r"))
    timer.start()
    try:
        assert scanner.read_code(3.0) == "LATE-CODE"
    finally:
        timer.join()


def test_utf8_and_gbk_codes(pty_port: tuple[int, str], scanner: SerialScanner) -> None:
    master, _ = pty_port
    os.write(master, "马上办-1\r".encode() + "马上办-2\r".encode("gbk"))
    assert scanner.read_code(1.0) == "马上办-1"
    assert scanner.read_code(1.0) == "马上办-2"


def test_silence_returns_none_within_the_timeout(scanner: SerialScanner) -> None:
    started = time.monotonic()
    assert scanner.read_code(0.2) is None
    assert 0.15 <= time.monotonic() - started < 1.0


def test_missing_port_is_offline_and_reads_nothing() -> None:
    scanner = SerialScanner("/dev/nonexistent-scanner")
    state = scanner.state()
    assert state.status is DeviceStatus.OFFLINE and "cannot open" in state.reason
    assert scanner.read_code(0.1) is None


def test_queued_scanner_hands_codes_over() -> None:
    scanner = QueuedScanner()
    assert isinstance(scanner, CodeScanner)
    threading.Timer(0.02, scanner.deliver, args=("DEMO-1",)).start()
    assert scanner.read_code(2.0) == "DEMO-1"
    assert scanner.read_code(0.01) is None


@pytest.mark.parametrize(
    ("settings", "status", "words"),
    [
        ({}, DeviceStatus.OK, "keyboard wedge"),
        ({"backend": "simulator"}, DeviceStatus.OK, "simulator"),
        ({"backend": "none"}, DeviceStatus.ABSENT, "no scanner"),
        ({"backend": "serial"}, DeviceStatus.OFFLINE, "port is not set"),
        ({"backend": "serial", "port": "/dev/nonexistent-x"}, DeviceStatus.OFFLINE, "cannot open"),
        ({"backend": "laser"}, DeviceStatus.OFFLINE, "not one of"),
    ],
)
def test_factory(settings: dict[str, object], status: DeviceStatus, words: str) -> None:
    scanner = scanner_from_settings(settings)
    assert scanner.state().status is status
    assert words in scanner.state().reason
    scanner.close()


def test_factory_serial_uses_the_port(pty_port: tuple[int, str]) -> None:
    master, port = pty_port
    scanner = scanner_from_settings({"backend": "serial", "port": port, "baudrate": 115200})
    assert isinstance(scanner, SerialScanner) and scanner.baudrate == 115200
    assert scanner.state().status is DeviceStatus.OK
    os.write(master, b"ABC12345\r")
    assert scanner.read_code(1.0) == "ABC12345"
    scanner.close()
