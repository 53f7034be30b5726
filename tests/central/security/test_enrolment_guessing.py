"""Guessing enrolment codes: after five refused codes a source is locked out (429,
even for a good code), the lockout doubles each time, and each attempt is a line."""

from __future__ import annotations

import json
import uuid
from typing import Any

import requests
from centralkit.asserts import assert_problem

from central.api.enrolment_guard import BASE_LOCKOUT_S, MAX_FAILURES
from central.services.enrollment import issue_code

ENROL = "/api/v1/terminals/enroll"


def attempt(central: Any, code: str) -> requests.Response:
    return requests.post(
        central.url + ENROL,
        json={
            "enrollment_code": code,
            "terminal_code": "0042",
            "site": {"branch_code": "530102-001", "name": "五华区政务服务中心"},
            "app_version": "1.0.0",
            "hardware_id": f"hw-{uuid.uuid4()}",
        },
        timeout=30,
    )


def logged(central: Any) -> list[dict[str, Any]]:
    text = central.config.security_log_path.read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines()]


def issue(central: Any, clock: Any) -> str:
    core = central.services.core
    return issue_code(core.store, clock.now(), hasher=core.code_hasher)


def test_guessing_codes_locks_the_source_out_for_longer_each_time(central, clock):
    good = issue(central, clock)
    guesses = [f"2222-{n:04d}".replace("0", "A").replace("1", "B") for n in range(20)]
    for guess in guesses[:MAX_FAILURES]:
        assert_problem(attempt(central, guess), 404, "enrollment-code-unknown")
    locked = assert_problem(attempt(central, good), 429, "rate-limited")
    assert locked["detail"] and "enrol" in locked["detail"]

    clock.advance(BASE_LOCKOUT_S + 1)
    for guess in guesses[MAX_FAILURES : 2 * MAX_FAILURES]:
        assert attempt(central, guess).status_code == 404
    clock.advance(BASE_LOCKOUT_S + 1)  # the second lockout lasts twice as long
    second = attempt(central, good)
    assert second.status_code == 429 and int(second.headers["Retry-After"]) > 0
    clock.advance(BASE_LOCKOUT_S)
    assert attempt(central, good).status_code == 201

    written = logged(central)
    failed = [w for w in written if w["event"] == "enrolment-failed"]
    assert len(failed) == 2 * MAX_FAILURES
    assert all(
        w["source"] == "127.0.0.1" and w["code"] == "enrollment-code-unknown" for w in failed
    )
    assert [w["lockout_s"] for w in failed if w["lockout_s"]] == [
        int(BASE_LOCKOUT_S),
        int(2 * BASE_LOCKOUT_S),
    ]
    assert [w["event"] for w in written].count("enrolment-locked") == 2
    assert written[-1]["event"] == "enrolment" and written[-1]["outcome"] == "accepted"
    text = central.config.security_log_path.read_text(encoding="utf-8")
    assert good not in text and good.replace("-", "") not in text
    assert not any(guess in text for guess in guesses)
