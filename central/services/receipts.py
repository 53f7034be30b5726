"""The public receipt page (§7): checks a QR's signature with the issuing terminal's
secret and tells the case status. Nothing personal is shown. A revoked terminal's
QRs no longer verify, nor do QRs whose time (``ts``) cannot be true or is not the
receipt's issue second (its submission's ``created_at``): a thief with a terminal's
secret would otherwise sign a QR for each of its receipt numbers and read them all.
"""

from __future__ import annotations

import hmac
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from central.problems import ProblemError
from central.secretbox import SecretBox
from central.services.cases import status_text
from central.services.receipt_binding import issuer_of
from central.store.engine import Store
from central.store.models import Case, Submission, Terminal
from sync.protocol import problem_codes as codes
from sync.protocol.receipt_numbers import (
    issue_ts,
    receipt_no_problem,
    receipt_sig_mac,
    receipt_signature,
)
from sync.protocol.schemas import ReceiptVerification

ISSUE_SLACK = timedelta(days=1)
NOT_VERIFIED_DETAIL = "this receipt could not be verified (unknown, not yet uploaded, or altered)"


def _not_verified() -> ProblemError:
    return ProblemError(
        404, codes.RECEIPT_NOT_VERIFIED, "Receipt not verified", NOT_VERIFIED_DETAIL
    )


def issued_at(ts: str, earliest: datetime, now: datetime) -> datetime | None:
    """When the QR says it was printed, if that can be true: digits only, not before
    the day before the terminal's code was first enrolled, not after tomorrow (a
    kiosk's clock may be off by hours, never by years)."""
    if not ts.isascii() or not ts.isdigit() or len(ts) > 12:
        return None
    value = int(ts)  # compared as a number first: a far-off year would not convert
    if not (earliest - ISSUE_SLACK).timestamp() <= value <= (now + ISSUE_SLACK).timestamp():
        return None
    return datetime.fromtimestamp(value, UTC)


def verify_receipt(
    store: Store, secretbox: SecretBox, receipt_no: str, ts: str, sig: str, now: datetime
) -> ReceiptVerification:
    """The receipt's status when ``sig`` is the issuing terminal's, that terminal is not
    revoked (its secret may be in a thief's hands) and ``ts`` is a plausible time; a
    404 problem otherwise."""
    mac = receipt_sig_mac(sig)  # 16 characters: HMAC-SHA256; 24: HMAC-SM3
    if receipt_no_problem(receipt_no) or not ts.isdigit() or len(ts) > 12 or mac is None:
        raise _not_verified()
    with store.transaction() as session:
        row = session.execute(
            select(
                Submission.kind,
                Submission.created_at,
                Terminal.id,
                Terminal.secret_sealed,
                Terminal.revoked,
                Case,
            )
            .join(Terminal, Terminal.id == Submission.terminal_id)
            .join(Case, Case.submission_id == Submission.submission_id)
            .where(Submission.receipt_no == receipt_no)
        ).first()
        issuer = issuer_of(session, row[2]) if row is not None else None
    if row is None or issuer is None:
        raise _not_verified()
    kind, created_at, terminal_id, sealed_secret, revoked, case = row
    when = issued_at(ts, issuer.enrolled_at, now)
    if revoked or when is None or int(ts) != issue_ts(created_at):
        raise _not_verified()
    expected = receipt_signature(secretbox.open(terminal_id, sealed_secret), receipt_no, ts, mac)
    if not hmac.compare_digest(expected.encode(), sig.upper().encode()):
        raise _not_verified()
    return ReceiptVerification(
        receipt_no=receipt_no,
        verified=True,
        issued_at=when,
        kind=kind,  # type: ignore[arg-type]  # stored values come from the Literal
        status=case.status,  # type: ignore[arg-type]
        status_text=status_text(case.status),
        department=case.department,
        updated_at=case.updated_at,
    )
