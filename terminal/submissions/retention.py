"""Retention: N days after sync, sealed payloads and attachment files are erased.

Receipt number, kind, code, states and times remain, so progress lookup and
statistics keep working. Rejected and unsynced submissions are never erased.
Files are deleted after the transaction commits; a crash in between leaves
files that `sweep_attachment_files` removes at the next start.
"""

from __future__ import annotations

import logging
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sync.protocol.times import rfc3339
from terminal.store.damaged_names import damaged_names
from terminal.store.startup import OpenStore

log = logging.getLogger(__name__)


def purge_expired(store: OpenStore, retention_days: int, now: datetime | None = None) -> int:
    """Erase sealed content of submissions synced more than `retention_days` ago."""
    now = now or datetime.now(UTC)
    cutoff = rfc3339(now - timedelta(days=retention_days))
    stamp = rfc3339(now)

    def erase(conn: sqlite3.Connection) -> list[str]:
        ids = [
            r[0]
            for r in conn.execute(
                "SELECT id FROM submissions WHERE outbox_state = 'synced' "
                "AND purged_at IS NULL AND synced_at <= ?",
                (cutoff,),
            )
        ]
        marks = ",".join("?" * len(ids))
        if not ids:
            return []
        conn.execute(
            f"UPDATE submissions SET sealed_enc = NULL, sealed_ct = NULL, purged_at = ? "
            f"WHERE id IN ({marks})",
            [stamp, *ids],
        )
        shas = [
            r[0]
            for r in conn.execute(
                f"SELECT sha256 FROM attachments WHERE submission_id IN ({marks})", ids
            )
        ]
        conn.execute(
            f"UPDATE attachments SET purged_at = ? WHERE submission_id IN ({marks})",
            [stamp, *ids],
        )
        return [*ids, *(f"file:{s}" for s in shas)]

    result = store.writer.run(erase)
    files = [r[5:] for r in result if r.startswith("file:")]
    for sha in files:
        (store.paths.attachments_dir / f"{sha}.sealed").unlink(missing_ok=True)
    count = len(result) - len(files)
    if count:
        log.info("retention erased %d submissions and %d attachment files", count, len(files))
    return count


def sweep_attachment_files(store: OpenStore) -> int:
    """Remove sealed files no attachment row of any store refers to (left by a crash).

    Names in damaged/ copies count too (damaged_names.py); when one cannot be fully
    read, nothing is removed.

    Call at start only, before anything confirms: a file being written for a
    transaction still in flight is not referenced yet.
    """
    sql = "SELECT sha256 FROM attachments WHERE purged_at IS NULL"
    live = store.read(lambda c: {r[0] for r in c.execute(sql)})
    in_damaged = damaged_names(store.paths)  # a damaged store's files are never orphans
    if in_damaged is None:
        log.warning("orphan sweep skipped: a damaged store copy cannot be fully read")
        return 0
    live |= in_damaged
    removed = 0
    directory: Path = store.paths.attachments_dir
    for path in directory.iterdir():
        stem, suffix = path.stem, path.suffix
        if suffix == ".tmp" or (suffix == ".sealed" and stem not in live):
            path.unlink(missing_ok=True)
            removed += 1
    if removed:
        log.warning("removed %d attachment files no submission refers to", removed)
    return removed
