"""Engines over the store file with the pragmas every connection must have.

WAL, synchronous=FULL, foreign keys, a busy timeout and secure_delete on
every connection; `assert_pragmas` checks them at start. The writer engine
opens transactions with BEGIN IMMEDIATE (it is the only writer); readers open the
file read-only (SQLite ``mode=ro``), use deferred transactions and never block it
under WAL.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

if TYPE_CHECKING:
    from sqlalchemy import Engine

BUSY_TIMEOUT_MS = 5000

REQUIRED_PRAGMAS = {
    "journal_mode": "wal",
    "synchronous": 2,  # FULL
    "foreign_keys": 1,
    "busy_timeout": BUSY_TIMEOUT_MS,
    "secure_delete": 1,
}


class StorePragmaError(RuntimeError):
    pass


def readonly_uri(path: Path) -> str:
    """The SQLite URI that opens ``path`` read-only: no write, no checkpoint, no repair."""
    return f"file:{quote(str(path))}?mode=ro"


def connect_readonly(path: Path) -> sqlite3.Connection:
    """A plain read-only connection with the store's pragmas."""
    conn = sqlite3.connect(readonly_uri(path), uri=True)
    try:
        configure_connection(conn, read_only=True)
    except BaseException:
        conn.close()
        raise
    return conn


def configure_connection(dbapi_conn: sqlite3.Connection, *, read_only: bool = False) -> None:
    """Apply the store's pragmas to a fresh DB-API connection (a read-only one cannot
    set the journal mode; it reads the writer's WAL)."""
    dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    if not read_only:
        cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA secure_delete=ON")
    cur.close()


def make_engine(path: Path, *, writer: bool) -> Engine:
    """An engine over the store file; `writer=True` begins with BEGIN IMMEDIATE, else
    the file is opened read-only."""
    from sqlalchemy import create_engine, event  # not on the path to the first paint
    from sqlalchemy.pool import NullPool

    if writer:
        engine = create_engine(f"sqlite:///{path}", poolclass=NullPool)
    else:
        # SQLAlchemy passes "file:…?mode=ro" to sqlite3 as a URI (uri=true).
        engine = create_engine(f"sqlite:///{readonly_uri(path)}&uri=true")
    begin_sql = "BEGIN IMMEDIATE" if writer else "BEGIN"

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        configure_connection(dbapi_conn, read_only=not writer)

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql(begin_sql)

    return engine


def read_pragmas(dbapi_conn: sqlite3.Connection) -> dict[str, Any]:
    cur = dbapi_conn.cursor()
    values = {name: cur.execute(f"PRAGMA {name}").fetchone()[0] for name in REQUIRED_PRAGMAS}
    cur.close()
    return values


def assert_pragmas(dbapi_conn: sqlite3.Connection) -> None:
    """Raise StorePragmaError unless every required pragma is in force."""
    actual = read_pragmas(dbapi_conn)
    wrong = {k: v for k, v in actual.items() if str(v).lower() != str(REQUIRED_PRAGMAS[k]).lower()}
    if wrong:
        raise StorePragmaError(f"store pragmas not in force: {wrong}")
