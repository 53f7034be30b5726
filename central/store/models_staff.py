"""Staff accounts central provisions to terminals (docs/sync.md, Staff accounts).

Only the PIN's scrypt hash in the terminal's format is kept (never a PIN). An
account goes to every terminal (``all_terminals``) or to the terminals listed in
``staff_account_terminals``, each named by terminal id or by 4-digit terminal
code (a code also matches a kiosk enrolled later under it).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from central.store.base import Base, UTCDateTime


class StaffAccount(Base):
    """One staff account; disabled accounts stay (a disable must reach the terminals)."""

    __tablename__ = "staff_accounts"

    staff_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    display_name: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(16))
    pin_hash: Mapped[str] = mapped_column(String(256))
    enabled: Mapped[bool] = mapped_column(Boolean)
    all_terminals: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class StaffAccountTerminal(Base):
    """A terminal an account is provisioned to (when not to all of them)."""

    __tablename__ = "staff_account_terminals"
    __table_args__ = (Index("ix_staff_account_terminals_terminal", "terminal"),)

    staff_id: Mapped[str] = mapped_column(
        ForeignKey("staff_accounts.staff_id", ondelete="CASCADE"), primary_key=True
    )
    terminal: Mapped[str] = mapped_column(String(36), primary_key=True)  # id or code
