"""Salvage, never abandon: a damaged store's readable rows go into the new store.

`open_store` calls `salvage_into` right after it moved a damaged store into
damaged/ (byte-identical; this module reads only a scratch copy, see
salvage_read.py). The new store is built beside the live path as
``store.sqlite3.salvage``: schema at head, then in ONE transaction every row that
could be read, table by table (columns matched by name, so an older damaged store
works too). Only when that has committed is it renamed into place, so a crash
half-way never leaves a half-built store in use; the next start then creates an
empty store, and the damaged copy stays in damaged/ (its photos still kept by the
sweep), but is not salvaged again by itself.

What else it keeps safe:
- receipt counters: each day's counter is at least the highest sequence of any
  salvaged submission of that day, so no receipt number is issued twice;
- enrolment: a terminal whose identity was in the damaged file but could not be
  read is marked (kv ``store.enrolment_lost``), and never falls back to the demo
  central (terminal/identity.py, mashangban/embedded_central.py);
- the audit trail: the records kept are followed by a break record that says what
  was kept and lost (terminal/audit/breaks.py), so it verifies as a recorded break;
- photos: the attachment names the damaged file holds are written to
  ``damaged/<file>.names.json``, which the orphan sweep reads (retention.py);
  a submission whose attachment rows were lost is held back (``attachments-lost``).

The result is one store event ``salvaged`` whose detail is JSON with the counts
(terminal/store/health.py reads it for doctor, staff and the heartbeat).
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

from sync.protocol.times import rfc3339
from terminal.audit.breaks import break_row
from terminal.audit.chain import AuditRow
from terminal.audit.key import KEY_LEN, audit_key_path
from terminal.audit.trail import LAST_SEQ_KEY, SENT_SEQ_KEY
from terminal.crypto.key_protection import KeyProtection, KeyUnavailable, load_key
from terminal.identity import ENROLMENT_LOST_KEY, ENROLMENT_MARKER
from terminal.paths import DataPaths
from terminal.store import migrate
from terminal.store.damaged_names import names_file
from terminal.store.engine import configure_connection
from terminal.store.health import SALVAGE_FAILED, SALVAGED
from terminal.store.integrity import ATTACHMENTS_LOST
from terminal.store.salvage_read import DamagedRead, TableRead, read_damaged
from terminal.store.startup import StoreEventRecord

log = logging.getLogger(__name__)

# Parents before children (foreign keys); tables added later are copied after these.
TABLE_ORDER: Final = (
    "terminal_identity",
    "platform_keys",
    "kv",
    "receipt_sequences",
    "staff_accounts",
    "submissions",
    "attachments",
    "store_events",
    "audit_log",
)
_NOT_COPIED = frozenset({"alembic_version"})


def _fsync(path: Path, *, directory: bool = False) -> None:
    fd = os.open(path, os.O_RDONLY if directory else os.O_RDWR)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove(build: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(str(build) + suffix).unlink(missing_ok=True)


def _create_schema(build: Path) -> None:
    from terminal.store.engine import make_engine  # SQLAlchemy only on this rare path

    engine = make_engine(build, writer=True)
    try:
        migrate.upgrade(engine)
    finally:
        engine.dispose()


def _tables(conn: sqlite3.Connection) -> list[str]:
    names = {
        str(r[0])
        for r in conn.execute(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    } - _NOT_COPIED
    return [t for t in TABLE_ORDER if t in names] + sorted(names - set(TABLE_ORDER))


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [str(r[1]) for r in conn.execute(f'PRAGMA table_info("{table}")')]


def _pk_columns(conn: sqlite3.Connection, table: str) -> list[tuple[str, bool]]:
    """(column, is the INTEGER PRIMARY KEY, i.e. the rowid) for a table of the new store."""
    info = list(conn.execute(f'PRAGMA table_info("{table}")'))
    pks = [r for r in info if r[5]]
    rowid = str(pks[0][1]) if len(pks) == 1 and str(pks[0][2]).upper() == "INTEGER" else None
    return [(str(r[1]), str(r[1]) == rowid) for r in info]


def _copy_table(conn: sqlite3.Connection, table: str, read: TableRead) -> tuple[int, int, set[int]]:
    """Insert the rows read; (kept, failed inserts, rowids kept)."""
    common = [c for c in _columns(conn, table) if c in read.columns]
    if not common:
        return 0, 0, set()
    pick = [read.columns.index(c) for c in common]
    cols = ", ".join(f'"{c}"' for c in common)
    sql = f'INSERT INTO "{table}"({cols}) VALUES ({", ".join("?" * len(common))})'
    kept, failed, rowids = 0, 0, set()
    for rowid in sorted(read.rows):
        row = read.rows[rowid]
        try:
            conn.execute(sql, [row[i] for i in pick])
        except sqlite3.DatabaseError:  # a constraint the read row breaks: not trusted
            failed += 1
            continue
        kept += 1
        rowids.add(rowid)
    return kept, failed, rowids


def _raise_receipt_counters(conn: sqlite3.Connection) -> None:
    conn.execute(
        "INSERT INTO receipt_sequences(day, last) "
        "SELECT local_day, max(sequence) FROM submissions WHERE true GROUP BY local_day "
        "ON CONFLICT(day) DO UPDATE SET last = max(last, excluded.last)"
    )


def _kv_int(conn: sqlite3.Connection, key: str) -> int:
    row = conn.execute("SELECT value FROM kv WHERE key = ?", (key,)).fetchone()
    try:
        return int(row[0]) if row else 0
    except (TypeError, ValueError):
        return 0


def _put_kv(conn: sqlite3.Connection, key: str, value: str) -> None:
    conn.execute(
        "INSERT INTO kv(key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


def _enrolment(conn: sqlite3.Connection, paths: DataPaths, damaged: Path) -> str:
    """'kept', 'lost' (and marked so), or 'none' (the damaged store had no enrolment).

    Lost: the terminal was enrolled with a real central (the marker file beside
    local.key says so, or keys and submissions sealed to a non-demo key remain)."""
    if conn.execute("SELECT count(*) FROM terminal_identity").fetchone()[0]:
        return "kept"
    real = conn.execute(
        "SELECT (SELECT count(*) FROM platform_keys WHERE kid NOT LIKE 'demo-%') + "
        "(SELECT count(*) FROM submissions WHERE sealed_kid NOT LIKE 'demo-%')"
    ).fetchone()[0]
    if paths.local_key_file.with_name(ENROLMENT_MARKER).exists() or real:
        _put_kv(conn, ENROLMENT_LOST_KEY, damaged.name)
        return "lost"
    return "none"


def _audit_break(conn: sqlite3.Connection, paths: DataPaths, read: DamagedRead) -> dict[str, Any]:
    """Append the break record after the kept audit records; what it says."""
    rows = [
        AuditRow(*r)
        for r in conn.execute(
            "SELECT seq, at, actor, action, result, terminal_code, detail, mac "
            "FROM audit_log ORDER BY seq"
        )
    ]
    table = read.table("audit_log")
    last_written = max(
        [_kv_int(conn, LAST_SEQ_KEY), _kv_int(conn, SENT_SEQ_KEY)] + [r.seq for r in rows]
    )
    if not rows and not last_written and not (table and table.failed):
        return {"kept": 0, "lost": 0, "break": False}
    start = 1
    for r in reversed(rows):
        if r.action == "audit_checkpoint":
            start = int(json.loads(r.detail).get("first_seq", 1))
            break
    lost = max(0, last_written - start + 1 - sum(1 for r in rows if r.seq >= start))
    lost = max(lost, table.lost if table else 0)
    try:  # sealed to the TPM: the TCTI it was sealed through (no configuration here)
        key = load_key(audit_key_path(paths.local_key_file), KEY_LEN, KeyProtection(), create=False)
    except (ValueError, KeyUnavailable):
        key = None
    if key is None:  # doctor reports the missing key; the records are kept anyway
        return {"kept": len(rows), "lost": lost, "break": False, "note": "audit key missing"}
    code_row = conn.execute("SELECT terminal_code FROM terminal_identity").fetchone()
    code = rows[-1].terminal_code if rows else (code_row[0] if code_row else "0000")
    seq = last_written + 1
    brk = break_row(
        key, rows, seq=seq, at=rfc3339(datetime.now(UTC)), terminal_code=code, lost=lost
    )
    conn.execute(
        "INSERT INTO audit_log(seq, at, actor, action, result, terminal_code, detail, mac) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            brk.seq,
            brk.at,
            brk.actor,
            brk.action,
            brk.result,
            brk.terminal_code,
            brk.detail,
            brk.mac,
        ),
    )
    _put_kv(conn, LAST_SEQ_KEY, str(seq))
    return {"kept": len(rows), "lost": lost, "break": True}


def _hold_orphaned(conn: sqlite3.Connection, read: DamagedRead, kept_attachments: set[int]) -> int:
    """Hold back submissions some of whose attachment rows were lost (never sent without
    their photos)."""
    owners = {
        owner for rowid, owner in read.attachment_owners.items() if rowid not in kept_attachments
    }
    held = 0
    for owner in sorted(owners):
        held += conn.execute(
            "UPDATE submissions SET integrity_error = ? "
            "WHERE id = ? AND integrity_error IS NULL AND outbox_state IN ('pending', 'uploading')",
            (ATTACHMENTS_LOST, owner),
        ).rowcount
    return held


def _write_names(damaged: Path, read: DamagedRead) -> None:
    table = read.table("attachments")
    names: set[str] = set()
    if table is not None and "sha256" in table.columns:
        i = table.columns.index("sha256")
        names = {str(r[i]) for r in table.rows.values() if r[i]}
    complete = table is not None and not table.failed
    doc = {"complete": complete, "names": sorted(names)}
    target = names_file(damaged)
    tmp = target.with_name(target.name + ".tmp")
    tmp.write_text(json.dumps(doc), encoding="utf-8")
    _fsync(tmp)
    os.replace(tmp, target)


def _fill(build: Path, paths: DataPaths, damaged: Path, read: DamagedRead) -> dict[str, Any]:
    conn = sqlite3.connect(build)
    try:
        configure_connection(conn)
        conn.execute("BEGIN IMMEDIATE")
        tables: dict[str, list[int]] = {}
        kept_attachments: set[int] = set()
        for name in _tables(conn):
            table = read.table(name)
            if table is None:
                continue
            kept, failed, rowids = _copy_table(conn, name, table)
            if name == "attachments":
                kept_attachments = rowids
            # Lost: rows the indexes name that were not kept (a row read but refused, e.g.
            # a garbled one from .recover, counts only if an index names it).
            lost = len(table.indexed - rowids) if table.indexed else failed
            tables[name] = [kept, lost]
        _raise_receipt_counters(conn)
        summary: dict[str, Any] = {
            "from": damaged.name,
            "tables": tables,
            "incomplete": sorted(n for n, t in read.tables.items() if t.failed),
            "enrolment": _enrolment(conn, paths, damaged),
            "held_back": _hold_orphaned(conn, read, kept_attachments),
            "audit": _audit_break(conn, paths, read),
            "header_rebuilt": read.header_rebuilt,
            "padded": read.padded,
            "schema_rebuilt": read.schema_rebuilt,
            "recover": read.recover_note or "not needed",
        }
        conn.execute("COMMIT")
    finally:
        conn.close()
    return summary


def salvage_into(paths: DataPaths, damaged: Path) -> list[StoreEventRecord]:
    """Build the new store from what ``damaged`` still holds and put it in place.

    Returns the ``salvaged`` event (or ``salvage_failed``; then the caller creates an
    empty store as before and the damaged copy is still in damaged/, untouched)."""
    build = paths.store_file.with_name(paths.store_file.name + ".salvage")
    _remove(build)
    try:
        _create_schema(build)
        conn = sqlite3.connect(build)
        try:
            wanted = _tables(conn)
            columns = {t: _pk_columns(conn, t) for t in wanted}
        finally:
            conn.close()
        read = read_damaged(damaged, wanted, columns=columns)
        summary = _fill(build, paths, damaged, read)
        _write_names(damaged, read)
        _fsync(build)
        os.replace(build, paths.store_file)
        _fsync(paths.store_file.parent, directory=True)
    except (sqlite3.Error, OSError, ValueError) as exc:
        _remove(build)
        log.error("salvage of %s failed: %s: %s", damaged.name, type(exc).__name__, exc)
        return [StoreEventRecord(SALVAGE_FAILED, f"{damaged.name}: {type(exc).__name__}: {exc}")]
    log.warning("store salvaged from %s: %s", damaged.name, json.dumps(summary, sort_keys=True))
    return [StoreEventRecord(SALVAGED, json.dumps(summary, sort_keys=True))]
