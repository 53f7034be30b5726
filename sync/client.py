"""The signing HTTP client of the Terminal Sync Protocol, with its own retry loop.

Every call: a timeout; the five signing headers (sync/protocol/signing.py) over
the exact bytes sent; no redirects; retries of connection errors, timeouts and
408 425 429 500 502 503 504 with full-jitter backoff and ``Retry-After`` as a
floor; a ``401 clock-skew`` corrects the clock offset from ``server_time`` and
is retried at once. Bodies are never logged (they may be sealed personal data).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import Any, TypeVar
from urllib.parse import urlencode, urlsplit

import requests
from pydantic import BaseModel, ValidationError

from sync import errors
from sync.backoff import Backoff, parse_retry_after
from sync.errors import BadResponse, NotEnrolled, ServerError, SyncError, TlsError, TransportError
from sync.http_session import TransportSettings, build_session
from sync.pinning import PinMismatch
from sync.protocol import problem_codes
from sync.protocol.schemas import API_PREFIX
from sync.protocol.sealing_names import MAC_HMAC_SHA256
from sync.protocol.signing import signed_headers
from sync.protocol.times import parse_rfc3339
from sync.server_clock import ServerClock
from sync.server_url import check_server_url
from sync.timing import Timing

log = logging.getLogger(__name__)
M = TypeVar("M", bound=BaseModel)
DEFAULT_ATTEMPTS = 4


@dataclass(frozen=True)
class Credentials:
    """What signs requests: the terminal id and its enrolment secret."""

    terminal_id: str
    secret: bytes = field(repr=False)
    # The MAC of the suite of the platform key the terminal seals to (HMAC-SHA256 or
    # HMAC-SM3); central reads it from the signature's prefix.
    mac: str = MAC_HMAC_SHA256


def _find_cause(exc: BaseException, kind: type[BaseException]) -> BaseException | None:
    """Search the exception, its args, reasons and causes for one of type ``kind``."""
    seen: set[int] = set()
    stack: list[Any] = [exc]
    while stack:
        item = stack.pop()
        if not isinstance(item, BaseException) or id(item) in seen:
            continue
        seen.add(id(item))
        if isinstance(item, kind):
            return item
        stack.extend(item.args)
        stack.extend([getattr(item, "reason", None), item.__cause__, item.__context__])
    return None


def transport_error(exc: requests.RequestException) -> SyncError:
    """Sort a requests failure into the protocol's categories."""
    if isinstance(exc, requests.exceptions.SSLError):
        if _find_cause(exc, PinMismatch) is not None:
            return TlsError(errors.PIN_MISMATCH, "server certificate matches no pin")
        return TlsError(errors.TLS_FAILED, type(exc).__name__)
    if isinstance(exc, requests.Timeout):
        return TransportError(errors.TIMEOUT, type(exc).__name__)
    if isinstance(exc, requests.ConnectionError | requests.exceptions.ChunkedEncodingError):
        return TransportError(errors.CONNECTION_FAILED, type(exc).__name__)
    return SyncError(errors.CONNECTION_FAILED, type(exc).__name__)


def _problem(response: requests.Response) -> dict[str, Any]:
    try:
        doc = response.json()
    except ValueError:
        return {}
    return doc if isinstance(doc, dict) else {}


class SyncClient:
    """Talks to one central server as one terminal."""

    def __init__(
        self,
        base_url: str,
        transport: TransportSettings,
        *,
        credentials: Credentials | None,
        clock: ServerClock,
        backoff: Backoff,
        timing: Timing,
        attempts: int = DEFAULT_ATTEMPTS,
    ) -> None:
        base = check_server_url(base_url, allow_http_loopback=transport.allow_http_loopback)
        parts = urlsplit(base)
        self.base_url = base
        self._origin = f"{parts.scheme}://{parts.netloc}"
        self._prefix = parts.path.rstrip("/") + API_PREFIX
        self._timeout = (transport.timeout_s, transport.timeout_s)
        self._session = build_session(transport)
        self.credentials = credentials
        self.clock = clock
        self.backoff = backoff
        self.timing = timing
        self.attempts = max(1, attempts)

    def close(self) -> None:
        self._session.close()

    def request(
        self,
        method: str,
        path: str,
        *,
        body: bytes | None = None,
        params: Mapping[str, str | int] | None = None,
        headers: Mapping[str, str] | None = None,
        expect: Collection[int] = (200,),
        signed: bool = True,
        attempts: int | None = None,
        under_api: bool = True,
    ) -> requests.Response:
        """Send one request (retrying what may be retried); the response if its status is
        in ``expect``, else ServerError / TransportError / TlsError.

        ``path`` is under /api/v1 unless ``under_api`` is false.
        """
        if signed and self.credentials is None:
            raise NotEnrolled()
        prefix = self._prefix if under_api else self._prefix.removesuffix(API_PREFIX)
        path_and_query = prefix + path + (f"?{urlencode(params)}" if params else "")
        url = self._origin + path_and_query
        limit = attempts or self.attempts
        skew_corrected = False
        attempt = 0
        while True:
            all_headers = dict(headers or {})
            if signed and self.credentials is not None:
                all_headers.update(
                    signed_headers(
                        self.credentials.terminal_id,
                        self.credentials.secret,
                        method,
                        path_and_query,
                        body,
                        int(self.clock.now()),
                        self.credentials.mac,
                    )
                )
            failure: SyncError
            retry_after: float | None = None
            try:
                response = self._session.request(
                    method,
                    url,
                    data=body,
                    headers=all_headers,
                    timeout=self._timeout,
                    allow_redirects=False,
                )
            except requests.RequestException as exc:
                failure = transport_error(exc)
            else:
                log.debug("%s %s -> %d", method, path, response.status_code)
                if response.status_code in expect:
                    return response
                problem = _problem(response)
                code = str(problem.get("code") or problem_codes.HTTP_ERROR)
                if (
                    response.status_code == 401
                    and code == problem_codes.CLOCK_SKEW
                    and not skew_corrected
                ):
                    skew_corrected = True
                    self._correct_clock(problem, response)
                    continue
                # An HTTP-date is on central's clock: compare it with our estimate of it.
                retry_after = parse_retry_after(
                    response.headers.get("Retry-After"), self.clock.now()
                )
                failure = ServerError(
                    response.status_code,
                    code,
                    str(problem.get("title") or ""),
                    retry_after_s=retry_after,
                    problem=problem,
                )
            if not failure.retryable or attempt + 1 >= limit:
                raise failure
            delay = self.backoff.delay(attempt, self.timing, retry_after)
            log.info("%s %s failed (%s); retry %d in %.1f s", method, path, failure.code,
                     attempt + 1, delay)  # fmt: skip
            self.timing.sleep(delay)
            attempt += 1

    def _correct_clock(self, problem: Mapping[str, Any], response: requests.Response) -> None:
        raw = problem.get("server_time")
        try:
            if isinstance(raw, str):
                when = parse_rfc3339(raw)
            else:
                when = parsedate_to_datetime(response.headers.get("Date", ""))
        except (TypeError, ValueError, IndexError) as exc:
            raise ServerError(401, problem_codes.CLOCK_SKEW, "no usable server_time") from exc
        offset = self.clock.learn(when)
        log.warning("clock skew reported by central; offset now %.0f s", offset)

    def call(
        self,
        method: str,
        path: str,
        model: type[M],
        *,
        payload: BaseModel | Mapping[str, Any] | None = None,
        expect: Collection[int] = (200,),
        signed: bool = True,
        params: Mapping[str, str | int] | None = None,
    ) -> M:
        """A JSON request and its JSON answer read as ``model``."""
        body = None
        headers: dict[str, str] = {"Accept": "application/json"}
        if payload is not None:
            if isinstance(payload, BaseModel):
                body = payload.model_dump_json().encode()
            else:
                body = json.dumps(payload, ensure_ascii=False).encode()
            headers["Content-Type"] = "application/json"
        response = self.request(
            method, path, body=body, headers=headers, expect=expect, signed=signed, params=params
        )
        return parse(response, model)


def parse(response: requests.Response, model: type[M]) -> M:
    """The response body read as ``model``, or BadResponse."""
    try:
        return model.model_validate_json(response.content)
    except ValidationError as exc:
        raise BadResponse(f"{model.__name__}: {exc.error_count()} problems") from exc
