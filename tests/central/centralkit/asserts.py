"""Assertions shared by central's tests."""

from __future__ import annotations

from typing import Any

import requests


def assert_problem(response: requests.Response, status: int, code: str) -> dict[str, Any]:
    """The response is an RFC 9457 problem with this status and ``code``; returns it."""
    assert response.status_code == status, (response.status_code, response.text)
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert body["code"] == code, body
    assert body["status"] == status
    assert body["title"]
    assert body["type"].endswith(code)
    return body
