"""The public receipt page (§7): checks a QR's signature with the issuing terminal's
secret and tells the case status. Nothing personal is shown.
"""

from __future__ import annotations

import hmac
from datetime import UTC, datetime

from sqlalchemy import select

from central.problems import ProblemError
from central.secretbox import SecretBox
from central.services.cases import status_text
from central.store.engine import Store
from central.store.models import Case, Submission, Terminal
from sync.protocol import problem_codes as codes
from sync.protocol.receipt_numbers import receipt_no_problem, receipt_signature
from sync.protocol.schemas import ReceiptVerification

NOT_VERIFIED_DETAIL = "this receipt could not be verified (unknown, not yet uploaded, or altered)"


def _not_verified() -> ProblemError:
    return ProblemError(
        404, codes.RECEIPT_NOT_VERIFIED, "Receipt not verified", NOT_VERIFIED_DETAIL
    )


def verify_receipt(
    store: Store, secretbox: SecretBox, receipt_no: str, ts: str, sig: str
) -> ReceiptVerification:
    """The receipt's status when ``sig`` is the issuing terminal's; a 404 problem otherwise."""
    if receipt_no_problem(receipt_no) or not ts.isdigit() or len(ts) > 12 or len(sig) > 64:
        raise _not_verified()
    with store.transaction() as session:
        row = session.execute(
            select(Submission.kind, Terminal.id, Terminal.secret_sealed, Case)
            .join(Terminal, Terminal.id == Submission.terminal_id)
            .join(Case, Case.submission_id == Submission.submission_id)
            .where(Submission.receipt_no == receipt_no)
        ).first()
    if row is None:
        raise _not_verified()
    kind, terminal_id, sealed_secret, case = row
    expected = receipt_signature(secretbox.open(terminal_id, sealed_secret), receipt_no, ts)
    if not hmac.compare_digest(expected.encode(), sig.upper().encode()):
        raise _not_verified()
    return ReceiptVerification(
        receipt_no=receipt_no,
        verified=True,
        issued_at=datetime.fromtimestamp(int(ts), UTC),
        kind=kind,  # type: ignore[arg-type]  # stored values come from the Literal
        status=case.status,  # type: ignore[arg-type]
        status_text=status_text(case.status),
        department=case.department,
        updated_at=case.updated_at,
    )
