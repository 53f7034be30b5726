"""``HEAD`` / ``PUT /api/v1/attachments/{sha256}``: sealed attachments, uploaded first."""

from __future__ import annotations

import hashlib
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request, Response
from sqlalchemy.exc import IntegrityError

from central.api.deps import SIGNED_PROBLEMS, Signed, problem_responses, services_of, signed
from central.problems import ProblemError
from central.services.auth import SignedRequest
from central.store.models import Attachment
from sync.protocol import problem_codes as codes
from sync.protocol.schemas import API_PREFIX, MAX_ATTACHMENT_BYTES

SignedAttachment = Annotated[SignedRequest, Depends(signed(MAX_ATTACHMENT_BYTES))]
router = APIRouter(prefix=API_PREFIX, tags=["submissions"])
Sha256Path = Annotated[
    str, Path(pattern=r"^[0-9a-f]{64}$", description="hex SHA-256 of the sealed bytes")
]


@router.head(
    "/attachments/{sha256}",
    responses={200: {"description": "present"}, **problem_responses(404, *SIGNED_PROBLEMS)},
)
def attachment_present(request: Request, sha256: Sha256Path, auth: Signed) -> Response:
    """200 when the attachment is stored, 404 when it is not."""
    services = services_of(request)
    with services.core.store.transaction() as session:
        row = session.get(Attachment, sha256)
    if row is None or not services.attachments.exists(sha256):
        raise ProblemError(404, codes.ATTACHMENT_NOT_FOUND, "Attachment not stored")
    return Response(status_code=200, headers={"X-Attachment-Size": str(row.size)})


@router.put(
    "/attachments/{sha256}",
    status_code=201,
    responses={
        200: {"description": "already present"},
        201: {"description": "stored"},
        **problem_responses(422, *SIGNED_PROBLEMS),
    },
)
def put_attachment(
    request: Request,
    response: Response,
    sha256: Sha256Path,
    auth: SignedAttachment,
) -> dict[str, object]:
    """Store the sealed bytes if they hash to the name: 201 new, 200 already there."""
    services = services_of(request)
    data = auth.body
    if hashlib.sha256(data).hexdigest() != sha256:
        raise ProblemError(
            422, codes.DIGEST_MISMATCH, "Digest mismatch", "the bytes do not hash to the name"
        )
    store, files = services.core.store, services.attachments
    with store.transaction() as session:
        present = session.get(Attachment, sha256) is not None
    if present and files.exists(sha256):
        response.status_code = 200
        return {"sha256": sha256, "size": len(data)}
    files.write(sha256, data, services.core.clock.now())  # whole before the row says so
    try:
        with store.transaction() as session:
            if session.get(Attachment, sha256) is None:
                session.add(
                    Attachment(
                        sha256=sha256,
                        size=len(data),
                        stored_at=services.core.clock.now(),
                        terminal_id=auth.terminal_id,
                    )
                )
            else:
                response.status_code = 200
    except IntegrityError:  # stored concurrently by another request
        response.status_code = 200
    return {"sha256": sha256, "size": len(data)}
