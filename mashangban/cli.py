"""`mashangban [--config FILE] [--data-dir DIR] <command>`.

Global options come before the command. Every configuration key can also be
set by an environment variable MASHANGBAN_<SECTION>__<KEY>.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from mashangban.commands import audit, doctor, enroll, loadgen, queue, run, selftest, staff, sync
from terminal.config import Config, ConfigError, load_config

COMMANDS = {
    "run": run,
    "doctor": doctor,
    "queue": queue,
    "loadgen": loadgen,
    "enroll": enroll,
    "sync": sync,
    "staff": staff,
    "audit": audit,
    "selftest": selftest,
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mashangban",
        description="马上办 self-service terminal",
        epilog="Every configuration key can also be set as MASHANGBAN_<SECTION>__<KEY>.",
    )
    parser.add_argument("--config", type=Path, help="configuration file (TOML)")
    parser.add_argument("--data-dir", type=Path, help="data directory (overrides store.data_dir)")
    sub = parser.add_subparsers(dest="command", metavar="<command>", required=True)
    for module in COMMANDS.values():
        module.add_parser(sub)
    return parser


def load(args: argparse.Namespace) -> Config:
    overrides = {"store.data_dir": str(args.data_dir)} if args.data_dir else {}
    return load_config(args.config, overrides=overrides)


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list[:1] == ["central"]:
        # The packaged terminal carries the reference central for the embedded default.
        from central.cli import main as central_main

        return int(central_main(args_list[1:]) or 0)
    parser = build_parser()
    args = parser.parse_args(args_list)
    try:
        config = load(args)
    except ConfigError as exc:
        print(f"mashangban: configuration problem: {exc}", file=sys.stderr)
        return 2
    result: int = COMMANDS[args.command].execute(config, args)
    return result


if __name__ == "__main__":
    raise SystemExit(main())
