"""`mashangban selftest`: a packaged build proves itself, headless (mashangban/selftest.py)."""

from __future__ import annotations

import argparse
from typing import Any

from mashangban.selftest import StepResult, run_selftest
from terminal.config import Config


def add_parser(sub: Any) -> None:
    sub.add_parser("selftest", help="check this build end to end on a temporary store")


def _print(result: StepResult) -> None:
    mark = "PASS" if result.ok else "FAIL"
    print(f"[{mark}] {result.name:8} {result.seconds:6.2f} s  {result.detail}", flush=True)


def execute(config: Config, args: argparse.Namespace) -> int:
    results = run_selftest(_print)
    failed = [r.name for r in results if not r.ok]
    print("selftest: " + ("all steps passed" if not failed else "FAILED: " + ", ".join(failed)))
    return 1 if failed else 0
