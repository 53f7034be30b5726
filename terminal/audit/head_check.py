"""Checking the chain against its anchor (terminal/audit/anchor.py), and saying why
a verification failed in plain words.

After the chain itself verified, the anchored head must still be in the store with
the same MAC. It may lag the newest record (the anchor is written after the commit)
but never lie beyond what the store holds. Allowed without the record itself:
seq 0 (anchored before the first record); the record retention removed, when it is
exactly the checkpoint's anchor; a record before the newest salvage break (the
break records what the salvage lost).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Final

from terminal.audit import actions
from terminal.audit.anchor import AuditHead
from terminal.audit.chain import AuditRow, Verification

NO_TABLE: Final = "no_table"
ANCHOR_MISSING: Final = "anchor_missing"
ANCHOR_INVALID: Final = "anchor_invalid"
CUT: Final = "cut"
ANCHOR_MISMATCH: Final = "anchor_mismatch"

REASONS: Final = {
    "changed": "a record was changed (its MAC does not match)",
    "missing": "records are missing (a gap, or the end was cut off)",
    "unexpected": "a record is out of place",
    "checkpoint": "a retention checkpoint is damaged",
    "break": "a salvage break record is damaged",
    NO_TABLE: "the audit table is gone from the store (dropped or unreadable)",
    ANCHOR_MISSING: "the head anchor keys/audit.head is gone",
    ANCHOR_INVALID: "the head anchor keys/audit.head is damaged or was not written "
    "with this terminal's audit key",
    CUT: "records up to the anchored head are gone (the end was cut off or the table wiped)",
    ANCHOR_MISMATCH: "the anchored head record was replaced (the chain was rewritten)",
}


def reason(problem: str) -> str:
    """A plain sentence for a verification problem code."""
    return REASONS.get(problem, problem)


def check_against_anchor(
    result: Verification,
    rows: Sequence[AuditRow],
    head: AuditHead,
    *,
    checkpoint_anchor: str | None,
) -> Verification:
    """``result`` (a chain that verified), or BROKEN when the anchored head is not there."""
    if not result.ok or head.seq == 0:
        return result
    by_seq = {r.seq: r for r in rows}
    row = by_seq.get(head.seq)
    if row is not None:
        if row.mac != head.mac:
            return replace(result, ok=False, first_bad_seq=head.seq, problem=ANCHOR_MISMATCH)
        return result
    if head.seq == result.start_seq - 1 and checkpoint_anchor == head.mac:
        return result  # retention removed it; the checkpoint carries its MAC
    if any(r.action == actions.SALVAGE_BREAK and r.seq > head.seq for r in rows):
        return result  # lost in a salvaged store, and the break says so
    return replace(result, ok=False, first_bad_seq=head.seq, problem=CUT)
