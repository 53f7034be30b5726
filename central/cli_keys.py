"""``keys list`` and ``keys rotate`` (alias ``keys new``): platform key pairs in
``<data_dir>/keys/`` (and the key-encryption keys of data at rest: central/cli_kek.py).

Rotation adds a new kid that becomes current; old kids keep opening what was
sealed to them. A running server notices new key files without a restart.
``--suite sm`` makes the new key a 国密 one (SM2 + SM4-GCM seals, HMAC-SM3
signatures): the suite is a property of the key, so terminals move to it as they
learn it, and terminals still on an older key keep working (docs/security.md).
"""

from __future__ import annotations

import argparse
import json

from central import cli_kek
from central.app import open_core
from central.cli_options import add_global_options
from central.config import CentralConfig
from central.keys import next_kid, write_key_file
from central.services.key_registry import register_keys
from sync.protocol.sealing_names import ALG_OF_SUITE, SUITE_OF_ALG, SUITE_STANDARD
from sync.protocol.sm2_libcrypto import Sm2Error
from sync.protocol.times import rfc3339


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``keys``."""
    actions = parser.add_subparsers(dest="action", required=True, metavar="<action>")
    listing = actions.add_parser("list", help="list key pairs, current first")
    add_global_options(listing)
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=run_list)
    rotate = actions.add_parser("rotate", aliases=["new"], help="generate a new current key pair")
    add_global_options(rotate)
    rotate.add_argument("--kid", help="name of the new key (default k<year><letter>)")
    rotate.add_argument(
        "--suite",
        choices=sorted(ALG_OF_SUITE),
        default=SUITE_STANDARD,
        help="cipher suite of the new key: standard (HPKE X25519, HMAC-SHA256) or "
        "sm (SM2 + SM4-GCM, HMAC-SM3)",
    )
    rotate.set_defaults(handler=run_rotate)
    cli_kek.add_actions(actions)


def run_list(args: argparse.Namespace, config: CentralConfig) -> int:
    """Print kid, alg, created_at, demo flag and public key of each pair."""
    pairs = open_core(config).keyring.all()
    rows = [
        {
            "kid": pair.kid,
            "alg": pair.alg,
            "suite": SUITE_OF_ALG[pair.alg],
            "created_at": rfc3339(pair.created_at),
            "current": index == 0,
            "demo": pair.demo,
            "public_key": pair.public_key_b64,
        }
        for index, pair in enumerate(pairs)
    ]
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    for row in rows:
        mark = "*" if row["current"] else " "
        demo = " demo" if row["demo"] else ""
        print(
            f"{mark} {row['kid']}  {row['created_at']}  {row['suite']}  {row['alg']}{demo}  "
            f"{row['public_key']}"
        )
    return 0


def run_rotate(args: argparse.Namespace, config: CentralConfig) -> int:
    """Write a new key file and print its kid."""
    core = open_core(config)
    now = core.clock.now()
    existing = {pair.kid for pair in core.keyring.all()}
    kid = args.kid or next_kid(existing, now.year)
    if kid in existing:
        raise ValueError(f"kid {kid} exists")
    try:
        write_key_file(config.keys_dir, kid, now, demo=False, suite=args.suite)
    except Sm2Error as exc:
        raise ValueError(f"cannot make an SM key here: {exc}") from exc
    core.keyring.refresh()
    register_keys(core.store, core.keyring, now)
    print(kid)
    return 0
