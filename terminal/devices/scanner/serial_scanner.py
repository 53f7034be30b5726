"""A scanner on a serial port (or a USB scanner in virtual COM mode).

It sends each code as text ended by CR, LF or CR LF. Codes are UTF-8; scanners
left in their Chinese GBK mode send GB18030-compatible bytes, which are
accepted too. Nothing is asked of the scanner: ``state()`` reports whether the
port can be opened.
"""

from __future__ import annotations

import time

import serial

from terminal.devices.serial_port import LazySerialPort
from terminal.devices.state import DeviceState, DeviceStatus

_TERMINATORS = b"\r\n"


class SerialScanner:
    """A `CodeScanner` reading line-terminated codes with pyserial."""

    def __init__(self, port: str, baudrate: int = 9600, *, max_length: int = 4096) -> None:
        self.port = port
        self.baudrate = int(baudrate)
        self.max_length = max_length
        self._link = LazySerialPort(port, self.baudrate, timeout=0.1)
        self._buffer = bytearray()
        self._problem = ""

    def state(self) -> DeviceState:
        try:
            self._open()
        except (serial.SerialException, OSError, ValueError) as exc:
            return DeviceState(DeviceStatus.OFFLINE, f"cannot open {self.port}: {exc}")
        return DeviceState(DeviceStatus.OK, f"port {self.port} open; scan a code to test")

    def read_code(self, timeout_s: float) -> str | None:
        """One code; partial input stays buffered for the next call."""
        deadline = time.monotonic() + max(0.0, timeout_s)
        try:
            port = self._open()
            while True:
                code = self._take_line()
                if code is not None:
                    return code
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return None
                port.timeout = min(remaining, 0.2)
                chunk = port.read(max(1, port.in_waiting))
                self._buffer += chunk
                if len(self._buffer) > self.max_length and not any(
                    t in self._buffer for t in _TERMINATORS
                ):
                    self._buffer.clear()  # noise without an end: drop it
        except (serial.SerialException, OSError, ValueError):
            self.close()
            return None

    def close(self) -> None:
        self._link.close()

    def _open(self) -> serial.Serial:
        return self._link.get()

    def _take_line(self) -> str | None:
        while True:
            ends = [i for i in (self._buffer.find(b"\r"), self._buffer.find(b"\n")) if i >= 0]
            if not ends:
                return None
            end = min(ends)
            line = bytes(self._buffer[:end])
            del self._buffer[: end + 1]
            if line.strip():
                return _decode(line).strip()


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("gb18030", errors="replace")
