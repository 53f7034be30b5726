"""Per-record data keys: made, wrapped, stored in ``data_keys``, unwrapped, re-wrapped.

Every decryption of a record at rest goes through ``DataKeys.open``; a failure there
is an ``AtRestError`` with a plain message and a ``at-rest-decrypt-failed`` line in
the security log (kind and record id only, never content).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from central import security_log as events
from central.at_rest import DEFAULT_ALG, AtRestError, RecordKey, associated_data, new_data_key
from central.kek import KekProvider
from central.security_log import SecurityLog
from central.store.engine import Store
from central.store.models_at_rest import DataKey

log = logging.getLogger(__name__)
KIND_PAYLOAD = "payload"
KIND_ATTACHMENT = "attachment"
REWRAP_BATCH = 200


class DataKeys:
    """The data keys of records at rest, wrapped by ``provider``'s KEKs."""

    def __init__(
        self, provider: KekProvider, security: SecurityLog | None = None, alg: str = DEFAULT_ALG
    ) -> None:
        self.provider = provider
        self._security = security
        self._alg = alg

    def make(self, kind: str, record_id: str, now: datetime) -> tuple[DataKey, RecordKey]:
        """A fresh data key for a record, and its ``data_keys`` row (not yet stored)."""
        key = RecordKey(kind, record_id, self._alg, new_data_key(self._alg))
        kek_id, wrapped = self.provider.wrap(key.key, associated_data(kind, record_id, self._alg))
        row = DataKey(
            kind=kind, record_id=record_id, alg=self._alg, kek_id=kek_id,
            wrapped_key=wrapped, created_at=now,
        )  # fmt: skip
        return row, key

    def create(self, session: Session, kind: str, record_id: str, now: datetime) -> RecordKey:
        """A fresh data key for a new record, added to ``session`` (stored with it)."""
        row, key = self.make(kind, record_id, now)
        session.add(row)
        return key

    def ensure(self, store: Store, kind: str, record_id: str, now: datetime) -> RecordKey:
        """The record's data key, made and committed first if there is none; concurrent
        callers all get the one that was stored (content-addressed attachments)."""
        row, _ = self.make(kind, record_id, now)
        values = {c.name: getattr(row, c.name) for c in DataKey.__table__.columns}
        with store.transaction() as session:
            insert = (
                postgresql.insert if session.get_bind().dialect.name == "postgresql"
                else sqlite.insert
            )  # fmt: skip
            session.execute(insert(DataKey).values(**values).on_conflict_do_nothing())
        with store.transaction() as session:
            return self.get(session, kind, record_id)

    def get(self, session: Session, kind: str, record_id: str) -> RecordKey:
        """The record's unwrapped data key; AtRestError (logged) when it cannot be had."""
        with self._failures(kind, record_id):
            row = session.get(DataKey, (kind, record_id))
            if row is None:
                raise AtRestError(f"{kind} {record_id} has no data key")
            context = associated_data(kind, record_id, row.alg)
            clear = self.provider.unwrap(row.kek_id, row.wrapped_key, context)
            return RecordKey(kind, record_id, row.alg, clear)

    def open(self, session: Session, kind: str, record_id: str, blob: bytes) -> bytes:
        """The clear text of a record: the one way to decrypt anything at rest."""
        key = self.get(session, kind, record_id)
        with self._failures(kind, record_id):
            return key.decrypt(blob)

    @contextmanager
    def _failures(self, kind: str, record_id: str) -> Iterator[None]:
        try:
            yield
        except AtRestError as exc:
            log.error("at-rest decryption failed: %s", exc)
            if self._security is not None:
                self._security.record(
                    events.AT_REST_DECRYPT_FAILED, "refused", source="local",
                    kind=kind, record=record_id,
                )  # fmt: skip
            raise

    def references(self, store: Store) -> dict[str, int]:
        """How many data keys each KEK wraps."""
        with store.transaction() as session:
            rows = session.execute(
                select(DataKey.kek_id, func.count()).group_by(DataKey.kek_id)
            ).all()
        return {kek_id: int(count) for kek_id, count in rows}

    def rewrap_all(self, store: Store) -> int:
        """Re-wrap every data key not under the current KEK (the records stay as they
        are); how many were re-wrapped."""
        current, done = self.provider.current_id(), 0
        while True:
            with store.transaction() as session:
                rows = session.scalars(
                    select(DataKey).where(DataKey.kek_id != current).limit(REWRAP_BATCH)
                ).all()
                for row in rows:
                    context = associated_data(row.kind, row.record_id, row.alg)
                    with self._failures(row.kind, row.record_id):
                        clear = self.provider.unwrap(row.kek_id, row.wrapped_key, context)
                    kek_id, wrapped = self.provider.wrap(clear, context)
                    session.execute(
                        update(DataKey)
                        .where(DataKey.kind == row.kind, DataKey.record_id == row.record_id)
                        .values(kek_id=kek_id, wrapped_key=wrapped)
                        .execution_options(synchronize_session=False)
                    )
                done += len(rows)
            if not rows:
                return done
