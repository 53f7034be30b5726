"""`mashangban run [--windowed]`: start the kiosk."""

from __future__ import annotations

import argparse
from typing import Any

from terminal.config import Config


def add_parser(sub: Any) -> None:
    p = sub.add_parser("run", help="start the terminal (kiosk window)")
    p.add_argument("--windowed", action="store_true", help="a normal window, for development")
    p.add_argument(
        "--exit-after-home",
        action="store_true",
        help="quit as soon as Home is shown (start-up measurement, selftests)",
    )


def execute(config: Config, args: argparse.Namespace) -> int:
    from mashangban.launch import launch  # Qt is imported only for this command
    from mashangban.space_wait import wait_for_room
    from terminal.submissions.headroom import StorageFull

    while True:
        try:
            return launch(config, windowed=args.windowed, exit_after_home=args.exit_after_home)
        except StorageFull as problem:  # no crash loop: wait for room, then start
            wait_for_room(problem, config.store.min_free_disk_mb * 1024 * 1024)
