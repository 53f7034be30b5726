"""Slow clients are cut off: uvicorn's h11 protocol with a header and a read timeout.

uvicorn closes an idle keep-alive connection (``timeout_keep_alive``), but a new
connection that sends nothing, or sends its headers a byte at a time, stays open
for ever: 200 such sockets held 200 connections (issue 13). Here every request's
headers must arrive within ``header_timeout_s`` of the connection opening (or of
the previous response), and while a body is coming no more than ``read_timeout_s``
may pass without a byte. Either way the connection is closed (a 408 when nothing
of a request was answered yet). Header size stays bounded by h11's limit.
"""

from __future__ import annotations

import asyncio
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

HEADER_TIMEOUT_S = 10.0
READ_TIMEOUT_S = 30.0
TIMEOUT_RESPONSE = (
    b"HTTP/1.1 408 Request Timeout\r\ncontent-type: text/plain; charset=utf-8\r\n"
    b"connection: close\r\ncontent-length: 16\r\n\r\nrequest too slow"
)


class GuardedH11Protocol(H11Protocol):
    """H11Protocol that closes connections whose request arrives too slowly."""

    header_timeout_s = HEADER_TIMEOUT_S
    read_timeout_s = READ_TIMEOUT_S

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._deadline: asyncio.TimerHandle | None = None

    def _arm(self, seconds: float) -> None:
        self._disarm()
        self._deadline = self.loop.call_later(seconds, self._too_slow)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _too_slow(self) -> None:
        self._deadline = None
        if self.transport.is_closing():
            return
        between_requests = self.cycle is None or self.cycle.response_complete
        if self.conn.their_state is h11.IDLE and between_requests:
            self.transport.write(TIMEOUT_RESPONSE)  # headers never came: say why
        self.transport.close()

    def _rearm_for_request(self) -> None:
        state = self.conn.their_state
        if state is h11.SEND_BODY:
            self._arm(self.read_timeout_s)  # headers are in: now each chunk must come
        elif state is h11.IDLE:
            self._arm(self.header_timeout_s)
        else:  # DONE (the app is answering), or an error uvicorn handles
            self._disarm()

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm(self.header_timeout_s)

    def data_received(self, data: bytes) -> None:
        # Header time is counted from the first byte's wait, not reset by each byte;
        # only a body's chunks each renew the read timeout.
        before = self.conn.their_state
        super().data_received(data)
        after = self.conn.their_state
        if after is not before or after is h11.SEND_BODY:
            self._rearm_for_request()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing():
            self._rearm_for_request()  # the next request's headers are on the clock

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)


def guarded_protocol(header_timeout_s: float, read_timeout_s: float) -> type[GuardedH11Protocol]:
    """A protocol class with these timeouts (uvicorn builds it with its own arguments)."""
    return type(
        "GuardedH11Protocol",
        (GuardedH11Protocol,),
        {"header_timeout_s": header_timeout_s, "read_timeout_s": read_timeout_s},
    )
