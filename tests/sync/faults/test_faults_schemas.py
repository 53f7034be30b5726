"""Property tests: whatever arrives at enrolment and heartbeat (hypothesis), or at any
operation of the published /openapi.json (schemathesis, signed like a terminal when the
operation is signed), central never answers 5xx and every error is a problem document.
(The batch endpoint's own property test is tests/central/test_central_batch_fuzz.py.)"""

from __future__ import annotations

import copy
import json
from typing import Any
from urllib.parse import urlencode, urlsplit

import pytest
import requests
from centralkit.server import ThreadedCentral
from centralkit.terminals import EnrolledTerminal, enroll_terminal
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from central.clock import ManualClock

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=4),
    max_leaves=20,
)  # fmt: skip
ENROL = {"enrollment_code": "ZZZZ-ZZZZ", "terminal_code": "0042",
         "site": {"branch_code": "530102-001", "name": "x"}, "app_version": "1.0.0",
         "hardware_id": "hw"}  # fmt: skip
BEAT = {"app_version": "1.0.0", "queue": {"pending": 1, "oldest_pending_at": None, "rejected": 0},
        "devices": {"printer": "ok"}, "disk_free_bytes": 10, "last_sync_at": None}  # fmt: skip
SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck))


@st.composite
def mutated(draw: st.DrawFn, valid: dict[str, Any]) -> bytes:
    document = copy.deepcopy(valid)
    for _ in range(draw(st.integers(1, 3))):
        key = draw(st.sampled_from(sorted(document)))
        if draw(st.booleans()):
            document.pop(key, None)
        else:
            document[key] = draw(JSON)
    return json.dumps(document).encode()


def bodies(valid: dict[str, Any]) -> st.SearchStrategy[bytes]:
    return st.one_of(
        mutated(valid),
        JSON.map(lambda value: json.dumps(value).encode()),
        st.binary(max_size=200),
        st.just(b"[" * 3000 + b"]" * 3000),
    )


def check_answer(response: requests.Response, seen: set[int]) -> None:
    assert response.status_code < 500, response.text
    seen.add(response.status_code)
    if response.status_code >= 400 and response.request.method != "HEAD":  # HEAD: no body
        assert response.headers["content-type"].startswith("application/problem+json")
        assert response.json()["code"]


def test_enrol_never_fails_with_5xx(manual_central: ThreadedCentral) -> None:
    seen: set[int] = set()
    url = manual_central.url + "/api/v1/terminals/enroll"

    @SETTINGS
    @given(body=bodies(ENROL))
    @example(body=json.dumps(ENROL).encode())
    def check(body: bytes) -> None:
        response = requests.post(url, data=body, timeout=30,
                                 headers={"Content-Type": "application/json"})  # fmt: skip
        check_answer(response, seen)
        assert response.status_code != 201  # no valid code exists: nobody enrols

    check()
    assert {400, 404} <= seen, seen


def test_heartbeat_never_fails_with_5xx(
    manual_central: ThreadedCentral, clock: ManualClock
) -> None:
    terminal = enroll_terminal(manual_central, clock, "0042")
    seen: set[int] = set()

    @SETTINGS
    @given(body=bodies(BEAT))
    @example(body=json.dumps(BEAT).encode())
    def check(body: bytes) -> None:
        response = terminal.client.send("POST", "/api/v1/terminals/heartbeat", body,
                                        headers={"Content-Type": "application/json"})  # fmt: skip
        check_answer(response, seen)

    check()
    terminal.client.close()
    assert {200, 400} <= seen, seen


def test_every_published_operation_never_fails_with_5xx(
    manual_central: ThreadedCentral, clock: ManualClock
) -> None:
    schemathesis = pytest.importorskip("schemathesis")
    terminal = enroll_terminal(manual_central, clock, "0042")
    schema = schemathesis.openapi.from_url(manual_central.url + "/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 9
    statuses: dict[str, set[int]] = {}
    for operation in operations:
        seen = statuses.setdefault(f"{operation.method.upper()} {operation.path}", set())
        fuzz_operation(operation, manual_central.url, terminal, seen)
    terminal.client.close()
    signed_ok = [op for op, seen in statuses.items() if any(200 <= s < 300 for s in seen)]
    assert len(signed_ok) >= 4, statuses  # signing worked: operations were really reached


def fuzz_operation(
    operation: Any, base_url: str, terminal: EnrolledTerminal, seen: set[int]
) -> None:
    """Send schemathesis' cases for one operation, signed when the path is signed."""

    @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy())
    def check(case: Any) -> None:
        sent = case.as_transport_kwargs(base_url=base_url)
        parts = urlsplit(sent["url"])
        query = urlencode(sent.get("params") or {}, doseq=True)
        target = parts.path + (f"?{query}" if query else "")
        body = json.dumps(sent["json"]).encode() if "json" in sent else sent.get("data")
        if isinstance(body, str):
            body = body.encode()
        headers = {k: v for k, v in (sent.get("headers") or {}).items()
                   if k.lower() != "x-schemathesis-testcaseid"}  # fmt: skip
        if target.startswith("/api/v1/") and not target.startswith("/api/v1/terminals/enroll"):
            headers.update(terminal.client.headers(sent["method"], target, body or b""))
        response = terminal.client.http.request(
            sent["method"], base_url + target, data=body or b"", headers=headers, timeout=30
        )
        check_answer(response, seen)

    check()
