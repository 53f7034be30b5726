"""`mashangban [--config FILE] [--data-dir DIR] <command>`.

Global options come before the command. Every configuration key can also be
set by an environment variable MASHANGBAN_<SECTION>__<KEY>.
"""

from __future__ import annotations

import argparse
import errno
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

from terminal.config import Config, ConfigError, load_config
from terminal.store.access import StoreUnavailable
from terminal.store.owner import DataDirBusy, LockUnavailable
from terminal.submissions.headroom import StorageFull

# Command name → its module in mashangban/commands/, imported only when chosen: the
# kiosk's `run` must not pay for sync's HTTP stack, SQLAlchemy or pydantic (~0.35 s).
#: Exit status when the data directory's disk is too full to start (EX_TEMPFAIL).
EXIT_NO_SPACE = 75
COMMANDS = (
    "run",
    "doctor",
    "queue",
    "loadgen",
    "enroll",
    "sync",
    "staff",
    "audit",
    "keys",
    "selftest",
)


def command_module(name: str) -> ModuleType:
    return importlib.import_module(f"mashangban.commands.{name}")


def _global_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", type=Path, help="configuration file (TOML)")
    parser.add_argument("--data-dir", type=Path, help="data directory (overrides store.data_dir)")


def chosen_command(argv: Sequence[str]) -> str | None:
    """The command named in ``argv`` (after the global options), if it is a known one
    and no help is asked for (help and usage errors are given by the whole parser)."""
    probe = argparse.ArgumentParser(prog="mashangban", add_help=False, exit_on_error=False)
    _global_options(probe)
    probe.add_argument("-h", "--help", action="store_true")
    probe.add_argument("command", nargs="?")
    try:
        known, _ = probe.parse_known_args(list(argv))
    except argparse.ArgumentError:  # e.g. --config without a file: the whole parser says so
        return None
    return known.command if known.command in COMMANDS and not known.help else None


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole command line, or with ``only`` that command's subparser (enough to
    parse its arguments; help and errors about the command itself use the whole)."""
    parser = argparse.ArgumentParser(
        prog="mashangban",
        description="马上办 self-service terminal",
        epilog="Every configuration key can also be set as MASHANGBAN_<SECTION>__<KEY>.",
    )
    _global_options(parser)
    sub = parser.add_subparsers(dest="command", metavar="<command>", required=True)
    for name in (only,) if only else COMMANDS:
        command_module(name).add_parser(sub)
    return parser


def load(args: argparse.Namespace) -> Config:
    overrides = {"store.data_dir": str(args.data_dir)} if args.data_dir else {}
    return load_config(args.config, overrides=overrides)


# Commands that only read the data directory (terminal/readonly_core.py): a missing one
# is "no store yet" for them, never created.
READ_ONLY = frozenset({"doctor", "queue"})


def data_dir_problem(path: Path, *, create: bool, kiosk: bool = False) -> str | None:
    """Why ``path`` cannot be this terminal's data directory, or None. With ``create``
    a missing one is made (as the writer's start would) so that failure is told here,
    in one line, instead of deep in the start-up. For the ``kiosk`` a permission
    problem is left to its calm wait (mashangban/store_wait.py): a technician can fix
    that while it waits; a file in the way or a path that cannot exist cannot be."""
    if path.exists():
        return None if path.is_dir() else f"{path} is a file, not a folder"
    ancestor = path.parent
    while not ancestor.exists() and ancestor != ancestor.parent:
        ancestor = ancestor.parent
    if not ancestor.is_dir():
        return f"{path} is inside {ancestor}, which is a file, not a folder"
    if not create:
        return None
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        if kiosk and exc.errno in (errno.EACCES, errno.EPERM):
            return None
        return f"cannot create the folder {path}: {exc.strerror or type(exc).__name__}"
    return None


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list[:1] == ["central"]:
        # The packaged terminal carries the reference central for the embedded default.
        from central.cli import main as central_main

        return int(central_main(args_list[1:]) or 0)
    args = build_parser(chosen_command(args_list)).parse_args(args_list)
    try:
        config = load(args)
    except ConfigError as exc:
        print(f"mashangban: configuration problem: {exc}", file=sys.stderr)
        return 2
    problem = data_dir_problem(
        config.data_dir, create=args.command not in READ_ONLY, kiosk=args.command == "run"
    )
    if problem:
        print(
            f"mashangban {args.command}: the data directory cannot be used: {problem}. "
            "What to do: give --data-dir (or store.data_dir) a folder this user may write.",
            file=sys.stderr,
        )
        return 2
    try:
        result: int = command_module(args.command).execute(config, args)
    except StorageFull as exc:  # plain words and a status of its own, never a traceback
        print(f"mashangban: {exc}", file=sys.stderr)
        return EXIT_NO_SPACE
    except (DataDirBusy, LockUnavailable) as exc:  # a second writer: refused, nothing done
        print(f"mashangban {args.command}: refused: {exc}", file=sys.stderr)
        return 2
    except StoreUnavailable as exc:  # not damage: nothing was moved; say what to do
        print(f"mashangban {args.command}: {exc}. What to do: {exc.advice}", file=sys.stderr)
        return 2
    return result


if __name__ == "__main__":
    raise SystemExit(main())
