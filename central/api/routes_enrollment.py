"""``POST /api/v1/terminals/enroll`` (unsigned): a one-time code buys a terminal identity."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool

from central.api.deps import (
    SMALL_BODY_LIMIT,
    parse_document,
    parse_model,
    problem_responses,
    read_body,
    services_of,
)
from central.api.openapi import json_body
from central.services.enrollment import enroll
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
    body = parse_model(EnrollRequest, parse_document(await read_body(request, SMALL_BODY_LIMIT)))
    core = services.core
    return await run_in_threadpool(
        enroll, core.store, core.secretbox, core.keyring, core.clock.now(), body
    )
