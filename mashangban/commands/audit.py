"""`mashangban audit verify|list|export`: check, read and hand over the audit trail.

verify exits 0 when the MAC chain is intact, 2 when a record was changed,
removed or reordered, the end was cut off against the head anchor
(keys/audit.head), or the table is gone: BROKEN, the first bad sequence number
when there is one, and the reason in plain words; never a traceback. Records hold
no personal data, so list prints them as they are; verify and list open the store
read-only. export writes them (with
their MACs and the verification at that moment) to a new file for an inspector
or a support ticket, and is itself recorded as an `export`.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from terminal.audit import actions
from terminal.audit.head_check import reason
from terminal.audit.key import AuditKeyMissing
from terminal.audit.trail import AuditTrail
from terminal.config import Config
from terminal.readonly_core import open_core_readonly
from terminal.runtime import start_core

PROG = "mashangban audit"


def add_parser(sub: Any) -> None:
    p = sub.add_parser("audit", help="verify or list the audit trail of staff actions")
    ops = p.add_subparsers(dest="audit_command", metavar="<action>", required=True)
    verify = ops.add_parser("verify", help="check the chain; exit 0 intact, 2 broken")
    verify.add_argument("--json", action="store_true", help="machine-readable output")
    listing = ops.add_parser("list", help="print records, oldest first")
    listing.add_argument(
        "--since", help="only records at or after this date or time (terminal's time zone)"
    )
    listing.add_argument("--limit", type=int, help="at most this many records")
    listing.add_argument("--json", action="store_true", help="machine-readable output")
    export = ops.add_parser("export", help="write the records to a new file (audited)")
    export.add_argument("--out", required=True, help="the file to create (never overwritten)")
    export.add_argument(
        "--since", help="only records at or after this date or time (terminal's time zone)"
    )


def _since(text: str | None, tz: ZoneInfo) -> datetime | None:
    if not text:
        return None
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=tz)


def _verify(trail: AuditTrail, as_json: bool) -> int:
    result = trail.verify()
    if as_json:
        print(json.dumps(result.as_json(), indent=2))
    elif result.ok:
        print(f"audit trail intact: {result.records} records from #{result.start_seq}")
    else:
        where = f" at record {result.first_bad_seq}" if result.first_bad_seq is not None else ""
        print(f"audit trail BROKEN{where}: {reason(result.problem)} ({result.problem})")
    return 0 if result.ok else 2


BAD_SINCE = f"{PROG}: --since wants a date like 2026-11-27 or 2026-11-27T08:30"


class BadSince(Exception):
    pass


def _since_arg(args: argparse.Namespace, tz: ZoneInfo) -> datetime | None:
    try:
        return _since(args.since, tz)
    except ValueError:
        print(BAD_SINCE, file=sys.stderr)
        raise BadSince from None


def _list(trail: AuditTrail, args: argparse.Namespace, tz: ZoneInfo) -> int:
    rows = trail.records(since=_since_arg(args, tz), limit=args.limit)
    if args.json:
        print(json.dumps([r.as_json() for r in rows], ensure_ascii=False, indent=2))
        return 0
    for r in rows:
        print(f"{r.seq}\t{r.at}\t{r.terminal_code}\t{r.actor}\t{r.action}\t{r.result}\t{r.detail}")
    return 0


def _export(trail: AuditTrail, args: argparse.Namespace, tz: ZoneInfo) -> int:
    out = Path(args.out)
    rows = trail.records(since=_since_arg(args, tz))
    verification = trail.verify()
    document = {
        "verification": verification.as_json(),
        "since": args.since,
        "records": [r.as_json() for r in rows],
    }
    data = json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")
    try:  # a new file only: an earlier export is evidence too
        fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        print(f"{PROG}: {out} already exists; choose another --out", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"{PROG}: cannot create {out}: {exc.strerror}", file=sys.stderr)
        return 2
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    detail: dict[str, actions.DetailValue] = {"what": "audit", "count": len(rows)}
    trail.record(actions.TECHNICIAN_CLI, actions.EXPORT, "ok", detail)
    print(f"{len(rows)} audit records written to {out}")
    if not verification.ok:  # exported all the same: a broken chain is evidence too
        print(f"{PROG}: the audit trail is BROKEN at record {verification.first_bad_seq}: "
              f"{reason(verification.problem)}", file=sys.stderr)  # fmt: skip
        return 2
    return 0


def execute(config: Config, args: argparse.Namespace) -> int:
    # verify and list only read (safe beside the kiosk); export records itself, so it
    # must own the data directory
    if args.audit_command == "export":
        core = start_core(config, owner="mashangban audit export")
    else:
        core = open_core_readonly(config)
    try:
        trail = AuditTrail.for_core(core)
        tz = ZoneInfo(config.terminal.timezone)
        if args.audit_command == "verify":
            return _verify(trail, args.json)
        if args.audit_command == "export":
            return _export(trail, args, tz)
        return _list(trail, args, tz)
    except AuditKeyMissing as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 2
    except BadSince:
        return 2
    finally:
        core.close()
