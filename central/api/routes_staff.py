"""``GET /api/v1/staff``: the staff accounts provisioned to the calling terminal.

Signed like every terminal request. The body is serialised with sorted keys and
the ETag is a hash of those exact bytes, so an unchanged list costs a ``304``
(``If-None-Match`` uses weak comparison and accepts lists and ``*``, as for the
catalog). ``Cache-Control: no-store``: the list carries PIN hashes.
"""

from __future__ import annotations

import hashlib
import json

from fastapi import APIRouter, Request, Response

from central.api.deps import SIGNED_PROBLEMS, Signed, problem_responses, services_of
from central.api.routes_catalog import etag_matches
from central.services.staff import accounts_for_terminal
from sync.protocol.schemas import API_PREFIX
from sync.protocol.staff_list import STAFF_PATH, StaffListResponse

router = APIRouter(prefix=API_PREFIX, tags=["staff"])


@router.get(
    STAFF_PATH,
    response_model=StaffListResponse,
    responses={304: {"description": "not modified"}, **problem_responses(*SIGNED_PROBLEMS)},
)
def staff(request: Request, auth: Signed) -> Response:
    """Every account for this terminal (disabled ones too), or 304 when it has the list."""
    listing = accounts_for_terminal(services_of(request).core.store, auth.terminal_id)
    body = json.dumps(
        listing.model_dump(mode="json", warnings=False),
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    ).encode()
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    headers = {"ETag": etag, "Cache-Control": "no-store"}
    if etag_matches(request.headers.get("if-none-match"), etag):
        return Response(status_code=304, headers=headers)
    return Response(body, media_type="application/json", headers=headers)
