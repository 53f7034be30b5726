"""Running ``mashangban`` as a real subprocess with an isolated data dir and configuration."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def run_mashangban(
    data_dir: Path, *args: str, env: dict[str, str] | None = None, timeout: float = 90
) -> subprocess.CompletedProcess[str]:
    """``python -m mashangban --data-dir DIR ARGS…``; no user config, only ``env`` settings."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("MASHANGBAN_")}
    clean["XDG_CONFIG_HOME"] = str(data_dir.parent / "xdg-config")
    clean.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "mashangban", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=clean,
        timeout=timeout,
        check=False,
    )
