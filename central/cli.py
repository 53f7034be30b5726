"""``mashangban-central [--data-dir DIR] [--db URL] <command>``: the server and its admin.

The global options may also follow the command (``serve --data-dir X``); the
environment variables MASHANGBAN_CENTRAL_DATA_DIR and MASHANGBAN_CENTRAL_DB are used
when the options are not given.
"""

from __future__ import annotations

import argparse
import getpass
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from central import cli_admin, cli_doctor, cli_keys, cli_serve, cli_staff
from central import security_log as events
from central.at_rest import AtRestError
from central.cli_options import add_global_options
from central.config import CentralConfig
from central.problems import ProblemError
from central.security_log import SecurityLog

ENV_DATA_DIR = "MASHANGBAN_CENTRAL_DATA_DIR"
ENV_DB = "MASHANGBAN_CENTRAL_DB"


def build_parser() -> argparse.ArgumentParser:
    """The whole command line."""
    parser = argparse.ArgumentParser(
        prog="mashangban-central", description="马上办 reference central platform"
    )
    add_global_options(parser, suppress=False)
    commands = parser.add_subparsers(dest="command", required=True, metavar="<command>")

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        add_global_options(sub)
        return sub

    cli_serve.add_arguments(command("serve", "run the HTTP server"))
    cli_admin.add_arguments(command)
    cli_keys.add_arguments(
        command("keys", "platform key pairs; key-encryption keys of data at rest")
    )
    cli_staff.add_arguments(command("staff", "staff accounts provisioned to terminals"))
    cli_doctor.add_arguments(command("doctor", "check that central's files are private"))
    return parser


def config_from(args: argparse.Namespace) -> CentralConfig:
    """Settings from the global options, the environment, then the defaults."""
    env_dir = os.environ.get(ENV_DATA_DIR)
    data_dir = args.data_dir or (Path(env_dir) if env_dir else None)
    db_url = args.db or os.environ.get(ENV_DB) or None
    return CentralConfig.build(data_dir=data_dir, db_url=db_url)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; the exit status is 0 on success."""
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=args.log_level.upper(),
        stream=sys.stderr,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    os.umask(0o077)  # whatever central writes (database, WAL, keys, logs) is its own
    config = config_from(args)
    status = 1
    try:
        status = int(args.handler(args, config))
    except ProblemError as exc:
        print(f"error: {exc.detail or exc.title}", file=sys.stderr)
        status = 1
    except AtRestError as exc:
        print(f"error: {exc}. Nothing was shown; see the security log.", file=sys.stderr)
        status = 2
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        status = 2
    finally:
        if args.command != "serve":
            record_admin_command(config, args, status)
    return status


def _operator() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry for this uid (containers)
        return str(os.getuid()) if hasattr(os, "getuid") else "unknown"


def record_admin_command(config: CentralConfig, args: argparse.Namespace, status: int) -> None:
    """One security-log line per admin command: which command, who ran it, its exit
    status; never its arguments (names, PINs, notes)."""
    name = " ".join(part for part in (args.command, getattr(args, "action", None)) if part)
    try:
        security = SecurityLog(config.security_log_path)
        security.record(
            events.ADMIN_COMMAND, "ok" if status == 0 else f"exit-{status}",
            source="local", command=name, operator=_operator(),
        )  # fmt: skip
        security.close()
    except OSError as exc:  # a read-only data dir must not fail a listing
        logging.getLogger(__name__).warning("security log not written: %s", exc)
