"""Printer test fixtures: a receipt with long Chinese text, and fake ESC/POS printers.

The fakes are real peers, not mocks: a TCP server on 127.0.0.1 and a pty
serial device, each recording every byte and answering ``DLE EOT n`` status
requests the way an ESC/POS printer does.
"""

from __future__ import annotations

import os
import select
import socket
import threading
import tty
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone

import pytest

from terminal.receipts.model import Receipt

PRINTER_URL = "https://zwfw.example.gov.cn/r/0042-261127-0123-7?ts=1795745460&sig=MFRGGZDFMZTWQ2LK"

# Status bytes (answers to DLE EOT 1, 2, 4) as an ESC/POS printer sends them.
PRINTER_STATUS_BYTES = {
    "ready": {1: 0x12, 2: 0x12, 4: 0x12},
    "paper_out": {1: 0x1A, 2: 0x32, 4: 0x7E},  # offline, stopped at paper end, no paper
    "near_end": {1: 0x12, 2: 0x12, 4: 0x1E},
    "cover_open": {1: 0x1A, 2: 0x16, 4: 0x12},
}


@pytest.fixture
def printer_receipt() -> Receipt:
    """A receipt with a long hall name, a long category and full-width symbols."""
    return Receipt(
        hall_name="昆明市五华区人民政府政务服务中心华山街道便民服务分中心（马上办示范点）",
        title="诉求受理回执",
        receipt_no="0042-261127-0123-7",
        issued_at=datetime(2026, 11, 27, 10, 11, tzinfo=timezone(timedelta(hours=8))),
        kind="appeal",
        kind_label="诉求",
        subject_label="城乡建设／住房保障／老旧小区改造及加装电梯、物业服务纠纷与公共维修资金使用管理",
        masked_contact="张* 138****5678",
        notice_lines=(
            "工作人员将在3个工作日内与您联系，受理费用：￥0。",
            "如需补充材料，请携带本回执到A区12号窗口办理。",
        ),
        qr_payload=PRINTER_URL,
        queued_offline=True,
    )


class FakeEscposPeer:
    """Records bytes sent to a printer and computes its real-time status answers."""

    def __init__(self) -> None:
        self.status = dict(PRINTER_STATUS_BYTES["ready"])
        self.silent = False
        self.paper_out_after: int | None = None  # bytes received before the roll runs out
        self.received = bytearray()
        self._scan = 0
        self._lock = threading.Lock()

    def set_condition(self, name: str) -> None:
        """Answer as a printer that is "ready", "paper_out", "near_end" or "cover_open"."""
        with self._lock:
            self.status = dict(PRINTER_STATUS_BYTES[name])

    def take(self, data: bytes) -> bytes:
        """Accept ``data``; return the answers to any complete DLE EOT n in the stream."""
        answers = bytearray()
        with self._lock:
            self.received += data
            limit = self.paper_out_after
            if limit is not None and len(self.received) > limit:
                self.status = dict(PRINTER_STATUS_BYTES["paper_out"])
            while True:
                index = self.received.find(b"\x10\x04", self._scan)
                if index < 0 or index + 2 >= len(self.received):
                    break
                request = self.received[index + 2]
                self._scan = index + 3
                if not self.silent and request in self.status:
                    answers.append(self.status[request])
        return bytes(answers)

    def received_bytes(self) -> bytes:
        with self._lock:
            return bytes(self.received)


class FakeTcpPrinter(FakeEscposPeer):
    """An ESC/POS printer on 127.0.0.1 (a real socket server in a thread)."""

    def __init__(self) -> None:
        super().__init__()
        self._server = socket.create_server(("127.0.0.1", 0))
        self.port = self._server.getsockname()[1]
        self.connections = 0
        self._halt = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def _serve(self) -> None:
        while not self._halt.is_set():
            ready, _, _ = select.select([self._server], [], [], 0.02)
            if not ready:
                continue
            connection, _ = self._server.accept()
            self.connections += 1
            with connection:
                self._talk(connection)

    def _talk(self, connection: socket.socket) -> None:
        while not self._halt.is_set():
            ready, _, _ = select.select([connection], [], [], 0.02)
            if not ready:
                continue
            try:
                data = connection.recv(65536)
            except ConnectionError:
                return
            if not data:
                return
            answers = self.take(data)
            if answers:
                connection.sendall(answers)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._halt.set()
        self._thread.join(2)
        self._server.close()


class FakePtyPrinter(FakeEscposPeer):
    """An ESC/POS printer on the far side of a pty: the kiosk opens ``self.port``."""

    def __init__(self) -> None:
        super().__init__()
        self.master, self.slave = os.openpty()
        tty.setraw(self.slave)
        self.port = os.ttyname(self.slave)
        self._halt = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def _serve(self) -> None:
        while not self._halt.is_set():
            ready, _, _ = select.select([self.master], [], [], 0.02)
            if not ready:
                continue
            try:
                data = os.read(self.master, 65536)
            except OSError:  # the kiosk side closed the port
                continue
            answers = self.take(data)
            if answers:
                os.write(self.master, answers)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._halt.set()
        self._thread.join(2)
        os.close(self.master)
        os.close(self.slave)


@pytest.fixture
def fake_tcp_printer() -> Iterator[FakeTcpPrinter]:
    printer = FakeTcpPrinter()
    printer.start()
    yield printer
    printer.stop()


@pytest.fixture
def fake_pty_printer() -> Iterator[FakePtyPrinter]:
    printer = FakePtyPrinter()
    printer.start()
    yield printer
    printer.stop()
