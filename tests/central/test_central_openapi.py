"""The published OpenAPI document is valid and describes what central really sends."""

from __future__ import annotations

import requests
from centralkit.batches import send_batch
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

EXPECTED = {
    ("post", "/api/v1/terminals/enroll"), ("post", "/api/v1/terminals/heartbeat"),
    ("head", "/api/v1/attachments/{sha256}"), ("put", "/api/v1/attachments/{sha256}"),
    ("post", "/api/v1/submissions/batch"), ("get", "/api/v1/cases/changes"),
    ("post", "/api/v1/cases/lookup"), ("get", "/api/v1/catalog"),
    ("get", "/r/{receipt_no}"),
}  # fmt: skip


def _refs(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                yield value
            else:
                yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


def _validator(document, name):
    resource = Resource.from_contents(document, default_specification=DRAFT202012)
    registry = Registry().with_resource("urn:openapi", resource)
    return Draft202012Validator(
        {"$ref": f"urn:openapi#/components/schemas/{name}"}, registry=registry
    )


def test_openapi_is_valid_and_complete(central, terminal):
    response = requests.get(central.url + "/openapi.json", timeout=30)
    assert response.status_code == 200
    document = response.json()
    assert document["openapi"].startswith("3.1")
    operations = {(m, p) for p, item in document["paths"].items() for m in item}
    assert operations >= EXPECTED
    schemas = document["components"]["schemas"]
    for ref in set(_refs(document)):
        assert ref.startswith("#/components/schemas/") and ref.rsplit("/", 1)[1] in schemas, ref
    for schema in schemas.values():
        Draft202012Validator.check_schema(schema)
    text = response.text
    assert "HTTPValidationError" not in text and '"422"' not in text
    batch = document["paths"]["/api/v1/submissions/batch"]["post"]
    assert batch["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "/BatchRequest"
    )
    assert "application/problem+json" in batch["responses"]["401"]["content"]

    item = terminal.factory.item()
    _validator(document, "BatchRequest").validate({"submissions": [item]})
    result = send_batch(terminal, [item]).json()
    _validator(document, "BatchResponse").validate(result)
    problem = requests.get(central.url + "/nope", timeout=30).json()
    _validator(document, "Problem").validate(problem)
