"""Batch upload (§2): one outcome per submission, in order, each stored with its case
in the batch's one transaction; permanent de-duplication by submission_id.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from central.catalog import CatalogIndex, CatalogStore
from central.clock import Clock
from central.keys import KeyRing
from central.sealing import UnsealError, open_envelope
from central.services.cases import open_case
from central.services.intake_batch import Accepted, Known, store_accepted
from central.services.payload_rules import PayloadRejected, check_payload
from central.store.engine import Store
from central.store.models import Attachment, Case, Submission, SubmissionAttachment, Terminal
from sync.protocol import problem_codes as codes
from sync.protocol.schemas import (
    OUTCOME_ACCEPTED,
    OUTCOME_DUPLICATE,
    OUTCOME_MISSING_ATTACHMENTS,
    OUTCOME_REJECTED,
    BatchItem,
    BatchRequest,
    BatchResponse,
    BatchResult,
    ItemError,
)

log = logging.getLogger(__name__)
ATTEMPTS = 3


def content_digest(item: BatchItem) -> str:
    """SHA-256 of the item's canonical JSON: equal for a resend, different for new content."""
    canonical = json.dumps(
        item.model_dump(mode="json"), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class _SameAs:
    """A second copy of a submission accepted earlier in the same batch."""

    first: Accepted


def _as_result(decided: BatchResult | Accepted | _SameAs) -> BatchResult:
    if isinstance(decided, BatchResult):
        return decided
    accepted = decided if isinstance(decided, Accepted) else decided.first
    return BatchResult(
        submission_id=str(accepted.item.submission_id),
        outcome=OUTCOME_ACCEPTED if isinstance(decided, Accepted) else OUTCOME_DUPLICATE,
        case_id=accepted.case_id,
        status="received",
    )


def _rejected(item: BatchItem, code: str, detail: str | None = None) -> BatchResult:
    log.info("submission %s rejected: %s", item.submission_id, code)
    return BatchResult(
        submission_id=str(item.submission_id),
        outcome=OUTCOME_REJECTED,
        error=ItemError(code=code, detail=detail),
    )


class SubmissionIntake:
    """Turns a validated batch into stored submissions and cases."""

    def __init__(self, store: Store, keyring: KeyRing, catalog: CatalogStore, clock: Clock) -> None:
        self._store = store
        self._keyring = keyring
        self._catalog = catalog
        self._clock = clock

    def process(self, terminal_id: str, batch: BatchRequest) -> BatchResponse:
        """Outcomes for every submission of the batch, in order.

        The whole batch is stored in ONE transaction (each submission with its case,
        as §2 asks; intake_batch.py). Should a concurrent request commit one of the
        same ids meanwhile, the batch is redone item by item, each in its own
        transaction, where the later one sees the earlier and answers duplicate or
        conflict.
        """
        index = self._catalog.snapshot().index
        try:
            with self._store.transaction() as session:
                known = Known.fetch(session, batch.submissions)
                seen: dict[str, Accepted] = {}
                decided = [
                    self._decide(session, item, index, known, seen) for item in batch.submissions
                ]
                store_accepted(
                    session,
                    terminal_id,
                    [d for d in decided if isinstance(d, Accepted)],
                    self._clock.now(),
                )
                self._touch(session, terminal_id)
            results = [_as_result(d) for d in decided]
        except IntegrityError:
            log.info("batch from %s raced another request; storing item by item", terminal_id)
            results = [self._one(terminal_id, item, index) for item in batch.submissions]
            with self._store.transaction() as session:
                self._touch(session, terminal_id)
        for result in results:
            if result.outcome == OUTCOME_ACCEPTED:
                log.info("submission %s accepted as case %s", result.submission_id, result.case_id)
        return BatchResponse(results=results)

    def _decide(
        self,
        session: Session,
        item: BatchItem,
        index: CatalogIndex,
        known: Known,
        seen: dict[str, Accepted],
    ) -> BatchResult | Accepted | _SameAs:
        """One item's outcome from what the database and this batch already hold."""
        sid, digest = str(item.submission_id), content_digest(item)
        stored = known.by_id.get(sid)
        if stored is not None or sid in seen:
            if (stored.content_digest if stored else seen[sid].digest) != digest:
                return _rejected(item, codes.ID_CONFLICT, "submission_id holds other content")
            if stored is None:
                return _SameAs(seen[sid])
            case = known.cases.get(sid)
            return BatchResult(
                submission_id=sid,
                outcome=OUTCOME_DUPLICATE,
                case_id=case.case_id if case else None,
                status=case.status if case else None,  # type: ignore[arg-type]
            )
        in_batch = {a.item.receipt_no: a for a in seen.values()}
        if item.receipt_no in known.by_receipt or item.receipt_no in in_batch:
            return _rejected(item, codes.RECEIPT_CONFLICT, "receipt_no already used")
        missing = sorted({a.sha256 for a in item.attachments if a.sha256 not in known.sizes})
        if missing:
            return BatchResult(
                submission_id=sid,
                outcome=OUTCOME_MISSING_ATTACHMENTS,
                error=ItemError(code=codes.MISSING_ATTACHMENTS, missing=missing),
            )
        if any(known.sizes[a.sha256] != a.size for a in item.attachments):
            return _rejected(item, codes.ATTACHMENT_SIZE_MISMATCH, "size differs from upload")
        try:
            plaintext = open_envelope(item.sealed, self._keyring)
        except UnsealError as exc:
            return _rejected(item, codes.UNDECRYPTABLE, str(exc))

        def receipt_known(receipt_no: str) -> bool:  # earlier items of this batch count too
            if receipt_no in in_batch:
                return in_batch[receipt_no].item.kind != "rating"
            kind = session.scalar(
                select(Submission.kind).where(Submission.receipt_no == receipt_no)
            )
            return kind is not None and kind != "rating"

        try:
            payload = check_payload(item, plaintext, index, receipt_known)
        except PayloadRejected as exc:
            return _rejected(item, codes.INVALID_PAYLOAD, str(exc))
        subject = payload.get("category") or payload.get("item_code")
        department = index.department_for(item.kind, subject if isinstance(subject, str) else None)
        accepted = Accepted(item, digest, json.dumps(payload, ensure_ascii=False), department)
        seen[sid] = accepted
        return accepted

    def _touch(self, session: Session, terminal_id: str) -> None:
        session.execute(
            update(Terminal)
            .where(Terminal.id == terminal_id)
            .values(last_sync_at=self._clock.now())
            .execution_options(synchronize_session=False)
        )

    def _one(self, terminal_id: str, item: BatchItem, index: CatalogIndex) -> BatchResult:
        digest = content_digest(item)
        for attempt in range(ATTEMPTS):
            try:
                with self._store.transaction() as session:
                    return self._evaluate(session, terminal_id, item, index, digest)
            except IntegrityError:
                # Another request stored the same submission_id or receipt_no meanwhile;
                # the next attempt sees it and answers duplicate or conflict.
                if attempt == ATTEMPTS - 1:
                    raise
        raise AssertionError("unreachable")

    def _prior(self, session: Session, item: BatchItem, digest: str) -> BatchResult | None:
        sid = str(item.submission_id)
        # One statement, one snapshot: under READ COMMITTED two separate look-ups could
        # miss a concurrent commit in the first and see it in the second.
        rows = session.scalars(
            select(Submission).where(
                or_(Submission.submission_id == sid, Submission.receipt_no == item.receipt_no)
            )
        ).all()
        stored = next((row for row in rows if row.submission_id == sid), None)
        if stored is None:
            if rows:
                return _rejected(item, codes.RECEIPT_CONFLICT, "receipt_no already used")
            return None
        if stored.content_digest != digest:
            return _rejected(item, codes.ID_CONFLICT, "submission_id holds other content")
        case = session.scalar(select(Case).where(Case.submission_id == sid))
        return BatchResult(
            submission_id=sid,
            outcome=OUTCOME_DUPLICATE,
            case_id=case.case_id if case else None,
            status=case.status if case else None,  # type: ignore[arg-type]
        )

    def _evaluate(
        self,
        session: Session,
        terminal_id: str,
        item: BatchItem,
        index: CatalogIndex,
        digest: str,
    ) -> BatchResult:
        """One item's outcome; an accepted one is stored with its case in `session`."""
        prior = self._prior(session, item, digest)
        if prior is not None:
            return prior
        hashes = [attachment.sha256 for attachment in item.attachments]
        rows = session.execute(
            select(Attachment.sha256, Attachment.size).where(Attachment.sha256.in_(hashes))
        ).all()
        sizes = {sha: size for sha, size in rows}
        missing = sorted({sha for sha in hashes if sha not in sizes})
        if missing:
            return BatchResult(
                submission_id=str(item.submission_id),
                outcome=OUTCOME_MISSING_ATTACHMENTS,
                error=ItemError(code=codes.MISSING_ATTACHMENTS, missing=missing),
            )
        if any(sizes[a.sha256] != a.size for a in item.attachments):
            return _rejected(item, codes.ATTACHMENT_SIZE_MISMATCH, "size differs from upload")
        try:
            plaintext = open_envelope(item.sealed, self._keyring)
        except UnsealError as exc:
            return _rejected(item, codes.UNDECRYPTABLE, str(exc))

        def receipt_known(receipt_no: str) -> bool:  # earlier items of this batch count too
            kind = session.scalar(
                select(Submission.kind).where(Submission.receipt_no == receipt_no)
            )
            return kind is not None and kind != "rating"

        try:
            payload = check_payload(item, plaintext, index, receipt_known)
        except PayloadRejected as exc:
            return _rejected(item, codes.INVALID_PAYLOAD, str(exc))
        return self._store_new(session, terminal_id, item, index, digest, payload)

    def _store_new(
        self,
        session: Session,
        terminal_id: str,
        item: BatchItem,
        index: CatalogIndex,
        digest: str,
        payload: dict[str, object],
    ) -> BatchResult:
        now: datetime = self._clock.now()
        submission = Submission(
            submission_id=str(item.submission_id),
            terminal_id=terminal_id,
            receipt_no=item.receipt_no,
            kind=item.kind,
            code=item.code,
            channel=item.channel,
            staff_id=item.staff_id,
            catalog_version=item.catalog_version,
            created_at=item.created_at,
            received_at=now,
            content_digest=digest,
            kid=item.sealed.kid,
            sealed=item.sealed.model_dump_json(),
            payload=json.dumps(payload, ensure_ascii=False),
        )
        session.add(submission)
        session.flush()
        for sha in sorted({attachment.sha256 for attachment in item.attachments}):
            session.add(SubmissionAttachment(submission_id=submission.submission_id, sha256=sha))
        subject = payload.get("category") or payload.get("item_code")
        department = index.department_for(item.kind, subject if isinstance(subject, str) else None)
        case = open_case(session, submission, now, department)
        return BatchResult(
            submission_id=submission.submission_id,
            outcome=OUTCOME_ACCEPTED,
            case_id=case.case_id,
            status="received",
        )
