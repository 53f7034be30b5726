"""Is a submission's date believable? (§2: refused ``implausible-date``.)

A terminal whose clock fell back to 2000-01-01 (a flat RTC battery) must not file a
case dated a quarter of a century ago. The terminal corrects its clock by the offset
it learnt from central (terminal/corrected_clock.py); this is the platform's own
guard for one that never learnt it. The bounds are wide on purpose: a terminal
that was offline for months, or whose clock is weeks off before its first sync, still
gets its submissions through.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

MAX_AGE = timedelta(days=400)  # offline for a year still counts
MAX_AHEAD = timedelta(days=60)  # a clock weeks ahead before its first sync still counts
DAY_SLACK = timedelta(days=1)  # the receipt's day is local (UTC-12 … UTC+14)


def receipt_day(receipt_no: str) -> date | None:
    """The YYMMDD of ``TTTT-YYMMDD-NNNN-C`` as a date, or None when it is no date."""
    digits = receipt_no[5:11]
    try:
        return date(2000 + int(digits[:2]), int(digits[2:4]), int(digits[4:6]))
    except ValueError:
        return None


def date_problem(receipt_no: str, created_at: datetime, now: datetime) -> str | None:
    """Why the dates of a submission are not believable, or None when they are."""
    if created_at < now - MAX_AGE:
        return f"created_at {created_at:%Y-%m-%d} is more than {MAX_AGE.days} days ago"
    if created_at > now + MAX_AHEAD:
        return f"created_at {created_at:%Y-%m-%d} is more than {MAX_AHEAD.days} days ahead"
    day = receipt_day(receipt_no)
    if day is None:
        return "the receipt number holds no valid date"
    if abs(day - created_at.date()) > DAY_SLACK:
        return f"the receipt's date {day:%Y-%m-%d} is not the day of created_at"
    return None
