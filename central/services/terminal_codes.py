"""One active terminal per terminal code, and the receipt numbers already held under it.

A terminal code is the first part of every receipt number the terminal prints, so
two active terminals with one code would print the same numbers. At enrolment:

- another active terminal with the same code and a *different* hardware id is
  refused (``409 terminal-code-in-use``): revoke it first (``central revoke``) or
  give the new one its own code;
- the same code from the same hardware id is that kiosk enrolling again (a fresh
  store, a replaced disk): the earlier registration is revoked in the same
  transaction, so its secret stops working;
- the answer carries the highest sequence central holds under the code for each
  day (``receipt_sequences``), so a terminal whose store was lost continues above
  every receipt number central has seen, instead of meeting ``receipt-conflict``.
"""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy import Integer, cast, func, select
from sqlalchemy.orm import Session

from central.problems import ProblemError
from central.store.models import Submission, Terminal
from sync.protocol import problem_codes as codes
from sync.protocol.schemas import MAX_RECEIPT_SEQUENCE_DAYS, EnrollRequest, ReceiptSequenceMark

log = logging.getLogger(__name__)


def claim_terminal_code(session: Session, request: EnrollRequest, now: datetime) -> list[str]:
    """Make way for a terminal enrolling with ``request.terminal_code``; the ids of
    the earlier registrations of the same kiosk it supersedes (now revoked).

    Raises ProblemError 409 ``terminal-code-in-use`` when another kiosk holds the code.
    """
    active = session.scalars(
        select(Terminal).where(Terminal.code == request.terminal_code, Terminal.revoked.is_(False))
    ).all()
    others = [t for t in active if t.hardware_id != request.hardware_id]
    if others:
        raise ProblemError(
            409,
            codes.TERMINAL_CODE_IN_USE,
            "Terminal code in use",
            f"terminal code {request.terminal_code} belongs to an active terminal; "
            "revoke it first or configure another code",
        )
    for terminal in active:
        terminal.revoked = True
        terminal.revoked_at = now
    superseded = [t.id for t in active]
    if superseded:
        log.info(
            "terminal code %s enrolled again; superseded %s", request.terminal_code, superseded
        )
    return superseded


def receipt_sequences(session: Session, terminal_code: str) -> list[ReceiptSequenceMark]:
    """The highest receipt sequence held under ``terminal_code``, per day (YYMMDD).

    Receipt numbers are ``TTTT-YYMMDD-NNNN-C``: the day is characters 6-11 and the
    sequence runs from character 13 to the hyphen before the check character.
    """
    receipt = Submission.receipt_no
    day = func.substr(receipt, 6, 6)
    sequence = cast(func.substr(receipt, 13, func.length(receipt) - 14), Integer)
    rows = session.execute(
        select(day, func.max(sequence))
        .where(receipt.like(f"{terminal_code}-%"))
        .group_by(day)
        .order_by(day.desc())
        .limit(MAX_RECEIPT_SEQUENCE_DAYS)
    ).all()
    return [
        ReceiptSequenceMark(day=d, last=int(last))
        for d, last in rows
        if isinstance(d, str) and d.isdigit() and last
    ]
