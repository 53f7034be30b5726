"""``POST /api/v1/terminals/enroll`` (unsigned): a one-time code buys a terminal identity."""

from __future__ import annotations

import math

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool

from central import security_log as events
from central.api.deps import (
    SMALL_BODY_LIMIT,
    parse_document,
    parse_model,
    problem_responses,
    read_body,
    services_of,
    source_of,
)
from central.api.openapi import json_body
from central.problems import ProblemError
from central.services.enrollment import enroll
from sync.protocol import problem_codes as codes
from sync.protocol.schemas import API_PREFIX, EnrollRequest, EnrollResponse

router = APIRouter(prefix=API_PREFIX, tags=["identity"])


@router.post(
    "/terminals/enroll",
    status_code=201,
    response_model=EnrollResponse,
    responses=problem_responses(400, 404, 409, 410, 413, 422, 429),
    openapi_extra=json_body(EnrollRequest),
)
async def enroll_terminal(request: Request) -> EnrollResponse:
    """Consume an enrolment code (24 h, single use) and return the terminal's secret."""
    services = services_of(request)
    guard, security = services.enrolment_guard, services.security
    source = source_of(request) or "unknown"
    locked_s = guard.locked_for(source)
    if locked_s:
        security.record(events.ENROLMENT_LOCKED, "refused", source=source)
        raise ProblemError(
            429,
            codes.RATE_LIMITED,
            "Too Many Requests",
            "too many refused enrolment codes from this address",
            headers={"Retry-After": str(max(1, math.ceil(locked_s)))},
        )
    body = parse_model(EnrollRequest, parse_document(await read_body(request, SMALL_BODY_LIMIT)))
    core = services.core
    try:
        response = await run_in_threadpool(
            enroll, core.store, core.secretbox, core.keyring, core.clock.now(), body,
            hasher=core.code_hasher,
        )  # fmt: skip
    except ProblemError as exc:
        lockout_s = guard.failed(source)
        security.record(
            events.ENROLMENT_FAILED, "refused", source=source, code=exc.code,
            lockout_s=int(lockout_s),
        )  # fmt: skip
        raise
    guard.succeeded(source)
    security.record(
        events.ENROLMENT, "accepted", source=source, terminal_id=response.terminal_id,
        terminal_code=body.terminal_code,
    )  # fmt: skip
    return response
