"""Case status for terminals (§3): the change feed, and the lookup by receipt number with
the citizen's proof."""

from __future__ import annotations

import math
from typing import Annotated

from fastapi import APIRouter, Query, Request

from central import security_log as events
from central.api.deps import (
    SIGNED_PROBLEMS,
    Signed,
    parse_document,
    parse_model,
    problem_responses,
    services_of,
    source_of,
)
from central.api.openapi import json_body
from central.problems import ProblemError
from central.services.case_feed import changes_after
from central.services.receipt_lookup import lookup_by_proof
from sync.protocol import problem_codes as codes
from sync.protocol.schemas import (
    API_PREFIX,
    DEFAULT_CHANGES_LIMIT,
    MAX_CHANGES_LIMIT,
    CaseChangesResponse,
    ReceiptLookupRequest,
    ReceiptLookupResponse,
)

router = APIRouter(prefix=API_PREFIX, tags=["cases"])


@router.get(
    "/cases/changes",
    response_model=CaseChangesResponse,
    responses=problem_responses(*SIGNED_PROBLEMS),
)
def case_changes(
    request: Request,
    auth: Signed,
    after: Annotated[int, Query(ge=0, le=2**63 - 1)] = 0,
    limit: Annotated[int, Query(ge=1, le=MAX_CHANGES_LIMIT)] = DEFAULT_CHANGES_LIMIT,
) -> CaseChangesResponse:
    """This terminal's status changes after the cursor, oldest first."""
    return changes_after(services_of(request).core.store, auth.terminal_id, after, limit)


@router.post(
    "/cases/lookup",
    response_model=ReceiptLookupResponse,
    responses=problem_responses(404, *SIGNED_PROBLEMS),
    openapi_extra=json_body(ReceiptLookupRequest),
)
def case_lookup(request: Request, auth: Signed) -> ReceiptLookupResponse:
    """A citizen's case, for a receipt issued anywhere, with the receipt's query code or
    QR signature as proof (central/services/receipt_lookup.py); wrong proofs are limited
    per terminal and per receipt (central/api/lookup_guard.py)."""
    services = services_of(request)
    body = parse_model(ReceiptLookupRequest, parse_document(auth.body))
    guard, security, source = services.lookup_guard, services.security, source_of(request)
    lock = guard.locked(auth.terminal_id, body.receipt_no)
    if lock is not None:
        security.record(
            events.LOOKUP_LOCKED, "refused", source=source, terminal_id=auth.terminal_id,
            every_s=events.REPEAT_EVERY_S, scope=lock.scope, retry_after_s=math.ceil(lock.seconds),
        )  # fmt: skip
        raise ProblemError(
            429,
            codes.LOOKUP_LOCKED,
            "Too many wrong query codes",
            f"too many wrong proofs for this {lock.scope}; try again later",
            headers={"Retry-After": str(max(1, math.ceil(lock.seconds)))},
        )
    core = services.core
    found = lookup_by_proof(core.store, core.secretbox, body)
    proof = "query-code" if body.query_code is not None else "qr"
    if found is None:
        lockout_s = guard.failed(auth.terminal_id, body.receipt_no)
        security.record(
            events.LOOKUP_REFUSED, "refused", source=source, terminal_id=auth.terminal_id,
            proof=proof, lockout_s=int(lockout_s),
        )  # fmt: skip
        raise ProblemError(
            404,
            codes.LOOKUP_NOT_MATCHED,
            "Receipt and proof do not match",
            "no case has this receipt number with this query code or QR",
        )
    guard.succeeded(auth.terminal_id, body.receipt_no)
    return found
