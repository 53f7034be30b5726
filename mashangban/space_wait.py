"""`run` on a disk too full to start: wait for room instead of crash-looping.

Exiting would make systemd (Restart=always, RestartSec=2) start the kiosk again and
again until its start limit gives up for good. So the kiosk says once, plainly,
what is wrong, keeps telling systemd it is alive (STATUS, EXTEND_TIMEOUT_USEC and
WATCHDOG) and looks again every few seconds; once the reserve is free it starts
normally. Nothing is logged meanwhile: the log is on the full disk.
"""

from __future__ import annotations

import os
import socket
import sys
import time
from collections.abc import Callable
from pathlib import Path

from terminal.submissions.headroom import StorageFull, free_bytes

POLL_S = 5.0
_MARGIN = 16 * 1024 * 1024  # room to create the store, its WAL and the log


def _notify(message: str) -> None:
    """One sd_notify datagram when run by systemd (mashangban/watchdog.py needs Qt)."""
    address = os.environ.get("NOTIFY_SOCKET", "")
    if not address:
        return
    if address.startswith("@"):
        address = "\0" + address[1:]
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC) as sock:
            sock.connect(address)
            sock.sendall(message.encode("ascii", "replace"))
    except OSError:
        pass


def wait_for_room(
    problem: StorageFull,
    reserve_bytes: int,
    *,
    poll_s: float = POLL_S,
    sleep: Callable[[float], None] = time.sleep,
) -> None:
    """Return once the disk holding ``problem.root`` has the reserve plus a margin."""
    print(f"mashangban: {problem}", file=sys.stderr, flush=True)
    wanted = reserve_bytes + _MARGIN
    while True:
        free = free_bytes(_existing(problem.root))
        if free is not None and free >= wanted:
            print("mashangban: there is room again; starting", file=sys.stderr, flush=True)
            return
        _notify("STATUS=waiting for disk space\nEXTEND_TIMEOUT_USEC=60000000\nWATCHDOG=1")
        sleep(poll_s)


def _existing(path: Path) -> Path:
    """The nearest existing directory of ``path`` (a fresh data dir may not exist)."""
    for candidate in (path, *path.parents):
        if candidate.exists():
            return candidate
    return path
