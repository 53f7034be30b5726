"""Enrolment with one-time codes: good, reused (409), expired (410), unknown (404)."""

from __future__ import annotations

import base64
import re
import uuid

import requests
from centralkit.asserts import assert_problem
from sqlalchemy import select

from central.services.enrollment import issue_code
from central.store.models import EnrollmentCode, Terminal

CODE_RE = re.compile(r"^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$")


def _enrol(central, code: str, terminal_code: str = "0042") -> requests.Response:
    return requests.post(
        central.url + "/api/v1/terminals/enroll",
        json={
            "enrollment_code": code,
            "terminal_code": terminal_code,
            "site": {"branch_code": "530102-001", "name": "五华区政务服务中心"},
            "app_version": "1.0.0",
            "hardware_id": str(uuid.uuid4()),
        },
        timeout=30,
    )


def new_code(central, clock) -> str:
    core = central.services.core
    return issue_code(core.store, clock.now(), hasher=core.code_hasher)


def test_good_code_enrols_once_and_secret_is_not_stored_in_clear(central, clock):
    code = issue_code(
        central.services.core.store, clock.now(), hasher=central.services.core.code_hasher
    )
    assert CODE_RE.match(code)
    response = _enrol(central, code.lower().replace("-", " "))  # typed loosely: still valid
    assert response.status_code == 201, response.text
    body = response.json()
    secret = base64.b64decode(body["secret"])
    assert len(secret) == 32
    assert uuid.UUID(body["terminal_id"])
    assert body["terminal_code"] == "0042"
    assert body["server_time"].endswith("Z")
    keys = body["platform_keys"]
    assert keys and keys[0]["alg"] == "HPKE-X25519-SHA256-ChaCha20Poly1305"
    assert len(base64.b64decode(keys[0]["public_key"])) == 32
    with central.services.core.store.transaction() as session:
        terminal = session.get(Terminal, body["terminal_id"])
        assert terminal is not None and secret not in terminal.secret_sealed
        row = session.scalars(select(EnrollmentCode)).one()
        assert row.code_hash != code and row.used_at is not None
        assert row.terminal_id == body["terminal_id"]


def test_reused_code_is_409(central, clock):
    code = issue_code(
        central.services.core.store, clock.now(), hasher=central.services.core.code_hasher
    )
    assert _enrol(central, code).status_code == 201
    assert_problem(_enrol(central, code, "0043"), 409, "enrollment-code-used")


def test_expired_code_is_410(central, clock):
    code = issue_code(
        central.services.core.store, clock.now(), hasher=central.services.core.code_hasher
    )
    clock.advance(24 * 3600 + 1)
    assert_problem(_enrol(central, code), 410, "enrollment-code-expired")


def test_code_is_valid_until_just_before_24_hours(central, clock):
    code = issue_code(
        central.services.core.store, clock.now(), hasher=central.services.core.code_hasher
    )
    clock.advance(24 * 3600 - 1)
    assert _enrol(central, code).status_code == 201


def test_unknown_code_is_404_and_bad_body_is_400(central):
    assert_problem(_enrol(central, "ZZZZ-ZZZZ"), 404, "enrollment-code-unknown")
    body = assert_problem(_enrol(central, "ZZZZ-ZZZZ", "42"), 400, "invalid-request")
    assert any(error["loc"][-1] == "terminal_code" for error in body["errors"])
    response = requests.post(
        central.url + "/api/v1/terminals/enroll", data=b"{not json", timeout=30
    )
    assert_problem(response, 400, "invalid-request")
