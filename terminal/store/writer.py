"""The one writer: a single connection on a single thread does every write.

Callers hand it a function that receives the writer's DB-API connection; the
function runs inside BEGIN IMMEDIATE … COMMIT (ROLLBACK on any exception) and
its result or exception comes back to the caller. ``after_commit`` lets such a
function leave work for after its COMMIT (a file that must never run ahead of the
database, such as the audit head anchor). One writer keeps SQLite's
locking simple and keeps clear of the WAL bug in SQLite before 3.51.3.
"""

from __future__ import annotations

import logging
import queue
import sqlite3
import threading
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import Any, TypeVar

from terminal.store.engine import assert_pragmas, configure_connection

T = TypeVar("T")
_STOP = object()
_pending = threading.local()  # the after-commit callbacks of the writer thread's transaction
log = logging.getLogger(__name__)


def after_commit(fn: Callable[[], None]) -> None:
    """Run ``fn`` after the current writer transaction commits (never after a rollback).

    Outside a writer transaction (a tool holding its own connection) ``fn`` runs now.
    A callback's failure is logged, not raised: the transaction has committed."""
    callbacks: list[Callable[[], None]] | None = getattr(_pending, "callbacks", None)
    if callbacks is None:
        fn()
    else:
        callbacks.append(fn)


def _run_callbacks(callbacks: list[Callable[[], None]]) -> None:
    for fn in callbacks:
        try:
            fn()
        except Exception:
            log.exception("an after-commit step failed")


class WriterClosed(RuntimeError):
    pass


class StoreWriter:
    """Owns the write connection and the thread it lives on."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._queue: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._ready: Future[None] = Future()
        self._closed = False
        self._thread = threading.Thread(target=self._run, name="store-writer", daemon=True)
        self._thread.start()
        self._ready.result()

    def _run(self) -> None:
        try:
            conn = sqlite3.connect(self._path, check_same_thread=True)
            configure_connection(conn)
            assert_pragmas(conn)
        except BaseException as exc:  # report start-up failure to the constructor
            self._ready.set_exception(exc)
            return
        self._ready.set_result(None)
        try:
            while True:
                item = self._queue.get()
                if item is _STOP:
                    break
                future, fn = item
                if not future.set_running_or_notify_cancel():
                    continue
                _pending.callbacks = []
                try:
                    conn.execute("BEGIN IMMEDIATE")
                    result = fn(conn)
                    conn.execute("COMMIT")
                except BaseException as exc:
                    _pending.callbacks = None
                    # SQLite may already have rolled back (e.g. SQLITE_FULL); a second
                    # ROLLBACK would fail and hide the real error.
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
                    future.set_exception(exc)
                else:
                    callbacks, _pending.callbacks = _pending.callbacks, None
                    _run_callbacks(callbacks)
                    future.set_result(result)
        finally:
            conn.close()

    def submit(self, fn: Callable[[sqlite3.Connection], T]) -> Future[T]:
        """Queue a transaction; the future resolves after COMMIT."""
        if self._closed:
            raise WriterClosed("the store writer is closed")
        future: Future[T] = Future()
        self._queue.put((future, fn))
        return future

    def run(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        """Run a transaction on the writer thread and wait for it."""
        return self.submit(fn).result()

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self._queue.put(_STOP)
            self._thread.join(timeout=10)
