"""Progress lookup with the citizen's proof (§3, issue 13): the receipt's query code
(查询码) typed with its number, or its scanned QR.

Receipt numbers are sequential, so the number alone would let anyone at the screen
read every case's progress by counting. This terminal checks the proof of its own
receipts itself (it holds the secret and the issue second); other receipts are asked
of central with the proof. Wrong proofs are limited here too (`LookupLimiter`), before
central's own per-terminal and per-receipt lockouts.
"""

from __future__ import annotations

import hmac
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from sync.protocol.receipt_numbers import issue_ts, query_code, receipt_signature
from sync.protocol.schemas import QrProof, ReceiptLookupRequest
from sync.protocol.times import parse_rfc3339
from terminal.submissions.progress import ProgressInfo, find_progress

if TYPE_CHECKING:
    from terminal.runtime import TerminalCore

MAX_FAILURES = 5
BASE_LOCKOUT_S = 30.0
MAX_LOCKOUT_S = 15 * 60.0


@dataclass(frozen=True)
class LookupProof:
    """What the citizen holds besides the number: a typed code or a scanned QR's parts."""

    query_code: str = ""
    qr_ts: str = ""
    qr_sig: str = ""

    def request(self, receipt_no: str) -> ReceiptLookupRequest:
        """The wire request for central (ValueError when the proof is malformed)."""
        if self.query_code:
            return ReceiptLookupRequest(receipt_no=receipt_no, query_code=self.query_code)
        return ReceiptLookupRequest(
            receipt_no=receipt_no, qr=QrProof(ts=self.qr_ts, sig=self.qr_sig)
        )

    def matches(self, secret: bytes, receipt_no: str, ts: int) -> bool:
        """Whether this proof belongs to the receipt issued at Unix second ``ts``."""
        if self.query_code:
            expected = query_code(secret, receipt_no, ts)
            return hmac.compare_digest(expected.encode(), self.query_code.encode())
        if self.qr_ts != str(ts):
            return False
        return hmac.compare_digest(
            receipt_signature(secret, receipt_no, ts).encode(), self.qr_sig.encode()
        )


class LocalOutcome(StrEnum):
    FOUND = "found"  # this terminal's receipt and the proof is right
    MISMATCH = "mismatch"  # this terminal's receipt, wrong proof
    ABSENT = "absent"  # not in this terminal's store: only central can say


def local_lookup(
    core: TerminalCore, receipt_no: str, proof: LookupProof
) -> tuple[LocalOutcome, ProgressInfo | None]:
    """Check the proof of a receipt in this terminal's store and give its progress."""
    from sqlalchemy import select  # not on the path to the first paint

    from terminal.store.models import Submission

    with core.store.reader.connect() as conn:
        created = conn.execute(
            select(Submission.created_at).where(Submission.receipt_no == receipt_no)
        ).scalar()
    if created is None:
        return LocalOutcome.ABSENT, None
    secret = core.identity.secret if core.identity else b""
    if not secret or not proof.matches(secret, receipt_no, issue_ts(parse_rfc3339(created))):
        return LocalOutcome.MISMATCH, None
    return LocalOutcome.FOUND, find_progress(core, receipt_no)


class LookupLimiter:
    """Wrong proofs at this screen: after ``MAX_FAILURES`` in a row the lookup waits
    ``BASE_LOCKOUT_S``, doubling with each further lockout up to ``MAX_LOCKOUT_S``.
    A right proof clears the run (not the lockouts already served)."""

    def __init__(self, monotonic: Callable[[], float] = time.monotonic) -> None:
        self._now = monotonic
        self.failures = 0
        self.lockouts = 0
        self._until = 0.0

    def wait_s(self) -> int:
        """Whole seconds until the next try is allowed (0: now)."""
        left = self._until - self._now()
        return int(left) + 1 if left > 0 else 0

    def lock_for(self, seconds: float) -> None:
        """Wait at least ``seconds`` (central said so)."""
        self._until = max(self._until, self._now() + seconds)

    def failed(self) -> None:
        self.failures += 1
        if self.failures >= MAX_FAILURES:
            self.lock_for(min(MAX_LOCKOUT_S, BASE_LOCKOUT_S * 2**self.lockouts))
            self.failures = 0
            self.lockouts += 1

    def succeeded(self) -> None:
        self.failures = 0
