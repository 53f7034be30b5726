"""The serial example adapter end to end: pyserial on a pty, a thread playing the reader.

The reader side frames its bytes with its own code (not the module under
test), so both ends of the protocol are checked against docs/devices.md.
"""

from __future__ import annotations

import base64
import json
import os
import select
import threading
import time
import tty
from collections.abc import Iterator
from datetime import date

import pytest

from terminal.devices.idcard import AdapterCardReader, CardFailureReason, CardReadFailure, IdCard
from terminal.devices.idcard.serial_adapter import SerialCardAdapter
from terminal.devices.idcard.serial_protocol import FrameError, FrameParser, encode_frame
from terminal.devices.idcard.simulator import DEMO_CARDS_FILE, load_cards
from terminal.devices.state import DeviceStatus

TODAY = date(2026, 11, 27)


def wire_frame(command: int, payload: bytes = b"", *, corrupt: bool = False) -> bytes:
    """A frame built straight from the spec: STX, LEN(2, BE), CMD, PAYLOAD, XOR, ETX."""
    body = (len(payload) + 1).to_bytes(2, "big") + bytes([command]) + payload
    chk = 0
    for b in body:
        chk ^= b
    if corrupt:
        chk ^= 0x5A
    return b"\x02" + body + bytes([chk]) + b"\x03"


def card_json(**changes: object) -> bytes:
    card = dict(load_cards(DEMO_CARDS_FILE)[0])
    photo = card.pop("photo")
    card["photo_jpeg_base64"] = base64.b64encode(photo).decode()
    card.update(changes)
    return json.dumps(card, ensure_ascii=False).encode("utf-8")


class PtyReader(threading.Thread):
    """Plays a card reader on the master side of a pty."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.master, self.slave = os.openpty()
        tty.setraw(self.slave)
        self.port = os.ttyname(self.slave)
        self.mode = "card"
        self.card = card_json()
        self.corrupt_replies = 0  # how many of the next replies get a bad checksum
        self.reject_commands = 0  # how many of the next commands get ERROR bad checksum
        self.commands: list[int] = []
        self._halt = threading.Event()

    def run(self) -> None:
        buffer = b""
        while not self._halt.is_set():
            ready, _, _ = select.select([self.master], [], [], 0.02)
            if not ready:
                continue
            buffer += os.read(self.master, 4096)
            while len(buffer) >= 6 and buffer[0] == 0x02:
                length = int.from_bytes(buffer[1:3], "big")
                if len(buffer) < length + 5:
                    break
                command = buffer[3]
                buffer = buffer[length + 5 :]
                self.commands.append(command)
                reply = self._reply(command)
                if reply:
                    os.write(self.master, reply)

    def _reply(self, command: int) -> bytes:
        if self.mode == "silent":
            return b""
        if self.reject_commands:
            self.reject_commands -= 1
            return wire_frame(0xFF, b"\x01")
        corrupt = self.corrupt_replies > 0
        self.corrupt_replies -= 1 if corrupt else 0
        if command == 0x11:
            payload = b"\x10lamp failure" if self.mode == "fault" else b"\x00"
            return wire_frame(0x91, payload, corrupt=corrupt)
        if command == 0x12:
            payload = {
                "card": b"\x00" + self.card,
                "no_card": b"\x01",
                "read_failed": b"\x02",
                "fault": b"\x10",
                "garbage_card": b"\x00{not json",
            }[self.mode]
            noise = b"\xaa\x55" if self.mode == "card" else b""
            return noise + wire_frame(0x92, payload, corrupt=corrupt)
        return wire_frame(0xFF, b"\x02")

    def stop(self) -> None:
        self._halt.set()
        self.join(2)
        os.close(self.master)
        os.close(self.slave)


@pytest.fixture
def device() -> Iterator[PtyReader]:
    reader = PtyReader()
    reader.start()
    yield reader
    reader.stop()


@pytest.fixture
def adapter(device: PtyReader) -> Iterator[SerialCardAdapter]:
    adapter = SerialCardAdapter(device.port, 115200, retries=2, poll_interval_s=0.02)
    yield adapter
    adapter.close()


def read(adapter: SerialCardAdapter, timeout_s: float = 2.0) -> IdCard | CardReadFailure:
    return AdapterCardReader(adapter, today=lambda: TODAY).read(timeout_s)


def test_frame_bytes_match_the_documented_layout() -> None:
    assert encode_frame(0x11) == bytes([0x02, 0x00, 0x01, 0x11, 0x10, 0x03])
    assert encode_frame(0x92, b"\x01") == wire_frame(0x92, b"\x01")
    parser = FrameParser()
    parser.feed(b"\xff" + wire_frame(0x92, b"\x00abc", corrupt=True) + wire_frame(0x91, b"\x00"))
    with pytest.raises(FrameError, match="checksum"):
        parser.next_frame()
    frame = parser.next_frame()
    assert frame is not None and (frame.command, frame.payload) == (0x91, b"\x00")


def test_reads_a_card_with_its_photo(device: PtyReader, adapter: SerialCardAdapter) -> None:
    card = read(adapter)
    assert isinstance(card, IdCard)
    assert card.name == "张三" and card.birth_date == date(1985, 3, 12)
    assert card.photo == load_cards(DEMO_CARDS_FILE)[0]["photo"]
    assert device.commands == [0x12]


def test_status_ok_and_fault(device: PtyReader, adapter: SerialCardAdapter) -> None:
    reader = AdapterCardReader(adapter)
    assert reader.state().status is DeviceStatus.OK
    device.mode = "fault"
    state = reader.state()
    assert state.status is DeviceStatus.OFFLINE and "lamp failure" in state.reason
    result = reader.read(1.0)
    assert isinstance(result, CardReadFailure) and result.reason is CardFailureReason.OFFLINE


def test_one_corrupted_reply_is_asked_again(device: PtyReader, adapter: SerialCardAdapter) -> None:
    device.corrupt_replies = 1
    assert isinstance(read(adapter), IdCard)
    assert device.commands == [0x12, 0x12]


def test_a_rejected_command_is_sent_again(device: PtyReader, adapter: SerialCardAdapter) -> None:
    device.reject_commands = 1
    assert isinstance(read(adapter), IdCard)
    assert device.commands == [0x12, 0x12]


def test_corrupted_replies_every_time_are_unreadable(
    device: PtyReader, adapter: SerialCardAdapter
) -> None:
    device.corrupt_replies = 100
    result = read(adapter)
    assert isinstance(result, CardReadFailure) and result.reason is CardFailureReason.UNREADABLE
    assert device.commands == [0x12] * 3  # the first try and two retries


def test_silent_reader_times_out_without_hanging(
    device: PtyReader, adapter: SerialCardAdapter
) -> None:
    device.mode = "silent"
    started = time.monotonic()
    result = read(adapter, 0.3)
    elapsed = time.monotonic() - started
    assert isinstance(result, CardReadFailure) and result.reason is CardFailureReason.TIMEOUT
    assert 0.25 <= elapsed < 1.0
    started = time.monotonic()
    state = AdapterCardReader(adapter).state()
    assert state.status is DeviceStatus.OFFLINE and "no answer" in state.reason
    assert time.monotonic() - started <= 1.0


@pytest.mark.parametrize(
    ("mode", "reason"),
    [
        ("no_card", CardFailureReason.NO_CARD),
        ("read_failed", CardFailureReason.UNREADABLE),
        ("garbage_card", CardFailureReason.UNREADABLE),
    ],
)
def test_reader_answers(
    device: PtyReader, adapter: SerialCardAdapter, mode: str, reason: CardFailureReason
) -> None:
    device.mode = mode
    result = read(adapter, 1.0)  # "no card" polls until then: room for a busy machine
    assert isinstance(result, CardReadFailure) and result.reason is reason


def test_no_card_polls_until_the_card_arrives(
    device: PtyReader, adapter: SerialCardAdapter
) -> None:
    device.mode = "no_card"
    timer = threading.Timer(0.1, setattr, args=(device, "mode", "card"))
    timer.start()
    try:
        card = read(adapter, 3.0)
    finally:
        timer.join()
    assert isinstance(card, IdCard)
    assert device.commands.count(0x12) >= 2


def test_expired_and_mismatched_cards_are_refused(
    device: PtyReader, adapter: SerialCardAdapter
) -> None:
    device.card = card_json(valid_from="20060101", valid_until="20260101")
    expired = read(adapter)
    assert isinstance(expired, CardReadFailure) and expired.reason is CardFailureReason.EXPIRED
    device.card = card_json(birth_date="19850313")
    mismatch = read(adapter)
    assert isinstance(mismatch, CardReadFailure)
    assert mismatch.reason is CardFailureReason.INVALID_NUMBER


def test_port_reopens_after_the_adapter_is_closed(
    device: PtyReader, adapter: SerialCardAdapter
) -> None:
    assert isinstance(read(adapter), IdCard)
    adapter.close()
    assert isinstance(read(adapter), IdCard)
