"""Opening the store at start: integrity check, move-aside, backup, migrate, writer.

A damaged file is moved aside (never overwritten or deleted), a fresh store is
created, and the event is recorded for the screen, `doctor` and the log. Only a
real integrity failure is damage (access.py): a permission, I/O, locking or
missing-file error raises StoreUnavailable and moves nothing. A pending migration
is applied only after a copy made with SQLite's backup API. Only the owner of the
data directory (owner.py) calls `open_store`; read-only commands use readonly.py.
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

from sync.protocol.times import rfc3339
from terminal.paths import DataPaths
from terminal.store import migrate
from terminal.store.access import StoreUnavailable, check_access, check_present, is_damage
from terminal.store.access import unavailable as _unavailable
from terminal.store.engine import connect_readonly
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
    read_only: bool = False  # opened by a read-only command: the writer refuses
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
        """Run ``fn`` in one read transaction on a short-lived read-only connection."""
        conn = connect_readonly(self.paths.store_file)
        try:
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


def quick_check(path: Path, *, read_only: bool = False) -> str:
    """'ok', or what SQLite says is wrong with the bytes (including 'not a database').

    An error that is not damage (permission, I/O, locked, full) raises StoreUnavailable:
    the caller must not take it for a damaged file.
    """
    try:
        if read_only:
            conn = connect_readonly(path)
        else:
            conn = sqlite3.connect(f"file:{path}?mode=rw", uri=True)
        try:
            rows = conn.execute("PRAGMA quick_check").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        if is_damage(exc):
            return str(exc)
        raise _unavailable(exc, path) from None
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
    """Check, repair by moving aside, back up, migrate and open the store.

    Raises StoreUnavailable (and changes nothing) when the store cannot be used for a
    reason that is not damage."""
    try:
        return _open_store(paths, backups_kept)
    except StoreUnavailable:
        raise
    except sqlite3.DatabaseError as exc:
        if is_damage(exc):  # damage found past quick_check (e.g. by a migration)
            raise
        raise _unavailable(exc, paths.store_file) from None
    except OSError as exc:
        raise _unavailable(exc, paths.store_file) from None


def _open_store(paths: DataPaths, backups_kept: int) -> OpenStore:
    paths.ensure()
    check_access(paths.store_file, write=True)  # first: an unreadable folder hides the rest
    check_present(paths, creating=True)
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
        stamp = rfc3339(datetime.now(UTC))
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
