"""RFC 9457 problem details: the one shape of every error central sends.

``ProblemError`` carries a problem out of any layer; the API turns it into an
``application/problem+json`` response with the protocol's ``code`` member.
"""

from __future__ import annotations

from typing import Any

PROBLEM_MEDIA_TYPE = "application/problem+json"
PROBLEM_TYPE_PREFIX = "urn:mashangban:problem:"


class ProblemError(Exception):
    """An error that becomes a problem response."""

    def __init__(
        self,
        status: int,
        code: str,
        title: str,
        detail: str | None = None,
        headers: dict[str, str] | None = None,
        **extensions: Any,
    ) -> None:
        super().__init__(f"{status} {code}: {detail or title}")
        self.status = status
        self.code = code
        self.title = title
        self.detail = detail
        self.headers = headers or {}
        self.extensions = extensions

    def body(self, instance: str | None = None) -> dict[str, Any]:
        """The problem document."""
        return problem_body(
            self.status, self.code, self.title, self.detail, instance, **self.extensions
        )


def problem_body(
    status: int,
    code: str,
    title: str,
    detail: str | None = None,
    instance: str | None = None,
    **extensions: Any,
) -> dict[str, Any]:
    """A problem document with ``type`` derived from ``code``."""
    document: dict[str, Any] = {
        "type": PROBLEM_TYPE_PREFIX + code,
        "title": title,
        "status": status,
        "code": code,
    }
    if detail is not None:
        document["detail"] = detail
    if instance is not None:
        document["instance"] = instance
    document.update(extensions)
    return document
