"""Tables about what citizens handed in: attachments, submissions, cases, changes."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from central.store.base import Base, UTCDateTime


class Attachment(Base):
    """A sealed attachment, content-addressed; the bytes live under the data dir,
    encrypted at rest under the data key (``attachment``, sha256)."""

    __tablename__ = "attachments"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(BigInteger)
    stored_at: Mapped[datetime] = mapped_column(UTCDateTime)
    terminal_id: Mapped[str] = mapped_column(ForeignKey("terminals.id"))


class Submission(Base):
    """One submission, stored once per submission_id (the idempotency key)."""

    __tablename__ = "submissions"

    submission_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    terminal_id: Mapped[str] = mapped_column(ForeignKey("terminals.id"), index=True)
    receipt_no: Mapped[str] = mapped_column(String(32), unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    code: Mapped[str | None] = mapped_column(String(64), nullable=True)
    channel: Mapped[str] = mapped_column(String(64))
    staff_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    catalog_version: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)
    content_digest: Mapped[str] = mapped_column(String(64))
    kid: Mapped[str] = mapped_column(String(64))
    sealed: Mapped[str] = mapped_column(Text)  # the wire envelope, JSON
    # The opened payload (JSON, personal data) encrypted at rest: nonce || AES-GCM under
    # the data key ("payload", submission_id). Read it only through
    # central.services.opened_payloads.
    payload_sealed: Mapped[bytes] = mapped_column(LargeBinary)


class SubmissionAttachment(Base):
    """Which attachments a submission names."""

    __tablename__ = "submission_attachments"

    submission_id: Mapped[str] = mapped_column(
        ForeignKey("submissions.submission_id"), primary_key=True
    )
    sha256: Mapped[str] = mapped_column(ForeignKey("attachments.sha256"), primary_key=True)


class Case(Base):
    """The case opened for a submission, in the same transaction."""

    __tablename__ = "cases"

    case_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    submission_id: Mapped[str] = mapped_column(ForeignKey("submissions.submission_id"), unique=True)
    terminal_id: Mapped[str] = mapped_column(ForeignKey("terminals.id"), index=True)
    receipt_no: Mapped[str] = mapped_column(String(32), unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16), index=True)
    department: Mapped[str | None] = mapped_column(String(200), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


class CaseChange(Base):
    """A case's history and the terminal's feed: one row per status it took."""

    __tablename__ = "case_changes"
    __table_args__ = (
        UniqueConstraint("terminal_id", "cursor", name="uq_case_changes_terminal_cursor"),
        Index("ix_case_changes_case_id", "case_id"),
    )

    # SQLite autoincrements only an INTEGER primary key.
    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    terminal_id: Mapped[str] = mapped_column(ForeignKey("terminals.id"))
    cursor: Mapped[int] = mapped_column(BigInteger)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.case_id"))
    status: Mapped[str] = mapped_column(String(16))
    department: Mapped[str | None] = mapped_column(String(200), nullable=True)
    note: Mapped[str | None] = mapped_column(Text, nullable=True)  # staff only, never sent
    source: Mapped[str] = mapped_column(String(16))  # intake | admin | demo
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Counter(Base):
    """Named counters (case numbers per day), bumped with an upsert under a row lock."""

    __tablename__ = "counters"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger)
