"""Online progress lookup of any receipt (sync.md §3): ``POST /cases/lookup``.

For a receipt this terminal has no row for. The request carries the citizen's proof,
the receipt's query code (查询码) or its QR's ``ts`` and ``sig``; central answers the
case, ``lookup-not-matched`` (no such receipt, or the wrong proof: central does not
say which) or ``lookup-locked`` (too many wrong proofs from this terminal or for this
receipt, with ``Retry-After``). Network failures raise as usual so the screen can say
"try again later" rather than "does not match".
"""

from __future__ import annotations

import json
from typing import Any

from sync.backoff import parse_retry_after
from sync.client import SyncClient, parse
from sync.errors import ServerError
from sync.protocol import problem_codes as codes
from sync.protocol.schemas import ReceiptLookupRequest, ReceiptLookupResponse

FOUND = "found"
NOT_MATCHED = codes.LOOKUP_NOT_MATCHED
LOCKED = codes.LOOKUP_LOCKED


def lookup_receipt(client: SyncClient, request: ReceiptLookupRequest) -> dict[str, Any]:
    """``{"outcome": "found", "case": <ReceiptLookupResponse as JSON>}``,
    ``{"outcome": "lookup-not-matched"}`` or ``{"outcome": "lookup-locked",
    "retry_after_s": N}``; SyncError when central cannot be asked."""
    body = json.dumps(request.model_dump(mode="json", exclude_none=True)).encode()
    response = client.request(
        "POST",
        "/cases/lookup",
        body=body,
        headers={"Accept": "application/json", "Content-Type": "application/json"},
        expect=(200, 404, 429),
        attempts=2,  # a citizen is waiting at the screen
    )
    if response.status_code == 200:
        case = parse(response, ReceiptLookupResponse)
        return {"outcome": FOUND, "case": case.model_dump(mode="json")}
    problem = _problem(response)
    code = str(problem.get("code") or "")
    if response.status_code == 404 and code == NOT_MATCHED:
        return {"outcome": NOT_MATCHED}
    if response.status_code == 429 and code == LOCKED:
        wait = parse_retry_after(response.headers.get("Retry-After"), client.clock.now())
        return {"outcome": LOCKED, "retry_after_s": int(wait or 60)}
    # An older central (404 not-found: no such route) or the throttle's 429: not an answer.
    raise ServerError(response.status_code, code or codes.HTTP_ERROR, problem=problem)


def _problem(response: Any) -> dict[str, Any]:
    try:
        doc = response.json()
    except ValueError:
        return {}
    return doc if isinstance(doc, dict) else {}
