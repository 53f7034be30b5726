"""Opening the store at start: integrity check, move-aside, backup, migrate, writer.

A damaged file is moved aside (never overwritten or deleted), a fresh store is
created, and the event is recorded for the screen, `doctor` and the log. A
pending migration is applied only after a copy made with SQLite's backup API.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from terminal.paths import DataPaths
from terminal.store import migrate
from terminal.store.engine import configure_connection
from terminal.store.writer import StoreWriter

if TYPE_CHECKING:
    from sqlalchemy import Engine

T = TypeVar("T")

log = logging.getLogger(__name__)

_SIDE_FILES = ("", "-wal", "-shm")


@dataclass(frozen=True)
class StoreEventRecord:
    kind: str  # "damaged_moved_aside" | "migrated" | "created"
    detail: str


@dataclass
class OpenStore:
    """The open store: its writer, a reader engine, and what happened at start.

    The reader (SQLAlchemy, ~0.2 s to import) is made on first use, so the kiosk's
    Home screen appears without it; `read` is a plain sqlite3 read for start-up.
    """

    paths: DataPaths
    writer: StoreWriter
    events: list[StoreEventRecord] = field(default_factory=list)
    _reader: Engine | None = field(default=None, init=False, repr=False)
    _reader_lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)

    @property
    def reader(self) -> Engine:
        """The SQLAlchemy engine for reads (deferred transactions; never blocks the writer)."""
        with self._reader_lock:
            if self._reader is None:
                from terminal.store.engine import make_engine

                self._reader = make_engine(self.paths.store_file, writer=False)
            return self._reader

    def read(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``fn`` in one read transaction on a short-lived plain sqlite3 connection."""
        conn = sqlite3.connect(self.paths.store_file)
        try:
            configure_connection(conn)
            conn.execute("BEGIN")
            try:
                return fn(conn)
            finally:  # a read commits nothing; never hide fn's own error
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
        finally:
            conn.close()

    def close(self) -> None:
        self.writer.close()
        with self._reader_lock:
            if self._reader is not None:
                self._reader.dispose()


def utc_stamp(now: datetime | None = None) -> str:
    return (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%S%fZ")


def quick_check(path: Path) -> str:
    """'ok', or what SQLite says is wrong (including 'not a database')."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=rw", uri=True)
        try:
            rows = conn.execute("PRAGMA quick_check").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return str(exc)
    result = "; ".join(str(r[0]) for r in rows)
    return result or "no result"


def move_aside(paths: DataPaths, reason: str) -> Path:
    """Move the store file and its WAL/SHM into damaged/, keeping every byte."""
    paths.damaged_dir.mkdir(parents=True, exist_ok=True)
    target = paths.damaged_dir / f"store-{utc_stamp()}.sqlite3"
    for suffix in _SIDE_FILES:
        src = Path(str(paths.store_file) + suffix)
        if src.exists():
            src.rename(Path(str(target) + suffix))
    log.error("store was damaged (%s); moved aside to %s", reason, target)
    return target


def backup(paths: DataPaths, label: str, keep: int) -> Path:
    """Copy the store with SQLite's online backup API; keep the newest `keep`."""
    paths.backups_dir.mkdir(parents=True, exist_ok=True)
    target = paths.backups_dir / f"store-{label}-{utc_stamp()}.sqlite3"
    src = sqlite3.connect(paths.store_file)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    old = sorted(paths.backups_dir.glob("store-*.sqlite3"))
    for stale in old[: max(0, len(old) - keep)]:
        stale.unlink()
    return target


def open_store(paths: DataPaths, *, backups_kept: int = 5) -> OpenStore:
    """Check, repair by moving aside, back up, migrate and open the store."""
    paths.ensure()
    events: list[StoreEventRecord] = []
    if paths.store_file.exists():
        verdict = quick_check(paths.store_file)
        if verdict != "ok":
            moved = move_aside(paths, verdict)
            events.append(
                StoreEventRecord(
                    "damaged_moved_aside",
                    f"quick_check said {verdict!r}; the damaged file was moved to {moved}",
                )
            )
            from terminal.store.salvage import salvage_into  # only on this rare path

            events.extend(salvage_into(paths, moved))
    fresh = not paths.store_file.exists()
    current = None if fresh else migrate.stored_revision(paths.store_file)
    head = migrate.script_head()
    if current != head:  # Alembic is imported only now (it is slow to import)
        from terminal.store.engine import make_engine

        engine = make_engine(paths.store_file, writer=True)
        try:
            if not fresh and current is not None:
                copy = backup(paths, f"rev{current}", backups_kept)
                events.append(
                    StoreEventRecord("migrated", f"from {current} to {head}; backup at {copy}")
                )
            migrate.upgrade(engine)
            if fresh:
                events.append(StoreEventRecord("created", f"new store at revision {head}"))
        finally:
            engine.dispose()
    writer = StoreWriter(paths.store_file)
    store = OpenStore(paths=paths, writer=writer, events=events)
    if events:
        stamp = datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
        rows = [(stamp, e.kind, e.detail) for e in events]
        writer.run(
            lambda c: c.executemany(
                "INSERT INTO store_events(at, kind, detail) VALUES (?, ?, ?)", rows
            )
        )
        for e in events:
            level = logging.INFO if e.kind == "created" else logging.WARNING
            log.log(level, "store event %s: %s", e.kind, e.detail)
    return store
