"""The audit trail: append records to the chained, append-only `audit_log` table.

Writes go through the store's one writer; `append_in` joins a caller's writer
transaction so that an action and its record commit together. The highest
sequence written and the highest sequence central has received live in `kv`
(keys below), never in the audit rows, which SQLite triggers keep immutable.

Retention (`apply_retention`) is the only path that deletes: records older than
183 days (and already sent, unless told otherwise) are removed as a prefix of
the chain, and a checkpoint record carrying the last removed record's MAC is
appended in the same transaction, so the remaining chain still verifies.

The head (last sequence and MAC) is also anchored outside the store, in
``keys/audit.head`` (terminal/audit/anchor.py), after every commit that appended a
record; ``verify`` checks the chain against it, so a cut tail or a wiped table
with its kv rows rewound is BROKEN, and so is a dropped table (never a traceback).
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Mapping
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError

from sync.protocol.times import rfc3339
from terminal.audit import actions
from terminal.audit.anchor import AnchorInvalid, AuditHead, anchor_path, read_anchor, write_anchor
from terminal.audit.breaks import verify_with_breaks
from terminal.audit.chain import (
    GENESIS_MAC,
    AuditRow,
    Clock,
    Verification,
    compute_mac,
    utc_now,
)
from terminal.audit.head_check import (
    ANCHOR_INVALID,
    ANCHOR_MISSING,
    NO_TABLE,
    check_against_anchor,
)
from terminal.audit.key import audit_key_path, load_or_create_audit_key
from terminal.crypto.key_protection import KeyProtection
from terminal.store.models import AuditRecord, KeyValue
from terminal.store.startup import OpenStore
from terminal.store.writer import after_commit

if TYPE_CHECKING:
    from terminal.runtime import TerminalCore

LAST_SEQ_KEY: Final = "audit.last_seq"
SENT_SEQ_KEY: Final = "audit.sent_seq"
ANCHORED_KEY: Final = "audit.anchored"  # 1 once keys/audit.head has been written
RETENTION_DAYS: Final = 183

_COLUMNS = "seq, at, actor, action, result, terminal_code, detail, mac"


def _kv_int(conn: sqlite3.Connection, key: str) -> int:
    row = conn.execute("SELECT value FROM kv WHERE key = ?", (key,)).fetchone()
    return int(row[0]) if row else 0


def _put_kv(conn: sqlite3.Connection, key: str, value: int) -> None:
    conn.execute(
        "INSERT INTO kv(key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (key, str(value)),
    )


class AuditTrail:
    """Append, read, verify and hand over the terminal's audit records."""

    def __init__(
        self,
        store: OpenStore,
        key: bytes,
        terminal_code: str,
        clock: Clock = utc_now,
        *,
        anchor: Path | None = None,
    ) -> None:
        self._store = store
        self._key = key
        self._terminal_code = terminal_code
        self._clock = clock
        self._anchor = anchor  # keys/audit.head; None: not anchored (tests of the chain)

    @classmethod
    def for_core(cls, core: TerminalCore, clock: Clock = utc_now) -> AuditTrail:
        """The trail of a started core, with its key file beside local.key."""
        try:
            with core.store.reader.connect() as conn:
                exists = conn.execute(select(AuditRecord.seq).limit(1)).first() is not None
        except SQLAlchemyError:  # the table is gone: verify says so; the key is needed
            exists = True
        key_file = audit_key_path(core.paths.local_key_file)
        key = load_or_create_audit_key(
            key_file,
            records_exist=exists,
            create=not core.store.read_only,  # a read-only command creates no file
            protection=KeyProtection.of(core.config),
        )
        trail = cls(core.store, key, core.terminal_code, clock, anchor=anchor_path(key_file))
        if not core.store.read_only:
            trail._anchor_once()
        return trail

    def _anchor_once(self) -> None:
        """A store from before the anchor existed (or a new one): anchor its head now.
        Never again once anchored: a missing anchor is then a finding, not a fresh start."""
        assert self._anchor is not None
        anchor = self._anchor

        def apply(conn: sqlite3.Connection) -> None:
            if _kv_int(conn, ANCHORED_KEY) or anchor.exists():
                return
            last = conn.execute("SELECT seq, mac FROM audit_log ORDER BY seq DESC LIMIT 1")
            seq, mac = last.fetchone() or (0, GENESIS_MAC)
            _put_kv(conn, ANCHORED_KEY, 1)
            head = AuditHead(int(seq), str(mac))
            after_commit(lambda: write_anchor(anchor, self._key, head))

        with contextlib.suppress(sqlite3.DatabaseError):  # no audit table: verify reports it
            self._store.writer.run(apply)

    def head(self) -> AuditHead:
        """The newest record's sequence number and MAC (0 and the genesis MAC: none)."""
        query = select(AuditRecord.seq, AuditRecord.mac).order_by(AuditRecord.seq.desc()).limit(1)
        with self._store.reader.connect() as conn:
            row = conn.execute(query).first()
        return AuditHead(int(row[0]), str(row[1])) if row else AuditHead(0, GENESIS_MAC)

    def mac_at(self, seq: int) -> str | None:
        """The MAC of record ``seq`` as this store holds it (None: not held)."""
        with self._store.reader.connect() as conn:
            value = conn.execute(select(AuditRecord.mac).where(AuditRecord.seq == seq)).scalar()
        return str(value) if value is not None else None

    @property
    def sent_seq(self) -> int:
        """The highest sequence central has acknowledged."""
        return self._kv(SENT_SEQ_KEY)

    @property
    def clock(self) -> Clock:
        return self._clock

    def append_in(
        self,
        conn: sqlite3.Connection,
        actor: str,
        action: str,
        result: str = "ok",
        detail: Mapping[str, actions.DetailValue] | None = None,
    ) -> int:
        """Append one record inside the caller's writer transaction; returns its seq."""
        if action in (actions.CHECKPOINT, actions.SALVAGE_BREAK):
            raise actions.AuditRefused("checkpoints and breaks are written by the store only")
        actions.check_record(actor, action, result)
        return self._append(conn, actor, action, result, actions.canonical_detail(detail))

    def record(
        self,
        actor: str,
        action: str,
        result: str = "ok",
        detail: Mapping[str, actions.DetailValue] | None = None,
    ) -> int:
        """Append one record in its own transaction; returns its seq."""
        return self._store.writer.run(lambda c: self.append_in(c, actor, action, result, detail))

    def _append(
        self,
        conn: sqlite3.Connection,
        actor: str,
        action: str,
        result: str,
        detail: str,
        after: tuple[int, str] | None = None,
    ) -> int:
        """Insert the next record, chained to `after` (seq, mac) or to the last row."""
        last = (
            after
            or conn.execute("SELECT seq, mac FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
        )
        prev_seq, prev_mac = last if last else (0, GENESIS_MAC)
        seq = max(prev_seq, _kv_int(conn, LAST_SEQ_KEY)) + 1
        row = AuditRow(
            seq, rfc3339(self._clock()), actor, action, result, self._terminal_code, detail, ""
        )
        mac = compute_mac(self._key, prev_mac, row)
        conn.execute(
            f"INSERT INTO audit_log({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (seq, row.at, actor, action, result, row.terminal_code, detail, mac),
        )
        _put_kv(conn, LAST_SEQ_KEY, seq)
        if self._anchor is not None:
            _put_kv(conn, ANCHORED_KEY, 1)
            anchor, head = self._anchor, AuditHead(seq, mac)
            after_commit(lambda: write_anchor(anchor, self._key, head))
        return seq

    def _rows(self, *where: Any, limit: int | None = None) -> list[AuditRow]:
        query = select(AuditRecord).where(*where).order_by(AuditRecord.seq).limit(limit)
        with self._store.reader.connect() as conn:
            return [
                AuditRow(r.seq, r.at, r.actor, r.action, r.result, r.terminal_code, r.detail, r.mac)
                for r in conn.execute(query)
            ]

    def records(self, since: datetime | None = None, limit: int | None = None) -> list[AuditRow]:
        """Records in sequence order, optionally only those at or after `since`."""
        where = [AuditRecord.at >= rfc3339(since)] if since else []
        return self._rows(*where, limit=limit)

    def _kv(self, key: str) -> int:
        with self._store.reader.connect() as conn:
            value = conn.execute(select(KeyValue.value).where(KeyValue.key == key)).scalar()
        return int(value) if value else 0

    def unsent(self, limit: int = 500) -> list[dict[str, Any]]:
        """The oldest records central has not yet acknowledged, as JSON-ready dicts."""
        rows = self._rows(AuditRecord.seq > self._kv(SENT_SEQ_KEY), limit=limit)
        return [r.as_json() for r in rows]

    def unsent_count(self, action: str | None = None) -> int:
        """How many records (of ``action``, or of any) central has not yet acknowledged."""
        query = select(func.count()).where(AuditRecord.seq > self._kv(SENT_SEQ_KEY))
        if action is not None:
            query = query.where(AuditRecord.action == action)
        with self._store.reader.connect() as conn:
            return int(conn.execute(query).scalar_one())

    def mark_sent(self, up_to_seq: int) -> None:
        """Central holds every record up to `up_to_seq`; the mark never moves back."""

        def apply(conn: sqlite3.Connection) -> None:
            if up_to_seq > _kv_int(conn, LAST_SEQ_KEY):
                raise ValueError(f"no audit record {up_to_seq} has been written")
            _put_kv(conn, SENT_SEQ_KEY, max(up_to_seq, _kv_int(conn, SENT_SEQ_KEY)))

        self._store.writer.run(apply)

    def verify(self) -> Verification:
        """Walk the whole chain from the newest checkpoint (or the genesis), then check
        it against the anchored head. A missing or unreadable table is BROKEN too."""
        try:
            head = read_anchor(self._anchor, self._key) if self._anchor is not None else None
        except AnchorInvalid:
            return Verification(False, 0, None, ANCHOR_INVALID)
        try:
            result, rows, checkpoint_anchor = self._verify_chain()
            anchored = self._kv(ANCHORED_KEY)
        except (SQLAlchemyError, sqlite3.DatabaseError):
            return Verification(False, 0, None, NO_TABLE)
        if head is None:
            if self._anchor is not None and anchored and result.ok:
                return Verification(False, result.records, None, ANCHOR_MISSING, result.start_seq)
            return result
        return check_against_anchor(result, rows, head, checkpoint_anchor=checkpoint_anchor)

    def _verify_chain(self) -> tuple[Verification, list[AuditRow], str | None]:
        checkpoint = self._rows(AuditRecord.action == actions.CHECKPOINT)[-1:]
        start, anchor = 1, GENESIS_MAC
        if checkpoint:
            try:
                detail = json.loads(checkpoint[0].detail)
                start, anchor = int(detail["first_seq"]), str(detail["anchor_mac"])
                bytes.fromhex(anchor)
            except (ValueError, KeyError, TypeError):
                return Verification(False, 0, checkpoint[0].seq, "checkpoint"), [], None
        rows = self._rows()
        result = verify_with_breaks(
            self._key,
            rows,
            start_seq=start,
            anchor_mac=anchor,
            last_seq_written=self._kv(LAST_SEQ_KEY),
        )
        return result, rows, anchor if checkpoint else None

    def apply_retention(self, days: int = RETENTION_DAYS, *, include_unsent: bool = False) -> int:
        """Delete the prefix of records older than `days` (at least 183); returns the count.

        Unsent records are kept unless `include_unsent`. A checkpoint record is
        appended in the same transaction whenever anything is deleted.
        """
        cutoff = rfc3339(self._clock() - timedelta(days=max(days, RETENTION_DAYS)))

        def apply(conn: sqlite3.Connection) -> int:
            young = conn.execute("SELECT min(seq) FROM audit_log WHERE at >= ?", (cutoff,))
            first_young = young.fetchone()[0]
            bounds = conn.execute("SELECT min(seq), max(seq) FROM audit_log").fetchone()
            if bounds[0] is None:
                return 0
            upto = first_young - 1 if first_young is not None else bounds[1]
            if not include_unsent:
                upto = min(upto, _kv_int(conn, SENT_SEQ_KEY))
            if upto < bounds[0]:
                return 0
            anchor = conn.execute("SELECT mac FROM audit_log WHERE seq = ?", (upto,)).fetchone()
            if anchor is None:
                raise RuntimeError(f"audit record {upto} is missing; run `mashangban audit verify`")
            deleted = conn.execute("DELETE FROM audit_log WHERE seq <= ?", (upto,)).rowcount
            detail = {"first_seq": upto + 1, "anchor_mac": anchor[0], "deleted": deleted}
            text = json.dumps(detail, sort_keys=True, separators=(",", ":"))
            tail = conn.execute("SELECT seq, mac FROM audit_log ORDER BY seq DESC LIMIT 1")
            after = tail.fetchone() or (upto, anchor[0])  # everything went: chain from the anchor
            self._append(conn, actions.SYSTEM, actions.CHECKPOINT, "ok", text, after)
            return int(deleted)

        return self._store.writer.run(apply)
