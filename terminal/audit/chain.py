"""The MAC chain over audit records, as pure functions (no database here).

Each record's mac = HMAC-SHA256(audit key, prev_mac || canonical bytes), where
the canonical bytes are a fixed prefix and the compact JSON array
[seq, at, actor, action, result, terminal_code, detail] (detail is the stored
canonical JSON text). The first record chains from 32 zero bytes; after
retention the chain restarts from the anchor written in the newest checkpoint
record. Verification walks the records in sequence order and reports the first
sequence number that is missing, out of place or does not match its MAC.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

GENESIS_MAC = "00" * 32
_PREFIX = b"mashangban-audit-v1\n"

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class AuditRow:
    """One stored audit record, as the chain sees it."""

    seq: int
    at: str
    actor: str
    action: str
    result: str
    terminal_code: str
    detail: str  # canonical JSON text
    mac: str  # hex

    def as_json(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "at": self.at,
            "actor": self.actor,
            "action": self.action,
            "result": self.result,
            "terminal_code": self.terminal_code,
            "detail": json.loads(self.detail),
            "mac": self.mac,
        }


def canonical_bytes(
    seq: int, at: str, actor: str, action: str, result: str, terminal_code: str, detail: str
) -> bytes:
    fields = [seq, at, actor, action, result, terminal_code, detail]
    return _PREFIX + json.dumps(fields, ensure_ascii=True, separators=(",", ":")).encode()


def compute_mac(key: bytes, prev_mac: str, row: AuditRow) -> str:
    """The MAC `row` must carry when it follows a record whose MAC is `prev_mac`."""
    body = canonical_bytes(
        row.seq, row.at, row.actor, row.action, row.result, row.terminal_code, row.detail
    )
    return hmac.new(key, bytes.fromhex(prev_mac) + body, hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Verification:
    """The outcome of walking the chain."""

    ok: bool
    records: int  # records that verified before the walk stopped
    first_bad_seq: int | None = None
    problem: str = ""  # changed | missing | unexpected | checkpoint
    start_seq: int = 1
    breaks: int = 0  # salvage breaks that explain gaps (terminal/audit/breaks.py)

    def as_json(self) -> dict[str, Any]:
        doc: dict[str, Any] = {
            "ok": self.ok,
            "records": self.records,
            "first_bad_seq": self.first_bad_seq,
            "problem": self.problem,
            "start_seq": self.start_seq,
        }
        if self.breaks:  # only after a salvage, so the usual answer keeps its shape
            doc["breaks"] = self.breaks
        return doc


def verify_rows(
    key: bytes,
    rows: Iterable[AuditRow],
    *,
    start_seq: int = 1,
    anchor_mac: str = GENESIS_MAC,
    last_seq_written: int = 0,
) -> Verification:
    """Walk `rows` (in seq order) from `start_seq`, chaining from `anchor_mac`.

    `last_seq_written` is the highest sequence the trail remembers writing; if
    the rows stop short of it, the records at the end were removed.
    """
    expected, prev, count = start_seq, anchor_mac, 0

    def broken(seq: int, problem: str) -> Verification:
        return Verification(False, count, seq, problem, start_seq)

    for row in rows:
        if row.seq < expected:
            return broken(row.seq, "unexpected")
        if row.seq > expected:
            return broken(expected, "missing")
        if not hmac.compare_digest(compute_mac(key, prev, row), row.mac):
            return broken(row.seq, "changed")
        prev, expected, count = row.mac, expected + 1, count + 1
    if expected <= last_seq_written:
        return broken(expected, "missing")
    return Verification(True, count, None, "", start_seq)
