"""sync/protocol/times.py: the one form every time is written in, and what is read."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta, timezone

import pytest

from sync.protocol.schemas import CaseChange
from sync.protocol.times import parse_rfc3339, rfc3339

BEIJING = timezone(timedelta(hours=8))


def test_written_in_utc_with_six_fractional_digits_and_z() -> None:
    moment = datetime(2026, 11, 27, 10, 11, 9, 999_999, tzinfo=BEIJING)
    assert rfc3339(moment) == "2026-11-27T02:11:09.999999Z"
    assert rfc3339(datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)) == "2026-01-02T03:04:05.000000Z"


def test_a_time_without_a_zone_is_refused_both_ways() -> None:
    with pytest.raises(ValueError):
        rfc3339(datetime(2026, 11, 27, 2, 11, 9))
    with pytest.raises(ValueError):
        parse_rfc3339("2026-11-27T02:11:09")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-27T02:11:09Z", datetime(2026, 11, 27, 2, 11, 9, tzinfo=UTC)),
        ("2026-11-27T10:11:09+08:00", datetime(2026, 11, 27, 2, 11, 9, tzinfo=UTC)),
        ("2026-11-27T02:11:09.5Z", datetime(2026, 11, 27, 2, 11, 9, 500_000, tzinfo=UTC)),
        ("2026-11-27T02:11:09.123456Z", datetime(2026, 11, 27, 2, 11, 9, 123_456, tzinfo=UTC)),
    ],
)
def test_read_with_an_offset_and_any_fraction(text: str, expected: datetime) -> None:
    parsed = parse_rfc3339(text)
    assert parsed == expected and parsed.tzinfo is UTC


def test_text_order_is_time_order() -> None:
    rng = random.Random(3339)
    start = datetime(2026, 1, 1, tzinfo=UTC)
    moments = [start + timedelta(seconds=rng.uniform(0, 4e8)) for _ in range(2000)]
    written = [rfc3339(m) for m in moments]
    assert len({len(w) for w in written}) == 1  # one width
    assert sorted(written) == [rfc3339(m) for m in sorted(moments)]
    assert all(parse_rfc3339(w) == m for w, m in zip(written, moments, strict=True))


def test_why_one_width_matters() -> None:
    """Older rows hold times to the second; a fraction sorts before them as text, so
    the store parses and rewrites every time it compares (lifecycle.set_central_status)."""
    earlier, later = "2026-11-27T02:11:09Z", "2026-11-27T02:11:09.5Z"
    assert later < earlier
    assert rfc3339(parse_rfc3339(earlier)) < rfc3339(parse_rfc3339(later))


def test_the_wire_schemas_write_the_same_form() -> None:
    change = CaseChange.model_validate(
        {
            "cursor": 1,
            "case_id": "C20261127000001",
            "submission_id": "6f1c2a3e-0d4b-4c5e-8f90-123456789abc",
            "receipt_no": "0042-261127-0001-5",
            "status": "accepted",
            "status_text": {"zh_CN": "已受理", "en": "Accepted"},
            "updated_at": "2026-11-27T10:11:09.250+08:00",
        }
    )
    assert '"updated_at":"2026-11-27T02:11:09.250000Z"' in change.model_dump_json()
