"""`mashangban keys seal-to-tpm`: seal the terminal's file keys to this machine's TPM.

It owns the data directory (the kiosk must be stopped), starts the core as the kiosk
would, then seals keys/local.key and keys/audit.key to the TPM whatever
store.key_protection says, erasing the plain files. The keys do not change, so the
terminal keeps its identity and its audit chain. Exit 0 done, 2 no TPM answers.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from terminal.config import Config


def add_parser(sub: Any) -> None:
    p = sub.add_parser("keys", help="how the terminal's keys are kept (TPM or files)")
    actions = p.add_subparsers(dest="keys_action", metavar="<action>", required=True)
    actions.add_parser("seal-to-tpm", help="seal the key files to this machine's TPM")


def execute(config: Config, args: argparse.Namespace) -> int:
    from terminal.audit.key import KEY_LEN, audit_key_path
    from terminal.crypto.key_protection import KeyProtection, KeyUnavailable, seal_files
    from terminal.runtime import start_core

    core = start_core(config, configure_logging=False)
    try:
        files = [core.paths.local_key_file, audit_key_path(core.paths.local_key_file)]
        try:
            done = seal_files(files, KEY_LEN, KeyProtection.of(config))
        except KeyUnavailable as exc:
            print(
                f"mashangban keys: nothing sealed: {exc}. What to do: {exc.advice}", file=sys.stderr
            )
            return 2
    finally:
        core.close()
    for line in done:
        print(line)
    print(f"terminal {core.terminal_code}: keys sealed to the TPM; `mashangban doctor` confirms")
    return 0
