"""The framing of our serial ID-card reader protocol (docs/devices.md §Serial).

Frame: ``STX | LEN_HI LEN_LO | CMD | PAYLOAD | CHK | ETX`` where LEN counts
CMD and PAYLOAD (1..65535, big-endian) and CHK is the XOR of the LEN bytes,
CMD and every PAYLOAD byte. Replies use the command code with the high bit
set. No I/O here: `encode_frame` builds bytes, `FrameParser` takes bytes as
they arrive and yields frames or raises `FrameError` for a corrupted one.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

STX = 0x02
ETX = 0x03
MAX_LENGTH = 0xFFFF


class Command(IntEnum):
    STATUS = 0x11
    READ_CARD = 0x12
    STATUS_REPLY = 0x91
    READ_REPLY = 0x92
    ERROR = 0xFF  # the reader could not understand the host's frame


class StatusCode(IntEnum):
    """First payload byte of STATUS_REPLY."""

    READY = 0x00
    CARD_PRESENT = 0x01
    FAULT = 0x10  # followed by ASCII text for the technician


class ReadCode(IntEnum):
    """First payload byte of READ_REPLY."""

    OK = 0x00  # followed by the card as UTF-8 JSON
    NO_CARD = 0x01
    READ_FAILED = 0x02  # card present but the chip read failed
    FAULT = 0x10


class ErrorCode(IntEnum):
    """Payload of ERROR."""

    BAD_CHECKSUM = 0x01
    UNKNOWN_COMMAND = 0x02
    BAD_FRAME = 0x03


class FrameError(ValueError):
    """A frame arrived corrupted (bad checksum, missing ETX); the reason is the message."""


@dataclass(frozen=True)
class Frame:
    command: int
    payload: bytes = b""


def checksum(body: bytes) -> int:
    """XOR of every byte of LEN, CMD and PAYLOAD."""
    value = 0
    for byte in body:
        value ^= byte
    return value


def encode_frame(command: int, payload: bytes = b"") -> bytes:
    """The bytes on the wire for one frame."""
    length = 1 + len(payload)
    if length > MAX_LENGTH:
        raise ValueError(f"payload too long for one frame ({len(payload)} bytes)")
    body = length.to_bytes(2, "big") + bytes([command]) + payload
    return bytes([STX]) + body + bytes([checksum(body), ETX])


class FrameParser:
    """Reassembles frames from a byte stream; bytes before an STX are skipped."""

    def __init__(self) -> None:
        self._buffer = bytearray()

    def feed(self, data: bytes) -> None:
        self._buffer += data

    def reset(self) -> None:
        self._buffer.clear()

    def needed(self) -> int:
        """How many more bytes would complete the frame being received (at least 1)."""
        start = self._buffer.find(STX)
        if start < 0 or len(self._buffer) - start < 3:
            return 1
        length = int.from_bytes(self._buffer[start + 1 : start + 3], "big")
        return max(1, start + 3 + length + 2 - len(self._buffer))

    def next_frame(self) -> Frame | None:
        """The next complete frame, None if more bytes are needed.

        Raises `FrameError` for a complete but corrupted frame; its bytes are
        dropped so that parsing can go on with what follows.
        """
        start = self._buffer.find(STX)
        if start < 0:
            self._buffer.clear()
            return None
        del self._buffer[:start]
        if len(self._buffer) < 3:
            return None
        length = int.from_bytes(self._buffer[1:3], "big")
        total = 1 + 2 + length + 2
        if length == 0:
            del self._buffer[:1]
            raise FrameError("zero length")
        if len(self._buffer) < total:
            return None
        frame = bytes(self._buffer[:total])
        del self._buffer[:total]
        body = frame[1 : 3 + length]
        if frame[-1] != ETX:
            raise FrameError("missing ETX")
        if checksum(body) != frame[-2]:
            raise FrameError("bad checksum")
        return Frame(command=body[2], payload=bytes(body[3:]))
