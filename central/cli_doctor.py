"""``doctor [--fix]``: is central's data private? Lists every path of the data dir
(and of an SQLite database elsewhere) that other local users may read, and with
``--fix`` makes directories 0700 and files 0600. Exit 0 when all is private.

It only reads (without ``--fix``) and needs no database connection, so it can run
beside a serving central.
"""

from __future__ import annotations

import argparse

from central.config import CentralConfig
from central.file_modes import loose_paths, tighten


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``doctor``."""
    parser.add_argument("--fix", action="store_true", help="chmod 0700 dirs, 0600 files")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, config: CentralConfig) -> int:
    """Print one line per finding; 0 when nothing is (or remains) readable by others."""
    loose = loose_paths(config.data_dir, config.db_url, deep=True)
    if not loose:
        print(f"ok: {config.data_dir} and everything in it is private (0700 / 0600)")
        return 0
    for item in loose:
        print(f"{'fixing' if args.fix else 'loose'}: {item.describe()}")
    if not args.fix:
        print(f"{len(loose)} path(s) readable by others; run `mashangban-central doctor --fix`")
        return 1
    failed = tighten(loose)
    for item in failed:
        print(f"error: could not change {item.path}")
    return 1 if failed else 0
