"""``GET /api/v1/catalog`` with ETag / If-None-Match (§4); carries ``platform_keys``."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from central.api.deps import SIGNED_PROBLEMS, Signed, problem_responses, services_of
from sync.protocol.schemas import API_PREFIX, CatalogDocument

router = APIRouter(prefix=API_PREFIX, tags=["catalog"])


def etag_matches(header: str | None, etag: str) -> bool:
    """Weak comparison of ``If-None-Match`` (a list, or ``*``) with our ETag."""
    if not header:
        return False
    candidates = [part.strip() for part in header.split(",")]
    return any(c == "*" or c.removeprefix("W/") == etag for c in candidates)


@router.get(
    "/catalog",
    response_model=CatalogDocument,
    responses={304: {"description": "not modified"}, **problem_responses(*SIGNED_PROBLEMS)},
)
def catalog(request: Request, auth: Signed) -> Response:
    """The served catalog (with platform keys), or 304 when the terminal has it."""
    snapshot = services_of(request).catalog.snapshot()
    headers = {"ETag": snapshot.etag, "Cache-Control": "no-cache"}
    if etag_matches(request.headers.get("if-none-match"), snapshot.etag):
        return Response(status_code=304, headers=headers)
    return Response(snapshot.body, media_type="application/json", headers=headers)
