"""``POST /api/v1/terminals/heartbeat``: the terminal says how it is (§5)."""

from __future__ import annotations

from fastapi import APIRouter, Request

from central.api.deps import (
    SIGNED_PROBLEMS,
    Signed,
    parse_document,
    parse_model,
    problem_responses,
    services_of,
)
from central.api.openapi import json_body
from central.services.terminals import record_heartbeat
from sync.protocol.schemas import API_PREFIX, HeartbeatRequest, HeartbeatResponse

router = APIRouter(prefix=API_PREFIX, tags=["terminals"])


@router.post(
    "/terminals/heartbeat",
    response_model=HeartbeatResponse,
    responses=problem_responses(*SIGNED_PROBLEMS),
    openapi_extra=json_body(HeartbeatRequest),
)
def heartbeat(request: Request, auth: Signed) -> HeartbeatResponse:
    """Store the heartbeat; answer with server time and the minimum app version."""
    services = services_of(request)
    beat = parse_model(HeartbeatRequest, parse_document(auth.body))
    return record_heartbeat(
        services.core.store,
        auth.terminal_id,
        beat,
        services.core.clock.now(),
        services.core.config.min_app_version,
        services.security,
    )
