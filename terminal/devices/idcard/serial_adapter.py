"""The example adapter: an ID-card reader speaking our framed serial protocol.

It shows what a vendor adapter does (status, read the card, close) and is a
working backend for readers or bridge boards that speak the protocol of
docs/devices.md. Every wait is bounded by the caller's timeout; a corrupted
reply is asked for again up to ``retries`` times, then reported unreadable.
"""

from __future__ import annotations

import base64
import binascii
import json
import logging
import time
from collections.abc import Mapping
from typing import Any

import serial

from terminal.devices.idcard.reader import CardReaderError
from terminal.devices.idcard.serial_protocol import (
    Command,
    ErrorCode,
    Frame,
    FrameError,
    FrameParser,
    ReadCode,
    StatusCode,
    encode_frame,
)
from terminal.devices.serial_port import LazySerialPort
from terminal.devices.state import DeviceState, DeviceStatus

log = logging.getLogger(__name__)

_RETRYABLE_ERRORS = {ErrorCode.BAD_CHECKSUM, ErrorCode.BAD_FRAME}


class SerialCardAdapter:
    """A `CardReaderAdapter` over pyserial; the port opens on first use."""

    def __init__(
        self,
        port: str,
        baudrate: int = 115200,
        *,
        retries: int = 2,
        poll_interval_s: float = 0.2,
    ) -> None:
        self.port = port
        self.baudrate = int(baudrate)
        self.retries = retries
        self.poll_interval_s = poll_interval_s
        self._link = LazySerialPort(port, self.baudrate, timeout=0.1, write_timeout=1.0)
        self._parser = FrameParser()

    def status(self, timeout_s: float) -> DeviceState:
        try:
            frame = self._exchange(Command.STATUS, time.monotonic() + timeout_s)
        except CardReaderError as exc:
            if exc.reason == "timeout":
                return DeviceState(DeviceStatus.OFFLINE, f"no answer from reader on {self.port}")
            if exc.reason == "unreadable":
                return DeviceState(
                    DeviceStatus.OFFLINE, f"garbled replies on {self.port}: check baud rate, cable"
                )
            return DeviceState(DeviceStatus.OFFLINE, exc.detail or exc.reason.value)
        code = frame.payload[0] if frame.payload else None
        if code == StatusCode.READY:
            return DeviceState(DeviceStatus.OK, "ready")
        if code == StatusCode.CARD_PRESENT:
            return DeviceState(DeviceStatus.OK, "ready, card on reader")
        text = frame.payload[1:].decode("ascii", "replace")
        return DeviceState(DeviceStatus.OFFLINE, f"reader reports a fault: {text}".strip())

    def read_card(self, timeout_s: float) -> Mapping[str, Any]:
        deadline = time.monotonic() + timeout_s
        answered_no_card = False
        while True:
            try:
                frame = self._exchange(Command.READ_CARD, deadline)
            except CardReaderError as exc:
                # The reader has said "no card" and was asked again: the time ran out
                # waiting for a card, not for a silent reader.
                if exc.reason == "timeout" and answered_no_card:
                    raise CardReaderError("no_card") from exc
                raise
            code = frame.payload[0] if frame.payload else None
            if code == ReadCode.OK:
                return _card_fields(frame.payload[1:])
            if code == ReadCode.NO_CARD:
                answered_no_card = True
                if time.monotonic() + self.poll_interval_s >= deadline:
                    raise CardReaderError("no_card")
                time.sleep(self.poll_interval_s)
                continue
            if code == ReadCode.READ_FAILED:
                raise CardReaderError("unreadable", "reader could not read the chip")
            if code == ReadCode.FAULT:
                raise CardReaderError("offline", "reader reports a hardware fault")
            raise CardReaderError("unreadable", f"unexpected read reply code {code!r}")

    def close(self) -> None:
        self._link.close()

    # -- the exchange of one command and its reply ---------------------------

    def _open(self) -> serial.Serial:
        try:
            return self._link.get()
        except (serial.SerialException, OSError, ValueError) as exc:
            raise CardReaderError("offline", f"cannot open {self.port}: {exc}") from exc

    def _exchange(self, command: Command, deadline: float) -> Frame:
        corrupted = 0
        while True:
            port = self._open()
            try:
                port.reset_input_buffer()
                self._parser.reset()
                port.write(encode_frame(command))
                frame = self._receive(port, command | 0x80, deadline)
            except FrameError as exc:
                reason = str(exc)
            except (serial.SerialException, OSError) as exc:
                self.close()
                raise CardReaderError("offline", f"serial I/O error on {self.port}") from exc
            else:
                is_error = frame.command == Command.ERROR
                if not (is_error and frame.payload and frame.payload[0] in _RETRYABLE_ERRORS):
                    if is_error:
                        raise CardReaderError("offline", "reader rejected the command")
                    return frame
                reason = "reader saw a corrupted command"
            corrupted += 1
            log.info("card reader on %s: %s (attempt %d)", self.port, reason, corrupted)
            if corrupted > self.retries:
                raise CardReaderError("unreadable", f"{reason} after {corrupted} attempts")

    def _receive(self, port: serial.Serial, reply: int, deadline: float) -> Frame:
        while True:
            frame = self._parser.next_frame()
            if frame is not None and frame.command in (reply, Command.ERROR):
                return frame
            if frame is not None:
                continue  # a stale reply to an earlier command
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise CardReaderError("timeout", f"no reply from reader on {self.port}")
            port.timeout = min(remaining, 0.2)
            self._parser.feed(port.read(self._parser.needed()))


def _card_fields(payload: bytes) -> dict[str, Any]:
    """The card's JSON fields; ``photo_jpeg_base64`` becomes ``photo`` bytes."""
    try:
        fields = json.loads(payload.decode("utf-8"))
        if not isinstance(fields, dict):
            raise ValueError("not an object")
        photo = fields.pop("photo_jpeg_base64", None)
        fields["photo"] = base64.b64decode(photo, validate=True) if photo else None
    except (UnicodeDecodeError, ValueError, binascii.Error, TypeError) as exc:
        raise CardReaderError(
            "unreadable", f"card data not valid JSON ({type(exc).__name__})"
        ) from exc
    return fields
