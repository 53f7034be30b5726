"""``POST /api/v1/submissions/batch``: up to 100 sealed submissions, maybe gzipped."""

from __future__ import annotations

import zlib
from typing import Annotated

from fastapi import APIRouter, Depends, Request

from central.api.deps import (
    SIGNED_PROBLEMS,
    invalid,
    parse_document,
    parse_model,
    problem_responses,
    services_of,
    signed,
    too_large,
)
from central.api.openapi import json_body
from central.problems import ProblemError
from central.services.auth import SignedRequest
from sync.protocol import problem_codes as codes
from sync.protocol.schemas import (
    API_PREFIX,
    MAX_BATCH_BYTES,
    MAX_BATCH_ITEMS,
    BatchRequest,
    BatchResponse,
)

router = APIRouter(prefix=API_PREFIX, tags=["submissions"])
# gzip of incompressible data is a little larger than the data; allow for that.
RAW_BODY_LIMIT = MAX_BATCH_BYTES + 64 * 1024
SignedBatch = Annotated[SignedRequest, Depends(signed(RAW_BODY_LIMIT))]


def decode_content(body: bytes, encoding: str | None) -> bytes:
    """The uncompressed body (at most 2 MiB), per ``Content-Encoding``."""
    encoding = (encoding or "identity").strip().lower()
    if encoding == "identity":
        if len(body) > MAX_BATCH_BYTES:
            raise too_large(MAX_BATCH_BYTES)
        return body
    if encoding != "gzip":
        raise ProblemError(
            415, codes.UNSUPPORTED_ENCODING, "Unsupported Content-Encoding", "use gzip or none"
        )
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        data = inflater.decompress(body, MAX_BATCH_BYTES + 1)
    except zlib.error as exc:
        raise invalid("body is not valid gzip") from exc
    if len(data) > MAX_BATCH_BYTES or inflater.unconsumed_tail:
        raise too_large(MAX_BATCH_BYTES)
    if not inflater.eof or inflater.unused_data:
        raise invalid("gzip body truncated or followed by other data")
    return data


@router.post(
    "/submissions/batch",
    response_model=BatchResponse,
    responses=problem_responses(415, *SIGNED_PROBLEMS),
    openapi_extra=json_body(BatchRequest, gzip=True),
)
def upload_batch(request: Request, auth: SignedBatch) -> BatchResponse:
    """One result per submission, in order: accepted, duplicate, missing-attachments or
    rejected. A malformed batch is refused whole (400) so the terminal can split it."""
    services = services_of(request)
    document = parse_document(decode_content(auth.body, request.headers.get("content-encoding")))
    if isinstance(document, dict):
        items = document.get("submissions")
        if isinstance(items, list) and len(items) > MAX_BATCH_ITEMS:
            raise ProblemError(
                413,
                codes.TOO_MANY_SUBMISSIONS,
                "Too many submissions",
                f"at most {MAX_BATCH_ITEMS} per batch",
            )
    batch = parse_model(BatchRequest, document)
    return services.intake.process(auth.terminal_id, batch)
