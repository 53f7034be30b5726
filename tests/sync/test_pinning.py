"""Certificate pinning against a real TLS server on 127.0.0.1 that records what it got."""

from __future__ import annotations

from pathlib import Path

import pytest
from synckit.terminals import sync_config
from synckit.tls_server import RecordingTlsServer

from sync import errors
from sync.backoff import Backoff
from sync.client import SyncClient
from sync.errors import TlsError
from sync.http_session import TransportSettings
from sync.server_clock import ServerClock
from sync.service import SyncService
from sync.timing import FakeTiming
from terminal.runtime import start_core

OTHER_PIN = "ab" * 32


@pytest.fixture
def tls(tmp_path: Path):  # type: ignore[no-untyped-def]
    with RecordingTlsServer(tmp_path) as server:
        yield server


def probe(server: RecordingTlsServer, pins: tuple[str, ...], ca_file: str | None = None) -> int:
    timing = FakeTiming()
    client = SyncClient(
        server.url,
        TransportSettings(timeout_s=5, ca_file=ca_file or str(server.ca_file), pin_sha256=pins),
        credentials=None,
        clock=ServerClock(timing),
        backoff=Backoff(0.1, 1, 0),
        timing=timing,
    )
    try:
        response = client.request("GET", "/healthz", signed=False, under_api=False, attempts=1)
        return response.status_code
    finally:
        client.close()


def test_no_pins_trusts_the_configured_ca(tls: RecordingTlsServer) -> None:
    assert probe(tls, ()) == 200
    assert tls.wait_connections(1)
    assert tls.received[-1].startswith(b"GET /healthz HTTP/1.1")


def test_matching_certificate_fingerprint_passes(tls: RecordingTlsServer) -> None:
    assert probe(tls, (tls.cert_sha256.upper(),)) == 200
    assert tls.wait_connections(1)
    assert tls.received[-1].startswith(b"GET /healthz")


def test_matching_public_key_fingerprint_passes(tls: RecordingTlsServer) -> None:
    colons = ":".join(tls.spki_sha256[i : i + 2] for i in range(0, 64, 2))
    assert probe(tls, (colons,)) == 200


def test_backup_pin_is_enough(tls: RecordingTlsServer) -> None:
    assert probe(tls, (OTHER_PIN, tls.cert_sha256)) == 200


def test_mismatch_fails_before_any_request_byte(tls: RecordingTlsServer) -> None:
    with pytest.raises(TlsError) as caught:
        probe(tls, (OTHER_PIN, "cd" * 32))
    assert caught.value.code == errors.PIN_MISMATCH
    assert not caught.value.retryable
    assert tls.wait_connections(1)
    assert tls.handshakes == 1  # the TLS handshake completed …
    assert tls.received == [b""]  # … and not one byte of the request followed


def test_untrusted_certificate_fails_even_when_pinned(tls: RecordingTlsServer) -> None:
    import certifi

    with pytest.raises(TlsError) as caught:
        probe(tls, (tls.cert_sha256,), ca_file=certifi.where())
    assert caught.value.code == errors.TLS_FAILED
    assert tls.wait_connections(1)
    assert tls.received == [b""] and tls.handshakes == 0


def test_the_worker_probe_names_a_pin_mismatch(tls: RecordingTlsServer, data_dir: Path) -> None:
    config = sync_config(
        data_dir, tls.url, sync__ca_file=str(tls.ca_file), sync__pin_sha256=[OTHER_PIN]
    )
    core = start_core(config, configure_logging=False)
    service = SyncService(core, tls.url)
    try:
        assert service.probe() is False
        assert service.probe_error == errors.PIN_MISMATCH
        assert tls.wait_connections(1)
        assert tls.received == [b""]
    finally:
        service.close()
        core.close()
