"""Signed requests: every one-byte change is refused, clock skew, replays, revocation."""

from __future__ import annotations

import dataclasses
import json

import pytest
from centralkit.asserts import assert_problem

from central.config import CentralConfig, ThrottlePolicy
from central.services.terminals import revoke_terminal
from sync.protocol import signing
from sync.protocol.times import rfc3339

HEARTBEAT = "/api/v1/terminals/heartbeat"
BEAT = json.dumps(
    {"app_version": "1.0.0", "queue": {"pending": 0, "rejected": 0}, "devices": {"printer": "ok"}}
).encode()


@pytest.fixture
def config(config: CentralConfig) -> CentralConfig:
    """These tests send hundreds of bad signatures on purpose: no failure bucket
    (tests/central/security/test_throttling.py shows what it does)."""
    return dataclasses.replace(config, throttle=ThrottlePolicy(failure_rate=None))


def _flip(text: str, index: int) -> str:
    return text[:index] + chr(ord(text[index]) ^ 1) + text[index + 1 :]


def test_a_good_signature_is_accepted(terminal):
    response = terminal.client.send("POST", HEARTBEAT, BEAT)
    assert response.status_code == 200, response.text


def test_each_byte_of_method_and_path_is_signed(terminal):
    client = terminal.client
    stamp = int(client.now())
    for part, value in (("method", "POST"), ("path", HEARTBEAT)):
        for index in range(len(value)):
            method = _flip(value, index) if part == "method" else "POST"
            target = _flip(value, index) if part == "path" else HEARTBEAT
            headers = client.headers(method, target, BEAT, stamp)
            response = client.send("POST", HEARTBEAT, BEAT, sign_headers=headers)
            assert_problem(response, 401, "bad-signature")


def test_each_byte_of_the_body_is_signed(terminal):
    client = terminal.client
    for index in range(len(BEAT)):
        headers = client.headers("POST", HEARTBEAT, BEAT)
        tampered = BEAT[:index] + bytes([BEAT[index] ^ 1]) + BEAT[index + 1 :]
        response = client.send("POST", HEARTBEAT, tampered, sign_headers=headers)
        assert_problem(response, 401, "bad-signature")


@pytest.mark.parametrize(
    "header",
    [
        signing.HEADER_TERMINAL_ID,
        signing.HEADER_TIMESTAMP,
        signing.HEADER_NONCE,
        signing.HEADER_CONTENT_SHA256,
        signing.HEADER_SIGNATURE,
    ],
)
def test_each_byte_of_each_signed_header_is_signed(terminal, clock, header):
    client = terminal.client
    now = int(clock.now().timestamp())
    length = len(client.headers("POST", HEARTBEAT, BEAT)[header])
    for index in range(length):
        headers = client.headers("POST", HEARTBEAT, BEAT)
        headers[header] = _flip(headers[header], index)
        expected = "bad-signature"
        skewed = header == signing.HEADER_TIMESTAMP and (
            abs(int(headers[header]) - now) > signing.MAX_CLOCK_SKEW_S
        )
        if skewed:
            expected = "clock-skew"
        response = client.send("POST", HEARTBEAT, BEAT, sign_headers=headers)
        assert_problem(response, 401, expected)
    # the original headers still work afterwards: no nonce was burnt by the failures
    assert client.send("POST", HEARTBEAT, BEAT).status_code == 200


@pytest.mark.parametrize("offset", [-301, 301])
def test_clock_skew_reports_server_time(terminal, clock, offset):
    stamp = int(clock.now().timestamp()) + offset
    headers = terminal.client.headers("POST", HEARTBEAT, BEAT, stamp)
    response = terminal.client.send("POST", HEARTBEAT, BEAT, sign_headers=headers)
    body = assert_problem(response, 401, "clock-skew")
    assert body["server_time"] == rfc3339(clock.now())
    assert "WWW-Authenticate" in response.headers


@pytest.mark.parametrize("offset", [-300, 300])
def test_skew_of_exactly_300_s_is_tolerated(terminal, clock, offset):
    stamp = int(clock.now().timestamp()) + offset
    headers = terminal.client.headers("POST", HEARTBEAT, BEAT, stamp)
    assert terminal.client.send("POST", HEARTBEAT, BEAT, sign_headers=headers).status_code == 200


def test_a_repeated_nonce_is_a_replay(terminal, clock):
    headers = terminal.client.headers("POST", HEARTBEAT, BEAT)
    assert terminal.client.send("POST", HEARTBEAT, BEAT, sign_headers=headers).status_code == 200
    clock.advance(200)  # still inside both the skew and the nonce window
    response = terminal.client.send("POST", HEARTBEAT, BEAT, sign_headers=headers)
    assert_problem(response, 401, "replayed-nonce")


def test_missing_headers_and_unknown_terminal_are_bad_signatures(terminal):
    headers = terminal.client.headers("POST", HEARTBEAT, BEAT)
    for name in list(headers):
        partial = {k: v for k, v in headers.items() if k != name}
        response = terminal.client.send("POST", HEARTBEAT, BEAT, sign_headers=partial)
        assert_problem(response, 401, "bad-signature")


def test_a_revoked_terminal_gets_403_only_with_a_good_signature(central, terminal, clock):
    assert revoke_terminal(central.services.core.store, terminal.terminal_id, clock.now())
    response = terminal.client.send("POST", HEARTBEAT, BEAT)
    assert_problem(response, 403, "terminal-revoked")
    headers = terminal.client.headers("POST", HEARTBEAT, BEAT)
    headers[signing.HEADER_SIGNATURE] = _flip(headers[signing.HEADER_SIGNATURE], 5)
    response = terminal.client.send("POST", HEARTBEAT, BEAT, sign_headers=headers)
    assert_problem(response, 401, "bad-signature")
