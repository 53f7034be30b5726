"""Every error leaves central as ``application/problem+json`` with a ``code``:
our own problems, unknown routes and methods, validation errors and crashes alike.
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from central.problems import PROBLEM_MEDIA_TYPE, ProblemError, problem_body
from sync.protocol import problem_codes as codes

log = logging.getLogger(__name__)
_CODES_BY_STATUS = {
    400: codes.INVALID_REQUEST,
    404: codes.NOT_FOUND,
    405: codes.METHOD_NOT_ALLOWED,
    413: codes.PAYLOAD_TOO_LARGE,
    429: codes.RATE_LIMITED,
}


def problem_response(
    status: int,
    code: str,
    title: str,
    detail: str | None = None,
    instance: str | None = None,
    headers: dict[str, str] | None = None,
    **extensions: Any,
) -> JSONResponse:
    """A JSONResponse carrying a problem document."""
    return JSONResponse(
        problem_body(status, code, title, detail, instance, **extensions),
        status_code=status,
        headers=headers,
        media_type=PROBLEM_MEDIA_TYPE,
    )


def _title(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


async def _on_problem(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ProblemError)
    return JSONResponse(
        exc.body(instance=request.url.path),
        status_code=exc.status,
        headers=exc.headers,
        media_type=PROBLEM_MEDIA_TYPE,
    )


async def _on_http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    code = _CODES_BY_STATUS.get(exc.status_code, codes.HTTP_ERROR)
    detail: str | None = exc.detail if isinstance(exc.detail, str) else None
    if detail == _title(exc.status_code):
        detail = None
    return problem_response(
        exc.status_code,
        code,
        _title(exc.status_code),
        detail,
        request.url.path,
        headers=dict(exc.headers or {}),
    )


async def _on_validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = [
        {"loc": list(item.get("loc", ())), "msg": item.get("msg"), "type": item.get("type")}
        for item in exc.errors()[:20]
    ]
    return problem_response(
        400,
        codes.INVALID_REQUEST,
        "Invalid request",
        "parameters do not match the schema",
        request.url.path,
        errors=errors,
    )


async def _on_crash(request: Request, exc: Exception) -> JSONResponse:
    log.error("unhandled %s on %s %s", type(exc).__name__, request.method, request.url.path)
    return problem_response(500, codes.INTERNAL_ERROR, "Internal Server Error", None, None)


def install_problem_handlers(app: FastAPI) -> None:
    """Register the handlers on ``app``."""
    app.add_exception_handler(ProblemError, _on_problem)
    app.add_exception_handler(StarletteHTTPException, _on_http_error)
    app.add_exception_handler(RequestValidationError, _on_validation_error)
    app.add_exception_handler(Exception, _on_crash)
