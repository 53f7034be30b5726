"""`mashangban doctor [--json]`: a plain verdict per check; exit 0 ok, 1 warn, 2 fail.

Read-only (terminal/readonly_core.py): it never creates, migrates, moves or sweeps
anything, so it is safe beside the running kiosk; a store it cannot read is one
failed check with what to do, not a traceback.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from mashangban.devices import device_states
from sync.doctor_checks import check_central, check_clock
from terminal.audit.checks import check_audit
from terminal.config import Config
from terminal.doctor import VERDICT_RANK, Check, overall, run_checks
from terminal.doctor_devices import device_checks
from terminal.doctor_keys import check_key_protection
from terminal.readonly_core import open_core_readonly
from terminal.staff.checks import check_staff
from terminal.store.access import StoreUnavailable

MARKS = {"ok": "正常 OK  ", "warn": "注意 WARN", "fail": "故障 FAIL"}


def add_parser(sub: Any) -> None:
    p = sub.add_parser("doctor", help="check store, disk, configuration, enrolment and queue")
    p.add_argument("--json", action="store_true", help="machine-readable output")


def store_unavailable_check(exc: StoreUnavailable) -> Check:
    """The one store check when the store cannot be opened: what is wrong, what to do."""
    verdict = "warn" if exc.kind == "fresh" else "fail"
    return Check("store", verdict, f"{exc.path}: {exc.what}; nothing was moved", exc.advice)


def execute(config: Config, args: argparse.Namespace) -> int:
    try:
        core = open_core_readonly(config)
    except StoreUnavailable as exc:
        checks = [store_unavailable_check(exc)]
    else:
        try:
            checks = run_checks(
                core,
                extra=[check_key_protection, check_staff, check_audit, check_central, check_clock],
            )
        finally:
            core.close()
    checks += device_checks(device_states(config, config.data_dir))
    verdict = overall(checks)
    if args.json:
        doc = {
            "verdict": verdict,
            "healthy": verdict == "ok",
            "data_dir": str(config.data_dir),
            "checks": [c.as_json() for c in checks],
        }
        print(json.dumps(doc, ensure_ascii=False, indent=2))
    else:
        for c in checks:
            print(f"[{MARKS[c.verdict]}] {c.name}: {c.summary}")
            if c.advice and c.verdict != "ok":
                print(f"             → {c.advice}")
        words = {
            "ok": "healthy",
            "warn": "working, but look at the warnings",
            "fail": "NOT healthy",
        }
        print(f"\nVerdict: {words[verdict]}")
    return VERDICT_RANK[verdict]
