"""Limits on wrong receipt-lookup proofs: per signing terminal and per receipt number.

Per terminal, so one kiosk (or a thief's copy of its secret) cannot count through the
receipt numbers; per receipt, so many terminals together cannot guess one receipt's
six-digit query code. Each limit is a growing lockout (``EnrolmentGuard``'s rule: after
``max_failures`` wrong proofs in a row, ``base_lockout_s``, doubling up to an hour).
A terminal gets more tries than a receipt: many citizens share a kiosk, and a few
typing errors in a row must not close its lookup for everyone.
"""

from __future__ import annotations

from dataclasses import dataclass

from central.api.enrolment_guard import EnrolmentGuard
from central.clock import Clock

TERMINAL_MAX_FAILURES = 10
RECEIPT_MAX_FAILURES = 5


@dataclass(frozen=True)
class Lock:
    """Why a lookup is refused before it is checked: ``scope`` and seconds left."""

    scope: str  # "terminal" | "receipt"
    seconds: float


class LookupGuard:
    """Failure counts and lockouts for receipt lookups (in memory, per process)."""

    def __init__(self, clock: Clock) -> None:
        self.terminals = EnrolmentGuard(clock, max_failures=TERMINAL_MAX_FAILURES)
        self.receipts = EnrolmentGuard(clock, max_failures=RECEIPT_MAX_FAILURES)

    def locked(self, terminal_id: str, receipt_no: str) -> Lock | None:
        """The lock in force for this terminal or this receipt, the longer one first."""
        locks = [
            Lock("terminal", self.terminals.locked_for(terminal_id)),
            Lock("receipt", self.receipts.locked_for(receipt_no)),
        ]
        longest = max(locks, key=lambda lock: lock.seconds)
        return longest if longest.seconds > 0 else None

    def failed(self, terminal_id: str, receipt_no: str) -> float:
        """Count a wrong proof against both; the lockout it starts (0: none yet)."""
        return max(self.terminals.failed(terminal_id), self.receipts.failed(receipt_no))

    def succeeded(self, terminal_id: str, receipt_no: str) -> None:
        """A proof matched: both failure runs start again (lockouts already served stay)."""
        self.terminals.succeeded(terminal_id)
        self.receipts.succeeded(receipt_no)
