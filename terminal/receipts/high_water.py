"""The receipt counter's high-water mark, kept outside the store.

A receipt number names one submission for the terminal's whole life, so the
per-day sequence must never go back, not even when the store is replaced (a
damaged file moved aside, a fresh data directory after re-enrolment). The store's
``receipt_sequences`` table is one record of it; this file beside the store is
the second, and central's record (given back at enrolment, sync-protocol §1) the
third. Whoever is highest wins.

The file is written before a number is used: inside the writer's transaction,
after the rows are written and just before COMMIT, by temp file + fsync + rename +
directory fsync, so it is always the whole old mark or the whole new one. A
number written here whose transaction then fails is simply never used: receipt
numbers may have gaps, never repeats.

Layout: ``{"format": 1, "days": {"YYMMDD": last, ...}}``.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import tempfile
from collections.abc import Mapping
from pathlib import Path

from terminal.durable import write_durably

log = logging.getLogger(__name__)

FILE_NAME = "receipt-sequences.json"
_FORMAT = 1
_TEMP_PREFIX = ".receipt-sequences-"
_TEMP_SUFFIX = ".tmp"


def mark_file(data_dir: Path) -> Path:
    """Where the mark lives: the data directory, beside the store file."""
    return Path(data_dir) / FILE_NAME


def _valid_day(day: object) -> bool:
    return isinstance(day, str) and len(day) == 6 and day.isascii() and day.isdigit()


def read_marks(path: Path) -> dict[str, int]:
    """The highest sequence recorded per day; {} when there is no file yet.

    A file that is not a mark (a damaged disk) is kept as ``*.damaged`` for the
    vendor and reported; the store's counter and central's record still hold.
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}
    try:
        document = json.loads(raw.decode("utf-8"))
        days = document["days"]
        marks = {
            day: int(last)
            for day, last in days.items()
            if _valid_day(day) and isinstance(last, int) and not isinstance(last, bool)
        }
    except (ValueError, KeyError, TypeError, AttributeError):
        aside = path.with_name(path.name + ".damaged")
        os.replace(path, aside)
        log.error("receipt high-water file unreadable; kept as %s", aside)
        return {}
    return marks


def write_marks(path: Path, marks: Mapping[str, int]) -> None:
    """Replace the mark durably; on any failure no temporary file is left behind."""
    body = json.dumps(
        {"format": _FORMAT, "days": dict(sorted(marks.items()))}, separators=(",", ":")
    ).encode("utf-8")
    fd, name = tempfile.mkstemp(prefix=_TEMP_PREFIX, suffix=_TEMP_SUFFIX, dir=path.parent)
    os.close(fd)  # a unique name in the same directory; write_durably writes it
    write_durably(path, body, Path(name))


def merged(*sources: Mapping[str, int]) -> dict[str, int]:
    """The highest value per day over every source."""
    result: dict[str, int] = {}
    for source in sources:
        for day, last in source.items():
            if last > result.get(day, 0):
                result[day] = last
    return result


def store_marks(conn: sqlite3.Connection) -> dict[str, int]:
    """The store's own counter, per day."""
    return {day: int(last) for day, last in conn.execute("SELECT day, last FROM receipt_sequences")}


def raise_store_marks(conn: sqlite3.Connection, marks: Mapping[str, int]) -> None:
    """Lift the store's counter to at least ``marks`` (inside the caller's transaction)."""
    conn.executemany(
        "INSERT INTO receipt_sequences(day, last) VALUES (?, ?) "
        "ON CONFLICT(day) DO UPDATE SET last = MAX(last, excluded.last)",
        [(day, last) for day, last in marks.items() if _valid_day(day) and last > 0],
    )


class HighWater:
    """Takes the next receipt sequence so that it is above every record of the past."""

    def __init__(self, data_dir: Path) -> None:
        self.path = mark_file(data_dir)
        self._reconciled = False
        self._pending: dict[str, int] = {}

    def next_sequence(self, conn: sqlite3.Connection, day: str) -> int:
        """Inside the writer's transaction: the day's next sequence, above the file's
        record too. The caller writes its rows, then calls ``record`` before COMMIT.

        The first call of a process also lifts the store to the file's marks, and its
        ``record`` the file to the store's, so whichever survives a loss has every day.
        """
        on_file = read_marks(self.path)
        if not self._reconciled:
            raise_store_marks(conn, on_file)
        seq = int(
            conn.execute(
                "INSERT INTO receipt_sequences(day, last) VALUES (?, 1) "
                "ON CONFLICT(day) DO UPDATE SET last = last + 1 RETURNING last",
                (day,),
            ).fetchone()[0]
        )
        floor = on_file.get(day, 0)
        if seq <= floor:  # the store was replaced: continue above the file's record
            seq = floor + 1
            conn.execute("UPDATE receipt_sequences SET last = ? WHERE day = ?", (seq, day))
        self._pending = on_file
        return seq

    def record(self, conn: sqlite3.Connection, day: str, seq: int) -> None:
        """The last step before COMMIT: the file says ``seq`` is used (fsynced).

        Should COMMIT still fail, that number is skipped: a gap, never a repeat.
        """
        mine = store_marks(conn) if not self._reconciled else {}
        write_marks(self.path, merged(self._pending, mine, {day: seq}))
        self._reconciled = True


def raise_floor(conn: sqlite3.Connection, data_dir: Path, marks: Mapping[str, int]) -> None:
    """Lift both records to at least ``marks`` (central's, at enrolment); in a transaction."""
    path = mark_file(data_dir)
    raise_store_marks(conn, marks)
    write_marks(path, merged(read_marks(path), store_marks(conn), marks))
