"""`mashangban loadgen --count N [--from payload.json] [--attachments K]`.

Creates N submissions through the same confirm path the UI uses and prints
each receipt number on its own line, flushed, right after its commit.
Synthetic citizens pick categories and regions from the active catalog, so
central accepts what they hand in.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path
from typing import Any

from terminal.catalog import CatalogStore
from terminal.config import Config
from terminal.loadgen import Choices, draft_from_template, synthetic_appeal
from terminal.runtime import start_core
from terminal.submissions.errors import ConfirmError


def add_parser(sub: Any) -> None:
    p = sub.add_parser("loadgen", help="create N submissions through the real confirm path")
    p.add_argument("--count", type=int, required=True, help="how many submissions")
    p.add_argument(
        "--from", dest="template", type=Path, help='JSON file {"kind": ..., "payload": {...}}'
    )
    p.add_argument("--attachments", type=int, default=0, help="synthetic photos per submission")
    p.add_argument("--seed", type=int, default=None, help="random seed for repeatable citizens")


def execute(config: Config, args: argparse.Namespace) -> int:
    if args.count < 0 or args.attachments < 0:
        print("loadgen: --count and --attachments must not be negative", file=sys.stderr)
        return 2
    template = None
    if args.template:
        try:
            template = json.loads(args.template.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            print(f"loadgen: cannot read {args.template}: {exc}", file=sys.stderr)
            return 2
    rng = random.Random(args.seed)
    core = start_core(config, owner="mashangban loadgen")
    try:
        choices = Choices.from_catalog(CatalogStore(core.paths.catalog_dir).load())
        for _ in range(args.count):
            try:
                draft = (
                    draft_from_template(template, rng, choices.version, args.attachments)
                    if template is not None
                    else synthetic_appeal(rng, choices, args.attachments)
                )
                confirmed = core.confirm(draft)
            except ValueError as exc:
                print(f"loadgen: {exc}", file=sys.stderr)
                return 2
            except ConfirmError as exc:
                print(f"loadgen: {exc.message('en')}", file=sys.stderr)
                return 1
            sys.stdout.write(confirmed.receipt_no + "\n")
            sys.stdout.flush()
    finally:
        core.close()
    return 0
