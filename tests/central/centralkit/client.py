"""A signing HTTP client (requests) speaking to central on 127.0.0.1."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from typing import Any

import requests

from sync.protocol import signing


class SignedClient:
    """Signs each request with the terminal's secret at the time ``now()`` gives."""

    def __init__(
        self, base_url: str, terminal_id: str, secret_b64: str, now: Callable[[], float]
    ) -> None:
        self.base_url = base_url
        self.terminal_id = terminal_id
        self.secret = base64.b64decode(secret_b64)
        self.now = now
        self.http = requests.Session()

    def headers(self, method: str, target: str, body: bytes, timestamp: int | None = None) -> dict:
        """The five signing headers for ``method target`` with ``body``."""
        stamp = int(self.now()) if timestamp is None else timestamp
        return signing.signed_headers(self.terminal_id, self.secret, method, target, body, stamp)

    def send(
        self,
        method: str,
        target: str,
        body: bytes = b"",
        headers: dict[str, str] | None = None,
        sign_headers: dict[str, str] | None = None,
    ) -> requests.Response:
        """Send with signing headers (``sign_headers`` replaces them when given)."""
        merged = dict(sign_headers or self.headers(method, target, body))
        merged.update(headers or {})
        return self.http.request(
            method, self.base_url + target, data=body, headers=merged, timeout=60
        )

    def get(self, target: str, **kwargs: Any) -> requests.Response:
        return self.send("GET", target, **kwargs)

    def post_json(self, target: str, document: Any, **kwargs: Any) -> requests.Response:
        body = json.dumps(document).encode()
        headers = {"Content-Type": "application/json", **kwargs.pop("headers", {})}
        return self.send("POST", target, body, headers=headers, **kwargs)

    def close(self) -> None:
        self.http.close()
