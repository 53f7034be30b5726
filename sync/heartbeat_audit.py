"""The heartbeat's ``audit_head``: where this terminal's audit chain stands.

The newest record (sequence and MAC) and the record at the last sequence central
acknowledged (``base``). Central compares both with the records it holds
(central/services/audit_watch.py): a head below what it was told before is a cut
tail; a MAC that differs from central's copy is a rewritten chain, which the
terminal cannot catch by itself when the rewriter held keys/audit.key.
"""

from __future__ import annotations

from sync.protocol.schemas import AuditHeadState
from terminal.audit.trail import AuditTrail


def audit_head_state(trail: AuditTrail) -> AuditHeadState:
    """The head and the acknowledged base as they stand in the store now."""
    head = trail.head()
    base_seq = trail.sent_seq
    base_mac = trail.mac_at(base_seq) if base_seq else None
    return AuditHeadState(seq=head.seq, mac=head.mac, base_seq=base_seq, base_mac=base_mac)
