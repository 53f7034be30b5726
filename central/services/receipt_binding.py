"""Receipts bound to the terminal that signs them (issue 13, receipt squatting).

A receipt number ``TTTT-YYMMDD-NNNN-C`` names its issuer (TTTT, the terminal code)
and its day (YYMMDD, the kiosk's local date). Central only stores a submission
whose receipt the signing terminal could have issued: its own code, and a day
between the terminal's enrolment and tomorrow. Otherwise a rogue terminal could
take another kiosk's next numbers, or its own future ones, and leave the real
submissions stuck on ``receipt-conflict``.

"Enrolment" is the first enrolment of the terminal's code: a kiosk enrolled again
(a new identity after a revocation) keeps delivering what it queued before. Dates
are compared with a day of slack on each side of China time (UTC+8): a kiosk's
local date in any time zone on earth lies within a day of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from central.services.cases import CHINA_TIME
from central.store.models import Terminal
from sync.protocol import problem_codes as codes

SLACK = timedelta(days=1)


@dataclass(frozen=True)
class ReceiptIssuer:
    """What binding needs to know of the signing terminal."""

    code: str
    enrolled_at: datetime


def issuer_of(session: Session, terminal_id: str) -> ReceiptIssuer | None:
    """The signing terminal's code and its code's first enrolment (None: unknown id)."""
    terminal = session.get(Terminal, terminal_id)
    if terminal is None:
        return None
    first = session.scalar(
        select(func.min(Terminal.enrolled_at)).where(Terminal.code == terminal.code)
    )
    return ReceiptIssuer(terminal.code, first or terminal.enrolled_at)


@dataclass(frozen=True)
class BindingRefusal:
    """Why a receipt is not the signing terminal's to use."""

    code: str
    detail: str


def _receipt_day(receipt_no: str) -> date | None:
    digits = receipt_no[5:11]  # TTTT-YYMMDD-…, format checked by the wire schema
    try:
        return date(2000 + int(digits[:2]), int(digits[2:4]), int(digits[4:6]))
    except ValueError:
        return None


def receipt_binding_problem(
    receipt_no: str, issuer: ReceiptIssuer | None, now: datetime
) -> BindingRefusal | None:
    """None when ``issuer`` may use ``receipt_no`` at ``now``; else why not (an
    unknown issuer may use none)."""
    if issuer is None or receipt_no[:4] != issuer.code:
        return BindingRefusal(
            codes.RECEIPT_NOT_ISSUER,
            "receipt number names another terminal code than the signing terminal's",
        )
    day = _receipt_day(receipt_no)
    if day is None:
        return BindingRefusal(codes.RECEIPT_DATE_IMPLAUSIBLE, "receipt date is not a date")
    earliest = (issuer.enrolled_at.astimezone(CHINA_TIME) - SLACK).date()
    latest = (now.astimezone(CHINA_TIME) + SLACK).date()
    if day > latest:
        return BindingRefusal(codes.RECEIPT_DATE_IMPLAUSIBLE, "receipt dated in the future")
    if day < earliest:
        return BindingRefusal(
            codes.RECEIPT_DATE_IMPLAUSIBLE, "receipt dated before the terminal was enrolled"
        )
    return None
