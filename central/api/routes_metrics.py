"""``GET /metrics`` (unsigned): counts in the Prometheus text format.

Only counts: security events by event and outcome (central/security_log.py). No
terminal ids, addresses or paths are labels, so the page says nothing about who.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from central.api.deps import services_of

router = APIRouter(tags=["public"])


@router.get("/metrics", response_class=Response, responses={200: {"content": {"text/plain": {}}}})
def metrics(request: Request) -> Response:
    """Security event counters of this process (Prometheus exposition format)."""
    registry = services_of(request).security.registry
    return Response(generate_latest(registry), media_type=CONTENT_TYPE_LATEST)
