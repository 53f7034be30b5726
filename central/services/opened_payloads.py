"""The one way to an opened payload: sealed at rest when stored, decrypted for an
authorised reader (``mashangban-central case show``) and for nothing else.

``Submission.payload_sealed`` holds ``nonce || AES-GCM`` under the submission's own
data key (central/data_keys.py, kind ``payload``, bound to the submission id); a
project test (tests/project/test_at_rest_readers.py) keeps every other module from
reading that column or decrypting anything at rest.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from central import security_log as events
from central.attachment_files import AttachmentFiles
from central.data_keys import KIND_PAYLOAD, DataKeys
from central.keys import KeyRing
from central.problems import ProblemError
from central.sealing import open_attachment
from central.security_log import SecurityLog
from central.store.engine import Store
from central.store.models import Case, Submission, SubmissionAttachment, Terminal
from sync.protocol import problem_codes as codes


def seal_payload(
    keys: DataKeys, session: Session, submission_id: str, payload_json: str, now: datetime
) -> bytes:
    """The ciphertext to store as ``payload_sealed``; its data key joins ``session``."""
    key = keys.create(session, KIND_PAYLOAD, submission_id, now)
    return key.encrypt(payload_json.encode("utf-8"))


@dataclass(frozen=True)
class OpenedCase:
    """A case with its citizen's payload in clear, for an authorised reader."""

    case_id: str
    receipt_no: str
    kind: str
    status: str
    department: str | None
    terminal_code: str
    created_at: datetime
    payload: dict[str, Any]
    attachments: list[str]


def open_case(
    store: Store, keys: DataKeys, receipt_no: str, security: SecurityLog | None = None
) -> OpenedCase:
    """The case of ``receipt_no`` with its opened payload; a 404 problem when unknown,
    AtRestError (logged) when its ciphertext or key was tampered with."""
    with store.transaction() as session:
        row = session.execute(
            select(Case, Submission.payload_sealed, Terminal.code)
            .join(Submission, Submission.submission_id == Case.submission_id)
            .join(Terminal, Terminal.id == Case.terminal_id)
            .where(Case.receipt_no == receipt_no)
        ).one_or_none()
        if row is None:
            raise ProblemError(404, codes.CASE_NOT_FOUND, "No case for this receipt")
        case, sealed, terminal_code = row
        clear = keys.open(session, KIND_PAYLOAD, case.submission_id, sealed)
        attachments = session.scalars(
            select(SubmissionAttachment.sha256)
            .where(SubmissionAttachment.submission_id == case.submission_id)
            .order_by(SubmissionAttachment.sha256)
        ).all()
    if security is not None:
        security.record(events.PAYLOAD_OPENED, "ok", source="local", case=case.case_id)
    return OpenedCase(
        case_id=case.case_id,
        receipt_no=case.receipt_no,
        kind=case.kind,
        status=case.status,
        department=case.department,
        terminal_code=terminal_code,
        created_at=case.created_at,
        payload=json.loads(clear),
        attachments=list(attachments),
    )


def open_case_attachment(
    store: Store,
    files: AttachmentFiles,
    keyring: KeyRing,
    receipt_no: str,
    sha256: str,
    security: SecurityLog | None = None,
) -> bytes:
    """The clear bytes of an attachment the case of ``receipt_no`` names: decrypted at
    rest, then opened with the platform key; a 404 problem when the case names none."""
    with store.transaction() as session:
        row = session.execute(
            select(Case.case_id, Submission.kid)
            .join(Submission, Submission.submission_id == Case.submission_id)
            .join(
                SubmissionAttachment,
                SubmissionAttachment.submission_id == Case.submission_id,
            )
            .where(Case.receipt_no == receipt_no, SubmissionAttachment.sha256 == sha256)
        ).one_or_none()
    if row is None:
        raise ProblemError(404, codes.ATTACHMENT_NOT_FOUND, "The case names no such attachment")
    case_id, kid = row
    clear = open_attachment(files.read(sha256), keyring, kid_hint=kid)
    if security is not None:
        security.record(
            events.PAYLOAD_OPENED, "ok", source="local", case=case_id, part="attachment"
        )
    return clear
