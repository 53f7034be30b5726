"""Times as the store keeps them for comparison.

``set_central_status`` compares ``updated_at`` values as strings, which orders
RFC 3339 times correctly only when they all have the same shape ("…:05Z" sorts
after "…:05.5Z"). Every central time sync stores goes through
:func:`fixed_width_utc`: UTC, always six fractional digits.
"""

from __future__ import annotations

from datetime import UTC, datetime


def parse_rfc3339(value: str) -> datetime:
    """An aware datetime from an RFC 3339 string with ``Z`` or an offset."""
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def fixed_width_utc(moment: datetime) -> str:
    """``YYYY-MM-DDTHH:MM:SS.ffffffZ`` in UTC."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
