"""Every error is application/problem+json with a code, including unknown routes."""

from __future__ import annotations

import json

import requests
from centralkit.asserts import assert_problem

from sync.protocol.receipt_numbers import receipt_signature


def test_unknown_routes_and_methods(central, terminal):
    assert_problem(requests.get(central.url + "/nope", timeout=30), 404, "not-found")
    assert_problem(requests.get(central.url + "/api/v1/nope", timeout=30), 404, "not-found")
    response = requests.delete(central.url + "/api/v1/catalog", timeout=30)
    body = assert_problem(response, 405, "method-not-allowed")
    assert "GET" in response.headers["Allow"] and body["instance"] == "/api/v1/catalog"
    assert_problem(terminal.client.send("GET", "/api/v1/cases/lookup"), 405,
                   "method-not-allowed")  # fmt: skip


def test_validation_and_body_errors(terminal):
    client = terminal.client
    heartbeat = "/api/v1/terminals/heartbeat"
    assert_problem(client.send("POST", heartbeat, b"[1, 2"), 400, "invalid-request")
    assert_problem(client.send("POST", heartbeat, b'{"a": NaN}'), 400, "invalid-request")
    assert_problem(client.send("POST", heartbeat, b'"\\u0000"'), 400, "invalid-request")
    assert_problem(client.send("POST", heartbeat, "{}".encode("utf-16")), 400, "invalid-request")
    bad = b'{"app_version": "1", "queue": {"pending": -1}, "devices": {"printer": "on fire"}}'
    body = assert_problem(client.send("POST", heartbeat, bad), 400, "invalid-request")
    assert {tuple(e["loc"][-2:]) for e in body["errors"]} >= {("queue", "pending")}
    assert "on fire" not in str(body)  # inputs are not echoed
    assert_problem(client.send("POST", heartbeat, b"x" * (65 * 1024)), 413, "payload-too-large")


def test_integers_beyond_the_database_columns_are_refused_not_500(terminal):
    """Found by the schemathesis run: an audit seq over 2**63 - 1 reached SQLite."""
    entry = {"at": "2026-11-27T01:00:00Z", "actor": "S001", "action": "login", "result": "ok",
             "terminal_code": "0042", "detail": {}, "mac": "0" * 64}  # fmt: skip
    for seq, status in ((2**63, 400), (2**63 - 1, 200)):
        beat = {"app_version": "1.2.0", "queue": {"pending": 0}, "devices": {},
                "audit": [{"seq": seq, **entry}]}  # fmt: skip
        response = terminal.client.send("POST", "/api/v1/terminals/heartbeat",
                                        json.dumps(beat).encode())  # fmt: skip
        assert response.status_code == status, response.text


def test_unsigned_is_401_and_public_page_errors_are_problems(central, terminal):
    assert_problem(requests.get(central.url + "/api/v1/catalog", timeout=30), 401, "bad-signature")
    response = requests.get(central.url + "/r/0042-261127-0001-8?ts=1&sig=AAAA", timeout=30)
    assert_problem(response, 404, "receipt-not-verified")
    assert receipt_signature(b"k", "r", 1)  # imported helper exists
