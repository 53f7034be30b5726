"""Telling a failure of the machine under the store from a bug in our code.

A locked or busy database, a full disk, a read-only file or an I/O error is the
environment's doing: the screen that asked stays where it is and says so calmly,
and the citizen (or staff) can try again. Anything else is a bug and goes to the
crash path. Qt-free and without SQLAlchemy, so the kiosk can ask before either
matters; an SQLAlchemy error is recognised by the DB-API error it wraps.
"""

from __future__ import annotations

import errno
import sqlite3
from collections.abc import Iterator
from enum import StrEnum


class Trouble(StrEnum):
    """What kind of environment failure; the kiosk has plain words for each."""

    BUSY = "busy"  # the database is locked or busy: wait and try again
    FULL = "full"  # the disk (or the database's size limit) is full: staff must act
    UNAVAILABLE = "unavailable"  # read-only, I/O error, no permission: staff must act


# SQLite's primary result codes (the low byte of an extended code).
_SQLITE_CODES = {
    3: Trouble.UNAVAILABLE,  # SQLITE_PERM
    5: Trouble.BUSY,  # SQLITE_BUSY
    6: Trouble.BUSY,  # SQLITE_LOCKED
    8: Trouble.UNAVAILABLE,  # SQLITE_READONLY
    10: Trouble.UNAVAILABLE,  # SQLITE_IOERR
    13: Trouble.FULL,  # SQLITE_FULL
    14: Trouble.UNAVAILABLE,  # SQLITE_CANTOPEN
}

# When an error carries no code (raised by hand, or an old driver): SQLite's words.
_SQLITE_WORDS = (
    ("database is locked", Trouble.BUSY),
    ("database table is locked", Trouble.BUSY),
    ("database is busy", Trouble.BUSY),
    ("database or disk is full", Trouble.FULL),
    ("readonly database", Trouble.UNAVAILABLE),
    ("read-only database", Trouble.UNAVAILABLE),
    ("disk i/o error", Trouble.UNAVAILABLE),
    ("unable to open database file", Trouble.UNAVAILABLE),
)

_OS_ERRNOS = {
    errno.ENOSPC: Trouble.FULL,
    errno.EDQUOT: Trouble.FULL,
    errno.EIO: Trouble.UNAVAILABLE,
    errno.EACCES: Trouble.UNAVAILABLE,
    errno.EPERM: Trouble.UNAVAILABLE,
    errno.EROFS: Trouble.UNAVAILABLE,
}


def store_trouble(exc: BaseException) -> Trouble | None:
    """The environment failure behind ``exc`` (it, what it wraps, or what caused it),
    or None when it is a bug."""
    for link in _links(exc):
        kind = _kind_of(link)
        if kind is not None:
            return kind
    return None


def _links(exc: BaseException) -> Iterator[BaseException]:
    """``exc``, the DB-API error an SQLAlchemy error wraps (``orig``), and their causes."""
    seen: set[int] = set()
    todo: list[BaseException] = [exc]
    while todo and len(seen) < 16:  # a chain is short; a cycle must not loop
        link = todo.pop(0)
        if id(link) in seen:
            continue
        seen.add(id(link))
        yield link
        for nxt in (getattr(link, "orig", None), link.__cause__, link.__context__):
            if isinstance(nxt, BaseException):
                todo.append(nxt)


def _kind_of(exc: BaseException) -> Trouble | None:
    if isinstance(exc, sqlite3.Error):
        code = getattr(exc, "sqlite_errorcode", None)
        if isinstance(code, int):
            return _SQLITE_CODES.get(code & 0xFF)
        if isinstance(exc, sqlite3.OperationalError):  # only this class carries these
            text = str(exc).lower()
            return next((kind for words, kind in _SQLITE_WORDS if words in text), None)
        return None
    if isinstance(exc, OSError) and exc.errno is not None:
        return _OS_ERRNOS.get(exc.errno)
    return None
