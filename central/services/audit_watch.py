"""Watching each terminal's audit chain from central (issue 13, attack 4).

Central holds a copy of every audit record a terminal sent (``terminal_audit``) and,
in ``terminal_audit_watch``, the highest head the terminal reported. Each heartbeat
is compared with both before its records are kept:

- ``mismatch``: a record sent again under a sequence central holds, with another MAC;
  the reported head or base (the record at the last acknowledged sequence) with a MAC
  that is not the one central holds: the chain was rewritten, for instance re-MACed
  with the terminal's own audit key, which the terminal cannot catch by itself.
- ``rewind``: the reported head is below what central holds or was told before:
  records were cut from the end (or the store was lost).
- ``gap``: the first new record does not follow the last one central holds.

An alert is kept on the terminal (``mashangban-central terminals`` shows it) until an
admin clears it (``mashangban-central terminals --clear-alert``), and each new alert is
one ``audit-chain`` line in the security log. Central keeps acknowledging what it
received (the terminal must not resend forever); a record it already holds is never
replaced. Staff lockouts arriving in the trail are logged (``staff-lockout``) and
counted per 24 hours; two or more raise the terminal's lockout alert.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from central.store.models import TerminalAuditRecord, TerminalAuditWatch
from sync.protocol.schemas import AuditEntry, AuditHeadState
from sync.protocol.times import rfc3339

MISMATCH: Final = "mismatch"
REWIND: Final = "rewind"
GAP: Final = "gap"
LOCKOUT_ACTION: Final = "lockout"
LOCKOUT_WINDOW: Final = timedelta(hours=24)
REPEATED_LOCKOUTS: Final = 2


@dataclass(frozen=True)
class Finding:
    """One thing to write to the security log: ``event`` is an audit-chain problem or
    ``lockout``; ``seq`` the record concerned; ``staff_id`` and ``count`` for lockouts."""

    event: str
    seq: int
    staff_id: str | None = None
    count: int = 0
    new_alert: bool = True


def _watch(session: Session, terminal_id: str) -> TerminalAuditWatch:
    row = session.get(TerminalAuditWatch, terminal_id)
    if row is None:
        row = TerminalAuditWatch(terminal_id=terminal_id, head_seq=0, lockouts=0)
        session.add(row)
    return row


def _held_macs(session: Session, terminal_id: str, seqs: set[int]) -> dict[int, str]:
    if not seqs:
        return {}
    rows = session.execute(
        select(TerminalAuditRecord.seq, TerminalAuditRecord.mac).where(
            TerminalAuditRecord.terminal_id == terminal_id, TerminalAuditRecord.seq.in_(seqs)
        )
    )
    return {int(seq): str(mac) for seq, mac in rows}


def _chain_problem(
    session: Session,
    terminal_id: str,
    entries: list[AuditEntry],
    head: AuditHeadState | None,
    reported_before: int,
) -> tuple[str, int] | None:
    """The first problem with what arrived, compared with what central holds."""
    held_max = session.scalar(
        select(func.max(TerminalAuditRecord.seq)).where(
            TerminalAuditRecord.terminal_id == terminal_id
        )
    )
    held_max = int(held_max or 0)
    wanted = {e.seq for e in entries}
    if head is not None:
        wanted |= {head.seq} | ({head.base_seq} if head.base_mac else set())
    held = _held_macs(session, terminal_id, wanted)
    for entry in sorted(entries, key=lambda e: e.seq):
        if entry.seq in held and held[entry.seq] != entry.mac:
            return MISMATCH, entry.seq
    if head is not None:
        if head.seq in held and held[head.seq] != head.mac:
            return MISMATCH, head.seq
        if head.base_mac and head.base_seq in held and held[head.base_seq] != head.base_mac:
            return MISMATCH, head.base_seq
        if head.seq < max(held_max, reported_before):
            return REWIND, head.seq
    new = sorted(e.seq for e in entries if e.seq not in held)
    if held_max and new and new[0] > held_max + 1:
        return GAP, held_max + 1
    return None


def watch_audit(
    session: Session,
    terminal_id: str,
    entries: list[AuditEntry],
    head: AuditHeadState | None,
    now: datetime,
) -> list[Finding]:
    """Compare one heartbeat's audit records and head with what central holds; raise
    the terminal's alert on a problem. Runs before the records are kept."""
    watch = _watch(session, terminal_id)
    findings: list[Finding] = []
    problem = _chain_problem(session, terminal_id, entries, head, watch.head_seq or 0)
    if problem is not None:
        event, seq = problem
        fresh = watch.alert is None  # one line per alert; the rest are only counted
        if fresh:
            watch.alert, watch.alert_seq, watch.alert_at = event, seq, now
        findings.append(Finding(event, seq, new_alert=fresh))
    if head is not None and head.seq >= (watch.head_seq or 0):
        watch.head_seq, watch.head_mac = head.seq, head.mac
    findings += _lockouts(session, watch, terminal_id, entries, now)
    return findings


def _lockouts(
    session: Session,
    watch: TerminalAuditWatch,
    terminal_id: str,
    entries: list[AuditEntry],
    now: datetime,
) -> list[Finding]:
    """Lockout records central has not seen yet: count them in the 24-hour window."""
    candidates = {e.seq: e for e in entries if e.action == LOCKOUT_ACTION}
    held = _held_macs(session, terminal_id, set(candidates))
    findings = []
    for seq, entry in sorted(candidates.items()):
        if seq in held:
            continue
        start = watch.lockout_window_at
        if start is None or now - start >= LOCKOUT_WINDOW:
            watch.lockout_window_at, watch.lockouts = now, 0
        watch.lockouts = (watch.lockouts or 0) + 1
        if watch.lockouts >= REPEATED_LOCKOUTS:
            watch.lockout_alert_at = now
        findings.append(Finding(LOCKOUT_ACTION, seq, entry.actor, watch.lockouts))
    return findings


def watch_fields(watch: TerminalAuditWatch | None, now: datetime) -> dict[str, object]:
    """What ``terminals`` shows of the watch: the audit alert and the lockout count."""
    if watch is None:
        return {"audit_head_seq": None, "audit_alert": None, "staff_lockouts_24h": 0,
                "staff_lockout_alert": False}  # fmt: skip
    in_window = watch.lockout_window_at is not None and now - watch.lockout_window_at < (
        LOCKOUT_WINDOW
    )
    alert = (
        {"problem": watch.alert, "seq": watch.alert_seq, "at": rfc3339(watch.alert_at)}
        if watch.alert and watch.alert_at
        else None
    )
    return {
        "audit_head_seq": watch.head_seq,
        "audit_alert": alert,
        "staff_lockouts_24h": watch.lockouts if in_window else 0,
        "staff_lockout_alert": watch.lockout_alert_at is not None,
    }


def clear_alerts(session: Session, terminal_ids: list[str]) -> int:
    """An admin looked into it: clear the audit and lockout alerts; how many were set."""
    cleared = 0
    for terminal_id in terminal_ids:
        watch = session.get(TerminalAuditWatch, terminal_id)
        if watch is None:
            continue
        cleared += bool(watch.alert or watch.lockout_alert_at)
        watch.alert = watch.alert_seq = watch.alert_at = watch.lockout_alert_at = None
        watch.lockouts, watch.lockout_window_at = 0, None
    return cleared
