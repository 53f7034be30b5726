"""SQLAlchemy 2.0 models of the local store.

Nothing the citizen typed is stored in clear: payloads and attachments are
sealed to the platform key. In clear the terminal keeps only receipt number,
kind, code, times, states and masked display values. Every schema change is an
Alembic migration in terminal/store/migrations.
"""

from __future__ import annotations

from sqlalchemy import ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Submission(Base):
    __tablename__ = "submissions"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)  # submission_id (uuid)
    receipt_no: Mapped[str] = mapped_column(String(32), unique=True)
    local_day: Mapped[str] = mapped_column(String(6))  # YYMMDD of the receipt
    sequence: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))  # appeal | application | rating
    code: Mapped[str] = mapped_column(String(64))  # category or item code
    channel: Mapped[str] = mapped_column(String(16), default="kiosk")
    staff_id: Mapped[str | None] = mapped_column(String(64))
    catalog_version: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[str] = mapped_column(String(32))  # RFC 3339 UTC
    # The sealed payload; NULL once retention has erased it.
    sealed_alg: Mapped[str] = mapped_column(String(64))
    sealed_kid: Mapped[str] = mapped_column(String(64))
    sealed_enc: Mapped[bytes | None] = mapped_column(LargeBinary)
    sealed_ct: Mapped[bytes | None] = mapped_column(LargeBinary)
    display_json: Mapped[str] = mapped_column(Text)  # masked values for the receipt only
    outbox_state: Mapped[str] = mapped_column(String(16), default="pending")
    outbox_attempts: Mapped[int] = mapped_column(Integer, default=0)
    outbox_error_code: Mapped[str | None] = mapped_column(String(64))
    outbox_error_detail: Mapped[str | None] = mapped_column(Text)
    case_id: Mapped[str | None] = mapped_column(String(64))
    synced_at: Mapped[str | None] = mapped_column(String(32))
    print_state: Mapped[str] = mapped_column(String(16), default="unprinted")
    printed_at: Mapped[str | None] = mapped_column(String(32))
    purged_at: Mapped[str | None] = mapped_column(String(32))
    # Added in revision 0002: the case status as central last reported it.
    central_status: Mapped[str | None] = mapped_column(String(32))
    central_status_text: Mapped[str | None] = mapped_column(Text)  # JSON {zh_CN, en}
    central_updated_at: Mapped[str | None] = mapped_column(String(32))
    # Added in revision 0004 (terminal/store/integrity.py): the sealed payload's digest
    # (NULL for older rows) and why the submission is held back (NULL: it is not).
    sealed_sha256: Mapped[str | None] = mapped_column(String(64))
    integrity_error: Mapped[str | None] = mapped_column(String(32))

    __table_args__ = (
        Index("ix_submissions_outbox", "outbox_state", "created_at"),
        Index("ix_submissions_day_seq", "local_day", "sequence", unique=True),
    )


class Attachment(Base):
    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    submission_id: Mapped[str] = mapped_column(ForeignKey("submissions.id", ondelete="CASCADE"))
    sha256: Mapped[str] = mapped_column(String(64))  # of the sealed bytes
    size: Mapped[int] = mapped_column(Integer)  # sealed size
    uploaded: Mapped[int] = mapped_column(Integer, default=0)
    purged_at: Mapped[str | None] = mapped_column(String(32))

    __table_args__ = (Index("ix_attachments_submission", "submission_id"),)


class ReceiptSequence(Base):
    """The per-terminal, per-day receipt sequence (sync-protocol.md §7)."""

    __tablename__ = "receipt_sequences"

    day: Mapped[str] = mapped_column(String(6), primary_key=True)
    last: Mapped[int] = mapped_column(Integer)


class StoreEvent(Base):
    """Things a technician must hear about: a damaged store moved aside, a backup."""

    __tablename__ = "store_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(32))
    detail: Mapped[str] = mapped_column(Text)


class TerminalIdentity(Base):
    """The one row saying who this terminal is (revision 0002)."""

    __tablename__ = "terminal_identity"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)  # always 1
    terminal_id: Mapped[str] = mapped_column(String(64))
    terminal_code: Mapped[str] = mapped_column(String(8))
    secret_wrapped: Mapped[bytes] = mapped_column(LargeBinary)
    server_url: Mapped[str] = mapped_column(Text, default="")
    enrolled_at: Mapped[str] = mapped_column(String(32))
    demo: Mapped[int] = mapped_column(Integer, default=0)


class PlatformKeyRow(Base):
    __tablename__ = "platform_keys"

    kid: Mapped[str] = mapped_column(String(64), primary_key=True)
    alg: Mapped[str] = mapped_column(String(64))
    public_key: Mapped[bytes] = mapped_column(LargeBinary)
    added_at: Mapped[str] = mapped_column(String(32))


class KeyValue(Base):
    """Small durable values: sync cursor, catalog ETag, last sync, clock offset."""

    __tablename__ = "kv"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class StaffAccount(Base):
    """A clerk or technician who may sign in here (revision 0003). There are no
    default accounts: each is added by a technician or provisioned by central."""

    __tablename__ = "staff_accounts"

    staff_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    display_name: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(16))  # clerk | technician
    pin_hash: Mapped[str] = mapped_column(String(200))  # scrypt$n$r$p$salt$dk
    enabled: Mapped[int] = mapped_column(Integer, default=1)
    source: Mapped[str] = mapped_column(String(16))  # local | central
    failed_count: Mapped[int] = mapped_column(Integer, default=0)  # failures in a row
    locked_until: Mapped[str | None] = mapped_column(String(32))  # RFC 3339 UTC
    last_login_at: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[str] = mapped_column(String(32))
    updated_at: Mapped[str] = mapped_column(String(32))


class AuditRecord(Base):
    """One chained, append-only audit record (revision 0003; see terminal/audit/).

    Triggers refuse UPDATE, and DELETE of any record younger than 183 days.
    """

    __tablename__ = "audit_log"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[str] = mapped_column(String(32))  # RFC 3339 UTC
    actor: Mapped[str] = mapped_column(String(64))  # staff id | technician:cli | system
    action: Mapped[str] = mapped_column(String(32))
    result: Mapped[str] = mapped_column(String(16))  # ok | refused | failed
    terminal_code: Mapped[str] = mapped_column(String(8))
    detail: Mapped[str] = mapped_column(Text)  # small canonical JSON, nothing personal
    mac: Mapped[str] = mapped_column(String(64))  # HMAC-SHA256 hex, chained

    __table_args__ = (Index("ix_audit_log_at", "at"),)
