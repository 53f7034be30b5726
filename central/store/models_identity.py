"""Tables about who may talk to central: terminals, enrolment codes, nonces, keys."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, ForeignKey, Index, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from central.store.base import Base, UTCDateTime


class Terminal(Base):
    """An enrolled kiosk. Its HMAC secret is stored sealed (see central.secretbox)."""

    __tablename__ = "terminals"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    code: Mapped[str] = mapped_column(String(8), index=True)
    site_branch_code: Mapped[str] = mapped_column(String(64))
    site_name: Mapped[str] = mapped_column(String(200))
    hardware_id: Mapped[str] = mapped_column(String(200))
    secret_sealed: Mapped[bytes] = mapped_column(LargeBinary)
    app_version: Mapped[str] = mapped_column(String(64))
    enrolled_at: Mapped[datetime] = mapped_column(UTCDateTime)
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    last_heartbeat_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    last_heartbeat: Mapped[str | None] = mapped_column(Text, nullable=True)  # JSON
    last_sync_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    # The last case-change cursor issued for this terminal (gap-free, commit-ordered).
    change_seq: Mapped[int] = mapped_column(BigInteger, default=0)


class EnrollmentCode(Base):
    """A one-time enrolment code; only its SHA-256 is kept."""

    __tablename__ = "enrollment_codes"

    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    terminal_id: Mapped[str | None] = mapped_column(ForeignKey("terminals.id"), nullable=True)


class Nonce(Base):
    """A nonce seen from a terminal; pruned once older than the replay window."""

    __tablename__ = "nonces"
    __table_args__ = (Index("ix_nonces_seen_at", "seen_at"),)

    terminal_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    nonce: Mapped[str] = mapped_column(String(128), primary_key=True)
    seen_at: Mapped[datetime] = mapped_column(UTCDateTime)


class PlatformKeyRecord(Base):
    """Every platform key central has published (public half only; private keys stay
    in the key files). Tells an unknown kid from one whose file has gone missing."""

    __tablename__ = "platform_keys"

    kid: Mapped[str] = mapped_column(String(64), primary_key=True)
    alg: Mapped[str] = mapped_column(String(64))
    public_key: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    registered_at: Mapped[datetime] = mapped_column(UTCDateTime)


class TerminalAuditRecord(Base):
    """A copy of one record of a terminal's audit trail, received with a heartbeat.

    Kept exactly as the terminal chained it (time text, detail JSON, MAC), so the
    chain can be checked with the terminal's audit key if it is ever needed.
    """

    __tablename__ = "terminal_audit"

    terminal_id: Mapped[str] = mapped_column(ForeignKey("terminals.id"), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    at: Mapped[str] = mapped_column(String(64))
    actor: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(64))
    result: Mapped[str] = mapped_column(String(64))
    terminal_code: Mapped[str] = mapped_column(String(64))
    detail: Mapped[str] = mapped_column(Text)  # JSON
    mac: Mapped[str] = mapped_column(String(64))
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)


class TerminalHelpCall(Base):
    """A citizen's call for staff at a terminal, received with a heartbeat: when and on
    which screen (nothing about the person). ``seq`` is the terminal's audit record."""

    __tablename__ = "terminal_help_calls"

    terminal_id: Mapped[str] = mapped_column(ForeignKey("terminals.id"), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    screen: Mapped[str] = mapped_column(String(64))
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)


class TerminalAuditWatch(Base):
    """What central knows of a terminal's audit chain beyond the records it holds: the
    highest head the terminal reported, and the alert raised when the chain it reports
    went back (rewind), skipped records (gap) or no longer matches the records held
    (mismatch); staff lockouts in the current 24-hour window."""

    __tablename__ = "terminal_audit_watch"

    terminal_id: Mapped[str] = mapped_column(ForeignKey("terminals.id"), primary_key=True)
    head_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    head_mac: Mapped[str | None] = mapped_column(String(64), nullable=True)
    alert: Mapped[str | None] = mapped_column(String(32), nullable=True)
    alert_seq: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    alert_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    lockouts: Mapped[int] = mapped_column(BigInteger, default=0)  # in the window
    lockout_window_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    lockout_alert_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
