"""`mashangban queue [--json] [--list]`: counts by state and the oldest pending age.

Read-only (terminal/readonly_core.py): safe beside the running kiosk; it never
recovers, sweeps or moves anything.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from terminal.config import Config
from terminal.readonly_core import open_core_readonly
from terminal.submissions.queue import queue_lines, queue_stats


def add_parser(sub: Any) -> None:
    p = sub.add_parser("queue", help="outbox counts by state, oldest pending age")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument(
        "--list", action="store_true", help="one line per submission: receipt, kind, state"
    )


def execute(config: Config, args: argparse.Namespace) -> int:
    core = open_core_readonly(config)
    try:
        stats = queue_stats(core.store)
        lines = queue_lines(core.store) if args.list else []
    finally:
        core.close()
    if args.json:
        doc: dict[str, Any] = stats.as_json()
        if args.list:
            doc["submissions"] = [vars(line) for line in lines]
        print(json.dumps(doc, ensure_ascii=False, indent=2))
        return 0
    if args.list:
        for line in lines:
            print(f"{line.receipt_no}\t{line.kind}\t{line.state}\t{line.print_state}")
        return 0
    for state, count in stats.by_state.items():
        print(f"{state:10} {count}")
    print(f"{'unprinted':10} {stats.unprinted}")
    if stats.oldest_pending_age_s is not None:
        minutes = stats.oldest_pending_age_s / 60
        print(f"oldest pending: {stats.oldest_pending_at} ({minutes:.1f} min ago)")
    else:
        print("oldest pending: none")
    return 0
