"""Admin commands: ``enroll-code``, ``terminals``, ``revoke``, ``cases``, ``case advance``,
``case show`` (the authorised reader of opened payloads)."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from central.app import open_core
from central.cli_options import add_global_options
from central.config import CentralConfig
from central.services.case_feed import list_cases
from central.services.cases import advance_case
from central.services.enrollment import CODE_TTL_S, issue_code
from central.services.opened_payloads import open_case, open_case_attachment
from central.services.terminals import (
    alerts_text,
    clear_terminal_alerts,
    list_terminals,
    revoke_terminal,
)
from central.terminal_text import printable, safe_json
from sync.protocol.schemas import CASE_STATUSES
from sync.protocol.times import rfc3339


def _since(text: str) -> datetime:
    value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def add_arguments(command: Callable[[str, str], argparse.ArgumentParser]) -> None:
    """Register the admin commands."""
    enroll = command("enroll-code", "print a one-time enrolment code (valid 24 h)")
    enroll.add_argument("--ttl", type=float, default=CODE_TTL_S, help="validity in seconds")
    enroll.set_defaults(handler=run_enroll_code)

    terminals = command("terminals", "list terminals with their last heartbeat")
    terminals.add_argument("--json", action="store_true")
    terminals.add_argument(
        "--clear-alert",
        metavar="TERMINAL",
        help="clear a terminal's audit-chain and lockout alerts (by id or code) once looked into",
    )
    terminals.set_defaults(handler=run_terminals)

    revoke = command("revoke", "revoke a terminal (by id, or every one with a code)")
    revoke.add_argument("terminal")
    revoke.set_defaults(handler=run_revoke)

    cases = command("cases", "list cases, newest update first")
    cases.add_argument("--json", action="store_true")
    cases.add_argument("--status", choices=CASE_STATUSES)
    cases.add_argument("--terminal", help="terminal id or code")
    cases.add_argument("--since", type=_since, help="updated at or after (RFC 3339 or date)")
    cases.set_defaults(handler=run_cases)

    case = command("case", "work on one case")
    actions = case.add_subparsers(dest="action", required=True, metavar="<action>")
    advance = actions.add_parser("advance", help="set a case's status (recorded in the feed)")
    add_global_options(advance)
    advance.add_argument("receipt_no")
    advance.add_argument("status", choices=CASE_STATUSES)
    advance.add_argument("--note", help="staff note (kept at central, never sent)")
    advance.add_argument("--department")
    advance.set_defaults(handler=run_case_advance)
    show = actions.add_parser("show", help="the case with its citizen's submission, opened")
    add_global_options(show)
    show.add_argument("receipt_no")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=run_case_show)
    attachment = actions.add_parser("attachment", help="write one of a case's attachments, opened")
    add_global_options(attachment)
    attachment.add_argument("receipt_no")
    attachment.add_argument("sha256")
    attachment.add_argument("--out", type=Path, required=True, help="new file (mode 0600)")
    attachment.set_defaults(handler=run_case_attachment)


def run_enroll_code(args: argparse.Namespace, config: CentralConfig) -> int:
    """Print a fresh code on stdout (only the code), its expiry on stderr."""
    core = open_core(config)
    now = core.clock.now()
    code = issue_code(core.store, now, args.ttl, hasher=core.code_hasher)
    print(code, flush=True)
    until = rfc3339(now + timedelta(seconds=args.ttl))
    print(f"valid once, until {until}", file=sys.stderr)
    return 0


def _cell(row: dict[str, Any], column: str) -> str:
    return printable(str(row.get(column) or "-"))


def _table(rows: list[dict[str, Any]], columns: list[str]) -> None:
    """Columns padded to their widest cell; every cell made safe to print."""
    widths = {c: max([len(c)] + [len(_cell(r, c)) for r in rows]) for c in columns}
    print("  ".join(c.ljust(widths[c]) for c in columns))
    for row in rows:
        print("  ".join(_cell(row, c).ljust(widths[c]) for c in columns))


def run_terminals(args: argparse.Namespace, config: CentralConfig) -> int:
    """List terminals (JSON with --json); or clear one's alerts."""
    core = open_core(config)
    if args.clear_alert:
        cleared = clear_terminal_alerts(core.store, args.clear_alert)
        print(f"alerts cleared on {cleared} terminal(s)")
        return 0 if cleared else 1
    rows = list_terminals(core.store, core.clock.now())
    if args.json:
        print(safe_json(rows))
        return 0
    for row in rows:
        devices = row.get("devices") or {}
        row["devices_text"] = ",".join(f"{k}={v}" for k, v in sorted(devices.items()))
        row["state"] = "revoked" if row["revoked"] else "active"
        health = row.get("store_health") or {}
        row["store_text"] = (
            f"salvaged {health.get('submissions_salvaged', 0)} lost "
            f"{health.get('submissions_lost', 0)} held {health.get('held_back', 0)}"
            + (" ENROLMENT LOST" if health.get("enrolment_lost") else "")
            if health
            else "ok"
        )
        calls = row.get("help_calls") or []
        row["help_text"] = (
            f"{len(calls)} latest {printable(calls[0]['at'])} {printable(calls[0]['screen'])}"
            if calls
            else "none"
        )
        row["alerts_text"] = alerts_text(row)
    _table(
        rows,
        ["terminal_code", "terminal_id", "state", "app_version", "last_heartbeat_at",
         "queue_pending", "devices_text", "last_sync_at", "store_text", "help_text",
         "alerts_text"],
    )  # fmt: skip
    return 0


def run_revoke(args: argparse.Namespace, config: CentralConfig) -> int:
    """Revoke; exit 1 when nothing matched."""
    core = open_core(config)
    revoked = revoke_terminal(core.store, args.terminal, core.clock.now())
    for terminal_id in revoked:
        print(f"revoked {printable(terminal_id)}")
    if not revoked:
        print("error: no active terminal matches", file=sys.stderr)
    return 0 if revoked else 1


def run_cases(args: argparse.Namespace, config: CentralConfig) -> int:
    """List cases (JSON with --json)."""
    rows = list_cases(open_core(config).store, args.status, args.terminal, args.since)
    if args.json:
        print(safe_json(rows))
        return 0
    _table(
        rows,
        ["case_id", "receipt_no", "kind", "status", "department", "terminal_code", "updated_at"],
    )
    return 0


def run_case_advance(args: argparse.Namespace, config: CentralConfig) -> int:
    """Set the status and print the case's new state."""
    core = open_core(config)
    case = advance_case(
        core.store, args.receipt_no, args.status, core.clock.now(), args.note,
        department=args.department,
    )  # fmt: skip
    print(printable(f"{case.case_id} {case.receipt_no} -> {case.status}"))
    return 0


def run_case_show(args: argparse.Namespace, config: CentralConfig) -> int:
    """Print the case and its opened payload (decrypted through the one accessor; the
    opening is written to the security log)."""
    core = open_core(config)
    opened = open_case(core.store, core.data_keys, args.receipt_no, core.security)
    document = {
        "case_id": opened.case_id,
        "receipt_no": opened.receipt_no,
        "kind": opened.kind,
        "status": opened.status,
        "department": opened.department,
        "terminal_code": opened.terminal_code,
        "created_at": rfc3339(opened.created_at),
        "attachments": opened.attachments,
        "payload": opened.payload,
    }
    if args.json:
        print(safe_json(document))
        return 0
    for key, value in document.items():
        if key != "payload":
            print(printable(f"{key}: {value if value is not None else '-'}"))
    print("payload:")
    print(safe_json(opened.payload))
    return 0


def run_case_attachment(args: argparse.Namespace, config: CentralConfig) -> int:
    """Write the opened attachment to a new file only its owner may read."""
    core = open_core(config)
    clear = open_case_attachment(
        core.store, core.attachments, core.keyring, args.receipt_no, args.sha256, core.security
    )
    fd = os.open(args.out, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(clear)
    print(f"wrote {len(clear)} bytes")
    return 0
