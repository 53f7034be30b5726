"""Real `mashangban` processes on a real data directory, and patient waiting for them.

Everything waits for a condition with a generous deadline (the machine may be busy);
nothing sleeps a fixed time to let something happen.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from tests.conftest import cli_env

DEADLINE_S = 180.0
# Root reads any file; without these two capabilities it obeys file modes like the
# kiosk's own user does (setpriv drops them before exec).
DROP_DAC = ("setpriv", "--bounding-set=-dac_override,-dac_read_search", "--")


def command(*args: str, prefix: Sequence[str] = ()) -> list[str]:
    return [*prefix, sys.executable, "-m", "mashangban", *args]


def cli(
    data_dir: Path, *args: str, prefix: Sequence[str] = (), stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    """Run one command to its end."""
    return subprocess.run(
        command(*args, prefix=prefix),
        env=cli_env(data_dir),
        input=stdin,
        capture_output=True,
        text=True,
        timeout=DEADLINE_S,
    )


def spawn(data_dir: Path, *args: str, prefix: Sequence[str] = ()) -> subprocess.Popen[str]:
    """Start a long-running command; stdout is a pipe, stderr goes to a file beside it."""
    err = (data_dir.parent / f"stderr-{time.monotonic_ns()}.txt").open("w")
    proc = subprocess.Popen(
        command(*args, prefix=prefix),
        env=cli_env(data_dir),
        stdout=subprocess.PIPE,
        stderr=err,
        text=True,
    )
    proc.stderr_path = Path(err.name)  # type: ignore[attr-defined]
    err.close()
    return proc


def stderr_of(proc: subprocess.Popen[str]) -> str:
    path: Path = proc.stderr_path  # type: ignore[attr-defined]
    return path.read_text(encoding="utf-8", errors="replace")


def wait_until(condition: Callable[[], bool], what: str, timeout_s: float = DEADLINE_S) -> None:
    """Poll ``condition`` until it holds; fail naming ``what`` after the deadline."""
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout_s:.0f} s waiting for {what}")
        time.sleep(0.1)


def log_text(data_dir: Path) -> str:
    path = data_dir / "logs" / "mashangban.log"
    return path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""


def stop(proc: subprocess.Popen[str]) -> int:
    """SIGTERM, and the exit code once it has ended (killed if it will not)."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=30)
    if proc.stdout is not None:
        proc.stdout.close()
    return proc.returncode


def store_files(data_dir: Path) -> dict[str, tuple[int, str]]:
    """Each store file and everything under damaged/: inode and content digest (so a
    rename or a rewrite both show)."""
    found: dict[str, tuple[int, str]] = {}
    candidates = [data_dir / "store.sqlite3", *sorted((data_dir / "damaged").glob("*"))]
    for path in candidates:
        if path.exists():
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            found[str(path.relative_to(data_dir))] = (path.stat().st_ino, digest)
    return found


def receipts_in_store(data_dir: Path) -> dict[str, list[str]]:
    """receipt number → sha256 of each of its attachments, read with plain sqlite3."""
    conn = sqlite3.connect(f"file:{data_dir / 'store.sqlite3'}?mode=ro", uri=True)
    try:
        rows = conn.execute(
            "SELECT s.receipt_no, a.sha256 FROM submissions s "
            "LEFT JOIN attachments a ON a.submission_id = s.id"
        ).fetchall()
    finally:
        conn.close()
    out: dict[str, list[str]] = {}
    for receipt, sha in rows:
        out.setdefault(receipt, [])
        if sha:
            out[receipt].append(sha)
    return out


def unprivileged_prefix(probe_dir: Path) -> tuple[str, ...]:
    """How to run a command that file modes apply to: nothing as a normal user; as root,
    setpriv without the DAC capabilities. Skips when neither works here."""
    if os.geteuid() != 0:
        return ()
    if shutil.which("setpriv") is None:
        pytest.skip("running as root and setpriv is missing: cannot obey file modes")
    secret = probe_dir / "probe-000"
    secret.write_bytes(b"x")
    secret.chmod(0)
    try:
        done = subprocess.run(
            [*DROP_DAC, sys.executable, "-c", f"open({str(secret)!r}, 'rb')"],
            capture_output=True,
            timeout=60,
        )
    finally:
        secret.unlink()
    if b"PermissionError" not in done.stderr:
        pytest.skip("setpriv could not drop root's file-permission override here")
    return DROP_DAC
