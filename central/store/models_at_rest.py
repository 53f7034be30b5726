"""The wrapped data keys of records encrypted at rest (central/at_rest.py)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from central.store.base import Base, UTCDateTime


class DataKey(Base):
    """One record's data key, wrapped by the key-encryption key ``kek_id``.

    ``kind`` and ``record_id`` name the record (``payload`` + submission id,
    ``attachment`` + sha256); rotation re-wraps ``wrapped_key`` under a new KEK and
    leaves the record's ciphertext alone."""

    __tablename__ = "data_keys"
    __table_args__ = (Index("ix_data_keys_kek_id", "kek_id"),)

    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    record_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    alg: Mapped[str] = mapped_column(String(32))
    kek_id: Mapped[str] = mapped_column(String(64))
    wrapped_key: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
