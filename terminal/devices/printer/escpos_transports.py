"""Byte pipes to an ESC/POS printer: network (TCP 9100), serial, USB, file or device.

Each transport opens per request and is closed after it, so a printer that is
switched off and on again is found again without restarting the kiosk. Every
wait is bounded by the timeout given at construction: connecting, each chunk
written, each status byte read. Failures raise OSError (``TransportError`` or
the system's own); the printer class turns them into states.
"""

from __future__ import annotations

import contextlib
import os
import select
import socket
import time
from pathlib import Path
from typing import Any, Protocol

import serial

NETWORK_CHUNK = 4096
SERIAL_CHUNK = 256  # about 0.27 s at 9600 baud, well inside any timeout
DEFAULT_TCP_PORT = 9100
DEFAULT_BAUD = 9600


class TransportError(OSError):
    """The printer could not be reached or did not take the data in time."""


class EscposTransport(Protocol):
    """What the ESC/POS printer needs from a connection."""

    @property
    def name(self) -> str:
        """Where the printer is, for the technician (e.g. "network 10.0.0.5:9100")."""
        ...

    @property
    def supports_status(self) -> bool:
        """Whether the printer can answer DLE EOT status requests on this link."""
        ...

    def open(self) -> None: ...

    def write(self, data: bytes) -> None: ...

    def read(self, size: int) -> bytes:
        """Up to ``size`` bytes; b"" when nothing arrived within the timeout."""
        ...

    def discard_input(self) -> None: ...

    def close(self) -> None: ...


class NetworkTransport:
    """A raw TCP connection, usually port 9100 (JetDirect / "RAW")."""

    supports_status = True

    def __init__(self, host: str, port: int = DEFAULT_TCP_PORT, timeout_s: float = 10.0) -> None:
        self.host, self.port, self.timeout_s = host, port, timeout_s
        self._sock: socket.socket | None = None

    @property
    def name(self) -> str:
        return f"network {self.host}:{self.port}"

    def open(self) -> None:
        try:
            self._sock = socket.create_connection((self.host, self.port), timeout=self.timeout_s)
        except UnicodeError as exc:  # a host name IDNA cannot encode
            raise TransportError(f"bad host name {self.host!r}") from exc

    def _socket(self) -> socket.socket:
        if self._sock is None:
            raise TransportError("connection not open")
        return self._sock

    def write(self, data: bytes) -> None:
        sock = self._socket()
        for start in range(0, len(data), NETWORK_CHUNK):
            sock.sendall(data[start : start + NETWORK_CHUNK])

    def read(self, size: int) -> bytes:
        try:
            return self._socket().recv(size)
        except TimeoutError:
            return b""

    def discard_input(self) -> None:
        sock = self._socket()
        sock.setblocking(False)
        try:
            while sock.recv(4096):
                pass
        except BlockingIOError:
            pass
        finally:
            sock.settimeout(self.timeout_s)

    def close(self) -> None:
        if self._sock is not None:
            with contextlib.suppress(OSError):  # already reset by the printer
                self._sock.shutdown(socket.SHUT_WR)
            self._sock.close()
            self._sock = None


class SerialTransport:
    """An RS-232 printer (or any pyserial URL, e.g. ``loop://``)."""

    supports_status = True

    def __init__(self, port: str, baudrate: int = DEFAULT_BAUD, timeout_s: float = 10.0) -> None:
        self.port, self.baudrate, self.timeout_s = port, baudrate, timeout_s
        self._serial: Any = None

    @property
    def name(self) -> str:
        return f"serial {self.port} at {self.baudrate} baud"

    def open(self) -> None:
        try:
            self._serial = serial.serial_for_url(
                self.port,
                baudrate=self.baudrate,
                timeout=self.timeout_s,
                write_timeout=self.timeout_s,
            )
        except ValueError as exc:  # pyserial's word for a setting the port refuses
            raise TransportError(f"cannot configure {self.port}: {exc}") from exc

    def _port(self) -> Any:
        if self._serial is None:
            raise TransportError("serial port not open")
        return self._serial

    def write(self, data: bytes) -> None:
        port = self._port()
        for start in range(0, len(data), SERIAL_CHUNK):
            port.write(data[start : start + SERIAL_CHUNK])

    def read(self, size: int) -> bytes:
        return bytes(self._port().read(size))

    def discard_input(self) -> None:
        self._port().reset_input_buffer()

    def close(self) -> None:
        if self._serial is not None:
            self._serial.close()
            self._serial = None


class FileTransport:
    """A file or a device node such as ``/dev/usb/lp0``; no status read-back."""

    supports_status = False

    def __init__(self, path: Path, timeout_s: float = 10.0) -> None:
        self.path, self.timeout_s = path, timeout_s
        self._fd: int | None = None

    @property
    def name(self) -> str:
        return f"file {self.path}"

    @property
    def _is_device(self) -> bool:
        return self.path.is_char_device() or str(self.path).startswith("/dev/")

    def check_ready(self) -> str | None:
        """Why the path cannot take a receipt now, or None when it can."""
        if self.path.exists():
            return None if os.access(self.path, os.W_OK) else "not writable"
        if self._is_device:
            return "device not present"
        parent = self.path.parent
        if not parent.is_dir():
            return "folder does not exist"
        return None if os.access(parent, os.W_OK) else "folder not writable"

    def open(self) -> None:
        flags = os.O_WRONLY | os.O_APPEND | os.O_NONBLOCK
        if not self._is_device:  # never create a plain file where a device should be
            flags |= os.O_CREAT
        self._fd = os.open(self.path, flags, 0o644)

    def write(self, data: bytes) -> None:
        if self._fd is None:
            raise TransportError("file not open")
        view = memoryview(data)
        while view:
            deadline = time.monotonic() + self.timeout_s
            _, ready, _ = select.select([], [self._fd], [], max(0.0, deadline - time.monotonic()))
            if not ready:
                raise TransportError(f"{self.name}: not accepting data (timed out)")
            try:
                written = os.write(self._fd, view)
            except BlockingIOError:
                continue
            view = view[written:]

    def read(self, size: int) -> bytes:
        return b""

    def discard_input(self) -> None:
        """Nothing comes back from a file."""

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


class UsbTransport:
    """A USB printer by vendor and product id, through python-escpos (needs pyusb)."""

    supports_status = False

    def __init__(self, vendor_id: int, product_id: int, timeout_s: float = 10.0) -> None:
        self.vendor_id, self.product_id, self.timeout_s = vendor_id, product_id, timeout_s
        self._printer: Any = None

    @property
    def name(self) -> str:
        return f"usb {self.vendor_id:04x}:{self.product_id:04x}"

    def open(self) -> None:
        from escpos.printer import Usb

        if not Usb.is_usable():  # checked first: escpos's Usb raises in __del__ without pyusb
            raise TransportError(f"{self.name}: USB support (pyusb) is not installed")
        timeout_ms = int(self.timeout_s * 1000)
        printer = Usb(self.vendor_id, self.product_id, timeout=timeout_ms)
        try:
            printer.open(raise_not_found=True)
        except OSError:
            raise
        except Exception as exc:  # escpos raises its own types, or RuntimeError without pyusb
            raise TransportError(f"{self.name}: {exc}".splitlines()[0]) from exc
        self._printer = printer

    def write(self, data: bytes) -> None:
        if self._printer is None:
            raise TransportError("usb printer not open")
        device, endpoint = self._printer.device, self._printer.out_ep
        timeout_ms = int(self.timeout_s * 1000)
        for start in range(0, len(data), NETWORK_CHUNK):
            device.write(endpoint, data[start : start + NETWORK_CHUNK], timeout_ms)

    def read(self, size: int) -> bytes:
        return b""

    def discard_input(self) -> None:
        """USB status read-back is not used (not all printers answer on bulk-in)."""

    def close(self) -> None:
        if self._printer is not None:
            try:
                self._printer.close()
            finally:
                self._printer = None
