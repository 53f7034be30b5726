"""A real full disk for tests: a size-limited tmpfs of the test's own, and a filler.

Mounting needs root (CI and the developers' machines run as root); elsewhere the
test is skipped with the reason.
"""

from __future__ import annotations

import errno
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


@contextmanager
def mounted_tmpfs(mount_point: Path, size_mb: int) -> Iterator[Path]:
    """A ``size_mb`` tmpfs at ``mount_point`` (made), unmounted afterwards."""
    mount_point.mkdir(parents=True, exist_ok=True)
    try:
        done = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size_mb}m,mode=0700", "tmpfs", str(mount_point)],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        pytest.skip(f"cannot mount a tmpfs here: {exc}")
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here (needs root): {done.stderr.strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], timeout=60, check=False)


def fill(directory: Path) -> Path:
    """A file that takes every free byte left on ``directory``'s filesystem."""
    filler = directory / "filler"
    chunk = b"\0" * (1024 * 1024)
    with filler.open("wb", buffering=0) as handle:
        try:
            while True:
                handle.write(chunk)
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
    small = b"\0" * 512
    with filler.open("ab", buffering=0) as handle:  # the last part-block too
        try:
            while True:
                handle.write(small)
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
    return filler
