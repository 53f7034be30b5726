"""Free disk space kept in reserve: below it, no new submission is taken.

``store.min_free_disk_mb`` is checked at every confirm, before anything is
written, against what the submission will take (its sealed files, its row twice:
table and WAL, and a margin for the log). Refusing early means SQLite, its WAL
and the log never meet a full disk in the middle of a write; the citizen hears
plainly that nothing was saved, and staff are told by a store event (``low_disk``,
at most once an hour per process) besides `doctor`'s disk check and the free
space every heartbeat reports.
"""

from __future__ import annotations

import logging
import shutil
import sqlite3
import time
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path

from terminal.store.access import StoreUnavailable
from terminal.store.trouble import Trouble, store_trouble
from terminal.submissions.errors import ConfirmError

log = logging.getLogger(__name__)

LOW_DISK_EVENT = "low_disk"
_MARGIN = 1024 * 1024  # WAL frames, the log line, the receipt mark: small, but not zero
_ALERT_EVERY_S = 3600.0


def is_disk_full(exc: BaseException) -> bool:
    """True for the ways a full disk shows itself: ENOSPC/EDQUOT, SQLITE_FULL."""
    return store_trouble(exc) is Trouble.FULL


def free_bytes(path: Path) -> int | None:
    """Free bytes on the filesystem holding ``path``; None when it cannot be asked."""
    try:
        return shutil.disk_usage(path).free
    except OSError:
        return None


class Headroom:
    """Refuses a submission that would take the disk below the reserve."""

    def __init__(
        self,
        root: Path,
        min_free_bytes: int,
        alert: Callable[[str], None] | None = None,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.root = root
        self.min_free_bytes = max(0, min_free_bytes)
        self._alert = alert
        self._monotonic = monotonic
        self._last_alert: float | None = None

    def check(self, sizes: Iterable[int]) -> None:
        """Raise ConfirmError('low_disk') when writing ``sizes`` bytes (plus the row and
        a margin) would leave less free space than the reserve."""
        if self.min_free_bytes == 0:
            return
        free = free_bytes(self.root)
        if free is None:  # an unanswerable statvfs: let SQLite say what is wrong
            return
        needed = sum(sizes) + _MARGIN
        if free - needed >= self.min_free_bytes:
            return
        detail = (
            f"{free // (1024 * 1024)} MB free, {needed // 1024} KB needed, "
            f"reserve {self.min_free_bytes // (1024 * 1024)} MB"
        )
        log.error("submission refused: disk space low (%s)", detail)
        self._raise_alert(detail)
        raise ConfirmError(LOW_DISK_EVENT, detail)

    def _raise_alert(self, detail: str) -> None:
        now = self._monotonic()
        if self._last_alert is not None and now - self._last_alert < _ALERT_EVERY_S:
            return
        self._last_alert = now
        if self._alert is None:
            return
        try:
            self._alert(detail)
        except Exception as exc:  # the refusal stands; the log and doctor still tell
            log.error("low-disk alert not recorded: %s", type(exc).__name__)


Transaction = Callable[[sqlite3.Connection], object]


def store_event_alert(run: Callable[[Transaction], object]) -> Callable[[str], None]:
    """An alert that records a ``low_disk`` store event through the writer ``run``."""

    def alert(detail: str) -> None:
        stamp = datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
        run(
            lambda c: c.execute(
                "INSERT INTO store_events(at, kind, detail) VALUES (?, ?, ?)",
                (stamp, LOW_DISK_EVENT, "new submissions refused: " + detail),
            )
        )

    return alert


class StorageFull(RuntimeError):
    """The data directory's disk is too full to open or create the store at start.

    The message is plain words for the technician (no traceback): what is wrong,
    where, and what to do.
    """

    def __init__(self, root: Path, cause: BaseException) -> None:
        free = free_bytes(root)
        room = f"{free // (1024 * 1024)} MB free" if free is not None else "free space unknown"
        super().__init__(
            f"the disk holding {root} is full ({room}; {type(cause).__name__}): "
            "the terminal cannot start. Free some space there; it starts by itself once "
            "there is room."
        )
        self.root = root


_NEARLY_FULL = 1024 * 1024  # below this, an I/O error while starting is the full disk's


def disk_full_cause(exc: BaseException, root: Path | None = None) -> BaseException | None:
    """The disk-full error behind ``exc`` (SQLAlchemy wraps sqlite3's), if any.

    With ``root``: an I/O error (SQLite cannot grow its -shm: SQLITE_IOERR_SHMSIZE, a
    short write) on a disk with almost nothing free is the full disk's doing too."""
    io_error = isinstance(exc, OSError | sqlite3.Error) or (
        isinstance(exc, StoreUnavailable) and exc.kind in ("io", "full")
    )
    if root is not None and io_error:
        free = free_bytes(root)
        if free is not None and free < _NEARLY_FULL and disk_full_cause(exc) is None:
            return exc
    seen: set[int] = set()
    stack: list[BaseException | None] = [exc]
    while stack:
        current = stack.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        if is_disk_full(current):
            return current
        orig = getattr(current, "orig", None)
        stack.extend(
            [
                current.__cause__,
                current.__context__,
                orig if isinstance(orig, BaseException) else None,
            ]
        )
    return None
