"""Enrolling a terminal over HTTP, as a kiosk would."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

import requests

from central.clock import ManualClock
from central.services.enrollment import issue_code
from centralkit.client import SignedClient
from centralkit.factory import SubmissionFactory
from centralkit.server import ThreadedCentral


@dataclass
class EnrolledTerminal:
    """A terminal identity and what it needs to talk to central."""

    client: SignedClient
    enrolment: dict[str, Any]
    factory: SubmissionFactory

    @property
    def terminal_id(self) -> str:
        return str(self.enrolment["terminal_id"])


def enroll_terminal(
    central: ThreadedCentral, clock: ManualClock, code: str, branch: str = "530102-001"
) -> EnrolledTerminal:
    """Enrol over HTTP with a fresh code (as a kiosk of ``branch``)."""
    core = central.services.core
    enrol_code = issue_code(core.store, clock.now(), hasher=core.code_hasher)
    response = requests.post(
        central.url + "/api/v1/terminals/enroll",
        json={
            "enrollment_code": enrol_code,
            "terminal_code": code,
            "site": {"branch_code": branch, "name": "五华区政务服务中心"},
            "app_version": "1.0.0",
            "hardware_id": f"hw-{uuid.uuid4()}",
        },
        timeout=30,
    )
    assert response.status_code == 201, response.text
    body = response.json()
    client = SignedClient(
        central.url, body["terminal_id"], body["secret"], lambda: clock.now().timestamp()
    )
    return EnrolledTerminal(client, body, SubmissionFactory(code, body["platform_keys"]))
