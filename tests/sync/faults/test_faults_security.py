"""What tests/central and tests/sync do not cover yet: a real terminal's captured request
replayed after 301 s (and after the nonce window), and enrolment codes that are reused or
expired refused through the terminal's own enrolment.

Covered elsewhere: one-byte changes to method, path, body and each signed header and a
repeated nonce (tests/central/test_central_signing.py); a clock ten minutes off through
the real SyncClient (tests/sync/test_drain.py); pin mismatch sends no request byte
(tests/sync/test_pinning.py).
"""

from __future__ import annotations

import base64
import json
import re

import pytest
from centralkit.server import ThreadedCentral
from centralkit.terminals import EnrolledTerminal, enroll_terminal
from faultkit.proxy import FaultProxy, send_raw

from central.clock import ManualClock
from central.services.enrollment import issue_code
from sync.backoff import Backoff
from sync.client import Credentials, SyncClient
from sync.enrolment import enroll
from sync.errors import ServerError
from sync.http_session import TransportSettings
from sync.protocol import problem_codes
from sync.server_clock import ServerClock
from sync.timing import Timing
from terminal.runtime import TerminalCore

BEAT = {"app_version": "1.0.0", "queue": {"pending": 0, "rejected": 0}, "devices": {}}


def terminal_client(url: str, terminal: EnrolledTerminal) -> SyncClient:
    timing = Timing()
    secret = base64.b64decode(terminal.enrolment["secret"])
    return SyncClient(
        url,
        TransportSettings(timeout_s=10, allow_http_loopback=True),
        credentials=Credentials(terminal.terminal_id, secret),
        clock=ServerClock(timing),
        backoff=Backoff(0.1, 1, 0),
        timing=timing,
        attempts=1,
    )


def problem_code(body: bytes) -> str:
    return str(json.loads(body)["code"])


@pytest.mark.parametrize("later_s", [301, 601, 3600])
def test_a_captured_request_replayed_later_is_refused(
    manual_central: ThreadedCentral, clock: ManualClock, later_s: int
) -> None:
    terminal = enroll_terminal(manual_central, clock, "0042")
    with FaultProxy(manual_central.url, keep_raw=True) as proxy:
        client = terminal_client(proxy.url, terminal)
        body = json.dumps(BEAT).encode()
        client.request("POST", "/terminals/heartbeat", body=body,
                       headers={"Content-Type": "application/json"})  # fmt: skip
        client.close()
    [captured] = [r for r in proxy.records if r.target.endswith("/heartbeat")]
    assert captured.status == 200
    status, answer = send_raw(manual_central.url, captured.raw)  # at once: the nonce is known
    assert (status, problem_code(answer)) == (401, problem_codes.REPLAYED_NONCE)
    # Past the skew window (and, for 601+, the nonce window), counted from the time the
    # request was signed: the terminal signs with real time, which ran on while central
    # started after its manual clock was set.
    signed_at = int(re.search(rb"(?im)^x-timestamp: *(\d+)", captured.raw).group(1))
    clock.advance(later_s - (clock.now().timestamp() - signed_at))
    status, answer = send_raw(manual_central.url, captured.raw)
    assert (status, problem_code(answer)) == (401, problem_codes.CLOCK_SKEW)
    terminal.client.close()


def _terminal_enrol(core: TerminalCore, url: str, code: str) -> ServerError:
    timing = Timing()
    transport = TransportSettings(timeout_s=10, allow_http_loopback=True)
    client = SyncClient(url, transport, credentials=None,
                        clock=ServerClock(timing, core.store), backoff=Backoff(0.1, 1, 0),
                        timing=timing)  # fmt: skip
    try:
        with pytest.raises(ServerError) as caught:
            enroll(core, client, code, server_url=url)
    finally:
        client.close()
    assert core.identity is None or core.identity.demo
    return caught.value


def test_reused_and_expired_codes_are_refused_to_the_terminal(
    manual_central: ThreadedCentral, clock: ManualClock, core: TerminalCore
) -> None:
    store, hasher = manual_central.services.core.store, manual_central.services.core.code_hasher
    used = issue_code(store, clock.now(), hasher=hasher)
    enroll_terminal_with(manual_central, clock, used)
    reused = _terminal_enrol(core, manual_central.url, used)
    assert (reused.status, reused.code) == (409, problem_codes.ENROLLMENT_CODE_USED)
    expired = issue_code(store, clock.now(), hasher=hasher)
    clock.advance(24 * 3600 + 1)
    late = _terminal_enrol(core, manual_central.url, expired)
    assert (late.status, late.code) == (410, problem_codes.ENROLLMENT_CODE_EXPIRED)


def enroll_terminal_with(central: ThreadedCentral, clock: ManualClock, code: str) -> None:
    """Use ``code`` up, as another kiosk would."""
    import requests

    response = requests.post(
        central.url + "/api/v1/terminals/enroll",
        json={"enrollment_code": code, "terminal_code": "0043",
              "site": {"branch_code": "530102-001", "name": "x"}, "app_version": "1.0.0",
              "hardware_id": "hw-other"},
        timeout=30,
    )  # fmt: skip
    assert response.status_code == 201, response.text
