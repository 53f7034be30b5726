"""``keys kek-list``, ``keys rotate-kek``, ``keys retire-kek``: the key-encryption keys
that wrap the data keys of citizen data at rest (central/kek.py, central/data_keys.py).

Rotation writes a new KEK, makes it current and re-wraps every data key under it;
the records themselves are not re-encrypted. An old KEK is kept until nothing refers
to it; ``retire-kek`` then deletes its file (and refuses while anything still does).
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from central.app import open_core
from central.cli_options import add_global_options
from central.config import CentralConfig


def add_actions(actions: Any) -> None:
    """Register the KEK actions under ``keys``."""
    listing = actions.add_parser("kek-list", help="list key-encryption keys and their use")
    add_global_options(listing)
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=run_kek_list)
    rotate = actions.add_parser(
        "rotate-kek", help="new key-encryption key; re-wrap every data key under it"
    )
    add_global_options(rotate)
    rotate.set_defaults(handler=run_rotate_kek)
    retire = actions.add_parser(
        "retire-kek", help="delete an old key-encryption key nothing refers to"
    )
    add_global_options(retire)
    retire.add_argument("kek_id")
    retire.set_defaults(handler=run_retire_kek)


def _rows(config: CentralConfig) -> list[dict[str, Any]]:
    core = open_core(config)
    references = core.data_keys.references(core.store)
    current = core.kek.current_id()
    ids = sorted(set(core.kek.ids()) | set(references))
    return [
        {
            "kek_id": kek_id,
            "current": kek_id == current,
            "data_keys": references.get(kek_id, 0),
            "file_present": kek_id in core.kek.ids(),
        }
        for kek_id in ids
    ]


def run_kek_list(args: argparse.Namespace, config: CentralConfig) -> int:
    """One line per KEK: current mark, id, how many data keys it wraps."""
    rows = _rows(config)
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    for row in rows:
        missing = "" if row["file_present"] else "  FILE MISSING"
        mark = "*" if row["current"] else " "
        print(f"{mark} {row['kek_id']}  {row['data_keys']} data keys{missing}")
    return 0


def run_rotate_kek(args: argparse.Namespace, config: CentralConfig) -> int:
    """Print the new KEK's id, how many data keys were re-wrapped, and the old KEKs
    that may now be retired."""
    core = open_core(config)
    new_id = core.kek.rotate(core.clock.now())
    rewrapped = core.data_keys.rewrap_all(core.store)
    print(new_id)
    print(f"re-wrapped {rewrapped} data keys")
    references = core.data_keys.references(core.store)
    for old in core.kek.ids():
        if old == new_id:
            continue
        if references.get(old, 0):
            print(f"{old} still wraps {references[old]} data keys: run rotate-kek again")
        else:
            print(f"{old} is no longer used: `keys retire-kek {old}` deletes it")
    return 0


def run_retire_kek(args: argparse.Namespace, config: CentralConfig) -> int:
    """Delete the KEK file; exit 2 while any data key is wrapped by it."""
    core = open_core(config)
    in_use = core.data_keys.references(core.store).get(args.kek_id, 0)
    if in_use:
        raise ValueError(f"{args.kek_id} still wraps {in_use} data keys; rotate-kek first")
    core.kek.remove(args.kek_id)
    print(f"retired {args.kek_id}")
    return 0
