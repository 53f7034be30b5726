"""One owner per data directory: an exclusive lock taken by every process that writes.

The lock is ``flock(LOCK_EX | LOCK_NB)`` on ``<data_dir>/owner.lock``. The kernel
drops it when the holder's file is closed, so a process that dies, even by SIGKILL,
never blocks the next start; there is no stale-lock clean-up to get wrong. The holder
writes its pid, its command and when it started into the file, so a refused second
writer can say who holds the directory.

Within one process the lock is counted, not taken twice: flock locks belong to an open
file, and a second open of the same file in the same process would refuse its own
owner. The file is opened close-on-exec, so a child (the embedded central) never
inherits the lock and never outlives it. docs/store.md ("One owner per data
directory") has the rule for technicians' commands while the kiosk runs.
"""

from __future__ import annotations

import fcntl
import json
import os
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

LOCK_FILE = "owner.lock"

_held: dict[str, _Held] = {}
_guard = threading.Lock()


@dataclass
class _Held:
    fd: int
    count: int


@dataclass(frozen=True)
class Holder:
    """Who holds a data directory, as far as its lock file says."""

    pid: int | None
    command: str
    since: str

    def describe(self) -> str:
        who = f"pid {self.pid}" if self.pid else "another process"
        what = f" ({self.command})" if self.command else ""
        when = f", since {self.since}" if self.since else ""
        return f"{who}{what}{when}"


class DataDirBusy(RuntimeError):
    """Another process writes to this data directory; this one must not."""

    def __init__(self, root: Path, holder: Holder) -> None:
        self.root = root
        self.holder = holder
        if holder.command.endswith(" run"):
            todo = (
                "while the kiosk runs, use its staff screens (outbox: Send now; "
                "diagnostics: enrolment) or stop the service first (systemctl stop mashangban)"
            )
        else:
            todo = "wait for it to finish, then try again"
        super().__init__(
            f"the data directory {root} is in use by {holder.describe()}; only one process "
            f"may write to it: {todo}. doctor, queue, audit verify|list and staff list only "
            "read and work beside it"
        )


class LockUnavailable(RuntimeError):
    """The lock file itself cannot be opened (permissions, read-only disk, I/O)."""


@dataclass
class OwnerLock:
    """This process's claim on one data directory; ``release`` gives it back."""

    root: Path
    _key: str
    _released: bool = False

    def release(self) -> None:
        """Give back this claim; the lock goes when the process's last claim does."""
        if self._released:
            return
        self._released = True
        with _guard:
            held = _held.get(self._key)
            if held is None:
                return
            held.count -= 1
            if held.count == 0:
                del _held[self._key]
                os.close(held.fd)  # closing the file drops the flock


def read_holder(root: Path) -> Holder:
    """What the lock file says about its holder (empty when unreadable or blank)."""
    try:
        doc = json.loads((root / LOCK_FILE).read_text(encoding="utf-8") or "{}")
    except (OSError, ValueError):
        return Holder(None, "", "")
    if not isinstance(doc, dict):
        return Holder(None, "", "")
    pid = doc.get("pid")
    return Holder(
        pid if isinstance(pid, int) else None,
        str(doc.get("command", ""))[:80],
        str(doc.get("since", ""))[:40],
    )


def claim(root: Path, command: str) -> OwnerLock:
    """Take the data directory for this process, or raise DataDirBusy naming the holder."""
    key = os.path.realpath(root)
    with _guard:
        held = _held.get(key)
        if held is not None:
            held.count += 1
            return OwnerLock(root, key)
        path = Path(key) / LOCK_FILE
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        except OSError as exc:
            raise LockUnavailable(
                f"cannot open the lock file {path}: {exc.strerror or exc}"
            ) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise DataDirBusy(root, read_holder(root)) from None
        except OSError as exc:
            os.close(fd)
            raise LockUnavailable(f"cannot lock {path}: {exc.strerror or exc}") from None
        _write_holder(fd, command)
        _held[key] = _Held(fd, 1)
        return OwnerLock(root, key)


def _write_holder(fd: int, command: str) -> None:
    """Say who holds the lock; a failure to say so (a full disk) does not lose the lock."""
    since = datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    doc = json.dumps({"pid": os.getpid(), "command": command, "since": since}) + "\n"
    try:
        os.ftruncate(fd, 0)
        os.pwrite(fd, doc.encode("utf-8"), 0)
    except OSError:
        pass
