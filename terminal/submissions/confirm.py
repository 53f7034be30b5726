"""`confirm`: the only way a submission reaches disk.

1. Seal each attachment to the platform key; write the sealed file and fsync
   it (and its directory) BEFORE the transaction.
2. Seal the payload (which lists the attachments' sha256, media type, name).
3. In ONE writer transaction: take the next per-day receipt sequence, insert
   the submission (sealed) and its attachments' metadata, outbox `pending`.
4. Only after COMMIT does the caller get the receipt number.

A failure at any step leaves no row and no receipt; sealed files written for
a transaction that never committed are swept at the next start.
"""

from __future__ import annotations

import errno
import hashlib
import json
import logging
import os
import sqlite3
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from terminal.crypto.sealing import Sealer
from terminal.receipts.number import ReceiptNumber
from terminal.store.integrity import record_payload_digest
from terminal.store.startup import OpenStore
from terminal.submissions.draft import CHANNELS, KINDS, Draft
from terminal.submissions.errors import ConfirmError
from terminal.submissions.lifecycle import OutboxState, PrintState

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class AttachmentLimits:
    max_bytes: int = 20 * 1024 * 1024
    max_count: int = 9


@dataclass(frozen=True)
class Confirmed:
    """What the caller gets once the row is durable."""

    submission_id: str
    receipt_no: str
    created_at: datetime  # UTC
    local_time: datetime  # in the terminal's time zone
    attachment_count: int


def rfc3339(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_sealed_file(directory: Path, sealed: bytes) -> str:
    """Write sealed bytes as <sha256>.sealed, durably; returns the sha256."""
    digest = hashlib.sha256(sealed).hexdigest()
    final = directory / f"{digest}.sealed"
    tmp = directory / f"{digest}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        view = memoryview(sealed)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, final)
    _fsync_dir(directory)
    return digest


def _classify_storage_error(exc: BaseException) -> ConfirmError:
    text = str(exc).lower()
    full = isinstance(exc, sqlite3.OperationalError) and "full" in text
    if full or (isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT)):
        return ConfirmError("disk_full", type(exc).__name__ + ": " + str(exc))
    return ConfirmError("storage_error", type(exc).__name__ + ": " + str(exc))


class Confirmer:
    """Seals drafts and commits them with a receipt number, through the one writer."""

    def __init__(
        self,
        store: OpenStore,
        sealer: Sealer,
        terminal_code: str,
        tz: ZoneInfo,
        limits: AttachmentLimits | None = None,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self._store = store
        self._sealer = sealer
        self._terminal_code = terminal_code
        self._tz = tz
        self._limits = limits or AttachmentLimits()
        self._clock = clock or (lambda: datetime.now(UTC))

    def _check(self, draft: Draft) -> None:
        if draft.kind not in KINDS or draft.channel not in CHANNELS or not draft.code:
            raise ConfirmError("invalid_draft", f"kind={draft.kind} channel={draft.channel}")
        if draft.channel == "assisted" and not draft.staff_id:
            raise ConfirmError("invalid_draft", "assisted submission without staff id")
        if len(draft.attachments) > self._limits.max_count:
            raise ConfirmError("too_many_attachments", str(len(draft.attachments)))
        for a in draft.attachments:
            if len(a.data) > self._limits.max_bytes:
                raise ConfirmError("attachment_too_large", f"{len(a.data)} bytes")

    def confirm(self, draft: Draft) -> Confirmed:
        """Seal and store `draft`; raises ConfirmError and stores nothing on failure."""
        self._check(draft)
        submission_id = str(uuid.uuid4())
        created = self._clock()
        local = created.astimezone(self._tz)
        written: list[Path] = []
        try:
            listed = []
            stored = []
            for a in draft.attachments:
                sealed_file = self._sealer.seal_file_bytes(a.data)
                digest = write_sealed_file(self._store.paths.attachments_dir, sealed_file)
                written.append(self._store.paths.attachments_dir / f"{digest}.sealed")
                listed.append({"sha256": digest, "media_type": a.media_type, "name": a.name})
                stored.append((digest, len(sealed_file)))
            payload = dict(draft.payload, attachments=listed)
            sealed = self._sealer.seal(json.dumps(payload, ensure_ascii=False).encode())
            display = json.dumps(
                {
                    "subject": draft.subject_label,
                    "contact": draft.masked_contact,
                    **draft.extra_display,
                },
                ensure_ascii=False,
            )
            day = local.strftime("%y%m%d")
            code = self._terminal_code

            def transaction(conn: sqlite3.Connection) -> str:
                seq = conn.execute(
                    "INSERT INTO receipt_sequences(day, last) VALUES (?, 1) "
                    "ON CONFLICT(day) DO UPDATE SET last = last + 1 RETURNING last",
                    (day,),
                ).fetchone()[0]
                receipt = ReceiptNumber.issue(code, local.date(), seq).format()
                conn.execute(
                    "INSERT INTO submissions(id, receipt_no, local_day, sequence, kind, code, "
                    "channel, staff_id, catalog_version, created_at, sealed_alg, sealed_kid, "
                    "sealed_enc, sealed_ct, display_json, outbox_state, outbox_attempts, "
                    "print_state) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,0,?)",
                    (
                        submission_id,
                        receipt,
                        day,
                        seq,
                        draft.kind,
                        draft.code,
                        draft.channel,
                        draft.staff_id,
                        draft.catalog_version,
                        rfc3339(created),
                        sealed.alg,
                        sealed.kid,
                        sealed.enc,
                        sealed.ct,
                        display,
                        OutboxState.PENDING.value,
                        PrintState.UNPRINTED.value,
                    ),
                )
                record_payload_digest(conn, submission_id, sealed.enc, sealed.ct)
                if stored:
                    conn.executemany(
                        "INSERT INTO attachments(submission_id, sha256, size, uploaded) "
                        "VALUES (?, ?, ?, 0)",
                        [(submission_id, d, size) for d, size in stored],
                    )
                return receipt

            receipt_no = self._store.writer.run(transaction)
        except ConfirmError:
            raise
        except (sqlite3.Error, OSError) as exc:
            for path in written:
                path.unlink(missing_ok=True)
            error = _classify_storage_error(exc)
            log.error("confirm failed, nothing stored: %s", error.detail)
            raise error from exc
        log.info("confirmed %s kind=%s attachments=%d", receipt_no, draft.kind, len(stored))
        return Confirmed(submission_id, receipt_no, created, local, len(stored))
