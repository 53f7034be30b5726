"""Running the real ``mashangban-central`` console script in subprocesses."""

from __future__ import annotations

import json
import selectors
import subprocess
import sys
import time
from pathlib import Path
from typing import IO, Any

SCRIPT = Path(sys.executable).parent / "mashangban-central"


def command(data_dir: Path, db_url: str, *args: str) -> list[str]:
    """The argv of one invocation with the global options first."""
    base = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "central"]
    return [*base, "--data-dir", str(data_dir), "--db", db_url, "--log-level", "warning", *args]


def run_cli(data_dir: Path, db_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run one admin command to completion."""
    return subprocess.run(
        command(data_dir, db_url, *args), capture_output=True, text=True, timeout=120
    )


def run_json(data_dir: Path, db_url: str, *args: str) -> Any:
    """Run a ``--json`` command and parse its output."""
    done = run_cli(data_dir, db_url, *args, "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def read_line(stream: IO[str], timeout_s: float) -> str:
    """One line from a child's stdout, or TimeoutError."""
    selector = selectors.DefaultSelector()
    selector.register(stream, selectors.EVENT_READ)
    deadline = time.monotonic() + timeout_s
    try:
        while time.monotonic() < deadline:
            if selector.select(timeout=deadline - time.monotonic()):
                return stream.readline()
    finally:
        selector.close()
    raise TimeoutError("no line from the child process")


class ServeProcess:
    """``serve --port 0`` in a subprocess; ``url`` is what it announced."""

    def __init__(self, data_dir: Path, db_url: str, *serve_args: str) -> None:
        self.stderr_path = data_dir.parent / f"serve-{time.monotonic_ns()}.log"
        self._stderr = open(self.stderr_path, "w")  # noqa: SIM115 (closed in stop)
        self.process = subprocess.Popen(
            command(data_dir, db_url, "serve", "--port", "0", *serve_args),
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            text=True,
        )
        assert self.process.stdout is not None
        self.line = read_line(self.process.stdout, 60).strip()
        self.url = self.line.removeprefix("listening ").strip()

    def stop(self) -> int:
        """SIGTERM and wait; the exit status."""
        self.process.terminate()
        try:
            return self.process.wait(timeout=30)
        finally:
            if self.process.stdout:
                self.process.stdout.close()
            self._stderr.close()
