"""Opening the store for reading only: `doctor`, `queue`, `audit verify|list`.

No lock, no migration, no integrity repair, no writer thread, no sweep: the file is
opened with SQLite's ``mode=ro``, so even a bug cannot change it, and a damaged or
unreadable store is reported, never moved. These commands run safely beside the
kiosk that owns the data directory.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from concurrent.futures import Future
from typing import TypeVar

from terminal.paths import DataPaths
from terminal.store.access import StoreUnavailable, check_access, check_present, is_damage
from terminal.store.access import unavailable as _unavailable
from terminal.store.startup import OpenStore, quick_check
from terminal.store.writer import StoreWriter

T = TypeVar("T")


class StoreReadOnly(RuntimeError):
    """A write was attempted through a store opened read-only."""


class ReadOnlyWriter(StoreWriter):
    """Stands where the writer would be, and refuses every transaction."""

    def __init__(self) -> None:  # no connection, no thread
        self._closed = True

    def submit(self, fn: Callable[[sqlite3.Connection], T]) -> Future[T]:
        raise StoreReadOnly("this command opened the store read-only; it writes nothing")

    def close(self) -> None:
        pass


def open_store_readonly(paths: DataPaths) -> OpenStore:
    """The store opened for reads only; StoreUnavailable when it cannot be read.

    A damaged file is opened all the same (what can be read is shown, and the damage
    is reported by doctor's integrity check); only the owner moves it aside.
    """
    try:
        check_access(paths.store_file, write=False)  # an unreadable folder hides the rest
        check_present(paths, creating=False)
    except OSError as exc:
        raise _unavailable(exc, paths.store_file) from None
    quick_check(paths.store_file, read_only=True)  # raises on what is not damage
    store = OpenStore(paths=paths, writer=ReadOnlyWriter(), read_only=True)
    try:
        store.read(lambda c: c.execute("SELECT count(*) FROM sqlite_master").fetchone())
    except sqlite3.DatabaseError as exc:
        if not is_damage(exc):
            raise _unavailable(exc, paths.store_file) from None
    return store


__all__ = ["ReadOnlyWriter", "StoreReadOnly", "StoreUnavailable", "open_store_readonly"]
