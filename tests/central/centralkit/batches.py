"""Sending batches and reading what central stored, for the batch tests."""

from __future__ import annotations

import gzip
import json
from typing import Any

import requests
from sqlalchemy import func, select

from central.store.models import Case, Submission

BATCH = "/api/v1/submissions/batch"


def send_batch(
    terminal: Any, items: list[dict[str, Any]], gzipped: bool = False
) -> requests.Response:
    """POST the items as one batch (optionally gzip) with a terminal's signing client
    (an EnrolledTerminal or a SignedClient)."""
    client = getattr(terminal, "client", terminal)
    body = json.dumps({"submissions": items}).encode()
    headers = {"Content-Type": "application/json"}
    if gzipped:
        body = gzip.compress(body)
        headers["Content-Encoding"] = "gzip"
    return client.send("POST", BATCH, body, headers=headers)


def outcomes(response: requests.Response) -> list[str]:
    """The outcome of each result, in order."""
    assert response.status_code == 200, response.text
    return [result["outcome"] for result in response.json()["results"]]


def counts(central: Any) -> tuple[int, int]:
    """(submissions, cases) stored."""
    with central.services.core.store.transaction() as session:
        submissions = session.scalar(select(func.count()).select_from(Submission))
        cases = session.scalar(select(func.count()).select_from(Case))
    return int(submissions or 0), int(cases or 0)
