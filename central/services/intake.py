"""Batch upload (§2): one outcome per submission, in order, each stored with its case
in the batch's one transaction; permanent de-duplication by submission_id.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from central.catalog import CatalogIndex, CatalogStore
from central.clock import Clock
from central.data_keys import DataKeys
from central.keys import KeyRing
from central.sealing import UnsealError, open_envelope
from central.services.intake_batch import Accepted, Known, store_accepted
from central.services.payload_rules import PayloadRejected, check_payload
from central.services.receipt_binding import ReceiptIssuer, issuer_of, receipt_binding_problem
from central.services.receipt_dates import date_problem
from central.store.engine import Store
from central.store.models import Submission, Terminal
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

    def __init__(
        self,
        store: Store,
        keyring: KeyRing,
        catalog: CatalogStore,
        clock: Clock,
        data_keys: DataKeys,
    ) -> None:
        self._store = store
        self._data_keys = data_keys
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
                issuer = issuer_of(session, terminal_id)
                seen: dict[str, Accepted] = {}
                decided = [
                    self._decide(session, item, index, known, seen, issuer)
                    for item in batch.submissions
                ]
                store_accepted(
                    session,
                    terminal_id,
                    [d for d in decided if isinstance(d, Accepted)],
                    self._clock.now(),
                    self._data_keys,
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
        issuer: ReceiptIssuer | None,
    ) -> BatchResult | Accepted | _SameAs:
        """One item's outcome from what the database and this batch already hold: the
        one validator of intake (a batch, or a single item with `seen` empty)."""
        # First: a receipt the signer could not have issued is refused before it can
        # learn anything (not even "duplicate" with another terminal's case).
        refusal = receipt_binding_problem(item.receipt_no, issuer, self._clock.now())
        if refusal is not None:
            return _rejected(item, refusal.code, refusal.detail)
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
        implausible = date_problem(item.receipt_no, item.created_at, self._clock.now())
        if implausible:
            return _rejected(item, codes.IMPLAUSIBLE_DATE, implausible)
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
        """One item in its own transaction, decided and stored as in a batch of one."""
        for attempt in range(ATTEMPTS):
            try:
                with self._store.transaction() as session:
                    known = Known.fetch(session, [item])
                    issuer = issuer_of(session, terminal_id)
                    decided = self._decide(session, item, index, known, {}, issuer)
                    if isinstance(decided, Accepted):
                        store_accepted(
                            session, terminal_id, [decided], self._clock.now(), self._data_keys
                        )
                    return _as_result(decided)
            except IntegrityError:
                # Another request stored the same submission_id or receipt_no meanwhile;
                # the next attempt sees it and answers duplicate or conflict.
                if attempt == ATTEMPTS - 1:
                    raise
        raise AssertionError("unreachable")
