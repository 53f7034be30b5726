"""``staff add|disable|enable|reset-pin|list``: staff accounts central provisions.

A PIN is never an argument: it is typed twice without echo, or read as one line
from standard input with ``--pin-stdin`` (for scripts). It is checked against the
terminal's rules (trivial PINs refused), hashed with scrypt in the terminal's
format, and only the hash is stored; it is never printed or logged. Every
terminal the account is for picks the change up at its next sync cycle.
Exit 0 done, 2 refused (the reason on stderr).
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys

from central.app import open_core
from central.cli_options import add_global_options
from central.config import CentralConfig
from central.services.staff import (
    NewAccount,
    account_exists,
    add_account,
    assign_terminals,
    branch_scope,
    list_accounts,
    normalize_terminal,
    set_enabled,
    set_pin_hash,
)
from sync.protocol.staff_rules import (
    ROLES,
    StaffRuleError,
    check_display_name,
    check_staff_id,
    hash_new_pin,
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``staff``."""
    actions = parser.add_subparsers(dest="action", required=True, metavar="<action>")

    def action(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = actions.add_parser(name, help=help_text, description=help_text)
        add_global_options(sub)
        return sub

    add = action("add", "create an account (asks for its PIN)")
    add.add_argument("--id", required=True, dest="staff_id", help="staff id, e.g. S001")
    add.add_argument("--name", required=True, help="display name shown on the staff screens")
    add.add_argument("--role", choices=ROLES, default="clerk", help="default: clerk")
    add.add_argument(
        "--terminal",
        action="append",
        default=[],
        metavar="ID|CODE",
        help="for this terminal (id or 4-digit code; repeat for more)",
    )
    add.add_argument(
        "--branch",
        action="append",
        default=[],
        metavar="CODE",
        help="for every terminal of this branch (its site branch code; repeat for more)",
    )
    add.add_argument(
        "--all-terminals",
        action="store_true",
        help="for every terminal (each kiosk then holds this account's PIN hash)",
    )
    add.add_argument("--pin-stdin", action="store_true", help="read the PIN as one stdin line")
    add.set_defaults(handler=run_add)
    for name, text, handler in (
        ("disable", "stop an account signing in on every terminal", run_disable),
        ("enable", "allow a disabled account again", run_enable),
    ):
        op = action(name, text)
        op.add_argument("staff_id", metavar="ID")
        op.set_defaults(handler=handler)
    assign = action("assign", "choose the terminals an account is for (replaces the list)")
    assign.add_argument("staff_id", metavar="ID")
    where = assign.add_mutually_exclusive_group()
    where.add_argument(
        "--terminal",
        action="append",
        default=[],
        metavar="ID|CODE",
        help="this terminal (id or 4-digit code; repeat for more)",
    )
    where.add_argument("--all", action="store_true", help="every terminal")
    assign.add_argument(
        "--branch",
        action="append",
        default=[],
        metavar="CODE",
        help="every terminal of this branch (with or instead of --terminal)",
    )
    assign.set_defaults(handler=run_assign)
    reset = action("reset-pin", "set a new PIN (the terminal also clears a lock)")
    reset.add_argument("staff_id", metavar="ID")
    reset.add_argument("--pin-stdin", action="store_true", help="read the PIN as one stdin line")
    reset.set_defaults(handler=run_reset_pin)
    listing = action("list", "list the accounts (never their PIN hashes)")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=run_list)


def read_pin(from_stdin: bool) -> str:
    """The new PIN: one stdin line, or typed twice on the terminal without echo."""
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if not sys.stdin.isatty():
        raise StaffRuleError("no_pin", "standard input is not a terminal; use --pin-stdin")
    first = getpass.getpass("新PIN / new PIN (6–8 digits): ")
    if getpass.getpass("再输入一次 / PIN again: ") != first:
        raise StaffRuleError("pin_mismatch", "the two PINs differ; nothing was changed")
    return first


NO_SCOPE = (
    "say where the account is used: --terminal ID|CODE, --branch CODE, or --all-terminals "
    "(every kiosk then holds its PIN hash)"
)


def _scope(args: argparse.Namespace) -> list[str]:
    """The scope entries named by --terminal and --branch, checked."""
    scope = [normalize_terminal(t) for t in args.terminal]
    return scope + [branch_scope(b) for b in args.branch]


def run_add(args: argparse.Namespace, config: CentralConfig) -> int:
    """Check everything, then ask for the PIN, hash it and store the account."""
    check_staff_id(args.staff_id)  # the cheap checks before asking for a PIN
    check_display_name(args.name)
    scope = _scope(args)
    if bool(scope) == bool(args.all_terminals):
        raise StaffRuleError("scope", NO_SCOPE)
    pin_hash = hash_new_pin(read_pin(args.pin_stdin))
    core = open_core(config)
    account = NewAccount(args.staff_id, args.name, args.role, pin_hash, tuple(scope))
    for note in add_account(core.store, account, core.clock.now()):
        print(f"note: {note}", file=sys.stderr)
    where = ", ".join(scope) if scope else "all terminals"
    print(f"added {args.staff_id} ({args.role}) for {where}")
    return 0


def run_disable(args: argparse.Namespace, config: CentralConfig) -> int:
    core = open_core(config)
    set_enabled(core.store, args.staff_id, False, core.clock.now())
    print(f"disabled {args.staff_id}")
    return 0


def run_enable(args: argparse.Namespace, config: CentralConfig) -> int:
    core = open_core(config)
    set_enabled(core.store, args.staff_id, True, core.clock.now())
    print(f"enabled {args.staff_id}")
    return 0


def run_assign(args: argparse.Namespace, config: CentralConfig) -> int:
    terminals = [] if args.all else _scope(args)
    if bool(terminals) == bool(args.all):
        raise StaffRuleError("scope", "name --terminal or --branch, or --all")
    core = open_core(config)
    for note in assign_terminals(core.store, args.staff_id, terminals, core.clock.now()):
        print(f"note: {note}", file=sys.stderr)
    where = ", ".join(terminals) if terminals else "all terminals"
    print(f"{args.staff_id} is now for {where}")
    return 0


def run_reset_pin(args: argparse.Namespace, config: CentralConfig) -> int:
    core = open_core(config)
    if not account_exists(core.store, args.staff_id):
        raise StaffRuleError("unknown", f"no staff account with id {args.staff_id}")
    pin_hash = hash_new_pin(read_pin(args.pin_stdin))
    set_pin_hash(core.store, args.staff_id, pin_hash, core.clock.now())
    print(f"new PIN set for {args.staff_id}")
    return 0


def run_list(args: argparse.Namespace, config: CentralConfig) -> int:
    rows = list_accounts(open_core(config).store)
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print("no staff accounts (add one with `mashangban-central staff add`)")
    for row in rows:
        state = "enabled" if row["enabled"] else "disabled"
        terminals = row["terminals"] if row["terminals"] == "all" else ",".join(row["terminals"])
        print(
            f"{row['staff_id']}\t{row['display_name']}\t{row['role']}\t{state}\t"
            f"terminals {terminals or '-'}\tupdated {row['updated_at']}"
        )
    return 0
