"""Recording every published platform key (public half) in the database."""

from __future__ import annotations

from datetime import datetime

from central.keys import KeyRing
from central.store.engine import Store
from central.store.models import PlatformKeyRecord


def register_keys(store: Store, keyring: KeyRing, now: datetime) -> None:
    """Add a row for each key of the ring the database has not seen yet."""
    with store.transaction() as session:
        for pair in keyring.all():
            if session.get(PlatformKeyRecord, pair.kid) is None:
                session.add(
                    PlatformKeyRecord(
                        kid=pair.kid,
                        alg=pair.alg,
                        public_key=pair.public_key_b64,
                        created_at=pair.created_at,
                        registered_at=now,
                    )
                )
