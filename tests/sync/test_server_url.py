"""Which URLs the client will use: https always, http only to loopback when allowed."""

from __future__ import annotations

import pytest

from sync.backoff import Backoff
from sync.client import SyncClient
from sync.errors import InsecureServerUrl
from sync.http_session import TransportSettings
from sync.server_clock import ServerClock
from sync.server_url import check_server_url
from sync.timing import FakeTiming


@pytest.mark.parametrize(
    "url",
    ["http://10.0.0.5:8731", "http://central.example.gov.cn", "http://127.0.0.1.nip.io",
     "ftp://127.0.0.1", "https://user:pw@central.example.gov.cn", "http://"],
)  # fmt: skip
def test_refused(url: str) -> None:
    with pytest.raises(InsecureServerUrl):
        check_server_url(url, allow_http_loopback=True)


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:8731", "http://127.1.2.3", "http://[::1]:80", "http://localhost:1"]
)
def test_http_to_loopback_only_when_allowed(url: str) -> None:
    assert check_server_url(url + "/", allow_http_loopback=True) == url
    with pytest.raises(InsecureServerUrl):
        check_server_url(url, allow_http_loopback=False)


def test_https_anywhere() -> None:
    url = "https://central.example.gov.cn/mashangban"
    assert check_server_url(url, allow_http_loopback=False) == url


def test_client_refuses_before_any_connection() -> None:
    timing = FakeTiming()
    with pytest.raises(InsecureServerUrl):
        SyncClient(
            "http://192.0.2.10:8731",
            TransportSettings(allow_http_loopback=True),
            credentials=None,
            clock=ServerClock(timing),
            backoff=Backoff(1, 10, 0),
            timing=timing,
        )
