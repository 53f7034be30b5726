"""The outbox drainer: everything pending goes to central, attachments first.

One pass: read pending rows oldest first → cut a batch (batch_max_items,
batch_max_bytes) → make sure central has their attachments → pending→uploading
→ POST the gzip body → apply the per-item results in one transaction. A batch
refused whole with 400/413 is split in halves until the offending submission
stands alone; that one is marked rejected. A connection failure puts the batch
back to pending and ends the pass (the worker backs off). A crash anywhere
leaves rows pending or uploading; uploading goes back to pending at start and
central answers the resend ``duplicate``.
"""

from __future__ import annotations

import gzip
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sync.attachment_upload import AttachmentUnavailable, AttachmentUploader
from sync.client import SyncClient, parse
from sync.errors import ServerError
from sync.outbox_items import OutboxItem, batch_body, first_batch, read_pending
from sync.outcomes import (
    OutcomeCounts,
    apply_results,
    back_to_pending,
    hold_back,
    reject_alone,
    set_uploading,
)
from sync.protocol.schemas import BatchResponse
from sync.protocol.times import rfc3339
from terminal.store import integrity
from terminal.store.startup import OpenStore

log = logging.getLogger(__name__)
SPLIT_STATUSES = frozenset({400, 413})
MAX_MISSING_ROUNDS = 3  # per item and pass: central keeps saying an attachment is absent


@dataclass
class DrainReport:
    """What one pass did."""

    outcomes: OutcomeCounts = field(default_factory=OutcomeCounts)
    batches: int = 0
    splits: int = 0
    attachments_uploaded: int = 0
    attachments_present: int = 0
    held_back: int = 0


class OutboxDrainer:
    """Sends the pending submissions of one store to central."""

    def __init__(
        self, client: SyncClient, store: OpenStore, *, max_items: int, max_bytes: int
    ) -> None:
        self._client = client
        self._store = store
        self._max_items = max_items
        self._max_bytes = max_bytes

    def _now(self) -> str:
        return rfc3339(datetime.fromtimestamp(self._client.clock.now(), UTC))

    def drain(self) -> DrainReport:
        """Send until nothing pending is left (or only items held back this pass)."""
        report = DrainReport()
        uploader = AttachmentUploader(self._client, self._store)
        skip: set[str] = set()
        missing_rounds: dict[str, int] = {}
        try:
            while True:
                pending = read_pending(self._store, self._max_items, exclude=skip)
                if not pending:
                    return report
                batch = self._with_attachments(
                    first_batch(pending, self._max_items, self._max_bytes), uploader, report, skip
                )
                if not batch:
                    continue
                counts = self._send(batch, report)
                report.outcomes.add(counts)
                if counts.missing_attachments or counts.unanswered:
                    self._limit_rounds(batch, missing_rounds, skip)
        finally:
            report.attachments_uploaded = uploader.uploaded
            report.attachments_present = uploader.already_present

    def _with_attachments(
        self,
        batch: list[OutboxItem],
        uploader: AttachmentUploader,
        report: DrainReport,
        skip: set[str],
    ) -> list[OutboxItem]:
        ready = []
        for item in batch:
            if self._damaged(item):
                skip.add(item.submission_id)
                report.held_back += 1
                continue
            try:
                for attachment in item.attachments:
                    if not attachment.uploaded:
                        uploader.ensure(attachment.sha256)
            except AttachmentUnavailable as exc:
                log.error("submission %s held back: %s", item.receipt_no, exc)
                hold_back(self._store, item, exc.code, str(exc), self._now())
                skip.add(item.submission_id)
                report.held_back += 1
                continue
            ready.append(item)
        return ready

    def _damaged(self, item: OutboxItem) -> bool:
        """Check the sealed payload and files just before sending; hold back on damage."""
        problem = item.payload_problem or integrity.files_problem(
            self._store.paths.attachments_dir,
            [a.sha256 for a in item.attachments if not a.uploaded],
        )
        if problem is None:
            return False
        finding = integrity.Finding(item.submission_id, item.receipt_no, problem)
        integrity.hold(self._store, [finding])
        return True

    def _limit_rounds(
        self, batch: Sequence[OutboxItem], rounds: dict[str, int], skip: set[str]
    ) -> None:
        for item in batch:
            rounds[item.submission_id] = rounds.get(item.submission_id, 0) + 1
            if rounds[item.submission_id] >= MAX_MISSING_ROUNDS:
                skip.add(item.submission_id)  # still pending; tried again next pass

    def _send(self, batch: list[OutboxItem], report: DrainReport) -> OutcomeCounts:
        """POST one batch; on a whole-batch 400/413 split it and send the halves."""
        now = self._now()
        set_uploading(self._store, batch, now)
        try:
            response = self._client.request(
                "POST",
                "/submissions/batch",
                body=gzip.compress(batch_body(batch), compresslevel=6, mtime=0),
                headers={
                    "Content-Type": "application/json",
                    "Content-Encoding": "gzip",
                    "Accept": "application/json",
                },
            )
            results = parse(response, BatchResponse).results
        except BaseException as exc:
            back_to_pending(self._store, batch, now)
            if isinstance(exc, ServerError) and exc.status in SPLIT_STATUSES:
                return self._split(batch, exc, report)
            raise
        report.batches += 1
        counts = apply_results(self._store, batch, results, now, self._client.clock.now())
        log.info(
            "batch of %d: %d accepted, %d duplicate, %d missing attachments, %d rejected",
            len(batch), counts.accepted, counts.duplicate, counts.missing_attachments,
            counts.rejected,
        )  # fmt: skip
        return counts

    def _split(
        self, batch: list[OutboxItem], exc: ServerError, report: DrainReport
    ) -> OutcomeCounts:
        if len(batch) == 1:
            item = batch[0]
            log.error("submission %s refused by central: %s", item.receipt_no, exc.code)
            reject_alone(
                self._store, item, exc.code, str(exc.problem.get("detail") or exc), self._now()
            )
            return OutcomeCounts(rejected=1)
        report.splits += 1
        middle = len(batch) // 2
        counts = OutcomeCounts()
        counts.add(self._send(batch[:middle], report))
        counts.add(self._send(batch[middle:], report))
        return counts
