"""`mashangban enroll --server URL --code CODE`: enrol this terminal with a central platform.

Stores the terminal id, the secret (wrapped by the local key) and the platform
keys, replacing the demo identity of the embedded default, whose data is removed
(terminal/demo.py). The secret is never printed. Exit 0 enrolled, 1 refused or
unreachable, 2 unusable URL or the demo's terminal code.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from sqlalchemy import func, select

from sync.client import SyncClient
from sync.enrolment import enroll
from sync.errors import InsecureServerUrl, ServerError, SyncError
from sync.protocol.receipt_numbers import DEMO_TERMINAL_CODE
from sync.server_clock import ServerClock
from sync.service import backoff_settings, transport_settings
from sync.timing import Timing
from terminal.audit import actions
from terminal.audit.trail import AuditTrail
from terminal.config import Config
from terminal.demo import demo_left
from terminal.identity import load_platform_keys
from terminal.runtime import TerminalCore, start_core
from terminal.store.models import Submission

REFUSALS: dict[int | str, str] = {
    "terminal-code-in-use": (
        "another active terminal has this terminal code: revoke it at central "
        "(central revoke CODE) or set another terminal.code"
    ),
    404: "the enrolment code is unknown",
    409: "the enrolment code was already used",
    410: "the enrolment code has expired",
    422: "central refused this terminal code (0000 is reserved for the demo)",
}


def add_parser(sub: Any) -> None:
    p = sub.add_parser("enroll", help="enrol this terminal with a central platform")
    p.add_argument("--server", required=True, help="central's base URL (https://…)")
    p.add_argument("--code", required=True, help="one-time enrolment code from central")


def execute(config: Config, args: argparse.Namespace) -> int:
    if config.terminal.code == DEMO_TERMINAL_CODE:  # central would refuse it anyway
        print(
            f"mashangban enroll: terminal.code {DEMO_TERMINAL_CODE} is the embedded demo's; "
            "set terminal.code to this terminal's own code first",
            file=sys.stderr,
        )
        return 2
    core = start_core(config, owner="mashangban enroll")
    try:
        timing = Timing()
        try:
            client = SyncClient(
                args.server,
                transport_settings(config.sync),
                credentials=None,
                clock=ServerClock(timing, core.store),
                backoff=backoff_settings(config.sync),
                timing=timing,
            )
        except InsecureServerUrl as exc:
            print(f"mashangban enroll: {exc.detail}", file=sys.stderr)
            return 2
        had_demo = demo_left(core.paths, core.store)
        try:
            identity = enroll(
                core, client, args.code, server_url=client.base_url, actor=actions.TECHNICIAN_CLI
            )
        except ServerError as exc:
            reason = REFUSALS.get(exc.code) or REFUSALS.get(
                exc.status, f"central refused ({exc.code})"
            )
            print(f"mashangban enroll: {reason}", file=sys.stderr)
            _audit(core, "refused", exc.code)
            return 1
        except SyncError as exc:
            print(f"mashangban enroll: cannot reach central ({exc.code})", file=sys.stderr)
            _audit(core, "failed", exc.code)
            return 1
        finally:
            client.close()
        _audit(core, "ok", "enrolled")
        kids = [k.kid for k in load_platform_keys(core.store)]
        with core.store.reader.connect() as conn:
            pending = conn.execute(
                select(func.count())
                .select_from(Submission)
                .where(Submission.outbox_state.in_(("pending", "uploading")))
                .where(Submission.sealed_kid.not_in(kids))
            ).scalar_one()
    finally:
        core.close()
    print(f"enrolled: terminal {identity.terminal_id}, code {identity.terminal_code}")
    print(f"server: {client.base_url}")
    print(f"platform keys: {', '.join(kids)}")
    if had_demo:
        print("demo: its submissions, keys and demo central were removed (audited)")
    if pending:
        print(
            f"note: {pending} queued submission(s) were sealed to a key this platform did "
            "not publish; it cannot open them and will reject them."
        )
    return 0


def _audit(core: TerminalCore, result: str, outcome: str) -> None:
    """Every enrolment attempt is in the audit trail (the code itself never is)."""
    AuditTrail.for_core(core).record(
        actions.TECHNICIAN_CLI, actions.ENROLMENT, result, {"outcome": outcome[:32]}
    )
