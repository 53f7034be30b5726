"""Enrolment from the diagnostics screen: the same code path as `mashangban enroll`
(SyncClient with the configured transport, then `sync.enrolment.enroll`), run on the
io lane. Returns a plain outcome code instead of printing; never raises for a refusal.
"""

from __future__ import annotations

from dataclasses import dataclass

from sync.client import SyncClient
from sync.enrolment import enroll
from sync.errors import InsecureServerUrl, ServerError, SyncError
from sync.protocol.problem_codes import TERMINAL_CODE_IN_USE
from sync.server_clock import ServerClock
from sync.service import backoff_settings, transport_settings
from sync.timing import Timing
from terminal.runtime import TerminalCore

#: HTTP status of a refusal → outcome code (as `mashangban enroll` words them).
REFUSALS = {404: "code_unknown", 409: "code_used", 410: "code_expired"}


@dataclass(frozen=True)
class EnrolOutcome:
    ok: bool
    # enrolled | bad_url | code_unknown | code_used | code_expired | code_in_use | refused
    # | unreachable
    code: str
    terminal_code: str = ""


def enrol_terminal(core: TerminalCore, server: str, code: str) -> EnrolOutcome:
    """Enrol ``core`` with central at ``server`` using the one-time ``code`` (blocks)."""
    config = core.config
    timing = Timing()
    try:
        client = SyncClient(
            server.strip(),
            transport_settings(config.sync),
            credentials=None,
            clock=ServerClock(timing, core.store),
            backoff=backoff_settings(config.sync),
            timing=timing,
        )
    except (InsecureServerUrl, ValueError):
        return EnrolOutcome(False, "bad_url")
    try:
        identity = enroll(core, client, code, server_url=client.base_url)
    except ServerError as exc:
        if exc.code == TERMINAL_CODE_IN_USE:  # a 409 too, but not about the enrolment code
            return EnrolOutcome(False, "code_in_use")
        return EnrolOutcome(False, REFUSALS.get(exc.status, "refused"))
    except SyncError:
        return EnrolOutcome(False, "unreachable")
    finally:
        client.close()
    return EnrolOutcome(True, "enrolled", identity.terminal_code)
