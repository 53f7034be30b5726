"""A fault-injecting HTTP proxy on 127.0.0.1, between a terminal and central.

One request per client connection (the proxy asks central for ``Connection: close``
and closes the client side after each answer). Each request gets a fault from a
``schedule`` (a callable of the request's sequence number and its record; see
``seeded_schedule``) and every request is recorded, with central's status and
``Retry-After`` when central answered. Hooks (``before_relay``, ``after_relay``) let a
test act at an exact point of a request instead of guessing a moment.
"""

from __future__ import annotations

import itertools
import json
import random
import socket
import struct
import threading
import time
from collections.abc import Callable, Mapping
from contextlib import suppress
from dataclasses import dataclass

PASS = "pass"
DROP_REQUEST = "drop-request"  # closed before the request reaches central
DROP_RESPONSE = "drop-response"  # central commits, the answer is lost
RESET_MID = "reset-mid-response"  # half the answer, then a TCP reset
STALL = "stall"  # held past the client's timeout, then sent to central, answer lost
STATUS_500, STATUS_503, STATUS_429 = "proxy-500", "proxy-503", "proxy-429"
FAULTS = (DROP_REQUEST, DROP_RESPONSE, RESET_MID, STALL, STATUS_500, STATUS_503, STATUS_429)


@dataclass
class Record:
    """One request as the proxy saw it."""

    seq: int
    at: float  # time.monotonic() when the whole request had arrived
    method: str
    target: str
    terminal_id: str
    fault: str = PASS
    status: int | None = None  # central's status, when central answered
    retry_after: str | None = None  # what the client was told (central's or the proxy's)
    answered_at: float | None = None
    forwarded_at: float | None = None  # when the proxy began sending it to central
    raw: bytes = b""  # the request as received, when the proxy keeps them


Schedule = Callable[[int, Record], str]


def seeded_schedule(seed: int, rate: float, faults: tuple[str, ...] = FAULTS) -> Schedule:
    """Fault ``rate`` of the requests, the kind drawn from ``faults``; reproducible per seed
    (draws depend only on the order requests arrive in)."""
    rng = random.Random(seed)
    lock = threading.Lock()

    def pick(_seq: int, _record: Record) -> str:
        with lock:
            return rng.choice(faults) if rng.random() < rate else PASS

    return pick


def every_nth(n: int, faults: tuple[str, ...], target: str) -> Schedule:
    """Fault every ``n``-th request to ``target`` (cycling through ``faults``), nothing
    else: never two faults in a row, so a client's retries always get through."""
    counter = itertools.count(1)
    lock = threading.Lock()

    def pick(_seq: int, record: Record) -> str:
        if record.target != target:
            return PASS
        with lock:
            k = next(counter)
        return faults[(k // n) % len(faults)] if k % n == 0 else PASS

    return pick


def each_kind_first(faults: tuple[str, ...], target: str, then: Schedule) -> Schedule:
    """Every kind in ``faults`` once, on alternate requests to ``target`` (a pass between,
    so each is recovered from), then ``then``: every kind surely happens, however the
    machine's speed shifts which requests a seeded schedule draws for."""
    counter = itertools.count()
    lock = threading.Lock()

    def pick(seq: int, record: Record) -> str:
        if record.target == target:
            with lock:
                k = next(counter)
            if k < 2 * len(faults):
                return faults[k // 2] if k % 2 else PASS
        return then(seq, record)

    return pick


def _read_request(conn: socket.socket) -> tuple[bytes, dict[str, str], bytes] | None:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return None
        data += chunk
    head, body = data.split(b"\r\n\r\n", 1)
    lines = head.decode("latin-1").split("\r\n")
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    length = int(headers.get("content-length", "0"))
    while len(body) < length:
        chunk = conn.recv(65536)
        if not chunk:
            return None
        body += chunk
    return lines[0].encode("latin-1"), headers, body


def _raw_request(start: bytes, headers: dict[str, str], body: bytes) -> bytes:
    """The request again, asking for ``Connection: close``."""
    lines = [start] + [
        f"{name}: {value}".encode("latin-1")
        for name, value in headers.items()
        if name not in ("connection", "keep-alive")
    ]
    return b"\r\n".join([*lines, b"Connection: close"]) + b"\r\n\r\n" + body


def send_raw(url: str, request: bytes) -> tuple[int, bytes]:
    """Send raw request bytes to ``url`` (loopback); central's status and body."""
    host, _, port = url.removeprefix("http://").rstrip("/").partition(":")
    assert host == "127.0.0.1"
    with socket.create_connection((host, int(port)), timeout=30) as conn:
        conn.sendall(request)
        chunks = []
        while chunk := conn.recv(65536):
            chunks.append(chunk)
    head, _, body = b"".join(chunks).partition(b"\r\n\r\n")
    return int(head.split(b" ")[1]), body


def _problem(status: int, code: str, retry_after: str | None) -> bytes:
    body = json.dumps({"type": f"urn:mashangban:problem:{code}", "title": code,
                       "status": status, "code": code}).encode()  # fmt: skip
    reason = {500: "Internal Server Error", 503: "Service Unavailable", 429: "Too Many Requests"}
    extra = f"Retry-After: {retry_after}\r\n" if retry_after else ""
    head = (f"HTTP/1.1 {status} {reason[status]}\r\nContent-Type: application/problem+json\r\n"
            f"Content-Length: {len(body)}\r\n{extra}Connection: close\r\n\r\n")  # fmt: skip
    return head.encode() + body


def _reset(conn: socket.socket) -> None:
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    conn.close()


class FaultProxy:
    """``with FaultProxy(upstream_url, schedule) as proxy:`` → point the terminal at
    ``proxy.url``. ``before_relay(record)`` runs after central answered, before the
    client gets the answer (tests hold or kill there); ``after_relay(record)`` runs once
    the client has the whole answer."""

    def __init__(
        self,
        upstream_url: str,
        schedule: Schedule | None = None,
        *,
        stall_s: float = 2.0,
        proxy_retry_after: str = "1",
        before_relay: Callable[[Record], None] | None = None,
        after_relay: Callable[[Record], None] | None = None,
        keep_raw: bool = False,
    ) -> None:
        host_port = upstream_url.removeprefix("http://").rstrip("/")
        host, _, port = host_port.partition(":")
        assert host == "127.0.0.1", "the proxy only ever talks to loopback"
        self.upstream = (host, int(port))
        self.schedule = schedule or (lambda _seq, _record: PASS)
        self.stall_s = stall_s
        self.proxy_retry_after = proxy_retry_after
        self.before_relay = before_relay
        self.after_relay = after_relay
        self.keep_raw = keep_raw
        self.records: list[Record] = []
        self._lock = threading.Lock()
        self._listener = socket.create_server(("127.0.0.1", 0), backlog=512)
        self.url = f"http://127.0.0.1:{self._listener.getsockname()[1]}"
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)

    def __enter__(self) -> FaultProxy:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stopping.set()
        with suppress(OSError):
            socket.create_connection(self._listener.getsockname(), timeout=1).close()
        self._thread.join(10)
        self._listener.close()

    def faults(self) -> Mapping[str, int]:
        """How many requests got each fault."""
        counts: dict[str, int] = {}
        for record in list(self.records):
            counts[record.fault] = counts.get(record.fault, 0) + 1
        return counts

    def _accept(self) -> None:
        while not self._stopping.is_set():
            conn, _ = self._listener.accept()
            if self._stopping.is_set():
                conn.close()
                return
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        conn.settimeout(60)
        with suppress(OSError), conn:
            got = _read_request(conn)
            if got is None:
                return
            start, headers, body = got
            method, target, _ = start.decode("latin-1").split(" ", 2)
            with self._lock:
                record = Record(len(self.records), time.monotonic(), method, target,
                                headers.get("x-terminal-id", ""))  # fmt: skip
                self.records.append(record)
            if self.keep_raw:
                record.raw = _raw_request(start, headers, body)
            record.fault = fault = self.schedule(record.seq, record)
            if fault == DROP_REQUEST:
                return
            if fault in (STATUS_500, STATUS_503, STATUS_429):
                status = int(fault[-3:])
                record.retry_after = None if status == 500 else self.proxy_retry_after
                record.answered_at = time.monotonic()
                conn.sendall(_problem(status, "proxy-fault", record.retry_after))
                return
            if fault == STALL:
                time.sleep(self.stall_s)
            answer = self._forward(start, headers, body, record)
            if self.before_relay is not None:
                self.before_relay(record)
            if fault in (DROP_RESPONSE, STALL):
                return
            record.answered_at = time.monotonic()
            if fault == RESET_MID:
                conn.sendall(answer[: len(answer) // 2])
                _reset(conn)
                return
            conn.sendall(answer)
            if self.after_relay is not None:
                conn.shutdown(socket.SHUT_WR)  # the client has all of it, even while we hold
                self.after_relay(record)

    def _forward(self, start: bytes, headers: dict[str, str], body: bytes, record: Record) -> bytes:
        request = _raw_request(start, headers, body)
        with socket.create_connection(self.upstream, timeout=60) as up:
            record.forwarded_at = time.monotonic()
            up.sendall(request)
            chunks = []
            while chunk := up.recv(65536):
                chunks.append(chunk)
        answer = b"".join(chunks)
        head = answer.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
        record.status = int(head[0].split(" ")[1])
        for line in head[1:]:
            name, _, value = line.partition(":")
            if name.strip().lower() == "retry-after":
                record.retry_after = value.strip()
        return answer
