"""`mashangban staff add|disable|enable|reset-pin|list`: staff accounts, by a technician.

PINs are read from the terminal without echo (asked twice), or with
--pin-stdin as one line from standard input, for scripts. A PIN is never
printed or logged. Every change is audited with actor "technician:cli".
Exit 0 done, 2 refused (the reason is on stderr). Changes need the data directory to
themselves: while the kiosk runs they are refused (use the staff screens, or stop
the service); `list` only reads and works beside it.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from typing import Any
from zoneinfo import ZoneInfo

from sync.protocol.staff_rules import ROLES, StaffRuleError
from terminal.audit.actions import TECHNICIAN_CLI
from terminal.audit.chain import utc_now
from terminal.audit.key import AuditKeyMissing
from terminal.config import Config
from terminal.readonly_core import open_core_readonly
from terminal.runtime import start_core
from terminal.staff.accounts import StaffAccountView
from terminal.staff.directory import StaffDirectory

PROG = "mashangban staff"


def add_parser(sub: Any) -> None:
    p = sub.add_parser("staff", help="add, disable, enable, reset the PIN of, or list staff")
    ops = p.add_subparsers(dest="staff_command", metavar="<action>", required=True)
    add = ops.add_parser("add", help="create a staff account (asks for its PIN)")
    add.add_argument("--id", required=True, dest="staff_id", help="staff id, e.g. S001")
    add.add_argument("--name", required=True, help="display name shown on the staff screens")
    add.add_argument("--role", choices=ROLES, default="clerk", help="default: clerk")
    add.add_argument("--pin-stdin", action="store_true", help="read the PIN as one stdin line")
    for name, text in (("disable", "stop an account signing in"), ("enable", "allow it again")):
        op = ops.add_parser(name, help=text)
        op.add_argument("staff_id", metavar="ID")
    reset = ops.add_parser("reset-pin", help="set a new PIN; also clears a lock")
    reset.add_argument("staff_id", metavar="ID")
    reset.add_argument("--pin-stdin", action="store_true", help="read the PIN as one stdin line")
    listing = ops.add_parser("list", help="list the accounts")
    listing.add_argument("--json", action="store_true", help="machine-readable output")


class _NoPin(Exception):
    pass


def read_pin(from_stdin: bool) -> str:
    """The new PIN: one stdin line, or typed twice on the terminal without echo."""
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if not sys.stdin.isatty():
        raise _NoPin("standard input is not a terminal; use --pin-stdin")
    first = getpass.getpass("新PIN / new PIN (6–8 digits): ")
    if getpass.getpass("再输入一次 / PIN again: ") != first:
        raise _NoPin("the two PINs differ; nothing was changed")
    return first


def _local(view_time: Any, tz: ZoneInfo) -> str:
    return view_time.astimezone(tz).strftime("%Y-%m-%d %H:%M") if view_time else "-"


def _print_list(accounts: list[StaffAccountView], tz: ZoneInfo, as_json: bool) -> None:
    now = utc_now()
    if as_json:
        print(json.dumps([a.as_json(now) for a in accounts], ensure_ascii=False, indent=2))
        return
    if not accounts:
        print("no staff accounts (add one with `mashangban staff add`)")
    for a in accounts:
        state = "enabled" if a.enabled else "disabled"
        locked = f"locked until {_local(a.locked_until, tz)}" if a.is_locked(now) else "-"
        last = _local(a.last_login_at, tz)
        print(f"{a.staff_id}\t{a.display_name}\t{a.role}\t{state}\t{locked}\tlast login {last}")


def _run(directory: StaffDirectory, config: Config, args: argparse.Namespace) -> str:
    op, staff_id = args.staff_command, getattr(args, "staff_id", "")
    if op == "add":
        directory.add(
            staff_id, args.name, args.role, read_pin(args.pin_stdin), actor=TECHNICIAN_CLI
        )
        return f"staff account {staff_id} added"
    if op == "disable":
        directory.disable(staff_id, actor=TECHNICIAN_CLI)
        return f"staff account {staff_id} disabled"
    if op == "enable":
        directory.enable(staff_id, actor=TECHNICIAN_CLI)
        return f"staff account {staff_id} enabled"
    if op == "reset-pin":
        if directory.get(staff_id) is None:
            raise StaffRuleError("unknown", "no staff account with this id")
        directory.reset_pin(staff_id, read_pin(args.pin_stdin), actor=TECHNICIAN_CLI)
        return f"PIN of staff account {staff_id} changed; any lock is cleared"
    _print_list(directory.list(), ZoneInfo(config.terminal.timezone), args.json)
    return ""


def execute(config: Config, args: argparse.Namespace) -> int:
    if args.staff_command == "list":  # only reads: safe beside the kiosk
        core = open_core_readonly(config)
    else:  # changes accounts: must own the data directory (refused while the kiosk runs)
        core = start_core(config, owner=f"mashangban staff {args.staff_command}")
    try:
        message = _run(StaffDirectory.for_core(core), config, args)
    except (StaffRuleError, _NoPin, AuditKeyMissing) as exc:
        print(f"{PROG}: refused: {exc}", file=sys.stderr)
        return 2
    finally:
        core.close()
    if message:
        print(message)
    return 0
