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


MAX_TEMPLATE_DEPTH = 32  # far deeper than any payload of sync-protocol.md §2
JSON_KINDS = {list: "list", str: "string", int: "number", float: "number", bool: "true/false"}
TEMPLATE_SHAPE = '{"kind": "appeal|application|rating", "payload": {...}}'


class TemplateError(ValueError):
    """A --from file that cannot be used; the message says why, in one line."""


def nesting_depth(doc: object) -> int:
    """How deep lists and objects nest in ``doc`` (iterative: no recursion limit)."""
    deepest, todo = 0, [(doc, 1)]
    while todo:
        value, depth = todo.pop()
        if isinstance(value, dict | list):
            deepest = max(deepest, depth)
            children = value.values() if isinstance(value, dict) else value
            todo.extend((child, depth + 1) for child in children)
    return deepest


def read_template(path: Path) -> dict[str, Any]:
    """The JSON object in ``path``; TemplateError for an unreadable file, bad JSON, a
    list or a string instead of an object, or nesting too deep to be a payload."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise TemplateError(f"cannot read it ({type(exc).__name__}: {exc})") from None
    try:
        doc = json.loads(text)
    except RecursionError:  # 100,000 brackets: json's decoder recurses per level
        raise TemplateError(f"nested too deeply (more than {MAX_TEMPLATE_DEPTH} levels)") from None
    except ValueError as exc:
        raise TemplateError(f"not JSON ({exc})") from None
    if not isinstance(doc, dict):
        kind = JSON_KINDS.get(type(doc), "value")
        raise TemplateError(f"it holds a JSON {kind}, not an object {TEMPLATE_SHAPE}")
    if nesting_depth(doc) > MAX_TEMPLATE_DEPTH:
        raise TemplateError(f"nested too deeply (more than {MAX_TEMPLATE_DEPTH} levels)")
    return doc


def execute(config: Config, args: argparse.Namespace) -> int:
    if args.count < 0 or args.attachments < 0:
        print("loadgen: --count and --attachments must not be negative", file=sys.stderr)
        return 2
    template = None
    if args.template:
        try:
            template = read_template(args.template)
        except TemplateError as exc:
            print(f"loadgen: cannot use {args.template}: {exc}", file=sys.stderr)
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
