"""Times as the project writes and reads them (sync-protocol.md: RFC 3339 in UTC,
``...Z``). No I/O here; terminal/, sync/ and central/ all use these two functions.

One form for every time written, on the wire and in the terminal's store: UTC
with six fractional digits, ``2026-11-27T02:11:09.000000Z``. Six digits because
central's times carry microseconds and the order of two changes within one
second must survive the trip (the terminal keeps only the newest status of a
case); always six, so that stored times compare as text in time order (the
store and the audit trail rely on that). Reading accepts any RFC 3339 time with
an offset, with or without a fraction, as older terminals and centrals wrote
them (``2026-11-27T02:11:09Z``, as in the protocol's examples).
"""

from __future__ import annotations

from datetime import UTC, datetime


def rfc3339(moment: datetime) -> str:
    """An aware datetime as ``YYYY-MM-DDTHH:MM:SS.ffffffZ`` in UTC; ValueError for a
    naive one, whose zone is unknown."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("a time without a UTC offset cannot be written as RFC 3339")
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


def parse_rfc3339(text: str) -> datetime:
    """An aware UTC datetime from an RFC 3339 time with ``Z`` or an offset (a fraction
    is kept); ValueError for anything else, a time without an offset included."""
    moment = datetime.fromisoformat(text)  # Python 3.11 reads "Z" itself
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"time without a UTC offset: {text!r}")
    return moment.astimezone(UTC)
