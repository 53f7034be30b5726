"""The systemd watchdog: READY=1 and WATCHDOG=1 datagrams on a real unix socket, and
no heartbeat while the GUI thread is frozen."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from mashangban.watchdog import Watchdog, heartbeat_interval_ms, notify


class NotifyListener:
    """A unix datagram socket standing in for systemd; records (arrival time, message)."""

    def __init__(self, path: Path) -> None:
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(str(path))
        self.sock.settimeout(0.05)
        self.messages: list[tuple[float, str]] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                data = self.sock.recv(4096)
            except TimeoutError:
                continue
            with self._lock:
                self.messages.append((time.monotonic(), data.decode()))

    def received(self, text: str | None = None) -> list[tuple[float, str]]:
        with self._lock:
            return [m for m in self.messages if text is None or m[1] == text]

    def close(self) -> None:
        self._stop.set()
        self._thread.join(2)
        self.sock.close()


@pytest.fixture
def listener(tmp_path: Path) -> Iterator[NotifyListener]:
    server = NotifyListener(tmp_path / "notify.sock")
    yield server
    server.close()


def test_notify_sends_one_datagram(qtbot: Any, listener: NotifyListener, tmp_path: Path) -> None:
    assert notify("READY=1", {"NOTIFY_SOCKET": str(tmp_path / "notify.sock")})
    qtbot.waitUntil(lambda: bool(listener.received()), timeout=2000)
    assert [m for _, m in listener.received()] == ["READY=1"]


def test_nothing_is_sent_without_systemd() -> None:
    assert notify("READY=1", {}) is False
    dog = Watchdog(env={})
    dog.start()
    dog.ready()
    assert dog.beats == 0 and not dog.is_ready


def test_interval_is_a_third_of_watchdog_usec() -> None:
    assert heartbeat_interval_ms({"WATCHDOG_USEC": "30000000"}) == 10_000
    assert heartbeat_interval_ms({}) == 10_000


def test_heartbeats_stop_while_the_gui_thread_is_frozen(
    qtbot: Any, listener: NotifyListener, tmp_path: Path
) -> None:
    env = {"NOTIFY_SOCKET": str(tmp_path / "notify.sock"), "WATCHDOG_PID": str(os.getpid())}
    dog = Watchdog(env=env, interval_ms=30)
    dog.start()
    dog.ready()
    try:
        qtbot.waitUntil(lambda: len(listener.received("WATCHDOG=1")) >= 3, timeout=3000)
        assert listener.received()[0][1] == "READY=1"
        assert len(listener.received("READY=1")) == 1
        # Freeze the GUI thread, as a deadlock in a slot would.
        qtbot.waitUntil(lambda: len(listener.received()) >= 5, timeout=3000)
        frozen_from = time.monotonic()
        end = frozen_from + 0.6
        while time.monotonic() < end:
            pass
        frozen_to = time.monotonic()
        during = [t for t, _ in listener.received() if frozen_from + 0.05 < t < frozen_to]
        assert during == [], "a heartbeat was sent while the event loop was blocked"
        # The loop runs again: heartbeats resume.
        count = len(listener.received("WATCHDOG=1"))
        qtbot.waitUntil(lambda: len(listener.received("WATCHDOG=1")) >= count + 3, timeout=3000)
    finally:
        dog.stop()
    assert listener.received()[-1][1] in ("STOPPING=1", "WATCHDOG=1")


def test_another_process_watchdog_pid_sends_no_heartbeats(
    qtbot: Any, listener: NotifyListener, tmp_path: Path
) -> None:
    env = {"NOTIFY_SOCKET": str(tmp_path / "notify.sock"), "WATCHDOG_PID": "1"}
    dog = Watchdog(env=env, interval_ms=20)
    dog.start()
    dog.ready()
    qtbot.waitUntil(lambda: bool(listener.received("READY=1")), timeout=2000)
    qtbot.wait(150)
    assert listener.received("WATCHDOG=1") == []
    dog.stop()
