"""Real `mashangban` commands, a real central on loopback and plain reads of the store.

Built on tests/store_safety/helpers.py (patient waiting, no fixed sleeps).
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from mashangban.embedded_central import EmbeddedCentral
from tests.conftest import cli_env
from tests.terminal.store_safety.helpers import DEADLINE_S, command

TERMINAL_CODE = "0042"  # the real terminal's configured code in these tests


def run(
    data_dir: Path, *args: str, env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """One command to its end, with this data dir, terminal code 0042 and ``env``."""
    full = cli_env(data_dir)
    full["MASHANGBAN_TERMINAL__CODE"] = TERMINAL_CODE
    full["MASHANGBAN_SYNC__ALLOW_HTTP_LOOPBACK"] = "true"  # test centrals: http:// on loopback
    full.update(env or {})
    return subprocess.run(
        command(*args),
        env=full,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=DEADLINE_S,
    )


def no_traceback(done: subprocess.CompletedProcess[str]) -> bool:
    return "Traceback" not in done.stderr and "Traceback" not in done.stdout


def receipts(done: subprocess.CompletedProcess[str]) -> list[str]:
    """The receipt numbers `loadgen` printed, one a line."""
    return [line for line in done.stdout.splitlines() if line.strip()]


def query(data_dir: Path, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    """Rows of a read-only query on the store, with plain sqlite3."""
    conn = sqlite3.connect(f"file:{data_dir / 'store.sqlite3'}?mode=ro", uri=True)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def write(data_dir: Path, sql: str, *params: Any) -> None:
    """One write on the store while no terminal process runs (a technician's sqlite3)."""
    conn = sqlite3.connect(data_dir / "store.sqlite3")
    try:
        with conn:
            conn.execute(sql, params)
    finally:
        conn.close()


def set_kv(data_dir: Path, key: str, value: str) -> None:
    write(
        data_dir,
        "INSERT INTO kv(key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        key,
        value,
    )


def doctor(data_dir: Path) -> tuple[int, dict[str, dict[str, str]]]:
    """`doctor --json`: its exit code and its checks by name."""
    done = run(data_dir, "doctor", "--json")
    assert no_traceback(done), done.stderr
    checks = {c["name"]: c for c in json.loads(done.stdout)["checks"]}
    return done.returncode, checks


class RealCentral(EmbeddedCentral):
    """The reference central as a platform: its own (non-demo) keys, on 127.0.0.1."""

    def admin_json(self, *args: str) -> Any:
        done = subprocess.run(
            [*self._base(), "--log-level", "warning", *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=DEADLINE_S,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)

    def receipts_of(self, terminal_code: str) -> list[str]:
        return [
            c["receipt_no"] for c in self.admin_json("cases", "--json", "--terminal", terminal_code)
        ]


@contextmanager
def real_central(directory: Path) -> Iterator[RealCentral]:
    with RealCentral(directory, start_timeout_s=DEADLINE_S) as central:
        yield central
