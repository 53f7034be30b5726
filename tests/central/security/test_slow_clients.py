"""Slow clients on loopback against ``mashangban-central serve``: 200 connections that
send nothing or half their headers, and one whose body stalls, are all closed by the
server (header and read timeouts), while a normal request is still answered."""

from __future__ import annotations

import selectors
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests
from centralkit.catalog import write_catalog
from centralkit.cli import ServeProcess

SLOW = 200
TIMEOUT_S = 2


@pytest.fixture
def served(tmp_path: Path) -> Iterator[ServeProcess]:
    data, catalog = tmp_path / "data", write_catalog(tmp_path / "catalog.json")
    server = ServeProcess(
        data, f"sqlite:///{data}/central.sqlite3", "--catalog", str(catalog),
        "--header-timeout", str(TIMEOUT_S), "--read-timeout", str(TIMEOUT_S),
    )  # fmt: skip
    yield server
    server.stop()


def wait_closed(sockets: list[socket.socket], timeout_s: float) -> dict[socket.socket, bytes]:
    """What each socket received until the server closed it; fails past the deadline."""
    received = {s: b"" for s in sockets}
    selector = selectors.DefaultSelector()
    for s in sockets:
        s.setblocking(False)
        selector.register(s, selectors.EVENT_READ)
    deadline = time.monotonic() + timeout_s
    try:
        while selector.get_map() and time.monotonic() < deadline:
            for key, _ in selector.select(timeout=max(0.0, deadline - time.monotonic())):
                sock = key.fileobj
                assert isinstance(sock, socket.socket)
                try:
                    chunk = sock.recv(4096)
                except ConnectionResetError:
                    chunk = b""
                if chunk:
                    received[sock] += chunk
                else:
                    selector.unregister(sock)
        assert not selector.get_map(), f"{len(selector.get_map())} connections still open"
    finally:
        selector.close()
    return received


def test_slow_connections_are_closed_and_normal_ones_served(served):
    address = urlsplit(served.url)
    target = (address.hostname, address.port)
    silent: list[socket.socket] = []
    half: list[socket.socket] = []
    stalled = socket.create_connection(target, timeout=30)
    try:
        for i in range(SLOW):
            sock = socket.create_connection(target, timeout=30)
            if i % 2:
                sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ")  # never ends
                half.append(sock)
            else:
                silent.append(sock)
        stalled.sendall(
            b"POST /api/v1/terminals/enroll HTTP/1.1\r\nHost: x\r\n"
            b'Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{"en'
        )
        started = time.monotonic()
        assert requests.get(served.url + "/healthz", timeout=30).status_code == 200
        received = wait_closed([*silent, *half, stalled], timeout_s=60)
        assert time.monotonic() - started >= TIMEOUT_S - 0.5  # not refused outright
        timed_out = [data for s, data in received.items() if s is not stalled]
        assert all(data.startswith(b"HTTP/1.1 408") for data in timed_out)
        assert not received[stalled].startswith(b"HTTP/1.1 2")
    finally:
        for sock in [*silent, *half, stalled]:
            sock.close()
    assert requests.get(served.url + "/healthz", timeout=30).status_code == 200
