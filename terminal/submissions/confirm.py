"""`confirm`: the only way a submission reaches disk.

0. Check what central would refuse by shape (payload_checks.py, against the
   catalog version the citizen used) and that the disk keeps its reserve
   (headroom.py): a refusal here writes nothing.
1. Seal each attachment to the platform key; write the sealed file and fsync
   it (and its directory) BEFORE the transaction.
2. Seal the payload (which lists the attachments' sha256, media type, name).
3. In ONE writer transaction: take the next per-day receipt sequence (above the
   high-water mark kept beside the store, high_water.py, which is written first),
   insert the submission (sealed) and its attachments' metadata, outbox `pending`.
4. Only after COMMIT does the caller get the receipt number.

A failure at any step leaves no row, no receipt and no temporary file; sealed
files this confirm wrote are removed again (the start-up sweep is the backstop).
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sync.protocol.payload_rules import CatalogCodes, PayloadRejected
from sync.protocol.payloads import LINE_CHARS
from sync.protocol.schemas import (
    MAX_ATTACHMENT_BYTES,
    MAX_ATTACHMENTS_PER_SUBMISSION,
    SHORT_TEXT_CHARS,
)
from sync.protocol.times import rfc3339
from terminal.crypto.sealing import Sealer
from terminal.durable import write_durably
from terminal.receipts.high_water import HighWater
from terminal.receipts.number import ReceiptNumber
from terminal.store.integrity import record_payload_digest
from terminal.store.startup import OpenStore
from terminal.store.trouble import Trouble, store_trouble
from terminal.submissions.draft import CHANNELS, KINDS, Draft
from terminal.submissions.errors import ConfirmError, PayloadRefused
from terminal.submissions.headroom import Headroom
from terminal.submissions.lifecycle import OutboxState, PrintState
from terminal.submissions.payload_checks import check_payload

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


def write_sealed_file(directory: Path, sealed: bytes) -> str:
    """Write sealed bytes as <sha256>.sealed, durably; returns the sha256."""
    digest = hashlib.sha256(sealed).hexdigest()
    # a full disk mid-write leaves nothing half-written behind
    write_durably(directory / f"{digest}.sealed", sealed, directory / f"{digest}.tmp")
    return digest


def _classify_storage_error(exc: BaseException) -> ConfirmError:
    if store_trouble(exc) is Trouble.FULL:  # SQLITE_FULL, ENOSPC, EDQUOT
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
        *,
        catalog_codes: Callable[[str], CatalogCodes | None] | None = None,
        headroom: Headroom | None = None,
    ) -> None:
        self._store = store
        self._sealer = sealer
        self._terminal_code = terminal_code
        self._tz = tz
        self._limits = limits or AttachmentLimits()
        self._clock = clock or (lambda: datetime.now(UTC))
        self._catalog_codes = catalog_codes
        self._headroom = headroom
        self._high_water = HighWater(store.paths.root)

    def _check(self, draft: Draft) -> None:
        if draft.kind not in KINDS or draft.channel not in CHANNELS or not draft.code:
            raise ConfirmError("invalid_draft", f"kind={draft.kind} channel={draft.channel}")
        if draft.channel == "assisted" and not draft.staff_id:
            raise ConfirmError("invalid_draft", "assisted submission without staff id")
        if len(draft.attachments) > min(self._limits.max_count, MAX_ATTACHMENTS_PER_SUBMISSION):
            raise ConfirmError("too_many_attachments", str(len(draft.attachments)))
        for a in draft.attachments:
            if len(a.data) > self._limits.max_bytes:
                raise ConfirmError("attachment_too_large", f"{len(a.data)} bytes")
            if not (0 < len(a.media_type) <= SHORT_TEXT_CHARS and len(a.name) <= LINE_CHARS):
                raise ConfirmError("invalid_draft", "attachment media type or name")
        codes = self._catalog_codes(draft.catalog_version) if self._catalog_codes else None
        if not draft.catalog_version or len(draft.catalog_version) > SHORT_TEXT_CHARS:
            raise ConfirmError("invalid_draft", "catalog version")
        try:  # as central will judge it; the attachments are listed by confirm itself
            body = check_payload(draft.kind, draft.code, dict(draft.payload, attachments=[]), codes)
        except PayloadRejected as problem:
            raise PayloadRefused(problem.reason, problem.field, problem.rule) from None
        if self._headroom is not None:
            # Sealed files are a little larger than their plaintext; the row is
            # written twice (WAL, then the table).
            self._headroom.check([len(a.data) + 1024 for a in draft.attachments] + [2 * len(body)])

    def confirm(self, draft: Draft) -> Confirmed:
        """Seal and store `draft`; raises ConfirmError and stores nothing on failure.

        A payload central would refuse raises PayloadRefused (a ConfirmError) before
        anything is written; a disk below its reserve raises ConfirmError('low_disk').
        """
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
                if len(sealed_file) > MAX_ATTACHMENT_BYTES:  # central's limit, of the sealed file
                    raise ConfirmError("attachment_too_large", f"{len(sealed_file)} sealed")
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
                seq = self._high_water.next_sequence(conn, day)
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
                self._high_water.record(conn, day, seq)  # durable before the number is used
                return receipt

            receipt_no = self._store.writer.run(transaction)
        except ConfirmError:
            self._remove(written)
            raise
        except (sqlite3.Error, OSError) as exc:
            self._remove(written)
            error = _classify_storage_error(exc)
            log.error("confirm failed, nothing stored: %s", error.detail)
            raise error from exc
        log.info("confirmed %s kind=%s attachments=%d", receipt_no, draft.kind, len(stored))
        return Confirmed(submission_id, receipt_no, created, local, len(stored))

    def _remove(self, written: list[Path]) -> None:
        """Sealed files of a confirm that stored nothing. The same bytes could belong to
        a stored submission only if sealed identically, which random sealing rules out."""
        for path in written:
            try:
                path.unlink(missing_ok=True)
            except OSError as exc:  # the start-up sweep removes it later
                log.warning("could not remove %s: %s", path.name, type(exc).__name__)
