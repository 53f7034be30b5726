"""Request plumbing shared by the routers: bounded body reading, signature checking,
strict parsing into wire models, and the problem responses routes declare.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

from fastapi import Depends, Request
from pydantic import BaseModel, ValidationError

from central import security_log as events
from central.problems import PROBLEM_MEDIA_TYPE, ProblemError
from central.services.auth import SignedRequest
from sync.protocol import problem_codes as codes
from sync.protocol import signing
from sync.protocol.schemas import Problem
from sync.protocol.strict_json import JsonRejected, loads_strict

if TYPE_CHECKING:
    from central.app import CentralServices

SMALL_BODY_LIMIT = 64 * 1024
ModelT = TypeVar("ModelT", bound=BaseModel)


def services_of(request: Request) -> CentralServices:
    """The services the app was built with."""
    services: CentralServices = request.app.state.central
    return services


def too_large(limit: int) -> ProblemError:
    """The 413 problem for a body over ``limit`` bytes."""
    return ProblemError(413, codes.PAYLOAD_TOO_LARGE, "Payload too large", f"at most {limit} bytes")


async def read_body(request: Request, limit: int) -> bytes:
    """The body bytes, refusing (413) anything over ``limit`` before reading it all."""
    declared = request.headers.get("content-length")
    if declared is not None:
        if not declared.isdigit():
            raise ProblemError(400, codes.INVALID_REQUEST, "Bad Content-Length")
        if int(declared) > limit:
            raise too_large(limit)
    chunks: list[bytes] = []
    total = 0
    async for chunk in request.stream():
        total += len(chunk)
        if total > limit:
            raise too_large(limit)
        chunks.append(chunk)
    return b"".join(chunks)


def path_and_query(request: Request) -> str:
    """The request target as sent (percent-encoding kept), which is what is signed."""
    raw = request.scope.get("raw_path") or request.url.path.encode()
    query = request.scope.get("query_string") or b""
    target = raw.decode("latin-1")
    return f"{target}?{query.decode('latin-1')}" if query else target


def signed(limit: int = SMALL_BODY_LIMIT) -> Callable[..., SignedRequest]:
    """A dependency that reads at most ``limit`` bytes and verifies the signature."""

    async def body(request: Request) -> bytes:
        return await read_body(request, limit)

    def verify(request: Request, raw: bytes = Depends(body)) -> SignedRequest:
        services, source = services_of(request), source_of(request) or "unknown"
        try:
            verified = services.verifier.verify(
                request.method, path_and_query(request), request.headers, raw
            )
        except ProblemError as exc:
            claimed = request.headers.get(signing.HEADER_TERMINAL_ID)
            services.throttle.signature_failed(source, claimed=bool(claimed))
            services.security.record(
                auth_event(exc),
                "refused",
                source=source,
                terminal_id=claimed,
                every_s=events.REPEAT_EVERY_S,
                code=exc.code,
                path=request.url.path,
            )
            raise
        services.throttle.signature_passed(source, verified.terminal_id)
        refused = services.throttle.admit_terminal(verified.terminal_id)
        if refused is not None:
            raise services.throttle.refusal(
                *refused, source, verified.terminal_id, request.url.path
            )
        return verified

    return verify


def source_of(request: Request) -> str | None:
    """The client's address (as uvicorn saw it, after a trusted local proxy's header)."""
    return request.client.host if request.client else None


_AUTH_EVENTS = {
    codes.CLOCK_SKEW: events.CLOCK_SKEW,
    codes.REPLAYED_NONCE: events.REPLAYED_NONCE,
    codes.TERMINAL_REVOKED: events.TERMINAL_REVOKED,
}


def auth_event(exc: ProblemError) -> str:
    """The security event a refused signed request is logged as."""
    if exc.code == codes.BAD_SIGNATURE and exc.detail == "unknown terminal":
        return events.UNKNOWN_TERMINAL
    return _AUTH_EVENTS.get(exc.code, events.BAD_SIGNATURE)


def invalid(detail: str, errors: list[dict[str, Any]] | None = None) -> ProblemError:
    """The 400 problem for a body that is not JSON or not the schema."""
    if errors is None:
        return ProblemError(400, codes.INVALID_REQUEST, "Invalid request", detail)
    return ProblemError(400, codes.INVALID_REQUEST, "Invalid request", detail, errors=errors)


def validation_errors(error: ValidationError) -> list[dict[str, Any]]:
    """Where and why, without the offending input (it may hold personal data)."""
    return [
        {"loc": list(item["loc"]), "msg": item["msg"], "type": item["type"]}
        for item in error.errors(include_input=False, include_url=False)[:20]
    ]


def parse_document(data: bytes) -> Any:
    """Strict JSON, or a 400 problem."""
    try:
        return loads_strict(data)
    except JsonRejected as exc:
        raise invalid(str(exc)) from exc


def parse_model(model: type[ModelT], document: Any) -> ModelT:
    """The document as ``model``, or a 400 problem listing the errors."""
    try:
        return model.model_validate(document)
    except ValidationError as exc:
        raise invalid(f"body does not match {model.__name__}", validation_errors(exc)) from exc


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI entries for the problems a route can answer with."""
    return {
        status: {
            "model": Problem,
            "content": {PROBLEM_MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}},
            "description": "RFC 9457 problem with a `code` member",
        }
        for status in statuses
    }


SIGNED_PROBLEMS = (400, 401, 403, 413, 429)
Signed = Annotated[SignedRequest, Depends(signed())]
