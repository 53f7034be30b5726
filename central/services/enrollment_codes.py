"""Enrolment codes at rest: keyed with HMAC-SHA256, never a plain hash.

A code has about 40 bits (8 characters of 31), so an unsalted SHA-256 of it, as
stored before, falls to a brute force in hours by anyone holding a database dump.
Keyed with a server key that lives in ``<data dir>/keys/enrollment-codes.key``
(0600, beside the platform keys, not in the database), a dump alone is useless.

What is stored is ``h1:`` and the first 61 hex digits of the HMAC (244 bits, fits
the column's 64 characters), so an old plain SHA-256 row (64 hex digits) can never
match a keyed lookup. Old rows cannot be re-keyed (the codes themselves are not
kept); at start-up the unused ones are withdrawn (expired) with a log line, and
the admin issues new codes (``withdraw_unkeyed_codes``).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from datetime import datetime
from pathlib import Path

from sqlalchemy import update

from central.local_keys import load_or_create_key
from central.store.engine import Store
from central.store.models import EnrollmentCode

log = logging.getLogger(__name__)
CODE_KEY_FILENAME = "enrollment-codes.key"
KEYED_PREFIX = "h1:"
_KEY_LEN = 32
_DIGITS = 64 - len(KEYED_PREFIX)


def normalize_code(text: str) -> str:
    """Upper-case, without separators or blanks."""
    return "".join(ch for ch in text.upper() if ch not in "- \t")


class CodeHasher:
    """Turns a code into what is stored of it, with the server's code key."""

    def __init__(self, key_path: Path) -> None:
        self._key = load_or_create_key(key_path, _KEY_LEN)

    def digest(self, code: str) -> str:
        """``h1:`` + HMAC-SHA256(key, normalised code), hex, cut to the column width."""
        mac = hmac.new(self._key, normalize_code(code).encode(), hashlib.sha256).hexdigest()
        return KEYED_PREFIX + mac[:_DIGITS]


def withdraw_unkeyed_codes(store: Store, now: datetime) -> int:
    """Expire the unused codes stored as plain SHA-256 before keyed hashing; how many."""
    with store.transaction() as session:
        result = session.execute(
            update(EnrollmentCode)
            .where(
                EnrollmentCode.code_hash.not_like(f"{KEYED_PREFIX}%"),
                EnrollmentCode.used_at.is_(None),
                EnrollmentCode.expires_at > now,
            )
            .values(expires_at=now)
            .execution_options(synchronize_session=False)
        )
        withdrawn = int(result.rowcount or 0)  # type: ignore[attr-defined]
    if withdrawn:
        log.warning(
            "%d unused enrolment code(s) issued before codes were keyed were withdrawn; "
            "issue new ones with `mashangban-central enroll-code`",
            withdrawn,
        )
    return withdrawn
