"""Lookup of a case by receipt number, for a citizen at any kiosk (§3, issue 13).

The number alone is not enough: receipt numbers are sequential, so a terminal could
list everyone's cases by counting. The request carries the citizen's proof of holding
the receipt, either its query code (查询码) or its QR's signature, and both are checked
with the issuing terminal's secret *and the receipt's issue second*: a thief with a
terminal's secret still has to guess the second (86,400 a day), which the lockouts in
central/api/lookup_guard.py make hopeless. Unknown receipts and wrong proofs give the
same answer (None), so a guess does not even learn that a number exists.
"""

from __future__ import annotations

import hmac

from sqlalchemy import select

from central.secretbox import SecretBox
from central.services.cases import status_text
from central.store.engine import Store
from central.store.models import Case, CaseChange, Submission, Terminal
from sync.protocol.receipt_numbers import issue_ts, query_code, receipt_signature
from sync.protocol.schemas import ReceiptLookupRequest, ReceiptLookupResponse, StatusHistoryEntry


def proof_matches(secret: bytes, ts: int, request: ReceiptLookupRequest) -> bool:
    """Whether the request's proof is the receipt's (issued at Unix second ``ts``)."""
    if request.query_code is not None:
        expected = query_code(secret, request.receipt_no, ts)
        return hmac.compare_digest(expected.encode(), request.query_code.encode())
    assert request.qr is not None  # the model holds exactly one proof
    if request.qr.ts != str(ts):  # the QR of this receipt, not one made up for it
        return False
    expected = receipt_signature(secret, request.receipt_no, ts)
    return hmac.compare_digest(expected.encode(), request.qr.sig.encode())


def lookup_by_proof(
    store: Store, secretbox: SecretBox, request: ReceiptLookupRequest
) -> ReceiptLookupResponse | None:
    """The citizen's view of the case when the proof matches; None otherwise (unknown
    receipt or wrong proof alike)."""
    with store.transaction() as session:
        row = session.execute(
            select(Submission.created_at, Terminal.id, Terminal.secret_sealed, Case)
            .join(Terminal, Terminal.id == Submission.terminal_id)
            .join(Case, Case.submission_id == Submission.submission_id)
            .where(Submission.receipt_no == request.receipt_no)
        ).first()
        if row is None:
            return None
        created_at, terminal_id, sealed_secret, case = row
        secret = secretbox.open(terminal_id, sealed_secret)
        if not proof_matches(secret, issue_ts(created_at), request):
            return None
        history = session.scalars(
            select(CaseChange).where(CaseChange.case_id == case.case_id).order_by(CaseChange.id)
        ).all()
        return ReceiptLookupResponse(
            receipt_no=case.receipt_no,
            status=case.status,  # type: ignore[arg-type]  # stored values come from the Literal
            status_text=status_text(case.status),
            department=case.department,
            created_at=case.created_at,
            updated_at=case.updated_at,
            history=[
                StatusHistoryEntry(
                    status=change.status,  # type: ignore[arg-type]
                    status_text=status_text(change.status),
                    at=change.changed_at,
                )
                for change in history
            ],
        )
