"""The reference central as a real subprocess on 127.0.0.1, and its admin command line."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

from mashangban.embedded_central import EmbeddedCentral


class CentralProcess(EmbeddedCentral):
    """``mashangban-central serve`` in a subprocess, plus the admin commands tests use."""

    def __init__(self, data_dir: Path, *serve_options: str) -> None:
        super().__init__(data_dir, serve_options=serve_options, start_timeout_s=60)

    def admin(self, *args: str) -> str:
        """Run an admin command; its stdout (fails the test on a non-zero exit)."""
        done = subprocess.run(
            [*self.command, "--data-dir", str(self.data_dir), "--log-level", "warning", *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=60,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    def cases(self, terminal: str | None = None) -> list[dict[str, Any]]:
        """``cases --json`` (of one terminal when given)."""
        extra = ["--terminal", terminal] if terminal else []
        result: list[dict[str, Any]] = json.loads(self.admin("cases", "--json", *extra))
        return result

    def terminals(self) -> list[dict[str, Any]]:
        """``terminals --json``."""
        result: list[dict[str, Any]] = json.loads(self.admin("terminals", "--json"))
        return result
