"""Terminals as central sees them: heartbeats (§5), the admin listing, revocation.

A heartbeat's help calls (a citizen tapped "Call staff": time and screen) are kept one
row per call; the listing shows each terminal's latest ones."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from central import security_log as events
from central.problems import ProblemError
from central.security_log import SecurityLog
from central.services.audit_watch import (
    LOCKOUT_ACTION,
    Finding,
    clear_alerts,
    watch_audit,
    watch_fields,
)
from central.store.engine import Store
from central.store.models import (
    Terminal,
    TerminalAuditRecord,
    TerminalAuditWatch,
    TerminalHelpCall,
)
from sync.protocol import problem_codes as codes
from sync.protocol.schemas import AuditEntry, HeartbeatRequest, HeartbeatResponse, HelpCall
from sync.protocol.times import rfc3339


def record_heartbeat(
    store: Store,
    terminal_id: str,
    heartbeat: HeartbeatRequest,
    now: datetime,
    min_version: str,
    security: SecurityLog | None = None,
) -> HeartbeatResponse:
    """Keep the terminal's latest heartbeat and answer with the server time; its audit
    records and head are checked against what central holds first (audit_watch)."""
    with store.transaction() as session:
        terminal = session.get(Terminal, terminal_id)
        if terminal is None:  # revoked and deleted meanwhile; cannot normally happen
            raise ProblemError(404, codes.NOT_FOUND, "Unknown terminal")
        terminal.last_heartbeat = heartbeat.model_dump_json(
            exclude={"audit", "audit_head", "help_calls"}
        )
        terminal.last_heartbeat_at = now
        terminal.app_version = heartbeat.app_version
        findings = watch_audit(session, terminal_id, heartbeat.audit, heartbeat.audit_head, now)
        stored_up_to = keep_audit(session, terminal_id, heartbeat.audit, now)
        keep_help_calls(session, terminal_id, heartbeat.help_calls, now)
    if security is not None:
        log_findings(security, terminal_id, findings)
    return HeartbeatResponse(
        server_time=now, min_app_version=min_version, audit_stored_up_to=stored_up_to
    )


def log_findings(security: SecurityLog, terminal_id: str, findings: list[Finding]) -> None:
    """One security-log line per new audit alert and per staff lockout."""
    for f in findings:
        if f.event == LOCKOUT_ACTION:
            security.record(events.STAFF_LOCKOUT, "locked", terminal_id=terminal_id,
                            seq=f.seq, staff_id=f.staff_id, lockouts_24h=f.count)  # fmt: skip
        elif f.new_alert:
            security.record(events.AUDIT_CHAIN, f.event, terminal_id=terminal_id, seq=f.seq)
        else:
            security.count(events.AUDIT_CHAIN, f.event)


def keep_audit(
    session: Session, terminal_id: str, entries: list[AuditEntry], now: datetime
) -> int | None:
    """Store audit records not held yet (a resend changes nothing); the highest seq sent."""
    if not entries:
        return None
    unique = {e.seq: e for e in reversed(entries)}  # one row per seq; the first copy wins
    seqs = list(unique)
    held = set(
        session.scalars(
            select(TerminalAuditRecord.seq).where(
                TerminalAuditRecord.terminal_id == terminal_id, TerminalAuditRecord.seq.in_(seqs)
            )
        )
    )
    session.add_all(
        TerminalAuditRecord(
            terminal_id=terminal_id,
            seq=e.seq,
            at=e.at,
            actor=e.actor,
            action=e.action,
            result=e.result,
            terminal_code=e.terminal_code,
            detail=json.dumps(e.detail, ensure_ascii=False, sort_keys=True),
            mac=e.mac,
            received_at=now,
        )
        for e in unique.values()
        if e.seq not in held
    )
    return max(seqs)


def keep_help_calls(
    session: Session, terminal_id: str, calls: list[HelpCall], now: datetime
) -> None:
    """Store help calls not held yet (a resent heartbeat names the same seq again)."""
    unique = {c.seq: c for c in calls}
    if not unique:
        return
    held = set(
        session.scalars(
            select(TerminalHelpCall.seq).where(
                TerminalHelpCall.terminal_id == terminal_id, TerminalHelpCall.seq.in_(unique)
            )
        )
    )
    session.add_all(
        TerminalHelpCall(
            terminal_id=terminal_id, seq=c.seq, at=c.at, screen=c.screen, received_at=now
        )
        for c in unique.values()
        if c.seq not in held
    )


RECENT_HELP_CALLS = 5


def recent_help_calls(session: Session, terminal_id: str) -> list[dict[str, Any]]:
    """The terminal's latest help calls, newest first."""
    rows = session.scalars(
        select(TerminalHelpCall)
        .where(TerminalHelpCall.terminal_id == terminal_id)
        .order_by(TerminalHelpCall.at.desc(), TerminalHelpCall.seq.desc())
        .limit(RECENT_HELP_CALLS)
    )
    return [
        {"at": rfc3339(r.at), "screen": r.screen, "received_at": rfc3339(r.received_at)}
        for r in rows
    ]


def _when(value: datetime | None) -> str | None:
    return rfc3339(value) if value else None


def describe(terminal: Terminal, help_calls: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """What the admin sees of a terminal (never its secret); ``help_calls`` newest first."""
    heartbeat = json.loads(terminal.last_heartbeat) if terminal.last_heartbeat else None
    queue = (heartbeat or {}).get("queue") or {}
    return {
        "terminal_id": terminal.id,
        "terminal_code": terminal.code,
        "site": {"branch_code": terminal.site_branch_code, "name": terminal.site_name},
        "app_version": terminal.app_version,
        "revoked": terminal.revoked,
        "enrolled_at": _when(terminal.enrolled_at),
        "last_heartbeat_at": _when(terminal.last_heartbeat_at),
        "queue_pending": queue.get("pending"),
        "queue_rejected": queue.get("rejected"),
        "oldest_pending_at": queue.get("oldest_pending_at"),
        "devices": (heartbeat or {}).get("devices"),
        "disk_free_bytes": (heartbeat or {}).get("disk_free_bytes"),
        "terminal_last_sync_at": (heartbeat or {}).get("last_sync_at"),
        "store_health": (heartbeat or {}).get("store_health"),
        "last_sync_at": _when(terminal.last_sync_at),
        "help_calls": help_calls or [],
        "last_heartbeat": heartbeat,
    }


def list_terminals(store: Store, now: datetime | None = None) -> list[dict[str, Any]]:
    """Every terminal, by code then enrolment time, with its audit and lockout alerts."""
    now = now or datetime.now(UTC)
    with store.transaction() as session:
        rows = session.scalars(select(Terminal).order_by(Terminal.code, Terminal.enrolled_at))
        watches = {w.terminal_id: w for w in session.scalars(select(TerminalAuditWatch))}
        return [
            describe(row, recent_help_calls(session, row.id))
            | watch_fields(watches.get(row.id), now)
            for row in rows
        ]


def revoke_terminal(store: Store, terminal: str, now: datetime) -> list[str]:
    """Revoke by terminal id, or every active terminal with that code; the ids revoked."""
    with store.transaction() as session:
        rows = session.scalars(
            select(Terminal).where(
                or_(Terminal.id == terminal, Terminal.code == terminal),
                Terminal.revoked.is_(False),
            )
        ).all()
        for row in rows:
            row.revoked = True
            row.revoked_at = now
        return [row.id for row in rows]


def alerts_text(row: dict[str, Any]) -> str:
    """The ``terminals`` table's alerts cell: ``AUDIT REWIND #7``, ``LOCKOUTS 3/24h``, …"""
    parts = []
    alert = row.get("audit_alert")
    if alert:
        parts.append(f"AUDIT {str(alert['problem']).upper()} #{alert['seq']}")
    if row.get("staff_lockout_alert"):
        parts.append(f"LOCKOUTS {row.get('staff_lockouts_24h', 0)}/24h")
    return " ".join(parts) or "-"


def clear_terminal_alerts(store: Store, terminal: str) -> int:
    """Clear the alerts of the terminal with this id, or of every one with this code."""
    with store.transaction() as session:
        ids = list(
            session.scalars(
                select(Terminal.id).where(or_(Terminal.id == terminal, Terminal.code == terminal))
            )
        )
        return clear_alerts(session, ids)
