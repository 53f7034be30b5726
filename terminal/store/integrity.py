"""Integrity of what waits to be sent: sealed payloads and sealed attachment files.

At confirm the SHA-256 of the sealed payload is stored with the row
(`record_payload_digest`, revision 0004); a sealed file's name is already the
SHA-256 of its bytes. Rows confirmed before revision 0004 have no payload digest
and are accepted as they are.

Checked twice: in the background at start (`check_in_background`, every unsent
submission) and by the drainer just before a submission is sent
(`problem_before_send`). A submission whose payload or files no longer match is
held back (``integrity_error`` set; the outbox never picks it) instead of being
sent as garbage that central could only refuse as undecryptable; doctor, the
staff status screen and the heartbeat report it, and staff follow up by its
receipt number. A file that comes back intact (restored from a backup) clears
its hold at the next check; a damaged payload cannot.
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from terminal.store.startup import OpenStore
from terminal.store.writer import WriterClosed

log = logging.getLogger(__name__)

PAYLOAD_DAMAGED: Final = "payload-damaged"
ATTACHMENT_DAMAGED: Final = "attachment-damaged"
ATTACHMENT_MISSING: Final = "attachment-missing"
ATTACHMENTS_LOST: Final = "attachments-lost"  # set by salvage: rows lost with a damaged page
_RECHECKABLE = frozenset({PAYLOAD_DAMAGED, ATTACHMENT_DAMAGED, ATTACHMENT_MISSING})
_UNSENT = ("pending", "uploading")
_CHUNK = 1 << 20


def sealed_digest(enc: bytes | None, ct: bytes | None) -> str:
    """SHA-256 (hex) of a sealed payload: the length of ``enc``, ``enc``, then ``ct``."""
    enc, ct = enc or b"", ct or b""
    return hashlib.sha256(len(enc).to_bytes(4, "big") + enc + ct).hexdigest()


def record_payload_digest(
    conn: sqlite3.Connection, submission_id: str, enc: bytes | None, ct: bytes | None
) -> None:
    """Store the sealed payload's digest, inside confirm's transaction."""
    conn.execute(
        "UPDATE submissions SET sealed_sha256 = ? WHERE id = ?",
        (sealed_digest(enc, ct), submission_id),
    )


def payload_problem(enc: bytes | None, ct: bytes | None, digest: str | None) -> str | None:
    """PAYLOAD_DAMAGED when a stored digest no longer matches; None otherwise."""
    if digest is None or sealed_digest(enc, ct) == digest:
        return None
    return PAYLOAD_DAMAGED


def file_problem(directory: Path, sha256: str) -> str | None:
    """Whether ``<sha256>.sealed`` is there and still hashes to its name."""
    h = hashlib.sha256()
    try:
        with (directory / f"{sha256}.sealed").open("rb") as fh:
            while chunk := fh.read(_CHUNK):
                h.update(chunk)
    except FileNotFoundError:
        return ATTACHMENT_MISSING
    except OSError:
        return ATTACHMENT_DAMAGED
    return None if h.hexdigest() == sha256 else ATTACHMENT_DAMAGED


def files_problem(directory: Path, names: Iterable[str]) -> str | None:
    """The first problem among sealed files (damaged before missing), or None."""
    problems = {file_problem(directory, n) for n in names} - {None}
    if ATTACHMENT_DAMAGED in problems:
        return ATTACHMENT_DAMAGED
    return ATTACHMENT_MISSING if problems else None


@dataclass(frozen=True)
class Finding:
    """One unsent submission whose hold should change."""

    submission_id: str
    receipt_no: str
    problem: str | None  # None: nothing wrong (any recheckable hold is lifted)


_Row = tuple[str, str, str | None, str | None, list[str], str | None]


def _unsent(conn: sqlite3.Connection) -> list[_Row]:
    """Unsent submissions: id, receipt, digest, hold, files not yet uploaded, and the
    payload's problem (hashed here, in the one read: no row is read twice)."""
    marks = ",".join("?" * len(_UNSENT))
    files: dict[str, list[str]] = {}
    for sid, sha in conn.execute(
        f"SELECT a.submission_id, a.sha256 FROM attachments a JOIN submissions s "
        f"ON s.id = a.submission_id WHERE s.outbox_state IN ({marks}) AND a.uploaded = 0",
        _UNSENT,
    ):
        files.setdefault(sid, []).append(sha)
    cur = conn.execute(
        f"SELECT id, receipt_no, sealed_sha256, integrity_error, sealed_enc, sealed_ct "
        f"FROM submissions WHERE outbox_state IN ({marks}) AND purged_at IS NULL",
        _UNSENT,
    )
    return [
        (r[0], r[1], r[2], r[3], files.get(r[0], []), payload_problem(r[4], r[5], r[2]))
        for r in cur
    ]


def scan(store: OpenStore) -> list[Finding]:
    """Every unsent submission whose hold should be set, changed or lifted (read only)."""
    found = []
    for sid, receipt_no, _digest, held, names, payload in store.read(_unsent):
        if held is not None and held not in _RECHECKABLE:
            continue  # e.g. attachments-lost: nothing can bring those rows back
        problem = payload or files_problem(store.paths.attachments_dir, names)
        if problem != held:
            found.append(Finding(sid, receipt_no, problem))
    return found


def hold(store: OpenStore, findings: Iterable[Finding]) -> int:
    """Write the holds (and lift the ones no longer needed); how many are now held."""
    items = list(findings)

    def write(conn: sqlite3.Connection) -> int:
        for f in items:
            conn.execute(
                "UPDATE submissions SET integrity_error = ? WHERE id = ?",
                (f.problem, f.submission_id),
            )
        return sum(1 for f in items if f.problem)

    held = store.writer.run(write) if items else 0
    for f in items:
        if f.problem:  # the receipt number says nothing about the citizen
            log.error("submission %s held back: %s", f.receipt_no, f.problem)
        else:
            log.info("submission %s no longer held back", f.receipt_no)
    return held


def check(store: OpenStore) -> int:
    """Scan and hold; how many submissions were newly held back."""
    return hold(store, scan(store))


def check_in_background(store: OpenStore) -> threading.Thread:
    """Run `check` on a daemon thread (start-up must not wait for hashing files)."""

    def run() -> None:
        try:
            check(store)
        except (sqlite3.Error, OSError, WriterClosed) as exc:  # the next start checks again
            log.warning("integrity check stopped: %s", type(exc).__name__)

    thread = threading.Thread(target=run, name="integrity-check", daemon=True)
    thread.start()
    return thread


def held_back(store: OpenStore) -> list[tuple[str, str]]:
    """(receipt number, problem) of every unsent submission held back, oldest first."""
    return store.read(
        lambda c: [
            (str(r[0]), str(r[1]))
            for r in c.execute(
                "SELECT receipt_no, integrity_error FROM submissions "
                "WHERE integrity_error IS NOT NULL AND outbox_state IN ('pending', 'uploading') "
                "ORDER BY created_at"
            )
        ]
    )
