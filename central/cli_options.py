"""The global options every command and sub-command accepts."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_global_options(parser: argparse.ArgumentParser, suppress: bool = True) -> None:
    """``--data-dir``, ``--db`` and ``--log-level``; on sub-commands their defaults are
    suppressed so that a value given before the command is not overwritten."""
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument("--data-dir", type=Path, default=default, help="data directory")
    parser.add_argument("--db", default=default, help="database URL (default: SQLite in data dir)")
    parser.add_argument(
        "--log-level",
        default=argparse.SUPPRESS if suppress else "info",
        choices=["debug", "info", "warning", "error"],
        help="log level on stderr (default info)",
    )
