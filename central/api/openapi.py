"""The published OpenAPI document (``GET /openapi.json``).

Request bodies are parsed by hand (the signature covers the raw bytes, and batches
may be gzip), so their schemas are declared here; FastAPI's 422 validation entries
are replaced by the 400 problem central really sends.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from pydantic import BaseModel

from central.problems import PROBLEM_MEDIA_TYPE
from sync.protocol.schemas import Problem

_REF = "#/components/schemas/{model}"
_BODY_MODELS: list[type[BaseModel]] = [Problem]


def json_body(model: type[BaseModel], gzip: bool = False) -> dict[str, Any]:
    """``openapi_extra`` declaring ``model`` as the JSON request body."""
    if model not in _BODY_MODELS:
        _BODY_MODELS.append(model)
    description = "JSON body"
    if gzip:
        description += "; may be sent with `Content-Encoding: gzip`"
    return {
        "requestBody": {
            "required": True,
            "description": description,
            "content": {
                "application/json": {"schema": {"$ref": _REF.format(model=model.__name__)}}
            },
        }
    }


def _bad_request() -> dict[str, Any]:
    return {
        "description": "invalid request (problem code `invalid-request`)",
        "content": {PROBLEM_MEDIA_TYPE: {"schema": {"$ref": _REF.format(model="Problem")}}},
    }


def build_openapi(app: FastAPI) -> dict[str, Any]:
    """The OpenAPI 3.1 document of ``app``, built once."""
    if app.openapi_schema:
        return app.openapi_schema
    document = get_openapi(
        title=app.title, version=app.version, description=app.description, routes=app.routes
    )
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    for model in _BODY_MODELS:
        schema = model.model_json_schema(ref_template=_REF)
        for name, definition in schema.pop("$defs", {}).items():
            schemas.setdefault(name, definition)
        schemas.setdefault(model.__name__, schema)
    for path_item in document.get("paths", {}).values():
        for operation in path_item.values():
            responses = operation.get("responses", {})
            if responses.pop("422", None) is not None:
                responses.setdefault("400", _bad_request())
    for name in ("HTTPValidationError", "ValidationError"):
        schemas.pop(name, None)
    app.openapi_schema = document
    return document


def install_openapi(app: FastAPI) -> None:
    """Serve :func:`build_openapi` as the app's OpenAPI document."""
    app.openapi = lambda: build_openapi(app)  # type: ignore[method-assign]
