"""Doctor checks that belong to sync: can central be reached, and is the clock right.

Used by `mashangban doctor` and the staff diagnostics screen (on its io lane: the
reachability check makes a real request, bounded by sync.timeout_s).
"""

from __future__ import annotations

from datetime import UTC, datetime

from sync.errors import SyncError
from sync.kv import CLOCK_OFFSET, LAST_SYNC_AT, read_kv
from sync.protocol.times import parse_rfc3339
from sync.service import SyncService
from terminal.demo import demo_allowed
from terminal.doctor import Check
from terminal.runtime import TerminalCore

CLOCK_WARN_S = 120.0


def check_central(core: TerminalCore) -> Check:
    """A real request to the configured central (the embedded one runs with the kiosk)."""
    url = core.config.sync.server_url or (core.identity.server_url if core.identity else "")
    if not url and not demo_allowed(core.paths, core.config.sync.server_url):
        return Check(
            "central",
            "fail",
            "no server address: the terminal is not enrolled (see enrolment)",
            "Enrol the terminal (mashangban enroll --server URL --code CODE).",
        )
    if not url or (
        core.identity is not None and core.identity.demo and not core.config.sync.server_url
    ):
        return Check(
            "central", "ok", "the embedded demo central on loopback; it runs while the kiosk runs"
        )
    try:
        service = SyncService(core, url)
    except SyncError as exc:
        return Check(
            "central", "fail", f"{url}: {exc}", "Fix sync.server_url (docs/configuration.md)."
        )
    try:
        if service.probe():
            return Check("central", "ok", f"{url} answers")
        return Check(
            "central",
            "fail",
            f"{url} not reachable: {service.probe_error}",
            "Check the network, the server address and the certificate pins; "
            "the queue is safe meanwhile.",
        )
    finally:
        service.close()


def check_clock(core: TerminalCore) -> Check:
    """The offset from central's clock that sync last measured, and when sync last ran."""
    offset = read_kv(core.store, CLOCK_OFFSET)
    last = read_kv(core.store, LAST_SYNC_AT)
    since = ""
    if last:
        age = datetime.now(UTC) - parse_rfc3339(last)
        since = f"; last sync {last} ({age.total_seconds() / 3600:.1f} h ago)"
    if offset is None:
        return Check("clock", "ok", "not measured yet (sync has not talked to central)" + since)
    seconds = -float(offset)  # stored: central minus terminal (sync/server_clock.py)
    ahead = "ahead of" if seconds > 0 else "behind" if seconds < 0 else "the same as"
    summary = f"terminal clock is {seconds:+.1f} s ({ahead} central's)" + since
    if abs(seconds) > CLOCK_WARN_S:
        return Check("clock", "warn", summary, "Fix the time (NTP); receipts and logs carry it.")
    return Check("clock", "ok", summary)
