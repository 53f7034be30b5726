"""A salvage break in the audit chain: recorded, explained and verified.

When a damaged store is salvaged (terminal/store/salvage.py) the audit records
that could still be read are copied into the new store as they were, gaps and
all, and one break record (action ``audit_salvage_break``, actor ``system``) is
appended after them, chained from the highest record kept. Its detail says what
the salvage kept: the range ``first_seq``..``last_seq``, how many records
(``kept``), how many are known lost, and ``digest``, a SHA-256 over the kept
records' canonical bytes and MACs. The break's own MAC, made with the audit key,
makes that statement unforgeable without the key.

Verification checks the kept records against the digest as a whole (after a gap
the next record's predecessor is unknown, so they cannot be checked one by one)
and the chain from the break onwards as usual. A kept record changed or removed
afterwards, or a break record not made with the key, still fails. Only the newest
break matters: a later salvage keeps the earlier break among its records.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from terminal.audit import actions
from terminal.audit.chain import (
    GENESIS_MAC,
    AuditRow,
    Verification,
    canonical_bytes,
    compute_mac,
    verify_rows,
)


def rows_digest(rows: Iterable[AuditRow]) -> str:
    """SHA-256 (hex) over each record's canonical bytes and MAC, in sequence order."""
    h = hashlib.sha256()
    for r in sorted(rows, key=lambda r: r.seq):
        h.update(
            canonical_bytes(r.seq, r.at, r.actor, r.action, r.result, r.terminal_code, r.detail)
        )
        h.update(r.mac.encode() + b"\n")
    return h.hexdigest()


def break_row(
    key: bytes,
    kept: Sequence[AuditRow],
    *,
    seq: int,
    at: str,
    terminal_code: str,
    lost: int,
) -> AuditRow:
    """The break record that follows the ``kept`` records (sorted by seq) at ``seq``."""
    detail: dict[str, Any] = {
        "digest": rows_digest(kept),
        "first_seq": kept[0].seq if kept else 0,
        "kept": len(kept),
        "last_seq": kept[-1].seq if kept else 0,
        "lost": lost,
    }
    text = json.dumps(detail, sort_keys=True, separators=(",", ":"))
    row = AuditRow(seq, at, actions.SYSTEM, actions.SALVAGE_BREAK, "ok", terminal_code, text, "")
    prev = kept[-1].mac if kept else GENESIS_MAC
    return replace(row, mac=compute_mac(key, prev, row))


def _detail(row: AuditRow) -> tuple[int, int, int, str]:
    d = json.loads(row.detail)
    return int(d["first_seq"]), int(d["last_seq"]), int(d["kept"]), str(d["digest"])


def verify_with_breaks(
    key: bytes,
    rows: Iterable[AuditRow],
    *,
    start_seq: int = 1,
    anchor_mac: str = GENESIS_MAC,
    last_seq_written: int = 0,
) -> Verification:
    """`verify_rows`, except that the newest salvage break explains what lies before it."""
    rows = sorted(rows, key=lambda r: r.seq)
    breaks = [r for r in rows if r.action == actions.SALVAGE_BREAK and r.seq >= start_seq]
    if not breaks:
        return verify_rows(
            key, rows, start_seq=start_seq, anchor_mac=anchor_mac, last_seq_written=last_seq_written
        )
    brk = breaks[-1]
    try:
        first, last, count, digest = _detail(brk)
    except (ValueError, KeyError, TypeError):
        return Verification(False, 0, brk.seq, "break", start_seq)
    kept = [r for r in rows if r.seq < brk.seq]
    by_seq = {r.seq: r for r in kept}
    beyond = [r.seq for r in kept if r.seq > last]
    if beyond:
        return Verification(False, 0, beyond[0], "unexpected", start_seq)
    if start_seq <= first or count == 0:  # the kept range is whole: check it as a whole
        problem = ""
        if len(kept) < count:
            problem = "missing"
        elif len(kept) > count:
            problem = "unexpected"
        elif rows_digest(kept) != digest:
            problem = "changed"
        if problem:
            return Verification(False, 0, kept[0].seq if kept else first, problem, start_seq)
        prev = by_seq[last].mac if count else GENESIS_MAC
    elif last in by_seq:  # retention removed the start of the kept range since
        prev = by_seq[last].mac
    elif last == start_seq - 1:
        prev = anchor_mac
    else:
        return Verification(False, 0, brk.seq, "break", start_seq)
    tail = verify_rows(
        key,
        [r for r in rows if r.seq >= brk.seq],
        start_seq=brk.seq,
        anchor_mac=prev,
        last_seq_written=last_seq_written,
    )
    return Verification(
        tail.ok, len(kept) + tail.records, tail.first_bad_seq, tail.problem, start_seq, len(breaks)
    )
