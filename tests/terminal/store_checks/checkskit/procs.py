"""``mashangban`` and central as real subprocesses, and what their files hold."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

from mashangban.embedded_central import EmbeddedCentral

# A busy 2-core machine: a subprocess start alone can take several seconds.
TIMEOUT_S = 300


def env_for(data_dir: Path, **settings: str) -> dict[str, str]:
    """No user configuration; ``settings`` as MASHANGBAN_<SECTION>__<KEY>."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("MASHANGBAN_")}
    env["XDG_CONFIG_HOME"] = str(data_dir.parent / "xdg-config")
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["MASHANGBAN_TERMINAL__CODE"] = "0042"
    env["MASHANGBAN_SYNC__ALLOW_HTTP_LOOPBACK"] = "true"  # test centrals: http:// on loopback
    env.update({f"MASHANGBAN_{k.upper()}": v for k, v in settings.items()})
    return env


def mashangban(
    data_dir: Path, *args: str, timeout: float = TIMEOUT_S, **settings: str
) -> subprocess.CompletedProcess[str]:
    """``python -m mashangban --data-dir DIR ARGS…`` (never raises on a non-zero exit)."""
    return subprocess.run(
        [sys.executable, "-m", "mashangban", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env_for(data_dir, **settings),
        timeout=timeout,
        check=False,
    )


def printed_receipts(done: subprocess.CompletedProcess[str]) -> list[str]:
    """The receipt numbers loadgen printed, one a line."""
    return [line for line in done.stdout.splitlines() if line.strip()]


def store_rows(data_dir: Path) -> dict[str, dict[str, Any]]:
    """Every submission in the store file by receipt number (read only)."""
    conn = sqlite3.connect(f"file:{data_dir / 'store.sqlite3'}?mode=ro", uri=True)
    try:
        conn.row_factory = sqlite3.Row
        rows = conn.execute(
            "SELECT receipt_no, outbox_state, outbox_error_code, outbox_error_detail "
            "FROM submissions"
        ).fetchall()
        return {row["receipt_no"]: dict(row) for row in rows}
    finally:
        conn.close()


def store_events(data_dir: Path) -> list[tuple[str, str]]:
    conn = sqlite3.connect(f"file:{data_dir / 'store.sqlite3'}?mode=ro", uri=True)
    try:
        return [(k, d) for k, d in conn.execute("SELECT kind, detail FROM store_events")]
    finally:
        conn.close()


def leftovers(data_dir: Path) -> list[Path]:
    """Temporary files anywhere under the data directory."""
    return [p for p in data_dir.rglob("*") if p.name.endswith(".tmp")]


class Central(EmbeddedCentral):
    """The reference central as a real subprocess on 127.0.0.1, with its admin commands."""

    def __init__(self, data_dir: Path, *serve_options: str) -> None:
        super().__init__(data_dir, serve_options=serve_options, start_timeout_s=120)

    def admin(self, *args: str) -> str:
        done = subprocess.run(
            [*self.command, "--data-dir", str(self.data_dir), "--log-level", "warning", *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=TIMEOUT_S,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    def cases(self) -> list[dict[str, Any]]:
        result: list[dict[str, Any]] = json.loads(self.admin("cases", "--json"))
        return result

    def terminals(self) -> list[dict[str, Any]]:
        result: list[dict[str, Any]] = json.loads(self.admin("terminals", "--json"))
        return result


def enrol(data_dir: Path, central: Central) -> subprocess.CompletedProcess[str]:
    """``mashangban enroll`` with a fresh one-time code from central."""
    return mashangban(
        data_dir,
        "enroll",
        "--server",
        central.url,
        "--code",
        central.enrollment_code(),
        sync__server_url=central.url,
    )


def sync_once(data_dir: Path, central: Central) -> subprocess.CompletedProcess[str]:
    return mashangban(data_dir, "sync", "--once", "--now", "--json", sync__server_url=central.url)


def loadgen(
    data_dir: Path, central: Central | None, *args: str, **settings: str
) -> subprocess.CompletedProcess[str]:
    if central is not None:
        settings.setdefault("sync__server_url", central.url)
    return mashangban(data_dir, "loadgen", *args, **settings)
