"""The small durable values sync keeps in the store's ``kv`` table, and their keys.

(The catalog's ETag lives with the catalog, in terminal/catalog/store.py.)

Reads go through the reader engine; writes take the writer's connection so that
a value can be stored in the same transaction as the change it describes.
"""

from __future__ import annotations

import sqlite3
from typing import Final

from sqlalchemy import select

from terminal.corrected_clock import CLOCK_OFFSET_KEY
from terminal.store.models import KeyValue
from terminal.store.startup import OpenStore

CLOCK_OFFSET: Final = CLOCK_OFFSET_KEY  # confirm reads it too (receipt dates)
CHANGES_CURSOR: Final = "sync.changes_cursor"
LAST_SYNC_AT: Final = "sync.last_sync_at"
EMBEDDED_ENROLLED: Final = "sync.embedded_enrolled_terminal_id"


def read_kv(store: OpenStore, key: str) -> str | None:
    """The stored value, or None."""
    with store.reader.connect() as conn:
        return conn.execute(select(KeyValue.value).where(KeyValue.key == key)).scalar_one_or_none()


def put_kv(conn: sqlite3.Connection, key: str, value: str) -> None:
    """Insert or replace, inside the caller's writer transaction."""
    conn.execute(
        "INSERT INTO kv(key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


def write_kv(store: OpenStore, key: str, value: str) -> None:
    """Store one value in its own writer transaction."""
    store.writer.run(lambda conn: put_kv(conn, key, value))
