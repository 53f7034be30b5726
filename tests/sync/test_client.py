"""The signing client's own retry loop, against real HTTP servers on 127.0.0.1."""

from __future__ import annotations

import json
import socket
from datetime import UTC, datetime

import pytest
from synckit.refusing import refusing_url
from synckit.scripted_http import Reply, ScriptedServer

from sync import errors
from sync.backoff import Backoff
from sync.client import Credentials, SyncClient
from sync.errors import ServerError, TransportError
from sync.http_session import TransportSettings
from sync.protocol.signing import verify
from sync.server_clock import ServerClock
from sync.timing import FakeTiming

SECRET = b"s" * 32
BACKOFF = Backoff(base_s=1.0, cap_s=8.0, start_jitter_s=0.0)


def make_client(url: str, timing: FakeTiming, timeout_s: float = 5.0) -> SyncClient:
    return SyncClient(
        url,
        TransportSettings(timeout_s=timeout_s, allow_http_loopback=True),
        credentials=Credentials("term-1", SECRET),
        clock=ServerClock(timing),
        backoff=BACKOFF,
        timing=timing,
        attempts=4,
    )


def problem(status: int, code: str, **extra: object) -> bytes:
    return json.dumps({"title": "x", "status": status, "code": code, **extra}).encode()


def test_every_request_is_signed_over_the_bytes_sent() -> None:
    with ScriptedServer(Reply(200, b'{"ok": true}')) as server:
        client = make_client(server.url, FakeTiming())
        client.request("POST", "/cases/changes", body=b"\x1f\x8bbody", params={"after": 5})
    [got] = server.received
    assert got.path == "/api/v1/cases/changes?after=5"
    h = got.headers
    assert h["X-Terminal-Id"] == "term-1"
    assert len(h["X-Nonce"]) >= 32
    assert verify(SECRET, h["X-Signature"], "POST", got.path, int(h["X-Timestamp"]),
                  h["X-Nonce"], h["X-Content-SHA256"])  # fmt: skip
    assert not verify(SECRET, h["X-Signature"], "POST", "/api/v1/cases/changes",
                      int(h["X-Timestamp"]), h["X-Nonce"], h["X-Content-SHA256"])  # fmt: skip


@pytest.mark.parametrize("status", [408, 425, 429, 500, 502, 503, 504])
def test_retryable_statuses_are_retried_with_backoff(status: int) -> None:
    timing = FakeTiming()
    with ScriptedServer(Reply(status, problem(status, "busy")), Reply(status), Reply(200)) as s:
        response = make_client(s.url, timing).request("GET", "/catalog")
    assert response.status_code == 200
    assert len(s.received) == 3
    assert len(timing.sleeps) == 2
    assert 0 <= timing.sleeps[0] <= 1.0 and 0 <= timing.sleeps[1] <= 2.0


def test_retry_after_is_honoured_as_a_floor() -> None:
    timing = FakeTiming()
    with ScriptedServer(
        Reply(429, problem(429, "rate-limited"), {"Retry-After": "7"}), Reply(200)
    ) as server:
        make_client(server.url, timing).request("GET", "/catalog")
    assert timing.sleeps and timing.sleeps[0] >= 7.0


@pytest.mark.parametrize("status", [400, 401, 403, 404, 413, 422])
def test_other_statuses_are_not_retried(status: int) -> None:
    timing = FakeTiming()
    server = ScriptedServer(Reply(status, problem(status, "invalid-request")))
    with server, pytest.raises(ServerError) as caught:
        make_client(server.url, timing).request("GET", "/catalog")
    assert caught.value.status == status and caught.value.code == "invalid-request"
    assert len(server.received) == 1 and timing.sleeps == []


def test_gives_up_after_the_attempts_with_growing_windows() -> None:
    timing = FakeTiming()
    server = ScriptedServer(Reply(503, problem(503, "busy")))
    with server, pytest.raises(ServerError) as caught:
        make_client(server.url, timing).request("GET", "/catalog")
    assert caught.value.retryable
    assert len(server.received) == 4 and len(timing.sleeps) == 3
    assert all(d <= BACKOFF.ceiling(i) for i, d in enumerate(timing.sleeps))


def test_connection_refused_is_a_retryable_transport_error() -> None:
    timing = FakeTiming()
    with refusing_url() as dead, pytest.raises(TransportError) as caught:
        make_client(dead, timing).request("GET", "/catalog")
    assert caught.value.code == errors.CONNECTION_FAILED and caught.value.retryable
    assert len(timing.sleeps) == 3


def test_a_silent_server_times_out() -> None:
    with socket.create_server(("127.0.0.1", 0)) as silent:  # accepts by backlog, never answers
        url = f"http://127.0.0.1:{silent.getsockname()[1]}"
        with pytest.raises(TransportError) as caught:
            make_client(url, FakeTiming(), timeout_s=0.2).request("GET", "/x", attempts=1)
    assert caught.value.code == errors.TIMEOUT


def test_clock_skew_is_corrected_and_retried_at_once() -> None:
    timing = FakeTiming()
    server_time = datetime.fromtimestamp(timing.now + 600, UTC).isoformat()
    skew = Reply(401, problem(401, "clock-skew", server_time=server_time))
    with ScriptedServer(skew, Reply(200)) as server:
        make_client(server.url, timing).request("GET", "/catalog")
    first, second = server.received
    assert timing.sleeps == []  # no backoff for a skew
    assert int(second.headers["X-Timestamp"]) - int(first.headers["X-Timestamp"]) == 600


def test_a_second_skew_in_a_row_is_an_error() -> None:
    timing = FakeTiming()
    server_time = datetime.fromtimestamp(timing.now + 600, UTC).isoformat()
    server = ScriptedServer(Reply(401, problem(401, "clock-skew", server_time=server_time)))
    with server, pytest.raises(ServerError) as caught:
        make_client(server.url, timing).request("GET", "/catalog")
    assert caught.value.code == "clock-skew" and len(server.received) == 2
